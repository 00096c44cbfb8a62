// SQLConnect, SQLDriverConnect, SQLBrowseConnect, SQLDisconnect (A and W).
#include "driver/connection_string.hpp"
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/setup/connect_prompt.hpp"
#include "driver/strings.hpp"
#include "engine/session.hpp"
#include "engine/statement.hpp"

using namespace tb::driver;

namespace {

SQLRETURN open_session(Dbc& dbc, const Attributes& given, Attributes attributes) {
    if (dbc.connected()) {
        dbc.diag.add("08002", "the connection is already open");
        return SQL_ERROR;
    }
    if (auto* dsn = find_attribute(attributes, "DSN")) merge_dsn(attributes, *dsn);
    std::vector<std::string> unknown;
    auto config = make_config(attributes, unknown);
    auto session = std::make_unique<tb::engine::Session>(config);
    // The login timeout bounds the whole connect (every attempt and wait of
    // the connect-time request); ConnectTimeout stays the per-attempt bound.
    session->check_connection(long(dbc.login_timeout));
    dbc.session = std::move(session);
    dbc.connection_string = complete_connection_string(given, dbc.session->config());
    for (const auto& key : unknown)
        dbc.diag.add("01S00", "the connection key '" + key + "' is not used by this driver and was ignored");
    return SQL_SUCCESS;
}

SQLRETURN connect(SQLHDBC handle, std::string dsn, std::string user, std::string token) {
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        Attributes attributes;
        set_attribute(attributes, "DSN", dsn);
        if (!user.empty()) set_attribute(attributes, "UID", user);
        if (!token.empty()) set_attribute(attributes, "Token", token);
        return open_session(dbc, {{"DSN", dsn}}, attributes);
    });
}

template <class Writer>
SQLRETURN driver_connect(SQLHDBC handle, SQLHWND window, const std::string& in, SQLUSMALLINT completion,
                         Writer&& write_out) {
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        switch (completion) {
        case SQL_DRIVER_NOPROMPT: case SQL_DRIVER_COMPLETE: case SQL_DRIVER_PROMPT: case SQL_DRIVER_COMPLETE_REQUIRED:
            break;
        default:
            dbc.diag.add("HY110", "driver completion " + std::to_string(completion) + " is not valid");
            return SQLRETURN(SQL_ERROR);
        }
        if (dbc.connected()) {
            dbc.diag.add("08002", "the connection is already open");
            return SQLRETURN(SQL_ERROR);
        }
        Attributes given = parse_connection_string(in);
        // The DSN dialog, by the rules of driver/setup/connect_prompt.hpp
        // (never without a window handle); Cancel is SQL_NO_DATA.
        if (setup::wants_dialog(window, completion, given) && !setup::prompt_for_connection(window, given))
            return SQLRETURN(SQL_NO_DATA);
        SQLRETURN rc = open_session(dbc, given, given);
        if (rc == SQL_ERROR) return rc;
        if (write_out(dbc.connection_string)) {
            dbc.diag.add("01004", "the completed connection string was truncated");
            rc = SQL_SUCCESS_WITH_INFO;
        }
        return rc;
    });
}

SQLRETURN browse_connect(SQLHDBC handle) {
    return guarded<Dbc>(handle, HandleKind::Dbc, [](Dbc& dbc) {
        dbc.diag.add("HYC00", "SQLBrowseConnect is not supported; use SQLDriverConnect with Server and Token");
        return SQLRETURN(SQL_ERROR);
    });
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLConnect(SQLHDBC handle, SQLCHAR* dsn, SQLSMALLINT dsn_length, SQLCHAR* user,
                                       SQLSMALLINT user_length, SQLCHAR* auth, SQLSMALLINT auth_length) {
    TB_ENTRY();
    return connect(handle, from_narrow(dsn, dsn_length), from_narrow(user, user_length), from_narrow(auth, auth_length));
}

TB_EXPORT SQLRETURN SQL_API SQLConnectW(SQLHDBC handle, SQLWCHAR* dsn, SQLSMALLINT dsn_length, SQLWCHAR* user,
                                        SQLSMALLINT user_length, SQLWCHAR* auth, SQLSMALLINT auth_length) {
    TB_ENTRY();
    return connect(handle, from_wide(dsn, dsn_length), from_wide(user, user_length), from_wide(auth, auth_length));
}

TB_EXPORT SQLRETURN SQL_API SQLDriverConnect(SQLHDBC handle, SQLHWND window, SQLCHAR* in, SQLSMALLINT in_length,
                                             SQLCHAR* out, SQLSMALLINT out_max, SQLSMALLINT* out_length,
                                             SQLUSMALLINT completion) {
    TB_ENTRY();
    return driver_connect(handle, window, from_narrow(in, in_length), completion,
                          [&](const std::string& text) { return write_narrow(text, out, out_max, out_length); });
}

TB_EXPORT SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC handle, SQLHWND window, SQLWCHAR* in, SQLSMALLINT in_length,
                                              SQLWCHAR* out, SQLSMALLINT out_max, SQLSMALLINT* out_length,
                                              SQLUSMALLINT completion) {
    TB_ENTRY();
    return driver_connect(handle, window, from_wide(in, in_length), completion,
                          [&](const std::string& text) { return write_wide(text, out, out_max, out_length); });
}

TB_EXPORT SQLRETURN SQL_API SQLBrowseConnect(SQLHDBC handle, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT,
                                             SQLSMALLINT*) {
    TB_ENTRY();
    return browse_connect(handle);
}

TB_EXPORT SQLRETURN SQL_API SQLBrowseConnectW(SQLHDBC handle, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT,
                                              SQLSMALLINT*) {
    TB_ENTRY();
    return browse_connect(handle);
}

TB_EXPORT SQLRETURN SQL_API SQLDisconnect(SQLHDBC handle) {
    TB_ENTRY();
    return guarded<Dbc>(handle, HandleKind::Dbc, [](Dbc& dbc) {
        if (!dbc.connected()) {
            dbc.diag.add("08003", "the connection is not open");
            return SQLRETURN(SQL_ERROR);
        }
        // Statements of the connection are freed with it (ODBC 3 semantics),
        // once a call running on one of them in another thread has finished.
        Turn turn(dbc.turn, &dbc, nullptr);
        for (Stmt* stmt : std::set<Stmt*>(dbc.statements)) destroy_statement(stmt);
        dbc.session.reset();
        return SQLRETURN(SQL_SUCCESS);
    });
}
