// Runs a piece of a test in a child process with a hang guard: a wait the
// driver should bound but does not must fail the test, not hold ctest for
// minutes. The bound is generous (tens of seconds): a guard against a hang,
// never a measurement.
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace tb::test {

// The text `body` returns, or nullopt when it did not return within
// `seconds` (the child is then killed) or died (a crash is reported in the text).
inline std::optional<std::string> run_bounded(int seconds, const std::function<std::string()>& body) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return std::string("pipe failed");
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipe_fds[0]);
        std::string text;
        try {
            text = body();
        } catch (const std::exception& e) {
            text = std::string("exception: ") + e.what();
        }
        for (std::size_t off = 0; off < text.size();) {
            const ssize_t n = write(pipe_fds[1], text.data() + off, text.size() - off);
            if (n <= 0) break;
            off += std::size_t(n);
        }
        _exit(0);  // no static destructors or gtest teardown in the child
    }
    close(pipe_fds[1]);
    std::string text;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    bool finished = false;
    while (std::chrono::steady_clock::now() < until) {
        pollfd p{pipe_fds[0], POLLIN, 0};
        const int left = int(std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count());
        if (poll(&p, 1, left > 0 ? left : 0) <= 0) continue;
        char buffer[4096];
        const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
        if (n <= 0) {
            finished = true;
            break;
        }
        text.append(buffer, std::size_t(n));
    }
    close(pipe_fds[0]);
    if (!finished) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!finished) return std::nullopt;
    if (WIFSIGNALED(status)) return "the child died of signal " + std::to_string(WTERMSIG(status)) + " after: " + text;
    return text;
}

} // namespace tb::test
