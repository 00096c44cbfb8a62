// Statements of ONE connection used from several threads at once, as pyodbc
// cursors of one connection in a thread pool, or Excel and Power BI reading
// metadata and data side by side, do: every statement's answer equals the
// answer the same statement gives when it runs alone. The statements share
// the connection's session (its SQLite cache handle, HTTP client, call
// budget and, for GoodTime, its bearer token); the driver lets them take
// turns on it (docs/design.md, "Threads"). Labelled `threads`: it runs under
// ThreadSanitizer too, which reports any access to that shared state that
// the turns do not order.
#include <gtest/gtest.h>

#include <functional>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/odbc/goodtime_helpers.hpp"
#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

std::string describe(const std::vector<Diag>& diags) {
    std::string text;
    for (const auto& d : diags) text += " [" + d.sqlstate + "] " + d.message;
    return text;
}

SQLCHAR* text(const char* s) { return (SQLCHAR*)s; }

// One statement's work: starts a result on the handle (a query, a prepared
// query with parameters, a catalog function) and names itself for messages.
struct Work {
    std::string name;
    std::function<SQLRETURN(SQLHSTMT)> start;
    std::vector<std::string> parameters;   // bound as SQL_VARCHAR by run()
};

Work query(const std::string& sql) {
    return {sql, [sql](SQLHSTMT h) { return SQLExecDirect(h, text(sql.c_str()), SQL_NTS); }, {}};
}

Work prepared(const std::string& sql, std::vector<std::string> parameters) {
    return {sql, [sql](SQLHSTMT h) {
                SQLRETURN rc = SQLPrepare(h, text(sql.c_str()), SQL_NTS);
                return SQL_SUCCEEDED(rc) ? SQLExecute(h) : rc;
            },
            std::move(parameters)};
}

Work catalog(const std::string& name, std::function<SQLRETURN(SQLHSTMT)> call) { return {name, std::move(call), {}}; }

// Runs one piece of work on a statement and reads its whole result (SQLFetch
// and SQLGetData, through fetch_rows); the result is closed afterwards, the
// statement stays allocated. Throws with the diagnostics on failure.
std::vector<Row> run(SQLHSTMT stmt, const Work& work) {
    std::vector<std::string> values = work.parameters;
    std::vector<SQLLEN> lengths(values.size(), SQL_NTS);
    for (size_t i = 0; i < values.size(); ++i)
        if (!SQL_SUCCEEDED(SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                                            values[i].size(), 0, values[i].data(), 0, &lengths[i])))
            throw std::runtime_error(work.name + ": SQLBindParameter failed:" +
                                     describe(diagnostics(SQL_HANDLE_STMT, stmt)));
    if (!SQL_SUCCEEDED(work.start(stmt)))
        throw std::runtime_error(work.name + " failed:" + describe(diagnostics(SQL_HANDLE_STMT, stmt)));
    std::vector<Row> rows;
    try {
        rows = fetch_rows(stmt);
    } catch (const std::exception& e) {
        throw std::runtime_error(work.name + ": " + e.what());
    }
    SQLFreeStmt(stmt, SQL_CLOSE);
    SQLFreeStmt(stmt, SQL_RESET_PARAMS);
    return rows;
}

// Each piece of work run alone, one after the other, on a connection of its
// own: the answers the threaded run must give.
std::vector<std::vector<Row>> answers_alone(const std::string& connection_string, const std::vector<Work>& works) {
    OdbcConnection alone;
    if (!SQL_SUCCEEDED(alone.connect(connection_string)))
        throw std::runtime_error("connect failed:" + describe(alone.connect_diag()));
    std::vector<std::vector<Row>> answers;
    for (const auto& work : works) {
        SQLHSTMT stmt = SQL_NULL_HSTMT;
        SQLAllocHandle(SQL_HANDLE_STMT, alone.dbc(), &stmt);
        answers.push_back(run(stmt, work));
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        if (answers.back().empty()) throw std::runtime_error(work.name + " has no rows: it proves nothing");
    }
    return answers;
}

std::string show(const Row& row) {
    std::string s;
    for (const auto& cell : row) s += (s.empty() ? "" : "|") + cell.value_or("NULL");
    return s;
}

// What differs between two answers, "" when they are equal.
std::string difference(const std::vector<Row>& got, const std::vector<Row>& want) {
    for (size_t i = 0; i < got.size() && i < want.size(); ++i)
        if (got[i] != want[i]) return "row " + std::to_string(i) + " is " + show(got[i]) + ", alone " + show(want[i]);
    if (got.size() != want.size())
        return std::to_string(got.size()) + " rows, alone " + std::to_string(want.size());
    return "";
}

// One connection, `threads` statements, each on its own thread: thread t runs
// every piece of work `rounds` times, starting at work t so that different
// tables (and catalog functions) are asked at the same moment. The first
// round finds the cache empty, the later ones answer from it. Returns one
// line per failure or wrong answer.
std::vector<std::string> run_in_threads(const std::string& connection_string, const std::vector<Work>& works,
                                        const std::vector<std::vector<Row>>& answers, int threads, int rounds) {
    OdbcConnection shared;
    if (!SQL_SUCCEEDED(shared.connect(connection_string)))
        return {"connect failed:" + describe(shared.connect_diag())};
    std::vector<SQLHSTMT> statements(size_t(threads), SQL_NULL_HSTMT);
    for (auto& stmt : statements)
        if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, shared.dbc(), &stmt)))
            return {"SQLAllocHandle failed:" + describe(diagnostics(SQL_HANDLE_DBC, shared.dbc()))};
    std::mutex mutex;
    std::vector<std::string> failures;
    std::latch start(threads);
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t)
        running.emplace_back([&, t] {
            start.arrive_and_wait();
            for (int round = 0; round < rounds; ++round)
                for (size_t k = 0; k < works.size(); ++k) {
                    const size_t w = (size_t(t) + k) % works.size();
                    std::string failure;
                    try {
                        failure = difference(run(statements[size_t(t)], works[w]), answers[w]);
                        if (!failure.empty()) failure = works[w].name + ": " + failure;
                    } catch (const std::exception& e) {
                        failure = e.what();
                    }
                    if (!failure.empty()) {
                        std::lock_guard lock(mutex);
                        failures.push_back("thread " + std::to_string(t) + ", round " + std::to_string(round) + ": " +
                                           failure);
                    }
                }
        });
    for (auto& thread : running) thread.join();
    for (auto stmt : statements) SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return failures;
}

std::string lines(const std::vector<std::string>& failures) {
    std::string s;
    for (size_t i = 0; i < failures.size() && i < 10; ++i) s += failures[i] + "\n";
    if (failures.size() > 10) s += "... " + std::to_string(failures.size() - 10) + " more\n";
    return s;
}

TEST(ConnectionThreads, StatementsOfOneConnectionAnswerAsWhenRunAlone) {
    // A little latency, so that the requests of different statements overlap.
    SimProcess sim({"--users", "12", "--years", "2024-2024", "--today", "2024-09-10", "--latency-ms", "40"});
    const std::vector<Work> works = {
        query("SELECT * FROM users ORDER BY user_id"),
        query("SELECT * FROM projects ORDER BY project_id"),
        query("SELECT * FROM worktime WHERE year = 2024 AND month = 3 ORDER BY worktime_id"),
        query("SELECT * FROM absences WHERE year = 2024 ORDER BY absence_id"),
        query("SELECT u.user_id, COUNT(w.worktime_id) FROM users u LEFT JOIN worktime w ON w.user_id = u.user_id "
              "AND w.year = 2024 AND w.month = 4 GROUP BY u.user_id ORDER BY u.user_id"),
        prepared("SELECT * FROM worktime WHERE year = ? AND month = ? ORDER BY worktime_id", {"2024", "5"}),
        query("SELECT * FROM services ORDER BY service_id"),
        query("SELECT * FROM holidayentitlement WHERE year = 2024 ORDER BY user_id"),
        catalog("SQLTables", [](SQLHSTMT h) { return SQLTables(h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0); }),
        catalog("SQLColumns worktime", [](SQLHSTMT h) {
            return SQLColumns(h, nullptr, 0, nullptr, 0, text("worktime"), SQL_NTS, nullptr, 0);
        }),
        catalog("SQLColumns %", [](SQLHSTMT h) {
            return SQLColumns(h, nullptr, 0, nullptr, 0, text("%"), SQL_NTS, text("%"), SQL_NTS);
        }),
        catalog("SQLPrimaryKeys users", [](SQLHSTMT h) {
            return SQLPrimaryKeys(h, nullptr, 0, nullptr, 0, text("users"), SQL_NTS);
        }),
        catalog("SQLGetTypeInfo", [](SQLHSTMT h) { return SQLGetTypeInfo(h, SQL_ALL_TYPES); }),
    };
    const std::string cs = sim.connection_string();
    const auto answers = answers_alone(cs, works);
    const auto failures = run_in_threads(cs, works, answers, 6, 2);
    EXPECT_TRUE(failures.empty()) << lines(failures);
}

// GoodTime sources hold a bearer token the statements share. Every token is
// refused after a few uses (--token-uses), so statements of several threads
// find it rejected and log in again at the same time; with CacheTTL=0 each
// statement asks the simulator.
TEST(ConnectionThreads, GoodTimeStatementsShareTheBearerTokenAndItsRenewal) {
    namespace gt = tb::test::goodtime;
    SimProcess sim(gt::sim_flags({"--token-uses", "5", "--latency-ms", "20"}));
    const std::string range = "start_time >= '2025-01-01' AND start_time < '2027-01-01'";
    const std::vector<Work> works = {
        query("SELECT * FROM goodtime.timetypes ORDER BY time_type_id"),
        query("SELECT * FROM goodtime.users ORDER BY login_email"),
        query("SELECT * FROM goodtime.projects ORDER BY project_id"),
        query("SELECT login_email, project_id, name FROM goodtime.user_projects ORDER BY login_email, project_id"),
        query("SELECT time_entry_id, login_email, start_time FROM goodtime.timeentries WHERE " + range +
              " ORDER BY time_entry_id"),
        catalog("SQLTables goodtime", [](SQLHSTMT h) {
            return SQLTables(h, nullptr, 0, text("goodtime"), SQL_NTS, text("%"), SQL_NTS, nullptr, 0);
        }),
    };
    const std::string cs = gt::connection_string(sim, "CacheTTL=0");
    const auto answers = answers_alone(cs, works);
    const auto failures = run_in_threads(cs, works, answers, 4, 2);
    EXPECT_TRUE(failures.empty()) << lines(failures);
}

} // namespace
