// One cache file, several connections and processes, with result sets left
// open: a load never fails because another connection committed, a write's
// invalidation always lands, and every write is visible to the next SELECT
// of every connection, open cursors or not.
//
// CacheStress.TwoProcessesTwoConnectionsEach runs for TB_CACHE_STRESS_SECONDS
// (default 5; scripts/test.sh runs it for 60). Its ctest test carries the
// label "threaded" so it can be run under ThreadSanitizer as well.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/odbc/write_helpers.hpp"
#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

std::string describe(const std::vector<Diag>& diags) {
    std::string text;
    for (const auto& d : diags) text += d.sqlstate + " " + d.message + "\n";
    return text;
}

// A result set left open after its first row: the connection holds a SQLite
// read snapshot for as long as it stays open.
class OpenCursor {
public:
    OpenCursor(const OdbcConnection& c, const std::string& sql) {
        SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &stmt_);
        SQLRETURN rc = SQLExecDirect(stmt_, (SQLCHAR*)sql.c_str(), SQL_NTS);
        if (!SQL_SUCCEEDED(rc)) error_ = "execute: " + describe(diagnostics(SQL_HANDLE_STMT, stmt_));
        else if ((rc = SQLFetch(stmt_)) != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
            error_ = "first fetch: " + describe(diagnostics(SQL_HANDLE_STMT, stmt_));
    }
    ~OpenCursor() { SQLFreeHandle(SQL_HANDLE_STMT, stmt_); }
    OpenCursor(const OpenCursor&) = delete;
    OpenCursor& operator=(const OpenCursor&) = delete;
    const std::string& error() const { return error_; }
    // Reads the rest; the snapshot ends with the last row. Returns the rows read.
    long drain() {
        long rows = 1;
        for (;;) {
            SQLRETURN rc = SQLFetch(stmt_);
            if (rc == SQL_NO_DATA) break;
            if (!SQL_SUCCEEDED(rc)) {
                error_ = "fetch: " + describe(diagnostics(SQL_HANDLE_STMT, stmt_));
                break;
            }
            ++rows;
        }
        return rows;
    }

private:
    SQLHSTMT stmt_ = SQL_NULL_HSTMT;
    std::string error_;
};

std::string scalar(OdbcConnection& c, const std::string& sql) {
    auto rows = c.query(sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0].value_or("NULL");
}

// Runs one statement in another process (isql; tb_query under Wine) and returns its output.
std::string isql(const std::string& connection_string, const std::string& sql) {
    const auto result = query_in_another_process(connection_string, sql);
    return result.ok ? result.output : "[ISQL]ERROR " + result.output;
}

class CacheConcurrency : public ::testing::Test {
protected:
    CacheConcurrency()
        : sim({"--users", "10", "--years", "2024-2025", "--today", "2025-03-10"}), path(temp_cache_path()),
          cs(sim.connection_string("Cache=" + path + ";CacheTTL=300")) {}
    ~CacheConcurrency() override { remove_cache_file(path); }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(a.connect(cs))) << describe(a.connect_diag());
        ASSERT_TRUE(SQL_SUCCEEDED(b.connect(cs))) << describe(b.connect_diag());
    }
    SimProcess sim;
    std::string path;
    std::string cs;
    OdbcConnection a, b;
};

// A's open result set holds a snapshot from before B's load; A's own load of
// another partition must still work (it failed with "cannot create a
// partition").
TEST_F(CacheConcurrency, LoadWhileAnotherConnectionCommittedAndACursorIsOpen) {
    OpenCursor open(a, "SELECT project_id, name FROM projects");
    ASSERT_EQ(open.error(), "");
    EXPECT_NE(scalar(b, "SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3"), "0");
    std::string count;
    ASSERT_NO_THROW(count = scalar(a, "SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 4"));
    EXPECT_NE(count, "0");
    EXPECT_EQ(open.drain(), 12);
    EXPECT_EQ(open.error(), "");
}

// A writes while its open result set holds an old snapshot: the invalidation
// must land, so B (and A) see the new row at once, not after CacheTTL.
TEST_F(CacheConcurrency, WriteOfAConnectionWithAnOpenCursorIsSeenEverywhere) {
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects"), "12");
    EXPECT_EQ(scalar(b, "SELECT COUNT(*) FROM projects"), "12");
    OpenCursor open(a, "SELECT project_id, name FROM projects");
    ASSERT_EQ(open.error(), "");
    EXPECT_NE(scalar(b, "SELECT COUNT(*) FROM worktime WHERE year = 2024 AND month = 3"), "0");  // B commits
    auto w = exec_write(a, "INSERT INTO projects (name) VALUES ('Seen everywhere')");
    ASSERT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 1) << w.dump();
    EXPECT_FALSE(w.has("01000", "could not")) << w.dump();
    EXPECT_EQ(scalar(b, "SELECT COUNT(*) FROM projects WHERE name = 'Seen everywhere'"), "1");
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects WHERE name = 'Seen everywhere'"), "1");
    std::string other = isql(cs, "SELECT COUNT(*) FROM projects WHERE name = 'Seen everywhere'");
    while (!other.empty() && std::isspace(static_cast<unsigned char>(other.back()))) other.pop_back();
    EXPECT_EQ(other, "1") << "another process (isql)";
    // The open result set keeps its own snapshot: the 12 rows it began with.
    EXPECT_EQ(open.drain(), 12);
    EXPECT_EQ(open.error(), "");
}

// B writes; A's next SELECT runs while A's earlier result set is still open
// and must not answer from A's old snapshot.
TEST_F(CacheConcurrency, NextSelectOfAConnectionWithAnOpenCursorSeesAnotherConnectionsWrite) {
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects"), "12");
    OpenCursor open(a, "SELECT project_id, name FROM projects");
    ASSERT_EQ(open.error(), "");
    auto w = exec_write(b, "INSERT INTO projects (name) VALUES ('From B')");
    ASSERT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects WHERE name = 'From B'"), "1");
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects"), "13");
    EXPECT_EQ(open.drain(), 12);
    EXPECT_EQ(open.error(), "");
}

// The same across processes: isql inserts while this process holds an open
// result set, and this process's next SELECT sees the row.
TEST_F(CacheConcurrency, WriteOfAnotherProcessIsSeenByTheNextSelect) {
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects"), "12");
    OpenCursor open(a, "SELECT project_id, name FROM projects");
    ASSERT_EQ(open.error(), "");
    const std::string out = isql(cs, "INSERT INTO projects (name) VALUES ('From isql')");
    EXPECT_EQ(out.find("[ISQL]ERROR"), std::string::npos) << out;
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects WHERE name = 'From isql'"), "1");
    EXPECT_EQ(scalar(b, "SELECT COUNT(*) FROM projects WHERE name = 'From isql'"), "1");
    EXPECT_EQ(open.drain(), 12);
}

// Several result sets open on one connection at once, each over the table
// as it was when it started.
TEST_F(CacheConcurrency, SeveralOpenCursorsOnOneConnection) {
    OpenCursor first(a, "SELECT project_id FROM projects");
    ASSERT_EQ(first.error(), "");
    ASSERT_TRUE(SQL_SUCCEEDED(exec_write(b, "INSERT INTO projects (name) VALUES ('One')").rc));
    OpenCursor second(a, "SELECT project_id FROM projects");
    ASSERT_EQ(second.error(), "");
    ASSERT_TRUE(SQL_SUCCEEDED(exec_write(a, "INSERT INTO projects (name) VALUES ('Two')").rc));
    OpenCursor third(a, "SELECT project_id FROM projects");
    ASSERT_EQ(third.error(), "");
    EXPECT_EQ(scalar(b, "SELECT COUNT(*) FROM projects"), "14");
    EXPECT_EQ(third.drain(), 14);
    EXPECT_EQ(second.drain(), 13);
    EXPECT_EQ(first.drain(), 12);
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects"), "14");
}

// Another program holds the file's write lock past the driver's wait (10 s):
// the INSERT is done at the service, so it succeeds, but says that the
// cache could not be told; this connection still reads the new row.
TEST_F(CacheConcurrency, InvalidationThatCannotBeWrittenIsReported) {
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects"), "12");
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto w = exec_write(a, "INSERT INTO projects (name) VALUES ('Locked out')");
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 1) << w.dump();
    EXPECT_TRUE(w.has("01000", "could not be marked stale in the cache file")) << w.dump();
    EXPECT_EQ(scalar(a, "SELECT COUNT(*) FROM projects WHERE name = 'Locked out'"), "1");
}

// ---- the stress run: worker processes started from this binary ----

struct Counts {
    long statements = 0, writes = 0, errors = 0, misses = 0, cursors = 0;
    std::string first_problem;
};

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

// Names of the projects whose INSERT has returned, in every process: one
// line each, appended with O_APPEND (a short write is atomic).
void log_written(const std::string& log, const std::string& name) { append_line(log, name); }

std::vector<std::string> written_so_far(const std::string& log) {
    std::vector<std::string> names;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) names.push_back(line);
    return names;
}

// One connection's loop: keep a result set open, mix INSERTs and SELECTs,
// and check that every write logged before a SELECT started is in its answer.
void connection_loop(const std::string& cs, const std::string& log, const std::string& tag, double seconds,
                     Counts& counts, std::mutex& counts_mutex) {
    Counts mine;
    auto problem = [&](const std::string& text) {
        ++mine.errors;
        if (mine.first_problem.empty()) mine.first_problem = tag + ": " + text;
    };
    OdbcConnection c;
    if (!SQL_SUCCEEDED(c.connect(cs))) {
        problem("connect: " + describe(c.connect_diag()));
    } else {
        std::mt19937 random(std::random_device{}());
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        std::unique_ptr<OpenCursor> open;
        long n = 0;
        while (std::chrono::steady_clock::now() < end) {
            ++n;
            const int dice = int(random() % 10);
            if (!open || dice == 0) {
                if (open) {
                    open->drain();
                    if (!open->error().empty()) problem(open->error());
                }
                const int month = 1 + int(random() % 12);
                open = std::make_unique<OpenCursor>(
                    c, random() % 2 ? "SELECT project_id, name FROM projects"
                                    : "SELECT * FROM worktime WHERE year = 2024 AND month = " + std::to_string(month));
                ++mine.statements;
                ++mine.cursors;
                if (!open->error().empty()) problem(open->error());
            } else if (dice <= 3) {
                const std::string name = tag + "-" + std::to_string(n);
                auto w = exec_write(c, "INSERT INTO projects (name) VALUES ('" + name + "')");
                ++mine.statements;
                if (!SQL_SUCCEEDED(w.rc) || w.row_count != 1) {
                    problem("INSERT " + name + ": " + w.dump());
                } else {
                    ++mine.writes;
                    if (w.has("01000", "could not")) problem("INSERT " + name + " left the cache stale: " + w.dump());
                    log_written(log, name);
                }
            } else if (dice <= 7) {
                const auto expected = written_so_far(log);
                ++mine.statements;
                try {
                    std::set<std::string> names;
                    for (const auto& row : c.query("SELECT name FROM projects"))
                        if (!row.empty() && row[0]) names.insert(*row[0]);
                    for (const auto& e : expected)
                        if (!names.count(e)) {
                            ++mine.misses;
                            if (mine.first_problem.empty()) mine.first_problem = tag + ": SELECT missed " + e;
                        }
                } catch (const std::exception& e) {
                    problem(std::string("SELECT: ") + e.what());
                }
            } else {
                const int month = 1 + int(random() % 12);
                ++mine.statements;
                try {
                    c.query("SELECT COUNT(*) FROM worktime WHERE year = 2025 AND month = " + std::to_string(month));
                } catch (const std::exception& e) {
                    problem(std::string("SELECT worktime: ") + e.what());
                }
            }
        }
        if (open) {
            open->drain();
            if (!open->error().empty()) problem(open->error());
        }
    }
    std::lock_guard lock(counts_mutex);
    counts.statements += mine.statements;
    counts.writes += mine.writes;
    counts.errors += mine.errors;
    counts.misses += mine.misses;
    counts.cursors += mine.cursors;
    if (counts.first_problem.empty()) counts.first_problem = mine.first_problem;
}

// Run by the stress test in a child process (with the environment below),
// skipped otherwise: two threads, one connection each.
TEST(CacheStressWorker, DISABLED_TwoConnections) {
    const std::string cs = env_or("TB_STRESS_CS", ""), log = env_or("TB_STRESS_LOG", ""),
                      out = env_or("TB_STRESS_OUT", ""), tag = env_or("TB_STRESS_TAG", "w");
    ASSERT_FALSE(cs.empty() || log.empty() || out.empty());
    const double seconds = std::stod(env_or("TB_STRESS_SECONDS", "5"));
    Counts counts;
    std::mutex counts_mutex;
    std::thread first(connection_loop, cs, log, tag + "a", seconds, std::ref(counts), std::ref(counts_mutex));
    std::thread second(connection_loop, cs, log, tag + "b", seconds, std::ref(counts), std::ref(counts_mutex));
    first.join();
    second.join();
    std::ofstream(out) << counts.statements << ' ' << counts.writes << ' ' << counts.errors << ' ' << counts.misses
                       << ' ' << counts.cursors << '\n'
                       << counts.first_problem << '\n';
}

TEST(CacheStress, TwoProcessesTwoConnectionsEach) {
    SimProcess sim({"--users", "10", "--years", "2024-2025", "--today", "2025-03-10"});
    const std::string path = temp_cache_path();
    const std::string cs = sim.connection_string("Cache=" + path + ";CacheTTL=300");
    const std::string seconds = env_or("TB_CACHE_STRESS_SECONDS", "5");
    const std::string log = path + ".written";
    std::vector<std::string> outs;
    std::vector<std::intptr_t> children;
    for (int p = 0; p < 2; ++p) {
        const std::string out = path + ".out" + std::to_string(p);
        outs.push_back(out);
        const auto child = start_this_program("CacheStressWorker.DISABLED_TwoConnections",
                                              {{"TB_STRESS_CS", cs},
                                               {"TB_STRESS_LOG", log},
                                               {"TB_STRESS_OUT", out},
                                               {"TB_STRESS_TAG", "p" + std::to_string(p)},
                                               {"TB_STRESS_SECONDS", seconds}});
        ASSERT_NE(child, -1);
        children.push_back(child);
    }
    for (auto child : children) EXPECT_EQ(wait_for_child(child), 0) << "worker exit code";
    Counts total;
    for (const auto& out : outs) {
        std::ifstream in(out);
        Counts c;
        ASSERT_TRUE(in >> c.statements >> c.writes >> c.errors >> c.misses >> c.cursors) << out;
        std::string line;
        std::getline(in, line);
        std::getline(in, c.first_problem);
        total.statements += c.statements;
        total.writes += c.writes;
        total.errors += c.errors;
        total.misses += c.misses;
        total.cursors += c.cursors;
        if (total.first_problem.empty()) total.first_problem = c.first_problem;
        std::remove(out.c_str());
    }
    std::printf("cache stress, %s s, 2 processes x 2 connections: %ld statements (%ld cursors left open), "
                "%ld writes, %ld errors, %ld SELECTs missing a write, requests to the simulator %zu\n",
                seconds.c_str(), total.statements, total.cursors, total.writes, total.errors, total.misses,
                sim.requests().size());
    EXPECT_GT(total.writes, 0);
    EXPECT_EQ(total.errors, 0) << total.first_problem;
    EXPECT_EQ(total.misses, 0) << total.first_problem;
    // Every accepted write is in the simulator and in the cache.
    OdbcConnection check;
    ASSERT_TRUE(SQL_SUCCEEDED(check.connect(cs)));
    EXPECT_EQ(scalar(check, "SELECT COUNT(*) FROM projects"), std::to_string(12 + total.writes));
    std::remove(log.c_str());
    remove_cache_file(path);
}

} // namespace
