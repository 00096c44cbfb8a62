// ConfigDSN and ConfigDSNW: the driver's setup entry points, called by the
// installer API's SQLConfigDataSource (ODBC Data Sources on Windows, scripts,
// unixODBC's odbcinst) to add, configure or remove a DSN. With a window
// handle (Windows) the DSN dialog lets the user edit the values first; with
// none, or where there is no dialog, it works silently from the attributes.
#include "driver/connection_string.hpp"
#include "driver/entry_trace.hpp"
#include "driver/odbc.hpp"
#include "driver/platform/setup_dialog.hpp"
#include "driver/setup/connection_probe.hpp"
#include "driver/setup/dsn_store.hpp"
#include "driver/unicode.hpp"
#include "engine/ascii.hpp"
#include "engine/error.hpp"

using namespace tb::driver;

namespace {

// "Key=Value\0Key=Value\0\0": the attribute list of SQLConfigDataSource.
template <class Char, class Convert>
Attributes parse_attribute_list(const Char* list, Convert&& convert) {
    Attributes out;
    if (!list) return out;
    while (*list) {
        const Char* end = list;
        while (*end) ++end;
        std::string pair = convert(list, SQLLEN(end - list));
        if (auto eq = pair.find('='); eq != std::string::npos)
            set_attribute(out, std::string(tb::engine::ascii::trim(pair.substr(0, eq))), pair.substr(eq + 1));
        list = end + 1;
    }
    return out;
}

struct Failure {
    DWORD code;
    std::string message;
};

BOOL fail(const Failure& failure) {
    // A copy: iODBC declares the message as LPSTR, not LPCSTR.
    std::string message = failure.message;
    SQLPostInstallerError(failure.code, message.data());
    return BOOL(0);
}

std::string dsn_of(const Attributes& values) {
    const std::string* dsn = find_attribute(values, "DSN");
    return dsn ? *dsn : std::string();
}

// Whether the DSN exists: it holds at least its Driver key.
bool dsn_exists(const std::string& dsn) {
    char keys[256] = {0};
    return SQLGetPrivateProfileString(dsn.c_str(), nullptr, "", keys, sizeof keys, "odbc.ini") > 0 && keys[0];
}

// Shows the dialog until the values are accepted (a value the driver would
// refuse is explained and the dialog shown again); false when cancelled.
bool edit_until_valid(void* window, Attributes& values) {
    platform::DialogRequest request;
    request.edit_dsn_name = true;
    request.test_connection = [](const Attributes& shown) { return setup::probe_connection(shown).message; };
    for (;;) {
        if (!platform::show_setup_dialog(window, values, request)) return false;
        try {
            std::vector<std::string> unknown;
            make_config(values, unknown);
            if (!setup::valid_dsn_name(dsn_of(values)))
                throw tb::engine::Error("HY024", "the data source name '" + dsn_of(values) +
                                                     "' is not valid: use at most 32 characters and none of "
                                                     "[]{}(),;?*=!@\\");
            return true;
        } catch (const tb::engine::Error& e) {
            platform::show_setup_message(window, e.what());
        }
    }
}

BOOL config_dsn(void* window, WORD request, const std::string& driver, const Attributes& given) {
    try {
        const std::string dsn = dsn_of(given);
        if (request == ODBC_REMOVE_DSN) {
            if (dsn.empty()) return fail({ODBC_ERROR_INVALID_DSN, "no DSN= attribute names the data source to remove"});
            setup::remove_dsn(dsn);
            return BOOL(1);
        }
        if (request != ODBC_ADD_DSN && request != ODBC_CONFIG_DSN)
            return fail({ODBC_ERROR_INVALID_REQUEST_TYPE, "request " + std::to_string(request) + " is not supported"});

        Attributes values;
        if (request == ODBC_CONFIG_DSN) {
            if (dsn.empty() || !dsn_exists(dsn))
                return fail({ODBC_ERROR_INVALID_DSN, "the data source '" + dsn + "' does not exist"});
            values = setup::read_dsn(dsn);
            set_attribute(values, "DSN", dsn);
        }
        for (const auto& [key, value] : given) set_attribute(values, key, value);

        if (window && platform::setup_dialog_available()) {
            if (!edit_until_valid(window, values)) return fail({ODBC_ERROR_USER_CANCELED, "cancelled"});
        } else {
            std::vector<std::string> unknown;
            make_config(values, unknown);   // a value the driver would refuse is refused now
        }
        const std::string name = dsn_of(values);
        const bool renamed = request == ODBC_CONFIG_DSN && !tb::engine::ascii::iequals(name, dsn);
        setup::write_dsn(name, driver, values, request == ODBC_ADD_DSN || renamed);
        if (renamed) setup::remove_dsn(dsn);
        return BOOL(1);
    } catch (const tb::engine::Error& e) {
        return fail({e.sqlstate == "HY024" ? DWORD(ODBC_ERROR_INVALID_KEYWORD_VALUE) : DWORD(ODBC_ERROR_REQUEST_FAILED),
                     e.what()});
    } catch (const std::exception& e) {
        return fail({ODBC_ERROR_REQUEST_FAILED, e.what()});
    }
}

} // namespace

TB_EXPORT BOOL INSTAPI ConfigDSN(HWND window, WORD request, LPCSTR driver, LPCSTR attributes) {
    TB_ENTRY();
    const auto narrow = [](const char* text, SQLLEN length) {
        return from_narrow(reinterpret_cast<const SQLCHAR*>(text), length);
    };
    return config_dsn(window, request, driver ? driver : "", parse_attribute_list(attributes, narrow));
}

TB_EXPORT BOOL INSTAPI ConfigDSNW(HWND window, WORD request, LPCWSTR driver, LPCWSTR attributes) {
    TB_ENTRY();
    const auto wide = [](const auto* text, SQLLEN length) {
        return from_wide(reinterpret_cast<const SQLWCHAR*>(text), length);
    };
    return config_dsn(window, request, driver ? wide(driver, SQL_NTS) : std::string(),
                      parse_attribute_list(attributes, wide));
}
