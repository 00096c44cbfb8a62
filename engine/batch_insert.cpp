#include "engine/batch_insert.hpp"

#include <sqlite3.h>

#include <algorithm>

#include "catalog/catalog.hpp"
#include "engine/error.hpp"

namespace tb::engine {
namespace {

// Measured with bench_cache_load (1,000,000 worktime rows, 16 columns):
// 256 rows per step loads about 7% faster than 32; 512 gains nothing more.
constexpr int kMostRowsPerStatement = 256;

void bind_cell(sqlite3_stmt* stmt, int slot, const FieldValue& cell) {
    switch (cell.kind) {
    case FieldValue::Kind::Null: sqlite3_bind_null(stmt, slot); break;
    case FieldValue::Kind::Integer: sqlite3_bind_int64(stmt, slot, cell.integer); break;
    case FieldValue::Kind::Real: sqlite3_bind_double(stmt, slot, cell.real); break;
    case FieldValue::Kind::Text:
        sqlite3_bind_text(stmt, slot, cell.text.data(), int(cell.text.size()), SQLITE_STATIC);
        break;
    }
}

} // namespace

int BatchInsert::rows_per_statement(int row_width, int max_parameters, std::size_t expected_rows) {
    int rows = 1;
    while (rows < kMostRowsPerStatement && std::size_t(rows) < expected_rows &&
           (rows * 2) * row_width <= max_parameters)
        rows *= 2;
    return rows;
}

BatchInsert::BatchInsert(sqlite3* db, const std::string& table_sql_name, const std::vector<std::string>& columns,
                         const std::vector<std::pair<int, FieldValue>>& constants, std::int64_t first_rowid,
                         bool append, std::size_t expected_rows)
    : db_(db), width_(int(columns.size())), first_rowid_(first_rowid), append_(append) {
    const int max_parameters = sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
    batch_rows_ = rows_per_statement(width_ + 1, max_parameters, expected_rows);
    try {
        one_ = prepare(1, table_sql_name, columns, constants);
        if (batch_rows_ > 1) many_ = prepare(batch_rows_, table_sql_name, columns, constants);
    } catch (...) {
        sqlite3_finalize(one_);
        throw;
    }
}

BatchInsert::~BatchInsert() {
    sqlite3_finalize(many_);
    sqlite3_finalize(one_);
}

sqlite3_stmt* BatchInsert::prepare(int rows, const std::string& table_sql_name,
                                   const std::vector<std::string>& columns,
                                   const std::vector<std::pair<int, FieldValue>>& constants) {
    // Parameter 1 of a row is its rowid (which holds the partition, see
    // Cache), 2.. its columns. Many rows per statement keep SQLite's cursor
    // at the table's end instead of a statement finished for every row.
    std::string row = "(?";
    for (int i = 0; i < width_; ++i) row += ",?";
    row += ")";
    std::string sql = "INSERT INTO " + table_sql_name + "(rowid";
    for (const auto& c : columns) sql += "," + catalog::quote_identifier(c);
    sql += ") VALUES " + row;
    for (int i = 1; i < rows; ++i) sql += "," + row;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db_));
    // The values every row shares are bound once: bindings persist across
    // sqlite3_reset.
    for (int r = 0; r < rows; ++r)
        for (const auto& [column, value] : constants) bind_cell(stmt, r * (width_ + 1) + column + 2, value);
    return stmt;
}

void BatchInsert::bind_row(sqlite3_stmt* stmt, int slot_row, const FieldValue* row, const std::vector<int>& filled) {
    const int base = slot_row * (width_ + 1);
    ++rows_;
    // A NULL rowid lets SQLite append with max(rowid) + 1 and skip the seek
    // an explicit one needs; the first row sets the partition's base.
    if (append_ && rows_ > 1) sqlite3_bind_null(stmt, base + 1);
    else sqlite3_bind_int64(stmt, base + 1, first_rowid_ + rows_);
    for (int c : filled) bind_cell(stmt, base + c + 2, row[c]);
}

void BatchInsert::step(sqlite3_stmt* stmt) {
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db_));
}

void BatchInsert::insert(const FieldBatch& batch, const std::vector<int>& filled) {
    int r = 0;
    if (many_)
        for (; r + batch_rows_ <= batch.rows; r += batch_rows_) {
            for (int i = 0; i < batch_rows_; ++i) bind_row(many_, i, batch.row(r + i, width_), filled);
            step(many_);
        }
    for (; r < batch.rows; ++r) {
        bind_row(one_, 0, batch.row(r, width_), filled);
        step(one_);
    }
}

} // namespace tb::engine
