// A DSN's tokens and password under every key the driver reads them from
// (Token, PersonnelToken, PWD, Password): which keys count as secrets, and
// that a DSN's protected (dpapi:) value is never sent as the secret itself.
// The DSN cases write an odbc.ini for unixODBC and run on POSIX only; under
// Wine the dialog test (tests/packaging/dialog_wine_test.sh) reads a
// protected PWD back from the registry.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "driver/connection_string.hpp"
#include "driver/platform/secret_store.hpp"
#include "engine/error.hpp"
#include "tests/unit/driver/error_of.hpp"

using namespace tb::driver;
using tb::test::error_of;

TEST(DsnSecrets, TheTokensAndThePasswordUnderEachNameAreSecrets) {
    for (const char* key : {"Token", "PersonnelToken", "PWD", "Password", "pwd", "PASSWORD", "token"})
        EXPECT_TRUE(is_secret_key(key)) << key;
    for (const char* key : {"UID", "User", "Server", "Source", "Proxy", "PWDX", ""})
        EXPECT_FALSE(is_secret_key(key)) << key;
}

TEST(DsnSecrets, AProtectedPasswordThatCannotBeReadIsAnErrorNamingItsKey) {
    // POSIX: no DPAPI at all; Windows: the blob is damaged. Either way 08001, never the text itself.
    for (const char* key : {"PWD", "Password"}) {
        const std::string message = error_of([&] { platform::reveal_token("dpapi:AAAA", key); });
        EXPECT_EQ(message.substr(0, 5), "08001") << message;
        EXPECT_NE(message.find(key), std::string::npos) << message;
    }
}

#ifndef _WIN32

namespace {

// A user odbc.ini of its own for unixODBC (ODBCINI, ODBCSYSINI), holding
// one DSN named after the test with `body`; the environment is restored
// afterwards. A name of its own per test: unixODBC caches what it read of
// odbc.ini for a while, whichever file it came from.
class DsnFile : public ::testing::Test {
protected:
    void SetUp() override {
        dsn_ = std::string("Gt") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
        dsn_.resize(std::min<std::size_t>(dsn_.size(), 32));
        dir_ = std::filesystem::temp_directory_path() / ("tb-dsn-secrets-" + std::to_string(::getpid()) + "-" + dsn_);
        std::filesystem::create_directories(dir_);
        for (const char* name : {"ODBCINI", "ODBCSYSINI"})
            if (const char* v = std::getenv(name)) saved_.emplace_back(name, v);
        ::setenv("ODBCINI", (dir_ / "odbc.ini").c_str(), 1);
        ::setenv("ODBCSYSINI", dir_.c_str(), 1);
        std::ofstream(dir_ / "odbcinst.ini") << "";
    }
    void TearDown() override {
        ::unsetenv("ODBCINI");
        ::unsetenv("ODBCSYSINI");
        for (const auto& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
        std::filesystem::remove_all(dir_);
    }
    void write(const std::string& body) {
        std::ofstream(dir_ / "odbc.ini") << "[" << dsn_ << "]\nDriver=Timebutler\nSource=goodtime\n"
                                            "Server=https://gt.example.invalid\nUID=anna@example.com\n"
                                         << body;
    }
    std::string dsn_;
    std::filesystem::path dir_;
    std::vector<std::pair<std::string, std::string>> saved_;
};

} // namespace

TEST_F(DsnFile, APlainPasswordIsReadAsItIs) {
    write("PWD=plain-pw-1\n");
    Attributes a = {{"DSN", dsn_}};
    merge_dsn(a, dsn_);
    std::vector<std::string> unknown;
    const auto config = make_config(a, unknown);
    EXPECT_EQ(config.source, "goodtime");
    EXPECT_EQ(config.user, "anna@example.com");
    EXPECT_EQ(config.token, "plain-pw-1");
}

TEST_F(DsnFile, AProtectedPwdIsRefusedWithAdviceNotSentAsThePassword) {
    write("PWD=dpapi:AQAAANCMnd8BFdERjHoAwE\n");
    Attributes a = {{"DSN", dsn_}};
    const std::string message = error_of([&] { merge_dsn(a, dsn_); });
    EXPECT_EQ(message.substr(0, 5), "08001") << message;
    EXPECT_NE(message.find("PWD"), std::string::npos) << message;
    EXPECT_NE(message.find("DPAPI"), std::string::npos) << message;
}

TEST_F(DsnFile, AProtectedPasswordUnderItsOtherNameIsRefusedToo) {
    write("Password=dpapi:AQAAANCMnd8BFdERjHoAwE\n");
    Attributes a = {{"DSN", dsn_}};
    const std::string message = error_of([&] { merge_dsn(a, dsn_); });
    EXPECT_EQ(message.substr(0, 5), "08001") << message;
    EXPECT_NE(message.find("Password"), std::string::npos) << message;
}

TEST_F(DsnFile, APasswordInTheConnectionStringWinsAndTheDsnsIsNotRead) {
    // The string's key is taken as it is; the DSN's protected one is never revealed.
    write("PWD=dpapi:AQAAANCMnd8BFdERjHoAwE\n");
    Attributes a = {{"DSN", dsn_}, {"PWD", "typed-pw"}};
    merge_dsn(a, dsn_);
    std::vector<std::string> unknown;
    EXPECT_EQ(make_config(a, unknown).token, "typed-pw");
}

#endif
