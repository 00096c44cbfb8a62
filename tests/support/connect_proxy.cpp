#include "tests/support/connect_proxy.hpp"

#include <cstdlib>
#include <stdexcept>

namespace tb::test {

ConnectProxy::ConnectProxy() {
    sockets_ready();
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_type size = sizeof address;
    if (listener_ == kNoSocket || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
        throw std::runtime_error("the test proxy cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { serve(); });
}

ConnectProxy::~ConnectProxy() {
    stopping_ = true;
    ::shutdown(listener_, kShutBoth);   // wakes accept() on Linux
    close_socket(listener_);           // and on Windows
    acceptor_.join();
    for (auto& t : tunnels_) t.join();
}

std::vector<std::string> ConnectProxy::targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
}

void ConnectProxy::serve() {
    while (!stopping_) {
        socket_t client = ::accept(listener_, nullptr, nullptr);
        if (client == kNoSocket) break;
        std::lock_guard lock(mutex_);
        tunnels_.emplace_back([this, client] { tunnel(client); });
    }
}

void ConnectProxy::tunnel(socket_t client) {
    // The request head: "CONNECT host:port HTTP/1.1" and headers up to a blank line.
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192 && receive(client, &c, 1) == 1)
        head += c;
    const auto space = head.find(' ');
    const auto end = head.find(' ', space + 1);
    if (head.rfind("CONNECT ", 0) != 0 || end == std::string::npos) {
        close_socket(client);
        return;
    }
    const std::string target = head.substr(space + 1, end - space - 1);
    {
        std::lock_guard lock(mutex_);
        targets_.push_back(target);
    }
    const auto colon = target.rfind(':');
    socket_t upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::atoi(target.c_str() + colon + 1));
    ::inet_pton(AF_INET, target.substr(0, colon).c_str(), &address.sin_addr);
    if (colon == std::string::npos || ::connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        const char refused[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
        send_all_once(client, refused, sizeof refused - 1);
        close_socket(upstream);
        close_socket(client);
        return;
    }
    const char established[] = "HTTP/1.1 200 Connection established\r\n\r\n";
    send_all_once(client, established, sizeof established - 1);
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    char buffer[16384];
    // Pumps both ways until one side closes; 200 ms polls notice the stop.
    while (!stopping_) {
        if (poll_sockets(fds, 2, 200) < 0) break;
        bool closed = false;
        for (int i = 0; i < 2 && !closed; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const long n = receive(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0 || send_all_once(fds[1 - i].fd, buffer, std::size_t(n)) != n) closed = true;
        }
        if (closed) break;
    }
    close_socket(upstream);
    close_socket(client);
}

} // namespace tb::test
