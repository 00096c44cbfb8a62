// What the tests of one connection's statements on several threads share
// (test_connection_threads.cpp, test_goodtime_connection_threads.cpp): a
// piece of work a statement does, its answer when it runs alone, and a run
// of many pieces on one connection from several threads at once, compared
// with those answers. Header-only, like the other helpers of tests/odbc.
#pragma once

#include <functional>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/odbc_session.hpp"

namespace tb::test {

inline std::string diag_text(const std::vector<Diag>& diags) {
    std::string text;
    for (const auto& d : diags) text += " [" + d.sqlstate + "] " + d.message;
    return text;
}

inline SQLCHAR* sql_chars(const char* s) { return (SQLCHAR*)s; }

// One statement's work: starts a result on the handle (a query, a prepared
// query with parameters, a catalog function) and names itself for messages.
struct Work {
    std::string name;
    std::function<SQLRETURN(SQLHSTMT)> start;
    std::vector<std::string> parameters;   // bound as SQL_VARCHAR by run()
};

inline Work query(const std::string& sql) {
    return {sql, [sql](SQLHSTMT h) { return SQLExecDirect(h, sql_chars(sql.c_str()), SQL_NTS); }, {}};
}

inline Work prepared(const std::string& sql, std::vector<std::string> parameters) {
    return {sql, [sql](SQLHSTMT h) {
                SQLRETURN rc = SQLPrepare(h, sql_chars(sql.c_str()), SQL_NTS);
                return SQL_SUCCEEDED(rc) ? SQLExecute(h) : rc;
            },
            std::move(parameters)};
}

inline Work catalog(const std::string& name, std::function<SQLRETURN(SQLHSTMT)> call) {
    return {name, std::move(call), {}};
}

// Runs one piece of work on a statement and reads its whole result (SQLFetch
// and SQLGetData, through fetch_rows); the result is closed afterwards, the
// statement stays allocated. Throws with the diagnostics on failure.
inline std::vector<Row> run(SQLHSTMT stmt, const Work& work) {
    std::vector<std::string> values = work.parameters;
    std::vector<SQLLEN> lengths(values.size(), SQL_NTS);
    for (size_t i = 0; i < values.size(); ++i)
        if (!SQL_SUCCEEDED(SQLBindParameter(stmt, SQLUSMALLINT(i + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR,
                                            values[i].size(), 0, values[i].data(), 0, &lengths[i])))
            throw std::runtime_error(work.name + ": SQLBindParameter failed:" +
                                     diag_text(diagnostics(SQL_HANDLE_STMT, stmt)));
    if (!SQL_SUCCEEDED(work.start(stmt)))
        throw std::runtime_error(work.name + " failed:" + diag_text(diagnostics(SQL_HANDLE_STMT, stmt)));
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
inline std::vector<std::vector<Row>> answers_alone(const std::string& connection_string,
                                                   const std::vector<Work>& works) {
    OdbcConnection alone;
    if (!SQL_SUCCEEDED(alone.connect(connection_string)))
        throw std::runtime_error("connect failed:" + diag_text(alone.connect_diag()));
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

inline std::string show(const Row& row) {
    std::string s;
    for (const auto& cell : row) s += (s.empty() ? "" : "|") + cell.value_or("NULL");
    return s;
}

// What differs between two answers, "" when they are equal.
inline std::string difference(const std::vector<Row>& got, const std::vector<Row>& want) {
    for (size_t i = 0; i < got.size() && i < want.size(); ++i)
        if (got[i] != want[i]) return "row " + std::to_string(i) + " is " + show(got[i]) + ", alone " + show(want[i]);
    if (got.size() != want.size())
        return std::to_string(got.size()) + " rows, alone " + std::to_string(want.size());
    return "";
}

// One connection, `threads` statements, each on its own thread: thread t runs
// every piece of work `rounds` times, starting at work t so that different
// tables (and catalog functions) are asked at the same moment. The first
// round finds the cache empty, the later ones answer from it (unless
// CacheTTL=0: then every round asks the service). Returns one
// line per failure or wrong answer.
inline std::vector<std::string> run_in_threads(const std::string& connection_string, const std::vector<Work>& works,
                                               const std::vector<std::vector<Row>>& answers, int threads,
                                               int rounds) {
    OdbcConnection shared;
    if (!SQL_SUCCEEDED(shared.connect(connection_string)))
        return {"connect failed:" + diag_text(shared.connect_diag())};
    std::vector<SQLHSTMT> statements(size_t(threads), SQL_NULL_HSTMT);
    for (auto& stmt : statements)
        if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, shared.dbc(), &stmt)))
            return {"SQLAllocHandle failed:" + diag_text(diagnostics(SQL_HANDLE_DBC, shared.dbc()))};
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

inline std::string lines(const std::vector<std::string>& failures) {
    std::string s;
    for (size_t i = 0; i < failures.size() && i < 10; ++i) s += failures[i] + "\n";
    if (failures.size() > 10) s += "... " + std::to_string(failures.size() - 10) + " more\n";
    return s;
}

} // namespace tb::test
