#include "driver/setup/dsn_store.hpp"

#include "driver/odbc.hpp"
#include "engine/ascii.hpp"
#include "engine/error.hpp"

namespace tb::driver::setup {
namespace {

using engine::ascii::iequals;

// The installer API's first error, for the message of a failed write.
std::string installer_error() {
    DWORD code = 0;
    char message[SQL_MAX_MESSAGE_LENGTH] = {0};
    WORD length = 0;
    if (SQLInstallerError(1, &code, message, sizeof message, &length) == SQL_SUCCESS && message[0])
        return std::string(message) + " (installer error " + std::to_string(code) + ")";
    return "the installer API gave no reason";
}

} // namespace

platform::SecretScope current_scope() {
    UWORD mode = ODBC_BOTH_DSN;
    SQLGetConfigMode(&mode);
    return mode == ODBC_SYSTEM_DSN ? platform::SecretScope::Machine : platform::SecretScope::User;
}

Attributes read_dsn(const std::string& dsn) {
    Attributes values;
    for (const std::string& key : dsn_keys()) {
        char buffer[4096] = {0};
        int n = SQLGetPrivateProfileString(dsn.c_str(), key.c_str(), "", buffer, sizeof buffer, "odbc.ini");
        if (n <= 0 || !buffer[0]) continue;
        if (!is_secret_key(key)) {
            values.emplace_back(key, buffer);
            continue;
        }
        try {
            values.emplace_back(key, platform::reveal_token(buffer, key));
        } catch (const engine::Error&) {
            // Not readable by this user: asked for again rather than shown as garbage.
        }
    }
    return values;
}

void write_dsn(const std::string& dsn, const std::string& driver, const Attributes& values, bool create) {
    if (!valid_dsn_name(dsn))
        throw engine::Error("HY024", "the data source name '" + dsn +
                                         "' is not valid: use at most 32 characters and none of []{}(),;?*=!@\\");
    // Protected before anything is written, so a failure leaves no DSN
    // holding a plain-text token.
    const auto scope = current_scope();
    Attributes stored;
    for (const auto& [key, value] : values) {
        if (iequals(key, "DSN") || iequals(key, "Driver")) continue;
        stored.emplace_back(key, is_secret_key(key) ? platform::protect_token(value, scope) : value);
    }
    if (create && !SQLWriteDSNToIni(dsn.c_str(), driver.c_str()))
        throw engine::Error("HY000", "the data source '" + dsn + "' could not be created: " + installer_error());
    for (const auto& [key, value] : stored) {
        // NULL removes the key (an emptied field of the dialog).
        if (!SQLWritePrivateProfileString(dsn.c_str(), key.c_str(), value.empty() ? nullptr : value.c_str(),
                                          "odbc.ini"))
            throw engine::Error("HY000", "the key " + key + " of the data source '" + dsn +
                                             "' could not be written: " + installer_error());
    }
}

void remove_dsn(const std::string& dsn) {
    if (!SQLRemoveDSNFromIni(dsn.c_str()))
        throw engine::Error("HY000", "the data source '" + dsn + "' could not be removed: " + installer_error());
}

bool valid_dsn_name(const std::string& dsn) {
    return !dsn.empty() && dsn.size() <= SQL_MAX_DSN_LENGTH && dsn.find_first_of("[]{}(),;?*=!@\\") == std::string::npos;
}

} // namespace tb::driver::setup
