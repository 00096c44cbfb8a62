#include "engine/sqlite_statement.hpp"

#include "engine/error.hpp"

namespace tb::engine {

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
}

void SqliteStatement::done(sqlite3* db, const char* what) {
    if (sqlite3_step(stmt) != SQLITE_DONE) throw Error("HY000", std::string("cache: ") + what + ": " + sqlite3_errmsg(db));
}

bool SqliteStatement::row(sqlite3* db, const char* what) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw Error("HY000", std::string("cache: ") + what + ": " + sqlite3_errmsg(db));
}

void exec_sql(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error("HY000", "cache: " + text);
    }
}

} // namespace tb::engine
