#include "engine/call_budget.hpp"

#include <sqlite3.h>

#include <cstdio>

#include "engine/error.hpp"
#include "engine/sqlite_statement.hpp"

namespace tb::engine {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + long(doe) - 719468;
}

// The last Sunday of a month, 01:00 UTC: when Central European summer time
// begins (March) and ends (October).
std::time_t last_sunday_1am_utc(int year, unsigned month) {
    const long first_of_next = days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1);
    long day = first_of_next - 1;
    // 1970-01-01 was a Thursday: weekday 0 = Sunday is (day + 4) % 7.
    while (((day % 7) + 7 + 4) % 7 != 0) --day;
    return std::time_t(day) * 86400 + 3600;
}

// Seconds Europe/Berlin is ahead of UTC at a moment.
long berlin_offset(std::time_t now) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    const int year = utc.tm_year + 1900;
    const bool summer = now >= last_sunday_1am_utc(year, 3) && now < last_sunday_1am_utc(year, 10);
    return summer ? 7200 : 3600;
}

std::string format_date(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[40];  // room for any int the format could meet
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buffer;
}

int used_calls(sqlite3* db, const std::string& fingerprint, const std::string& action, const std::string& day) {
    SqliteStatement q(db, "SELECT calls FROM _call_budget WHERE source = ? AND action = ? AND day = ?");
    q.text(1, fingerprint);
    q.text(2, action);
    q.text(3, day);
    // A failed read must not count as "no calls used yet".
    const int rc = sqlite3_step(q.stmt);
    if (rc == SQLITE_ROW) return sqlite3_column_int(q.stmt, 0);
    if (rc != SQLITE_DONE) throw Error("HY000", std::string("cache: cannot read the call budget: ") + sqlite3_errmsg(db));
    return 0;
}

void set_calls(sqlite3* db, const std::string& fingerprint, const std::string& action, const std::string& day,
               int calls) {
    SqliteStatement q(db, "INSERT INTO _call_budget(source, action, day, calls) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(source, action, day) DO UPDATE SET calls = excluded.calls");
    q.text(1, fingerprint);
    q.text(2, action);
    q.text(3, day);
    sqlite3_bind_int(q.stmt, 4, calls);
    q.done(db, "cannot write the call budget");
}

// One transaction that takes the write lock at once, so two processes
// cannot both spend the last call.
struct Immediate {
    sqlite3* db;
    bool done = false;
    explicit Immediate(sqlite3* d) : db(d) { exec_sql(db, "BEGIN IMMEDIATE"); }
    void commit() { exec_sql(db, "COMMIT"); done = true; }
    ~Immediate() { if (!done) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); }
};

} // namespace

ServiceDay service_day(std::time_t now) {
    ServiceDay day;
    const std::time_t local = now + berlin_offset(now);
    day.date = format_date(local);
    const std::time_t next_local_midnight = (local / 86400 + 1) * 86400;
    day.next_midnight = format_date(next_local_midnight) + " 00:00 Europe/Berlin";
    day.seconds_left = long(next_local_midnight - local);
    return day;
}

void ensure_call_budget_table(sqlite3* db) {
    exec_sql(db, "CREATE TABLE IF NOT EXISTS _call_budget (source TEXT NOT NULL, action TEXT NOT NULL, "
             "day TEXT NOT NULL, calls INTEGER NOT NULL, PRIMARY KEY(source, action, day))");
}

std::string limit_message(const catalog::Table& table, const ServiceDay& day) {
    const long hours = day.seconds_left / 3600, minutes = (day.seconds_left % 3600) / 60;
    return "the action '" + table.action + "' (table " + table.name + ") allows " +
           std::to_string(table.daily_limit) + " calls a day per token and today's (" + day.date +
           ", Timebutler's day in Europe/Berlin) are used up, counted over every connection sharing this cache; "
           "the limit resets at midnight, " + day.next_midnight + " (in " + std::to_string(hours) + " h " +
           std::to_string(minutes) + " min). Rows fetched before stay readable within CacheTTL";
}

void reserve_calls(sqlite3* db, const std::vector<BudgetClaim>& claims, std::time_t now) {
    bool any = false;
    for (const auto& c : claims) any = any || (c.table->daily_limit > 0 && c.calls > 0);
    if (!any) return;
    const ServiceDay day = service_day(now);
    Immediate transaction(db);
    for (const auto& c : claims) {
        if (c.table->daily_limit <= 0 || c.calls <= 0) continue;
        const int used = used_calls(db, c.fingerprint, c.table->action, day.date);
        if (used + c.calls > c.table->daily_limit) {
            const int left = used >= c.table->daily_limit ? 0 : c.table->daily_limit - used;
            std::string message = limit_message(*c.table, day);
            if (left > 0)
                message = "the statement needs " + std::to_string(c.calls) + " calls of the action '" +
                          c.table->action + "' but only " + std::to_string(left) + " of its " +
                          std::to_string(c.table->daily_limit) + " calls a day are left today (" + day.date +
                          ", Timebutler's day in Europe/Berlin); narrow the WHERE clause, or wait: the limit "
                          "resets at midnight, " + day.next_midnight;
            throw Error("HY000", message);
        }
        set_calls(db, c.fingerprint, c.table->action, day.date, used + c.calls);
    }
    transaction.commit();
}

void exhaust_calls(sqlite3* db, const catalog::Table& table, const std::string& fingerprint, std::time_t now) {
    if (table.daily_limit <= 0) return;
    const ServiceDay day = service_day(now);
    set_calls(db, fingerprint, table.action, day.date, table.daily_limit);
}

} // namespace tb::engine
