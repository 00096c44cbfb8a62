// A small HTTP CONNECT proxy on 127.0.0.1 for the proxy tests: it tunnels
// each CONNECT to its target and logs the target ("127.0.0.1:PORT"), so a
// test can see that the driver went through it.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/sockets.hpp"

namespace tb::test {

class ConnectProxy {
public:
    ConnectProxy();    // listens on a free port at once
    ~ConnectProxy();
    ConnectProxy(const ConnectProxy&) = delete;
    ConnectProxy& operator=(const ConnectProxy&) = delete;

    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    // The CONNECT targets seen so far, in order.
    std::vector<std::string> targets() const;

private:
    void serve();
    void tunnel(socket_t client);

    socket_t listener_ = kNoSocket;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::vector<std::string> targets_;
    std::vector<std::thread> tunnels_;
    std::thread acceptor_;
};

} // namespace tb::test
