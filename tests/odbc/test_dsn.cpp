// Connecting by DSN through the driver manager, with the DSN in a temporary
// odbc.ini (ODBCSYSINI / ODBCINI point at it; under Wine, the registry). Values of every
// length, because the driver appends the DSN's keys to the list that also
// holds the DSN name: a reference into it once dangled after the first
// reallocation, and values of 59-68 characters (a CAFile path) reused the
// freed block and crashed isql.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;
namespace fs = std::filesystem;

namespace {

// The DSNs in a private odbc.ini (ODBCSYSINI / ODBCINI; the registry under
// Wine), set before any handle exists, removed afterwards.
using TemporaryOdbcIni = UserDsn;

// A copy of the simulator's certificate at a path exactly `length` characters long.
std::string certificate_at_length(const fs::path& dir, std::size_t length) {
    std::string path = (dir / "ca-").string();
    const std::string suffix = ".pem";
    if (path.size() + suffix.size() < length) path += std::string(length - path.size() - suffix.size(), 'x');
    path += suffix;
    fs::copy_file(ca_file(), path, fs::copy_options::overwrite_existing);
    return path;
}

} // namespace

// Every CAFile length from 40 to 100 characters (the crash was at 59-68),
// each DSN also holding a long description and personnel token: the
// connection is made from the DSN's keys and answers a query.
TEST(Dsn, ConnectsByDsnWithValuesOfEveryLength) {
    TemporaryOdbcIni ini;
    SimProcess sim;
    std::vector<std::pair<std::string, std::size_t>> dsns;
    for (std::size_t length = 40; length <= 100; ++length) {
        const std::string name = "TbLong" + std::to_string(length);
        const std::string ca = certificate_at_length(fs::path(ini.dir()) / "", length);
        ASSERT_EQ(ca.size(), length);
        ini.add(name, {{"Driver", driver_path()},
                       {"Description", std::string(length, 'd')},
                       {"Server", sim.server()},
                       {"Token", kToken},
                       {"PersonnelToken", kPersonnelToken},
                       {"CAFile", ca},
                       {"Cache", "memory"}});
        dsns.emplace_back(name, length);
    }
    for (const auto& [name, length] : dsns) {
        SCOPED_TRACE("CAFile of " + std::to_string(length) + " characters");
        OdbcConnection connection;
        const SQLRETURN rc = connection.connect("DSN=" + name);
        ASSERT_TRUE(SQL_SUCCEEDED(rc)) << (connection.connect_diag().empty() ? std::string("no diagnostic")
                                                                             : connection.connect_diag()[0].message);
        EXPECT_EQ(connection.query("SELECT COUNT(*) FROM holidaysets").size(), 1u);
    }
}

// SQLConnect with the DSN name, as isql calls it: the token comes from the DSN.
TEST(Dsn, SqlConnectReadsTheDsn) {
    TemporaryOdbcIni ini;
    SimProcess sim;
    const std::string ca = certificate_at_length(ini.dir(), 64);
    ini.add("TbConnect", {{"Driver", driver_path()}, {"Server", sim.server()}, {"Token", kToken},
                          {"CAFile", ca}, {"Cache", "memory"}});
    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    const SQLRETURN rc = SQLConnect(dbc, (SQLCHAR*)"TbConnect", SQL_NTS, nullptr, 0, nullptr, 0);
    const auto diags = diagnostics(SQL_HANDLE_DBC, dbc);
    EXPECT_TRUE(SQL_SUCCEEDED(rc)) << (diags.empty() ? std::string("no diagnostic") : diags[0].message);
    if (SQL_SUCCEEDED(rc)) SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}
