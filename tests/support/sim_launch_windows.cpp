#include "tests/support/sim_process.hpp"

// Starting the simulator from a test running under Wine. A Windows process
// cannot fork/exec the Linux simulator, so tests/wine/sim_launcher.py (a Linux
// process started by tests/wine/run.sh) does it: the test connects to it on
// 127.0.0.1:$TB_SIM_LAUNCHER_PORT, sends the simulator's flags as one line
// (tab-separated), reads back "port<TAB>request-log-path", and keeps the
// socket open; the launcher stops the simulator when the socket closes.
#include <windows.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "tests/support/sockets.hpp"

namespace tb::test {
namespace {

// A Linux path as Wine's Z: drive shows it.
std::string wine_path(const std::string& unix_path) {
    std::string out = "Z:" + unix_path;
    for (char& c : out)
        if (c == '/') c = '\\';
    return out;
}

// A Wine Z: path as Linux sees it (the simulator's --fixture folder made
// by make_temp_dir); other flags pass unchanged.
std::string unix_path(const std::string& flag) {
    if (flag.size() < 3 || (flag[0] != 'Z' && flag[0] != 'z') || flag[1] != ':' || flag[2] != '\\') return flag;
    std::string out = flag.substr(2);
    for (char& c : out)
        if (c == '\\') c = '/';
    return out;
}

std::string env(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

} // namespace

// The driver as registered in Wine's registry by tests/wine/run.sh: Windows'
// driver manager loads drivers by name, not by path.
std::string driver_path() { return "{" + env("TB_WINE_DRIVER_NAME", "Timebutler ODBC Driver") + "}"; }
std::string ca_file() { return wine_path(TB_CERT_DIR "/sim-cert.pem"); }

std::string temp_cache_path() {
    char dir[MAX_PATH], name[MAX_PATH];
    GetTempPathA(MAX_PATH, dir);
    GetTempFileNameA(dir, "tbc", 0, name);
    DeleteFileA(name);   // the driver creates it, owner-only
    return name;
}

void remove_cache_file(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

SimProcess::SimProcess(std::vector<std::string> flags) {
    sockets_ready();
    for (const auto& f : flags) plain_http_ = plain_http_ || f == "--plain-http";
    const int launcher_port = std::atoi(env("TB_SIM_LAUNCHER_PORT", "0").c_str());
    if (launcher_port <= 0) throw std::runtime_error("TB_SIM_LAUNCHER_PORT is not set (run through tests/wine/run.sh)");
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(u_short(launcher_port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s == INVALID_SOCKET || connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (s != INVALID_SOCKET) closesocket(s);
        throw std::runtime_error("cannot reach the simulator launcher on port " + std::to_string(launcher_port));
    }
    std::string line;
    for (auto& f : flags) line += (line.empty() ? "" : "\t") + unix_path(f);
    line += "\n";
    send(s, line.data(), int(line.size()), 0);
    std::string answer;
    char c;
    while (recv(s, &c, 1, 0) == 1 && c != '\n') answer += c;
    const auto tab = answer.find('\t');
    port_ = std::atoi(answer.c_str());
    if (port_ <= 0 || tab == std::string::npos) {
        closesocket(s);
        throw std::runtime_error("the simulator did not start (launcher said: '" + answer + "')");
    }
    log_path_ = wine_path(answer.substr(tab + 1));
    handle_ = std::intptr_t(s);
}

SimProcess::~SimProcess() {
    if (handle_ != -1) closesocket(SOCKET(handle_));   // the launcher stops the simulator and removes the log
}

} // namespace tb::test
