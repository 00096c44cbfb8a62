// worktime_events -> timeimportbyevents and timeclock commands through the
// driver manager.
#include <gtest/gtest.h>

#include "tests/odbc/write_helpers.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class EventWrites : public SimWriteTest {
protected:
    EventWrites() : SimWriteTest({"--users", "25", "--years", "2024", "--today", "2026-06-30"}) {}
};

const char* kInsert = "INSERT INTO worktime_events (email, event_time, event, project_id, service_id, comments) VALUES ";

TEST_F(EventWrites, LiteralsByEmailBecomeWorkTimeEntries) {
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6"), "0");
    auto w = exec_write(connection, std::string(kInsert) +
                                        "('juergen.mueller@example.com', {ts '2026-06-01 08:00:00'}, 'START', NULL, NULL, NULL),"
                                        "('anna.schroeder@example.com', '2026-06-01 08:30', 'start', NULL, NULL, NULL),"
                                        "('juergen.mueller@example.com', '2026-06-01 12:00', 'PAUSE', NULL, NULL, NULL),"
                                        "('juergen.mueller@example.com', '2026-06-01 12:30', 'RESUME', NULL, NULL, NULL),"
                                        "('anna.schroeder@example.com', '2026-06-01 16:30', 'STOP', 2, 1, 'Abnahme'),"
                                        "('juergen.mueller@example.com', '2026-06-01 17:00', 'STOP', 1, 1, NULL)");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 6);
    auto requests = sim->requests("timeimportbyevents");
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_TRUE(requests[0].has("useridentification", "email")) << requests[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6"), "2");
    EXPECT_EQ(scalar("SELECT pause_seconds FROM worktime WHERE year = 2026 AND month = 6 AND user_id = 1"), "1800");
}

TEST_F(EventWrites, ParameterArrayByEmployeeNumber) {
    auto w = exec_array(connection, "INSERT INTO worktime_events (employee_number, event_time, event) VALUES (?, ?, ?)",
                        {{{"00102", "00102", "MA0209", "MA0209"}},
                         {{"2026-06-02 07:00", "2026-06-02 15:00", "2026-06-02 15:00", "2026-06-03 01:00"}},
                         {{"START", "STOP", "START", "STOP"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 4);
    EXPECT_EQ(w.processed, 4u);
    auto requests = sim->requests("timeimportbyevents");
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_TRUE(requests[0].has("useridentification", "employeenumber")) << requests[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6 AND user_id IN (2, 9)"), "2");
}

TEST_F(EventWrites, OrderRulesAreCheckedBeforeSending) {
    auto w = exec_write(connection, std::string(kInsert) +
                                        "('juergen.mueller@example.com', '2026-06-01 08:00', 'STOP', NULL, NULL, NULL),"   // 1 first not START
                                        "('anna.schroeder@example.com', '2026-06-01 08:00', 'START', NULL, NULL, NULL),"   // 2
                                        "('anna.schroeder@example.com', '2026-06-03 09:00', 'STOP', NULL, NULL, NULL),"    // 3 > 2 days
                                        "('bjoern.weiss@example.com', '2026-06-01 09:00', 'START', NULL, NULL, NULL),"     // 4 time order
                                        "('bjoern.weiss@example.com', '2026-06-03 10:00:30', 'STOP', NULL, NULL, 'a;b'),"  // 5 seconds, ';'
                                        "('joerg.gross@example.com', '2026-06-04 09:00', 'START', NULL, NULL, NULL)");     // 6 no STOP
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(sim->requests("timeimportbyevents").empty());
    auto row_has = [&](SQLLEN row, const std::string& text) {
        for (const auto& r : w.records)
            if (r.row == row && r.message.find(text) != std::string::npos) return true;
        return false;
    };
    EXPECT_TRUE(row_has(1, "must be START")) << w.dump();
    EXPECT_TRUE(row_has(3, "two calendar days")) << w.dump();
    EXPECT_TRUE(row_has(4, "time order")) << w.dump();
    EXPECT_TRUE(row_has(5, "minute precision")) << w.dump();
    EXPECT_TRUE(row_has(5, "';'")) << w.dump();
    EXPECT_TRUE(row_has(6, "no STOP")) << w.dump();
}

TEST_F(EventWrites, BothOrNoIdentifierIsRefused) {
    auto w = exec_write(connection,
                        "INSERT INTO worktime_events (email, employee_number, event_time, event) VALUES "
                        "('juergen.mueller@example.com', '00101', '2026-06-01 08:00', 'START'),"
                        "(NULL, NULL, '2026-06-01 09:00', 'STOP')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("23000", "not both")) << w.dump();
    EXPECT_TRUE(w.has("23000", "required")) << w.dump();
    EXPECT_TRUE(sim->requests("timeimportbyevents").empty());
}

TEST_F(EventWrites, ServiceRejectionsAreRecordsOfTheirRows) {
    auto w = exec_write(connection, std::string(kInsert) +
                                        "('nobody@example.com', '2026-06-01 08:00', 'START', NULL, NULL, NULL),"
                                        "('nobody@example.com', '2026-06-01 09:00', 'STOP', NULL, NULL, NULL),"
                                        "('juergen.mueller@example.com', '2026-06-01 10:00', 'START', NULL, NULL, NULL),"
                                        "('juergen.mueller@example.com', '2026-06-01 11:00', 'STOP', NULL, NULL, NULL)");
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    int unknown = 0;
    for (const auto& r : w.records)
        if (r.message.find("EMAIL_UNKNOWN") != std::string::npos) {
            ++unknown;
            EXPECT_TRUE(r.row == 1 || r.row == 2) << r.row;
        }
    EXPECT_EQ(unknown, 2) << w.dump();
}

TEST_F(EventWrites, TimeclockCommandsAndResultTokens) {
    auto w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (1, 'start')");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_EQ(scalar("SELECT state FROM timeclock WHERE user_id = 1"), "RUNNING");
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (1, 'START')");
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_TRUE(w.has("01000", "WARN_TIMECLOCK_ALREADY_RUNNING")) << w.dump();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (2, 'stop')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HY000", "RESULT_ERR_TIMECLOCK_NOT_RUNNING")) << w.dump();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (999, 'start')");
    EXPECT_TRUE(w.has("23000", "RESULT_ERR_USERID_INVALID")) << w.dump();
    const auto sent = sim->requests("timeclock").size();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (1, 'jump')");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.has("22018", "start, pause")) << w.dump();
    EXPECT_EQ(sim->requests("timeclock").size(), sent);
}

TEST_F(EventWrites, TimeclockParameterArrayInRowOrder) {
    auto w = exec_array(connection, "INSERT INTO timeclock (user_id, command) VALUES (?, ?)",
                        {{{"3", "3", "3"}}, {{"start", "pause", "pause"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 3);
    ASSERT_EQ(w.status.size(), 3u);
    EXPECT_EQ(w.status[0], SQL_PARAM_SUCCESS);
    EXPECT_EQ(w.status[2], SQL_PARAM_SUCCESS_WITH_INFO);
    EXPECT_TRUE(w.has("01000", "WARN_TIMECLOCK_ALREADY_PAUSED")) << w.dump();
    EXPECT_EQ(scalar("SELECT state FROM timeclock WHERE user_id = 3"), "PAUSED");
}

TEST_F(EventWrites, TimeclockInsertSelectSendsOneCommandPerRow) {
    auto w = exec_write(connection, "INSERT INTO timeclock (user_id, command) "
                                    "SELECT user_id, 'start' FROM users WHERE user_id IN (3, 4)");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    EXPECT_EQ(sim->requests("timeclock").size(), 2u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM timeclock WHERE user_id IN (3, 4) AND state = 'RUNNING'"), "2");
}

} // namespace
