#include "tests/support/sim_process.hpp"

// Starting and stopping the simulator as a child process (POSIX).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace tb::test {

// TB_TEST_DRIVER runs the tests against another build of the driver (an
// older commit, a sanitizer build) without rebuilding them.
std::string driver_path() {
    const char* other = std::getenv("TB_TEST_DRIVER");
    return other && *other ? other : TB_DRIVER_PATH;
}
std::string ca_file() { return TB_CERT_DIR "/sim-cert.pem"; }

std::string temp_cache_path() {
    char pattern[] = "/tmp/tb-cache-XXXXXX";
    int fd = mkstemp(pattern);
    if (fd >= 0) close(fd);
    std::remove(pattern);   // the driver creates it with mode 0600
    return pattern;
}

void remove_cache_file(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

SimProcess::SimProcess(std::vector<std::string> flags) {
    char pattern[] = "/tmp/tb-sim-log-XXXXXX";
    int fd = mkstemp(pattern);
    if (fd < 0) throw std::runtime_error("cannot create the request log");
    close(fd);
    log_path_ = pattern;

    for (const auto& f : flags) plain_http_ = plain_http_ || f == "--plain-http";
    std::vector<std::string> args = {TB_SIM_PATH, "--port", "0", "--request-log", log_path_,
                                     "--token", kToken, "--personnel-token", kPersonnelToken};
    if (!plain_http_)
        args.insert(args.end(), {"--cert", TB_CERT_DIR "/sim-cert.pem", "--key", TB_CERT_DIR "/sim-key.pem"});
    args.insert(args.end(), flags.begin(), flags.end());
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    handle_ = fork();
    if (handle_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    // The first line on stdout is the port.
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    port_ = std::atoi(line.c_str());
    if (port_ <= 0) {
        kill(pid_t(handle_), SIGKILL);
        waitpid(pid_t(handle_), nullptr, 0);
        throw std::runtime_error("the simulator did not start (first line: '" + line + "')");
    }
}

SimProcess::~SimProcess() {
    if (handle_ > 0) {
        kill(pid_t(handle_), SIGTERM);
        waitpid(pid_t(handle_), nullptr, 0);
    }
    std::remove(log_path_.c_str());
}

} // namespace tb::test
