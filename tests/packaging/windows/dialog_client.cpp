// The DSN dialog test's client under Wine and Xvfb
// (tests/packaging/dialog_wine_test.sh). The main thread calls the installer
// API and the driver manager as ODBC Data Sources and Excel do; a robot thread
// waits for the driver's dialog, fills its fields by sending messages to the
// controls (driver/platform/setup_dialog_ids.h), clicks its buttons and
// reads what it shows. Prints one "name: value" line per finding.
//   dialog_client.exe SERVER TOKEN PERSONNEL_TOKEN CAFILE OUTDIR
//                     GOODTIME_SERVER GOODTIME_LOGIN GOODTIME_PASSWORD
// OUTDIR receives dialog-ready (Timebutler) and goodtime-ready (GoodTime)
// when the filled dialog shows its test result; the script then takes the
// screenshot and creates dialog-shot-done or goodtime-shot-done.
#include "tests/packaging/windows/odbc_client_common.hpp"   // windows.h first: odbcinst.h needs its types

#include <odbcinst.h>

#include <functional>
#include <thread>

#include "driver/platform/setup_dialog_ids.h"

using namespace tb::wine_test;

namespace {

std::wstring widen(const std::string& text) { return std::wstring(text.begin(), text.end()); }

std::string narrow(const std::wstring& text) {
    std::string out;
    for (wchar_t c : text) out += c < 128 ? char(c) : '?';
    return out;
}

HWND wait_for_dialog() {
    for (int i = 0; i < 600; ++i) {   // 60 s: a dialog that never shows fails the test, it does not hang it
        HWND dialog = FindWindowW(L"#32770", L"" TB_DSN_DIALOG_TITLE);
        if (dialog && IsWindowVisible(dialog)) return dialog;
        Sleep(100);
    }
    return nullptr;
}

void set_field(HWND dialog, int control, const std::string& text) {
    std::wstring wide = widen(text);
    SendMessageW(GetDlgItem(dialog, control), WM_SETTEXT, 0, reinterpret_cast<LPARAM>(wide.c_str()));
}

std::string field(HWND dialog, int control) {
    wchar_t text[1024] = {0};
    SendMessageW(GetDlgItem(dialog, control), WM_GETTEXT, 1024, reinterpret_cast<LPARAM>(text));
    return narrow(text);
}

// Test connection is sent (returns once the test is done); OK and Cancel are
// posted, as the dialog ends inside their handling.
void click(HWND dialog, int control, bool wait) {
    const WPARAM w = MAKEWPARAM(control, BN_CLICKED);
    const LPARAM l = reinterpret_cast<LPARAM>(GetDlgItem(dialog, control));
    if (wait) SendMessageW(dialog, WM_COMMAND, w, l);
    else PostMessageW(dialog, WM_COMMAND, w, l);
}

bool file_exists(const std::string& path) { return GetFileAttributesA(path.c_str()) != INVALID_FILE_ATTRIBUTES; }

bool visible(HWND dialog, int control) { return IsWindowVisible(GetDlgItem(dialog, control)); }

// Chooses an entry of the Source selector as a click would: CB_SETCURSEL
// alone does not notify the dialog.
void choose_source(HWND dialog, int index) {
    HWND combo = GetDlgItem(dialog, TB_IDC_SOURCE);
    SendMessageW(combo, CB_SETCURSEL, WPARAM(index), 0);
    SendMessageW(dialog, WM_COMMAND, MAKEWPARAM(TB_IDC_SOURCE, CBN_SELCHANGE), reinterpret_cast<LPARAM>(combo));
}

std::string selected_source(HWND dialog) {
    HWND combo = GetDlgItem(dialog, TB_IDC_SOURCE);
    const LRESULT index = SendMessageW(combo, CB_GETCURSEL, 0, 0);
    if (index < 0) return "none";
    wchar_t text[256] = {0};
    SendMessageW(combo, CB_GETLBTEXT, WPARAM(index), reinterpret_cast<LPARAM>(text));
    return narrow(text);
}

// The screenshot: the script takes it while the dialog shows its test
// result. OUTDIR\<name>-ready holds the dialog's place on the screen
// ("x y width height"); the script answers with <name>-shot-done.
void screenshot_handshake(HWND dialog, const std::string& out, const std::string& name, const char* what) {
    RECT rect{};
    GetWindowRect(dialog, &rect);
    const std::string ready = out + "\\" + name + "-ready", done = out + "\\" + name + "-shot-done";
    // Written under another name and renamed: the script never reads it half-written.
    if (FILE* file = std::fopen((ready + ".tmp").c_str(), "w")) {
        std::fprintf(file, "%ld %ld %ld %ld\n", rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top);
        std::fclose(file);
        MoveFileA((ready + ".tmp").c_str(), ready.c_str());
    }
    for (int i = 0; i < 600 && !file_exists(done); ++i) Sleep(100);
    report(what, file_exists(done) ? "done" : "timed out");
}

// Runs `robot` on the dialog that `call` (on this thread) opens.
template <class Call>
void with_robot(const char* what, const std::function<void(HWND)>& robot, Call&& call) {
    std::thread thread([&] {
        HWND dialog = wait_for_dialog();
        report(std::string(what) + " dialog", dialog ? "shown" : "not shown");
        if (dialog) robot(dialog);
    });
    call();
    thread.join();
}

std::string registry_value(HKEY root, const std::string& dsn, const char* name) {
    char value[4096] = {0};
    DWORD size = sizeof value;
    const std::string key = "Software\\ODBC\\ODBC.INI\\" + dsn;
    if (RegGetValueA(root, key.c_str(), name, RRF_RT_REG_SZ, nullptr, value, &size) != ERROR_SUCCESS) return "absent";
    return value;
}

bool key_exists(HKEY root, const std::string& dsn) {
    HKEY key;
    if (RegOpenKeyExA(root, ("Software\\ODBC\\ODBC.INI\\" + dsn).c_str(), 0, KEY_READ, &key) != ERROR_SUCCESS)
        return false;
    RegCloseKey(key);
    return true;
}

// Whether any value of the DSN's key holds `secret` in plain text.
std::string plain_anywhere(HKEY root, const std::string& dsn, const std::string& secret) {
    HKEY key;
    if (RegOpenKeyExA(root, ("Software\\ODBC\\ODBC.INI\\" + dsn).c_str(), 0, KEY_READ, &key) != ERROR_SUCCESS)
        return "no key";
    std::string found = "no";
    for (DWORD i = 0;; ++i) {
        char name[256], value[4096];
        DWORD name_size = sizeof name, value_size = sizeof value, type = 0;
        if (RegEnumValueA(key, i, name, &name_size, nullptr, &type, reinterpret_cast<BYTE*>(value), &value_size) !=
            ERROR_SUCCESS)
            break;
        if (type == REG_SZ && std::string(value, strnlen(value, value_size)).find(secret) != std::string::npos)
            found = std::string("yes, in ") + name;
    }
    RegCloseKey(key);
    return found;
}

// How a stored token looks, without printing it: protected, plain, or absent.
std::string token_form(const std::string& stored, const std::string& token) {
    if (stored == "absent") return "absent";
    if (stored.find(token) != std::string::npos) return "plain text";
    return stored.rfind("dpapi:", 0) == 0 ? "protected" : "other";
}

std::string installer_error() {
    DWORD code = 0;
    char message[512] = {0};
    WORD length = 0;
    SQLInstallerError(1, &code, message, sizeof message, &length);
    return std::to_string(code) + " " + message;
}

BOOL config(HWND window, WORD request, const std::string& attributes) {
    std::string list = attributes;
    for (char& c : list)
        if (c == '|') c = '\0';
    list += '\0';
    std::wstring wide = widen(list);
    return SQLConfigDataSourceW(window, request, L"Timebutler", wide.c_str());
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 9) {
        std::fprintf(stderr, "usage: dialog_client SERVER TOKEN PERSONNEL_TOKEN CAFILE OUTDIR "
                             "GOODTIME_SERVER GOODTIME_LOGIN GOODTIME_PASSWORD\n");
        return 2;
    }
    const std::string server = argv[1], token = argv[2], personnel = argv[3], ca = argv[4], out = argv[5];
    const std::string gt_server = argv[6], gt_login = argv[7], gt_password = argv[8];
    HWND parent = CreateWindowExW(0, L"STATIC", L"Timebutler dialog test", WS_OVERLAPPEDWINDOW | WS_VISIBLE, 0, 0,
                                  320, 200, nullptr, nullptr, GetModuleHandleW(nullptr), nullptr);
    if (!parent) {
        // Without a window every call below would take the silent path.
        report("parent window", "none (error " + std::to_string(GetLastError()) + "): no display?");
        return 1;
    }

    // 1. ODBC Data Sources > Add: the dialog, filled and tested, then saved.
    std::string probe;
    with_robot("add", [&](HWND dialog) {
        report("add dsn field", field(dialog, TB_IDC_DSN));
        set_field(dialog, TB_IDC_DESCRIPTION, "Made by the dialog test");
        set_field(dialog, TB_IDC_SERVER, server);
        set_field(dialog, TB_IDC_TOKEN, token);
        set_field(dialog, TB_IDC_PERSONNEL_TOKEN, personnel);
        set_field(dialog, TB_IDC_CACHE, "memory");
        set_field(dialog, TB_IDC_CACHE_TTL, "600");
        set_field(dialog, TB_IDC_DEFAULT_YEARS, "2");
        click(dialog, TB_IDC_TEST, true);
        probe = field(dialog, TB_IDC_TEST_RESULT);
        report("test connection", probe);
        report("add source", selected_source(dialog));
        report("add goodtime fields visible",
               visible(dialog, TB_IDC_UID) || visible(dialog, TB_IDC_PWD) ? "yes" : "no");
        screenshot_handshake(dialog, out, "dialog", "screenshot handshake");
        click(dialog, IDOK, false);
    }, [&] {
        BOOL ok = config(parent, ODBC_ADD_DSN, "DSN=TbDialog|CAFile=" + ca);
        report("add", ok ? "saved" : "failed " + installer_error());
    });
    report("user dsn token", token_form(registry_value(HKEY_CURRENT_USER, "TbDialog", "Token"), token));
    report("user dsn personnel token",
           token_form(registry_value(HKEY_CURRENT_USER, "TbDialog", "PersonnelToken"), personnel));
    report("user dsn server", registry_value(HKEY_CURRENT_USER, "TbDialog", "Server"));
    report("user dsn plain token anywhere", plain_anywhere(HKEY_CURRENT_USER, "TbDialog", token));
    report("user dsn in HKLM", key_exists(HKEY_LOCAL_MACHINE, "TbDialog") ? "yes" : "no");
    report("dsn users", count_users("DSN=TbDialog"));

    // 2. Configure: the stored values come back into the fields (the token
    //    unprotected, masked); one option changed.
    with_robot("configure", [&](HWND dialog) {
        report("configure server field", field(dialog, TB_IDC_SERVER));
        report("configure token field matches", field(dialog, TB_IDC_TOKEN) == token ? "yes" : "no");
        report("token field masked", SendMessageW(GetDlgItem(dialog, TB_IDC_TOKEN), EM_GETPASSWORDCHAR, 0, 0) ? "yes" : "no");
        set_field(dialog, TB_IDC_DEFAULT_YEARS, "3");
        click(dialog, IDOK, false);
    }, [&] {
        BOOL ok = config(parent, ODBC_CONFIG_DSN, "DSN=TbDialog");
        report("configure", ok ? "saved" : "failed " + installer_error());
    });
    report("configured default years", registry_value(HKEY_CURRENT_USER, "TbDialog", "DefaultYears"));
    report("configured token", token_form(registry_value(HKEY_CURRENT_USER, "TbDialog", "Token"), token));
    report("configured dsn users", count_users("DSN=TbDialog"));

    // 3. Excel's way: SQLDriverConnect with a window and a key missing.
    std::string completed;
    const std::string no_token = "Driver={Timebutler};Server=" + server + ";CAFile=" + ca + ";Cache=memory";
    std::string users;
    with_robot("complete", [&](HWND dialog) {
        report("complete dsn field enabled", IsWindowEnabled(GetDlgItem(dialog, TB_IDC_DSN)) ? "yes" : "no");
        set_field(dialog, TB_IDC_TOKEN, token);
        click(dialog, IDOK, false);
    }, [&] { users = count_users(no_token, parent, SQL_DRIVER_COMPLETE, &completed); });
    report("complete users", users);
    report("completed string has token", completed.find("Token=" + token) != std::string::npos ? "yes" : "no");

    // 4. PROMPT always shows it; Cancel is SQL_NO_DATA.
    with_robot("prompt", [&](HWND dialog) { click(dialog, IDCANCEL, false); },
               [&] { users = count_users(no_token + ";Token=" + token, parent, SQL_DRIVER_PROMPT); });
    report("prompt cancelled", users);

    // 5. Never UI without a window, nor with NOPROMPT (a dialog would hang here).
    report("noprompt with window", count_users(no_token, parent, SQL_DRIVER_NOPROMPT));
    report("complete without window", count_users(no_token, nullptr, SQL_DRIVER_COMPLETE));
    report("dsn token in completed string", [&] {
        std::string c;
        count_users("DSN=TbDialog", parent, SQL_DRIVER_COMPLETE, &c);
        return c.find(token) != std::string::npos ? "yes" : "no";
    }());

    // 6. A system DSN from a script (no window): silent, machine-protected.
    BOOL ok = config(nullptr, ODBC_ADD_SYS_DSN, "DSN=TbSystem|Server=" + server + "|Token=" + token +
                                                 "|CAFile=" + ca + "|Cache=memory");
    report("system add", ok ? "saved" : "failed " + installer_error());
    report("system dsn token", token_form(registry_value(HKEY_LOCAL_MACHINE, "TbSystem", "Token"), token));
    report("system dsn plain token anywhere", plain_anywhere(HKEY_LOCAL_MACHINE, "TbSystem", token));
    report("system dsn in HKCU", key_exists(HKEY_CURRENT_USER, "TbSystem") ? "yes" : "no");
    report("system dsn users", count_users("DSN=TbSystem"));

    // 7. A GoodTime DSN: Source chosen in the dialog, login email and API
    //    password typed, tested against the simulator's GoodTime profile,
    //    saved with the password protected, read back, and used.
    const std::string gt_count = "SELECT COUNT(*) FROM goodtime.users";
    with_robot("goodtime add", [&](HWND dialog) {
        choose_source(dialog, 1);
        report("goodtime source", selected_source(dialog));
        report("goodtime fields visible", visible(dialog, TB_IDC_UID) && visible(dialog, TB_IDC_PWD) ? "yes" : "no");
        report("goodtime token fields visible",
               visible(dialog, TB_IDC_TOKEN) || visible(dialog, TB_IDC_PERSONNEL_TOKEN) ? "yes" : "no");
        report("goodtime password field masked",
               SendMessageW(GetDlgItem(dialog, TB_IDC_PWD), EM_GETPASSWORDCHAR, 0, 0) ? "yes" : "no");
        set_field(dialog, TB_IDC_DESCRIPTION, "GoodTime, made by the dialog test");
        set_field(dialog, TB_IDC_SERVER, gt_server);
        set_field(dialog, TB_IDC_UID, gt_login);
        set_field(dialog, TB_IDC_PWD, gt_password);
        set_field(dialog, TB_IDC_CACHE, "memory");
        click(dialog, TB_IDC_TEST, true);
        report("goodtime test connection", field(dialog, TB_IDC_TEST_RESULT));
        screenshot_handshake(dialog, out, "goodtime", "goodtime screenshot handshake");
        click(dialog, IDOK, false);
    }, [&] {
        BOOL ok = config(parent, ODBC_ADD_DSN, "DSN=TbGoodTime|CAFile=" + ca);
        report("goodtime add", ok ? "saved" : "failed " + installer_error());
    });
    report("goodtime dsn source", registry_value(HKEY_CURRENT_USER, "TbGoodTime", "Source"));
    report("goodtime dsn uid", registry_value(HKEY_CURRENT_USER, "TbGoodTime", "UID"));
    report("goodtime dsn pwd", token_form(registry_value(HKEY_CURRENT_USER, "TbGoodTime", "PWD"), gt_password));
    report("goodtime dsn token", registry_value(HKEY_CURRENT_USER, "TbGoodTime", "Token"));
    report("goodtime dsn plain password anywhere", plain_anywhere(HKEY_CURRENT_USER, "TbGoodTime", gt_password));
    report("goodtime dsn users", count_rows(gt_count, "DSN=TbGoodTime"));

    // Configure: the DSN comes back as GoodTime with its login and password.
    with_robot("goodtime configure", [&](HWND dialog) {
        report("goodtime configure source", selected_source(dialog));
        report("goodtime configure uid field", field(dialog, TB_IDC_UID));
        report("goodtime configure password field matches", field(dialog, TB_IDC_PWD) == gt_password ? "yes" : "no");
        report("goodtime configure token fields visible",
               visible(dialog, TB_IDC_TOKEN) || visible(dialog, TB_IDC_PERSONNEL_TOKEN) ? "yes" : "no");
        click(dialog, IDOK, false);
    }, [&] {
        BOOL ok = config(parent, ODBC_CONFIG_DSN, "DSN=TbGoodTime");
        report("goodtime configure", ok ? "saved" : "failed " + installer_error());
    });
    report("goodtime configured pwd", token_form(registry_value(HKEY_CURRENT_USER, "TbGoodTime", "PWD"), gt_password));
    report("goodtime configured plain password anywhere",
           plain_anywhere(HKEY_CURRENT_USER, "TbGoodTime", gt_password));
    report("goodtime configured dsn users", count_rows(gt_count, "DSN=TbGoodTime"));

    // COMPLETE_REQUIRED without the login email: the dialog asks for it.
    const std::string gt_no_uid = "Driver={Timebutler};Source=goodtime;Server=" + gt_server + ";PWD={" + gt_password +
                                  "};CAFile=" + ca + ";Cache=memory";
    with_robot("goodtime complete", [&](HWND dialog) {
        report("goodtime complete source", selected_source(dialog));
        report("goodtime complete uid field visible", visible(dialog, TB_IDC_UID) ? "yes" : "no");
        set_field(dialog, TB_IDC_UID, gt_login);
        click(dialog, IDOK, false);
    }, [&] { users = count_rows(gt_count, gt_no_uid, parent, SQL_DRIVER_COMPLETE_REQUIRED); });
    report("goodtime complete users", users);

    // 8. Remove them all.
    report("goodtime remove",
           config(nullptr, ODBC_REMOVE_DSN, "DSN=TbGoodTime") ? "done" : "failed " + installer_error());
    report("goodtime dsn left", key_exists(HKEY_CURRENT_USER, "TbGoodTime") ? "yes" : "no");
    report("user remove", config(nullptr, ODBC_REMOVE_DSN, "DSN=TbDialog") ? "done" : "failed " + installer_error());
    report("system remove", config(nullptr, ODBC_REMOVE_SYS_DSN, "DSN=TbSystem") ? "done" : "failed " + installer_error());
    report("user dsn left", key_exists(HKEY_CURRENT_USER, "TbDialog") ? "yes" : "no");
    report("system dsn left", key_exists(HKEY_LOCAL_MACHINE, "TbSystem") ? "yes" : "no");
    DestroyWindow(parent);
    return 0;
}
