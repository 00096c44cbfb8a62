// SQLGetInfo, SQLGetFunctions and SQLGetTypeInfo (A and W).
#include "driver/catalog_results.hpp"
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/info.hpp"
#include "driver/statement_ops.hpp"
#include "driver/strings.hpp"

using namespace tb::driver;
using tb::engine::Error;

namespace {

template <class TextWriter>
SQLRETURN get_info(SQLHDBC handle, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT* length,
                   TextWriter&& write_text) {
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc& dbc) {
        auto info = info_value(type, dbc);
        if (!info) throw Error("HY096", "information type " + std::to_string(type) + " is not valid");
        if (auto* text = std::get_if<std::string>(&*info)) {
            if (write_text(*text)) {
                dbc.diag.add("01004", "the information text was truncated");
                return SQLRETURN(SQL_SUCCESS_WITH_INFO);
            }
            return SQLRETURN(SQL_SUCCESS);
        }
        if (auto* small = std::get_if<SQLUSMALLINT>(&*info)) {
            if (value) *static_cast<SQLUSMALLINT*>(value) = *small;
            if (length) *length = sizeof(SQLUSMALLINT);
        } else {
            if (value) *static_cast<SQLUINTEGER*>(value) = std::get<SQLUINTEGER>(*info);
            if (length) *length = sizeof(SQLUINTEGER);
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

SQLRETURN get_type_info(SQLHSTMT handle, SQLSMALLINT type) {
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        set_result(stmt, type_info_result(type, stmt.dbc->env->odbc_version));
        return SQLRETURN(SQL_SUCCESS);
    });
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLGetInfo(SQLHDBC handle, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT max,
                                       SQLSMALLINT* length) {
    TB_ENTRY();
    return get_info(handle, type, value, length,
                    [&](const std::string& t) { return write_narrow(t, value, max, length); });
}

TB_EXPORT SQLRETURN SQL_API SQLGetInfoW(SQLHDBC handle, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT max,
                                        SQLSMALLINT* length) {
    TB_ENTRY();
    // BufferLength and *StringLengthPtr are in bytes for SQLGetInfoW.
    return get_info(handle, type, value, length, [&](const std::string& t) {
        return write_wide(t, value, max / SQLSMALLINT(sizeof(SQLWCHAR)), length, true);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLGetFunctions(SQLHDBC handle, SQLUSMALLINT function, SQLUSMALLINT* supported) {
    TB_ENTRY();
    return guarded<Dbc>(handle, HandleKind::Dbc, [&](Dbc&) {
        if (!supported) throw Error("HY009", "the output pointer is null");
        if (function == SQL_API_ODBC3_ALL_FUNCTIONS) {
            std::fill(supported, supported + SQL_API_ODBC3_ALL_FUNCTIONS_SIZE, 0);
            for (SQLUSMALLINT f = 0; f < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; ++f)
                if (function_supported(f)) supported[f >> 4] |= SQLUSMALLINT(1u << (f & 0xF));
        } else if (function == SQL_API_ALL_FUNCTIONS) {
            std::fill(supported, supported + 100, 0);
            for (SQLUSMALLINT f = 0; f < 100; ++f) supported[f] = function_supported(f) ? SQL_TRUE : SQL_FALSE;
        } else {
            *supported = function_supported(function) ? SQL_TRUE : SQL_FALSE;
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT handle, SQLSMALLINT type) {
    TB_ENTRY();
    return get_type_info(handle, type);
}
TB_EXPORT SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT handle, SQLSMALLINT type) {
    TB_ENTRY();
    return get_type_info(handle, type);
}
