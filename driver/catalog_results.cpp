#include "driver/catalog_results.hpp"

#include <algorithm>
#include <cctype>

#include "catalog/catalog.hpp"
#include "driver/types.hpp"
#include "engine/cache.hpp"
#include "engine/session.hpp"

namespace tb::driver {
namespace {

using catalog::SqlType;
using engine::Cell;
using engine::ColumnInfo;


ColumnInfo text_column(const char* name, bool nullable = true) {
    return {name, SqlType::WVarchar, 128, 0, nullable, {}, {}};
}
ColumnInfo small_column(const char* name, bool nullable = true) {
    return {name, SqlType::Integer, 5, 0, nullable, {}, {}};
}
ColumnInfo int_column(const char* name, bool nullable = true) {
    return {name, SqlType::Integer, 10, 0, nullable, {}, {}};
}

Cell text(std::string value) { return Cell(std::move(value)); }
Cell number(std::int64_t value) { return Cell(value); }
Cell null() { return Cell(); }

bool char_equal(char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

bool match(std::string_view p, std::string_view t) {
    while (!p.empty()) {
        if (p.front() == '%') {
            p.remove_prefix(1);
            for (std::size_t i = 0; i <= t.size(); ++i)
                if (match(p, t.substr(i))) return true;
            return false;
        }
        if (t.empty()) return false;
        if (p.front() == '_') {
            p.remove_prefix(1);
            t.remove_prefix(1);
            continue;
        }
        if (p.front() == '\\' && p.size() > 1) p.remove_prefix(1);
        if (!char_equal(p.front(), t.front())) return false;
        p.remove_prefix(1);
        t.remove_prefix(1);
    }
    return t.empty();
}

// A connection's tables are in the schema of its source (timebutler, goodtime).
bool schema_matches(const Pattern& schema, const catalog::Source& source) {
    return !schema || schema->empty() || pattern_matches(schema, source.name);
}

// Characters as a UTF-16 application counts them (a character beyond the
// BMP takes two), so a buffer of the described size holds the value.
int utf16_length(std::string_view text) {
    int n = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++n;
        if (c >= 0xF0) ++n;
    }
    return n;
}

// Text columns are described at least as wide as their longest value:
// REMARKS carries table and column descriptions (up to 267 characters for
// absences), and clients size their buffers by the description (Perl's
// table_info died with 01004, RODBC cut at 255).
std::unique_ptr<engine::Cursor> fitted_result(std::vector<ColumnInfo> columns, std::vector<std::vector<Cell>> rows) {
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i)
            if (const auto* value = std::get_if<std::string>(&row[i]); value && columns[i].type == SqlType::WVarchar)
                columns[i].size = std::max(columns[i].size, utf16_length(*value));
    return std::make_unique<engine::RowsCursor>(std::move(columns), std::move(rows));
}

ColumnInfo info_of(const catalog::Column& c) { return {c.name, c.type, c.size, c.scale, c.nullable, {}, {}}; }

} // namespace

bool pattern_matches(const Pattern& pattern, std::string_view text) {
    if (!pattern) return true;
    return match(*pattern, text);
}

std::unique_ptr<engine::Cursor> empty_result(const char* const* names, std::size_t count) {
    std::vector<ColumnInfo> columns;
    for (std::size_t i = 0; i < count; ++i) columns.push_back(text_column(names[i]));
    return std::make_unique<engine::RowsCursor>(std::move(columns), std::vector<std::vector<Cell>>{});
}

std::unique_ptr<engine::Cursor> type_info_result(SQLSMALLINT type, SQLINTEGER odbc_version) {
    std::vector<ColumnInfo> columns = {
        text_column("TYPE_NAME", false), small_column("DATA_TYPE", false), int_column("COLUMN_SIZE"),
        text_column("LITERAL_PREFIX"), text_column("LITERAL_SUFFIX"), text_column("CREATE_PARAMS"),
        small_column("NULLABLE", false), small_column("CASE_SENSITIVE", false), small_column("SEARCHABLE", false),
        small_column("UNSIGNED_ATTRIBUTE"), small_column("FIXED_PREC_SCALE", false), small_column("AUTO_UNIQUE_VALUE"),
        text_column("LOCAL_TYPE_NAME"), small_column("MINIMUM_SCALE"), small_column("MAXIMUM_SCALE"),
        small_column("SQL_DATA_TYPE", false), small_column("SQL_DATETIME_SUB"), int_column("NUM_PREC_RADIX"),
        small_column("INTERVAL_PRECISION")};
    struct Spec { SqlType type; int size; const char* prefix; const char* suffix; const char* params; int max_scale; };
    // Ordered by DATA_TYPE as ODBC requires.
    const Spec specs[] = {
        {SqlType::WVarchar, 4000, "'", "'", "max length", -1}, {SqlType::Bit, 1, nullptr, nullptr, nullptr, -1},
        {SqlType::BigInt, 19, nullptr, nullptr, nullptr, 0},   {SqlType::Decimal, 15, nullptr, nullptr, "precision,scale", 15},
        {SqlType::Integer, 10, nullptr, nullptr, nullptr, 0},  {SqlType::Double, 15, nullptr, nullptr, nullptr, -1},
        {SqlType::Date, 10, "'", "'", nullptr, -1},            {SqlType::Time, 8, "'", "'", nullptr, -1},
        {SqlType::Timestamp, 19, "'", "'", nullptr, -1},
    };
    std::vector<std::vector<Cell>> rows;
    for (const auto& s : specs) {
        const SQLSMALLINT code = sql_type_code(s.type, odbc_version);
        if (type != SQL_ALL_TYPES && type != code && type != sql_type_code(s.type, SQL_OV_ODBC3) &&
            type != sql_type_code(s.type, SQL_OV_ODBC2))
            continue;
        const bool numeric = radix(s.type) != 0;
        rows.push_back({text(type_name(s.type)), number(code), number(s.size), s.prefix ? text(s.prefix) : null(),
                        s.suffix ? text(s.suffix) : null(), s.params ? text(s.params) : null(), number(SQL_NULLABLE),
                        number(s.type == SqlType::WVarchar ? SQL_TRUE : SQL_FALSE),
                        number(s.type == SqlType::WVarchar ? SQL_SEARCHABLE : SQL_PRED_BASIC),
                        numeric ? number(s.type == SqlType::Bit ? SQL_TRUE : SQL_FALSE) : null(), number(SQL_FALSE),
                        numeric ? number(SQL_FALSE) : null(), text(type_name(s.type)),
                        s.max_scale >= 0 ? number(0) : null(), s.max_scale >= 0 ? number(s.max_scale) : null(),
                        number(verbose_type_code(s.type)),
                        datetime_subcode(s.type) ? number(datetime_subcode(s.type)) : null(),
                        numeric ? number(radix(s.type)) : null(), null()});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::get<std::int64_t>(a[1]) < std::get<std::int64_t>(b[1]);
    });
    return fitted_result(std::move(columns), std::move(rows));
}

std::unique_ptr<engine::Cursor> tables_result(engine::Session& session, const Pattern& catalog, const Pattern& schema,
                                              const Pattern& table, const Pattern& types) {
    const catalog::Source& source = session.catalog_source();
    std::vector<ColumnInfo> columns = {text_column("TABLE_CAT"), text_column("TABLE_SCHEM"), text_column("TABLE_NAME"),
                                       text_column("TABLE_TYPE"), text_column("REMARKS")};
    std::vector<std::vector<Cell>> rows;
    auto is_all = [](const Pattern& p) { return p && *p == "%"; };
    auto is_empty = [](const Pattern& p) { return p && p->empty(); };
    // With no catalogs, a NULL catalog means the same as an empty one in the
    // enumerations below: DBD::ODBC's table_info passes NULL for ''.
    auto no_catalog = [](const Pattern& p) { return !p || p->empty(); };
    if (catalog && is_all(catalog) && is_empty(schema) && is_empty(table)) {
        // SQL_ALL_CATALOGS: the driver has no catalogs.
    } else if (is_all(schema) && no_catalog(catalog) && is_empty(table)) {
        rows.push_back({null(), text(source.name), null(), null(), null()});
    } else if (types && *types == "%" && no_catalog(catalog) && is_empty(schema) && is_empty(table)) {
        rows.push_back({null(), null(), null(), text("TABLE"), null()});
    } else {
        // A list like 'TABLE','VIEW' or TABLE,VIEW: every table is a TABLE.
        bool wants_tables = !types || types->empty();
        if (!wants_tables) {
            std::string item;
            for (std::size_t i = 0; i <= types->size(); ++i) {
                const char ch = i < types->size() ? (*types)[i] : ',';
                if (ch == ',') {
                    wants_tables = wants_tables || item == "TABLE" || item == "%";
                    item.clear();
                } else if (ch != '\'' && ch != ' ') {
                    item += char(std::toupper(static_cast<unsigned char>(ch)));
                }
            }
        }
        if (wants_tables && (!catalog || catalog->empty() || *catalog == "%") && schema_matches(schema, source)) {
            for (const auto& t : source.tables)
                // Tables whose action the instance answered as unknown are not listed.
                if (pattern_matches(table, t.name) && !session.known_to_lack(t))
                    rows.push_back({null(), text(source.name), text(t.name), text("TABLE"), text(t.description)});
        }
    }
    return fitted_result(std::move(columns), std::move(rows));
}

namespace {
// SQLColumns lists the run-time columns too; learning them may fail (no
// personnel token, the action missing, no daily call left), and then the
// declared columns are listed alone rather than failing the whole catalog call.
void learn_columns_quietly(engine::Session& session, const catalog::Table& table) {
    std::vector<engine::Warning> ignored;
    try {
        session.learn_runtime_columns(table, ignored);
    } catch (const engine::Error&) {
    }
}
} // namespace

std::unique_ptr<engine::Cursor> columns_result(engine::Session& session, SQLINTEGER odbc_version,
                                               const Pattern& schema, const Pattern& table, const Pattern& column) {
    const catalog::Source& source = session.catalog_source();
    std::vector<ColumnInfo> columns = {
        text_column("TABLE_CAT"), text_column("TABLE_SCHEM"), text_column("TABLE_NAME", false),
        text_column("COLUMN_NAME", false), small_column("DATA_TYPE", false), text_column("TYPE_NAME", false),
        int_column("COLUMN_SIZE"), int_column("BUFFER_LENGTH"), small_column("DECIMAL_DIGITS"),
        small_column("NUM_PREC_RADIX"), small_column("NULLABLE", false), text_column("REMARKS"),
        text_column("COLUMN_DEF"), small_column("SQL_DATA_TYPE", false), small_column("SQL_DATETIME_SUB"),
        int_column("CHAR_OCTET_LENGTH"), int_column("ORDINAL_POSITION", false), text_column("IS_NULLABLE")};
    std::vector<std::vector<Cell>> rows;
    if (schema_matches(schema, source)) {
        for (const auto& t : source.tables) {
            if (!pattern_matches(table, t.name)) continue;
            if (session.known_to_lack(t)) continue;
            learn_columns_quietly(session, t);
            int ordinal = 0;
            for (const auto& cached : session.cache().columns(t)) {
                ++ordinal;
                const auto& c = cached.column;
                if (!pattern_matches(column, c.name)) continue;
                const ColumnInfo info = info_of(c);
                const bool numeric = radix(c.type) != 0;
                rows.push_back({null(), text(source.name), text(t.name), text(c.name),
                                number(sql_type_code(c.type, odbc_version)), text(type_name(c.type)),
                                number(std::int64_t(column_size(info))), number(octet_length(info)),
                                numeric || c.type == SqlType::Timestamp ? number(decimal_digits(info)) : null(),
                                numeric ? number(radix(c.type)) : null(),
                                number(c.nullable ? SQL_NULLABLE : SQL_NO_NULLS), text(c.description), null(),
                                number(verbose_type_code(c.type)),
                                datetime_subcode(c.type) ? number(datetime_subcode(c.type)) : null(),
                                c.type == SqlType::WVarchar ? number(octet_length(info)) : null(), number(ordinal),
                                text(c.nullable ? "YES" : "NO")});
            }
        }
    }
    return fitted_result(std::move(columns), std::move(rows));
}

std::unique_ptr<engine::Cursor> primary_keys_result(const catalog::Source& source, const Pattern& schema, const Pattern& table) {
    std::vector<ColumnInfo> columns = {text_column("TABLE_CAT"), text_column("TABLE_SCHEM"),
                                       text_column("TABLE_NAME", false), text_column("COLUMN_NAME", false),
                                       small_column("KEY_SEQ", false), text_column("PK_NAME")};
    std::vector<std::vector<Cell>> rows;
    if (schema_matches(schema, source))
        for (const auto& t : source.tables) {
            if (!table || !pattern_matches(table, t.name)) continue;
            for (std::size_t i = 0; i < t.primary_key.size(); ++i)
                rows.push_back({null(), text(source.name), text(t.name), text(t.primary_key[i]),
                                number(std::int64_t(i + 1)), text("pk_" + t.name)});
        }
    return fitted_result(std::move(columns), std::move(rows));
}

std::unique_ptr<engine::Cursor> foreign_keys_result(const catalog::Source& source, const Pattern& pk_schema, const Pattern& pk_table,
                                                    const Pattern& fk_schema, const Pattern& fk_table) {
    std::vector<ColumnInfo> columns = {
        text_column("PKTABLE_CAT"), text_column("PKTABLE_SCHEM"), text_column("PKTABLE_NAME", false),
        text_column("PKCOLUMN_NAME", false), text_column("FKTABLE_CAT"), text_column("FKTABLE_SCHEM"),
        text_column("FKTABLE_NAME", false), text_column("FKCOLUMN_NAME", false), small_column("KEY_SEQ", false),
        small_column("UPDATE_RULE"), small_column("DELETE_RULE"), text_column("FK_NAME"), text_column("PK_NAME"),
        small_column("DEFERRABILITY")};
    std::vector<std::vector<Cell>> rows;
    const bool pk_given = pk_table && !pk_table->empty();
    const bool fk_given = fk_table && !fk_table->empty();
    if (schema_matches(pk_schema, source) && schema_matches(fk_schema, source))
        for (const auto& t : source.tables)
            for (const auto& fk : t.foreign_keys) {
                if (pk_given && !pattern_matches(pk_table, fk.ref_table)) continue;
                if (fk_given && !pattern_matches(fk_table, t.name)) continue;
                if (!pk_given && !fk_given) continue;
                rows.push_back({null(), text(source.name), text(fk.ref_table), text(fk.ref_column), null(), text(source.name),
                                text(t.name), text(fk.column), number(1), number(SQL_NO_ACTION),
                                number(SQL_NO_ACTION), text("fk_" + t.name + "_" + fk.column),
                                text("pk_" + fk.ref_table), number(SQL_NOT_DEFERRABLE)});
            }
    return fitted_result(std::move(columns), std::move(rows));
}

std::unique_ptr<engine::Cursor> statistics_result(const catalog::Source& source, const Pattern& schema, const Pattern& table) {
    std::vector<ColumnInfo> columns = {
        text_column("TABLE_CAT"), text_column("TABLE_SCHEM"), text_column("TABLE_NAME", false),
        small_column("NON_UNIQUE"), text_column("INDEX_QUALIFIER"), text_column("INDEX_NAME"),
        small_column("TYPE", false), small_column("ORDINAL_POSITION"), text_column("COLUMN_NAME"),
        text_column("ASC_OR_DESC"), int_column("CARDINALITY"), int_column("PAGES"), text_column("FILTER_CONDITION")};
    std::vector<std::vector<Cell>> rows;
    if (schema_matches(schema, source))
        for (const auto& t : source.tables) {
            if (!table || !pattern_matches(table, t.name)) continue;
            // The primary key is the one unique "index" the data guarantees.
            for (std::size_t i = 0; i < t.primary_key.size(); ++i)
                rows.push_back({null(), text(source.name), text(t.name), number(SQL_FALSE), null(),
                                text("pk_" + t.name), number(SQL_INDEX_OTHER), number(std::int64_t(i + 1)),
                                text(t.primary_key[i]), text("A"), null(), null(), null()});
        }
    return fitted_result(std::move(columns), std::move(rows));
}

std::unique_ptr<engine::Cursor> special_columns_result(const catalog::Source& source, SQLUSMALLINT identifier_type, const Pattern& schema,
                                                       const Pattern& table, SQLINTEGER odbc_version) {
    std::vector<ColumnInfo> columns = {
        small_column("SCOPE"), text_column("COLUMN_NAME", false), small_column("DATA_TYPE", false),
        text_column("TYPE_NAME", false), int_column("COLUMN_SIZE"), int_column("BUFFER_LENGTH"),
        small_column("DECIMAL_DIGITS"), small_column("PSEUDO_COLUMN")};
    std::vector<std::vector<Cell>> rows;
    if (identifier_type == SQL_BEST_ROWID && schema_matches(schema, source))
        for (const auto& t : source.tables) {
            if (!table || !pattern_matches(table, t.name)) continue;
            for (const auto& key : t.primary_key) {
                const catalog::Column* c = t.find_column(key);
                if (!c) continue;
                const ColumnInfo info = info_of(*c);
                rows.push_back({number(SQL_SCOPE_SESSION), text(c->name), number(sql_type_code(c->type, odbc_version)),
                                text(type_name(c->type)), number(std::int64_t(column_size(info))),
                                number(octet_length(info)), number(decimal_digits(info)),
                                number(SQL_PC_NOT_PSEUDO)});
            }
        }
    return fitted_result(std::move(columns), std::move(rows));
}

} // namespace tb::driver
