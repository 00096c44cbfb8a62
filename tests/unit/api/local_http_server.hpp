// A tiny plain-HTTP/1.1 server on 127.0.0.1 for the client tests: POSIX
// sockets only, one thread per connection, keep-alive, Content-Length
// bodies. Each request goes to a handler that decides how to misbehave.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tb::test {

struct ReceivedRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    int connection = 0;  // 1-based number of the accepted connection
};

struct Reply {
    enum class Kind {
        Respond,          // a normal answer
        CloseSilently,    // close after reading the request, answer nothing
        Truncate,         // announce the body, send part of it, close
        Hang,             // read the request, never answer (until stopped)
    };
    Kind kind = Kind::Respond;
    int status = 200;
    std::string body;
    std::string content_type = "text/csv;charset=UTF-8";
    std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
    int delay_ms = 0;      // before answering
};

class LocalHttpServer {
public:
    using Handler = std::function<Reply(const ReceivedRequest&)>;

    explicit LocalHttpServer(Handler handler) : handler_(std::move(handler)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(listener_, 64);
        socklen_t len = sizeof addr;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~LocalHttpServer() { stop(); }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                return;
            stopping_ = true;
            for (int fd : open_)
                ::shutdown(fd, SHUT_RDWR);
        }
        wake_.notify_all();
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        acceptor_.join();
        for (auto& t : workers_)
            t.join();
    }

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    std::vector<ReceivedRequest> requests() const {
        std::lock_guard lock(mutex_);
        return received_;
    }
    int connections() const { return accepted_.load(); }
    int max_in_flight() const { return max_in_flight_.load(); }

private:
    void accept_loop() {
        for (;;) {
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0)
                return;
            std::lock_guard lock(mutex_);
            if (stopping_) {
                ::close(fd);
                return;
            }
            open_.push_back(fd);
            const int number = ++accepted_;
            workers_.emplace_back([this, fd, number] { serve(fd, number); });
        }
    }

    static bool read_more(int fd, std::string& buffer) {
        char chunk[65536];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    static void send_all(int fd, const std::string& data) {
        std::size_t sent = 0;
        while (sent < data.size()) {
            const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            sent += static_cast<std::size_t>(n);
        }
    }

    void serve(int fd, int number) {
        std::string buffer;
        for (;;) {
            std::size_t head_end;
            while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos)
                if (!read_more(fd, buffer))
                    return finish(fd);
            ReceivedRequest request;
            request.connection = number;
            const std::string head = buffer.substr(0, head_end);
            buffer.erase(0, head_end + 4);
            std::size_t line_end = head.find("\r\n");
            const std::string first = head.substr(0, line_end);
            request.method = first.substr(0, first.find(' '));
            request.path = first.substr(first.find(' ') + 1);
            request.path = request.path.substr(0, request.path.find(' '));
            while (line_end != std::string::npos) {
                const std::size_t next = head.find("\r\n", line_end + 2);
                const std::string line = head.substr(line_end + 2, next - line_end - 2);
                const std::size_t colon = line.find(':');
                if (colon != std::string::npos) {
                    std::string name = line.substr(0, colon);
                    for (char& c : name)
                        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    std::string value = line.substr(colon + 1);
                    value.erase(0, value.find_first_not_of(' '));
                    request.headers[name] = value;
                }
                line_end = next;
            }
            const auto length_it = request.headers.find("content-length");
            const std::size_t length = length_it == request.headers.end() ? 0 : std::stoul(length_it->second);
            while (buffer.size() < length)
                if (!read_more(fd, buffer))
                    return finish(fd);
            request.body = buffer.substr(0, length);
            buffer.erase(0, length);
            {
                std::lock_guard lock(mutex_);
                received_.push_back(request);
            }
            const int now = ++in_flight_;
            for (int seen = max_in_flight_.load(); now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
            }
            Reply reply = handler_(request);
            if (reply.delay_ms > 0 || reply.kind == Reply::Kind::Hang) {
                std::unique_lock lock(mutex_);
                if (reply.kind == Reply::Kind::Hang)
                    wake_.wait(lock, [this] { return stopping_; });
                else
                    wake_.wait_for(lock, std::chrono::milliseconds(reply.delay_ms), [this] { return stopping_; });
            }
            --in_flight_;
            if (reply.kind == Reply::Kind::CloseSilently || reply.kind == Reply::Kind::Hang)
                return finish(fd);
            std::string head_out = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\n";
            head_out += "Content-Type: " + reply.content_type + "\r\n";
            for (const auto& [name, value] : reply.headers)
                head_out += name + ": " + value + "\r\n";
            if (reply.kind == Reply::Kind::Truncate) {
                head_out += "Content-Length: " + std::to_string(reply.body.size() + 1000) + "\r\n\r\n";
                send_all(fd, head_out + reply.body);
                return finish(fd);
            }
            head_out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n";
            send_all(fd, head_out + reply.body);
        }
    }

    void finish(int fd) {
        std::lock_guard lock(mutex_);
        ::close(fd);
        std::erase(open_, fd);
    }

    Handler handler_;
    int listener_ = -1;
    int port_ = 0;
    std::thread acceptor_;
    std::vector<std::thread> workers_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::vector<int> open_;
    std::vector<ReceivedRequest> received_;
    std::atomic<int> accepted_{0};
    std::atomic<int> in_flight_{0};
    std::atomic<int> max_in_flight_{0};
};

// A port on 127.0.0.1 where nothing listens (bound once, then released).
inline int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

} // namespace tb::test
