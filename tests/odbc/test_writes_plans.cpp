// holidayentitlement -> setholidayentitlement and workdays -> setworkdays
// through the driver manager: only the SET columns of an entitlement are
// sent; a work day change sends the user's whole period list.
#include <gtest/gtest.h>

#include "tests/odbc/write_helpers.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class PlanWrites : public SimWriteTest {
protected:
    PlanWrites() : SimWriteTest({"--users", "25", "--today", "2025-03-10"}) {}
};

TEST_F(PlanWrites, EntitlementSendsOnlyTheColumnsSet) {
    const std::string extra = scalar("SELECT extra_vacation_days FROM holidayentitlement WHERE user_id = 3 AND year = 2025");
    auto w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = 28.5, remaining_vacation = 2 "
                                    "WHERE user_id = 3 AND year = 2025");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    auto sent = sim->requests("setholidayentitlement");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("userid", "3")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("year", "2025")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("holiday_entitlement", "28.5")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("remaining_leave", "2.0")) << sent[0].line;
    EXPECT_TRUE(lacks(sent[0], "special_leave")) << sent[0].line;
    auto row = connection.query("SELECT vacation_contingent, remaining_vacation, extra_vacation_days "
                                "FROM holidayentitlement WHERE user_id = 3 AND year = 2025");
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row[0][0].value_or(""), "28.50");
    EXPECT_EQ(row[0][1].value_or(""), "2.00");
    EXPECT_EQ(row[0][2].value_or("NULL"), extra);
}

TEST_F(PlanWrites, EntitlementParameterArrayAndKeyLists) {
    auto w = exec_array(connection, "UPDATE holidayentitlement SET extra_vacation_days = ? WHERE user_id = ? AND year = 2025",
                        {{{"1", "2", "3"}}, {{"3", "999", "4"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_EQ(w.processed, 3u);
    for (auto s : w.status) EXPECT_EQ(s, SQL_PARAM_SUCCESS);
    EXPECT_EQ(sim->requests("setholidayentitlement").size(), 2u);
    EXPECT_EQ(scalar("SELECT extra_vacation_days FROM holidayentitlement WHERE user_id = 4 AND year = 2025"), "3.00");

    sim->clear_log();
    w = exec_write(connection, "UPDATE holidayentitlement SET paid_out_vacation = 1 "
                               "WHERE (user_id = 5 AND year = 2025) OR (user_id IN (6, 7) AND year = 2025)");
    EXPECT_EQ(w.row_count, 3) << w.dump();
    EXPECT_EQ(sim->requests("setholidayentitlement").size(), 3u);
}

TEST_F(PlanWrites, EntitlementValidation) {
    auto w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = 1.25 WHERE user_id = 3 AND year = 2025");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.on_row(1, "22018", "one decimal place")) << w.dump();
    w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = 'viel' WHERE user_id = 3 AND year = 2025");
    EXPECT_TRUE(w.on_row(1, "22018", "must be a number")) << w.dump();
    w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = NULL WHERE user_id = 3 AND year = 2025");
    EXPECT_TRUE(w.on_row(1, "23000", "NULL")) << w.dump();
    w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = 30 WHERE user_id = 3");
    EXPECT_TRUE(w.has("0A000", "year")) << w.dump();
    w = exec_write(connection, "UPDATE holidayentitlement SET year = 2024 WHERE user_id = 3 AND year = 2025");
    EXPECT_TRUE(w.has("HY000", "cannot be changed")) << w.dump();
    w = exec_write(connection, "DELETE FROM holidayentitlement WHERE user_id = 3 AND year = 2025");
    EXPECT_EQ(w.rc, SQL_ERROR);
    w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = 30 WHERE user_id = 999 AND year = 2025");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 0);
    EXPECT_TRUE(sim->requests("setholidayentitlement").empty());
}

TEST_F(PlanWrites, EntitlementServiceToken) {
    auto w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = -1 WHERE user_id = 3 AND year = 2025");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "22018", "RESULT_ERR_HOLIDAY_ENTITLEMENT_INVALID")) << w.dump();
    EXPECT_EQ(sim->requests("setholidayentitlement").size(), 1u);
}

const char* kPeriod = "INSERT INTO workdays (user_id, valid_from, monday_minutes, tuesday_minutes, wednesday_minutes, "
                      "thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes, holiday_set_id) VALUES ";

TEST_F(PlanWrites, InsertPeriodSendsTheWholeList) {
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id = 4"), "1");
    auto w = exec_write(connection, std::string(kPeriod) + "(4, {d '2025-06-01'}, 300, 300, 300, 300, 300, 0, 0, 2)");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    auto sent = sim->requests("setworkdays");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("userid", "4")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("group_1_valid_from", "0")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("group_1_working_time_mo", "240")) << sent[0].line;  // the current period
    EXPECT_TRUE(sent[0].has("group_2_valid_from", "2025-06-01")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("group_2_working_time_fr", "300")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("group_2_holiday_set_id", "2")) << sent[0].line;
    EXPECT_TRUE(lacks(sent[0], "group_3_valid_from")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id = 4"), "2");
    EXPECT_EQ(scalar("SELECT monday_minutes FROM workdays WHERE user_id = 4 AND valid_from = {d '2025-06-01'}"), "300");
}

TEST_F(PlanWrites, InsertParameterArrayOneRequestPerUser) {
    auto w = exec_array(connection, std::string(kPeriod) + "(?, ?, 400, 400, 400, 400, 400, 0, 0, 1)",
                        {{{"4", "4", "6"}}, {{"2025-05-01", "2025-09-01", "2025-05-01"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 3) << w.dump();
    EXPECT_EQ(w.processed, 3u);
    for (auto s : w.status) EXPECT_EQ(s, SQL_PARAM_SUCCESS);
    auto sent = sim->requests("setworkdays");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(sent[0].has("group_3_valid_from", "2025-09-01")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id IN (4, 6)"), "5");
}

TEST_F(PlanWrites, UpdateAndDeletePeriods) {
    // User 3 has two periods: from the beginning and from 2024-04-01.
    ASSERT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id = 3"), "2");
    auto w = exec_write(connection, "UPDATE workdays SET friday_minutes = 240 WHERE user_id = 3 AND valid_from = '2024-04-01'");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    auto sent = sim->requests("setworkdays");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("group_2_working_time_fr", "240")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("group_1_working_time_fr", "480")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT friday_minutes FROM workdays WHERE user_id = 3 AND valid_from = '2024-04-01'"), "240");

    // Without valid_from: every period of the user.
    w = exec_write(connection, "UPDATE workdays SET holiday_set_id = 3 WHERE user_id = 3");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id = 3 AND holiday_set_id = 3"), "2");

    w = exec_array(connection, "UPDATE workdays SET saturday_minutes = ? WHERE user_id = ?", {{{"60", "90"}}, {{"5", "999"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_EQ(scalar("SELECT saturday_minutes FROM workdays WHERE user_id = 5"), "60");

    sim->clear_log();
    w = exec_write(connection, "DELETE FROM workdays WHERE user_id = 3 AND valid_from = {d '2024-04-01'}");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    sent = sim->requests("setworkdays");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(lacks(sent[0], "group_2_valid_from")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id = 3"), "1");

    sim->clear_log();
    w = exec_write(connection, "DELETE FROM workdays WHERE user_id = 3 AND valid_from = '2023-01-01'");
    EXPECT_EQ(w.row_count, 0) << w.dump();
    EXPECT_TRUE(sim->requests("setworkdays").empty());
}

TEST_F(PlanWrites, WorkdayValidation) {
    auto w = exec_write(connection, std::string(kPeriod) +
                                        "(4, '2025-06-01', -5, 300, 300, 300, 300, 0, 0, 1),"      // 1
                                        "(6, '2025-06-01', 300, NULL, 300, 300, 300, 0, 0, 1),"    // 2
                                        "(3, '2024-04-01', 300, 300, 300, 300, 300, 0, 0, 1),"     // 3 exists
                                        "(999, '2025-06-01', 300, 300, 300, 300, 300, 0, 0, 1),"   // 4
                                        "(8, '2025-13-01', 300, 300, 300, 300, 300, 0, 0, 1)");    // 5
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "22003", "0 or more")) << w.dump();
    EXPECT_TRUE(w.on_row(2, "23000", "tuesday_minutes")) << w.dump();
    EXPECT_TRUE(w.on_row(3, "23000", "already has a period")) << w.dump();
    EXPECT_TRUE(w.on_row(4, "23000", "no user")) << w.dump();
    EXPECT_TRUE(w.on_row(5, "22007", "date")) << w.dump();
    w = exec_write(connection, "DELETE FROM workdays WHERE user_id = 4");
    EXPECT_TRUE(w.on_row(1, "HY000", "no work day period left")) << w.dump();
    w = exec_write(connection, "UPDATE workdays SET valid_from = '2024-04-01' WHERE user_id = 3");
    EXPECT_TRUE(w.on_row(1, "23000", "two periods from 2024-04-01")) << w.dump();
    w = exec_write(connection, "UPDATE workdays SET valid_from = '2020-01-01' WHERE user_id = 4");
    EXPECT_TRUE(w.on_row(1, "HY000", "holds from the beginning")) << w.dump();
    w = exec_write(connection, "UPDATE workdays SET user_id = 5 WHERE user_id = 4");
    EXPECT_TRUE(w.has("HY000", "cannot be changed")) << w.dump();
    w = exec_write(connection, "UPDATE workdays SET monday_minutes = 1 WHERE valid_from = '2024-04-01'");
    EXPECT_TRUE(w.has("0A000", "user_id")) << w.dump();
    EXPECT_TRUE(sim->requests("setworkdays").empty());
}

TEST_F(PlanWrites, WorkdayServiceTokens) {
    auto w = exec_write(connection, std::string(kPeriod) + "(4, '2025-06-01', 300, 300, 300, 300, 300, 0, 0, 99)");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "22018", "RESULT_ERR_GROUP_2_HOLIDAY_SET_ID_INVALID")) << w.dump();
    w = exec_write(connection, std::string(kPeriod) + "(4, '2025-06-01', 2000, 300, 300, 300, 300, 0, 0, 1)");
    EXPECT_TRUE(w.on_row(1, "22018", "RESULT_ERR_GROUP_2_WORKING_TIME_MO_INVALID")) << w.dump();
    EXPECT_EQ(sim->requests("setworkdays").size(), 2u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id = 4"), "1");
}

TEST_F(PlanWrites, InsertSelectCopiesAPeriod) {
    auto w = exec_write(connection, "INSERT INTO workdays (user_id, valid_from, monday_minutes, tuesday_minutes, "
                                    "wednesday_minutes, thursday_minutes, friday_minutes, saturday_minutes, "
                                    "sunday_minutes, holiday_set_id) SELECT 8, '2025-07-01', monday_minutes, "
                                    "tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes, "
                                    "saturday_minutes, sunday_minutes, holiday_set_id FROM workdays "
                                    "WHERE user_id = 3 AND valid_from = '2024-04-01'");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_EQ(scalar("SELECT monday_minutes FROM workdays WHERE user_id = 8 AND valid_from = '2025-07-01'"), "420");
}

TEST(PlanWritesFailure, UnknownOutcomeIsHYT00AndSentOnce) {
    SimProcess sim({"--fail-after-receive", "setworkdays,setholidayentitlement", "--today", "2025-03-10"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    auto w = exec_write(connection, std::string(kPeriod) + "(4, '2025-06-01', 300, 300, 300, 300, 300, 0, 0, 1),"
                                                           "(6, '2025-06-01', 300, 300, 300, 300, 300, 0, 0, 1)");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "outcome is unknown")) << w.dump();
    EXPECT_EQ(sim.requests("setworkdays").size(), 1u);
    w = exec_write(connection, "UPDATE holidayentitlement SET vacation_contingent = 30 WHERE user_id = 3 AND year = 2025");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "SELECT * FROM holidayentitlement")) << w.dump();
    EXPECT_EQ(sim.requests("setholidayentitlement").size(), 1u);
    connection.query("SELECT COUNT(*) FROM workdays");
    EXPECT_EQ(sim.requests("setworkdays").size(), 1u);
}

} // namespace
