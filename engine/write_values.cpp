#include "engine/write_values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/error.hpp"
#include "engine/loader.hpp"

namespace tb::engine::write {
namespace {

using ascii::iequals;

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool digits(std::string_view s, std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

int number(std::string_view s, std::size_t from, std::size_t count) {
    int n = 0;
    for (std::size_t i = from; i < from + count; ++i) n = n * 10 + (s[i] - '0');
    return n;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + std::int64_t(doe) - 719468;
}

bool valid_date(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

std::string where(const catalog::WriteField& field) {
    return field.column.empty() ? "field " + field.field : "column " + field.column;
}

void add(std::vector<Problem>& problems, long row, std::string sqlstate, std::string message) {
    problems.push_back({row, std::move(sqlstate), std::move(message)});
}

} // namespace

bool is_null(const Literal& value) { return std::holds_alternative<std::monostate>(value); }

std::string literal_text(const Literal& value) {
    if (auto i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&value)) {
        char b[64];
        std::snprintf(b, sizeof b, "%.15g", *d);
        return b;
    }
    if (auto s = std::get_if<std::string>(&value)) return *s;
    return "";
}

const Literal* InputRow::find(const std::string& column) const {
    auto it = values.find(lower(column));
    return it == values.end() ? nullptr : &it->second;
}

const std::vector<ParameterValues>& at_least_one(const std::vector<ParameterValues>& sets) {
    static const std::vector<ParameterValues> none(1);
    return sets.empty() ? none : sets;
}

const catalog::Column& named_column(const catalog::Table& table, const std::string& name) {
    if (const catalog::Column* c = table.find_column(name)) return *c;
    const std::string hint = catalog::suggest_column(table, name);
    throw Error("42S22", "table " + table.name + " has no column " + name +
                             (hint.empty() ? "" : "; did you mean " + hint + "?"));
}

Literal resolve(const sql::ast::Expr& expr, const ParameterValues& parameters, const std::string& column) {
    auto value = sql::ast::constant_value(expr);
    if (!value)
        throw Error("0A000", "the value of " + column +
                                 " must be a literal or a ? parameter; the Timebutler API cannot evaluate expressions");
    if (value->parameter > 0) {
        const auto index = static_cast<std::size_t>(value->parameter - 1);
        if (index >= parameters.size())
            throw Error("07002", "parameter " + std::to_string(value->parameter) + " is not bound");
        return parameters[index].literal;
    }
    return value->literal;
}

std::vector<InputRow> insert_rows(Session& session, const catalog::Table& table, const catalog::WriteRoute& route,
                                  const sql::ast::Insert& insert, const std::vector<ParameterValues>& parameter_rows) {
    std::vector<std::string> columns;
    if (insert.columns.empty()) {
        for (const auto& c : table.columns) columns.push_back(c.name);
    } else {
        for (const auto& name : insert.columns) {
            const catalog::Column* c = &named_column(table, name);
            bool writable = std::any_of(route.fields.begin(), route.fields.end(),
                                        [&](const auto& f) { return iequals(f.column, c->name); }) ||
                            std::any_of(route.choices.begin(), route.choices.end(),
                                        [&](const auto& ch) { return iequals(ch.column, c->name); });
            if (!writable) {
                std::string list;
                for (const auto& ch : route.choices) list += (list.empty() ? "" : ", ") + ch.column;
                for (const auto& f : route.fields)
                    if (!f.column.empty()) list += (list.empty() ? "" : ", ") + f.column;
                throw Error("HY000", "column " + c->name + " of " + table.name + " cannot be written by INSERT (the '" +
                                         route.action + "' action takes " + list + ")");
            }
            columns.push_back(c->name);
        }
    }
    const auto& sets = at_least_one(parameter_rows);
    std::vector<InputRow> rows;
    long number = 0;
    for (std::size_t p = 0; p < sets.size(); ++p) {
        if (insert.select) {
            for (auto& values : select_rows(session, insert, sets[p])) {
                if (values.size() != columns.size())
                    throw Error("21S01", "INSERT names " + std::to_string(columns.size()) +
                                             " columns but its SELECT returns " + std::to_string(values.size()));
                InputRow row;
                row.number = ++number;
                row.param_set = p;
                for (std::size_t i = 0; i < columns.size(); ++i) row.values[lower(columns[i])] = std::move(values[i]);
                rows.push_back(std::move(row));
            }
            continue;
        }
        for (const auto& values : insert.rows) {
            if (values.size() != columns.size())
                throw Error("21S01", "INSERT names " + std::to_string(columns.size()) + " columns but a VALUES row has " +
                                         std::to_string(values.size()) + " values");
            InputRow row;
            row.number = ++number;
            row.param_set = p;
            for (std::size_t i = 0; i < columns.size(); ++i)
                row.values[lower(columns[i])] = resolve(values[i], sets[p], columns[i]);
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::optional<std::int64_t> as_integer(const Literal& value) {
    if (auto i = std::get_if<std::int64_t>(&value)) return *i;
    if (auto d = std::get_if<double>(&value)) {
        if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9e15) return static_cast<std::int64_t>(*d);
        return std::nullopt;
    }
    if (auto s = std::get_if<std::string>(&value)) {
        const std::string t(ascii::trim(*s));
        std::int64_t n = 0;
        auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
        if (ec == std::errc() && ptr == t.data() + t.size() && !t.empty()) return n;
    }
    return std::nullopt;
}

std::optional<std::int64_t> event_minutes(const std::string& raw) {
    const std::string s(ascii::trim(raw));
    // YYYY-MM-DD[ T]HH:MM[:SS[.fff]]
    if (s.size() < 16 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2) ||
        (s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2))
        return std::nullopt;
    if (s.size() > 16) {
        if (s.size() < 19 || s[16] != ':' || !digits(s, 17, 2)) return std::nullopt;
        for (std::size_t i = 17; i < s.size(); ++i)
            if (s[i] != '0' && s[i] != '.') return std::nullopt;  // seconds must be zero
    }
    const int y = number(s, 0, 4), m = number(s, 5, 2), d = number(s, 8, 2);
    const int hh = number(s, 11, 2), mm = number(s, 14, 2);
    if (!valid_date(y, m, d) || hh > 23 || mm > 59) return std::nullopt;
    return days_from_civil(y, m, d) * 1440 + hh * 60 + mm;
}

std::optional<std::string> field_text(const catalog::WriteField& field, const Literal* given, bool csv, long row,
                                      std::vector<Problem>& problems) {
    if (field.column.empty() && !field.from_choice) return field.constant;
    Literal value;
    if (given) value = *given;
    else if (!field.default_value.empty()) value = field.default_value;
    if (is_null(value) || (std::holds_alternative<std::string>(value) && ascii::trim(std::get<std::string>(value)).empty() &&
                           field.format != catalog::WriteFormat::Text)) {
        if (field.required) {
            add(problems, row, "23000", where(field) + " is required and must not be NULL");
            return std::nullopt;
        }
        return std::string();
    }
    std::string text = literal_text(value);
    if (!field.value_map.empty()) {
        auto it = std::find_if(field.value_map.begin(), field.value_map.end(),
                               [&](const auto& entry) { return iequals(entry.first, ascii::trim(text)); });
        if (it == field.value_map.end()) {
            std::string list;
            for (const auto& [sql_value, api_value] : field.value_map) list += (list.empty() ? "" : " or ") + sql_value;
            add(problems, row, "22018", where(field) + " must be " + list + ", not '" + text + "'");
            return std::nullopt;
        }
        text = it->second;
        value = text;
    }
    if (!field.allowed.empty()) {
        auto it = std::find_if(field.allowed.begin(), field.allowed.end(),
                               [&](const std::string& a) { return iequals(a, ascii::trim(text)); });
        if (it == field.allowed.end()) {
            std::string list;
            for (const auto& a : field.allowed) list += (list.empty() ? "" : ", ") + a;
            add(problems, row, "22018", where(field) + " must be one of " + list + ", not '" + text + "'");
            return std::nullopt;
        }
        text = *it;
        value = text;
    }
    using catalog::WriteFormat;
    switch (field.format) {
    case WriteFormat::Text:
        break;
    case WriteFormat::Integer: {
        auto n = as_integer(value);
        if (!n) {
            add(problems, row, "22018", where(field) + " must be a whole number, not '" + text + "'");
            return std::nullopt;
        }
        if (field.non_negative && *n < 0) {
            add(problems, row, "22003", where(field) + " must be 0 or more, not " + std::to_string(*n));
            return std::nullopt;
        }
        text = std::to_string(*n);
        break;
    }
    case WriteFormat::DecimalTenths: {
        double d = 0;
        if (auto i = std::get_if<std::int64_t>(&value)) d = double(*i);
        else if (auto f = std::get_if<double>(&value)) d = *f;
        else {
            char* end = nullptr;
            const std::string t(ascii::trim(text));
            d = std::strtod(t.c_str(), &end);
            if (t.empty() || *end) {
                add(problems, row, "22018", where(field) + " must be a number, not '" + text + "'");
                return std::nullopt;
            }
        }
        if (std::fabs(d * 10 - std::round(d * 10)) > 1e-9) {
            add(problems, row, "22018", where(field) + " takes at most one decimal place, not " + text);
            return std::nullopt;
        }
        char b[64];
        std::snprintf(b, sizeof b, "%.1f", d);
        text = b;
        break;
    }
    case WriteFormat::Bool: {
        const std::string t = lower(ascii::trim(text));
        if (t == "1" || t == "true") text = "true";
        else if (t == "0" || t == "false") text = "false";
        else {
            add(problems, row, "22018", where(field) + " must be true or false (1 or 0), not '" + text + "'");
            return std::nullopt;
        }
        break;
    }
    case WriteFormat::IsoDate: {
        const std::string t(ascii::trim(text));
        if (t.size() < 10 || !digits(t, 0, 4) || t[4] != '-' || !digits(t, 5, 2) || t[7] != '-' || !digits(t, 8, 2) ||
            !valid_date(number(t, 0, 4), number(t, 5, 2), number(t, 8, 2))) {
            add(problems, row, "22007", where(field) + " must be a date (YYYY-MM-DD), not '" + text + "'");
            return std::nullopt;
        }
        text = t.substr(0, 10);
        break;
    }
    case WriteFormat::EventTime: {
        if (!event_minutes(text)) {
            add(problems, row, "22007",
                where(field) + " must be a timestamp at minute precision (YYYY-MM-DD HH:MM, seconds 00), not '" + text +
                    "'");
            return std::nullopt;
        }
        const std::string t(ascii::trim(text));
        text = t.substr(0, 10) + "T" + t.substr(11, 5);
        break;
    }
    case WriteFormat::IsoDateTime: {
        // A TIMESTAMP as text (ISO 8601, a zone turned to UTC) or as epoch
        // milliseconds (a whole number), sent as YYYY-MM-DDTHH:MM:SS.
        std::string normal;
        const bool ok = std::holds_alternative<std::int64_t>(value)
                            ? parse_epoch_millis(std::to_string(std::get<std::int64_t>(value)), normal)
                            : parse_timestamp(std::string(ascii::trim(text)), normal);
        if (!ok) {
            add(problems, row, "22007",
                where(field) + " must be a timestamp (YYYY-MM-DD HH:MM:SS, ISO 8601 or epoch milliseconds), not '" +
                    text + "'");
            return std::nullopt;
        }
        normal[10] = 'T';
        text = normal;
        break;
    }
    case WriteFormat::IdList:
        break;
    }
    if (field.max_length > 0 && utf8_length(text) > static_cast<std::size_t>(field.max_length)) {
        add(problems, row, "22001",
            where(field) + " is " + std::to_string(utf8_length(text)) + " characters long; the service takes at most " +
                std::to_string(field.max_length));
        return std::nullopt;
    }
    if (csv && text.find_first_of(";\r\n") != std::string::npos) {
        add(problems, row, "22018",
            where(field) + " contains a ';', carriage return or line break, which the API's semicolon-separated CSV "
                           "cannot carry; "
                           "remove it (the driver does not strip characters silently)");
        return std::nullopt;
    }
    return text;
}

} // namespace tb::engine::write
