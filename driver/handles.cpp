#include "driver/handles.hpp"

#include <algorithm>

#include "engine/session.hpp"
#include "engine/statement.hpp"

namespace tb::driver {
namespace {

std::mutex& registry_mutex() {
    static std::mutex m;
    return m;
}
std::set<Handle*>& registry() {
    static std::set<Handle*> handles;
    return handles;
}

} // namespace

void register_handle(Handle* handle) {
    std::lock_guard lock(registry_mutex());
    registry().insert(handle);
}

void unregister_handle(Handle* handle) {
    std::lock_guard lock(registry_mutex());
    registry().erase(handle);
}

Handle* find_handle(void* pointer, HandleKind kind) {
    if (!pointer) return nullptr;
    std::lock_guard lock(registry_mutex());
    // Compare addresses only: a freed or foreign pointer is never dereferenced.
    auto it = registry().find(static_cast<Handle*>(pointer));
    if (it == registry().end() || (*it)->kind != kind) return nullptr;
    return *it;
}

Dbc::Dbc(Env* env) : Handle(HandleKind::Dbc), env(env) {}
Dbc::~Dbc() = default;

Stmt::Stmt(Dbc* dbc)
    : Handle(HandleKind::Stmt), dbc(dbc), implicit_ard(DescKind::ARD, dbc), implicit_apd(DescKind::APD, dbc),
      implicit_ird(DescKind::IRD, dbc), implicit_ipd(DescKind::IPD, dbc), ard(&implicit_ard), apd(&implicit_apd),
      ird(&implicit_ird), ipd(&implicit_ipd) {
    for (Desc* d : {&implicit_ard, &implicit_apd, &implicit_ird, &implicit_ipd}) {
        d->stmt = this;
        register_handle(d);
    }
}

Stmt::~Stmt() {
    for (Desc* d : {&implicit_ard, &implicit_apd, &implicit_ird, &implicit_ipd}) unregister_handle(d);
}

void Stmt::close_cursor() {
    cursor.reset();
    row_current = false;
    getdata_column = 0;
    getdata_offset = 0;
}

void Stmt::reset_data_at_exec() {
    need_data = false;
    pending_data.clear();
    pending_index = 0;
    put_data.clear();
}

void retire_handle(Handle* handle, ConnectionTurn& turn) {
    unregister_handle(handle);
    turn.drop_waiters(handle);
    // A call that needs no turn (SQLBindCol, SQLCancel) may still be inside.
    std::lock_guard lock(handle->mutex);
}

void destroy_statement(Stmt* stmt) {
    ConnectionTurn& turn = stmt->dbc->turn;
    retire_handle(stmt, turn);
    for (Desc* d : {&stmt->implicit_ard, &stmt->implicit_apd, &stmt->implicit_ird, &stmt->implicit_ipd})
        retire_handle(d, turn);
    stmt->dbc->statements.erase(stmt);
    delete stmt;
}

void add_warnings(Handle& handle, std::vector<engine::Warning> warnings) {
    for (auto& w : warnings)
        handle.diag.add(w.sqlstate, w.message, SQLINTEGER(w.native), w.row ? SQLLEN(w.row) : SQL_NO_ROW_NUMBER,
                        w.column ? w.column : SQL_NO_COLUMN_NUMBER);
}

DescRecord& Desc::record(SQLSMALLINT number) {
    if (std::size_t(number) >= records.size()) records.resize(std::size_t(number) + 1);
    return records[std::size_t(number)];
}

SQLSMALLINT Desc::count() const {
    for (std::size_t i = records.size(); i > 1; --i)
        if (records[i - 1].bound() || desc_kind == DescKind::IRD || desc_kind == DescKind::IPD) return SQLSMALLINT(i - 1);
    return 0;
}

} // namespace tb::driver
