// Waits that must end within their bounds, through the driver manager to a
// simulator with injected faults: the login timeout bounds connect, a stalled
// or dripping answer ends after StallTimeout / RequestTimeout, Retry-After is
// honoured within the deadline, and a gzip bomb is stopped at MaxAnswerMB.
// Each wait runs in a child process under a generous hang guard
// (run_bounded, tests/support/test_platform.hpp); no test measures how fast anything is.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/sockets.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

constexpr int kHangGuardSeconds = 30;
const char* kAbsences = "SELECT COUNT(*) FROM absences WHERE year = 2024";

// "SQLSTATE|message" of the first diagnostic, or "ok".
std::string outcome(SQLRETURN rc, const std::vector<Diag>& diags) {
    if (SQL_SUCCEEDED(rc)) return "ok";
    if (diags.empty()) return "error without diagnostic";
    return diags[0].sqlstate + "|" + diags[0].message;
}

std::string sqlstate_of(const std::string& text) { return text.substr(0, text.find('|')); }

// Connects with SQL_ATTR_LOGIN_TIMEOUT set first, as Excel and Power BI do.
std::string connect_with_login_timeout(const std::string& connection_string, SQLULEN seconds) {
    OdbcConnection connection;
    SQLSetConnectAttr(connection.dbc(), SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(seconds), 0);
    const SQLRETURN rc = connection.connect(connection_string);
    return outcome(rc, connection.connect_diag());
}

// A TCP listener on 127.0.0.1 that lets the kernel complete connections
// but never accepts one: no TLS handshake, no byte, ever.
class SilentListener {
public:
    SilentListener() {
        sockets_ready();
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(fd_, 16);
        socklen_type len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
    }
    ~SilentListener() { close_socket(fd_); }
    int port() const { return port_; }

private:
    socket_t fd_ = kNoSocket;
    int port_ = 0;
};

// Runs a SELECT on a connection made with `extra` keys, then (if asked) a
// second statement that must work: "first outcome" or "first outcome#second".
std::string select_then(const SimProcess& sim, const std::string& extra, const std::string& sql,
                        SQLULEN query_timeout = 0, bool check_usable = true) {
    OdbcConnection connection;
    const SQLRETURN crc = connection.connect(sim.connection_string(extra));
    if (!SQL_SUCCEEDED(crc)) return "connect failed: " + outcome(crc, connection.connect_diag());
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    if (query_timeout) SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(query_timeout), 0);
    const SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    std::string text = outcome(rc, diagnostics(SQL_HANDLE_STMT, stmt));
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    if (check_usable) {
        try {
            text += "#" + connection.query("SELECT COUNT(*) FROM holidaysets").at(0).at(0).value_or("NULL");
        } catch (const std::exception& e) {
            text += std::string("#unusable: ") + e.what();
        }
    }
    return text;
}

} // namespace

// A server that reads the request and never answers: SQLDriverConnect ends
// when the 2 s login timeout runs out, with HYT00 naming it (ODBC: "the
// login timeout period expired before the connection ... completed").
TEST(TransportFaults, LoginTimeoutBoundsConnectToAServerThatNeverAnswers) {
    SimProcess sim({"--fault", "stall", "--fault-actions", "holidaysets"});
    const auto result = run_bounded(kHangGuardSeconds, [&] { return connect_with_login_timeout(sim.connection_string(), 2); });
    ASSERT_TRUE(result) << "SQLDriverConnect still waiting after " << kHangGuardSeconds << " s";
    EXPECT_EQ(sqlstate_of(*result), "HYT00") << *result;
    EXPECT_NE(result->find("login timeout (SQL_ATTR_LOGIN_TIMEOUT"), std::string::npos) << *result;
}

// The same bound when not even the TLS handshake is answered.
TEST(TransportFaults, LoginTimeoutBoundsConnectToAListenerThatNeverAccepts) {
    SilentListener listener;
    const std::string cs = "Driver=" + driver_path() + ";Server=https://127.0.0.1:" + std::to_string(listener.port()) +
                           ";Token=" + kToken + ";CAFile=" + ca_file() + ";Cache=memory;ConnectTimeout=60";
    const auto result = run_bounded(kHangGuardSeconds, [&] { return connect_with_login_timeout(cs, 2); });
    ASSERT_TRUE(result) << "SQLDriverConnect still waiting after " << kHangGuardSeconds << " s";
    EXPECT_EQ(sqlstate_of(*result), "HYT00") << *result;
}

// Headers and the first rows arrive, then nothing: each attempt ends after
// StallTimeout without a byte (three attempts of 2 s here, instead of three
// of RequestTimeout); HYT00 names the key, and the connection stays usable.
TEST(TransportFaults, AStalledBodyEndsAfterStallTimeout) {
    SimProcess sim({"--fault", "stall-body", "--fault-actions", "absences", "--years", "2024-2024"});
    const auto result = run_bounded(kHangGuardSeconds, [&] { return select_then(sim, "StallTimeout=2", kAbsences); });
    ASSERT_TRUE(result) << "the statement still waiting after " << kHangGuardSeconds << " s";
    EXPECT_EQ(sqlstate_of(*result), "HYT00") << *result;
    EXPECT_NE(result->find("StallTimeout"), std::string::npos) << *result;
    EXPECT_NE(result->find("#"), std::string::npos);
    EXPECT_EQ(result->substr(result->find('#') + 1).find("unusable"), std::string::npos) << *result;
    EXPECT_EQ(sim.requests("absences").size(), 3u);  // a read is tried three times
}

// A request read and never answered at all (no status line) ends the same way.
TEST(TransportFaults, AnUnansweredReadEndsAfterStallTimeout) {
    SimProcess sim({"--fault", "stall", "--fault-actions", "absences", "--years", "2024-2024"});
    const auto result = run_bounded(kHangGuardSeconds, [&] { return select_then(sim, "StallTimeout=2", kAbsences); });
    ASSERT_TRUE(result) << "the statement still waiting after " << kHangGuardSeconds << " s";
    EXPECT_EQ(sqlstate_of(*result), "HYT00") << *result;
}

// A drip of a few bytes a second passes the stall check; RequestTimeout
// bounds the whole request, its retries included.
TEST(TransportFaults, ADripIsBoundedByRequestTimeout) {
    SimProcess sim({"--fault", "drip", "--drip-ms", "200", "--fault-actions", "absences", "--years", "2024-2024"});
    const auto result =
        run_bounded(kHangGuardSeconds, [&] { return select_then(sim, "StallTimeout=2;RequestTimeout=4", kAbsences); });
    ASSERT_TRUE(result) << "the statement still waiting after " << kHangGuardSeconds << " s";
    EXPECT_EQ(sqlstate_of(*result), "HYT00") << *result;
    EXPECT_NE(result->find("RequestTimeout"), std::string::npos) << *result;
    EXPECT_EQ(sim.requests("absences").size(), 1u);  // no retry after the request's time is used up
}

// 429 with Retry-After in seconds: the read is asked again after the wait
// and the statement succeeds. The lower bound only shows that the driver
// waited; it can never fail on a slow machine.
TEST(TransportFaults, RetryAfterSecondsIsHonoured) {
    SimProcess sim({"--fault", "status", "--fault-status", "429", "--retry-after", "2", "--fault-count", "1",
                    "--fault-actions", "absences", "--years", "2024-2024"});
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_bounded(kHangGuardSeconds, [&] { return select_then(sim, "", kAbsences, 20, false); });
    const auto waited = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, "ok");
    EXPECT_EQ(sim.requests("absences").size(), 2u);
    EXPECT_GE(waited, std::chrono::milliseconds(1900));
}

// 503 with Retry-After as an HTTP-date two seconds ahead (one-second resolution).
TEST(TransportFaults, RetryAfterHttpDateIsHonoured) {
    SimProcess sim({"--fault", "status", "--fault-status", "503", "--retry-after", "+2", "--fault-count", "1",
                    "--fault-actions", "absences", "--years", "2024-2024"});
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_bounded(kHangGuardSeconds, [&] { return select_then(sim, "", kAbsences, 20, false); });
    const auto waited = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, "ok");
    EXPECT_EQ(sim.requests("absences").size(), 2u);
    EXPECT_GE(waited, std::chrono::milliseconds(900));
}

// A Retry-After beyond the query timeout is not waited for: the statement
// fails at once saying when to try again, without asking again.
TEST(TransportFaults, RetryAfterPastTheDeadlineFailsSayingWhenToRetry) {
    SimProcess sim({"--fault", "status", "--fault-status", "503", "--retry-after", "3600", "--fault-actions", "absences",
                    "--years", "2024-2024"});
    const auto result = run_bounded(kHangGuardSeconds, [&] { return select_then(sim, "", kAbsences, 10); });
    ASSERT_TRUE(result);
    EXPECT_EQ(sqlstate_of(*result), "HY000") << *result;
    EXPECT_NE(result->find("try again after"), std::string::npos) << *result;
    EXPECT_NE(result->find("UTC"), std::string::npos) << *result;
    EXPECT_EQ(result->substr(result->find('#') + 1).find("unusable"), std::string::npos) << *result;
    EXPECT_EQ(sim.requests("absences").size(), 1u);
}

// 256 MiB of CSV in a small gzip body: decompression stops at MaxAnswerMB
// with an error naming the action, the cap and the key; nothing is retried
// and the connection stays usable.
TEST(TransportFaults, AGzipBombStopsAtMaxAnswerMB) {
    SimProcess sim({"--fault", "gzip-bomb", "--bomb-mib", "256", "--fault-actions", "absences", "--years", "2024-2024"});
    const auto result = run_bounded(kHangGuardSeconds * 2, [&] { return select_then(sim, "MaxAnswerMB=16", kAbsences); });
    ASSERT_TRUE(result);
    EXPECT_EQ(sqlstate_of(*result), "HY000") << *result;
    EXPECT_NE(result->find("'absences'"), std::string::npos) << *result;
    EXPECT_NE(result->find("16 MiB"), std::string::npos) << *result;
    EXPECT_NE(result->find("MaxAnswerMB"), std::string::npos) << *result;
    EXPECT_EQ(result->substr(result->find('#') + 1).find("unusable"), std::string::npos) << *result;
    EXPECT_EQ(sim.requests("absences").size(), 1u);
}
