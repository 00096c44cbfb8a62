// SQLPrepare, SQLExecute, SQLExecDirect, SQLNativeSql, parameters
// (SQLBindParameter, SQLNumParams, SQLDescribeParam, SQLParamData,
// SQLPutData), SQLRowCount, SQLCancel, SQLCloseCursor, SQLMoreResults.
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/statement_ops.hpp"
#include "driver/strings.hpp"
#include "driver/unicode.hpp"
#include "engine/session.hpp"
#include "engine/statement.hpp"

using namespace tb::driver;

namespace {

SQLRETURN prepare(SQLHSTMT handle, const std::string& text) {
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        prepare_statement(stmt, text);
        return SQLRETURN(SQL_SUCCESS);
    });
}

SQLRETURN exec_direct(SQLHSTMT handle, const std::string& text) {
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        prepare_statement(stmt, text);
        return execute_statement(stmt);
    });
}

template <class Writer>
SQLRETURN native_sql(SQLHDBC handle, const std::string& text, Writer&& write) {
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        // The driver takes SQL as written; escapes are resolved at execution.
        if (write(text)) {
            dbc.diag.add("01004", "the SQL text was truncated");
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLPrepare(SQLHSTMT handle, SQLCHAR* text, SQLINTEGER length) {
    TB_ENTRY();
    return prepare(handle, from_narrow(text, length));
}
TB_EXPORT SQLRETURN SQL_API SQLPrepareW(SQLHSTMT handle, SQLWCHAR* text, SQLINTEGER length) {
    TB_ENTRY();
    return prepare(handle, from_wide(text, length));
}
TB_EXPORT SQLRETURN SQL_API SQLExecDirect(SQLHSTMT handle, SQLCHAR* text, SQLINTEGER length) {
    TB_ENTRY();
    return exec_direct(handle, from_narrow(text, length));
}
TB_EXPORT SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT handle, SQLWCHAR* text, SQLINTEGER length) {
    TB_ENTRY();
    return exec_direct(handle, from_wide(text, length));
}
TB_EXPORT SQLRETURN SQL_API SQLExecute(SQLHSTMT handle) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [](Stmt& stmt) { return execute_statement(stmt); });
}

TB_EXPORT SQLRETURN SQL_API SQLNativeSql(SQLHDBC handle, SQLCHAR* in, SQLINTEGER in_length, SQLCHAR* out,
                                         SQLINTEGER out_max, SQLINTEGER* out_length) {
    TB_ENTRY();
    return native_sql(handle, from_narrow(in, in_length),
                      [&](const std::string& t) { return write_narrow(t, out, out_max, out_length); });
}
TB_EXPORT SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC handle, SQLWCHAR* in, SQLINTEGER in_length, SQLWCHAR* out,
                                          SQLINTEGER out_max, SQLINTEGER* out_length) {
    TB_ENTRY();
    return native_sql(handle, from_wide(in, in_length),
                      [&](const std::string& t) { return write_wide(t, out, out_max, out_length); });
}

TB_EXPORT SQLRETURN SQL_API SQLNumParams(SQLHSTMT handle, SQLSMALLINT* count) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (!stmt.prepared) throw tb::engine::Error("HY010", "no statement is prepared");
        if (count) *count = SQLSMALLINT(stmt.statement->parameter_count());
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT handle, SQLUSMALLINT number, SQLSMALLINT* type,
                                             SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (!stmt.prepared) throw tb::engine::Error("HY010", "no statement is prepared");
        if (number < 1 || number > stmt.statement->parameter_count())
            throw tb::engine::Error("07009", "parameter " + std::to_string(number) + " does not exist");
        // Parameter types are not inferred: text is what every comparison accepts.
        if (type) *type = SQL_WVARCHAR;
        if (size) *size = 4000;
        if (digits) *digits = 0;
        if (nullable) *nullable = SQL_NULLABLE_UNKNOWN;
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLBindParameter(SQLHSTMT handle, SQLUSMALLINT number, SQLSMALLINT io_type,
                                             SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLULEN size,
                                             SQLSMALLINT digits, SQLPOINTER data, SQLLEN buffer_length,
                                             SQLLEN* indicator) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (number < 1) throw tb::engine::Error("07009", "parameter numbers start at 1");
        if (io_type != SQL_PARAM_INPUT)
            throw tb::engine::Error("HY105", "only input parameters are supported");
        auto& a = stmt.apd->record(SQLSMALLINT(number));
        a.concise_type = c_type == SQL_C_DEFAULT ? SQL_C_CHAR : c_type;
        a.type = a.concise_type;
        a.data_ptr = data;
        a.octet_length = buffer_length;
        a.indicator_ptr = indicator;
        a.octet_length_ptr = indicator;
        a.precision = SQLSMALLINT(size);
        a.scale = digits;
        auto& i = stmt.ipd->record(SQLSMALLINT(number));
        i.concise_type = sql_type;
        i.type = sql_type;
        i.length = size;
        i.scale = digits;
        i.parameter_type = io_type;
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLParamData(SQLHSTMT handle, SQLPOINTER* value) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (!stmt.need_data) throw tb::engine::Error("HY010", "no parameter is waiting for data");
        if (stmt.pending_index < stmt.pending_data.size()) {
            const SQLUSMALLINT number = stmt.pending_data[stmt.pending_index++];
            if (value) *value = stmt.apd->records[number].data_ptr;
            return SQLRETURN(SQL_NEED_DATA);
        }
        return execute_statement(stmt);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLPutData(SQLHSTMT handle, SQLPOINTER data, SQLLEN length) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (!stmt.need_data || stmt.pending_index == 0) throw tb::engine::Error("HY010", "call SQLParamData first");
        const std::size_t k = stmt.pending_index - 1;
        const auto& r = stmt.apd->records[stmt.pending_data[k]];
        if (length == SQL_NULL_DATA || !data) return SQLRETURN(SQL_SUCCESS);
        if (r.concise_type == SQL_C_WCHAR)
            stmt.put_data[k] += from_wide(static_cast<SQLWCHAR*>(data),
                                          length == SQL_NTS ? SQL_NTS : length / SQLLEN(sizeof(SQLWCHAR)));
        else
            stmt.put_data[k] += from_narrow(static_cast<SQLCHAR*>(data), length);
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLRowCount(SQLHSTMT handle, SQLLEN* count) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (!stmt.executed) throw tb::engine::Error("HY010", "the statement has not been executed");
        if (count) *count = stmt.row_count;
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLCancel(SQLHSTMT handle) {
    TB_ENTRY();
    // Another thread running this statement holds its lock, or its call
    // waits for the connection's turn or holds it: signal the engine and the
    // wait without waiting for either (the call then fails with HY008).
    if (auto* busy = static_cast<Stmt*>(find_handle(handle, HandleKind::Stmt))) {
        std::unique_lock lock(busy->mutex, std::try_to_lock);
        if (!lock.owns_lock() || busy->dbc->turn.in_call(busy)) {
            busy->cancel_requested = true;
            busy->dbc->turn.wake();
            if (busy->dbc->session) busy->dbc->session->client().wakeup();
            return SQL_SUCCESS;
        }
    }
    return guarded<Stmt>(handle, HandleKind::Stmt, [](Stmt& stmt) {
        // Statements run synchronously: cancelling ends a data-at-execution sequence.
        stmt.reset_data_at_exec();
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT handle) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [](Stmt& stmt) {
        require_cursor(stmt);
        stmt.close_cursor();
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLMoreResults(SQLHSTMT handle) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [](Stmt& stmt) {
        // One result set per statement.
        stmt.close_cursor();
        return SQLRETURN(SQL_NO_DATA);
    });
}
