// The four ODBC handle kinds, their registry (so a freed, foreign or NULL
// handle is recognised instead of dereferenced) and the guarded wrappers that
// every entry point runs through.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "driver/connection_turn.hpp"
#include "driver/descriptor.hpp"
#include "driver/handle_base.hpp"
#include "driver/diagnostics.hpp"
#include "driver/odbc.hpp"
#include "engine/cursor.hpp"
#include "engine/error.hpp"

namespace tb::engine { class Session; class Statement; }

namespace tb::driver {

struct Dbc;
struct Stmt;

struct Env : Handle {
    Env() : Handle(HandleKind::Env) {}
    SQLINTEGER odbc_version = SQL_OV_ODBC3;
    SQLUINTEGER connection_pooling = SQL_CP_OFF;
    SQLUINTEGER cp_match = SQL_CP_STRICT_MATCH;
    std::set<Dbc*> connections;
};

struct Dbc : Handle {
    explicit Dbc(Env* env);
    ~Dbc() override;
    Env* env;
    std::unique_ptr<engine::Session> session;
    std::string connection_string;      // the completed string returned by SQLDriverConnect
    std::set<Stmt*> statements;
    std::set<Desc*> descriptors;        // explicitly allocated (freed with the connection)
    SQLUINTEGER login_timeout = 0;
    SQLUINTEGER connection_timeout = 0;
    SQLUINTEGER access_mode = SQL_MODE_READ_WRITE;
    SQLUINTEGER autocommit = SQL_AUTOCOMMIT_ON;
    SQLUINTEGER metadata_id = SQL_FALSE;
    SQLUINTEGER txn_isolation = SQL_TXN_SERIALIZABLE;
    std::string current_catalog;
    // Statement and descriptor calls that use the session take turns here
    // (guarded_turn); so do SQLDisconnect and the freeing of a statement.
    ConnectionTurn turn;
    bool connected() const { return session != nullptr; }
};

struct Stmt : Handle {
    explicit Stmt(Dbc* dbc);
    ~Stmt() override;
    Dbc* dbc;
    std::unique_ptr<engine::Statement> statement;
    std::unique_ptr<engine::Cursor> cursor;
    bool prepared = false;
    bool executed = false;
    bool row_current = false;           // a row is positioned (SQLGetData allowed)
    SQLLEN row_count = -1;
    std::string cursor_name;
    // SQLGetData piecewise state: which column is being read and how far.
    SQLUSMALLINT getdata_column = 0;
    std::size_t getdata_offset = 0;
    // Implicit descriptors, and the ones in use (an app may set its own).
    Desc implicit_ard, implicit_apd, implicit_ird, implicit_ipd;
    Desc* ard;
    Desc* apd;
    Desc* ird;
    Desc* ipd;
    // Statement attributes that are not descriptor fields.
    SQLULEN max_rows = 0;
    SQLULEN query_timeout = 0;
    // Set by SQLCancel from another thread while a call on this statement
    // waits for its connection's turn or runs; cleared when such a call
    // starts (guarded_turn). Lives with the handle, so a late cancel never
    // touches a statement already replaced.
    std::atomic<bool> cancel_requested{false};
    SQLULEN max_length = 0;
    SQLULEN noscan = SQL_NOSCAN_OFF;
    SQLULEN metadata_id = SQL_FALSE;
    SQLULEN retrieve_data = SQL_RD_ON;
    SQLULEN rows_fetched_total = 0;     // for SQL_ATTR_ROW_NUMBER
    // Data-at-execution parameters waiting for SQLPutData.
    std::vector<SQLUSMALLINT> pending_data;
    std::size_t pending_index = 0;
    std::vector<std::string> put_data;
    bool need_data = false;
    // Closes the result set; a data-at-execution sequence survives it (the
    // execution that SQLParamData finishes closes the cursor too).
    void close_cursor();
    void reset_data_at_exec();
};

// Registry of live handles.
void register_handle(Handle* handle);
void unregister_handle(Handle* handle);
Handle* find_handle(void* pointer, HandleKind kind);

// Runs `body` on a live handle, locked and with its diagnostics cleared;
// turns exceptions into diagnostic records and derives the return code.
template <class H, class F>
SQLRETURN run_guarded(H* handle, F&& body) {
    std::lock_guard lock(handle->mutex);
    handle->diag.clear();
    SQLRETURN rc;
    try {
        rc = body(*handle);
    } catch (const engine::Error& e) {
        handle->diag.add(e.sqlstate, e.what(), SQLINTEGER(e.native));
        rc = SQL_ERROR;
    } catch (const std::bad_alloc&) {
        handle->diag.add("HY001", "memory allocation failed");
        rc = SQL_ERROR;
    } catch (const std::exception& e) {
        handle->diag.add("HY000", std::string("internal error: ") + e.what());
        rc = SQL_ERROR;
    } catch (...) {
        // Nothing may escape into the application: it would terminate it.
        handle->diag.add("HY000", "internal error");
        rc = SQL_ERROR;
    }
    if (rc == SQL_SUCCESS && !handle->diag.records.empty()) rc = SQL_SUCCESS_WITH_INFO;
    if (rc == SQL_ERROR && handle->diag.records.empty()) handle->diag.add("HY000", "general error");
    handle->diag.return_code = rc;
    return rc;
}

// run_guarded on the handle `pointer` names, once it is validated.
template <class H, class F>
SQLRETURN guarded(void* pointer, HandleKind kind, F&& body) {
    auto* handle = static_cast<H*>(find_handle(pointer, kind));
    if (!handle) return SQL_INVALID_HANDLE;
    return run_guarded(handle, std::forward<F>(body));
}

// guarded for a statement or descriptor call that uses the connection's
// engine::Session (execute, prepare, fetch, catalog functions, ...): it holds
// the connection's turn while it runs (driver/connection_turn.hpp), so the
// statements of one connection take turns. The turn is taken before the
// handle's own lock (the lock order). A statement freed while the call
// waited is SQL_INVALID_HANDLE; SQLCancel while it waited is HY008.
template <class H, class F>
SQLRETURN guarded_turn(void* pointer, HandleKind kind, F&& body) {
    static_assert(std::is_same_v<H, Stmt> || std::is_same_v<H, Desc>);
    auto* handle = static_cast<H*>(find_handle(pointer, kind));
    if (!handle) return SQL_INVALID_HANDLE;
    const std::atomic<bool>* cancel = nullptr;
    if constexpr (std::is_same_v<H, Stmt>) {
        handle->cancel_requested = false;   // a cancel before this call began cancels nothing
        cancel = &handle->cancel_requested;
    }
    Turn turn(handle->dbc->turn, handle, cancel);
    // The handle stays alive while `turn` is registered: freeing it waits
    // for the calls registered on it (drop_waiters), so it is not looked up
    // again.
    switch (turn.outcome()) {
    case ConnectionTurn::Outcome::Freed: return SQL_INVALID_HANDLE;
    case ConnectionTurn::Outcome::Cancelled:
        return run_guarded(handle, [](H&) -> SQLRETURN {
            throw engine::Error("HY008", "the statement was cancelled (SQLCancel) while it waited for another "
                                         "statement of its connection to finish; it did not run");
        });
    case ConnectionTurn::Outcome::Taken: break;
    }
    return run_guarded(handle, std::forward<F>(body));
}

// Takes a handle out of use before it is deleted: find_handle no longer
// knows it, calls waiting for the turn on it have ended, and a call inside
// its own lock (one that needs no turn) has finished. The caller holds the
// connection's Dbc::mutex and its turn.
void retire_handle(Handle* handle, ConnectionTurn& turn);

// Frees a statement with its implicit descriptors. The caller holds the
// connection's Dbc::mutex and its turn: calls waiting for the turn on the
// statement end (SQL_INVALID_HANDLE), and one still inside the statement's
// own lock (a call that needs no turn) finishes first.
void destroy_statement(Stmt* stmt);

// Attaches an engine's warnings to a handle's diagnostics.
void add_warnings(Handle& handle, std::vector<engine::Warning> warnings);

} // namespace tb::driver
