// The column constructors of declare.hpp: sizes, parsers and nullability per
// kind of value are fixed here once, so the table files only name things.
#include "catalog/declare.hpp"

namespace tb::catalog {

int default_column_size(SqlType type) {
    // ODBC's COLUMN_SIZE conventions (digits for numbers, characters of the
    // canonical text form for date/time values).
    switch (type) {
    case SqlType::Integer: return 10;
    case SqlType::BigInt: return 19;
    case SqlType::Decimal: return 15;
    case SqlType::Double: return 15;
    case SqlType::Date: return 10;       // yyyy-mm-dd
    case SqlType::Time: return 8;        // hh:mm:ss
    case SqlType::Timestamp: return 19;  // yyyy-mm-dd hh:mm:ss
    case SqlType::Bit: return 1;
    case SqlType::WVarchar: return 255;
    }
    return 0;
}

namespace detail {

namespace {
Column make(std::string name, SqlType type, ValueParser parser, std::string header,
            std::string description) {
    Column c;
    c.name = std::move(name);
    c.type = type;
    c.size = default_column_size(type);
    c.parser = parser;
    c.header = std::move(header);
    c.description = std::move(description);
    return c;
}
} // namespace

// Ids and counts read from the CSV are BIGINT: ids beyond 2^31 exist, and
// an INTEGER column made the whole statement fail on one of them (22003).
Column integer(std::string name, std::string header, std::string description) {
    return make(std::move(name), SqlType::BigInt, ValueParser::Integer, std::move(header),
                std::move(description));
}

Column reference(std::string name, std::string header, std::string description) {
    return make(std::move(name), SqlType::BigInt, ValueParser::Reference, std::move(header),
                std::move(description));
}

Column text(std::string name, std::string header, std::string description, int size) {
    Column c = make(std::move(name), SqlType::WVarchar, ValueParser::Text, std::move(header),
                    std::move(description));
    c.size = size;
    return c;
}

Column long_text(std::string name, std::string header, std::string description) {
    return text(std::move(name), std::move(header), std::move(description), kLongText);
}

Column decimal(std::string name, int precision, int scale, std::string header,
               std::string description) {
    Column c = make(std::move(name), SqlType::Decimal, ValueParser::Decimal, std::move(header),
                    std::move(description));
    c.size = precision;
    c.scale = scale;
    return c;
}

Column date(std::string name, std::string header, std::string description) {
    return make(std::move(name), SqlType::Date, ValueParser::DateDmy, std::move(header),
                std::move(description));
}

Column time(std::string name, std::string header, std::string description) {
    return make(std::move(name), SqlType::Time, ValueParser::TimeHm, std::move(header),
                std::move(description));
}

Column boolean(std::string name, std::string header, std::string description) {
    return make(std::move(name), SqlType::Bit, ValueParser::Bool, std::move(header),
                std::move(description));
}

Column epoch_ms(std::string name, std::string header, std::string description) {
    return make(std::move(name), SqlType::Timestamp, ValueParser::EpochMillis, std::move(header),
                std::move(description));
}

Column request_value(std::string name, SqlType type, std::string description, bool nullable) {
    Column c = make(std::move(name), type, ValueParser::None, "", std::move(description));
    c.nullable = nullable;
    return c;
}

Column input(std::string name, SqlType type, std::string description, int size) {
    Column c = make(std::move(name), type, ValueParser::None, "", std::move(description));
    if (size > 0) c.size = size;
    c.input_only = true;
    return c;
}

Column not_null(Column column) {
    column.nullable = false;
    return column;
}

Column at_position(Column column, int position) {
    column.csv_position = position;
    return column;
}

KeyColumn key(std::string column, std::string param, ParamFormat format,
              KeyColumn::Default when_absent) {
    KeyColumn k;
    k.column = std::move(column);
    k.param = std::move(param);
    k.format = format;
    k.when_absent = when_absent;
    return k;
}

std::vector<ForeignKey> standard_foreign_keys(const Table& table) {
    // SCHEMA.md: a column referring to an entity carries the entity's id name,
    // so the references follow from the names alone.
    struct Rule { const char* column; const char* table; const char* ref_column; };
    static const Rule rules[] = {
        {"user_id", "users", "user_id"},
        {"substitute_user_id", "users", "user_id"},
        {"project_id", "projects", "project_id"},
        {"service_id", "services", "service_id"},
        {"holiday_set_id", "holidaysets", "holiday_set_id"},
    };
    std::vector<ForeignKey> out;
    for (const Column& c : table.columns)
        for (const Rule& r : rules)
            if (c.name == r.column && table.name != r.table)
                out.push_back({c.name, r.table, r.ref_column});
    return out;
}

} // namespace detail
} // namespace tb::catalog
