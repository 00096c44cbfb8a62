// The SQL corpus (tests/corpus) through the driver: every case runs through
// the unixODBC driver manager and the driver against the simulator, which
// serves the test database's rows from a fixture written from it at test time
// (timebutler-sim --fixture), and must return the rows that the case's
// expectation returns on that SQLite database.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

#include "tests/corpus/cases.hpp"
#include "tests/corpus/fixture_writer.hpp"
#include "tests/corpus/test_db.hpp"
#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;
using tb::sql::test::Case;
using tb::sql::test::TestDb;

namespace {

// A value both sides agree on: a number compares numerically ("5.00" ==
// "5", "0.50" == "0.5"; fractions to 6 significant digits, as TestDb prints
// them), anything else as text.
std::string normalise(const std::string& value) {
    if (value.empty() || value.find_first_not_of("0123456789+-.eE") != std::string::npos) return value;
    char* end = nullptr;
    const double d = std::strtod(value.c_str(), &end);
    if (end != value.c_str() + value.size()) return value;
    return tb::sql::test::format_number(d);
}

std::string normalised(tb::sql::test::Rows rows, bool ordered) {
    for (auto& row : rows)
        for (auto& cell : row) cell = normalise(cell);
    return tb::sql::test::format(std::move(rows), ordered);
}

// "a|b;c|d" back into rows (the literal expectations of the corpus).
tb::sql::test::Rows literal_rows(const std::string& text) {
    tb::sql::test::Rows rows;
    if (text.empty()) return rows;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(';', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        tb::sql::test::Row row;
        std::size_t cell = 0;
        for (;;) {
            const std::size_t bar = line.find('|', cell);
            row.push_back(line.substr(cell, bar == std::string::npos ? std::string::npos : bar - cell));
            if (bar == std::string::npos) break;
            cell = bar + 1;
        }
        rows.push_back(std::move(row));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return rows;
}

std::string describe(const std::vector<Diag>& diags) {
    std::string text;
    for (const auto& d : diags) text += d.sqlstate + " " + d.message + "\n";
    return text;
}

// Executes with the parameters bound as text (SQL_C_CHAR to SQL_VARCHAR, as
// BI tools bind them) and reads every column as text, NULL as "NULL".
tb::sql::test::Rows run_through_driver(SQLHDBC dbc, const Case& c) {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    std::vector<SQLLEN> lengths(c.parameters.size());
    for (std::size_t i = 0; i < c.parameters.size(); ++i) {
        lengths[i] = SQLLEN(c.parameters[i].size());
        SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                         std::max<SQLULEN>(1, c.parameters[i].size()), 0,
                         const_cast<char*>(c.parameters[i].c_str()), lengths[i], &lengths[i]);
    }
    const SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)c.odbc.c_str(), SQL_NTS);
    std::vector<Row> rows;
    try {
        if (!SQL_SUCCEEDED(rc))
            throw std::runtime_error("execute failed: " + describe(diagnostics(SQL_HANDLE_STMT, stmt)));
        rows = fetch_rows(stmt);
    } catch (...) {
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        throw;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    tb::sql::test::Rows out;
    for (const auto& row : rows) {
        tb::sql::test::Row text;
        for (const auto& cell : row) text.push_back(cell ? *cell : "NULL");
        out.push_back(std::move(text));
    }
    return out;
}

// Years, ending with the current one, that a table read without a year
// predicate covers: back to 2024, the first year of the test data.
int default_years() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);  // the driver's defaults follow the local clock
    return tm.tm_year + 1900 - 2024 + 1;
}

// One simulator serving the fixture and one connection for every case.
class CorpusThroughDriver : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDb;
        fixture_dir = make_temp_dir("tb-corpus-fixture-");
        tb::sql::test::write_fixture(*db, fixture_dir);
        sim = new SimProcess({"--fixture", fixture_dir});
        connection = new OdbcConnection;
        const std::string keys = "DefaultYears=" + std::to_string(default_years()) + ";";
        if (!SQL_SUCCEEDED(connection->connect(sim->connection_string(keys))))
            throw std::runtime_error("connect failed: " + describe(connection->connect_diag()));
    }
    static void TearDownTestSuite() {
        delete connection;
        delete sim;
        delete db;
        std::filesystem::remove_all(fixture_dir);
    }

    // "" when the case returns its expected rows through the driver.
    static std::string problem(const Case& c) {
        std::string expected;
        try {
            expected = c.expected.rfind("rows:", 0) == 0 ? normalised(literal_rows(c.expected.substr(5)), c.ordered)
                                                         : normalised(db->run(c.expected, c.parameters), c.ordered);
        } catch (const std::exception& e) {
            return std::string("expectation failed on SQLite: ") + e.what();
        }
        std::string actual;
        try {
            actual = normalised(run_through_driver(connection->dbc(), c), c.ordered);
        } catch (const std::exception& e) {
            return std::string("through the driver: ") + e.what();
        }
        if (actual == expected) return {};
        return "rows differ\n  expected: " + expected + "\n  actual:   " + actual;
    }

    static void check_list(const char* list, const std::vector<Case>& cases) {
        int passed = 0;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
            SCOPED_TRACE(std::string(list) + " case " + std::to_string(i));
            const std::string p = problem(c);
            EXPECT_EQ(p, "") << c.odbc;
            if (p.empty()) ++passed;
        }
        std::printf("%s: %zu cases, %d passed through the driver\n", list, cases.size(), passed);
    }

    static TestDb* db;
    static std::string fixture_dir;
    static SimProcess* sim;
    static OdbcConnection* connection;
};
TestDb* CorpusThroughDriver::db = nullptr;
std::string CorpusThroughDriver::fixture_dir;
SimProcess* CorpusThroughDriver::sim = nullptr;
OdbcConnection* CorpusThroughDriver::connection = nullptr;

// The simulator serves what TestDb holds: SELECT * of each table through the
// driver equals the table in SQLite, every column.
TEST_F(CorpusThroughDriver, DatasetEqualsTheTestDatabase) {
    for (const std::string& table : TestDb::tables()) {
        SCOPED_TRACE(table);
        const Case c("SELECT * FROM " + table, "select * from " + table);
        EXPECT_EQ(problem(c), "");
        EXPECT_GT(db->run(c.expected).size(), 0u);
    }
}

// The service writes fields unquoted (api-notes.md), and so do the fixture
// writer and the simulator: a text with quotes, even one opening a field,
// arrives verbatim; a text with the separator has no API form at all.
TEST(CorpusFixture, QuotesTravelVerbatim) {
    TestDb db;
    const std::string text = "\"Kunde sagt: super";
    const std::string quoted = "say \"hi\" \"twice\"";
    db.run("UPDATE projects SET comments = ?1 WHERE project_id = 12", {text});
    db.run("UPDATE projects SET comments = ?1 WHERE project_id = 10", {quoted});
    const std::string pattern = make_temp_dir("tb-corpus-fixture-");
    tb::sql::test::write_fixture(db, pattern);
    {
        SimProcess sim({"--fixture", pattern});
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
        auto rows = connection.query("SELECT project_id, comments, name FROM projects WHERE project_id IN (10, 11, 12) "
                                     "ORDER BY 1");
        ASSERT_EQ(rows.size(), 3u);
        EXPECT_EQ(rows[0][1], quoted);
        EXPECT_EQ(rows[1][1], "Phase 2");
        EXPECT_EQ(rows[2][1], text);
        EXPECT_EQ(rows[2][2], "Archiv");
        EXPECT_EQ(connection.query("SELECT COUNT(*) FROM projects")[0][0], std::to_string(db.run("SELECT * FROM projects").size()));
    }
    std::filesystem::remove_all(pattern);

    db.run("UPDATE projects SET comments = ?1 WHERE project_id = 12", {"a;b"});
    const std::string second = make_temp_dir("tb-corpus-fixture-");
    EXPECT_THROW(tb::sql::test::write_fixture(db, second), std::runtime_error);
    std::filesystem::remove_all(second);
}

TEST_F(CorpusThroughDriver, Select) { check_list("select", tb::sql::test::select_cases()); }
TEST_F(CorpusThroughDriver, Bi) { check_list("bi", tb::sql::test::bi_cases()); }
TEST_F(CorpusThroughDriver, Functions) { check_list("functions", tb::sql::test::function_cases()); }
TEST_F(CorpusThroughDriver, WithWindow) { check_list("with_window", tb::sql::test::with_window_cases()); }

} // namespace
