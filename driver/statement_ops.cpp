#include "driver/statement_ops.hpp"

#include <cstring>

#include "driver/convert.hpp"
#include "driver/parameters.hpp"
#include "driver/types.hpp"
#include "engine/session.hpp"
#include "engine/statement.hpp"

namespace tb::driver {
namespace {

// Fills the IRD from result columns so SQLGetDescField sees what SQLDescribeCol does.
void publish_ird(Stmt& stmt, const std::vector<engine::ColumnInfo>& columns) {
    Desc& ird = *stmt.ird;
    ird.records.assign(columns.size() + 1, DescRecord{});
    for (std::size_t i = 0; i < columns.size(); ++i) {
        auto& r = ird.records[i + 1];
        const auto& c = columns[i];
        r.concise_type = sql_type_code(c.type, stmt.dbc->env->odbc_version);
        r.type = verbose_type_code(c.type);
        r.datetime_interval_code = datetime_subcode(c.type);
        r.length = column_size(c);
        r.octet_length = octet_length(c);
        r.precision = SQLSMALLINT(column_size(c));
        r.scale = decimal_digits(c);
        r.nullable = c.nullable ? SQL_NULLABLE : SQL_NO_NULLS;
        r.name = c.name;
        r.unnamed = c.name.empty() ? SQL_UNNAMED : SQL_NAMED;
    }
}

template <class T>
T* element(T* base, SQLULEN row, SQLULEN bind_type, std::size_t column_wise_size, SQLLEN offset) {
    if (!base) return nullptr;
    char* p = reinterpret_cast<char*>(base) + offset;
    p += row * (bind_type == SQL_BIND_BY_COLUMN ? column_wise_size : bind_type);
    return reinterpret_cast<T*>(p);
}

// A write runs once for all parameter sets (one upload for an array).
SQLRETURN execute_write(Stmt& stmt, int count) {
    const SQLULEN sets = count > 0 ? std::max<SQLULEN>(stmt.apd->array_size, 1) : 1;
    std::vector<engine::ParameterValues> rows;
    rows.reserve(sets);
    for (SQLULEN r = 0; r < sets; ++r) rows.push_back(read_parameters(stmt, count, r));
    auto outcome = stmt.statement->execute_write(rows);
    for (auto& record : outcome.records)
        stmt.diag.add(record.sqlstate, record.message, SQLINTEGER(record.native),
                      record.row ? SQLLEN(record.row) : SQL_NO_ROW_NUMBER,
                      record.column ? record.column : SQL_NO_COLUMN_NUMBER);
    if (SQLUSMALLINT* status = stmt.ipd->array_status_ptr)
        for (SQLULEN r = 0; r < sets; ++r)
            status[r] = r < outcome.parameter_status.size() ? outcome.parameter_status[r] : SQL_PARAM_SUCCESS;
    if (stmt.ipd->rows_processed_ptr) *stmt.ipd->rows_processed_ptr = sets;
    stmt.executed = true;
    stmt.row_count = outcome.accepted;
    return outcome.failed ? SQL_ERROR : SQL_SUCCESS;
}

} // namespace

void require_cursor(Stmt& stmt) {
    if (!stmt.cursor) throw engine::Error("24000", "there is no open result set; execute a query first");
}

void prepare_statement(Stmt& stmt, const std::string& text) {
    stmt.close_cursor();
    stmt.reset_data_at_exec();
    stmt.prepared = false;
    stmt.executed = false;
    if (!stmt.statement) stmt.statement = std::make_unique<engine::Statement>(*stmt.dbc->session);
    stmt.statement->prepare(text);
    stmt.prepared = true;
    stmt.row_count = -1;
    stmt.ird->records.clear();
}

void set_result(Stmt& stmt, std::unique_ptr<engine::Cursor> cursor) {
    stmt.close_cursor();
    stmt.reset_data_at_exec();
    stmt.statement.reset();
    stmt.prepared = false;
    stmt.cursor = std::move(cursor);
    stmt.executed = true;
    stmt.row_count = -1;
    stmt.rows_fetched_total = 0;
    publish_ird(stmt, stmt.cursor->columns());
}

SQLRETURN execute_statement(Stmt& stmt) {
    if (!stmt.prepared || !stmt.statement) throw engine::Error("HY010", "no statement is prepared; call SQLPrepare first");
    stmt.close_cursor();
    const int count = stmt.statement->parameter_count();
    if (!stmt.need_data) {
        auto pending = data_at_exec_parameters(stmt, count);
        if (!pending.empty()) {
            stmt.pending_data = std::move(pending);
            stmt.pending_index = 0;
            stmt.put_data.assign(stmt.pending_data.size(), std::string());
            stmt.need_data = true;
            return SQL_NEED_DATA;
        }
    }
    if (stmt.statement->is_write()) {
        const SQLRETURN rc = execute_write(stmt, count);
        stmt.reset_data_at_exec();
        return rc;
    }
    auto parameters = read_parameters(stmt, count);
    stmt.reset_data_at_exec();
    stmt.statement->set_query_timeout(stmt.query_timeout);
    // The flag was cleared when this call began (guarded_turn): a cancel
    // while it waited for its connection's turn counts.
    stmt.statement->set_cancel_flag(&stmt.cancel_requested);
    auto cursor = stmt.statement->execute(parameters);
    add_warnings(stmt, stmt.statement->take_warnings());
    stmt.cursor = std::move(cursor);
    stmt.executed = true;
    stmt.row_count = stmt.statement->row_count();
    stmt.rows_fetched_total = 0;
    if (stmt.ipd->rows_processed_ptr) *stmt.ipd->rows_processed_ptr = 1;
    publish_ird(stmt, stmt.cursor->columns());
    return SQL_SUCCESS;
}

const std::vector<engine::ColumnInfo>& result_columns(Stmt& stmt) {
    if (stmt.cursor) return stmt.cursor->columns();
    if (stmt.prepared && stmt.statement) {
        const auto& columns = stmt.statement->describe();
        if (stmt.ird->records.size() != columns.size() + 1) publish_ird(stmt, columns);
        return columns;
    }
    throw engine::Error("HY010", "no statement is prepared or executed");
}

SQLRETURN fetch_rowset(Stmt& stmt) {
    require_cursor(stmt);
    engine::Cursor& cursor = *stmt.cursor;
    const auto& columns = cursor.columns();
    const Desc& ard = *stmt.ard;
    const SQLULEN array_size = ard.array_size ? ard.array_size : 1;
    const SQLLEN offset = ard.bind_offset_ptr ? *ard.bind_offset_ptr : 0;
    SQLUSMALLINT* status = stmt.ird->array_status_ptr;
    SQLULEN* fetched = stmt.ird->rows_processed_ptr;
    stmt.getdata_column = 0;
    stmt.getdata_offset = 0;

    SQLULEN rows = 0;
    bool any_info = false;
    bool any_error = false;
    for (; rows < array_size; ++rows) {
        if (stmt.max_rows && stmt.rows_fetched_total >= stmt.max_rows) break;
        if (!cursor.next()) break;
        ++stmt.rows_fetched_total;
        SQLUSMALLINT row_status = SQL_ROW_SUCCESS;
        for (std::size_t i = 1; i < ard.records.size() && i <= columns.size(); ++i) {
            const DescRecord& r = ard.records[i];
            if (!r.bound()) continue;
            Target t;
            t.c_type = r.concise_type;
            const std::size_t fixed = fixed_c_type_size(r.concise_type);
            t.data = element(static_cast<char*>(r.data_ptr), rows, ard.bind_type,
                             fixed ? fixed : std::size_t(r.octet_length), offset);
            t.buffer_length = r.octet_length;
            t.indicator = element(r.indicator_ptr, rows, ard.bind_type, sizeof(SQLLEN), offset);
            t.length = element(r.octet_length_ptr, rows, ard.bind_type, sizeof(SQLLEN), offset);
            t.precision = r.precision;
            t.scale = r.scale;
            std::size_t piece = 0;
            try {
                const ConvertResult result = convert_cell(cursor, int(i - 1), columns[i - 1], t, piece);
                if (result == ConvertResult::Truncated) {
                    stmt.diag.add("01004", "column " + columns[i - 1].name + ": the value was truncated to fit the bound buffer",
                                  0, SQLLEN(rows + 1), SQLINTEGER(i));
                    row_status = SQL_ROW_SUCCESS_WITH_INFO;
                } else if (result == ConvertResult::FractionTruncated) {
                    stmt.diag.add("01S07", "column " + columns[i - 1].name + ": " +
                                               fraction_truncation(columns[i - 1].type, t.c_type),
                                  0, SQLLEN(rows + 1), SQLINTEGER(i));
                    row_status = SQL_ROW_SUCCESS_WITH_INFO;
                }
            } catch (const engine::Error& e) {
                stmt.diag.add(e.sqlstate, e.what(), 0, SQLLEN(rows + 1), SQLINTEGER(i));
                row_status = SQL_ROW_ERROR;
            }
        }
        any_info = any_info || row_status == SQL_ROW_SUCCESS_WITH_INFO;
        any_error = any_error || row_status == SQL_ROW_ERROR;
        if (status) status[rows] = row_status;
    }
    if (status)
        for (SQLULEN r = rows; r < array_size; ++r) status[r] = SQL_ROW_NOROW;
    // Stored bytewise: some applications (RODBC) hand a pointer that is not
    // aligned for SQLULEN, and a plain store there is undefined behaviour.
    if (fetched) std::memcpy(fetched, &rows, sizeof rows);
    stmt.row_current = rows > 0;
    if (rows == 0) return SQL_NO_DATA;
    if (any_error) return array_size == 1 ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
    return any_info ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

} // namespace tb::driver
