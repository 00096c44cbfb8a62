// The loading thread's end of a partition load: typed cells into one cache
// table with multi-row INSERTs, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/field_batches.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tb::engine {

class BatchInsert {
public:
    // `columns` are the cache table's columns in order; `constants` gives
    // the columns every row shares (the request's key values: column index,
    // value as text or integer). `first_rowid` is the partition's base; when
    // `append` the partition lies above every rowid of the table, so SQLite
    // may number the rows itself. `expected_rows` only sizes the batches.
    BatchInsert(sqlite3* db, const std::string& table_sql_name, const std::vector<std::string>& columns,
                const std::vector<std::pair<int, FieldValue>>& constants, std::int64_t first_rowid, bool append,
                std::size_t expected_rows);
    ~BatchInsert();
    BatchInsert(const BatchInsert&) = delete;
    BatchInsert& operator=(const BatchInsert&) = delete;

    // Inserts every row of `batch`, binding only the `filled` columns. The
    // cells' text must stay valid until this returns.
    void insert(const FieldBatch& batch, const std::vector<int>& filled);
    std::int64_t rows() const { return rows_; }

    // Rows per multi-row statement: a power of two, so that it divides the
    // hand-over batch and only a response's last rows take the one-row path.
    static int rows_per_statement(int row_width, int max_parameters, std::size_t expected_rows);

private:
    sqlite3_stmt* prepare(int rows, const std::string& table_sql_name, const std::vector<std::string>& columns,
                          const std::vector<std::pair<int, FieldValue>>& constants);
    void bind_row(sqlite3_stmt* stmt, int slot_row, const FieldValue* row, const std::vector<int>& filled);
    void step(sqlite3_stmt* stmt);

    sqlite3* db_;
    int width_;
    int batch_rows_;
    std::int64_t first_rowid_;
    bool append_;
    std::int64_t rows_ = 0;
    sqlite3_stmt* many_ = nullptr;  // batch_rows_ rows per step
    sqlite3_stmt* one_ = nullptr;   // the rest, one row per step
};

} // namespace tb::engine
