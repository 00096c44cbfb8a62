// The function table: every scalar function and aggregate the printer
// renders, with its SQLite form. ODBC semantics that SQLite lacks are spelled
// out as expressions (LOCATE with a start, REPEAT, TIMESTAMPADD clamping
// month ends, ...). capabilities() lists the ODBC entries of this table.
#include "sql/literals.hpp"
#include "sql/print_functions.hpp"

#include <algorithm>
#include <map>

namespace tb::sql::printing {

using ast::Expr;
using ast::ExprKind;
using Args = std::vector<std::string>;

namespace {

enum class Category { String, Numeric, TimeDate, System, Aggregate, Window, Other };

using Render = std::string (*)(const Args&, const Expr&, const PrintOptions&);

struct FunctionSpec {
    Category category;
    bool odbc;            // listed in capabilities() (an ODBC scalar function name)
    int min_args, max_args;
    bool numeric_result;  // the result is certainly a number
    Render render;
};

std::string call(const char* name, const Args& a) {
    std::string out = std::string(name) + "(";
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0) out += ", ";
        out += a[i];
    }
    return out + ")";
}
std::string as_integer(const std::string& x) { return "CAST(" + x + " AS INTEGER)"; }
std::string part(const char* format, const std::string& x) {
    return as_integer("strftime('" + std::string(format) + "', " + x + ")");
}

// The interval keyword of TIMESTAMPADD / TIMESTAMPDIFF without SQL_TSI_.
std::string interval_of(const Expr& call_expr) {
    const Expr& unit = call_expr.args.at(0);
    std::string name = unit.kind == ExprKind::Column && unit.names.size() == 1 ? unit.names[0]
                       : unit.kind == ExprKind::String                      ? unit.text
                                                                            : "";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (name.rfind("SQL_TSI_", 0) == 0) name = name.substr(8);
    return name;
}

// A date stays a date when whole days are added; a timestamp keeps its time.
std::string keep_date_or_timestamp(const std::string& ts, const std::string& date_expr,
                                   const std::string& datetime_expr) {
    return "(CASE WHEN length(" + ts + ") = 10 THEN " + date_expr + " ELSE " + datetime_expr + " END)";
}

std::string add_months(const std::string& months, const std::string& ts) {
    // SQLite's '+1 month' overflows 01-31 into March; ODBC clamps to the month end.
    std::string start = "date(" + ts + ", 'start of month', " + months + " || ' months')";
    std::string day = "min(" + part("%d", ts) + ", " + as_integer("strftime('%d', " + start + ", '+1 month', '-1 day')") +
                      ")";
    std::string date = "date(" + start + ", (" + day + " - 1) || ' days')";
    return keep_date_or_timestamp(ts, date, date + " || ' ' || time(" + ts + ")");
}

std::string timestampadd(const Args& a, const Expr& e, const PrintOptions&) {
    std::string unit = interval_of(e);
    const std::string& n = a[1];
    const std::string& ts = a[2];
    auto seconds = [&](const std::string& amount, const char* what) {
        return "datetime(" + ts + ", (" + amount + ") || ' " + what + "')";
    };
    auto days = [&](const std::string& amount) {
        std::string mod = ", (" + amount + ") || ' days')";
        return keep_date_or_timestamp(ts, "date(" + ts + mod, "datetime(" + ts + mod);
    };
    if (unit == "FRAC_SECOND") return seconds(n + " / 1000000000.0", "seconds");
    if (unit == "SECOND") return seconds(n, "seconds");
    if (unit == "MINUTE") return seconds(n, "minutes");
    if (unit == "HOUR") return seconds(n, "hours");
    if (unit == "DAY") return days(n);
    if (unit == "WEEK") return days("(" + n + ") * 7");
    if (unit == "MONTH") return add_months("(" + n + ")", ts);
    if (unit == "QUARTER") return add_months("((" + n + ") * 3)", ts);
    if (unit == "YEAR") return add_months("((" + n + ") * 12)", ts);
    throw UnsupportedError("TIMESTAMPADD interval " + unit + " is not supported");
}

// Counts the unit boundaries crossed from a to b, as SQL Server's DATEDIFF
// and Tableau's DATEDIFF do.
std::string timestampdiff(const Args& arg, const Expr& e, const PrintOptions&) {
    std::string unit = interval_of(e);
    const std::string& a = arg[1];
    const std::string& b = arg[2];
    auto epoch = [](const std::string& x) { return as_integer("strftime('%s', " + x + ")"); };
    auto months = [](const std::string& x) { return "(" + part("%Y", x) + " * 12 + " + part("%m", x) + ")"; };
    auto quarters = [](const std::string& x) {
        return "(" + part("%Y", x) + " * 4 + (" + part("%m", x) + " + 2) / 3)";
    };
    auto week_start = [](const std::string& x) {
        return "julianday(date(" + x + ", '-' || strftime('%w', " + x + ") || ' days'))";
    };
    // julianday() is too coarse for nanoseconds: whole seconds plus milliseconds.
    auto millis = [](const std::string& x) {
        return as_integer("round((strftime('%f', " + x + ") - strftime('%S', " + x + ")) * 1000)");
    };
    if (unit == "FRAC_SECOND")
        return "((" + epoch(b) + " - " + epoch(a) + ") * 1000000000 + (" + millis(b) + " - " + millis(a) +
               ") * 1000000)";
    if (unit == "SECOND") return "(" + epoch(b) + " - " + epoch(a) + ")";
    if (unit == "MINUTE") return "(" + epoch(b) + " / 60 - " + epoch(a) + " / 60)";
    if (unit == "HOUR") return "(" + epoch(b) + " / 3600 - " + epoch(a) + " / 3600)";
    if (unit == "DAY") return as_integer("julianday(date(" + b + ")) - julianday(date(" + a + "))");
    if (unit == "WEEK") return as_integer("(" + week_start(b) + " - " + week_start(a) + ") / 7");
    if (unit == "MONTH") return "(" + months(b) + " - " + months(a) + ")";
    if (unit == "QUARTER") return "(" + quarters(b) + " - " + quarters(a) + ")";
    if (unit == "YEAR") return "(" + part("%Y", b) + " - " + part("%Y", a) + ")";
    throw UnsupportedError("TIMESTAMPDIFF interval " + unit + " is not supported");
}

std::string convert(const Args& a, const Expr& e, const PrintOptions&) {
    const Expr& type = e.args.at(1);
    std::string name = type.kind == ExprKind::Column && type.names.size() == 1 ? type.names[0] : "";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (name.rfind("SQL_", 0) == 0) name = name.substr(4);
    if (name.rfind("TYPE_", 0) == 0) name = name.substr(5);
    ast::TypeName t;
    t.name = name;
    if (name == "WCHAR" || name == "WVARCHAR" || name == "WLONGVARCHAR" || name == "LONGVARCHAR") t.name = "VARCHAR";
    return render_cast(a[0], t);
}

std::string name_case(const std::string& x, const char* format, int first, const std::vector<const char*>& names) {
    std::string out = "(CASE " + part(format, x);
    for (std::size_t i = 0; i < names.size(); ++i)
        out += " WHEN " + std::to_string(first + static_cast<int>(i)) + " THEN '" + names[i] + "'";
    return out + " END)";
}

// ROUND(x, n) and TRUNCATE(x, n) for negative n round to tens, hundreds...,
// which SQLite's round() does not do.
std::optional<long> literal_digits(const Expr& e, std::size_t index) {
    if (index >= e.args.size()) return 0;
    auto v = ast::constant_value(e.args[index]);
    if (v && !v->parameter)
        if (auto i = std::get_if<std::int64_t>(&v->literal)) return static_cast<long>(*i);
    return std::nullopt;
}

std::string round_fn(const Args& a, const Expr& e, const PrintOptions&) {
    auto digits = literal_digits(e, 1);
    if (digits && *digits >= 0) return "round(" + a[0] + ", " + std::to_string(*digits) + ")";
    const std::string& n = a[1];
    std::string scaled = "(round((" + a[0] + ") / power(10, -(" + n + "))) * power(10, -(" + n + ")))";
    if (digits) return scaled;
    return "(CASE WHEN (" + n + ") >= 0 THEN round(" + a[0] + ", " + n + ") ELSE " + scaled + " END)";
}

std::string truncate_fn(const Args& a, const Expr& e, const PrintOptions&) {
    auto digits = literal_digits(e, 1);
    if (digits && *digits == 0) return "trunc(" + a[0] + ")";
    std::string n = a.size() > 1 ? a[1] : "0";
    return "(trunc((" + a[0] + ") * power(10, " + n + ")) / power(10, " + n + "))";
}

std::string locate(const Args& a, const Expr&, const PrintOptions&) {
    if (a.size() == 2) return "instr(" + a[1] + ", " + a[0] + ")";
    std::string start = "max(" + as_integer(a[2]) + ", 1)";
    std::string found = "instr(substr(" + a[1] + ", " + start + "), " + a[0] + ")";
    return "(CASE WHEN " + found + " > 0 THEN " + found + " + " + start + " - 1 ELSE 0 END)";
}

std::string aggregate(const char* name, const Args& a, const Expr& e) {
    if (e.star) return std::string(name) + "(*)";
    std::string out = std::string(name) + (e.distinct ? "(DISTINCT " : "(");
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0) out += ", ";
        out += a[i];
    }
    return out + ")";
}

#define FN(body) [](const Args& a, const Expr& e, const PrintOptions& o) -> std::string { \
    (void)a; (void)e; (void)o; body }

const std::map<std::string, FunctionSpec, std::less<>>& function_table() {
    static const std::map<std::string, FunctionSpec, std::less<>> table = {
        // Aggregates
        {"COUNT", {Category::Aggregate, false, 0, 1, true, FN(return aggregate("count", a, e);)}},
        {"SUM", {Category::Aggregate, false, 1, 1, true, FN(return aggregate("sum", a, e);)}},
        {"AVG", {Category::Aggregate, false, 1, 1, true, FN(return aggregate("avg", a, e);)}},
        {"MIN", {Category::Aggregate, false, 1, 99, false, FN(return aggregate("min", a, e);)}},
        {"MAX", {Category::Aggregate, false, 1, 99, false, FN(return aggregate("max", a, e);)}},
        // Window functions (only with OVER)
        {"ROW_NUMBER", {Category::Window, false, 0, 0, true, FN(return call("row_number", a);)}},
        {"RANK", {Category::Window, false, 0, 0, true, FN(return call("rank", a);)}},
        {"DENSE_RANK", {Category::Window, false, 0, 0, true, FN(return call("dense_rank", a);)}},
        {"PERCENT_RANK", {Category::Window, false, 0, 0, true, FN(return call("percent_rank", a);)}},
        {"CUME_DIST", {Category::Window, false, 0, 0, true, FN(return call("cume_dist", a);)}},
        {"NTILE", {Category::Window, false, 1, 1, true, FN(return call("ntile", a);)}},
        {"LAG", {Category::Window, false, 1, 3, false, FN(return call("lag", a);)}},
        {"LEAD", {Category::Window, false, 1, 3, false, FN(return call("lead", a);)}},
        {"FIRST_VALUE", {Category::Window, false, 1, 1, false, FN(return call("first_value", a);)}},
        {"LAST_VALUE", {Category::Window, false, 1, 1, false, FN(return call("last_value", a);)}},
        {"NTH_VALUE", {Category::Window, false, 2, 2, false, FN(return call("nth_value", a);)}},
        // String functions
        {"ASCII", {Category::String, true, 1, 1, true, FN(return call("unicode", a);)}},
        {"BIT_LENGTH", {Category::String, true, 1, 1, true, FN(return "(length(CAST(" + a[0] + " AS BLOB)) * 8)";)}},
        {"CHAR", {Category::String, true, 1, 1, false, FN(return call("char", a);)}},
        {"CHAR_LENGTH", {Category::String, true, 1, 1, true, FN(return call("length", a);)}},
        {"CHARACTER_LENGTH", {Category::String, true, 1, 1, true, FN(return call("length", a);)}},
        {"CONCAT", {Category::String, true, 1, 99, false, FN({
             std::string out = "(" + a[0];
             for (std::size_t i = 1; i < a.size(); ++i) out += " || " + a[i];
             return out + ")";
         })}},
        {"DIFFERENCE", {Category::String, true, 2, 2, true, FN({
             std::string out = "(";
             for (int i = 1; i <= 4; ++i) {
                 if (i > 1) out += " + ";
                 std::string pos = std::to_string(i);
                 out += "(substr(soundex(" + a[0] + "), " + pos + ", 1) = substr(soundex(" + a[1] + "), " + pos + ", 1))";
             }
             return out + ")";
         })}},
        {"INSERT", {Category::String, true, 4, 4, false, FN(return "(substr(" + a[0] + ", 1, (" + a[1] + ") - 1) || " + a[3] +
                                                              " || substr(" + a[0] + ", (" + a[1] + ") + (" + a[2] + ")))";)}},
        {"LCASE", {Category::String, true, 1, 1, false, FN(return call("lower", a);)}},
        {"LEFT", {Category::String, true, 2, 2, false, FN(return "substr(" + a[0] + ", 1, " + a[1] + ")";)}},
        // ODBC LENGTH leaves out trailing blanks; CHAR_LENGTH counts them.
        {"LENGTH", {Category::String, true, 1, 1, true, FN(return "length(rtrim(" + a[0] + ", ' '))";)}},
        {"LOCATE", {Category::String, true, 2, 3, true, locate}},
        {"LTRIM", {Category::String, true, 1, 2, false, FN(return call("ltrim", a);)}},
        {"OCTET_LENGTH", {Category::String, true, 1, 1, true, FN(return "length(CAST(" + a[0] + " AS BLOB))";)}},
        {"POSITION", {Category::String, true, 2, 2, true, FN(return "instr(" + a[1] + ", " + a[0] + ")";)}},
        {"REPEAT", {Category::String, true, 2, 2, false, FN(return "replace(hex(zeroblob(" + a[1] + ")), '00', " + a[0] + ")";)}},
        {"REPLACE", {Category::String, true, 3, 3, false, FN(return call("replace", a);)}},
        {"RIGHT", {Category::String, true, 2, 2, false, FN(return "substr(" + a[0] + ", max(length(" + a[0] + ") - (" + a[1] + ") + 1, 1))";)}},
        {"RTRIM", {Category::String, true, 1, 2, false, FN(return call("rtrim", a);)}},
        {"SOUNDEX", {Category::String, true, 1, 1, false, FN(return call("soundex", a);)}},
        {"SPACE", {Category::String, true, 1, 1, false, FN(return "replace(hex(zeroblob(" + a[0] + ")), '00', ' ')";)}},
        {"SUBSTRING", {Category::String, true, 2, 3, false, FN(return call("substr", a);)}},
        {"UCASE", {Category::String, true, 1, 1, false, FN(return call("upper", a);)}},
        {"LOWER", {Category::Other, false, 1, 1, false, FN(return call("lower", a);)}},
        {"UPPER", {Category::Other, false, 1, 1, false, FN(return call("upper", a);)}},
        {"TRIM", {Category::Other, false, 1, 2, false, FN(return call("trim", a);)}},
        {"SUBSTR", {Category::Other, false, 2, 3, false, FN(return call("substr", a);)}},
        // Numeric functions
        {"ABS", {Category::Numeric, true, 1, 1, true, FN(return call("abs", a);)}},
        {"ACOS", {Category::Numeric, true, 1, 1, true, FN(return call("acos", a);)}},
        {"ASIN", {Category::Numeric, true, 1, 1, true, FN(return call("asin", a);)}},
        {"ATAN", {Category::Numeric, true, 1, 1, true, FN(return call("atan", a);)}},
        {"ATAN2", {Category::Numeric, true, 2, 2, true, FN(return call("atan2", a);)}},
        {"CEILING", {Category::Numeric, true, 1, 1, true, FN(return call("ceiling", a);)}},
        {"CEIL", {Category::Other, false, 1, 1, true, FN(return call("ceiling", a);)}},
        {"COS", {Category::Numeric, true, 1, 1, true, FN(return call("cos", a);)}},
        {"COT", {Category::Numeric, true, 1, 1, true, FN(return "(1.0 / tan(" + a[0] + "))";)}},
        {"DEGREES", {Category::Numeric, true, 1, 1, true, FN(return call("degrees", a);)}},
        {"EXP", {Category::Numeric, true, 1, 1, true, FN(return call("exp", a);)}},
        {"FLOOR", {Category::Numeric, true, 1, 1, true, FN(return call("floor", a);)}},
        // ODBC LOG is the natural logarithm; SQLite's log(x) is base 10.
        {"LOG", {Category::Numeric, true, 1, 2, true, FN(return a.size() == 1 ? call("ln", a) : call("log", a);)}},
        {"LN", {Category::Other, false, 1, 1, true, FN(return call("ln", a);)}},
        {"LOG10", {Category::Numeric, true, 1, 1, true, FN(return call("log10", a);)}},
        {"MOD", {Category::Numeric, true, 2, 2, true, FN(return call("mod", a);)}},
        {"PI", {Category::Numeric, true, 0, 0, true, FN(return "pi()";)}},
        {"POWER", {Category::Numeric, true, 2, 2, true, FN(return call("power", a);)}},
        {"POW", {Category::Other, false, 2, 2, true, FN(return call("power", a);)}},
        {"RADIANS", {Category::Numeric, true, 1, 1, true, FN(return call("radians", a);)}},
        {"RAND", {Category::Numeric, true, 0, 1, true, FN(return "(abs(random() % 1000000000) / 1000000000.0)";)}},
        {"ROUND", {Category::Numeric, true, 1, 2, true, round_fn}},
        {"SIGN", {Category::Numeric, true, 1, 1, true, FN(return call("sign", a);)}},
        {"SIN", {Category::Numeric, true, 1, 1, true, FN(return call("sin", a);)}},
        {"SQRT", {Category::Numeric, true, 1, 1, true, FN(return call("sqrt", a);)}},
        {"TAN", {Category::Numeric, true, 1, 1, true, FN(return call("tan", a);)}},
        {"TRUNCATE", {Category::Numeric, true, 1, 2, true, truncate_fn}},
        // Time and date functions; dates are 'YYYY-MM-DD' text, timestamps
        // 'YYYY-MM-DD HH:MM:SS', in local time.
        {"CURRENT_DATE", {Category::TimeDate, true, 0, 0, false, FN(return "date('now', 'localtime')";)}},
        {"CURDATE", {Category::TimeDate, true, 0, 0, false, FN(return "date('now', 'localtime')";)}},
        {"CURRENT_TIME", {Category::TimeDate, true, 0, 1, false, FN(return "time('now', 'localtime')";)}},
        {"CURTIME", {Category::TimeDate, true, 0, 0, false, FN(return "time('now', 'localtime')";)}},
        {"CURRENT_TIMESTAMP", {Category::TimeDate, true, 0, 1, false, FN(return "datetime('now', 'localtime')";)}},
        {"NOW", {Category::TimeDate, true, 0, 0, false, FN(return "datetime('now', 'localtime')";)}},
        {"DAYNAME", {Category::TimeDate, true, 1, 1, false, FN(return name_case(a[0], "%w", 0, {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"});)}},
        {"MONTHNAME", {Category::TimeDate, true, 1, 1, false, FN(return name_case(a[0], "%m", 1, {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"});)}},
        {"DAYOFMONTH", {Category::TimeDate, true, 1, 1, true, FN(return part("%d", a[0]);)}},
        {"DAYOFWEEK", {Category::TimeDate, true, 1, 1, true, FN(return "(" + part("%w", a[0]) + " + 1)";)}},
        {"DAYOFYEAR", {Category::TimeDate, true, 1, 1, true, FN(return part("%j", a[0]);)}},
        {"YEAR", {Category::TimeDate, true, 1, 1, true, FN(return part("%Y", a[0]);)}},
        {"MONTH", {Category::TimeDate, true, 1, 1, true, FN(return part("%m", a[0]);)}},
        {"QUARTER", {Category::TimeDate, true, 1, 1, true, FN(return "((" + part("%m", a[0]) + " + 2) / 3)";)}},
        // Weeks start on Sunday and week 1 holds January 1st.
        {"WEEK", {Category::TimeDate, true, 1, 1, true, FN(return "((" + part("%j", a[0]) + " - 1 + " + as_integer("strftime('%w', " + a[0] + ", 'start of year')") + ") / 7 + 1)";)}},
        {"HOUR", {Category::TimeDate, true, 1, 1, true, FN(return part("%H", a[0]);)}},
        {"MINUTE", {Category::TimeDate, true, 1, 1, true, FN(return part("%M", a[0]);)}},
        {"SECOND", {Category::TimeDate, true, 1, 1, true, FN(return part("%S", a[0]);)}},
        {"TIMESTAMPADD", {Category::TimeDate, true, 3, 3, false, timestampadd}},
        {"TIMESTAMPDIFF", {Category::TimeDate, true, 3, 3, true, timestampdiff}},
        // System functions
        {"DATABASE", {Category::System, true, 0, 0, false, FN(return literals::quote_string(o.database_name);)}},
        {"USER", {Category::System, true, 0, 0, false, FN(return literals::quote_string(o.user_name);)}},
        {"IFNULL", {Category::System, true, 2, 2, false, FN(return call("ifnull", a);)}},
        // MariaDB's name for the id the connection's last INSERT created
        // (engine/session.cpp registers the function on the connection).
        {"LAST_INSERT_ID", {Category::System, false, 0, 0, true, FN(return "tb_last_insert_id()";)}},
        // Others
        {"COALESCE", {Category::Other, false, 1, 99, false, FN(return a.size() == 1 ? a[0] : call("coalesce", a);)}},
        {"NULLIF", {Category::Other, false, 2, 2, false, FN(return call("nullif", a);)}},
        {"CONVERT", {Category::Other, false, 2, 2, false, convert}},
    };
    return table;
}

#undef FN

const FunctionSpec* find_function(const std::string& name) {
    const auto& table = function_table();
    auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
}

bool is_numeric_type(const std::string& name) {
    static const char* const names[] = {"INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "DECIMAL", "DEC", "NUMERIC",
                                        "FLOAT", "REAL", "DOUBLE", "DOUBLE PRECISION"};
    return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return name == n; });
}

} // namespace

std::string render_function(const Expr& e, const Args& args, const PrintOptions& options) {
    const FunctionSpec* spec = find_function(e.text);
    if (!spec) throw UnsupportedError("function " + e.text + " is not supported");
    int n = static_cast<int>(args.size());
    if (e.star && e.text != "COUNT") throw UnsupportedError(e.text + "(*) is not supported");
    if (n < spec->min_args || n > spec->max_args)
        throw UnsupportedError("function " + e.text + " does not take " + std::to_string(n) + " arguments");
    if (e.text == "COUNT" && n == 0 && !e.star) throw UnsupportedError("COUNT() needs an argument or *");
    if (e.distinct && spec->category != Category::Aggregate)
        throw UnsupportedError("DISTINCT in function " + e.text + " is not supported");
    if (spec->category == Category::Window && !e.over)
        throw UnsupportedError("window function " + e.text + " needs OVER (...)");
    if (e.over && spec->category != Category::Window && spec->category != Category::Aggregate)
        throw UnsupportedError("function " + e.text + " is no window function; OVER is not supported with it");
    if (e.over && e.distinct) throw UnsupportedError("DISTINCT in window function " + e.text + " is not supported");
    return spec->render(args, e, options);
}

std::string render_cast(const std::string& arg, const ast::TypeName& type) {
    const std::string& t = type.name;
    if (t == "INTEGER" || t == "INT" || t == "BIGINT" || t == "SMALLINT" || t == "TINYINT")
        return "CAST(" + arg + " AS INTEGER)";
    if (t == "DECIMAL" || t == "DEC" || t == "NUMERIC") {
        if (type.scale >= 0) return "round(CAST(" + arg + " AS REAL), " + std::to_string(type.scale) + ")";
        return "CAST(" + arg + " AS REAL)";
    }
    if (t == "FLOAT" || t == "REAL" || t == "DOUBLE" || t == "DOUBLE PRECISION") return "CAST(" + arg + " AS REAL)";
    if (t == "CHAR" || t == "VARCHAR" || t == "CHARACTER" || t == "CHARACTER VARYING" || t == "NCHAR" ||
        t == "NVARCHAR" || t == "TEXT" || t == "WCHAR" || t == "WVARCHAR" || t == "STRING" || t == "LONGVARCHAR" ||
        t == "NATIONAL CHARACTER")
        return "CAST(" + arg + " AS TEXT)";
    if (t == "DATE") return "date(" + arg + ")";
    if (t == "TIME") return "time(" + arg + ")";
    if (t == "TIMESTAMP" || t == "DATETIME") return "datetime(" + arg + ")";
    if (t == "BIT" || t == "BOOLEAN") return "((" + arg + ") <> 0)";
    throw UnsupportedError("conversion to " + (t.empty() ? std::string("this type") : t) + " is not supported");
}

std::string render_extract(const std::string& field, const std::string& arg) {
    if (field == "YEAR") return part("%Y", arg);
    if (field == "MONTH") return part("%m", arg);
    if (field == "DAY") return part("%d", arg);
    if (field == "HOUR") return part("%H", arg);
    if (field == "MINUTE") return part("%M", arg);
    if (field == "SECOND") return part("%S", arg);
    throw UnsupportedError("EXTRACT(" + field + ") is not supported");
}

bool is_keyword_argument(const Expr& call_expr, const Expr& arg) {
    if (call_expr.args.empty()) return false;
    if ((call_expr.text == "TIMESTAMPADD" || call_expr.text == "TIMESTAMPDIFF") && &arg == &call_expr.args[0])
        return true;
    return call_expr.text == "CONVERT" && call_expr.args.size() == 2 && &arg == &call_expr.args[1];
}

bool contains_aggregate(const Expr& e) {
    // SUM(x) OVER (...) is computed per row, not per group.
    if (e.kind == ExprKind::Function && !e.over) {
        const FunctionSpec* spec = find_function(e.text);
        // MIN and MAX with several arguments are SQLite's scalar forms.
        if (spec && spec->category == Category::Aggregate && !((e.text == "MIN" || e.text == "MAX") && e.args.size() > 1))
            return true;
    }
    return std::any_of(e.args.begin(), e.args.end(), [](const Expr& a) { return contains_aggregate(a); });
}

bool returns_number(const Expr& e) {
    switch (e.kind) {
    case ExprKind::Integer:
    case ExprKind::Decimal:
    case ExprKind::Float:
    case ExprKind::Extract: return true;
    case ExprKind::Unary: return e.text == "-" || e.text == "+";
    case ExprKind::Binary:
        return e.text == "+" || e.text == "-" || e.text == "*" || e.text == "/" || e.text == "%";
    case ExprKind::Cast: return is_numeric_type(e.type.name);
    case ExprKind::Function: {
        const FunctionSpec* spec = find_function(e.text);
        return spec && spec->numeric_result;
    }
    default: return false;
    }
}

} // namespace tb::sql::printing

namespace tb::sql {

const Capabilities& capabilities() {
    static const Capabilities caps = [] {
        Capabilities c;
        for (const auto& [name, spec] : printing::function_table()) {
            if (!spec.odbc) continue;
            switch (spec.category) {
            case printing::Category::String: c.string_functions.push_back(name); break;
            case printing::Category::Numeric: c.numeric_functions.push_back(name); break;
            case printing::Category::TimeDate: c.timedate_functions.push_back(name); break;
            case printing::Category::System: c.system_functions.push_back(name); break;
            default: break;
            }
        }
        c.timedate_functions.push_back("EXTRACT");
        std::sort(c.timedate_functions.begin(), c.timedate_functions.end());
        c.convert_types = {"SQL_BIGINT",  "SQL_BIT",      "SQL_CHAR",         "SQL_DATE",       "SQL_DECIMAL",
                           "SQL_DOUBLE",  "SQL_FLOAT",    "SQL_INTEGER",      "SQL_LONGVARCHAR", "SQL_NUMERIC",
                           "SQL_REAL",    "SQL_SMALLINT", "SQL_TIME",         "SQL_TIMESTAMP",  "SQL_TINYINT",
                           "SQL_VARCHAR", "SQL_WCHAR",    "SQL_WLONGVARCHAR", "SQL_WVARCHAR"};
        c.timestamp_intervals = {"SQL_TSI_FRAC_SECOND", "SQL_TSI_SECOND", "SQL_TSI_MINUTE",
                                 "SQL_TSI_HOUR",        "SQL_TSI_DAY",    "SQL_TSI_WEEK",
                                 "SQL_TSI_MONTH",       "SQL_TSI_QUARTER", "SQL_TSI_YEAR"};
        return c;
    }();
    return caps;
}

} // namespace tb::sql
