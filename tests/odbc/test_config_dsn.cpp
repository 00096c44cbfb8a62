// The driver's setup entry points ConfigDSN and ConfigDSNW, reached the way
// scripts reach them: unixODBC's installer API (SQLConfigDataSource, W and A)
// loads the driver named by the Setup key of odbcinst.ini and calls them with
// no window handle, so they work silently from the attributes. Add, connect
// by the DSN, configure, refuse a bad value, remove; a system DSN lands in the
// system odbc.ini. SQLDriverConnect's prompt modes never show UI here.
#include <gtest/gtest.h>

#include <odbcinst.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kDriverName = "Timebutler Setup Test";

// A private ODBCSYSINI (odbcinst.ini naming the built driver as Driver and
// Setup, the system odbc.ini) and ODBCINI (the user odbc.ini). One per
// process (odbc_config()): unixODBC keeps the ODBCSYSINI path it read first.
class PrivateOdbcConfig {
public:
    PrivateOdbcConfig() {
        char pattern[] = "/tmp/tb-config-dsn-XXXXXX";
        dir_ = mkdtemp(pattern);
        std::ofstream(dir_ / "odbcinst.ini") << "[" << kDriverName << "]\nDriver = " << driver_path()
                                             << "\nSetup = " << driver_path() << "\n";
        std::ofstream(dir_ / "odbc.ini") << "";
        std::ofstream(dir_ / "user-odbc.ini") << "";
        setenv("ODBCSYSINI", dir_.c_str(), 1);
        setenv("ODBCINI", (dir_ / "user-odbc.ini").c_str(), 1);
    }
    ~PrivateOdbcConfig() {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    std::string user_ini() const { return read(dir_ / "user-odbc.ini"); }
    std::string system_ini() const { return read(dir_ / "odbc.ini"); }

private:
    static std::string read(const fs::path& path) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }
    fs::path dir_;
};

const PrivateOdbcConfig& odbc_config() {
    static PrivateOdbcConfig config;
    return config;
}

// "K=V\0K=V\0\0" from pairs.
std::string attribute_list(const std::vector<std::string>& pairs) {
    std::string out;
    for (const auto& pair : pairs) out += pair + '\0';
    return out + '\0';
}

std::u16string widen(const std::string& ascii) { return std::u16string(ascii.begin(), ascii.end()); }

std::string installer_error() {
    DWORD code = 0;
    char message[512] = {0};
    WORD length = 0;
    SQLInstallerError(1, &code, message, sizeof message, &length);
    return message;
}

bool config(WORD request, const std::vector<std::string>& pairs) {
    const std::string list = attribute_list(pairs);
    return SQLConfigDataSource(nullptr, request, kDriverName, list.c_str());
}

bool config_wide(WORD request, const std::vector<std::string>& pairs) {
    const std::u16string list = widen(attribute_list(pairs));
    const std::u16string driver = widen(kDriverName);
    return SQLConfigDataSourceW(nullptr, request, reinterpret_cast<LPCWSTR>(driver.c_str()),
                                reinterpret_cast<LPCWSTR>(list.c_str()));
}

std::string count_users(const std::string& connection_string) {
    OdbcConnection connection;
    SQLRETURN rc = connection.connect(connection_string);
    if (!SQL_SUCCEEDED(rc)) {
        auto diags = connection.connect_diag();
        return "connect failed: " + (diags.empty() ? std::string("no diagnostics") : diags.front().message);
    }
    auto rows = connection.query("SELECT COUNT(*) FROM users");
    return rows.at(0).at(0).value_or("NULL");
}

} // namespace

TEST(ConfigDsn, AddsConfiguresAndRemovesAUserDsnSilently) {
    const auto& odbc = odbc_config();
    SimProcess sim;
    const std::vector<std::string> keys = {"DSN=TbSetup", "Server=" + sim.server(), std::string("Token=") + kToken,
                                           "CAFile=" + ca_file(), "Cache=memory", "DefaultYears=2"};
    // SQLConfigDataSourceW reaches ConfigDSNW.
    ASSERT_TRUE(config_wide(ODBC_ADD_DSN, keys)) << installer_error();
    const std::string ini = odbc.user_ini();
    EXPECT_NE(ini.find("[TbSetup]"), std::string::npos) << ini;
    EXPECT_NE(ini.find("DefaultYears"), std::string::npos) << ini;
    EXPECT_EQ(odbc.system_ini().find("TbSetup"), std::string::npos) << "a user DSN went to the system odbc.ini";

    const std::string users = count_users("DSN=TbSetup");
    EXPECT_GT(std::atoi(users.c_str()), 0) << users;

    // Configure: a key changed, the others kept (the narrow ConfigDSN).
    ASSERT_TRUE(config(ODBC_CONFIG_DSN, {"DSN=TbSetup", "CacheTTL=600"})) << installer_error();
    EXPECT_NE(odbc.user_ini().find("600"), std::string::npos) << odbc.user_ini();
    EXPECT_GT(std::atoi(count_users("DSN=TbSetup").c_str()), 0);

    // A value the driver would refuse is refused before anything is written.
    EXPECT_FALSE(config(ODBC_CONFIG_DSN, {"DSN=TbSetup", "CacheTTL=soon"}));
    EXPECT_NE(installer_error().find("CacheTTL"), std::string::npos) << installer_error();
    EXPECT_EQ(odbc.user_ini().find("soon"), std::string::npos) << odbc.user_ini();

    // Configuring a DSN that does not exist fails and names it.
    EXPECT_FALSE(config(ODBC_CONFIG_DSN, {"DSN=NoSuchDsn", "CacheTTL=60"}));
    EXPECT_NE(installer_error().find("NoSuchDsn"), std::string::npos) << installer_error();

    ASSERT_TRUE(config(ODBC_REMOVE_DSN, {"DSN=TbSetup"})) << installer_error();
    EXPECT_EQ(odbc.user_ini().find("TbSetup"), std::string::npos) << odbc.user_ini();
}

TEST(ConfigDsn, SystemDsnGoesToTheSystemIni) {
    const auto& odbc = odbc_config();
    SimProcess sim;
    ASSERT_TRUE(config(ODBC_ADD_SYS_DSN, {"DSN=TbSystem", "Server=" + sim.server(), std::string("Token=") + kToken,
                                          "CAFile=" + ca_file(), "Cache=memory"}))
        << installer_error();
    EXPECT_NE(odbc.system_ini().find("[TbSystem]"), std::string::npos) << odbc.system_ini();
    EXPECT_EQ(odbc.user_ini().find("TbSystem"), std::string::npos) << odbc.user_ini();
    EXPECT_GT(std::atoi(count_users("DSN=TbSystem").c_str()), 0);
    ASSERT_TRUE(config(ODBC_REMOVE_SYS_DSN, {"DSN=TbSystem"})) << installer_error();
    EXPECT_EQ(odbc.system_ini().find("TbSystem"), std::string::npos) << odbc.system_ini();
}

TEST(ConfigDsn, AnInvalidNameIsRefused) {
    const auto& odbc = odbc_config();
    EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=bad;name", "Server=https://127.0.0.1:1", "Token=x"}));
    EXPECT_EQ(odbc.user_ini().find("bad"), std::string::npos) << odbc.user_ini();
}

// The completion modes with no window handle connect with what they were
// given, as SQL_DRIVER_NOPROMPT does. (SQL_DRIVER_PROMPT without a window is
// refused by unixODBC itself before the driver sees it.)
TEST(ConfigDsn, CompletionWithoutAWindowNeverShowsUi) {
    odbc_config();
    SimProcess sim;
    const std::string in = "Driver=" + driver_path() + ";Server=" + sim.server() + ";Token=" + kToken +
                           ";CAFile=" + ca_file() + ";Cache=memory";
    for (SQLUSMALLINT mode : {SQL_DRIVER_COMPLETE, SQL_DRIVER_COMPLETE_REQUIRED}) {
        OdbcConnection connection;
        SQLCHAR out[2048];
        SQLSMALLINT out_length = 0;
        SQLRETURN rc = SQLDriverConnect(connection.dbc(), nullptr, (SQLCHAR*)in.c_str(), SQL_NTS, out, sizeof out,
                                        &out_length, mode);
        EXPECT_TRUE(SQL_SUCCEEDED(rc)) << "mode " << mode << ": "
                                       << (connection.connect_diag().empty() ? "" : connection.connect_diag()[0].message);
        if (SQL_SUCCEEDED(rc)) SQLDisconnect(connection.dbc());
        // A missing token is an error, not a dialog.
        OdbcConnection missing;
        const std::string no_token = "Driver=" + driver_path() + ";Server=" + sim.server() + ";Cache=memory";
        rc = SQLDriverConnect(missing.dbc(), nullptr, (SQLCHAR*)no_token.c_str(), SQL_NTS, out, sizeof out,
                              &out_length, mode);
        EXPECT_EQ(rc, SQL_ERROR) << "mode " << mode;
    }
}
