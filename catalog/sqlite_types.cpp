// The cache's column types. SQLite keeps the declared type text verbatim and
// derives a storage affinity from it (https://sqlite.org/datatype3.html
// section 3.1); the engine maps sqlite3_column_decltype back with
// parse_decl_type, so each text must both round-trip and give the affinity
// the stored values need:
//   INTEGER        -> INTEGER affinity
//   DECIMAL_REAL() -> REAL affinity ("REAL" in the name). Plain DECIMAL(p,s)
//                     has NUMERIC affinity, which turns 25.0 into integer 25,
//                     and then workdays / 2 divides as integers (12, not 12.5).
//   DATE, TIME, TIMESTAMP, BIT -> NUMERIC affinity; 'YYYY-MM-DD',
//                     'HH:MM:SS' and 'YYYY-MM-DD HH:MM:SS' do not look like
//                     numbers, so they stay TEXT (checked with sqlite3 3.40),
//                     and 0/1 stay integers.
//   WVARCHAR(n)    -> TEXT affinity ("CHAR"): '00123' keeps its zeros.
#include "catalog/declare.hpp"

#include <cctype>

namespace tb::catalog {

namespace {

constexpr std::string_view kDecimalDecl = "DECIMAL_REAL";

std::string upper_squeezed(std::string_view s) {
    std::string out;
    bool space = false;
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (std::isspace(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += char(std::toupper(c));
    }
    return out;
}


// "NAME(a, b)" -> name and up to two numbers; false when malformed.
bool split_decl(const std::string& decl, std::string& name, std::vector<int>& args) {
    size_t open = decl.find('(');
    name = decl.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (open == std::string::npos) return true;
    size_t close = decl.find(')', open);
    if (close == std::string::npos) return false;
    std::string inner = decl.substr(open + 1, close - open - 1);
    size_t pos = 0;
    while (pos <= inner.size()) {
        size_t comma = inner.find(',', pos);
        std::string part = inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
        if (b == std::string::npos) return false;
        part = part.substr(b, e - b + 1);
        int value = 0;
        for (char c : part) {
            if (!std::isdigit(static_cast<unsigned char>(c)) || value > 100000000) return false;
            value = value * 10 + (c - '0');
        }
        args.push_back(value);
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return args.size() <= 2;
}

DeclaredType plain(SqlType type) { return {type, default_column_size(type), 0}; }

} // namespace

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string_view to_string(SqlType type) {
    switch (type) {
    case SqlType::Integer: return "INTEGER";
    case SqlType::BigInt: return "BIGINT";
    case SqlType::Decimal: return "DECIMAL";
    case SqlType::Double: return "DOUBLE";
    case SqlType::Date: return "DATE";
    case SqlType::Time: return "TIME";
    case SqlType::Timestamp: return "TIMESTAMP";
    case SqlType::Bit: return "BIT";
    case SqlType::WVarchar: return "WVARCHAR";
    }
    return "";
}

std::string type_text(const Column& column) {
    switch (column.type) {
    case SqlType::Decimal:
        return "DECIMAL(" + std::to_string(column.size) + "," + std::to_string(column.scale) + ")";
    case SqlType::WVarchar:
        return "WVARCHAR(" + std::to_string(column.size) + ")";
    default:
        return std::string(to_string(column.type));
    }
}

std::string sqlite_decl_type(const Column& column) {
    switch (column.type) {
    case SqlType::Decimal:
        return std::string(kDecimalDecl) + "(" + std::to_string(column.size) + "," +
               std::to_string(column.scale) + ")";
    default:
        return type_text(column);
    }
}

std::optional<DeclaredType> parse_decl_type(std::string_view decl_text) {
    const std::string decl = upper_squeezed(decl_text);
    std::string name;
    std::vector<int> args;
    if (decl.empty() || !split_decl(decl, name, args)) return std::nullopt;

    auto is = [&](std::initializer_list<std::string_view> names) {
        for (std::string_view n : names)
            if (name == n) return true;
        return false;
    };
    if (is({"INTEGER", "INT", "SMALLINT", "TINYINT", "MEDIUMINT", "INT2", "INT4"}))
        return plain(SqlType::Integer);
    if (is({"BIGINT", "INT8", "UNSIGNED BIG INT"})) return plain(SqlType::BigInt);
    if (is({kDecimalDecl, "DECIMAL", "NUMERIC", "DEC"})) {
        // Without a precision there is nothing decimal to report: SQLite
        // holds such values as integers or doubles.
        if (args.empty() || args[0] == 0) return plain(SqlType::Double);
        const int scale = args.size() > 1 ? args[1] : 0;
        if (scale > args[0]) return std::nullopt;
        return DeclaredType{SqlType::Decimal, args[0], scale};
    }
    if (is({"REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT"})) return plain(SqlType::Double);
    if (is({"DATE"})) return plain(SqlType::Date);
    if (is({"TIME"})) return plain(SqlType::Time);
    if (is({"TIMESTAMP", "DATETIME"})) return plain(SqlType::Timestamp);
    if (is({"BIT", "BOOLEAN", "BOOL"})) return plain(SqlType::Bit);
    if (is({"WVARCHAR", "VARCHAR", "NVARCHAR", "WCHAR", "CHAR", "NCHAR", "CHARACTER",
            "VARYING CHARACTER", "NATIVE CHARACTER", "TEXT", "CLOB", "WLONGVARCHAR"})) {
        if (!args.empty() && args[0] > 0) return DeclaredType{SqlType::WVarchar, args[0], 0};
        return DeclaredType{SqlType::WVarchar, detail::kLongText, 0};
    }
    // Anything else: SQLite's own affinity rules, in their order.
    auto has = [&](std::string_view part) { return name.find(part) != std::string::npos; };
    if (has("INT")) return plain(SqlType::Integer);
    if (has("CHAR") || has("CLOB") || has("TEXT")) return DeclaredType{SqlType::WVarchar, detail::kLongText, 0};
    if (has("BLOB")) return std::nullopt; // no binary type among the tables
    return plain(SqlType::Double);         // REAL and NUMERIC affinity
}

std::string cache_ddl(const Table& table, std::string_view sqlite_name) {
    // No NOT NULL, CHECK or key constraints on the data columns: a value that
    // did not parse is stored as NULL and a duplicate id from the service is
    // still shown, never a failed load.
    std::string ddl = "CREATE TABLE IF NOT EXISTS " + quote_identifier(sqlite_name) + " (";
    for (const Column& c : table.columns)
        ddl += (&c == &table.columns.front() ? "" : ", ") + quote_identifier(c.name) + " " + sqlite_decl_type(c);
    return ddl + ")";
}

} // namespace tb::catalog
