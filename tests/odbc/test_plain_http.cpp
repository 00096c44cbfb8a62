// Server=http://... would send the token unencrypted: refused with 08001
// before any byte leaves the driver, except on 127.0.0.1 / localhost with
// AllowInsecureLocalhost=1 (for tests against a plain-HTTP simulator).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/sockets.hpp"

using namespace tb::test;

namespace {

// Accepts connections on 127.0.0.1 and counts every byte received.
class RecordingListener {
public:
    RecordingListener() {
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
        thread_ = std::thread([this] {
            while (!stop_) {
                pollfd p{fd_, POLLIN, 0};
                if (poll_sockets(&p, 1, 50) <= 0) continue;
                const socket_t client = ::accept(fd_, nullptr, nullptr);
                if (client == kNoSocket) continue;
                ++connections_;
                char buffer[4096];
                for (;;) {
                    pollfd c{client, POLLIN, 0};
                    if (poll_sockets(&c, 1, 500) <= 0) break;
                    const long n = receive(client, buffer, sizeof buffer);
                    if (n <= 0) break;
                    bytes_ += n;
                }
                close_socket(client);
            }
        });
    }
    ~RecordingListener() {
        stop_ = true;
        thread_.join();
        close_socket(fd_);
    }
    int port() const { return port_; }
    long bytes() const { return bytes_; }
    int connections() const { return connections_; }

private:
    socket_t fd_ = kNoSocket;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<long> bytes_{0};
    std::atomic<int> connections_{0};
    std::thread thread_;
};

std::string connection_string(const std::string& server, const std::string& extra = "") {
    return "Driver=" + driver_path() + ";Server=" + server + ";Token=" + kToken + ";Cache=memory;" + extra;
}

} // namespace

// Plain HTTP to a remote-looking or local server without the key: 08001
// naming https and the key; the listener never saw a connection.
TEST(PlainHttp, IsRefusedBeforeAnythingIsSent) {
    RecordingListener listener;
    for (const std::string host : {"127.0.0.1", "localhost", "LOCALHOST"}) {
        SCOPED_TRACE(host);
        OdbcConnection connection;
        const SQLRETURN rc =
            connection.connect(connection_string("http://" + host + ":" + std::to_string(listener.port())));
        ASSERT_EQ(rc, SQL_ERROR);
        const auto diags = connection.connect_diag();
        ASSERT_FALSE(diags.empty());
        EXPECT_EQ(diags[0].sqlstate, "08001");
        EXPECT_NE(diags[0].message.find("https://"), std::string::npos) << diags[0].message;
        EXPECT_NE(diags[0].message.find("AllowInsecureLocalhost"), std::string::npos) << diags[0].message;
        EXPECT_EQ(diags[0].message.find(kToken), std::string::npos);
    }
    // The scheme is case-insensitive.
    OdbcConnection upper;
    EXPECT_EQ(upper.connect(connection_string("HTTP://127.0.0.1:" + std::to_string(listener.port()))), SQL_ERROR);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(listener.connections(), 0);
    EXPECT_EQ(listener.bytes(), 0);
}

// The key allows only the loopback host: any other host (also one that
// merely starts with 127.0.0.1, or hides a host after user info) stays refused.
TEST(PlainHttp, TheKeyAllowsOnlyLocalhost) {
    RecordingListener listener;
    const std::string port = std::to_string(listener.port());
    for (const std::string server : {"http://example.invalid:" + port, "http://127.0.0.1.example.invalid:" + port,
                                     "http://localhost@example.invalid:" + port, "http://10.0.0.1:" + port}) {
        SCOPED_TRACE(server);
        OdbcConnection connection;
        ASSERT_EQ(connection.connect(connection_string(server, "AllowInsecureLocalhost=1")), SQL_ERROR);
        const auto diags = connection.connect_diag();
        ASSERT_FALSE(diags.empty());
        EXPECT_EQ(diags[0].sqlstate, "08001") << diags[0].message;
        EXPECT_NE(diags[0].message.find("AllowInsecureLocalhost"), std::string::npos) << diags[0].message;
    }
    EXPECT_EQ(listener.connections(), 0);
}

// With the key, a plain-HTTP simulator on 127.0.0.1 answers queries.
TEST(PlainHttp, AllowInsecureLocalhostConnectsToALocalPlainServer) {
    SimProcess sim({"--plain-http"});
    ASSERT_EQ(sim.server().rfind("http://", 0), 0u);
    OdbcConnection connection;
    const SQLRETURN rc = connection.connect(connection_string(sim.server(), "AllowInsecureLocalhost=1"));
    ASSERT_TRUE(SQL_SUCCEEDED(rc)) << (connection.connect_diag().empty() ? "" : connection.connect_diag()[0].message);
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM holidaysets").size(), 1u);
}
