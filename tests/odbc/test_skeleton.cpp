// The walking skeleton through the driver manager: a query answered from the
// simulator over HTTPS, the request it makes, and the error cases a user
// meets first (wrong token, unknown table, syntax error, unreachable server,
// refused certificate).
#include <gtest/gtest.h>

#include <memory>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

class Skeleton : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "25", "--years", "2023-2025"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string())));
        sim->clear_log();
    }
    static SimProcess* sim;
    OdbcConnection connection;
};
SimProcess* Skeleton::sim = nullptr;

bool mentions_token(const std::vector<Diag>& diags) {
    for (const auto& d : diags)
        if (d.message.find(kToken) != std::string::npos) return true;
    return false;
}

TEST_F(Skeleton, CountsTheSimulatorsUsers) {
    auto rows = connection.query("SELECT COUNT(*) FROM users");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value(), "25");
}

TEST_F(Skeleton, YearPredicateBecomesOneRequest) {
    auto rows = connection.query("SELECT * FROM absences WHERE year = 2024");
    EXPECT_GT(rows.size(), 0u);
    auto requests = sim->requests("absences");
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_TRUE(requests[0].has("year", "2024")) << requests[0].line;
    for (const auto& row : rows) EXPECT_EQ(row[0].value_or(""), "2024");
}

TEST_F(Skeleton, SecondQueryWithinTtlIsServedFromCache) {
    connection.query("SELECT * FROM absences WHERE year = 2024");
    connection.query("SELECT absence_id FROM absences WHERE year = 2024 AND user_id = 1");
    EXPECT_EQ(sim->requests("absences").size(), 1u);
}

TEST_F(Skeleton, UnknownTableIs42S02NamingIt) {
    auto diags = connection.query_error("SELECT * FROM absenses");
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "42S02");
    EXPECT_NE(diags[0].message.find("absenses"), std::string::npos) << diags[0].message;
    EXPECT_NE(diags[0].message.find("absences"), std::string::npos) << "suggests the close name: " << diags[0].message;
    // The connection stays usable.
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
}

TEST_F(Skeleton, SyntaxErrorIs42000WithPosition) {
    auto diags = connection.query_error("SELECT user_id, FROM users");
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "42000");
    EXPECT_NE(diags[0].message.find("position"), std::string::npos) << diags[0].message;
}

TEST_F(Skeleton, UnknownColumnIs42S22) {
    auto diags = connection.query_error("SELECT last_nam FROM users");
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "42S22");
    EXPECT_NE(diags[0].message.find("last_nam"), std::string::npos) << diags[0].message;
}

TEST(SkeletonConnect, WrongTokenIs28000WithoutTheToken) {
    SimProcess sim;
    OdbcConnection connection;
    const std::string wrong = "wrong-token-1234";
    std::string cs = "Driver=" + driver_path() + ";Server=" + sim.server() + ";Token=" + wrong + ";CAFile=" + ca_file() +
                     ";Cache=memory";
    ASSERT_EQ(connection.connect(cs), SQL_ERROR);
    auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "28000");
    EXPECT_NE(diags[0].message.find("401"), std::string::npos) << diags[0].message;
    for (const auto& d : diags) EXPECT_EQ(d.message.find(wrong), std::string::npos) << d.message;
}

TEST(SkeletonConnect, UnreachableServerIs08001) {
    OdbcConnection connection;
    // Port 9 on loopback: nothing listens there.
    std::string cs = "Driver=" + driver_path() + ";Server=https://127.0.0.1:9;Token=" + std::string(kToken) +
                     ";CAFile=" + ca_file() + ";Cache=memory";
    ASSERT_EQ(connection.connect(cs), SQL_ERROR);
    auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "08001");
    EXPECT_FALSE(mentions_token(diags));
}

TEST(SkeletonConnect, RefusedCertificateIs08001) {
    SimProcess sim;
    OdbcConnection connection;
    // No CAFile: the simulator's self-signed certificate is not trusted.
    std::string cs = "Driver=" + driver_path() + ";Server=" + sim.server() + ";Token=" + kToken + ";Cache=memory";
    ASSERT_EQ(connection.connect(cs), SQL_ERROR);
    auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "08001");
    EXPECT_NE(diags[0].message.find("certificate"), std::string::npos) << diags[0].message;
    EXPECT_FALSE(mentions_token(diags));
}

} // namespace
