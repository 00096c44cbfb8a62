// projects writes through the driver manager: INSERT / UPDATE / DELETE go to
// one projectsimport upload, validation sends nothing, per-line results, the
// cache shows the change, and an unknown outcome is never re-sent.
#include <gtest/gtest.h>

#include "tests/odbc/write_helpers.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class ProjectWrites : public SimWriteTest {
protected:
    ProjectWrites() : SimWriteTest({"--users", "25", "--today", "2025-03-10"}) {}
};

TEST_F(ProjectWrites, InsertLiteralsIsOneUploadAndShowsInSelect) {
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects"), "12");  // cached now
    auto w = exec_write(connection,
                        "INSERT INTO projects (name, state, budget_hours, comments) VALUES "
                        "('Neubau Halle', 'Active', 40, 'from the ERP'), ('Archiv', 'inactive', NULL, NULL)");
    // A write that fully succeeded is SQL_SUCCESS, with no records (PHP
    // would turn one into a warning); LAST_INSERT_ID() has the first id.
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_TRUE(w.records.empty()) << w.dump();
    EXPECT_EQ(scalar("SELECT LAST_INSERT_ID()"), "13");
    EXPECT_EQ(sim->requests("projectsimport").size(), 1u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects"), "14");
    auto rows = connection.query("SELECT name, state, budget_hours, comments FROM projects WHERE project_id = 13");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value_or(""), "Neubau Halle");
    EXPECT_EQ(rows[0][1].value_or(""), "Active");
    EXPECT_EQ(rows[0][2].value_or(""), "40");
    EXPECT_EQ(rows[0][3].value_or(""), "from the ERP");
    EXPECT_EQ(scalar("SELECT state FROM projects WHERE project_id = 14"), "Inactive");
}

TEST_F(ProjectWrites, CreatedIdInfoBringsBackTheRecordPerCreatedId) {
    OdbcConnection informed;
    ASSERT_TRUE(SQL_SUCCEEDED(informed.connect(sim->connection_string("CreatedIdInfo=yes"))));
    auto w = exec_write(informed, "INSERT INTO projects (name, state) VALUES ('Eins', 'Active'), ('Zwei', 'Active')");
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_TRUE(w.has("01000", "created project id 13")) << w.dump();
    EXPECT_TRUE(w.has("01000", "created project id 14")) << w.dump();
    EXPECT_EQ(w.records[0].native, 13);
}

TEST_F(ProjectWrites, LastInsertIdIsPerConnectionAndNullBeforeAnInsert) {
    EXPECT_EQ(scalar("SELECT LAST_INSERT_ID()"), "NULL");
    OdbcConnection other;
    ASSERT_TRUE(SQL_SUCCEEDED(other.connect(sim->connection_string())));
    ASSERT_EQ(exec_write(other, "INSERT INTO projects (name) VALUES ('Andere')").rc, SQL_SUCCESS);
    EXPECT_EQ(scalar("SELECT LAST_INSERT_ID()"), "NULL") << "another connection's insert";
    ASSERT_EQ(exec_write(connection, "INSERT INTO projects (name) VALUES ('Meine')").rc, SQL_SUCCESS);
    EXPECT_EQ(scalar("SELECT LAST_INSERT_ID()"), "14");
    EXPECT_EQ(scalar("SELECT name FROM projects WHERE project_id = LAST_INSERT_ID()"), "Meine");
}

TEST_F(ProjectWrites, ParameterArrayIsOneUploadWithStatusPerSet) {
    auto w = exec_array(connection, "INSERT INTO projects (name, budget_hours, service_required) VALUES (?, ?, ?)",
                        {{{"P1", "P2", "P3"}}, {{"1", nullptr, "3"}}, {{"1", "0", "false"}}});
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 3) << w.dump();
    EXPECT_EQ(w.processed, 3u);
    for (auto s : w.status) EXPECT_TRUE(s == SQL_PARAM_SUCCESS || s == SQL_PARAM_SUCCESS_WITH_INFO) << s;
    EXPECT_EQ(sim->requests("projectsimport").size(), 1u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects WHERE name IN ('P1','P2','P3')"), "3");
}

TEST_F(ProjectWrites, ValidationFailsRowsByNumberAndSendsNothing) {
    const std::string long_name(151, 'x');
    auto w = exec_array(connection, "INSERT INTO projects (name, state, budget_hours, comments) VALUES (?, ?, ?, ?)",
                        {{{"fine", long_name.c_str(), "ok", "ok2", "ok3", nullptr}},
                         {{"Active", "Active", "Open", "Active", "Active", "Active"}},
                         {{"1", "2", "3", "-4", "5", "6"}},
                         {{"c", "c", "c", "c", "semi;colon", "c"}}});
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    // After SQL_ERROR the driver manager refuses SQLRowCount (HY010): -1 stays.
    EXPECT_LE(w.row_count, 0);
    EXPECT_TRUE(sim->requests("projectsimport").empty());
    EXPECT_TRUE(w.on_row(2, "22001", "150")) << w.dump();
    EXPECT_TRUE(w.on_row(3, "22018", "Active or Inactive")) << w.dump();
    EXPECT_TRUE(w.on_row(4, "22003", "0 or more")) << w.dump();
    EXPECT_TRUE(w.on_row(5, "22018", "';'")) << w.dump();
    EXPECT_TRUE(w.on_row(6, "23000", "name")) << w.dump();
    EXPECT_EQ(w.status[0], SQL_PARAM_UNUSED);
    EXPECT_EQ(w.status[1], SQL_PARAM_ERROR);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects"), "12");
}

TEST_F(ProjectWrites, LineBreakAndLongCommentAreRefused) {
    auto w = exec_write(connection, "INSERT INTO projects (name, comments) VALUES ('a', 'two\nlines')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("22018", "line break")) << w.dump();
    w = exec_write(connection, "INSERT INTO projects (name, comments) VALUES ('a', '" + std::string(201, 'c') + "')");
    EXPECT_TRUE(w.has("22001", "200")) << w.dump();
    EXPECT_TRUE(sim->requests("projectsimport").empty());
}

TEST_F(ProjectWrites, UpdateFillsUnchangedColumnsFromTheCurrentRow) {
    const std::string name = scalar("SELECT name FROM projects WHERE project_id = 2");
    const std::string comments = scalar("SELECT comments FROM projects WHERE project_id = 2");
    auto w = exec_write(connection, "UPDATE projects SET budget_hours = 99, service_required = 0 WHERE project_id = 2");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_EQ(sim->requests("projectsimport").size(), 1u);
    auto rows = connection.query("SELECT name, budget_hours, comments, state FROM projects WHERE project_id = 2");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value_or(""), name);
    EXPECT_EQ(rows[0][1].value_or(""), "99");
    EXPECT_EQ(rows[0][2].value_or("NULL"), comments);
    EXPECT_EQ(rows[0][3].value_or(""), "Active");
}

TEST_F(ProjectWrites, UpdateWithParametersAndState) {
    auto w = exec_array(connection,
                        "UPDATE projects SET state = ?, service_required = ? WHERE project_id = ?",
                        {{{"Inactive", "Inactive"}}, {{"1", "0"}}, {{"3", "4"}}});
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_EQ(sim->requests("projectsimport").size(), 1u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects WHERE project_id IN (3, 4) AND state = 'Inactive'"), "2");
}

TEST_F(ProjectWrites, UpdateMustSetServiceRequired) {
    auto w = exec_write(connection, "UPDATE projects SET budget_hours = 5 WHERE project_id = 2");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.has("HY000", "service_required")) << w.dump();
    EXPECT_TRUE(sim->requests("projectsimport").empty());
}

TEST_F(ProjectWrites, UpdateOfNoExistingRowSendsNothingAndCountsZero) {
    auto w = exec_write(connection, "UPDATE projects SET name = 'x', service_required = 1 WHERE project_id = 999");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 0);
    EXPECT_TRUE(sim->requests("projectsimport").empty());
}

TEST_F(ProjectWrites, UpdateOrDeleteNeedTheKeyInWhere) {
    auto w = exec_write(connection, "DELETE FROM projects");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.has("0A000", "project_id")) << w.dump();
    w = exec_write(connection, "UPDATE projects SET name = 'x', service_required = 1 WHERE name = 'Website-Relaunch'");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(sim->requests("projectsimport").empty());
}

TEST_F(ProjectWrites, DeleteInReportsTheBookedProjectAndCountsTheOthers) {
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects"), "12");
    auto w = exec_write(connection, "DELETE FROM projects WHERE project_id IN (6, 7, 1, 500)");
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_TRUE(w.has("23000", "WORKTIME_ENTRY_FOR_PROJECT_EXISTS_THUS_NO_DELETE")) << w.dump();
    EXPECT_EQ(sim->requests("projectsimport").size(), 1u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects"), "10");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects WHERE project_id = 1"), "1");
}

TEST_F(ProjectWrites, SingleRejectedRowIsAnError) {
    auto w = exec_write(connection, "DELETE FROM projects WHERE project_id = 2");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    // After SQL_ERROR the driver manager refuses SQLRowCount (HY010): -1 stays.
    EXPECT_LE(w.row_count, 0);
    EXPECT_TRUE(w.has("23000", "work time entries refer to it")) << w.dump();
}

TEST_F(ProjectWrites, InsertSelectIsOneUpload) {
    auto w = exec_write(connection, "INSERT INTO projects (name, state, comments) SELECT name || ' (Kopie)', "
                                    "'Inactive', comments FROM projects WHERE project_id IN (1, 2)");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_EQ(sim->requests("projectsimport").size(), 1u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM projects WHERE name LIKE '% (Kopie)' AND state = 'Inactive'"), "2");
}

TEST(ProjectWritesFailure, UnknownOutcomeIsHYT00AndSentOnce) {
    SimProcess sim({"--fail-after-receive", "projectsimport"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    auto w = exec_write(connection, "INSERT INTO projects (name) VALUES ('Once')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "outcome is unknown")) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "SELECT * FROM projects")) << w.dump();
    EXPECT_EQ(sim.requests("projectsimport").size(), 1u);
    // A later, different statement does not carry the earlier one along.
    connection.query("SELECT COUNT(*) FROM projects");
    EXPECT_EQ(sim.requests("projectsimport").size(), 1u);
}

} // namespace
