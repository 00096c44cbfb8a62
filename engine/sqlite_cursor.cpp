#include "engine/sqlite_cursor.hpp"

#include <sqlite3.h>

#include "engine/error.hpp"
#include "engine/statement.hpp"

namespace tb::engine {

std::vector<ColumnInfo> describe_statement(sqlite3_stmt* stmt, bool stepped) {
    std::vector<ColumnInfo> out;
    const int n = sqlite3_column_count(stmt);
    for (int i = 0; i < n; ++i) {
        ColumnInfo info;
        const char* name = sqlite3_column_name(stmt, i);
        info.name = name ? name : "";
        if (const char* table = sqlite3_column_table_name(stmt, i)) info.table = table;
        if (const char* origin = sqlite3_column_origin_name(stmt, i)) info.base_column = origin;
        const char* decl = sqlite3_column_decltype(stmt, i);
        if (auto parsed = decl ? catalog::parse_decl_type(decl) : std::nullopt) {
            info.type = parsed->type;
            info.size = parsed->size;
            info.scale = parsed->scale;
        } else if (stepped && sqlite3_column_type(stmt, i) == SQLITE_INTEGER) {
            info.type = catalog::SqlType::BigInt;
            info.size = 19;
        } else if (stepped && sqlite3_column_type(stmt, i) == SQLITE_FLOAT) {
            info.type = catalog::SqlType::Double;
            info.size = 15;
        } else {
            info.type = catalog::SqlType::WVarchar;
            info.size = 4000;
        }
        out.push_back(std::move(info));
    }
    return out;
}

SqliteCursor::SqliteCursor(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        first_pending_ = true;
    } else if (rc == SQLITE_DONE) {
        done_ = true;
    } else {
        std::string message = sqlite3_errmsg(db_);
        const int code = sqlite3_extended_errcode(db_);
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw sqlite_error(code, message);
    }
    columns_ = describe_statement(stmt_, first_pending_);
}

SqliteCursor::~SqliteCursor() { sqlite3_finalize(stmt_); }

bool SqliteCursor::next() {
    if (done_) return false;
    if (first_pending_) {
        first_pending_ = false;
        return true;
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc != SQLITE_DONE) throw sqlite_error(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
    return false;
}

CellType SqliteCursor::type(int column) {
    switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER: return CellType::Integer;
    case SQLITE_FLOAT: return CellType::Real;
    case SQLITE_NULL: return CellType::Null;
    default: return CellType::Text;
    }
}

std::int64_t SqliteCursor::as_int(int column) { return sqlite3_column_int64(stmt_, column); }
double SqliteCursor::as_double(int column) { return sqlite3_column_double(stmt_, column); }
std::string_view SqliteCursor::as_text(int column) {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return text ? std::string_view(reinterpret_cast<const char*>(text), size) : std::string_view();
}

} // namespace tb::engine
