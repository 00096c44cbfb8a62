#include "driver/info.hpp"

#include <algorithm>
#include <cctype>

#include "driver/handles.hpp"
#include "engine/session.hpp"
#include "sql/sql.hpp"

namespace tb::driver {
namespace {

using U16 = SQLUSMALLINT;
using U32 = SQLUINTEGER;

struct NamedBit { const char* name; U32 bit; };

// Bitmask of the functions in `names` that the printer renders (capabilities()).
U32 mask_of(const std::vector<std::string>& supported, std::initializer_list<NamedBit> bits) {
    U32 mask = 0;
    for (const auto& b : bits)
        for (const auto& s : supported) {
            std::string upper = s;
            std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
            if (upper == b.name) mask |= b.bit;
        }
    return mask;
}

U32 string_functions() {
    return mask_of(sql::capabilities().string_functions,
                   {{"ASCII", SQL_FN_STR_ASCII}, {"BIT_LENGTH", SQL_FN_STR_BIT_LENGTH}, {"CHAR", SQL_FN_STR_CHAR},
                    {"CHAR_LENGTH", SQL_FN_STR_CHAR_LENGTH}, {"CHARACTER_LENGTH", SQL_FN_STR_CHARACTER_LENGTH},
                    {"CONCAT", SQL_FN_STR_CONCAT}, {"DIFFERENCE", SQL_FN_STR_DIFFERENCE}, {"INSERT", SQL_FN_STR_INSERT},
                    {"LCASE", SQL_FN_STR_LCASE}, {"LEFT", SQL_FN_STR_LEFT}, {"LENGTH", SQL_FN_STR_LENGTH},
                    {"LOCATE", SQL_FN_STR_LOCATE}, {"LTRIM", SQL_FN_STR_LTRIM}, {"OCTET_LENGTH", SQL_FN_STR_OCTET_LENGTH},
                    {"POSITION", SQL_FN_STR_POSITION}, {"REPEAT", SQL_FN_STR_REPEAT}, {"REPLACE", SQL_FN_STR_REPLACE},
                    {"RIGHT", SQL_FN_STR_RIGHT}, {"RTRIM", SQL_FN_STR_RTRIM}, {"SOUNDEX", SQL_FN_STR_SOUNDEX},
                    {"SPACE", SQL_FN_STR_SPACE}, {"SUBSTRING", SQL_FN_STR_SUBSTRING}, {"UCASE", SQL_FN_STR_UCASE}});
}

U32 numeric_functions() {
    return mask_of(sql::capabilities().numeric_functions,
                   {{"ABS", SQL_FN_NUM_ABS}, {"ACOS", SQL_FN_NUM_ACOS}, {"ASIN", SQL_FN_NUM_ASIN},
                    {"ATAN", SQL_FN_NUM_ATAN}, {"ATAN2", SQL_FN_NUM_ATAN2}, {"CEILING", SQL_FN_NUM_CEILING},
                    {"COS", SQL_FN_NUM_COS}, {"COT", SQL_FN_NUM_COT}, {"DEGREES", SQL_FN_NUM_DEGREES},
                    {"EXP", SQL_FN_NUM_EXP}, {"FLOOR", SQL_FN_NUM_FLOOR}, {"LOG", SQL_FN_NUM_LOG},
                    {"LOG10", SQL_FN_NUM_LOG10}, {"MOD", SQL_FN_NUM_MOD}, {"PI", SQL_FN_NUM_PI},
                    {"POWER", SQL_FN_NUM_POWER}, {"RADIANS", SQL_FN_NUM_RADIANS}, {"RAND", SQL_FN_NUM_RAND},
                    {"ROUND", SQL_FN_NUM_ROUND}, {"SIGN", SQL_FN_NUM_SIGN}, {"SIN", SQL_FN_NUM_SIN},
                    {"SQRT", SQL_FN_NUM_SQRT}, {"TAN", SQL_FN_NUM_TAN}, {"TRUNCATE", SQL_FN_NUM_TRUNCATE}});
}

U32 timedate_functions() {
    return mask_of(sql::capabilities().timedate_functions,
                   {{"CURDATE", SQL_FN_TD_CURDATE}, {"CURTIME", SQL_FN_TD_CURTIME}, {"CURRENT_DATE", SQL_FN_TD_CURRENT_DATE},
                    {"CURRENT_TIME", SQL_FN_TD_CURRENT_TIME}, {"CURRENT_TIMESTAMP", SQL_FN_TD_CURRENT_TIMESTAMP},
                    {"DAYNAME", SQL_FN_TD_DAYNAME}, {"DAYOFMONTH", SQL_FN_TD_DAYOFMONTH},
                    {"DAYOFWEEK", SQL_FN_TD_DAYOFWEEK}, {"DAYOFYEAR", SQL_FN_TD_DAYOFYEAR},
                    {"EXTRACT", SQL_FN_TD_EXTRACT}, {"HOUR", SQL_FN_TD_HOUR}, {"MINUTE", SQL_FN_TD_MINUTE},
                    {"MONTH", SQL_FN_TD_MONTH}, {"MONTHNAME", SQL_FN_TD_MONTHNAME}, {"NOW", SQL_FN_TD_NOW},
                    {"QUARTER", SQL_FN_TD_QUARTER}, {"SECOND", SQL_FN_TD_SECOND},
                    {"TIMESTAMPADD", SQL_FN_TD_TIMESTAMPADD}, {"TIMESTAMPDIFF", SQL_FN_TD_TIMESTAMPDIFF},
                    {"WEEK", SQL_FN_TD_WEEK}, {"YEAR", SQL_FN_TD_YEAR}});
}

U32 system_functions() {
    return mask_of(sql::capabilities().system_functions,
                   {{"DATABASE", SQL_FN_SYS_DBNAME}, {"IFNULL", SQL_FN_SYS_IFNULL}, {"USER", SQL_FN_SYS_USERNAME}});
}

bool has(const std::vector<std::string>& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// Target types CONVERT() renders, as SQL_CVT_* bits.
U32 convert_targets() {
    const auto& types = sql::capabilities().convert_types;
    U32 mask = 0;
    const NamedBit bits[] = {{"SQL_INTEGER", SQL_CVT_INTEGER}, {"SQL_BIGINT", SQL_CVT_BIGINT},
                             {"SQL_SMALLINT", SQL_CVT_SMALLINT}, {"SQL_TINYINT", SQL_CVT_TINYINT},
                             {"SQL_DECIMAL", SQL_CVT_DECIMAL}, {"SQL_NUMERIC", SQL_CVT_NUMERIC},
                             {"SQL_DOUBLE", SQL_CVT_DOUBLE}, {"SQL_FLOAT", SQL_CVT_FLOAT}, {"SQL_REAL", SQL_CVT_REAL},
                             {"SQL_CHAR", SQL_CVT_CHAR}, {"SQL_VARCHAR", SQL_CVT_VARCHAR},
                             {"SQL_LONGVARCHAR", SQL_CVT_LONGVARCHAR}, {"SQL_WCHAR", SQL_CVT_WCHAR},
                             {"SQL_WVARCHAR", SQL_CVT_WVARCHAR}, {"SQL_WLONGVARCHAR", SQL_CVT_WLONGVARCHAR},
                             {"SQL_DATE", SQL_CVT_DATE}, {"SQL_TIME", SQL_CVT_TIME},
                             {"SQL_TIMESTAMP", SQL_CVT_TIMESTAMP}, {"SQL_BIT", SQL_CVT_BIT}};
    for (const auto& b : bits)
        if (has(types, b.name)) mask |= b.bit;
    return mask;
}

} // namespace

std::optional<InfoValue> info_value(SQLUSMALLINT type, const Dbc& dbc) {
    const std::string server = dbc.session ? dbc.session->config().server : std::string();
    const std::string dsn = dbc.session ? dbc.session->config().data_source : std::string();
    switch (type) {
    // Driver and data source.
    case SQL_DRIVER_NAME: return std::string("libtimebutlerodbc.so");
    case SQL_DRIVER_VER: return std::string("00.01.0000");
    case SQL_DRIVER_ODBC_VER: return std::string("03.80");
    case SQL_ODBC_VER: return std::string("03.80.0000");
    case SQL_DBMS_NAME: return std::string("Timebutler");
    case SQL_DBMS_VER: return std::string("01.00.0000");
    case SQL_SERVER_NAME: return server;
    case SQL_DATA_SOURCE_NAME: return dsn;
    case SQL_DATABASE_NAME: return dbc.session ? dbc.session->catalog_source().name : std::string("timebutler");
    case SQL_USER_NAME: return std::string("");
    case SQL_DATA_SOURCE_READ_ONLY: return std::string("N");
    case SQL_ACCESSIBLE_TABLES: return std::string("Y");
    case SQL_ACCESSIBLE_PROCEDURES: return std::string("N");
    case SQL_SEARCH_PATTERN_ESCAPE: return std::string("\\");
    case SQL_IDENTIFIER_QUOTE_CHAR: return std::string("\"");
    case SQL_CATALOG_NAME_SEPARATOR: return std::string("");
    case SQL_CATALOG_TERM: return std::string("");
    case SQL_CATALOG_NAME: return std::string("N");
    case SQL_CATALOG_USAGE: return U32(0);
    case SQL_CATALOG_LOCATION: return U16(0);
    case SQL_SCHEMA_TERM: return std::string("schema");
    case SQL_SCHEMA_USAGE: return U32(SQL_SU_DML_STATEMENTS | SQL_SU_TABLE_DEFINITION);
    case SQL_TABLE_TERM: return std::string("table");
    case SQL_PROCEDURE_TERM: return std::string("procedure");
    case SQL_PROCEDURES: return std::string("N");
    case SQL_SPECIAL_CHARACTERS: return std::string("");
    case SQL_KEYWORDS: return std::string("EXPLAIN,LIMIT,OFFSET,TOP");
    case SQL_LIKE_ESCAPE_CLAUSE: return std::string("Y");
    case SQL_MULT_RESULT_SETS: return std::string("N");
    case SQL_MULTIPLE_ACTIVE_TXN: return std::string("Y");
    case SQL_NEED_LONG_DATA_LEN: return std::string("N");
    case SQL_ORDER_BY_COLUMNS_IN_SELECT: return std::string("N");
    case SQL_OUTER_JOINS: return std::string("Y");
    case SQL_ROW_UPDATES: return std::string("N");
    case SQL_COLUMN_ALIAS: return std::string("Y");
    case SQL_EXPRESSIONS_IN_ORDERBY: return std::string("Y");
    case SQL_INTEGRITY: return std::string("N");
    case SQL_MAX_ROW_SIZE_INCLUDES_LONG: return std::string("Y");
    case SQL_DESCRIBE_PARAMETER: return std::string("Y");
    case SQL_XOPEN_CLI_YEAR: return std::string("1995");
    case SQL_COLLATION_SEQ: return std::string("UTF-8");
    case SQL_DM_VER: return std::string("03.80.0000.0000");
    // Capabilities.
    case SQL_GETDATA_EXTENSIONS: return U32(SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND);
    case SQL_CURSOR_COMMIT_BEHAVIOR: case SQL_CURSOR_ROLLBACK_BEHAVIOR: return U16(SQL_CB_PRESERVE);
    case SQL_TXN_CAPABLE: return U16(SQL_TC_NONE);
    case SQL_DEFAULT_TXN_ISOLATION: return U32(0);
    case SQL_TXN_ISOLATION_OPTION: return U32(0);
    case SQL_SCROLL_OPTIONS: return U32(SQL_SO_FORWARD_ONLY);
    case SQL_SCROLL_CONCURRENCY: return U32(SQL_SCCO_READ_ONLY);
    case SQL_STATIC_SENSITIVITY: return U32(0);
    case SQL_CURSOR_SENSITIVITY: return U32(SQL_INSENSITIVE);
    case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1: return U32(SQL_CA1_NEXT);
    case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2: return U32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT);
    case SQL_STATIC_CURSOR_ATTRIBUTES1: case SQL_STATIC_CURSOR_ATTRIBUTES2: case SQL_DYNAMIC_CURSOR_ATTRIBUTES1:
    case SQL_DYNAMIC_CURSOR_ATTRIBUTES2: case SQL_KEYSET_CURSOR_ATTRIBUTES1: case SQL_KEYSET_CURSOR_ATTRIBUTES2:
        return U32(0);
    case SQL_FETCH_DIRECTION: return U32(SQL_FD_FETCH_NEXT);
    case SQL_POS_OPERATIONS: return U32(0);
    case SQL_POSITIONED_STATEMENTS: return U32(0);
    case SQL_LOCK_TYPES: return U32(0);
    case SQL_BOOKMARK_PERSISTENCE: return U32(0);
    case SQL_ASYNC_MODE: return U32(SQL_AM_NONE);
    case SQL_ASYNC_DBC_FUNCTIONS: return U32(SQL_ASYNC_DBC_NOT_CAPABLE);
    case SQL_ASYNC_NOTIFICATION: return U32(SQL_ASYNC_NOTIFICATION_NOT_CAPABLE);
    case SQL_MAX_ASYNC_CONCURRENT_STATEMENTS: return U32(0);
    case SQL_ACTIVE_ENVIRONMENTS: return U16(0);
    case SQL_MAX_DRIVER_CONNECTIONS: return U16(0);
    case SQL_MAX_CONCURRENT_ACTIVITIES: return U16(0);
    case SQL_ODBC_INTERFACE_CONFORMANCE: return U32(SQL_OIC_CORE);
    case SQL_ODBC_API_CONFORMANCE: return U16(SQL_OAC_LEVEL1);
    case SQL_ODBC_SQL_CONFORMANCE: return U16(SQL_OSC_CORE);
    case SQL_ODBC_SAG_CLI_CONFORMANCE: return U16(SQL_OSCC_COMPLIANT);
    case SQL_SQL_CONFORMANCE: return U32(SQL_SC_SQL92_ENTRY);
    case SQL_STANDARD_CLI_CONFORMANCE: return U32(SQL_SCC_XOPEN_CLI_VERSION1);
    case SQL_PARAM_ARRAY_ROW_COUNTS: return U32(SQL_PARC_BATCH);
    case SQL_PARAM_ARRAY_SELECTS: return U32(SQL_PAS_NO_SELECT);
    case SQL_BATCH_ROW_COUNT: return U32(0);
    case SQL_BATCH_SUPPORT: return U32(0);
    case SQL_FILE_USAGE: return U16(SQL_FILE_NOT_SUPPORTED);
    case SQL_GROUP_BY: return U16(SQL_GB_GROUP_BY_CONTAINS_SELECT);
    case SQL_IDENTIFIER_CASE: return U16(SQL_IC_LOWER);
    case SQL_QUOTED_IDENTIFIER_CASE: return U16(SQL_IC_SENSITIVE);
    case SQL_NULL_COLLATION: return U16(SQL_NC_LOW);
    case SQL_CONCAT_NULL_BEHAVIOR: return U16(SQL_CB_NULL);
    case SQL_CORRELATION_NAME: return U16(SQL_CN_ANY);
    case SQL_NON_NULLABLE_COLUMNS: return U16(SQL_NNC_NON_NULL);
    case SQL_INFO_SCHEMA_VIEWS: return U32(0);
    case SQL_OJ_CAPABILITIES:
        return U32(SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED | SQL_OJ_NOT_ORDERED | SQL_OJ_INNER |
                   SQL_OJ_ALL_COMPARISON_OPS);
    case SQL_SQL92_RELATIONAL_JOIN_OPERATORS:
        return U32(SQL_SRJO_CROSS_JOIN | SQL_SRJO_FULL_OUTER_JOIN | SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN |
                   SQL_SRJO_RIGHT_OUTER_JOIN);
    case SQL_SUBQUERIES:
        return U32(SQL_SQ_CORRELATED_SUBQUERIES | SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED);
    case SQL_UNION: return U32(SQL_U_UNION | SQL_U_UNION_ALL);
    case SQL_SQL92_PREDICATES:
        return U32(SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS | SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL |
                   SQL_SP_LIKE);
    case SQL_SQL92_VALUE_EXPRESSIONS: return U32(SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF);
    case SQL_AGGREGATE_FUNCTIONS:
        return U32(SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_DISTINCT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM);
    case SQL_DATETIME_LITERALS: return U32(SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP);
    case SQL_STRING_FUNCTIONS: return string_functions();
    case SQL_NUMERIC_FUNCTIONS: return numeric_functions();
    case SQL_TIMEDATE_FUNCTIONS: return timedate_functions();
    case SQL_SYSTEM_FUNCTIONS: return system_functions();
    case SQL_TIMEDATE_ADD_INTERVALS: case SQL_TIMEDATE_DIFF_INTERVALS:
        return has(sql::capabilities().timedate_functions, "TIMESTAMPADD")
                   ? U32(SQL_FN_TSI_FRAC_SECOND | SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR |
                         SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH | SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR)
                   : U32(0);
    case SQL_CONVERT_FUNCTIONS: return U32(SQL_FN_CVT_CAST | SQL_FN_CVT_CONVERT);
    case SQL_CONVERT_BIGINT: case SQL_CONVERT_BIT: case SQL_CONVERT_CHAR: case SQL_CONVERT_DATE:
    case SQL_CONVERT_DECIMAL: case SQL_CONVERT_DOUBLE: case SQL_CONVERT_FLOAT: case SQL_CONVERT_INTEGER:
    case SQL_CONVERT_LONGVARCHAR: case SQL_CONVERT_NUMERIC: case SQL_CONVERT_REAL: case SQL_CONVERT_SMALLINT:
    case SQL_CONVERT_TIME: case SQL_CONVERT_TIMESTAMP: case SQL_CONVERT_TINYINT: case SQL_CONVERT_VARCHAR:
    case SQL_CONVERT_WCHAR: case SQL_CONVERT_WVARCHAR: case SQL_CONVERT_WLONGVARCHAR:
        return convert_targets();
    case SQL_CONVERT_BINARY: case SQL_CONVERT_VARBINARY: case SQL_CONVERT_LONGVARBINARY: case SQL_CONVERT_GUID:
    case SQL_CONVERT_INTERVAL_YEAR_MONTH: case SQL_CONVERT_INTERVAL_DAY_TIME:
        return U32(0);
    // Statements the SQL layer accepts.
    case SQL_ALTER_DOMAIN: case SQL_ALTER_TABLE: case SQL_CREATE_ASSERTION: case SQL_CREATE_CHARACTER_SET:
    case SQL_CREATE_COLLATION: case SQL_CREATE_DOMAIN: case SQL_CREATE_SCHEMA: case SQL_CREATE_TABLE:
    case SQL_CREATE_TRANSLATION: case SQL_CREATE_VIEW: case SQL_DROP_ASSERTION: case SQL_DROP_CHARACTER_SET:
    case SQL_DROP_COLLATION: case SQL_DROP_DOMAIN: case SQL_DROP_SCHEMA: case SQL_DROP_TABLE:
    case SQL_DROP_TRANSLATION: case SQL_DROP_VIEW: case SQL_DDL_INDEX: case SQL_INDEX_KEYWORDS:
    case SQL_SQL92_GRANT: case SQL_SQL92_REVOKE: case SQL_SQL92_DATETIME_FUNCTIONS:
    case SQL_SQL92_FOREIGN_KEY_DELETE_RULE: case SQL_SQL92_FOREIGN_KEY_UPDATE_RULE:
    case SQL_SQL92_NUMERIC_VALUE_FUNCTIONS: case SQL_SQL92_STRING_FUNCTIONS: case SQL_SQL92_ROW_VALUE_CONSTRUCTOR:
        return U32(0);
    case SQL_INSERT_STATEMENT: return U32(SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED | SQL_IS_SELECT_INTO);
    // Limits (0: no fixed limit).
    case SQL_MAX_BINARY_LITERAL_LEN: case SQL_MAX_CHAR_LITERAL_LEN: case SQL_MAX_INDEX_SIZE: case SQL_MAX_ROW_SIZE:
    case SQL_MAX_STATEMENT_LEN:
        return U32(0);
    case SQL_MAX_CATALOG_NAME_LEN: return U16(0);
    case SQL_MAX_COLUMN_NAME_LEN: case SQL_MAX_SCHEMA_NAME_LEN: case SQL_MAX_TABLE_NAME_LEN:
    case SQL_MAX_CURSOR_NAME_LEN: case SQL_MAX_IDENTIFIER_LEN: case SQL_MAX_PROCEDURE_NAME_LEN:
    case SQL_MAX_USER_NAME_LEN:
        return U16(128);
    case SQL_MAX_COLUMNS_IN_GROUP_BY: case SQL_MAX_COLUMNS_IN_INDEX: case SQL_MAX_COLUMNS_IN_ORDER_BY:
    case SQL_MAX_COLUMNS_IN_SELECT: case SQL_MAX_COLUMNS_IN_TABLE: case SQL_MAX_TABLES_IN_SELECT:
        return U16(0);
    case SQL_DRIVER_AWARE_POOLING_SUPPORTED: return U32(SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE);
    // Asked by BI tools although ODBC 3.8 does not define them: 180 is ODBC
    // 4.0's SQL_RETURN_ESCAPE_CLAUSE, 1750 Microsoft's SQL_DTC_TRANSITION_COST.
    // Neither applies: 0.
    case 180: case 1750: return U32(0);
    default: return std::nullopt;
    }
}

bool function_supported(SQLUSMALLINT f) {
    switch (f) {
    case SQL_API_SQLALLOCHANDLE: case SQL_API_SQLFREEHANDLE: case SQL_API_SQLFREESTMT:
    // SQLBrowseConnect is exported only to answer HYC00, so it is not reported
    // (the installers' ConnectFunctions say YYN accordingly).
    case SQL_API_SQLCONNECT: case SQL_API_SQLDRIVERCONNECT: case SQL_API_SQLDISCONNECT:
    case SQL_API_SQLSETENVATTR: case SQL_API_SQLGETENVATTR: case SQL_API_SQLSETCONNECTATTR:
    case SQL_API_SQLGETCONNECTATTR: case SQL_API_SQLSETSTMTATTR: case SQL_API_SQLGETSTMTATTR:
    case SQL_API_SQLGETINFO: case SQL_API_SQLGETFUNCTIONS: case SQL_API_SQLGETTYPEINFO:
    case SQL_API_SQLPREPARE: case SQL_API_SQLEXECUTE: case SQL_API_SQLEXECDIRECT: case SQL_API_SQLNATIVESQL:
    case SQL_API_SQLNUMPARAMS: case SQL_API_SQLDESCRIBEPARAM: case SQL_API_SQLBINDPARAMETER:
    case SQL_API_SQLPARAMDATA: case SQL_API_SQLPUTDATA: case SQL_API_SQLROWCOUNT: case SQL_API_SQLCANCEL:
    case SQL_API_SQLCLOSECURSOR: case SQL_API_SQLMORERESULTS:
    case SQL_API_SQLNUMRESULTCOLS: case SQL_API_SQLDESCRIBECOL: case SQL_API_SQLCOLATTRIBUTE:
    case SQL_API_SQLBINDCOL: case SQL_API_SQLFETCH: case SQL_API_SQLFETCHSCROLL: case SQL_API_SQLGETDATA:
    case SQL_API_SQLSETPOS: case SQL_API_SQLEXTENDEDFETCH:
    case SQL_API_SQLGETDIAGREC: case SQL_API_SQLGETDIAGFIELD: case SQL_API_SQLENDTRAN:
    case SQL_API_SQLTABLES: case SQL_API_SQLCOLUMNS: case SQL_API_SQLPRIMARYKEYS: case SQL_API_SQLFOREIGNKEYS:
    case SQL_API_SQLSTATISTICS: case SQL_API_SQLSPECIALCOLUMNS: case SQL_API_SQLPROCEDURES:
    case SQL_API_SQLPROCEDURECOLUMNS: case SQL_API_SQLTABLEPRIVILEGES: case SQL_API_SQLCOLUMNPRIVILEGES:
    case SQL_API_SQLGETDESCFIELD: case SQL_API_SQLGETDESCREC: case SQL_API_SQLSETDESCFIELD:
    case SQL_API_SQLSETDESCREC: case SQL_API_SQLCOPYDESC:
    case SQL_API_SQLGETCURSORNAME: case SQL_API_SQLSETCURSORNAME:
        return true;
    default:
        return false;
    }
}

} // namespace tb::driver
