// Windows half of the DSN dialog seam (setup_dialog.hpp): a modal dialog from
// the DLL's resources (setup_dialog.rc). Text is UTF-16 in the controls and
// UTF-8 everywhere else.
#include "driver/platform/setup_dialog.hpp"

#include <windows.h>

#include <string>

#include "driver/platform/setup_dialog_ids.h"
#include "engine/error.hpp"

namespace tb::driver::platform {
namespace {

struct Field {
    int control;
    const char* key;
};
// Every field of the dialog and the connection key it edits.
constexpr Field kFields[] = {
    {TB_IDC_DSN, "DSN"},           {TB_IDC_DESCRIPTION, "Description"},
    {TB_IDC_SERVER, "Server"},     {TB_IDC_TOKEN, "Token"},
    {TB_IDC_PERSONNEL_TOKEN, "PersonnelToken"}, {TB_IDC_CACHE, "Cache"},
    {TB_IDC_CACHE_TTL, "CacheTTL"}, {TB_IDC_DEFAULT_YEARS, "DefaultYears"},
    {TB_IDC_PROXY, "Proxy"},
};

std::wstring widen(const std::string& utf8) {
    if (utf8.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), nullptr, 0);
    std::wstring out(std::size_t(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), int(utf8.size()), out.data(), n);
    return out;
}

std::string narrow(const std::wstring& wide) {
    if (wide.empty()) return {};
    int n = WideCharToMultiByte(CP_UTF8, 0, wide.data(), int(wide.size()), nullptr, 0, nullptr, nullptr);
    std::string out(std::size_t(n), '\0');
    WideCharToMultiByte(CP_UTF8, 0, wide.data(), int(wide.size()), out.data(), n, nullptr, nullptr);
    return out;
}

std::string control_text(HWND dialog, int control) {
    HWND item = GetDlgItem(dialog, control);
    std::wstring text(std::size_t(GetWindowTextLengthW(item)) + 1, L'\0');
    text.resize(std::size_t(GetWindowTextW(item, text.data(), int(text.size()))));
    return narrow(text);
}

struct State {
    Attributes* values;
    const DialogRequest* request;
};

// The values as the fields show them; keys the dialog does not show (CAFile,
// NoProxy, ...) are kept as given.
Attributes collect(HWND dialog, const Attributes& given) {
    Attributes out = given;
    for (const Field& field : kFields) set_attribute(out, field.key, control_text(dialog, field.control));
    return out;
}

void fill(HWND dialog, const State& state) {
    for (const Field& field : kFields) {
        const std::string* value = find_attribute(*state.values, field.key);
        SetDlgItemTextW(dialog, field.control, widen(value ? *value : std::string()).c_str());
    }
    HWND cache = GetDlgItem(dialog, TB_IDC_CACHE);
    for (const wchar_t* choice : {L"file", L"memory", L"off"})
        SendMessageW(cache, CB_ADDSTRING, 0, reinterpret_cast<LPARAM>(choice));
    if (!state.request->edit_dsn_name) {
        EnableWindow(GetDlgItem(dialog, TB_IDC_DSN), FALSE);
        EnableWindow(GetDlgItem(dialog, TB_IDC_DESCRIPTION), FALSE);
    }
}

INT_PTR CALLBACK dialog_proc(HWND dialog, UINT message, WPARAM wparam, LPARAM lparam) {
    auto* state = reinterpret_cast<State*>(GetWindowLongPtrW(dialog, DWLP_USER));
    switch (message) {
    case WM_INITDIALOG:
        SetWindowLongPtrW(dialog, DWLP_USER, lparam);
        fill(dialog, *reinterpret_cast<State*>(lparam));
        return TRUE;
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case TB_IDC_TEST: {
            // Synchronous and bounded by the probe's login timeout: the
            // dialog cannot be closed half-way through a test.
            SetDlgItemTextW(dialog, TB_IDC_TEST_RESULT, L"Connecting...");
            UpdateWindow(GetDlgItem(dialog, TB_IDC_TEST_RESULT));
            // 32514: IDC_WAIT, which windows.h defines as a narrow resource name.
            HCURSOR previous = SetCursor(LoadCursorW(nullptr, MAKEINTRESOURCEW(32514)));
            std::string result = state->request->test_connection
                                     ? state->request->test_connection(collect(dialog, *state->values))
                                     : std::string("No connection test is available here.");
            SetCursor(previous);
            SetDlgItemTextW(dialog, TB_IDC_TEST_RESULT, widen(result).c_str());
            return TRUE;
        }
        case IDOK:
            if (state->request->edit_dsn_name && control_text(dialog, TB_IDC_DSN).empty()) {
                MessageBoxW(dialog, L"Enter a name for the data source.", L"" TB_DSN_DIALOG_TITLE,
                            MB_OK | MB_ICONWARNING);
                SetFocus(GetDlgItem(dialog, TB_IDC_DSN));
                return TRUE;
            }
            *state->values = collect(dialog, *state->values);
            EndDialog(dialog, IDOK);
            return TRUE;
        case IDCANCEL:
            EndDialog(dialog, IDCANCEL);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

HMODULE this_module() {
    HMODULE module = nullptr;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       reinterpret_cast<LPCWSTR>(&dialog_proc), &module);
    return module;
}

} // namespace

bool setup_dialog_available() { return true; }

bool show_setup_dialog(void* parent, Attributes& values, const DialogRequest& request) {
    State state{&values, &request};
    INT_PTR result = DialogBoxParamW(this_module(), MAKEINTRESOURCEW(TB_IDD_DSN), static_cast<HWND>(parent),
                                     dialog_proc, reinterpret_cast<LPARAM>(&state));
    if (result == -1 || result == 0)
        throw engine::Error("HY000", "the DSN dialog could not be shown (Windows error " +
                                         std::to_string(GetLastError()) + ")");
    return result == IDOK;
}

void show_setup_message(void* parent, const std::string& text) {
    MessageBoxW(static_cast<HWND>(parent), widen(text).c_str(), L"" TB_DSN_DIALOG_TITLE, MB_OK | MB_ICONWARNING);
}

} // namespace tb::driver::platform
