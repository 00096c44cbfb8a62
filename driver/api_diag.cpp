// SQLGetDiagRec and SQLGetDiagField (A and W).
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/strings.hpp"

using namespace tb::driver;

namespace {

// Diagnostics are read without clearing them, so no guarded() here.
Handle* any_handle(SQLSMALLINT type, SQLHANDLE handle) {
    switch (type) {
    case SQL_HANDLE_ENV: return find_handle(handle, HandleKind::Env);
    case SQL_HANDLE_DBC: return find_handle(handle, HandleKind::Dbc);
    case SQL_HANDLE_STMT: return find_handle(handle, HandleKind::Stmt);
    case SQL_HANDLE_DESC: return find_handle(handle, HandleKind::Desc);
    default: return nullptr;
    }
}

template <class StateWriter, class MessageWriter>
SQLRETURN get_diag_rec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, StateWriter&& write_state,
                       SQLINTEGER* native, MessageWriter&& write_message) {
    Handle* h = any_handle(type, handle);
    if (!h) return SQL_INVALID_HANDLE;
    std::lock_guard lock(h->mutex);
    if (number < 1) return SQL_ERROR;
    if (std::size_t(number) > h->diag.records.size()) return SQL_NO_DATA;
    const DiagRecord& r = h->diag.records[std::size_t(number - 1)];
    write_state(r.sqlstate);
    if (native) *native = r.native;
    return write_message(r.message) ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

template <class TextWriter>
SQLRETURN get_diag_field(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER info,
                         TextWriter&& write_text) {
    Handle* h = any_handle(type, handle);
    if (!h) return SQL_INVALID_HANDLE;
    std::lock_guard lock(h->mutex);
    const Diagnostics& d = h->diag;
    auto text = [&](const std::string& value) { return write_text(value) ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS; };
    // Header fields.
    switch (field) {
    case SQL_DIAG_NUMBER:
        if (info) *static_cast<SQLINTEGER*>(info) = SQLINTEGER(d.records.size());
        return SQL_SUCCESS;
    case SQL_DIAG_RETURNCODE:
        if (info) *static_cast<SQLRETURN*>(info) = d.return_code;
        return SQL_SUCCESS;
    case SQL_DIAG_CURSOR_ROW_COUNT:
    case SQL_DIAG_ROW_COUNT:
        if (type != SQL_HANDLE_STMT) return SQL_ERROR;
        if (info) *static_cast<SQLLEN*>(info) = static_cast<Stmt*>(h)->row_count;
        return SQL_SUCCESS;
    case SQL_DIAG_DYNAMIC_FUNCTION:
        if (type != SQL_HANDLE_STMT) return SQL_ERROR;
        return text(d.dynamic_function);
    case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
        if (type != SQL_HANDLE_STMT) return SQL_ERROR;
        if (info) *static_cast<SQLINTEGER*>(info) = d.dynamic_function_code;
        return SQL_SUCCESS;
    default: break;
    }
    if (number < 1) return SQL_ERROR;
    if (std::size_t(number) > d.records.size()) return SQL_NO_DATA;
    const DiagRecord& r = d.records[std::size_t(number - 1)];
    switch (field) {
    case SQL_DIAG_SQLSTATE: return text(r.sqlstate);
    case SQL_DIAG_MESSAGE_TEXT: return text(r.message);
    case SQL_DIAG_NATIVE:
        if (info) *static_cast<SQLINTEGER*>(info) = r.native;
        return SQL_SUCCESS;
    case SQL_DIAG_CLASS_ORIGIN: return text(class_origin(r.sqlstate));
    case SQL_DIAG_SUBCLASS_ORIGIN: return text(class_origin(r.sqlstate));
    case SQL_DIAG_CONNECTION_NAME: return text("");
    case SQL_DIAG_SERVER_NAME: return text("Timebutler");
    case SQL_DIAG_ROW_NUMBER:
        if (type != SQL_HANDLE_STMT) return SQL_ERROR;
        if (info) *static_cast<SQLLEN*>(info) = r.row;
        return SQL_SUCCESS;
    case SQL_DIAG_COLUMN_NUMBER:
        if (type != SQL_HANDLE_STMT) return SQL_ERROR;
        if (info) *static_cast<SQLINTEGER*>(info) = r.column;
        return SQL_SUCCESS;
    default:
        return SQL_ERROR;
    }
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLCHAR* state,
                                          SQLINTEGER* native, SQLCHAR* message, SQLSMALLINT message_max,
                                          SQLSMALLINT* message_length) {
    TB_ENTRY();
    return get_diag_rec(
        type, handle, number,
        [&](const std::string& s) { if (state) write_narrow(s, state, 6, static_cast<SQLSMALLINT*>(nullptr)); },
        native, [&](const std::string& m) { return write_narrow(m, message, message_max, message_length); });
}

TB_EXPORT SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number, SQLWCHAR* state,
                                           SQLINTEGER* native, SQLWCHAR* message, SQLSMALLINT message_max,
                                           SQLSMALLINT* message_length) {
    TB_ENTRY();
    return get_diag_rec(
        type, handle, number,
        [&](const std::string& s) { if (state) write_wide(s, state, 6, static_cast<SQLSMALLINT*>(nullptr)); },
        native, [&](const std::string& m) { return write_wide(m, message, message_max, message_length); });
}

TB_EXPORT SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number,
                                            SQLSMALLINT field, SQLPOINTER info, SQLSMALLINT info_max,
                                            SQLSMALLINT* info_length) {
    TB_ENTRY();
    return get_diag_field(type, handle, number, field, info,
                          [&](const std::string& t) { return write_narrow(t, info, info_max, info_length); });
}

TB_EXPORT SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT number,
                                             SQLSMALLINT field, SQLPOINTER info, SQLSMALLINT info_max,
                                             SQLSMALLINT* info_length) {
    TB_ENTRY();
    // Lengths are in bytes for the W form.
    return get_diag_field(type, handle, number, field, info, [&](const std::string& t) {
        return write_wide(t, info, info_max / SQLSMALLINT(sizeof(SQLWCHAR)), info_length, true);
    });
}
