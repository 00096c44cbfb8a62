// A cursor over a prepared SQLite statement; the first row is stepped at
// execute time so errors surface there, not on the first fetch.
#pragma once

#include "engine/cursor.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tb::engine {

class SqliteCursor final : public Cursor {
public:
    SqliteCursor(sqlite3* db, sqlite3_stmt* stmt);   // takes ownership of stmt
    ~SqliteCursor() override;
    const std::vector<ColumnInfo>& columns() const override { return columns_; }
    bool next() override;
    CellType type(int column) override;
    std::int64_t as_int(int column) override;
    double as_double(int column) override;
    std::string_view as_text(int column) override;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
    std::vector<ColumnInfo> columns_;
    bool first_pending_ = false;
    bool done_ = false;
};

// Column metadata of a prepared statement; `stepped` says a row is current,
// so expression columns take the type of its values.
std::vector<ColumnInfo> describe_statement(sqlite3_stmt* stmt, bool stepped);

} // namespace tb::engine
