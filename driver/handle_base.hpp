// What every ODBC handle has: its kind, a lock held during each call, and
// its diagnostic records.
#pragma once

#include <mutex>

#include "driver/diagnostics.hpp"
#include "driver/odbc.hpp"

namespace tb::driver {

enum class HandleKind { Env = SQL_HANDLE_ENV, Dbc = SQL_HANDLE_DBC, Stmt = SQL_HANDLE_STMT, Desc = SQL_HANDLE_DESC };

struct Handle {
    explicit Handle(HandleKind kind) : kind(kind) {}
    virtual ~Handle() = default;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    const HandleKind kind;
    std::recursive_mutex mutex;
    Diagnostics diag;
};

} // namespace tb::driver
