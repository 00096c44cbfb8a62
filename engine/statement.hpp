// One SQL statement of a session: prepare (parse, bind tables, describe
// without any request), execute (plan, fetch what the cache lacks, run the
// printed SQL on SQLite) and the cursor over its rows.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cursor.hpp"
#include "engine/error.hpp"
#include "engine/planner.hpp"
#include "engine/write_executor.hpp"
#include "sql/sql.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tb::engine {

class Session;

class Statement {
public:
    explicit Statement(Session& session);
    ~Statement();

    // Parses and checks the statement; no request is made.
    void prepare(std::string_view text);
    // The same for a parsed statement (INSERT ... SELECT runs its SELECT so).
    void prepare(sql::StatementPtr ast);
    int parameter_count() const;
    bool returns_rows() const;
    bool is_write() const;
    // Result columns, known without a request once a table's schema is known.
    const std::vector<ColumnInfo>& describe();

    // Runs the statement. The cursor reads rows straight from SQLite.
    std::unique_ptr<Cursor> execute(const ParameterValues& parameters);
    // INSERT/UPDATE/DELETE with one entry per parameter set.
    WriteOutcome execute_write(const std::vector<ParameterValues>& parameter_rows);
    std::int64_t row_count() const { return row_count_; }
    // SQL_ATTR_QUERY_TIMEOUT: seconds an execute may spend on API requests; 0: no limit.
    void set_query_timeout(std::uint64_t seconds) { query_timeout_seconds_ = seconds; }
    // A flag another thread may set (SQLCancel, then Client::wakeup) to end
    // the API requests of a running execute, which then fails with HY008.
    // The caller owns the flag and clears it before each execute.
    void set_cancel_flag(const std::atomic<bool>* flag) { cancel_ = flag; }
    std::vector<Warning> take_warnings() { return std::move(warnings_); }

private:
    struct Bound;   // a base-table reference bound to its catalog table
    std::string render(const std::vector<std::vector<std::int64_t>>* parts) const;
    std::unique_ptr<Cursor> explain(const ParameterValues& parameters);
    void check_columns() const;
    // Prepares the rendered statement on db (the cache's main handle, or a
    // cursor's reader). A GROUP BY name
    // SQLite calls ambiguous is rendered again as its select-list alias, when
    // exactly one item carries it; otherwise the error stands. The caller
    // finalizes the statement.
    sqlite3_stmt* prepare_rendered(sqlite3* db, const std::vector<std::vector<std::int64_t>>* parts) const;
    sql::Pushdown analyse(const sql::Statement& statement) const;

    Session& session_;
    sql::StatementPtr ast_;
    std::vector<Bound> tables_;
    std::vector<ColumnInfo> described_;
    bool described_valid_ = false;
    std::int64_t row_count_ = -1;
    std::uint64_t query_timeout_seconds_ = 0;
    const std::atomic<bool>* cancel_ = nullptr;
    std::vector<Warning> warnings_;
    std::string text_;  // as the user wrote it, for positions in messages ("" for a parsed statement)
    mutable std::set<std::string> group_by_aliases_;  // lower case, learned from SQLite's "ambiguous"
};

// Maps a SQLite error met while stepping a printed statement to the SQLSTATE
// a user expects (no such column -> 42S22 with a suggestion; see sqlite_errors.hpp).
Error sqlite_error(int code, const std::string& message);

} // namespace tb::engine
