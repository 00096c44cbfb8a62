// Writes to goodtime.timeentries through the driver manager (issue 15):
// INSERT is one createtimeentry and DELETE one deletetimeentry request,
// both show in the next SELECT (the cache included), the created id is
// reported as for Timebutler's projects, an invalid row sends nothing, and
// the service's refusals come back per row.
#include <gtest/gtest.h>

#include "tests/odbc/goodtime_helpers.hpp"
#include "tests/odbc/write_helpers.hpp"

using namespace tb::test;
using namespace tb::test::goodtime;

namespace {

class GoodTimeWrites : public ::testing::Test {
protected:
    void SetUp() override {
        sim = std::make_unique<SimProcess>(sim_flags());
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(connection_string(*sim))));
        sim->clear_log();
    }
    std::vector<TextRow> entries_of_day(const std::string& day, const std::string& next_day) {
        return as_text(query_with(connection,
                                  "SELECT time_entry_id, login_email, start_time, end_time, time_type_id, "
                                  "project_id, comment, locked FROM goodtime.timeentries WHERE login_email = ? AND "
                                  "start_time >= '" + day + "' AND start_time < '" + next_day +
                                      "' ORDER BY time_entry_id",
                                  {kPlusUser}));
    }
    // An entry of the '+' user in the simulator's data, locked or not, in 2026 for an open one.
    TextRow entry(bool locked) {
        for (const auto& row : sim_rows("timeentries"))
            if (row[1] == kPlusUser && row[7] == (locked ? "1" : "0") && (locked || row[2] >= "2026-06-01")) return row;
        throw std::runtime_error("no such entry in the simulator's data");
    }
    std::unique_ptr<SimProcess> sim;
    OdbcConnection connection;
};

TEST_F(GoodTimeWrites, InsertIsOneRequestAndShowsInTheNextSelect) {
    EXPECT_TRUE(entries_of_day("2026-11-07", "2026-11-08").empty()) << "a Saturday without entries";  // now cached
    const auto w = exec_write(connection,
                              "INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, "
                              "project_id, comment) VALUES ('anna+zeit@example.com', '2026-11-07 08:00:00', "
                              "'2026-11-07 12:30:00', 102, 206, 'Neu \xC3\xBC" "ber ODBC')");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 1) << w.dump();
    const auto creates = sim->requests("createtimeentry");
    ASSERT_EQ(creates.size(), 1u);
    EXPECT_EQ(count_status(creates, 200), 1u) << creates[0].line;
    EXPECT_TRUE(creates[0].has("useremail", kPlusUser)) << creates[0].line;
    EXPECT_TRUE(creates[0].has("timetypeid", "102")) << creates[0].line;
    EXPECT_TRUE(creates[0].has("projectid", "206")) << creates[0].line;
    EXPECT_TRUE(creates[0].has("comment", "Neu \xC3\xBC" "ber ODBC")) << creates[0].line;
    // The simulator numbers created entries from 500001 on.
    const auto id = connection.query("SELECT LAST_INSERT_ID()");
    ASSERT_EQ(id.size(), 1u);
    EXPECT_EQ(id[0][0].value_or("NULL"), "500001");
    EXPECT_EQ(entries_of_day("2026-11-07", "2026-11-08"),
              (std::vector<TextRow>{{"500001", kPlusUser, "2026-11-07 08:00:00", "2026-11-07 12:30:00", "102", "206",
                                     "Neu \xC3\xBC" "ber ODBC", "0"}}));
}

TEST_F(GoodTimeWrites, InsertWithoutCommentReadsNull) {
    const auto w = exec_write(connection,
                              "INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, "
                              "project_id) VALUES ('anna+zeit@example.com', '2026-11-08 10:00:00', "
                              "'2026-11-08 11:00:00', 105, 203)");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(sim->requests("createtimeentry").size(), 1u);
    EXPECT_EQ(entries_of_day("2026-11-08", "2026-11-09"),
              (std::vector<TextRow>{{"500001", kPlusUser, "2026-11-08 10:00:00", "2026-11-08 11:00:00", "105", "203",
                                     "\\N", "0"}}));
}

TEST_F(GoodTimeWrites, DeleteIsOneRequestAndShowsInTheNextSelect) {
    const TextRow open = entry(false);
    const std::string day = open[2].substr(0, 10);
    const auto before = entries_of_day(day, day + " 23:59:59");  // now cached
    ASSERT_EQ(before.size(), 1u);
    EXPECT_EQ(before[0][0], open[0]);
    const auto w = exec_write(connection, "DELETE FROM goodtime.timeentries WHERE time_entry_id = " + open[0]);
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 1) << w.dump();
    const auto deletes = sim->requests("deletetimeentry");
    ASSERT_EQ(deletes.size(), 1u);
    EXPECT_TRUE(deletes[0].has("id", open[0])) << deletes[0].line;
    EXPECT_EQ(count_status(deletes, 204), 1u) << deletes[0].line;
    EXPECT_TRUE(entries_of_day(day, day + " 23:59:59").empty());
}

TEST_F(GoodTimeWrites, InsertedEntryCanBeDeletedAgain) {
    exec_write(connection,
               "INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, project_id) "
               "VALUES ('anna+zeit@example.com', '2026-11-07 08:00:00', '2026-11-07 09:00:00', 101, 205)");
    ASSERT_EQ(entries_of_day("2026-11-07", "2026-11-08").size(), 1u);
    const auto w = exec_write(connection, "DELETE FROM goodtime.timeentries WHERE time_entry_id = 500001");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_TRUE(entries_of_day("2026-11-07", "2026-11-08").empty());
    EXPECT_EQ(sim->requests("deletetimeentry").size(), 1u);
}

TEST_F(GoodTimeWrites, LockedEntryIsNotDeleted) {
    const TextRow locked = entry(true);
    const auto w = exec_write(connection, "DELETE FROM goodtime.timeentries WHERE time_entry_id = " + locked[0]);
    EXPECT_FALSE(w.rc == SQL_SUCCESS && w.row_count == 1) << "a locked entry reported deleted: " << w.dump();
    EXPECT_FALSE(w.records.empty()) << w.dump();
    EXPECT_LE(sim->requests("deletetimeentry").size(), 1u) << "sent at most once";
    const std::string day = locked[2].substr(0, 10);
    const auto after = entries_of_day(day, day + " 23:59:59");
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0][0], locked[0]);
}

TEST_F(GoodTimeWrites, InvalidRowsSendNothing) {
    struct Case {
        const char* values;
        const char* named;  // what the message must name
    };
    const Case cases[] = {
        {"('anna+zeit@example.com', '2026-11-07 12:00:00', '2026-11-07 08:00:00', 101, 205)", "end_time"},
        {"('anna+zeit@example.com', '2026-11-07 08:00:00', '2026-11-07 08:00:00', 101, 205)", "end_time"},
        {"('anna+zeit@example.com', '2026-11-07 08:00:00', '2026-11-07 12:00:00', 999, 205)", "999"},
        {"('anna+zeit@example.com', '2026-11-07 08:00:00', '2026-11-07 12:00:00', 101, 998)", "998"},
        // The reference marks only the comment of createtimeentry optional.
        {"('anna+zeit@example.com', '2026-11-07 08:00:00', '2026-11-07 12:00:00', 101, NULL)", "project_id"},
    };
    for (const auto& c : cases) {
        const auto w = exec_write(connection,
                                  std::string("INSERT INTO goodtime.timeentries (login_email, start_time, end_time, "
                                              "time_type_id, project_id) VALUES ") + c.values);
        EXPECT_EQ(w.rc, SQL_ERROR) << c.values << "\n" << w.dump();
        bool named = false;
        for (const auto& r : w.records) named = named || r.message.find(c.named) != std::string::npos;
        EXPECT_TRUE(named) << "the message names " << c.named << ": " << w.dump();
    }
    EXPECT_TRUE(sim->requests("createtimeentry").empty());
    // The connection is still usable.
    EXPECT_EQ(connection.query("SELECT * FROM goodtime.timetypes").size(), 5u);
}

TEST_F(GoodTimeWrites, RefusalOfTheServiceIsSentOnceAndReportedForTheRow) {
    // Project 207 exists but belongs to nobody: only the service knows.
    const auto w = exec_write(connection,
                              "INSERT INTO goodtime.timeentries (login_email, start_time, end_time, time_type_id, "
                              "project_id) VALUES ('anna+zeit@example.com', '2026-11-07 08:00:00', "
                              "'2026-11-07 12:00:00', 101, 207)");
    EXPECT_FALSE(w.rc == SQL_SUCCESS) << w.dump();
    EXPECT_FALSE(w.records.empty()) << w.dump();
    const auto creates = sim->requests("createtimeentry");
    ASSERT_EQ(creates.size(), 1u) << "a refused write is not re-sent";
    EXPECT_EQ(count_status(creates, 400), 1u) << creates[0].line;
    EXPECT_TRUE(entries_of_day("2026-11-07", "2026-11-08").empty());
}

}  // namespace
