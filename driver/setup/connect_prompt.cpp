#include "driver/setup/connect_prompt.hpp"

#include "driver/platform/setup_dialog.hpp"
#include "driver/setup/connection_probe.hpp"
#include "engine/ascii.hpp"

namespace tb::driver::setup {
namespace {

Attributes with_dsn(const Attributes& given) {
    Attributes merged = given;
    if (auto* dsn = find_attribute(merged, "DSN")) merge_dsn(merged, *dsn);
    return merged;
}

bool has(const Attributes& a, std::string_view key) {
    const std::string* v = find_attribute(a, key);
    return v && !v->empty();
}

} // namespace

bool wants_dialog(SQLHWND window, SQLUSMALLINT completion, const Attributes& given) {
    if (!window || !platform::setup_dialog_available()) return false;
    if (completion == SQL_DRIVER_PROMPT) return true;
    if (completion != SQL_DRIVER_COMPLETE && completion != SQL_DRIVER_COMPLETE_REQUIRED) return false;
    const Attributes merged = with_dsn(given);
    // The keys make_config reads the secret and the login from.
    const bool secret = has(merged, "Token") || has(merged, "PWD") || has(merged, "Password");
    const std::string* source = find_attribute(merged, "Source");
    const bool goodtime = source && engine::ascii::iequals(engine::ascii::trim(*source), "goodtime");
    // GoodTime logs in with a login email besides the password.
    const bool login = !goodtime || has(merged, "UID") || has(merged, "User");
    return !has(merged, "Server") || !secret || !login;
}

bool prompt_for_connection(SQLHWND window, Attributes& given) {
    const Attributes shown = with_dsn(given);
    Attributes edited = shown;
    platform::DialogRequest request;
    request.edit_dsn_name = false;
    request.test_connection = [](const Attributes& values) { return probe_connection(values).message; };
    if (!platform::show_setup_dialog(window, edited, request)) return false;
    for (const auto& [key, value] : edited) {
        const std::string* before = find_attribute(shown, key);
        if (find_attribute(given, key) || !before || *before != value) set_attribute(given, key, value);
    }
    return true;
}

} // namespace tb::driver::setup
