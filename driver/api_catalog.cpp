// Catalog functions (A and W): SQLTables, SQLColumns, SQLPrimaryKeys,
// SQLForeignKeys, SQLStatistics, SQLSpecialColumns, SQLProcedures,
// SQLProcedureColumns, SQLTablePrivileges, SQLColumnPrivileges.
#include <iterator>

#include "driver/catalog_results.hpp"
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/statement_ops.hpp"
#include "driver/unicode.hpp"
#include "engine/session.hpp"

using namespace tb::driver;

namespace {

Pattern arg(SQLCHAR* text, SQLSMALLINT length) {
    if (!text) return std::nullopt;
    return from_narrow(text, length);
}
Pattern arg(SQLWCHAR* text, SQLSMALLINT length) {
    if (!text) return std::nullopt;
    return from_wide(text, length);
}

template <class Make>
SQLRETURN catalog_call(SQLHSTMT handle, Make&& make) {
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        set_result(stmt, make(stmt));
        return SQLRETURN(SQL_SUCCESS);
    });
}

const char* const kProcedureColumns[] = {"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "NUM_INPUT_PARAMS",
                                         "NUM_OUTPUT_PARAMS", "NUM_RESULT_SETS", "REMARKS", "PROCEDURE_TYPE"};
const char* const kProcedureColumnColumns[] = {
    "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
    "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
    "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE"};
const char* const kTablePrivilegeColumns[] = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR",
                                              "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"};
const char* const kColumnPrivilegeColumns[] = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
                                               "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"};

// Both character widths share one body per function.
template <class Char>
SQLRETURN tables(SQLHSTMT h, Char* c, SQLSMALLINT cl, Char* s, SQLSMALLINT sl, Char* t, SQLSMALLINT tl, Char* ty,
                 SQLSMALLINT tyl) {
    return catalog_call(h, [&](Stmt& stmt) {
        return tables_result(*stmt.dbc->session, arg(c, cl), arg(s, sl), arg(t, tl), arg(ty, tyl));
    });
}

template <class Char>
SQLRETURN columns(SQLHSTMT h, Char*, SQLSMALLINT, Char* s, SQLSMALLINT sl, Char* t, SQLSMALLINT tl, Char* col,
                  SQLSMALLINT coll) {
    return catalog_call(h, [&](Stmt& stmt) {
        return columns_result(*stmt.dbc->session, stmt.dbc->env->odbc_version, arg(s, sl), arg(t, tl), arg(col, coll));
    });
}

template <class Char>
SQLRETURN primary_keys(SQLHSTMT h, Char*, SQLSMALLINT, Char* s, SQLSMALLINT sl, Char* t, SQLSMALLINT tl) {
    return catalog_call(h, [&](Stmt& stmt) { return primary_keys_result(stmt.dbc->session->catalog_source(), arg(s, sl), arg(t, tl)); });
}

template <class Char>
SQLRETURN foreign_keys(SQLHSTMT h, Char* ps, SQLSMALLINT psl, Char* pt, SQLSMALLINT ptl, Char* fs, SQLSMALLINT fsl,
                       Char* ft, SQLSMALLINT ftl) {
    return catalog_call(h, [&](Stmt& stmt) {
        return foreign_keys_result(stmt.dbc->session->catalog_source(), arg(ps, psl), arg(pt, ptl), arg(fs, fsl), arg(ft, ftl));
    });
}

template <class Char>
SQLRETURN statistics(SQLHSTMT h, Char* s, SQLSMALLINT sl, Char* t, SQLSMALLINT tl) {
    return catalog_call(h, [&](Stmt& stmt) { return statistics_result(stmt.dbc->session->catalog_source(), arg(s, sl), arg(t, tl)); });
}

template <class Char>
SQLRETURN special_columns(SQLHSTMT h, SQLUSMALLINT id, Char* s, SQLSMALLINT sl, Char* t, SQLSMALLINT tl) {
    return catalog_call(h, [&](Stmt& stmt) {
        return special_columns_result(stmt.dbc->session->catalog_source(), id, arg(s, sl), arg(t, tl), stmt.dbc->env->odbc_version);
    });
}

SQLRETURN empty(SQLHSTMT h, const char* const* names, std::size_t count) {
    return catalog_call(h, [&](Stmt&) { return empty_result(names, count); });
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLTables(SQLHSTMT h, SQLCHAR* c, SQLSMALLINT cl, SQLCHAR* s, SQLSMALLINT sl, SQLCHAR* t,
                                      SQLSMALLINT tl, SQLCHAR* ty, SQLSMALLINT tyl) {
    TB_ENTRY();
    return tables(h, c, cl, s, sl, t, tl, ty, tyl);
}
TB_EXPORT SQLRETURN SQL_API SQLTablesW(SQLHSTMT h, SQLWCHAR* c, SQLSMALLINT cl, SQLWCHAR* s, SQLSMALLINT sl,
                                       SQLWCHAR* t, SQLSMALLINT tl, SQLWCHAR* ty, SQLSMALLINT tyl) {
    TB_ENTRY();
    return tables(h, c, cl, s, sl, t, tl, ty, tyl);
}
TB_EXPORT SQLRETURN SQL_API SQLColumns(SQLHSTMT h, SQLCHAR* c, SQLSMALLINT cl, SQLCHAR* s, SQLSMALLINT sl, SQLCHAR* t,
                                       SQLSMALLINT tl, SQLCHAR* col, SQLSMALLINT coll) {
    TB_ENTRY();
    return columns(h, c, cl, s, sl, t, tl, col, coll);
}
TB_EXPORT SQLRETURN SQL_API SQLColumnsW(SQLHSTMT h, SQLWCHAR* c, SQLSMALLINT cl, SQLWCHAR* s, SQLSMALLINT sl,
                                        SQLWCHAR* t, SQLSMALLINT tl, SQLWCHAR* col, SQLSMALLINT coll) {
    TB_ENTRY();
    return columns(h, c, cl, s, sl, t, tl, col, coll);
}
TB_EXPORT SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT h, SQLCHAR* c, SQLSMALLINT cl, SQLCHAR* s, SQLSMALLINT sl,
                                           SQLCHAR* t, SQLSMALLINT tl) {
    TB_ENTRY();
    return primary_keys(h, c, cl, s, sl, t, tl);
}
TB_EXPORT SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT h, SQLWCHAR* c, SQLSMALLINT cl, SQLWCHAR* s, SQLSMALLINT sl,
                                            SQLWCHAR* t, SQLSMALLINT tl) {
    TB_ENTRY();
    return primary_keys(h, c, cl, s, sl, t, tl);
}
TB_EXPORT SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* ps, SQLSMALLINT psl,
                                           SQLCHAR* pt, SQLSMALLINT ptl, SQLCHAR*, SQLSMALLINT, SQLCHAR* fs,
                                           SQLSMALLINT fsl, SQLCHAR* ft, SQLSMALLINT ftl) {
    TB_ENTRY();
    return foreign_keys(h, ps, psl, pt, ptl, fs, fsl, ft, ftl);
}
TB_EXPORT SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* ps, SQLSMALLINT psl,
                                            SQLWCHAR* pt, SQLSMALLINT ptl, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* fs,
                                            SQLSMALLINT fsl, SQLWCHAR* ft, SQLSMALLINT ftl) {
    TB_ENTRY();
    return foreign_keys(h, ps, psl, pt, ptl, fs, fsl, ft, ftl);
}
TB_EXPORT SQLRETURN SQL_API SQLStatistics(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR* s, SQLSMALLINT sl, SQLCHAR* t,
                                          SQLSMALLINT tl, SQLUSMALLINT, SQLUSMALLINT) {
    TB_ENTRY();
    return statistics(h, s, sl, t, tl);
}
TB_EXPORT SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* s, SQLSMALLINT sl,
                                           SQLWCHAR* t, SQLSMALLINT tl, SQLUSMALLINT, SQLUSMALLINT) {
    TB_ENTRY();
    return statistics(h, s, sl, t, tl);
}
TB_EXPORT SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT h, SQLUSMALLINT id, SQLCHAR*, SQLSMALLINT, SQLCHAR* s,
                                              SQLSMALLINT sl, SQLCHAR* t, SQLSMALLINT tl, SQLUSMALLINT,
                                              SQLUSMALLINT) {
    TB_ENTRY();
    return special_columns(h, id, s, sl, t, tl);
}
TB_EXPORT SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT h, SQLUSMALLINT id, SQLWCHAR*, SQLSMALLINT, SQLWCHAR* s,
                                               SQLSMALLINT sl, SQLWCHAR* t, SQLSMALLINT tl, SQLUSMALLINT,
                                               SQLUSMALLINT) {
    TB_ENTRY();
    return special_columns(h, id, s, sl, t, tl);
}
TB_EXPORT SQLRETURN SQL_API SQLProcedures(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*,
                                          SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kProcedureColumns, std::size(kProcedureColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLProceduresW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*,
                                           SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kProcedureColumns, std::size(kProcedureColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*,
                                                SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kProcedureColumnColumns, std::size(kProcedureColumnColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT,
                                                 SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kProcedureColumnColumns, std::size(kProcedureColumnColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*,
                                               SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kTablePrivilegeColumns, std::size(kTablePrivilegeColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*,
                                                SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kTablePrivilegeColumns, std::size(kTablePrivilegeColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT h, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLCHAR*,
                                                SQLSMALLINT, SQLCHAR*, SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kColumnPrivilegeColumns, std::size(kColumnPrivilegeColumns));
}
TB_EXPORT SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT h, SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT,
                                                 SQLWCHAR*, SQLSMALLINT, SQLWCHAR*, SQLSMALLINT) {
    TB_ENTRY();
    return empty(h, kColumnPrivilegeColumns, std::size(kColumnPrivilegeColumns));
}
