// What the integration tests need from the operating system beyond ODBC:
// one seam, one file per platform (test_platform_posix.cpp for the Linux
// suite, test_platform_windows.cpp for the Windows DLL's suite under Wine),
// so a test reads the same on both and no test file carries #ifdefs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tb::test {

// A fresh empty folder the simulator can read too: under /tmp on Linux; on
// Windows under Z:\tmp, which is the Linux /tmp the simulator (a Linux
// process, tests/wine/sim_launcher.py) sees. SimProcess passes such paths on
// translated.
std::string make_temp_dir(const std::string& prefix);

void set_env(const std::string& name, const std::string& value);
void unset_env(const std::string& name);

// One statement run by another process through the driver manager: isql on
// Linux, tb_query.exe (tests/support/query_tool.cpp, beside the test program)
// on Windows. `ok` when it ran without an error; `output` holds the rows,
// columns separated by '|', and any error text.
struct OtherProcessResult {
    bool ok = false;
    std::string output;
};
OtherProcessResult query_in_another_process(const std::string& connection_string, const std::string& sql);

// "" when only the file's owner may read or write it (mode 0600 on POSIX; on
// Windows a protected DACL with one entry, the current user), else what is wrong.
std::string owner_only_problem(const std::string& path);

// A user data source for SQLConnect, removed again on destruction: a private
// odbc.ini named by ODBCINI (and ODBCSYSINI) on Linux; on Windows the
// registry, as the ODBC administrator writes it (HKCU\Software\ODBC\ODBC.INI).
class UserDsn {
public:
    UserDsn();
    UserDsn(const std::string& name, const std::vector<std::pair<std::string, std::string>>& keys) : UserDsn() {
        add(name, keys);
    }
    ~UserDsn();
    UserDsn(const UserDsn&) = delete;
    UserDsn& operator=(const UserDsn&) = delete;
    // A DSN; "Driver" may name the driver as driver_path() does.
    void add(const std::string& name, const std::vector<std::pair<std::string, std::string>>& keys);
    // A folder of its own the test may use for files (removed with the DSN).
    const std::string& dir() const { return dir_; }

private:
    std::string dir_;
    std::vector<std::string> names_;
};

// This test program run again as a child with a GoogleTest filter (disabled
// tests included) and extra environment; wait_for_child returns its exit code
// (-1 if it did not exit normally).
std::intptr_t start_this_program(const std::string& gtest_filter,
                                 const std::vector<std::pair<std::string, std::string>>& environment);
int wait_for_child(std::intptr_t child);

// The text `body` returns, or nullopt when it did not return within
// `seconds`: a hang guard, never a measurement. On Linux the body runs in a
// child process (killed on timeout; a crash is reported in the text); on
// Windows, which cannot fork, in a thread left behind on timeout.
std::optional<std::string> run_bounded(int seconds, const std::function<std::string()>& body);

// Appends one line to a file shared by processes, in one write that cannot
// interleave with another process's line (O_APPEND / FILE_APPEND_DATA).
void append_line(const std::string& path, const std::string& line);

} // namespace tb::test
