// Descriptors (SQLGetDescField, SQLGetDescRec, SQLSetDescField,
// SQLSetDescRec, SQLCopyDesc) and cursor names (SQLGetCursorName,
// SQLSetCursorName), A and W.
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "driver/statement_ops.hpp"
#include "driver/strings.hpp"

using namespace tb::driver;
using tb::engine::Error;

namespace {

template <class T>
void put(SQLPOINTER out, T value) {
    if (out) *static_cast<T*>(out) = value;
}

bool is_implementation_row(const Desc& d) { return d.desc_kind == DescKind::IRD; }

// A statement's IRD describes its result as soon as it is prepared, as
// SQLDescribeCol would (no request for a table whose schema is known).
void describe_if_prepared(Desc& d) {
    if (d.desc_kind != DescKind::IRD || !d.stmt || d.stmt->cursor || !d.stmt->prepared) return;
    result_columns(*d.stmt);
}

template <class TextWriter>
SQLRETURN get_desc_field(Desc& d, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER value, TextWriter&& write_text) {
    describe_if_prepared(d);
    switch (field) {   // header fields
    case SQL_DESC_ALLOC_TYPE: put<SQLSMALLINT>(value, d.explicit_alloc ? SQL_DESC_ALLOC_USER : SQL_DESC_ALLOC_AUTO); return SQL_SUCCESS;
    case SQL_DESC_ARRAY_SIZE: put<SQLULEN>(value, d.array_size); return SQL_SUCCESS;
    case SQL_DESC_ARRAY_STATUS_PTR: put<SQLPOINTER>(value, d.array_status_ptr); return SQL_SUCCESS;
    case SQL_DESC_BIND_OFFSET_PTR: put<SQLPOINTER>(value, d.bind_offset_ptr); return SQL_SUCCESS;
    case SQL_DESC_BIND_TYPE: put<SQLINTEGER>(value, SQLINTEGER(d.bind_type)); return SQL_SUCCESS;
    case SQL_DESC_COUNT: put<SQLSMALLINT>(value, d.count()); return SQL_SUCCESS;
    case SQL_DESC_ROWS_PROCESSED_PTR: put<SQLPOINTER>(value, d.rows_processed_ptr); return SQL_SUCCESS;
    default: break;
    }
    if (number < 1) throw Error("07009", "descriptor record " + std::to_string(number) + " does not exist");
    if (std::size_t(number) >= d.records.size()) return SQL_NO_DATA;
    const DescRecord& r = d.records[std::size_t(number)];
    auto text = [&](const std::string& s) {
        if (write_text(s)) {
            d.diag.add("01004", "the descriptor text was truncated");
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        }
        return SQLRETURN(SQL_SUCCESS);
    };
    switch (field) {
    case SQL_DESC_TYPE: put<SQLSMALLINT>(value, r.type); return SQL_SUCCESS;
    case SQL_DESC_CONCISE_TYPE: put<SQLSMALLINT>(value, r.concise_type); return SQL_SUCCESS;
    case SQL_DESC_DATETIME_INTERVAL_CODE: put<SQLSMALLINT>(value, r.datetime_interval_code); return SQL_SUCCESS;
    case SQL_DESC_DATA_PTR: put<SQLPOINTER>(value, r.data_ptr); return SQL_SUCCESS;
    case SQL_DESC_INDICATOR_PTR: put<SQLPOINTER>(value, r.indicator_ptr); return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH_PTR: put<SQLPOINTER>(value, r.octet_length_ptr); return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH: put<SQLLEN>(value, r.octet_length); return SQL_SUCCESS;
    case SQL_DESC_LENGTH: put<SQLULEN>(value, r.length); return SQL_SUCCESS;
    case SQL_DESC_PRECISION: put<SQLSMALLINT>(value, r.precision); return SQL_SUCCESS;
    case SQL_DESC_SCALE: put<SQLSMALLINT>(value, r.scale); return SQL_SUCCESS;
    case SQL_DESC_NULLABLE: put<SQLSMALLINT>(value, r.nullable); return SQL_SUCCESS;
    case SQL_DESC_PARAMETER_TYPE: put<SQLSMALLINT>(value, r.parameter_type); return SQL_SUCCESS;
    case SQL_DESC_UNNAMED: put<SQLSMALLINT>(value, r.unnamed); return SQL_SUCCESS;
    case SQL_DESC_NAME: return text(r.name);
    default: throw Error("HY091", "descriptor field " + std::to_string(field) + " is not valid here");
    }
}

SQLRETURN set_desc_field(Desc& d, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER value, const std::string& text) {
    const auto v = reinterpret_cast<SQLLEN>(value);
    if (is_implementation_row(d) && field != SQL_DESC_ARRAY_STATUS_PTR && field != SQL_DESC_ROWS_PROCESSED_PTR)
        throw Error("HY016", "an implementation row descriptor cannot be modified");
    switch (field) {
    case SQL_DESC_ARRAY_SIZE: d.array_size = SQLULEN(v); return SQL_SUCCESS;
    case SQL_DESC_ARRAY_STATUS_PTR: d.array_status_ptr = static_cast<SQLUSMALLINT*>(value); return SQL_SUCCESS;
    case SQL_DESC_BIND_OFFSET_PTR: d.bind_offset_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_DESC_BIND_TYPE: d.bind_type = SQLULEN(v); return SQL_SUCCESS;
    case SQL_DESC_ROWS_PROCESSED_PTR: d.rows_processed_ptr = static_cast<SQLULEN*>(value); return SQL_SUCCESS;
    case SQL_DESC_COUNT: d.records.resize(std::size_t(v) + 1); return SQL_SUCCESS;
    default: break;
    }
    if (number < 1) throw Error("07009", "descriptor record " + std::to_string(number) + " does not exist");
    DescRecord& r = d.record(number);
    switch (field) {
    case SQL_DESC_TYPE: r.type = SQLSMALLINT(v); if (v != SQL_DATETIME) r.concise_type = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_CONCISE_TYPE: r.concise_type = SQLSMALLINT(v); r.type = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_DATETIME_INTERVAL_CODE: r.datetime_interval_code = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_DATA_PTR: r.data_ptr = value; return SQL_SUCCESS;
    case SQL_DESC_INDICATOR_PTR: r.indicator_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH_PTR: r.octet_length_ptr = static_cast<SQLLEN*>(value); return SQL_SUCCESS;
    case SQL_DESC_OCTET_LENGTH: r.octet_length = v; return SQL_SUCCESS;
    case SQL_DESC_LENGTH: r.length = SQLULEN(v); return SQL_SUCCESS;
    case SQL_DESC_PRECISION: r.precision = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_SCALE: r.scale = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_PARAMETER_TYPE: r.parameter_type = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_UNNAMED: r.unnamed = SQLSMALLINT(v); return SQL_SUCCESS;
    case SQL_DESC_NAME: r.name = text; return SQL_SUCCESS;
    default: throw Error("HY091", "descriptor field " + std::to_string(field) + " cannot be set");
    }
}


template <class NameWriter>
SQLRETURN get_desc_rec(SQLHDESC handle, SQLSMALLINT number, NameWriter&& write_name, SQLSMALLINT* type,
                       SQLSMALLINT* sub, SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale,
                       SQLSMALLINT* nullable) {
    return guarded_turn<Desc>(handle, HandleKind::Desc, [&](Desc& d) {
        if (number < 1) throw Error("07009", "descriptor record " + std::to_string(number) + " does not exist");
        describe_if_prepared(d);
        if (std::size_t(number) >= d.records.size()) return SQLRETURN(SQL_NO_DATA);
        const DescRecord& r = d.records[std::size_t(number)];
        if (type) *type = r.type;
        if (sub) *sub = r.datetime_interval_code;
        if (length) *length = d.desc_kind == DescKind::IRD ? SQLLEN(r.length) : r.octet_length;
        if (precision) *precision = r.precision;
        if (scale) *scale = r.scale;
        if (nullable) *nullable = r.nullable;
        if (write_name(r.name)) {
            d.diag.add("01004", "the name was truncated");
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

template <class CursorNameWriter>
SQLRETURN get_cursor_name(SQLHSTMT handle, CursorNameWriter&& write) {
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (stmt.cursor_name.empty()) stmt.cursor_name = "SQL_CUR" + std::to_string(reinterpret_cast<std::uintptr_t>(&stmt) % 100000);
        if (write(stmt.cursor_name)) {
            stmt.diag.add("01004", "the cursor name was truncated");
            return SQLRETURN(SQL_SUCCESS_WITH_INFO);
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}

SQLRETURN set_cursor_name(SQLHSTMT handle, const std::string& name) {
    return guarded<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        if (name.empty() || name.rfind("SQL_CUR", 0) == 0 || name.rfind("SQLCUR", 0) == 0)
            throw Error("34000", "the cursor name '" + name + "' is not valid");
        stmt.cursor_name = name;
        return SQLRETURN(SQL_SUCCESS);
    });
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLGetDescField(SQLHDESC handle, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER value,
                                            SQLINTEGER max, SQLINTEGER* length) {
    TB_ENTRY();
    return guarded_turn<Desc>(handle, HandleKind::Desc, [&](Desc& d) {
        return get_desc_field(d, number, field, value,
                              [&](const std::string& t) { return write_narrow(t, value, max, length); });
    });
}
TB_EXPORT SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC handle, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER value,
                                             SQLINTEGER max, SQLINTEGER* length) {
    TB_ENTRY();
    return guarded_turn<Desc>(handle, HandleKind::Desc, [&](Desc& d) {
        return get_desc_field(d, number, field, value, [&](const std::string& t) {
            return write_wide(t, value, max / SQLINTEGER(sizeof(SQLWCHAR)), length, true);
        });
    });
}
TB_EXPORT SQLRETURN SQL_API SQLSetDescField(SQLHDESC handle, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER value,
                                            SQLINTEGER length) {
    TB_ENTRY();
    return guarded<Desc>(handle, HandleKind::Desc, [&](Desc& d) {
        std::string text = field == SQL_DESC_NAME ? from_narrow(static_cast<SQLCHAR*>(value), length) : "";
        return set_desc_field(d, number, field, value, text);
    });
}
TB_EXPORT SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC handle, SQLSMALLINT number, SQLSMALLINT field, SQLPOINTER value,
                                             SQLINTEGER length) {
    TB_ENTRY();
    return guarded<Desc>(handle, HandleKind::Desc, [&](Desc& d) {
        std::string text =
            field == SQL_DESC_NAME
                ? from_wide(static_cast<SQLWCHAR*>(value), length == SQL_NTS ? SQL_NTS : length / SQLINTEGER(sizeof(SQLWCHAR)))
                : "";
        return set_desc_field(d, number, field, value, text);
    });
}
TB_EXPORT SQLRETURN SQL_API SQLGetDescRec(SQLHDESC handle, SQLSMALLINT number, SQLCHAR* name, SQLSMALLINT max,
                                          SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* sub,
                                          SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale,
                                          SQLSMALLINT* nullable) {
    TB_ENTRY();
    return get_desc_rec(
        handle, number, [&](const std::string& n) { return write_narrow(n, name, max, name_length); }, type, sub,
        length, precision, scale, nullable);
}
TB_EXPORT SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC handle, SQLSMALLINT number, SQLWCHAR* name, SQLSMALLINT max,
                                           SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* sub,
                                           SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale,
                                           SQLSMALLINT* nullable) {
    TB_ENTRY();
    return get_desc_rec(
        handle, number, [&](const std::string& n) { return write_wide(n, name, max, name_length); }, type, sub,
        length, precision, scale, nullable);
}
TB_EXPORT SQLRETURN SQL_API SQLSetDescRec(SQLHDESC handle, SQLSMALLINT number, SQLSMALLINT type, SQLSMALLINT sub,
                                          SQLLEN length, SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data,
                                          SQLLEN* string_length, SQLLEN* indicator) {
    TB_ENTRY();
    return guarded<Desc>(handle, HandleKind::Desc, [&](Desc& d) {
        if (is_implementation_row(d)) throw Error("HY016", "an implementation row descriptor cannot be modified");
        if (number < 1) throw Error("07009", "descriptor record " + std::to_string(number) + " does not exist");
        DescRecord& r = d.record(number);
        r.type = type;
        r.concise_type = type;
        r.datetime_interval_code = sub;
        r.octet_length = length;
        r.precision = precision;
        r.scale = scale;
        r.data_ptr = data;
        r.octet_length_ptr = string_length;
        r.indicator_ptr = indicator;
        return SQLRETURN(SQL_SUCCESS);
    });
}
TB_EXPORT SQLRETURN SQL_API SQLCopyDesc(SQLHDESC source, SQLHDESC target) {
    TB_ENTRY();
    Desc* from = static_cast<Desc*>(find_handle(source, HandleKind::Desc));
    if (!from) return SQL_INVALID_HANDLE;
    return guarded<Desc>(target, HandleKind::Desc, [&](Desc& to) {
        if (to.desc_kind == DescKind::IRD) throw Error("HY016", "an implementation row descriptor cannot be modified");
        std::lock_guard lock(from->mutex);
        to.array_size = from->array_size;
        to.array_status_ptr = from->array_status_ptr;
        to.bind_offset_ptr = from->bind_offset_ptr;
        to.bind_type = from->bind_type;
        to.rows_processed_ptr = from->rows_processed_ptr;
        to.records = from->records;
        return SQLRETURN(SQL_SUCCESS);
    });
}

TB_EXPORT SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT handle, SQLCHAR* name, SQLSMALLINT max, SQLSMALLINT* length) {
    TB_ENTRY();
    return get_cursor_name(handle, [&](const std::string& n) { return write_narrow(n, name, max, length); });
}
TB_EXPORT SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT handle, SQLWCHAR* name, SQLSMALLINT max, SQLSMALLINT* length) {
    TB_ENTRY();
    return get_cursor_name(handle, [&](const std::string& n) { return write_wide(n, name, max, length); });
}
TB_EXPORT SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT handle, SQLCHAR* name, SQLSMALLINT length) {
    TB_ENTRY();
    return set_cursor_name(handle, from_narrow(name, length));
}
TB_EXPORT SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT handle, SQLWCHAR* name, SQLSMALLINT length) {
    TB_ENTRY();
    return set_cursor_name(handle, from_wide(name, length));
}
