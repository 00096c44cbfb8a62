// The few BSD socket calls the test helpers use (a CONNECT proxy, silent and
// recording listeners), the same on POSIX and on Windows (Winsock): one seam,
// so the helpers and the tests that hold a listener stay free of #ifdefs.
#pragma once

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

#include <stdexcept>

namespace tb::test {

#ifdef _WIN32
using socket_t = SOCKET;
constexpr socket_t kNoSocket = INVALID_SOCKET;
using socklen_type = int;
constexpr int kSendFlags = 0;         // Winsock raises no SIGPIPE
constexpr int kShutBoth = SD_BOTH;
inline void close_socket(socket_t s) { ::closesocket(s); }
inline int poll_sockets(pollfd* fds, unsigned count, int timeout_ms) { return ::WSAPoll(fds, count, timeout_ms); }
// Winsock needs WSAStartup once per process before the first socket.
inline void sockets_ready() {
    static const bool started = [] {
        WSADATA data;
        return WSAStartup(MAKEWORD(2, 2), &data) == 0;
    }();
    if (!started) throw std::runtime_error("WSAStartup failed");
}
#else
using socket_t = int;
constexpr socket_t kNoSocket = -1;
using socklen_type = socklen_t;
constexpr int kSendFlags = MSG_NOSIGNAL;
constexpr int kShutBoth = SHUT_RDWR;
inline void close_socket(socket_t s) { ::close(s); }
inline int poll_sockets(pollfd* fds, unsigned count, int timeout_ms) { return ::poll(fds, nfds_t(count), timeout_ms); }
inline void sockets_ready() {}
#endif

// Receives up to `size` bytes; <= 0 when the peer closed or on error.
inline long receive(socket_t s, char* buffer, std::size_t size) { return long(::recv(s, buffer, int(size), 0)); }
inline long send_all_once(socket_t s, const char* data, std::size_t size) {
    return long(::send(s, data, int(size), kSendFlags));
}

} // namespace tb::test
