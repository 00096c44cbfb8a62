// Environment, connection and statement attributes (A and W).
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/strings.hpp"
#include "driver/unicode.hpp"

using namespace tb::driver;
using tb::engine::Error;

namespace {

SQLULEN as_uint(SQLPOINTER value) { return reinterpret_cast<SQLULEN>(value); }

template <class T>
void put(SQLPOINTER out, T value) {
    if (out) *static_cast<T*>(out) = value;
}

SQLRETURN set_env_attr(Env& env, SQLINTEGER attribute, SQLPOINTER value) {
    switch (attribute) {
    case SQL_ATTR_ODBC_VERSION: {
        const auto v = SQLINTEGER(as_uint(value));
        if (v != SQL_OV_ODBC2 && v != SQL_OV_ODBC3 && v != SQL_OV_ODBC3_80)
            throw Error("HY024", "ODBC version " + std::to_string(v) + " is not supported (2, 3 or 3.80)");
        env.odbc_version = v;
        return SQL_SUCCESS;
    }
    case SQL_ATTR_CONNECTION_POOLING: env.connection_pooling = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_CP_MATCH: env.cp_match = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS:
        if (as_uint(value) != SQL_TRUE) throw Error("HYC00", "strings are always null-terminated");
        return SQL_SUCCESS;
    default:
        throw Error("HY092", "environment attribute " + std::to_string(attribute) + " is not valid");
    }
}

SQLRETURN get_env_attr(Env& env, SQLINTEGER attribute, SQLPOINTER value) {
    switch (attribute) {
    case SQL_ATTR_ODBC_VERSION: put<SQLINTEGER>(value, env.odbc_version); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_POOLING: put<SQLUINTEGER>(value, env.connection_pooling); return SQL_SUCCESS;
    case SQL_ATTR_CP_MATCH: put<SQLUINTEGER>(value, env.cp_match); return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS: put<SQLINTEGER>(value, SQL_TRUE); return SQL_SUCCESS;
    default: throw Error("HY092", "environment attribute " + std::to_string(attribute) + " is not valid");
    }
}

SQLRETURN set_connect_attr(Dbc& dbc, SQLINTEGER attribute, SQLPOINTER value, const std::string& text) {
    switch (attribute) {
    case SQL_ATTR_LOGIN_TIMEOUT: dbc.login_timeout = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT: dbc.connection_timeout = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_ACCESS_MODE: dbc.access_mode = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_AUTOCOMMIT:
        if (as_uint(value) != SQL_AUTOCOMMIT_ON) {
            // Timebutler has no transactions: every write is final at once.
            dbc.diag.add("01S02", "transactions are not supported; auto-commit stays on");
            dbc.autocommit = SQL_AUTOCOMMIT_ON;
            return SQL_SUCCESS_WITH_INFO;
        }
        return SQL_SUCCESS;
    case SQL_ATTR_TXN_ISOLATION: dbc.txn_isolation = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: dbc.metadata_id = SQLUINTEGER(as_uint(value)); return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG: dbc.current_catalog = text; return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
        if (as_uint(value) != SQL_ASYNC_ENABLE_OFF) {
            dbc.diag.add("01S02", "asynchronous execution is not supported; it stays off");
            return SQL_SUCCESS_WITH_INFO;
        }
        return SQL_SUCCESS;
    case SQL_ATTR_QUIET_MODE: case SQL_ATTR_PACKET_SIZE: case SQL_ATTR_TRACE: case SQL_ATTR_TRACEFILE:
    case SQL_ATTR_TRANSLATE_LIB: case SQL_ATTR_TRANSLATE_OPTION: case SQL_ATTR_ODBC_CURSORS:
        return SQL_SUCCESS;   // managed by the driver manager or meaningless here
    default:
        throw Error("HY092", "connection attribute " + std::to_string(attribute) + " is not valid");
    }
}

// Returns a text attribute through `write_text`, numbers through value.
template <class TextWriter>
SQLRETURN get_connect_attr(Dbc& dbc, SQLINTEGER attribute, SQLPOINTER value, TextWriter&& write_text) {
    switch (attribute) {
    case SQL_ATTR_LOGIN_TIMEOUT: put<SQLUINTEGER>(value, dbc.login_timeout); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT: put<SQLUINTEGER>(value, dbc.connection_timeout); return SQL_SUCCESS;
    case SQL_ATTR_ACCESS_MODE: put<SQLUINTEGER>(value, dbc.access_mode); return SQL_SUCCESS;
    case SQL_ATTR_AUTOCOMMIT: put<SQLUINTEGER>(value, dbc.autocommit); return SQL_SUCCESS;
    case SQL_ATTR_TXN_ISOLATION: put<SQLUINTEGER>(value, dbc.txn_isolation); return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: put<SQLUINTEGER>(value, dbc.metadata_id); return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE: put<SQLULEN>(value, SQL_ASYNC_ENABLE_OFF); return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_DEAD:
        put<SQLUINTEGER>(value, dbc.connected() ? SQL_CD_FALSE : SQL_CD_TRUE);
        return SQL_SUCCESS;
    case SQL_ATTR_AUTO_IPD: put<SQLUINTEGER>(value, SQL_FALSE); return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE: put<SQLUINTEGER>(value, 0); return SQL_SUCCESS;
    case SQL_ATTR_ODBC_CURSORS: put<SQLULEN>(value, SQL_CUR_USE_DRIVER); return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG:
        if (write_text(dbc.current_catalog)) {
            dbc.diag.add("01004", "the catalog name was truncated");
            return SQL_SUCCESS_WITH_INFO;
        }
        return SQL_SUCCESS;
    default:
        throw Error("HY092", "connection attribute " + std::to_string(attribute) + " is not valid");
    }
}

// Cursor requests the driver cannot honour are substituted (01S02) and the
// substituted value reads back.
SQLRETURN substitute(Stmt& stmt, SQLULEN asked, SQLULEN supported, const char* what) {
    if (asked == supported) return SQL_SUCCESS;
    stmt.diag.add("01S02", std::string(what) + " is not supported; the driver uses its only value instead");
    return SQL_SUCCESS_WITH_INFO;
}

SQLRETURN set_stmt_attr(Stmt& stmt, SQLINTEGER attribute, SQLPOINTER value) {
    const SQLULEN v = as_uint(value);
    switch (attribute) {
    case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE:
        if (v == 0) throw Error("HY024", "the row array size must be at least 1");
        stmt.ard->array_size = v;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR: stmt.ird->array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR: stmt.ird->rows_processed_ptr = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE: stmt.ard->bind_type = v; return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: stmt.ard->bind_offset_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE: stmt.apd->bind_type = v; return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: stmt.apd->bind_offset_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
        if (v == 0) throw Error("HY024", "the parameter set size must be at least 1");
        stmt.apd->array_size = v;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR: stmt.ipd->array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: stmt.ipd->rows_processed_ptr = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_OPERATION_PTR: return SQL_SUCCESS;
    case SQL_ATTR_ROW_OPERATION_PTR: return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS: stmt.max_rows = v; return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT: stmt.query_timeout = v; return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH: stmt.max_length = v; return SQL_SUCCESS;
    case SQL_ATTR_NOSCAN: stmt.noscan = v; return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: stmt.metadata_id = v; return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA: stmt.retrieve_data = v; return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_TYPE: return substitute(stmt, v, SQL_CURSOR_FORWARD_ONLY, "this cursor type");
    case SQL_ATTR_CONCURRENCY: return substitute(stmt, v, SQL_CONCUR_READ_ONLY, "this concurrency");
    case SQL_ATTR_CURSOR_SENSITIVITY: return substitute(stmt, v, SQL_INSENSITIVE, "this cursor sensitivity");
    case SQL_ATTR_CURSOR_SCROLLABLE: return substitute(stmt, v, SQL_NONSCROLLABLE, "a scrollable cursor");
    case SQL_ATTR_USE_BOOKMARKS: return substitute(stmt, v, SQL_UB_OFF, "bookmarks");
    case SQL_ATTR_SIMULATE_CURSOR: return substitute(stmt, v, SQL_SC_NON_UNIQUE, "cursor simulation");
    case SQL_ATTR_KEYSET_SIZE: return substitute(stmt, v, 0, "a keyset");
    case SQL_ATTR_ASYNC_ENABLE: return substitute(stmt, v, SQL_ASYNC_ENABLE_OFF, "asynchronous execution");
    case SQL_ATTR_ENABLE_AUTO_IPD: return substitute(stmt, v, SQL_FALSE, "automatic IPD population");
    case SQL_ATTR_APP_ROW_DESC: case SQL_ATTR_APP_PARAM_DESC: {
        Desc* desc = value ? static_cast<Desc*>(find_handle(value, HandleKind::Desc)) : nullptr;
        if (value && (!desc || !desc->explicit_alloc))
            throw Error("HY024", "the descriptor handle is not an explicitly allocated descriptor");
        Desc*& slot = attribute == SQL_ATTR_APP_ROW_DESC ? stmt.ard : stmt.apd;
        slot = desc ? desc : (attribute == SQL_ATTR_APP_ROW_DESC ? &stmt.implicit_ard : &stmt.implicit_apd);
        return SQL_SUCCESS;
    }
    case SQL_ATTR_IMP_ROW_DESC: case SQL_ATTR_IMP_PARAM_DESC:
        throw Error("HY017", "implementation descriptors cannot be replaced");
    default:
        throw Error("HY092", "statement attribute " + std::to_string(attribute) + " is not valid");
    }
}

SQLRETURN get_stmt_attr(Stmt& stmt, SQLINTEGER attribute, SQLPOINTER value) {
    switch (attribute) {
    case SQL_ATTR_ROW_ARRAY_SIZE: case SQL_ROWSET_SIZE: put<SQLULEN>(value, stmt.ard->array_size); return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR: put<SQLPOINTER>(value, stmt.ird->array_status_ptr); return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR: put<SQLPOINTER>(value, stmt.ird->rows_processed_ptr); return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE: put<SQLULEN>(value, stmt.ard->bind_type); return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: put<SQLPOINTER>(value, stmt.ard->bind_offset_ptr); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE: put<SQLULEN>(value, stmt.apd->bind_type); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: put<SQLPOINTER>(value, stmt.apd->bind_offset_ptr); return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE: put<SQLULEN>(value, stmt.apd->array_size); return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR: put<SQLPOINTER>(value, stmt.ipd->array_status_ptr); return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: put<SQLPOINTER>(value, stmt.ipd->rows_processed_ptr); return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS: put<SQLULEN>(value, stmt.max_rows); return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT: put<SQLULEN>(value, stmt.query_timeout); return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH: put<SQLULEN>(value, stmt.max_length); return SQL_SUCCESS;
    case SQL_ATTR_NOSCAN: put<SQLULEN>(value, stmt.noscan); return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: put<SQLULEN>(value, stmt.metadata_id); return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA: put<SQLULEN>(value, stmt.retrieve_data); return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_TYPE: put<SQLULEN>(value, SQL_CURSOR_FORWARD_ONLY); return SQL_SUCCESS;
    case SQL_ATTR_CONCURRENCY: put<SQLULEN>(value, SQL_CONCUR_READ_ONLY); return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SENSITIVITY: put<SQLULEN>(value, SQL_INSENSITIVE); return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SCROLLABLE: put<SQLULEN>(value, SQL_NONSCROLLABLE); return SQL_SUCCESS;
    case SQL_ATTR_USE_BOOKMARKS: put<SQLULEN>(value, SQL_UB_OFF); return SQL_SUCCESS;
    case SQL_ATTR_SIMULATE_CURSOR: put<SQLULEN>(value, SQL_SC_NON_UNIQUE); return SQL_SUCCESS;
    case SQL_ATTR_KEYSET_SIZE: put<SQLULEN>(value, 0); return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE: put<SQLULEN>(value, SQL_ASYNC_ENABLE_OFF); return SQL_SUCCESS;
    case SQL_ATTR_ENABLE_AUTO_IPD: put<SQLULEN>(value, SQL_FALSE); return SQL_SUCCESS;
    case SQL_ATTR_ROW_NUMBER: put<SQLULEN>(value, stmt.row_current ? stmt.rows_fetched_total : 0); return SQL_SUCCESS;
    case SQL_ATTR_APP_ROW_DESC: put<SQLPOINTER>(value, stmt.ard); return SQL_SUCCESS;
    case SQL_ATTR_APP_PARAM_DESC: put<SQLPOINTER>(value, stmt.apd); return SQL_SUCCESS;
    case SQL_ATTR_IMP_ROW_DESC: put<SQLPOINTER>(value, stmt.ird); return SQL_SUCCESS;
    case SQL_ATTR_IMP_PARAM_DESC: put<SQLPOINTER>(value, stmt.ipd); return SQL_SUCCESS;
    default:
        throw Error("HY092", "statement attribute " + std::to_string(attribute) + " is not valid");
    }
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
    TB_ENTRY();
    return guarded<Env>(handle, HandleKind::Env, [&](Env& env) { return set_env_attr(env, attribute, value); });
}
TB_EXPORT SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER,
                                          SQLINTEGER*) {
    TB_ENTRY();
    return guarded<Env>(handle, HandleKind::Env, [&](Env& env) { return get_env_attr(env, attribute, value); });
}

TB_EXPORT SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC handle, SQLINTEGER attribute, SQLPOINTER value,
                                              SQLINTEGER length) {
    TB_ENTRY();
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        const std::string text = attribute == SQL_ATTR_CURRENT_CATALOG
                                     ? from_narrow(static_cast<SQLCHAR*>(value), length) : std::string();
        return set_connect_attr(dbc, attribute, value, text);
    });
}
TB_EXPORT SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC handle, SQLINTEGER attribute, SQLPOINTER value,
                                               SQLINTEGER length) {
    TB_ENTRY();
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        const std::string text =
            attribute == SQL_ATTR_CURRENT_CATALOG
                ? from_wide(static_cast<SQLWCHAR*>(value), length == SQL_NTS ? SQL_NTS : length / SQLINTEGER(sizeof(SQLWCHAR)))
                : std::string();
        return set_connect_attr(dbc, attribute, value, text);
    });
}
TB_EXPORT SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC handle, SQLINTEGER attribute, SQLPOINTER value,
                                              SQLINTEGER max, SQLINTEGER* length) {
    TB_ENTRY();
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        return get_connect_attr(dbc, attribute, value,
                                [&](const std::string& t) { return write_narrow(t, value, max, length); });
    });
}
TB_EXPORT SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC handle, SQLINTEGER attribute, SQLPOINTER value,
                                               SQLINTEGER max, SQLINTEGER* length) {
    TB_ENTRY();
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        return get_connect_attr(dbc, attribute, value, [&](const std::string& t) {
            return write_wide(t, value, max / SQLINTEGER(sizeof(SQLWCHAR)), length, true);
        });
    });
}

TB_EXPORT SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) { return set_stmt_attr(stmt, attribute, value); });
}
TB_EXPORT SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) { return set_stmt_attr(stmt, attribute, value); });
}
TB_EXPORT SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER,
                                           SQLINTEGER*) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) { return get_stmt_attr(stmt, attribute, value); });
}
TB_EXPORT SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT handle, SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER,
                                            SQLINTEGER*) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) { return get_stmt_attr(stmt, attribute, value); });
}

TB_EXPORT SQLRETURN SQL_API SQLEndTran(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT completion) {
    TB_ENTRY();
    auto body = [&](Handle& h) {
        if (completion != SQL_COMMIT && completion != SQL_ROLLBACK)
            throw Error("HY012", "the completion type must be SQL_COMMIT or SQL_ROLLBACK");
        // Auto-commit only: there is never an open transaction to end.
        return SQLRETURN(SQL_SUCCESS);
    };
    if (type == SQL_HANDLE_ENV) return guarded<Env>(handle, HandleKind::Env, body);
    if (type == SQL_HANDLE_DBC) return guarded<Dbc>(handle, HandleKind::Dbc, body);
    return SQL_INVALID_HANDLE;
}
