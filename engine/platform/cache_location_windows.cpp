#include "engine/platform/cache_location.hpp"

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>
#include <shlobj.h>

#include <filesystem>
#include <memory>

#include "engine/error.hpp"

namespace tb::engine::platform {
namespace {

std::wstring widen(std::string_view utf8) {
    if (utf8.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), nullptr, 0);
    std::wstring out(n, L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), out.data(), n);
    return out;
}

std::string narrow(std::wstring_view wide) {
    if (wide.empty()) return {};
    int n = WideCharToMultiByte(CP_UTF8, 0, wide.data(), int(wide.size()), nullptr, 0, nullptr, nullptr);
    std::string out(n, '\0');
    WideCharToMultiByte(CP_UTF8, 0, wide.data(), int(wide.size()), out.data(), n, nullptr, nullptr);
    return out;
}

// The signed-in user's SID as text (S-1-5-21-...).
std::wstring current_user_sid() {
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return {};
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    auto buffer = std::make_unique<unsigned char[]>(size);
    std::wstring text;
    if (GetTokenInformation(token, TokenUser, buffer.get(), size, &size)) {
        LPWSTR sid = nullptr;
        if (ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buffer.get())->User.Sid, &sid)) {
            text = sid;
            LocalFree(sid);
        }
    }
    CloseHandle(token);
    return text;
}

// Replaces the object's DACL by one that grants the current user full
// control and nobody else anything, and stops inheriting from the parent
// (P). OI/CI: files SQLite creates beside the database (-wal, -shm, the
// journal) inherit the same single entry from the folder.
void restrict_to_owner(const std::wstring& path, bool folder) {
    const std::wstring sid = current_user_sid();
    if (sid.empty()) return;
    const std::wstring sddl = std::wstring(L"D:P(A;") + (folder ? L"OICI" : L"") + L";FA;;;" + sid + L")";
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &descriptor, nullptr))
        return;
    BOOL present = FALSE, defaulted = FALSE;
    PACL dacl = nullptr;
    if (GetSecurityDescriptorDacl(descriptor, &present, &dacl, &defaulted) && present)
        SetNamedSecurityInfoW(const_cast<LPWSTR>(path.c_str()), SE_FILE_OBJECT,
                              DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, nullptr, nullptr,
                              dacl, nullptr);
    LocalFree(descriptor);
}

std::filesystem::path local_app_data() {
    PWSTR folder = nullptr;
    std::filesystem::path path;
    if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_LocalAppData, 0, nullptr, &folder))) path = folder;
    CoTaskMemFree(folder);
    if (path.empty()) {
        if (const wchar_t* env = _wgetenv(L"LOCALAPPDATA"); env && *env) path = env;
        else throw Error("HY000", "cannot find the local application data folder (%LOCALAPPDATA%) for the cache; "
                                  "set Cache=memory in the connection string to work without a cache file");
    }
    return path;
}

} // namespace

std::string cache_file_path(std::string_view file_name) {
    const std::filesystem::path dir = local_app_data() / L"Timebutler" / L"cache";
    if (!std::filesystem::exists(dir)) {
        std::filesystem::create_directories(dir);
        restrict_to_owner(dir.wstring(), true);
    }
    return narrow((dir / widen(file_name)).wstring());
}

void make_owner_only(const std::string& utf8_path) {
    const std::wstring path = widen(utf8_path);
    HANDLE file = CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                              OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file != INVALID_HANDLE_VALUE) CloseHandle(file);
    restrict_to_owner(path, false);
}

} // namespace tb::engine::platform
