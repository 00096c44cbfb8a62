// 10,000 time-clock events (worktime_events, 25 users x 200 days x START/STOP)
// bound as one parameter array of 10,000 sets and executed once through the
// unixODBC driver manager against the simulator without latency. Prints the
// time and the number of uploads; the target is one upload in under 2 s.
#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

int main() {
    SimProcess sim({"--users", "25", "--years", "2024", "--today", "2026-12-31"});
    OdbcConnection connection;
    if (!SQL_SUCCEEDED(connection.connect(sim.connection_string()))) {
        std::fprintf(stderr, "cannot connect\n");
        return 1;
    }
    std::vector<std::string> emails;
    for (const auto& row : connection.query("SELECT email FROM users ORDER BY user_id")) emails.push_back(*row[0]);
    constexpr int kDays = 200;
    const int users = static_cast<int>(emails.size());
    const std::size_t sets = static_cast<std::size_t>(kDays) * users * 2;
    constexpr SQLLEN kEmail = 64, kTime = 20, kEvent = 8;
    std::vector<char> email(sets * kEmail), time(sets * kTime), event(sets * kEvent);
    std::vector<SQLLEN> ind(sets, SQL_NTS);
    std::size_t r = 0;
    for (int d = 0; d < kDays; ++d) {
        // Day d of 2026 (days from 1 January; 200 days stay inside the year).
        static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int m = 0, day = d;
        while (day >= month_days[m]) day -= month_days[m++];
        for (int half = 0; half < 2; ++half)
            for (int u = 0; u < users; ++u, ++r) {
                std::snprintf(&email[r * kEmail], kEmail, "%s", emails[u].c_str());
                std::snprintf(&time[r * kTime], kTime, "2026-%02d-%02d %02d:00", (m + 1) % 100, (day + 1) % 100,
                              half ? 16 : 8);
                std::snprintf(&event[r * kEvent], kEvent, "%s", half ? "STOP" : "START");
            }
    }
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    std::vector<SQLUSMALLINT> status(sets);
    SQLULEN processed = 0;
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)sets, 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_STATUS_PTR, status.data(), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0);
    SQLPrepare(stmt, (SQLCHAR*)"INSERT INTO worktime_events (email, event_time, event) VALUES (?, ?, ?)", SQL_NTS);
    SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, kEmail, 0, email.data(), kEmail, ind.data());
    SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, kTime, 0, time.data(), kTime, ind.data());
    SQLBindParameter(stmt, 3, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, kEvent, 0, event.data(), kEvent, ind.data());
    sim.clear_log();
    const auto start = std::chrono::steady_clock::now();
    const SQLRETURN rc = SQLExecute(stmt);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    SQLLEN count = -1;
    SQLRowCount(stmt, &count);
    const auto uploads = sim.requests("timeimportbyevents").size();
    std::printf("write_bench: %zu events in one parameter array: %.3f s, rc %d, SQLRowCount %ld, %zu upload(s), "
                "processed %lu (target: 1 upload, < 2 s)\n",
                sets, seconds, int(rc), long(count), uploads, (unsigned long)processed);
    if (!SQL_SUCCEEDED(rc)) {
        for (const auto& d : diagnostics(SQL_HANDLE_STMT, stmt)) std::printf("  %s %s\n", d.sqlstate.c_str(), d.message.c_str());
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return SQL_SUCCEEDED(rc) && uploads == 1 && seconds < 2.0 ? 0 : 1;
}
