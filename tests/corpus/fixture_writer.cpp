#include "tests/corpus/fixture_writer.hpp"

#include "catalog/catalog.hpp"
#include "tests/corpus/test_db.hpp"

#include <ctime>
#include <fstream>
#include <stdexcept>

namespace tb::sql::test {

namespace {

using catalog::ValueParser;

bool is_null(const std::string& value) { return value == "NULL"; }

std::string fail(const std::string& table, const std::string& column, const std::string& value,
                 const char* why) {
    throw std::runtime_error("fixture: " + table + "." + column + " = '" + value + "': " + why);
}

// The inverse of the engine's EpochMillis parser, which reads UTC.
std::string epoch_millis(const std::string& timestamp) {
    std::tm tm{};
    if (std::sscanf(timestamp.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return {};
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return std::to_string(static_cast<long long>(timegm(&tm)) * 1000);
}

// A value of TestDb's text form (Row cells) as the API sends it.
std::string api_value(const std::string& table, const catalog::Column& c, const std::string& v) {
    if (is_null(v)) {
        if (c.parser == ValueParser::Reference || c.parser == ValueParser::EpochMillis) return "0";
        return {};
    }
    switch (c.parser) {
    case ValueParser::DateDmy:
        if (v.size() != 10 || v[4] != '-' || v[7] != '-') fail(table, c.name, v, "not a yyyy-mm-dd date");
        return v.substr(8, 2) + "/" + v.substr(5, 2) + "/" + v.substr(0, 4);
    case ValueParser::TimeHm:
        if (v.size() != 8 || v.substr(5) != ":00") fail(table, c.name, v, "the API's times have no seconds");
        return v.substr(0, 5);
    case ValueParser::Bool:
        if (v != "0" && v != "1") fail(table, c.name, v, "not 0 or 1");
        return v == "1" ? "true" : "false";
    case ValueParser::EpochMillis: {
        std::string ms = epoch_millis(v);
        if (ms.empty()) fail(table, c.name, v, "not a yyyy-mm-dd hh:mm:ss timestamp");
        return ms;
    }
    case ValueParser::Text:
        if (v.empty() || v == " ") fail(table, c.name, v, "the API cannot send an empty text (it reads NULL)");
        // The service does not quote (api-notes.md): a text holding the
        // separator or a line break has no form its answer could carry.
        if (v.find_first_of(";\r\n") != std::string::npos)
            fail(table, c.name, v, "the API writes fields unquoted, so a text cannot hold ';' or a line break");
        return v;
    default: return v; // Integer, Reference, Decimal: TestDb's text form is the API's
    }
}

// As the service writes a field: verbatim, a '"' included (api_value has
// refused what cannot be written so).
void append_field(std::string& out, const std::string& value) { out += value; }

struct FixtureColumn {
    std::string name;  // "?year" for a request parameter, else the CSV header
    int source = -1;   // index of the column in TestDb's row
    const catalog::Column* column = nullptr; // null for a parameter
};

// Parameter columns first (each key that names a request parameter), then
// the fields of the answer: every column read from the CSV, in catalog order
// (which is also the order of a header-less answer).
std::vector<FixtureColumn> fixture_columns(const catalog::Table& t) {
    auto index_of = [&](const std::string& name) {
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            if (t.columns[i].name == name) return int(i);
        throw std::runtime_error("fixture: no column " + name + " in " + t.name);
    };
    std::vector<FixtureColumn> out;
    for (const catalog::KeyColumn& k : t.keys) out.push_back({"?" + k.param, index_of(k.column), nullptr});
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const catalog::Column& c = t.columns[i];
        if (c.input_only || c.parser == ValueParser::None) continue;
        out.push_back({c.header, int(i), &c});
    }
    return out;
}

} // namespace

void write_fixture(const TestDb& db, const std::string& dir) {
    for (const std::string& name : TestDb::tables()) {
        const catalog::Table* t = catalog::find_table(name);
        if (!t) throw std::runtime_error("fixture: no table " + name + " in the catalog");
        const auto columns = fixture_columns(*t);
        std::string out = t->header_less ? "#no-header\n" : "";
        auto line = [&](auto field) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (i > 0) out += ';';
                append_field(out, field(columns[i]));
            }
            out += '\n';
        };
        line([](const FixtureColumn& c) { return c.name; });
        // TestDb's tables have the catalog's columns in its order (cache_ddl).
        for (const Row& row : db.run("SELECT * FROM " + catalog::quote_identifier(name)))
            line([&](const FixtureColumn& c) {
                const std::string& v = row.at(std::size_t(c.source));
                return c.column ? api_value(name, *c.column, v) : (is_null(v) ? std::string() : v);
            });
        const std::string path = dir + "/" + t->action + ".csv";
        std::ofstream file(path, std::ios::binary);
        file << out;
        if (!file.flush()) throw std::runtime_error("fixture: cannot write " + path);
    }
}

} // namespace tb::sql::test
