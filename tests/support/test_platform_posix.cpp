#include "tests/support/test_platform.hpp"

// The Linux half of tests/support/test_platform.hpp.
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tb::test {

std::string make_temp_dir(const std::string& prefix) {
    std::string pattern = "/tmp/" + prefix + "XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder under /tmp");
    return pattern;
}

void set_env(const std::string& name, const std::string& value) { ::setenv(name.c_str(), value.c_str(), 1); }
void unset_env(const std::string& name) { ::unsetenv(name.c_str()); }

OtherProcessResult query_in_another_process(const std::string& connection_string, const std::string& sql) {
    const std::string command = "echo \"" + sql + "\" | isql -k '" + connection_string + "' -b -d'|' 2>&1";
    OtherProcessResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
    const int status = pclose(pipe);
    result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && result.output.find("[ISQL]ERROR") == std::string::npos;
    return result;
}

std::string owner_only_problem(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return "cannot stat " + path;
    if ((st.st_mode & 0777) == 0600) return "";
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 0777));
    return path + " has mode " + mode + ", not 0600";
}

UserDsn::UserDsn() {
    dir_ = make_temp_dir("tb-dsn-");
    // An empty odbcinst.ini beside it: the machine's driver list stays out.
    std::ofstream(dir_ + "/odbcinst.ini") << "";
    set_env("ODBCSYSINI", dir_);
    set_env("ODBCINI", dir_ + "/odbc.ini");
}

void UserDsn::add(const std::string& name, const std::vector<std::pair<std::string, std::string>>& keys) {
    std::ofstream out(dir_ + "/odbc.ini", std::ios::app);
    out << "[" << name << "]\n";
    for (const auto& [k, v] : keys) out << k << " = " << v << "\n";
    out << "\n";
    names_.push_back(name);
}

UserDsn::~UserDsn() {
    unset_env("ODBCINI");
    unset_env("ODBCSYSINI");
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::intptr_t start_this_program(const std::string& gtest_filter,
                                 const std::vector<std::pair<std::string, std::string>>& environment) {
    const pid_t pid = fork();
    if (pid == 0) {
        for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
        const std::string filter = "--gtest_filter=" + gtest_filter;
        execl("/proc/self/exe", "tb-test-child", "--gtest_also_run_disabled_tests", filter.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

int wait_for_child(std::intptr_t child) {
    if (child <= 0) return -1;
    int status = 0;
    waitpid(pid_t(child), &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<std::string> run_bounded(int seconds, const std::function<std::string()>& body) {
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
        const int left =
            int(std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count());
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

namespace tb::test {

void append_line(const std::string& path, const std::string& line) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0600);
    const std::string text = line + "\n";
    if (fd >= 0) {
        (void)!::write(fd, text.data(), text.size());
        ::close(fd);
    }
}

} // namespace tb::test
