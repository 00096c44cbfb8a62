// The service's result codes of timeimportbyevents, timeclock and
// projectsimport that a driver-built request can meet, each on its row; an
// unknown outcome of an events upload or a clock command is reported once and
// never re-sent; an instance with the smaller upload limit gets the import
// split at whole lines. (Codes the driver's own checks make unreachable are
// covered by tests/unit/engine/write_response_test.cpp.)
#include <gtest/gtest.h>

#include "tests/odbc/write_helpers.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

const std::vector<std::string> kFlags = {"--users", "25", "--years", "2024", "--today", "2026-06-30"};

class ResultCodes : public SimWriteTest {
protected:
    ResultCodes() : SimWriteTest(kFlags) {}
    std::string email(int user) { return scalar("SELECT email FROM users WHERE user_id = " + std::to_string(user)); }
    // One START..STOP group of a person as two VALUES rows.
    std::string group(int user, const std::string& start, const std::string& stop, const std::string& stop_extra) {
        const std::string who = "('" + email(user) + "', '";
        return who + start + "', 'START', NULL, NULL, NULL), " + who + stop + "', 'STOP', " + stop_extra + ")";
    }
};

const std::string kEvents =
    "INSERT INTO worktime_events (email, event_time, event, project_id, service_id, comments) VALUES ";

TEST_F(ResultCodes, EventCodesAreRecordsOfTheirRows) {
    const std::string long_remark(501, 'r');
    const std::string sql = kEvents +
                            group(6, "1969-12-31 10:00", "1969-12-31 11:00", "NULL, NULL, NULL") + ", " +  // rows 1, 2
                            group(1, "2026-06-02 08:00", "2026-06-02 09:00", "999, NULL, NULL") + ", " +   // rows 3, 4
                            group(2, "2026-06-03 08:00", "2026-06-03 09:00", "NULL, 999, NULL") + ", " +   // rows 5, 6
                            group(3, "2026-06-04 08:00", "2026-06-04 09:00", "NULL, NULL, '" + long_remark + "'") +
                            ", " +                                                                          // rows 7, 8
                            group(4, "2026-06-05 08:00", "2026-06-05 08:00", "NULL, NULL, NULL") + ", " +   // rows 9, 10
                            group(5, "2026-06-06 08:00", "2026-06-06 16:00", "1, 1, 'fine'");               // rows 11, 12
    sim->clear_log();
    auto w = exec_write(connection, sql);
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(sim->requests("timeimportbyevents").size(), 1u);
    EXPECT_TRUE(w.on_row(1, "22007", "TIMESTAMP_INVALID")) << w.dump();
    EXPECT_TRUE(w.on_row(4, "22018", "PROJECT_ID_INVALID")) << w.dump();
    EXPECT_TRUE(w.on_row(6, "23000", "SERVICE_ID_INVALID")) << w.dump();
    EXPECT_TRUE(w.on_row(8, "22001", "REMARKS_INVALID_OR_TOO_LONG")) << w.dump();
    EXPECT_TRUE(w.on_row(10, "HY000", "ENTRY_HAS_NO_WORK_TIME")) << w.dump();
    for (const auto& r : w.records) EXPECT_NE(r.row, 12) << w.dump();
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6 AND user_id = 5"), "1");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6 AND user_id IN (1, 2, 3, 4)"), "0");
}

TEST_F(ResultCodes, EmployeeNumberUnknown) {
    auto w = exec_write(connection, "INSERT INTO worktime_events (employee_number, event_time, event) VALUES "
                                    "('XX-404', '2026-06-02 08:00', 'START'), ('XX-404', '2026-06-02 09:00', 'STOP')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "23000", "EMPLOYEE_NUMBER_UNKNOWN")) << w.dump();
    EXPECT_TRUE(w.on_row(2, "23000", "EMPLOYEE_NUMBER_UNKNOWN")) << w.dump();
}

TEST_F(ResultCodes, EntryCollidesWithExistingEntry) {
    const std::string sql = kEvents + group(1, "2026-06-10 08:00", "2026-06-10 12:00", "NULL, NULL, NULL");
    auto w = exec_write(connection, sql);
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    const std::string overlapping = kEvents + group(1, "2026-06-10 11:00", "2026-06-10 13:00", "NULL, NULL, NULL");
    w = exec_write(connection, overlapping);
    EXPECT_TRUE(w.on_row(2, "23000", "ENTRY_COLLIDES_WITH_EXISTING_ENTRY")) << w.dump();
    EXPECT_EQ(sim->requests("timeimportbyevents").size(), 2u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6 AND user_id = 1"), "1");
    EXPECT_EQ(scalar("SELECT start_time FROM worktime WHERE year = 2026 AND month = 6 AND user_id = 1"), "08:00:00");
}

TEST_F(ResultCodes, ClockStopWithUnknownProjectOrServiceKeepsItRunning) {
    auto w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (5, 'start')");
    ASSERT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command, project_id) VALUES (5, 'stop', 999)");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "23000", "RESULT_ERR_PROJECTID_INVALID")) << w.dump();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command, service_id) VALUES (5, 'stop', 999)");
    EXPECT_TRUE(w.on_row(1, "23000", "RESULT_ERR_SERVICEID_INVALID")) << w.dump();
    EXPECT_EQ(scalar("SELECT state FROM timeclock WHERE user_id = 5"), "RUNNING");
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (5, 'cancel')");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(scalar("SELECT state FROM timeclock WHERE user_id = 5"), "IDLE");
}

TEST_F(ResultCodes, ClockOverlapCodes) {
    // User 6 already has the whole day booked: the clock cannot start.
    auto w = exec_write(connection, kEvents + group(6, "2026-06-30 00:00", "2026-07-01 00:00", "NULL, NULL, NULL"));
    ASSERT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (6, 'start')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "HY000", "RESULT_ERR_TIMECLOCK_NOT_STARTABLE_MAY_OVERLAP")) << w.dump();

    // User 7's clock runs while the day gets booked by an import: the stop
    // cannot save its entry.
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (7, 'start')");
    ASSERT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    w = exec_write(connection, kEvents + group(7, "2026-06-30 00:00", "2026-07-01 00:00", "NULL, NULL, NULL"));
    ASSERT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    w = exec_write(connection, "INSERT INTO timeclock (user_id, command) VALUES (7, 'stop')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "HY000", "RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_OVERLAPPING")) << w.dump();
}

TEST_F(ResultCodes, InsertSelectFeedsTheEventsImport) {
    // Every manager's events, built by the SELECT from the users table.
    auto w = exec_write(connection,
                        "INSERT INTO worktime_events (employee_number, event_time, event) "
                        "SELECT employee_number, '2026-06-15 08:00', 'START' FROM users WHERE user_id = 2 "
                        "UNION ALL SELECT employee_number, '2026-06-15 15:00', 'STOP' FROM users WHERE user_id = 2");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    EXPECT_EQ(sim->requests("timeimportbyevents").size(), 1u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM worktime WHERE year = 2026 AND month = 6 AND user_id = 2"), "1");
}

TEST(ResultCodesFailure, EventsUploadWithUnknownOutcomeIsSentOnce) {
    std::vector<std::string> flags = kFlags;
    flags.insert(flags.end(), {"--fail-after-receive", "timeimportbyevents"});
    SimProcess sim(flags);
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    const std::string sql = "INSERT INTO worktime_events (employee_number, event_time, event) VALUES "
                            "('00102', '2026-06-02 07:00', 'START'), ('00102', '2026-06-02 15:00', 'STOP')";
    auto w = exec_write(connection, sql);
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "outcome is unknown")) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "SELECT * FROM worktime_events")) << w.dump();
    EXPECT_EQ(sim.requests("timeimportbyevents").size(), 1u);
    // Nothing carries the upload along: a later statement sends only itself.
    connection.query("SELECT COUNT(*) FROM users");
    EXPECT_EQ(sim.requests("timeimportbyevents").size(), 1u);
    // A second identical statement is the user's decision and is sent once.
    w = exec_write(connection, sql);
    EXPECT_TRUE(w.has("HYT00", "outcome is unknown")) << w.dump();
    EXPECT_EQ(sim.requests("timeimportbyevents").size(), 2u);
}

TEST(ResultCodesFailure, ClockCommandWithUnknownOutcomeStopsTheArray) {
    std::vector<std::string> flags = kFlags;
    flags.insert(flags.end(), {"--fail-after-receive", "timeclock"});
    SimProcess sim(flags);
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    auto w = exec_array(connection, "INSERT INTO timeclock (user_id, command) VALUES (?, ?)",
                        {{{"3", "3", "4"}}, {{"start", "pause", "start"}}});
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "outcome is unknown")) << w.dump();
    EXPECT_EQ(sim.requests("timeclock").size(), 1u);
    ASSERT_EQ(w.status.size(), 3u);
    EXPECT_EQ(w.status[0], SQL_PARAM_ERROR);  // its HYT00 record names the row
    EXPECT_EQ(w.status[1], SQL_PARAM_UNUSED);
    EXPECT_EQ(w.status[2], SQL_PARAM_UNUSED);
    connection.query("SELECT COUNT(*) FROM users");
    EXPECT_EQ(sim.requests("timeclock").size(), 1u);
}

// The older edition takes 3,072,000 bytes per upload: the driver's first
// upload (sized for 9,216,000) is refused with 413 before anything is
// applied, and the import goes again in whole lines that fit.
TEST(UploadLimit, OlderInstanceGetsTheImportSplitAtWholeLines) {
    SimProcess sim({"--profile", "older", "--users", "5"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    constexpr std::size_t kRows = 12500;  // about 3.8 MB of CSV: two uploads of the older limit
    std::vector<std::string> names(kRows);
    std::vector<const char*> name_ptrs, comments;
    const std::string comment(150, 'c');
    for (std::size_t i = 0; i < kRows; ++i) {
        names[i] = "Projekt " + std::to_string(i) + " " + std::string(120, 'n');
        name_ptrs.push_back(names[i].c_str());
        comments.push_back(comment.c_str());
    }
    auto w = exec_array(connection, "INSERT INTO projects (name, comments) VALUES (?, ?)", {{name_ptrs}, {comments}});
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump().substr(0, 2000);
    EXPECT_EQ(w.row_count, static_cast<SQLLEN>(kRows));
    auto sent = sim.requests("projectsimport");
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_NE(sent[0].line.find("\"status\":413"), std::string::npos) << sent[0].line;
    EXPECT_NE(sent[1].line.find("\"status\":200"), std::string::npos) << sent[1].line;
    EXPECT_NE(sent[2].line.find("\"status\":200"), std::string::npos) << sent[2].line;
    auto rows = connection.query("SELECT COUNT(*) FROM projects WHERE name LIKE 'Projekt %'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value_or(""), std::to_string(kRows));
}

} // namespace
