// The setup seams of driver/platform and the prompt rules of driver/setup,
// through their interfaces: the same test runs on Linux (POSIX halves) and
// under Wine (unit_driver of tests/wine: DPAPI and the Windows dialog seam).
#include <gtest/gtest.h>

#include "driver/platform/secret_store.hpp"
#include "driver/platform/setup_dialog.hpp"
#include "driver/setup/connect_prompt.hpp"
#include "engine/error.hpp"
#include "tests/unit/driver/error_of.hpp"

using namespace tb::driver;
using tb::test::error_of;
using platform::SecretScope;

namespace {

const std::string kToken = "unit-token-8c1d";

} // namespace

TEST(SecretStore, EmptyStaysEmptyAndPlainValuesAreTheToken) {
    EXPECT_EQ(platform::protect_token("", SecretScope::User), "");
    EXPECT_EQ(platform::reveal_token(kToken, "Token"), kToken);
    EXPECT_FALSE(platform::is_protected(kToken));
}

TEST(SecretStore, RoundTripsInBothScopes) {
    for (SecretScope scope : {SecretScope::User, SecretScope::Machine}) {
        const std::string stored = platform::protect_token(kToken, scope);
        EXPECT_EQ(platform::reveal_token(stored, "Token"), kToken);
        if (platform::is_protected(stored)) {
            // Where the platform protects (Windows: DPAPI), the stored form never holds the token.
            EXPECT_EQ(stored.find(kToken), std::string::npos);
            EXPECT_EQ(stored.rfind("dpapi:", 0), 0u);
        } else {
            EXPECT_EQ(stored, kToken);
        }
    }
}

TEST(SecretStore, ADamagedOrForeignProtectedValueIsAnErrorNamingTheKey) {
    const std::string message = error_of([] { platform::reveal_token("dpapi:AAAA", "PersonnelToken"); });
    EXPECT_EQ(message.substr(0, 5), "08001") << message;
    EXPECT_NE(message.find("PersonnelToken"), std::string::npos) << message;
}

TEST(ConnectPrompt, NeverWithoutAWindow) {
    const Attributes missing_token = {{"Server", "https://example.invalid"}};
    for (SQLUSMALLINT mode : {SQL_DRIVER_NOPROMPT, SQL_DRIVER_COMPLETE, SQL_DRIVER_PROMPT, SQL_DRIVER_COMPLETE_REQUIRED})
        EXPECT_FALSE(setup::wants_dialog(nullptr, mode, missing_token)) << mode;
}

TEST(ConnectPrompt, WithAWindowByTheCompletionMode) {
    int window_stand_in = 0;   // never shown: wants_dialog only decides
    auto window = reinterpret_cast<SQLHWND>(&window_stand_in);
    const Attributes complete = {{"Server", "https://example.invalid"}, {"Token", kToken}};
    const Attributes missing_token = {{"Server", "https://example.invalid"}};
    const Attributes missing_server = {{"Token", kToken}};
    const bool dialog = platform::setup_dialog_available();
    EXPECT_FALSE(setup::wants_dialog(window, SQL_DRIVER_NOPROMPT, missing_token));
    EXPECT_EQ(setup::wants_dialog(window, SQL_DRIVER_PROMPT, complete), dialog);
    EXPECT_FALSE(setup::wants_dialog(window, SQL_DRIVER_COMPLETE, complete));
    EXPECT_FALSE(setup::wants_dialog(window, SQL_DRIVER_COMPLETE_REQUIRED, complete));
    EXPECT_EQ(setup::wants_dialog(window, SQL_DRIVER_COMPLETE, missing_token), dialog);
    EXPECT_EQ(setup::wants_dialog(window, SQL_DRIVER_COMPLETE_REQUIRED, missing_server), dialog);
    // PWD stands for the token, as in make_config.
    EXPECT_FALSE(setup::wants_dialog(window, SQL_DRIVER_COMPLETE, {{"Server", "https://x.invalid"}, {"PWD", kToken}}));
    EXPECT_FALSE(
        setup::wants_dialog(window, SQL_DRIVER_COMPLETE, {{"Server", "https://x.invalid"}, {"Password", kToken}}));
}

TEST(ConnectPrompt, GoodTimeAlsoNeedsTheLoginEmail) {
    int window_stand_in = 0;
    auto window = reinterpret_cast<SQLHWND>(&window_stand_in);
    const bool dialog = platform::setup_dialog_available();
    const Attributes complete = {
        {"Source", "GoodTime"}, {"Server", "https://x.invalid"}, {"UID", "anna@example.com"}, {"PWD", kToken}};
    const Attributes missing_uid = {{"Source", " goodtime "}, {"Server", "https://x.invalid"}, {"PWD", kToken}};
    const Attributes missing_pwd = {
        {"Source", "goodtime"}, {"Server", "https://x.invalid"}, {"User", "anna@example.com"}};
    EXPECT_FALSE(setup::wants_dialog(window, SQL_DRIVER_COMPLETE, complete));
    EXPECT_EQ(setup::wants_dialog(window, SQL_DRIVER_COMPLETE, missing_uid), dialog);
    EXPECT_EQ(setup::wants_dialog(window, SQL_DRIVER_COMPLETE_REQUIRED, missing_pwd), dialog);
    // Timebutler ignores UID: no login email is asked for.
    const Attributes timebutler = {{"Server", "https://x.invalid"}, {"Token", kToken}};
    EXPECT_FALSE(setup::wants_dialog(window, SQL_DRIVER_COMPLETE, timebutler));
}
