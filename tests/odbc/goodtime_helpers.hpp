// What the GoodTime integration tests share: the simulator started with
// --api goodtime, the connection string of the goodtime source, the
// simulator's own rows (--dump) to compare with and a statement with a
// bound parameter. Header-only, like the other helpers of tests/odbc.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

namespace tb::test::goodtime {

constexpr const char* kPassword = "gt-api-pw-4e7d";
constexpr const char* kUser = "bjoern.weiss@example.com";
// The user whose e-mail holds a '+': a query or path sent without
// percent-encoding names nobody at the simulator.
constexpr const char* kPlusUser = "anna+zeit@example.com";
// The constant first part of every token the simulator issues
// (base64url of {"alg":"HS256","typ":"JWT"}): found anywhere, a token leaked.
constexpr const char* kJwtHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

inline std::vector<std::string> sim_flags(std::vector<std::string> extra = {}) {
    std::vector<std::string> flags = {"--api", "goodtime", "--api-password", kPassword};
    flags.insert(flags.end(), extra.begin(), extra.end());
    return flags;
}

// Source=goodtime with UID/PWD; `extra` is appended (later keys win).
inline std::string connection_string(const SimProcess& sim, const std::string& extra = "",
                                     const std::string& user = kUser, const std::string& password = kPassword) {
    return "Driver=" + driver_path() + ";Source=goodtime;Server=" + sim.server() + ";UID=" + user + ";PWD={" +
           password + "};CAFile=" + ca_file() + ";Cache=memory;" + extra;
}

// A row as text with NULL as "\N", the way --dump writes it.
using TextRow = std::vector<std::string>;

// The simulator's rows of a goodtime table (tests/sim/README.md, --dump),
// with the same data flags as the running simulator.
inline std::vector<TextRow> sim_rows(const std::string& table, const std::vector<std::string>& flags = {}) {
    std::string command = std::string(TB_SIM_PATH) + " --api goodtime --dump " + table;
    for (const auto& f : flags) command += " '" + f + "'";
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string out;
    char buffer[65536];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    if (pclose(pipe) != 0) throw std::runtime_error(command + " failed");
    std::vector<TextRow> rows;
    size_t start = 0;
    while (start < out.size()) {
        const size_t nl = out.find('\n', start);
        TextRow row;
        size_t field = start;
        for (;;) {
            const size_t tab = out.find('\t', field);
            if (tab == std::string::npos || tab > nl) {
                row.push_back(out.substr(field, nl - field));
                break;
            }
            row.push_back(out.substr(field, tab - field));
            field = tab + 1;
        }
        rows.push_back(std::move(row));
        start = nl + 1;
    }
    return rows;
}

// A timestamp read as text ("2025-03-04 09:16:00" or with a fraction of
// zeros) in the --dump form; any other value unchanged.
inline std::string canonical(const std::optional<std::string>& value) {
    if (!value) return "\\N";
    const std::string& v = *value;
    if (v.size() > 19 && v[4] == '-' && v[10] == ' ' && v[19] == '.' &&
        v.find_first_not_of('0', 20) == std::string::npos)
        return v.substr(0, 19);
    return v;
}

inline std::vector<TextRow> as_text(const std::vector<Row>& rows, size_t columns = SIZE_MAX) {
    std::vector<TextRow> out;
    for (const auto& row : rows) {
        TextRow t;
        for (size_t i = 0; i < row.size() && i < columns; ++i) t.push_back(canonical(row[i]));
        out.push_back(std::move(t));
    }
    return out;
}

// The simulator's rows as the driver reads them: the first `columns`
// columns, an empty text as NULL ("An empty field reads NULL",
// docs/tables.md; the service sends "" for some comments).
inline std::vector<TextRow> first_columns(std::vector<TextRow> rows, size_t columns) {
    for (auto& r : rows) {
        r.resize(std::min(r.size(), columns));
        for (auto& v : r)
            if (v.empty()) v = "\\N";
    }
    return rows;
}

// Equal row lists; on a difference names the row counts and the first
// differing row (gtest would print thousands of rows, cut short).
inline ::testing::AssertionResult same_rows(const std::vector<TextRow>& got, const std::vector<TextRow>& want) {
    for (size_t i = 0; i < got.size() && i < want.size(); ++i)
        if (got[i] != want[i])
            return ::testing::AssertionFailure() << "row " << i << " differs: got " << ::testing::PrintToString(got[i])
                                                 << ", want " << ::testing::PrintToString(want[i]) << " (" << got.size()
                                                 << " rows read, " << want.size() << " expected)";
    if (got.size() != want.size()) {
        const auto& longer = got.size() > want.size() ? got : want;
        return ::testing::AssertionFailure() << got.size() << " rows read, " << want.size() << " expected; first extra "
                                             << (got.size() > want.size() ? "read" : "expected") << " row "
                                             << ::testing::PrintToString(longer[std::min(got.size(), want.size())]);
    }
    return ::testing::AssertionSuccess();
}

// Runs a statement with string parameters bound as SQL_VARCHAR and fetches
// its rows; throws with the diagnostics on failure.
inline std::vector<Row> query_with(OdbcConnection& connection, const std::string& sql,
                                   const std::vector<std::string>& params,
                                   std::vector<std::string>* column_names = nullptr) {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    std::vector<std::string> values = params;
    std::vector<SQLLEN> lengths(values.size(), SQL_NTS);
    auto fail = [&](const std::string& what) {
        std::string text = what + ":";
        for (const auto& d : diagnostics(SQL_HANDLE_STMT, stmt)) text += " [" + d.sqlstate + "] " + d.message;
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        throw std::runtime_error(text);
    };
    if (!SQL_SUCCEEDED(SQLPrepare(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS))) fail("SQLPrepare " + sql);
    for (size_t i = 0; i < values.size(); ++i)
        if (!SQL_SUCCEEDED(SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                                            values[i].size(), 0, values[i].data(), 0, &lengths[i])))
            fail("SQLBindParameter");
    if (!SQL_SUCCEEDED(SQLExecute(stmt))) fail("SQLExecute " + sql);
    if (column_names) {
        SQLSMALLINT n = 0;
        SQLNumResultCols(stmt, &n);
        column_names->clear();
        for (SQLSMALLINT i = 1; i <= n; ++i) {
            SQLCHAR name[256];
            SQLSMALLINT len = 0;
            SQLColAttribute(stmt, SQLUSMALLINT(i), SQL_DESC_NAME, name, sizeof name, &len, nullptr);
            column_names->emplace_back(reinterpret_cast<char*>(name));
        }
    }
    std::vector<Row> rows = fetch_rows(stmt);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return rows;
}

// The requests of one action in the simulator's log that got this status.
inline size_t count_status(const std::vector<LoggedRequest>& requests, int status) {
    const std::string key = "\"status\":" + std::to_string(status) + ",";
    return size_t(std::count_if(requests.begin(), requests.end(),
                                [&](const LoggedRequest& r) { return r.line.find(key) != std::string::npos; }));
}

inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "2026-12" of the current UTC month: the default period of timeentries.
inline std::string current_month() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m", &tm);
    return text;
}

}  // namespace tb::test::goodtime
