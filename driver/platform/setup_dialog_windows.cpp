// Windows half of the DSN dialog seam (setup_dialog.hpp): a modal dialog from
// the DLL's resources (setup_dialog.rc). Text is UTF-16 in the controls and
// UTF-8 everywhere else.
#include "driver/platform/setup_dialog.hpp"

#include <windows.h>

#include <initializer_list>
#include <iterator>
#include <string>

#include "driver/platform/setup_dialog_ids.h"
#include "engine/ascii.hpp"
#include "engine/error.hpp"

namespace tb::driver::platform {
namespace {

struct Field {
    int control;
    const char* key;
};
// The fields every source shows and the connection key each edits.
constexpr Field kFields[] = {
    {TB_IDC_DSN, "DSN"},           {TB_IDC_DESCRIPTION, "Description"},
    {TB_IDC_SERVER, "Server"},     {TB_IDC_CACHE, "Cache"},
    {TB_IDC_CACHE_TTL, "CacheTTL"}, {TB_IDC_DEFAULT_YEARS, "DefaultYears"},
    {TB_IDC_PROXY, "Proxy"},
};

// The Source selector's entries, in its order: what it shows, what the
// Source key holds. An unrecognised stored value follows them as a third
// entry, kept as it is (the driver names the valid ones at connect).
struct SourceChoice {
    const wchar_t* label;
    const char* value;
};
constexpr SourceChoice kSources[] = {{L"Timebutler", "timebutler"}, {L"GoodTime", "goodtime"}};
constexpr LRESULT kGoodTime = 1;

// Timebutler's fields (with their labels) and GoodTime's share the
// account's rows: those of the source not selected are hidden.
constexpr int kTimebutlerControls[] = {TB_IDC_TOKEN, TB_IDC_TOKEN_LABEL, TB_IDC_PERSONNEL_TOKEN,
                                       TB_IDC_PERSONNEL_TOKEN_LABEL};
constexpr int kGoodTimeControls[] = {TB_IDC_UID, TB_IDC_UID_LABEL, TB_IDC_PWD, TB_IDC_PWD_LABEL};

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

// The first non-empty value of `keys`, in make_config's order of aliases.
std::string first_of(const Attributes& values, std::initializer_list<const char*> keys) {
    for (const char* key : keys)
        if (const std::string* v = find_attribute(values, key); v && !v->empty()) return *v;
    return {};
}

bool goodtime_selected(HWND dialog) {
    return SendDlgItemMessageW(dialog, TB_IDC_SOURCE, CB_GETCURSEL, 0, 0) == kGoodTime;
}

// The Source key's value for the selected entry.
std::string selected_source(HWND dialog) {
    const LRESULT index = SendDlgItemMessageW(dialog, TB_IDC_SOURCE, CB_GETCURSEL, 0, 0);
    if (index >= 0 && index < LRESULT(std::size(kSources))) return kSources[index].value;
    const LRESULT length = SendDlgItemMessageW(dialog, TB_IDC_SOURCE, CB_GETLBTEXTLEN, WPARAM(index), 0);
    if (index < 0 || length <= 0) return {};
    std::wstring text(std::size_t(length) + 1, L'\0');
    SendDlgItemMessageW(dialog, TB_IDC_SOURCE, CB_GETLBTEXT, WPARAM(index), reinterpret_cast<LPARAM>(text.data()));
    text.resize(std::size_t(length));
    return narrow(text);
}

void show_source_fields(HWND dialog) {
    const bool goodtime = goodtime_selected(dialog);
    for (int control : kTimebutlerControls) ShowWindow(GetDlgItem(dialog, control), goodtime ? SW_HIDE : SW_SHOW);
    for (int control : kGoodTimeControls) ShowWindow(GetDlgItem(dialog, control), goodtime ? SW_SHOW : SW_HIDE);
}

// The values as the fields show them; keys the dialog does not show (CAFile,
// NoProxy, ...) are kept as given. The secret and login are written under
// the keys the selected source reads, and the other source's (or an alias
// that make_config would prefer, such as a Token left beside a GoodTime
// password) are emptied, which removes them from a saved DSN.
Attributes collect(HWND dialog, const Attributes& given) {
    Attributes out = given;
    for (const Field& field : kFields) set_attribute(out, field.key, control_text(dialog, field.control));
    const auto clear = [&](const char* key) {
        if (find_attribute(out, key)) set_attribute(out, key, "");
    };
    const bool goodtime = goodtime_selected(dialog);
    // Timebutler is the default: a DSN without Source keeps none.
    if (goodtime || find_attribute(out, "Source")) set_attribute(out, "Source", selected_source(dialog));
    if (goodtime) {
        set_attribute(out, "UID", control_text(dialog, TB_IDC_UID));
        set_attribute(out, "PWD", control_text(dialog, TB_IDC_PWD));
        for (const char* key : {"User", "Password", "Token", "PersonnelToken"}) clear(key);
    } else {
        set_attribute(out, "Token", control_text(dialog, TB_IDC_TOKEN));
        set_attribute(out, "PersonnelToken", control_text(dialog, TB_IDC_PERSONNEL_TOKEN));
        for (const char* key : {"PWD", "Password"}) clear(key);
    }
    return out;
}

void fill(HWND dialog, const State& state) {
    const Attributes& values = *state.values;
    for (const Field& field : kFields) {
        const std::string* value = find_attribute(values, field.key);
        SetDlgItemTextW(dialog, field.control, widen(value ? *value : std::string()).c_str());
    }
    HWND cache = GetDlgItem(dialog, TB_IDC_CACHE);
    for (const wchar_t* choice : {L"file", L"memory", L"off"})
        SendMessageW(cache, CB_ADDSTRING, 0, reinterpret_cast<LPARAM>(choice));

    HWND source = GetDlgItem(dialog, TB_IDC_SOURCE);
    for (const SourceChoice& choice : kSources)
        SendMessageW(source, CB_ADDSTRING, 0, reinterpret_cast<LPARAM>(choice.label));
    const std::string stored(engine::ascii::trim(first_of(values, {"Source"})));
    LRESULT selected = 0;   // none stored: Timebutler, the driver's default
    if (!stored.empty()) {
        selected = -1;
        for (std::size_t i = 0; i < std::size(kSources); ++i)
            if (engine::ascii::iequals(stored, kSources[i].value)) selected = LRESULT(i);
        if (selected < 0)
            selected = SendMessageW(source, CB_ADDSTRING, 0, reinterpret_cast<LPARAM>(widen(stored).c_str()));
    }
    SendMessageW(source, CB_SETCURSEL, WPARAM(selected), 0);

    // The secret under whichever alias holds it, as make_config reads it:
    // Token, else PWD, else Password.
    const std::string secret = first_of(values, {"Token", "PWD", "Password"});
    const bool goodtime = selected == kGoodTime;
    SetDlgItemTextW(dialog, TB_IDC_TOKEN, widen(goodtime ? std::string() : secret).c_str());
    SetDlgItemTextW(dialog, TB_IDC_PWD, widen(goodtime ? secret : std::string()).c_str());
    SetDlgItemTextW(dialog, TB_IDC_PERSONNEL_TOKEN, widen(first_of(values, {"PersonnelToken"})).c_str());
    SetDlgItemTextW(dialog, TB_IDC_UID, widen(first_of(values, {"UID", "User"})).c_str());
    show_source_fields(dialog);

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
        case TB_IDC_SOURCE:
            if (HIWORD(wparam) != CBN_SELCHANGE) break;
            show_source_fields(dialog);
            return TRUE;
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
