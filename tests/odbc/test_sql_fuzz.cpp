// Mutated BI statements through the driver manager: the statement shapes of
// the corpus (tests/corpus/bi_cases.cpp, the shapes Power BI, Tableau, Excel,
// R and DBeaver send) with tokens deleted, repeated, swapped or replaced,
// under fixed seeds. Each must succeed or fail with a SQLSTATE a user can act
// on: HY000 is for internal failures, and none may come from a malformed
// statement (SQLite's refusals are 42000, 42S22, 42S02, 21S01, 22xxx).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tests/corpus/cases.hpp"
#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

// Tokens with the text between them kept, so a mutation changes one token.
std::vector<std::string> tokenize(const std::string& text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
    while (i < text.size()) {
        const char c = text[i];
        std::size_t j = i + 1;
        if (std::isspace(static_cast<unsigned char>(c))) {
            while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        } else if (c == '"' || c == '\'') {
            while (j < text.size() && text[j] != c) ++j;
            j = std::min(text.size(), j + 1);
        } else if (word(c)) {
            while (j < text.size() && (word(text[j]) || text[j] == '.')) ++j;
        }
        out.push_back(text.substr(i, j - i));
        i = j;
    }
    return out;
}

// Replacements that keep the statement plausible enough to pass the parser
// now and then, reaching SQLite with names, functions and clauses it rejects.
const std::vector<std::string> kReplacements = {
    "\"user_id\"", "\"nosuch\"", "\"t0\".\"user_id\"", "\"year\"", "\"date\"", "COUNT(*)", "SUM(SUM(1))",
    "MAX(\"user_id\")", "ROW_NUMBER() OVER ()", "{fn NOSUCHFN(1)}", "{fn LEFT('a')}", "{fn ABS(1, 2)}",
    "(SELECT 1, 2)", "(SELECT \"user_id\" FROM \"users\")", "(1, 2)", "99", "0", "-1", "9223372036854775807",
    "NULL", "'x'", "{d '2024-02-30'}", "{ts '2024-01-01 25:00:00'}", "?", "*", "GROUP BY 7", "ORDER BY 42",
    "HAVING SUM(1) > 0", "UNION SELECT 1", "UNION SELECT 1, 2, 3", "DISTINCT", "\"users\"", "\"nosuchtable\"",
    "JOIN \"users\" USING (\"nosuch\")", "NATURAL JOIN \"users\"", "COLLATE nosuch", "CAST(1 AS INTEGER)",
    "COUNT(DISTINCT 1, 2)", "NTILE(0) OVER ()", "WHERE SUM(1) > 0", "LIMIT -1", "OFFSET 'x'", ",", "(", ")",
    "AS", "ON", "AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "CASE", "END", "=", "+", "/", "||"};

std::string mutate(const std::string& text, std::mt19937& random) {
    std::vector<std::string> tokens = tokenize(text);
    std::vector<std::size_t> solid;  // indexes of non-space tokens
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (!std::isspace(static_cast<unsigned char>(tokens[i][0]))) solid.push_back(i);
    if (solid.empty()) return text;
    const int edits = 1 + int(random() % 2);
    for (int e = 0; e < edits; ++e) {
        const std::size_t at = solid[random() % solid.size()];
        switch (random() % 5) {
        case 0: tokens[at].clear(); break;
        case 1: tokens[at] += " " + tokens[at]; break;
        case 2: {
            const std::size_t other = solid[random() % solid.size()];
            std::swap(tokens[at], tokens[other]);
            break;
        }
        default: tokens[at] = kReplacements[random() % kReplacements.size()]; break;
        }
    }
    std::string out;
    for (const auto& t : tokens) out += t;
    return out;
}

struct Outcome {
    std::string sqlstate;  // "" for success
    std::string message;
};

Outcome run(SQLHDBC dbc, const std::string& sql, const std::vector<std::string>& parameters) {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    std::vector<SQLLEN> lengths(parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        lengths[i] = SQLLEN(parameters[i].size());
        SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 100, 0,
                         const_cast<char*>(parameters[i].c_str()), lengths[i], &lengths[i]);
    }
    Outcome outcome;
    SQLRETURN rc = SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.c_str())), SQL_NTS);
    while (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
        rc = SQLFetch(stmt);
        if (rc == SQL_NO_DATA) break;
    }
    if (rc == SQL_ERROR) {
        auto diags = diagnostics(SQL_HANDLE_STMT, stmt);
        if (!diags.empty()) outcome = {diags[0].sqlstate, diags[0].message};
        else outcome = {"?", "SQL_ERROR without a diagnostic record"};
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return outcome;
}

TEST(SqlFuzz, MutatedBiStatementsNeverFailWithHY000) {
    SimProcess sim({"--users", "4", "--years", "2024-2025", "--worktime-per-user-month", "3"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    const auto& cases = tb::sql::test::bi_cases();
    constexpr int kMutationsPerCase = 12;
    std::map<std::string, int> by_state;
    int statements = 0;
    std::vector<std::string> hy000;
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        std::mt19937 random(seed);  // the engine's sequence is fixed by the standard
        for (const auto& c : cases) {
            for (int m = 0; m < kMutationsPerCase; ++m) {
                const std::string sql = mutate(c.odbc, random);
                const Outcome outcome = run(connection.dbc(), sql, c.parameters);
                ++statements;
                ++by_state[outcome.sqlstate.empty() ? "success" : outcome.sqlstate];
                if (outcome.sqlstate == "HY000" || outcome.sqlstate == "?")
                    hy000.push_back(sql + "\n    -> " + outcome.sqlstate + " " + outcome.message);
            }
        }
    }
    std::printf("%d mutated statements:", statements);
    for (const auto& [state, count] : by_state) std::printf(" %s=%d", state.c_str(), count);
    std::printf("\n");
    for (const auto& line : hy000) std::printf("HY000: %s\n", line.c_str());
    EXPECT_EQ(hy000.size(), 0u);
    // The connection is still usable after all of it.
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users")[0][0], "4");
}

} // namespace
