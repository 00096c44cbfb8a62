// Result sets: SQLNumResultCols, SQLDescribeCol, SQLColAttribute, SQLBindCol,
// SQLFetch, SQLFetchScroll, SQLExtendedFetch, SQLGetData, SQLSetPos.
#include "driver/convert.hpp"
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/statement_ops.hpp"
#include "engine/session.hpp"
#include "driver/strings.hpp"
#include "driver/types.hpp"

using namespace tb::driver;
using tb::engine::Error;

namespace {

const tb::engine::ColumnInfo& column_at(Stmt& stmt, SQLUSMALLINT number) {
    const auto& columns = result_columns(stmt);
    if (number < 1 || number > columns.size())
        throw Error("07009", "column " + std::to_string(number) + " does not exist; the result has " +
                                 std::to_string(columns.size()) + " columns");
    return columns[number - 1];
}

template <class NameWriter>
SQLRETURN describe_col(SQLHSTMT handle, SQLUSMALLINT number, NameWriter&& write_name, SQLSMALLINT* type,
                       SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        const auto& c = column_at(stmt, number);
        if (type) *type = sql_type_code(c.type, stmt.dbc->env->odbc_version);
        if (size) *size = column_size(c);
        if (digits) *digits = decimal_digits(c);
        if (nullable) *nullable = c.nullable ? SQL_NULLABLE : SQL_NO_NULLS;
        if (write_name(c.name)) {
            stmt.diag.add("01004", "the column name was truncated");
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

// One SQLColAttribute field: text (returned through write_text) or a number.
template <class TextWriter>
SQLRETURN col_attribute(SQLHSTMT handle, SQLUSMALLINT number, SQLUSMALLINT field, TextWriter&& write_text,
                        SQLLEN* numeric) {
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
            if (numeric) *numeric = SQLLEN(result_columns(stmt).size());
            return SQLRETURN(SQL_SUCCESS);
        }
        const auto& c = column_at(stmt, number);
        auto text = [&](const std::string& value) {
            if (write_text(value)) {
                stmt.diag.add("01004", "the attribute text was truncated");
                return SQLRETURN(SQL_SUCCESS_WITH_INFO);
            }
            return SQLRETURN(SQL_SUCCESS);
        };
        auto num = [&](SQLLEN value) {
            if (numeric) *numeric = value;
            return SQLRETURN(SQL_SUCCESS);
        };
        const bool is_text = c.type == tb::catalog::SqlType::WVarchar;
        switch (field) {
        case SQL_DESC_NAME: case SQL_DESC_LABEL: case SQL_COLUMN_NAME: return text(c.name);
        case SQL_DESC_BASE_COLUMN_NAME: return text(c.base_column.empty() ? c.name : c.base_column);
        case SQL_DESC_TABLE_NAME: case SQL_DESC_BASE_TABLE_NAME: return text(c.table);
        case SQL_DESC_SCHEMA_NAME: return text(c.table.empty() ? "" : stmt.dbc->session->catalog_source().name);
        case SQL_DESC_CATALOG_NAME: return text("");
        case SQL_DESC_TYPE_NAME: case SQL_DESC_LOCAL_TYPE_NAME: return text(type_name(c.type));
        case SQL_DESC_LITERAL_PREFIX: case SQL_DESC_LITERAL_SUFFIX:
            return text(is_text ? "'" : (c.type == tb::catalog::SqlType::Date || c.type == tb::catalog::SqlType::Time ||
                                         c.type == tb::catalog::SqlType::Timestamp) ? "'" : "");
        case SQL_DESC_CONCISE_TYPE:
            return num(sql_type_code(c.type, stmt.dbc->env->odbc_version));
        case SQL_DESC_TYPE: return num(verbose_type_code(c.type));
        case SQL_DESC_DATETIME_INTERVAL_CODE: return num(datetime_subcode(c.type));
        case SQL_DESC_LENGTH: case SQL_COLUMN_LENGTH: return num(SQLLEN(column_size(c)));
        case SQL_DESC_OCTET_LENGTH: return num(octet_length(c));
        case SQL_DESC_PRECISION: case SQL_COLUMN_PRECISION: return num(SQLLEN(column_size(c)));
        case SQL_DESC_SCALE: case SQL_COLUMN_SCALE: return num(decimal_digits(c));
        case SQL_DESC_DISPLAY_SIZE: return num(display_size(c));
        case SQL_DESC_NULLABLE: case SQL_COLUMN_NULLABLE: return num(c.nullable ? SQL_NULLABLE : SQL_NO_NULLS);
        case SQL_DESC_NUM_PREC_RADIX: return num(radix(c.type));
        case SQL_DESC_UNSIGNED: return num(is_unsigned(c.type) || !radix(c.type) ? SQL_TRUE : SQL_FALSE);
        case SQL_DESC_FIXED_PREC_SCALE: return num(SQL_FALSE);
        case SQL_DESC_AUTO_UNIQUE_VALUE: return num(SQL_FALSE);
        case SQL_DESC_CASE_SENSITIVE: return num(is_text ? SQL_TRUE : SQL_FALSE);
        case SQL_DESC_SEARCHABLE: return num(is_text ? SQL_PRED_SEARCHABLE : SQL_PRED_BASIC);
        case SQL_DESC_UNNAMED: return num(c.name.empty() ? SQL_UNNAMED : SQL_NAMED);
        case SQL_DESC_UPDATABLE: return num(SQL_ATTR_READONLY);
        default:
            throw Error("HY091", "SQLColAttribute field " + std::to_string(field) + " is not valid");
        }
    });
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT handle, SQLSMALLINT* count) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (count) *count = SQLSMALLINT(result_columns(stmt).size());
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT handle, SQLUSMALLINT number, SQLCHAR* name, SQLSMALLINT name_max,
                                           SQLSMALLINT* name_length, SQLSMALLINT* type, SQLULEN* size,
                                           SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    TB_ENTRY();
    return describe_col(
        handle, number, [&](const std::string& n) { return write_narrow(n, name, name_max, name_length); }, type, size,
        digits, nullable);
}

TB_EXPORT SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT handle, SQLUSMALLINT number, SQLWCHAR* name,
                                            SQLSMALLINT name_max, SQLSMALLINT* name_length, SQLSMALLINT* type,
                                            SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
    TB_ENTRY();
    return describe_col(
        handle, number, [&](const std::string& n) { return write_wide(n, name, name_max, name_length); }, type, size,
        digits, nullable);
}

TB_EXPORT SQLRETURN SQL_API SQLColAttribute(SQLHSTMT handle, SQLUSMALLINT number, SQLUSMALLINT field,
                                            SQLPOINTER text, SQLSMALLINT text_max, SQLSMALLINT* text_length,
                                            ColAttributeNumeric numeric_attribute) {
    TB_ENTRY();
    SQLLEN* numeric = static_cast<SQLLEN*>(numeric_attribute);
    return col_attribute(
        handle, number, field, [&](const std::string& t) { return write_narrow(t, text, text_max, text_length); },
        numeric);
}

TB_EXPORT SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT handle, SQLUSMALLINT number, SQLUSMALLINT field,
                                             SQLPOINTER text, SQLSMALLINT text_max, SQLSMALLINT* text_length,
                                             ColAttributeNumeric numeric_attribute) {
    TB_ENTRY();
    SQLLEN* numeric = static_cast<SQLLEN*>(numeric_attribute);
    // Lengths of SQLColAttributeW are in bytes.
    return col_attribute(
        handle, number, field,
        [&](const std::string& t) {
            return write_wide(t, text, text_max / SQLSMALLINT(sizeof(SQLWCHAR)), text_length, true);
        },
        numeric);
}

TB_EXPORT SQLRETURN SQL_API SQLBindCol(SQLHSTMT handle, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER data,
                                       SQLLEN buffer_length, SQLLEN* indicator) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (number < 1) throw Error("07009", "bookmark columns are not supported; columns start at 1");
        if (buffer_length < 0) throw Error("HY090", "the buffer length is negative");
        auto& r = stmt.ard->record(SQLSMALLINT(number));
        if (!data && !indicator) {
            r = DescRecord{};   // unbind
            return SQLRETURN(SQL_SUCCESS);
        }
        r.concise_type = c_type;
        r.type = c_type;
        r.data_ptr = data;
        r.octet_length = buffer_length;
        r.indicator_ptr = indicator;
        r.octet_length_ptr = indicator;
        if (c_type == SQL_C_NUMERIC) {
            r.precision = 38;
            r.scale = 0;
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLFetch(SQLHSTMT handle) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [](Stmt& stmt) { return fetch_rowset(stmt); });
}

TB_EXPORT SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT handle, SQLSMALLINT orientation, SQLLEN) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (orientation != SQL_FETCH_NEXT)
            throw Error("HY106", "the cursor is forward-only: only SQL_FETCH_NEXT is supported");
        return fetch_rowset(stmt);
    });
}

// unixODBC passes an application's SQLExtendedFetch only to a driver that
// exports it (it does not map it onto SQLFetchScroll). The rowset size is
// SQL_ROWSET_SIZE; the count and status array are arguments, not attributes.
TB_EXPORT SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT handle, SQLUSMALLINT orientation, SQLLEN, SQLULEN* fetched,
                                             SQLUSMALLINT* status) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (orientation != SQL_FETCH_NEXT)
            throw Error("HY106", "the cursor is forward-only: only SQL_FETCH_NEXT is supported");
        Desc& ird = *stmt.ird;
        SQLUSMALLINT* const saved_status = ird.array_status_ptr;
        SQLULEN* const saved_fetched = ird.rows_processed_ptr;
        ird.array_status_ptr = status;
        ird.rows_processed_ptr = fetched;
        struct Restore {
            Desc& d; SQLUSMALLINT* s; SQLULEN* f;
            ~Restore() { d.array_status_ptr = s; d.rows_processed_ptr = f; }
        } restore{ird, saved_status, saved_fetched};
        return fetch_rowset(stmt);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLGetData(SQLHSTMT handle, SQLUSMALLINT number, SQLSMALLINT c_type, SQLPOINTER data,
                                       SQLLEN buffer_length, SQLLEN* indicator) {
    TB_ENTRY();
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        require_cursor(stmt);
        if (!stmt.row_current) throw Error("24000", "no row is positioned; call SQLFetch first");
        const auto& c = column_at(stmt, number);
        if (buffer_length < 0) throw Error("HY090", "the buffer length is negative");
        if (stmt.getdata_column != number) {
            stmt.getdata_column = number;
            stmt.getdata_offset = 0;
        }
        Target t{c_type, data, buffer_length, indicator, indicator};
        if (c_type == SQL_ARD_TYPE) {
            const auto& r = stmt.ard->record(SQLSMALLINT(number));
            t.c_type = r.concise_type;
            t.precision = r.precision;
            t.scale = r.scale;
        }
        switch (convert_cell(*stmt.cursor, int(number - 1), c, t, stmt.getdata_offset)) {
        case ConvertResult::NoMoreData: return SQLRETURN(SQL_NO_DATA);
        case ConvertResult::Truncated:
            stmt.diag.add("01004", "column " + c.name + ": string data, right truncated; call SQLGetData again for the rest",
                          0, SQL_NO_ROW_NUMBER, SQLINTEGER(number));
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        case ConvertResult::FractionTruncated:
            stmt.diag.add("01S07", "column " + c.name + ": " + fraction_truncation(c.type, t.c_type), 0,
                          SQL_NO_ROW_NUMBER, SQLINTEGER(number));
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        case ConvertResult::Ok: break;
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLSetPos(SQLHSTMT handle, SQLSETPOSIROW row, SQLUSMALLINT operation, SQLUSMALLINT) {
    TB_ENTRY();
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        require_cursor(stmt);
        if (operation == SQL_POSITION && row <= 1) return SQLRETURN(SQL_SUCCESS);
        throw Error("HYC00", "the cursor is forward-only and read-only: SQLSetPos can only position on row 1");
    });
}
