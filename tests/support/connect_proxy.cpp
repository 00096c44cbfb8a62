#include "tests/support/connect_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace tb::test {

ConnectProxy::ConnectProxy() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
        throw std::runtime_error("the test proxy cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { serve(); });
}

ConnectProxy::~ConnectProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);   // wakes accept()
    acceptor_.join();
    ::close(listener_);
    for (auto& t : tunnels_) t.join();
}

std::vector<std::string> ConnectProxy::targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
}

void ConnectProxy::serve() {
    while (!stopping_) {
        int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) break;
        std::lock_guard lock(mutex_);
        tunnels_.emplace_back([this, client] { tunnel(client); });
    }
}

void ConnectProxy::tunnel(int client) {
    // The request head: "CONNECT host:port HTTP/1.1" and headers up to a blank line.
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192 && ::recv(client, &c, 1, 0) == 1)
        head += c;
    const auto space = head.find(' ');
    const auto end = head.find(' ', space + 1);
    if (head.rfind("CONNECT ", 0) != 0 || end == std::string::npos) {
        ::close(client);
        return;
    }
    const std::string target = head.substr(space + 1, end - space - 1);
    {
        std::lock_guard lock(mutex_);
        targets_.push_back(target);
    }
    const auto colon = target.rfind(':');
    int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::atoi(target.c_str() + colon + 1));
    ::inet_pton(AF_INET, target.substr(0, colon).c_str(), &address.sin_addr);
    if (colon == std::string::npos || ::connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        const char refused[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
        ::send(client, refused, sizeof refused - 1, MSG_NOSIGNAL);
        ::close(upstream);
        ::close(client);
        return;
    }
    const char established[] = "HTTP/1.1 200 Connection established\r\n\r\n";
    ::send(client, established, sizeof established - 1, MSG_NOSIGNAL);
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    char buffer[16384];
    // Pumps both ways until one side closes; 200 ms polls notice the stop.
    while (!stopping_) {
        if (::poll(fds, 2, 200) < 0) break;
        bool closed = false;
        for (int i = 0; i < 2 && !closed; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            if (n <= 0 || ::send(fds[1 - i].fd, buffer, size_t(n), MSG_NOSIGNAL) != n) closed = true;
        }
        if (closed) break;
    }
    ::close(upstream);
    ::close(client);
}

} // namespace tb::test
