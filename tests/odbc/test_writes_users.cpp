// users writes through the driver manager: INSERT creates accounts, UPDATE
// sends every field (filled from the current row), locks, unlocks, changes
// the e-mail address and the managers, DELETE deletes; validation sends
// nothing, every service token lands on its row, an unknown outcome is
// never re-sent.
#include <gtest/gtest.h>

#include "tests/odbc/write_helpers.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class UserWrites : public SimWriteTest {
protected:
    UserWrites() : SimWriteTest({"--users", "25", "--today", "2025-03-10"}) {}
};

const char* kCreate = "INSERT INTO users (email, first_name, last_name, gender, language, user_type) VALUES ";

TEST_F(UserWrites, InsertLiteralsCreatesTheAccount) {
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), "25");  // cached now
    auto w = exec_write(connection,
                        "INSERT INTO users (email, first_name, last_name, gender, language, user_type, department, "
                        "employee_number, date_of_birth) VALUES ('neu.person@example.com', 'Neu', 'Person', 'female', "
                        "'de_DE', 'Employee', 'Lager', 'N-026', {d '1990-05-17'})");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    auto sent = sim->requests("useraccount");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("command", "create")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("email", "neu.person@example.com")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("lastname", "Person")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("unit", "Lager")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("date_of_birth", "1990-05-17")) << sent[0].line;
    EXPECT_TRUE(lacks(sent[0], "userid")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), "26");
    auto rows = connection.query("SELECT user_id, department, employee_number, date_of_birth, gender FROM users "
                                 "WHERE email = 'neu.person@example.com'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value_or(""), "26");
    EXPECT_EQ(rows[0][1].value_or(""), "Lager");
    EXPECT_EQ(rows[0][2].value_or(""), "N-026");
    EXPECT_EQ(rows[0][3].value_or(""), "1990-05-17");
    EXPECT_FALSE(rows[0][4].has_value());  // write-only column: the API does not report it
}

TEST_F(UserWrites, ParameterArraySendsEachRowAndReportsTheRejectedOne) {
    auto w = exec_array(connection, std::string(kCreate) + "(?, ?, ?, ?, ?, ?)",
                        {{{"a.eins@example.com", "juergen.mueller@example.com", "c.drei@example.com"}},
                         {{"A", "B", "C"}},
                         {{"Eins", "Zwei", "Drei"}},
                         {{"male", "female", "diverse"}},
                         {{"de_DE", "de_DE", "en_GB"}},
                         {{"Employee", "Employee", "Manager"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_EQ(w.processed, 3u);
    ASSERT_EQ(w.status.size(), 3u);
    EXPECT_EQ(w.status[0], SQL_PARAM_SUCCESS);
    EXPECT_EQ(w.status[1], SQL_PARAM_ERROR);
    EXPECT_EQ(w.status[2], SQL_PARAM_SUCCESS);
    EXPECT_TRUE(w.on_row(2, "23000", "RESULT_ERR_EMAIL_ALREADY_IN_USE")) << w.dump();
    EXPECT_EQ(sim->requests("useraccount").size(), 3u);
    EXPECT_EQ(scalar("SELECT user_type FROM users WHERE email = 'c.drei@example.com'"), "Manager");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), "27");
}

TEST_F(UserWrites, ValidationReportsEveryRowAndSendsNothing) {
    const std::string long_name(51, 'n'), long_cost(21, 'k');
    auto w = exec_array(
        connection,
        "INSERT INTO users (email, first_name, last_name, gender, language, user_type, department, phone, "
        "date_of_birth, cost_center) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {{{"ok@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com", "f@example.com",
           "g@example.com", nullptr}},
         {{"Ok", long_name.c_str(), "C", "D", "E", "F", "G", "H"}},
         {{"Ok", "B", "C", "D", "E", "F", "G", "H"}},
         {{"male", "male", nullptr, "male", "male", "male", "male", "male"}},
         {{"de_DE", "de_DE", "de_DE", "de_DE", "de_DE", "de_DE", "de_DE", "de_DE"}},
         {{"Employee", "Employee", "Employee", "Employee", "Employee", "Employee", "Employee", "Employee"}},
         {{"x", "x", "x", "Lager;Nord", "x", "x", "x", "x"}},
         {{"1", "1", "1", "1", "0171\n123", "1", "1", "1"}},
         {{"1990-01-01", "1990-01-01", "1990-01-01", "1990-01-01", "1990-01-01", "17.05.1990", "1990-01-01",
           "1990-01-01"}},
         {{"K", "K", "K", "K", "K", "K", long_cost.c_str(), "K"}}});
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(sim->requests("useraccount").empty());
    EXPECT_TRUE(w.on_row(2, "22001", "at most 50")) << w.dump();
    EXPECT_TRUE(w.on_row(3, "23000", "gender")) << w.dump();
    EXPECT_TRUE(w.on_row(4, "22018", "';'")) << w.dump();
    EXPECT_TRUE(w.on_row(5, "22018", "line break")) << w.dump();
    EXPECT_TRUE(w.on_row(6, "22007", "YYYY-MM-DD")) << w.dump();
    EXPECT_TRUE(w.on_row(7, "22001", "at most 20")) << w.dump();
    EXPECT_TRUE(w.on_row(8, "23000", "email")) << w.dump();
    EXPECT_TRUE(w.has("01000", "nothing of the statement was sent")) << w.dump();
    ASSERT_EQ(w.status.size(), 8u);
    EXPECT_EQ(w.status[0], SQL_PARAM_UNUSED);
    for (std::size_t i = 1; i < 8; ++i) EXPECT_EQ(w.status[i], SQL_PARAM_ERROR) << i;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), "25");
}

TEST_F(UserWrites, ColumnsInsertCannotWriteAreRefused) {
    auto w = exec_write(connection, "INSERT INTO users (user_id, email) VALUES (99, 'x@example.com')");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.has("HY000", "cannot be written by INSERT")) << w.dump();
    EXPECT_TRUE(sim->requests("useraccount").empty());
}

TEST_F(UserWrites, UpdateSendsEveryFieldFromTheCurrentRow) {
    auto before = connection.query("SELECT first_name, last_name, phone, date_of_birth, language, user_type "
                                   "FROM users WHERE user_id = 4");
    ASSERT_EQ(before.size(), 1u);
    auto w = exec_write(connection, "UPDATE users SET department = 'Einkauf' WHERE user_id = 4");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    auto sent = sim->requests("useraccount");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("command", "update")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("userid", "4")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("unit", "Einkauf")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("first_name", before[0][0].value_or(""))) << sent[0].line;
    EXPECT_TRUE(sent[0].has("user_type", before[0][5].value_or(""))) << sent[0].line;
    // The simulator clears what an update leaves out: unchanged values prove
    // the driver sent them all.
    auto after = connection.query("SELECT first_name, last_name, phone, date_of_birth, language, user_type, department "
                                  "FROM users WHERE user_id = 4");
    ASSERT_EQ(after.size(), 1u);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(after[0][i], before[0][i]) << i;
    EXPECT_EQ(after[0][6].value_or(""), "Einkauf");
}

TEST_F(UserWrites, UpdateParameterArrayCountsTheExistingAccounts) {
    auto w = exec_array(connection, "UPDATE users SET cost_center = ? WHERE user_id = ?",
                        {{{"KST-9", "KST-8", "KST-7"}}, {{"3", "999", "5"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2) << w.dump();
    EXPECT_EQ(w.processed, 3u);
    for (auto s : w.status) EXPECT_EQ(s, SQL_PARAM_SUCCESS);
    EXPECT_EQ(sim->requests("useraccount").size(), 2u);
    EXPECT_EQ(scalar("SELECT cost_center FROM users WHERE user_id = 5"), "KST-7");
    EXPECT_EQ(scalar("SELECT cost_center FROM users WHERE user_id = 3"), "KST-9");
}

TEST_F(UserWrites, LockUnlockAndEmailChange) {
    auto w = exec_write(connection, "UPDATE users SET account_locked = 1 WHERE user_id IN (3, 4)");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    auto sent = sim->requests("useraccount");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(sent[0].has("command", "lock")) << sent[0].line;
    EXPECT_TRUE(lacks(sent[0], "first_name")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users WHERE user_id IN (3, 4) AND account_locked = 1"), "2");

    sim->clear_log();
    w = exec_write(connection, "UPDATE users SET account_locked = 0 WHERE user_id = 3");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    ASSERT_EQ(sim->requests("useraccount").size(), 1u);
    EXPECT_TRUE(sim->requests("useraccount")[0].has("command", "unlock"));
    EXPECT_EQ(scalar("SELECT account_locked FROM users WHERE user_id = 3"), "0");

    sim->clear_log();
    w = exec_write(connection, "UPDATE users SET email = 'neu.drei@example.com' WHERE user_id = 3");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    sent = sim->requests("useraccount");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("command", "modifyemail")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("new_email", "neu.drei@example.com")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT email FROM users WHERE user_id = 3"), "neu.drei@example.com");

    // The same address again changes nothing and sends nothing.
    sim->clear_log();
    w = exec_write(connection, "UPDATE users SET email = 'NEU.drei@example.com' WHERE user_id = 3");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_TRUE(sim->requests("useraccount").empty());

    w = exec_write(connection, "UPDATE users SET account_locked = 'maybe' WHERE user_id = 3");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.on_row(1, "22018", "true or false")) << w.dump();
    EXPECT_TRUE(sim->requests("useraccount").empty());
}

TEST_F(UserWrites, UpdateOfSeveralKindsSendsEachCommandInOrder) {
    auto w = exec_write(connection,
                        "UPDATE users SET phone = '+49 30 1', account_locked = 1, manager_user_ids = '10' WHERE user_id = 6");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    auto sent = sim->requests();
    ASSERT_EQ(sent.size(), 4u);  // the read of the current row, update, lock, managerassignment
    EXPECT_EQ(sent[0].action, "users");
    EXPECT_TRUE(sent[1].has("command", "update")) << sent[1].line;
    EXPECT_TRUE(sent[2].has("command", "lock")) << sent[2].line;
    EXPECT_EQ(sent[3].action, "managerassignment");
    auto row = connection.query("SELECT phone, account_locked, manager_user_ids FROM users WHERE user_id = 6");
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row[0][0].value_or(""), "+49 30 1");
    EXPECT_EQ(row[0][1].value_or(""), "1");
    EXPECT_EQ(row[0][2].value_or(""), "10");
}

TEST_F(UserWrites, ManagerAssignment) {
    auto w = exec_write(connection, "UPDATE users SET manager_user_ids = '10, 1' WHERE user_id = 3");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    auto sent = sim->requests("managerassignment");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(sent[0].has("userid", "3")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("manager1", "10")) << sent[0].line;
    EXPECT_TRUE(sent[0].has("manager2", "1")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT manager_user_ids FROM users WHERE user_id = 3"), "10,1");

    // Parameter array: one request per set, the rejected manager on its row.
    sim->clear_log();
    w = exec_array(connection, "UPDATE users SET manager_user_ids = ? WHERE user_id = ?",
                   {{{"2", "4", "10,2"}}, {{"5", "6", "7"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    EXPECT_EQ(w.status[1], SQL_PARAM_ERROR);
    EXPECT_TRUE(w.on_row(2, "22018", "RESULT_ERR_MANAGER1_INVALID")) << w.dump();
    EXPECT_EQ(sim->requests("managerassignment").size(), 3u);
    EXPECT_EQ(scalar("SELECT manager_user_ids FROM users WHERE user_id = 7"), "10,2");

    sim->clear_log();
    const std::string eleven = "'1,2,3,4,5,6,7,8,9,10,12'";
    w = exec_write(connection, "UPDATE users SET manager_user_ids = " + eleven + " WHERE user_id = 13");
    EXPECT_TRUE(w.on_row(1, "22001", "at most 10")) << w.dump();
    w = exec_write(connection, "UPDATE users SET manager_user_ids = '2,x' WHERE user_id = 13");
    EXPECT_TRUE(w.on_row(1, "22018", "user ids separated by commas")) << w.dump();
    w = exec_write(connection, "UPDATE users SET manager_user_ids = NULL WHERE user_id = 13");
    EXPECT_TRUE(w.on_row(1, "23000", "at least one manager")) << w.dump();
    EXPECT_TRUE(sim->requests("managerassignment").empty());
}

TEST_F(UserWrites, DeleteCountsTheExistingAccounts) {
    auto w = exec_write(connection, "DELETE FROM users WHERE user_id IN (24, 25, 999)");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    auto sent = sim->requests("useraccount");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(sent[0].has("command", "delete")) << sent[0].line;
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), "23");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM workdays WHERE user_id IN (24, 25)"), "0");

    sim->clear_log();
    w = exec_array(connection, "DELETE FROM users WHERE user_id = ?", {{{"23", "999"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_EQ(w.processed, 2u);
    EXPECT_EQ(sim->requests("useraccount").size(), 1u);

    sim->clear_log();
    w = exec_write(connection, "DELETE FROM users WHERE user_id = 999");
    EXPECT_TRUE(SQL_SUCCEEDED(w.rc)) << w.dump();
    EXPECT_EQ(w.row_count, 0);
    EXPECT_TRUE(sim->requests("useraccount").empty());
    w = exec_write(connection, "DELETE FROM users");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.has("0A000", "user_id")) << w.dump();
    w = exec_write(connection, "DELETE FROM users WHERE last_name = 'Weiss'");
    EXPECT_TRUE(w.has("0A000", "user_id")) << w.dump();
    w = exec_write(connection, "UPDATE users SET user_id = 3 WHERE user_id = 4");
    EXPECT_TRUE(w.has("HY000", "cannot be changed")) << w.dump();
    EXPECT_TRUE(sim->requests("useraccount").empty());
}

// Every token the simulator's useraccount answers that a driver-built
// request can meet.
TEST_F(UserWrites, ServiceTokensAreRecordsOfTheirRows) {
    auto w = exec_write(connection,
                        std::string(kCreate) +
                            "('kein-at-zeichen', 'A', 'B', 'male', 'de_DE', 'Employee'),"   // 1
                            "('g@example.com', 'A', 'B', 'robot', 'de_DE', 'Employee'),"    // 2
                            "('l@example.com', 'A', 'B', 'male', 'deutsch', 'Employee'),"   // 3
                            "('t@example.com', 'A', 'B', 'male', 'de_DE', 'Boss'),"         // 4
                            "('ok@example.com', 'A', 'B', 'male', 'de_DE', 'Employee')");   // 5
    EXPECT_EQ(w.rc, SQL_SUCCESS_WITH_INFO) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_TRUE(w.on_row(1, "22018", "RESULT_ERR_EMAIL_INVALID")) << w.dump();
    EXPECT_TRUE(w.on_row(2, "22018", "RESULT_ERR_GENDER_INVALID")) << w.dump();
    EXPECT_TRUE(w.on_row(3, "22018", "RESULT_ERR_LOCALE_INVALID")) << w.dump();
    EXPECT_TRUE(w.on_row(4, "22018", "RESULT_ERR_USER_TYPE_INVALID")) << w.dump();
    EXPECT_TRUE(w.has("22018", "parameter user_type")) << w.dump();

    w = exec_write(connection,
                   "INSERT INTO users (email, first_name, last_name, gender, language, user_type, employee_number) "
                   "VALUES ('n@example.com', 'A', 'B', 'male', 'de_DE', 'Employee', '00102')");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "23000", "RESULT_ERR_EMPLOYEENUMBER_ALREADY_IN_USE")) << w.dump();

    w = exec_write(connection, "UPDATE users SET first_name = NULL WHERE user_id = 3");
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.on_row(1, "23000", "RESULT_ERR_MISSING_PARAMETER")) << w.dump();

    w = exec_write(connection, "UPDATE users SET email = 'juergen.mueller@example.com' WHERE user_id = 3");
    EXPECT_TRUE(w.on_row(1, "23000", "RESULT_ERR_EMAIL_ALREADY_IN_USE")) << w.dump();
    w = exec_write(connection, "UPDATE users SET email = 'no-address' WHERE user_id = 3");
    EXPECT_TRUE(w.on_row(1, "22018", "RESULT_ERR_NEW_EMAIL_INVALID")) << w.dump();
}

TEST_F(UserWrites, InsertSelectCopiesRowsThroughTheReadPath) {
    auto w = exec_write(connection,
                        "INSERT INTO users (email, first_name, last_name, gender, language, user_type) "
                        "SELECT 'kopie.' || email, first_name, last_name, 'male', language, user_type FROM users "
                        "WHERE user_id IN (2, 3)");
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 2);
    EXPECT_EQ(sim->requests("users").size(), 1u);        // the SELECT's read
    EXPECT_EQ(sim->requests("useraccount").size(), 2u);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM users WHERE email LIKE 'kopie.%'"), "2");

    // With a parameter: the SELECT runs once per parameter set.
    sim->clear_log();
    w = exec_array(connection,
                   "INSERT INTO users (email, first_name, last_name, gender, language, user_type) "
                   "SELECT 'zwei.' || email, first_name, last_name, 'female', language, user_type FROM users "
                   "WHERE user_id = ?",
                   {{{"4", "998"}}});
    EXPECT_EQ(w.rc, SQL_SUCCESS) << w.dump();
    EXPECT_EQ(w.row_count, 1);
    EXPECT_EQ(sim->requests("useraccount").size(), 1u);

    w = exec_write(connection, "INSERT INTO users (email, first_name) SELECT email FROM users");
    EXPECT_EQ(w.rc, SQL_ERROR);
    EXPECT_TRUE(w.has("21S01", "SELECT returns 1")) << w.dump();
}

TEST(UserWritesFailure, UnknownOutcomeIsHYT00AndSentOnce) {
    SimProcess sim({"--fail-after-receive", "useraccount"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    sim.clear_log();
    const std::string insert = std::string(kCreate) + "('a@example.com', 'A', 'B', 'male', 'de_DE', 'Employee'),"
                                                      "('b@example.com', 'A', 'B', 'male', 'de_DE', 'Employee')";
    auto w = exec_write(connection, insert);
    EXPECT_EQ(w.rc, SQL_ERROR) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "outcome is unknown")) << w.dump();
    EXPECT_TRUE(w.has("HYT00", "SELECT * FROM users")) << w.dump();
    EXPECT_EQ(sim.requests("useraccount").size(), 1u);  // the second row waits, nothing is retried
    connection.query("SELECT COUNT(*) FROM users");
    EXPECT_EQ(sim.requests("useraccount").size(), 1u);
}

} // namespace
