#include "tests/support/test_platform.hpp"

// The Windows half of tests/support/test_platform.hpp, for the suite run
// against timebutlerodbc.dll under Wine (tests/wine/run.sh).
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <sql.h>
#include <odbcinst.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace tb::test {
namespace {

std::wstring widen(const std::string& utf8) {
    if (utf8.empty()) return {};
    const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), nullptr, 0);
    std::wstring out(std::size_t(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), out.data(), n);
    return out;
}

// One argument of a command line as the C runtime splits it again:
// quoted, with backslashes before a quote doubled and the quote escaped.
std::wstring quoted(const std::wstring& arg) {
    std::wstring out = L"\"";
    std::size_t backslashes = 0;
    for (wchar_t c : arg) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        if (c == L'"') out.append(backslashes * 2 + 1, L'\\');
        else out.append(backslashes, L'\\');
        backslashes = 0;
        out += c;
    }
    out.append(backslashes * 2, L'\\');
    return out + L"\"";
}

std::wstring this_program() {
    wchar_t path[MAX_PATH];
    const DWORD n = GetModuleFileNameW(nullptr, path, MAX_PATH);
    return std::wstring(path, n);
}

// Starts `command_line`; stdout and stderr go to `output_pipe` when given.
HANDLE start_process(std::wstring command_line, HANDLE output_pipe) {
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    if (output_pipe) {
        startup.dwFlags = STARTF_USESTDHANDLES;
        startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
        startup.hStdOutput = output_pipe;
        startup.hStdError = output_pipe;
    }
    PROCESS_INFORMATION process{};
    if (!CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, output_pipe != nullptr, 0, nullptr, nullptr,
                        &startup, &process))
        return nullptr;
    CloseHandle(process.hThread);
    return process.hProcess;
}

// The DLL registered for a driver name ("{Timebutler}"), as a DSN's Driver
// value names it: HKLM\Software\ODBC\ODBCINST.INI\<name>\Driver.
std::string registered_driver_file(const std::string& braced_name) {
    std::string name = braced_name;
    if (name.size() >= 2 && name.front() == '{' && name.back() == '}') name = name.substr(1, name.size() - 2);
    char value[MAX_PATH] = "";
    DWORD size = sizeof value;
    const std::string key = "Software\\ODBC\\ODBCINST.INI\\" + name;
    if (RegGetValueA(HKEY_LOCAL_MACHINE, key.c_str(), "Driver", RRF_RT_REG_SZ, nullptr, value, &size) != ERROR_SUCCESS)
        return braced_name;
    return value;
}

const char* const kUserDsnKey = "Software\\ODBC\\ODBC.INI";

} // namespace

std::string make_temp_dir(const std::string& prefix) {
    // Z:\tmp is Linux's /tmp (tests/wine/run.sh binds it into the Wine root).
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string path = "Z:\\tmp\\" + prefix + std::to_string(GetCurrentProcessId()) + "-" +
                                 std::to_string(GetTickCount64() % 100000) + "-" + std::to_string(counter++);
        if (CreateDirectoryA(path.c_str(), nullptr)) return path;
    }
    throw std::runtime_error("cannot create a folder under Z:\\tmp");
}

void set_env(const std::string& name, const std::string& value) {
    SetEnvironmentVariableA(name.c_str(), value.c_str());
    _putenv_s(name.c_str(), value.c_str());
}
void unset_env(const std::string& name) {
    SetEnvironmentVariableA(name.c_str(), nullptr);
    _putenv_s(name.c_str(), "");
}

OtherProcessResult query_in_another_process(const std::string& connection_string, const std::string& sql) {
    OtherProcessResult result;
    const std::filesystem::path tool = std::filesystem::path(this_program()).parent_path() / L"tb_query.exe";
    SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
    HANDLE read_end = nullptr, write_end = nullptr;
    if (!CreatePipe(&read_end, &write_end, &inherit, 0)) return result;
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    HANDLE process = start_process(quoted(tool.wstring()) + L" " + quoted(widen(connection_string)) + L" " +
                                       quoted(widen(sql)),
                                   write_end);
    CloseHandle(write_end);
    if (!process) {
        CloseHandle(read_end);
        result.output = "cannot start " + tool.string();
        return result;
    }
    char buffer[512];
    DWORD n = 0;
    while (ReadFile(read_end, buffer, sizeof buffer, &n, nullptr) && n > 0) result.output.append(buffer, n);
    CloseHandle(read_end);
    WaitForSingleObject(process, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    result.ok = code == 0;
    return result;
}

std::string owner_only_problem(const std::string& path) {
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    const std::wstring wide = widen(path);
    if (GetNamedSecurityInfoW(wide.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl,
                              nullptr, &descriptor) != ERROR_SUCCESS)
        return "cannot read the security descriptor of " + path;
    std::string problem;
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    GetSecurityDescriptorControl(descriptor, &control, &revision);
    LPSTR sddl = nullptr;
    std::string text;
    if (ConvertSecurityDescriptorToStringSecurityDescriptorA(descriptor, SDDL_REVISION_1, DACL_SECURITY_INFORMATION,
                                                             &sddl, nullptr)) {
        text = sddl;
        LocalFree(sddl);
    }
    // The current user's SID, to compare with the one entry.
    HANDLE token = nullptr;
    std::unique_ptr<unsigned char[]> user;
    if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
        DWORD size = 0;
        GetTokenInformation(token, TokenUser, nullptr, 0, &size);
        user = std::make_unique<unsigned char[]>(size);
        if (!GetTokenInformation(token, TokenUser, user.get(), size, &size)) user.reset();
        CloseHandle(token);
    }
    if (!dacl) problem = "no DACL (everyone has access)";
    else if (!(control & SE_DACL_PROTECTED)) problem = "the DACL inherits entries from the folder";
    else if (dacl->AceCount != 1) problem = std::to_string(dacl->AceCount) + " access entries, not 1";
    else {
        void* ace = nullptr;
        GetAce(dacl, 0, &ace);
        auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(ace);
        if (allowed->Header.AceType != ACCESS_ALLOWED_ACE_TYPE) problem = "the one entry does not allow";
        else if (!user || !EqualSid(&allowed->SidStart, reinterpret_cast<TOKEN_USER*>(user.get())->User.Sid))
            problem = "the one entry is not the current user";
    }
    LocalFree(descriptor);
    return problem.empty() ? "" : path + ": " + problem + " (" + text + ")";
}

UserDsn::UserDsn() { dir_ = make_temp_dir("tb-dsn-"); }

void UserDsn::add(const std::string& name, const std::vector<std::pair<std::string, std::string>>& keys) {
    // As the ODBC administrator writes a user DSN: its keys under
    // HKCU\Software\ODBC\ODBC.INI\<name> (Driver: the DLL's path) and its
    // name in "ODBC Data Sources".
    const std::string key = std::string(kUserDsnKey) + "\\" + name;
    HKEY dsn = nullptr;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, key.c_str(), 0, nullptr, 0, KEY_WRITE, nullptr, &dsn, nullptr) !=
        ERROR_SUCCESS)
        throw std::runtime_error("cannot create the user DSN " + name);
    std::string driver_name;
    for (const auto& [k, v] : keys) {
        const std::string value = k == "Driver" ? registered_driver_file(v) : v;
        if (k == "Driver") driver_name = v.size() >= 2 && v.front() == '{' ? v.substr(1, v.size() - 2) : v;
        RegSetValueExA(dsn, k.c_str(), 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()), DWORD(value.size() + 1));
    }
    RegCloseKey(dsn);
    const std::string sources = std::string(kUserDsnKey) + "\\ODBC Data Sources";
    HKEY list = nullptr;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, sources.c_str(), 0, nullptr, 0, KEY_WRITE, nullptr, &list, nullptr) ==
        ERROR_SUCCESS) {
        RegSetValueExA(list, name.c_str(), 0, REG_SZ, reinterpret_cast<const BYTE*>(driver_name.c_str()),
                       DWORD(driver_name.size() + 1));
        RegCloseKey(list);
    }
    names_.push_back(name);
}

UserDsn::~UserDsn() {
    for (const auto& name : names_) {
        RegDeleteTreeA(HKEY_CURRENT_USER, (std::string(kUserDsnKey) + "\\" + name).c_str());
        HKEY list = nullptr;
        if (RegOpenKeyExA(HKEY_CURRENT_USER, (std::string(kUserDsnKey) + "\\ODBC Data Sources").c_str(), 0,
                          KEY_WRITE, &list) == ERROR_SUCCESS) {
            RegDeleteValueA(list, name.c_str());
            RegCloseKey(list);
        }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::intptr_t start_this_program(const std::string& gtest_filter,
                                 const std::vector<std::pair<std::string, std::string>>& environment) {
    // The child inherits this process's environment: set, start, restore.
    for (const auto& [name, value] : environment) SetEnvironmentVariableA(name.c_str(), value.c_str());
    HANDLE process = start_process(quoted(this_program()) + L" --gtest_also_run_disabled_tests " +
                                       quoted(L"--gtest_filter=" + widen(gtest_filter)),
                                   nullptr);
    for (const auto& entry : environment) SetEnvironmentVariableA(entry.first.c_str(), nullptr);
    return process ? std::intptr_t(process) : -1;
}

int wait_for_child(std::intptr_t child) {
    if (child == -1) return -1;
    HANDLE process = HANDLE(child);
    WaitForSingleObject(process, INFINITE);
    DWORD code = DWORD(-1);
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    return int(code);
}

std::optional<std::string> run_bounded(int seconds, const std::function<std::string()>& body) {
    // No fork on Windows: the body runs on a thread. On timeout the thread is
    // left behind (detached, its state kept alive by the shared pointer) and
    // the test fails; a crash ends the whole test program, which fails too.
    struct State {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        std::string text;
    };
    auto state = std::make_shared<State>();
    std::thread([state, body] {
        std::string text;
        try {
            text = body();
        } catch (const std::exception& e) {
            text = std::string("exception: ") + e.what();
        }
        std::lock_guard lock(state->mutex);
        state->text = std::move(text);
        state->finished = true;
        state->done.notify_all();
    }).detach();
    std::unique_lock lock(state->mutex);
    if (!state->done.wait_for(lock, std::chrono::seconds(seconds), [&] { return state->finished; }))
        return std::nullopt;
    return state->text;
}

} // namespace tb::test

namespace tb::test {

void append_line(const std::string& path, const std::string& line) {
    HANDLE file = CreateFileW(widen(path).c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                              OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) return;
    const std::string text = line + "\n";
    DWORD written = 0;
    WriteFile(file, text.data(), DWORD(text.size()), &written, nullptr);
    CloseHandle(file);
}

} // namespace tb::test
