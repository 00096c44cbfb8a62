// What only the Windows DLL does, run under Wine through its driver manager
// (tests/wine/run.sh): the system proxy of Internet Settings (what WinHTTP's
// proxy resolution reads: HKCU\...\Internet Settings\Connections,
// DefaultConnectionSettings) used when no Proxy key is given, the Proxy key
// overriding it, an unreachable system proxy named in the 08001; the
// certificate store trusted when no CAFile is given; and the cache folder
// under %LOCALAPPDATA%, readable by its owner only.
#include <gtest/gtest.h>

#include <windows.h>
#include <wincrypt.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/support/connect_proxy.hpp"
#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"
#include "tests/support/test_platform.hpp"

using namespace tb::test;

namespace {

const char* const kConnections = "Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections";

// The signed-in user's proxy setting as Internet Options (inetcpl) writes it,
// for the length of a test; the previous value comes back afterwards. The
// blob: version 0x46, a counter, flags (1 direct, 2 static proxy, 4 PAC
// script, 8 auto-detect), then proxy, bypass list and PAC URL, each as a
// 32-bit length and that many ASCII characters.
class SystemProxySetting {
public:
    SystemProxySetting(const std::string& proxy, const std::string& bypass, bool auto_detect = false) {
        RegCreateKeyExA(HKEY_CURRENT_USER, kConnections, 0, nullptr, 0, KEY_READ | KEY_WRITE, nullptr, &key_, nullptr);
        DWORD size = 0;
        if (RegQueryValueExA(key_, "DefaultConnectionSettings", nullptr, nullptr, nullptr, &size) == ERROR_SUCCESS) {
            previous_.resize(size);
            RegQueryValueExA(key_, "DefaultConnectionSettings", nullptr, nullptr, previous_.data(), &size);
            had_previous_ = true;
        }
        std::vector<BYTE> blob;
        auto dword = [&](std::uint32_t v) {
            for (int i = 0; i < 4; ++i) blob.push_back(BYTE(v >> (8 * i)));
        };
        auto text = [&](const std::string& s) {
            dword(std::uint32_t(s.size()));
            blob.insert(blob.end(), s.begin(), s.end());
        };
        dword(0x46);
        dword(1);
        dword((proxy.empty() ? 1 : 2) | (auto_detect ? 8 : 0));
        text(proxy);
        text(bypass);
        text("");
        blob.resize(blob.size() + 32, 0);
        RegSetValueExA(key_, "DefaultConnectionSettings", 0, REG_BINARY, blob.data(), DWORD(blob.size()));
    }
    ~SystemProxySetting() {
        if (had_previous_)
            RegSetValueExA(key_, "DefaultConnectionSettings", 0, REG_BINARY, previous_.data(), DWORD(previous_.size()));
        else
            RegDeleteValueA(key_, "DefaultConnectionSettings");
        RegCloseKey(key_);
    }

private:
    HKEY key_ = nullptr;
    bool had_previous_ = false;
    std::vector<BYTE> previous_;
};

TEST(SystemProxy, RequestsGoThroughTheProxyOfInternetSettings) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    ConnectProxy proxy;
    SystemProxySetting setting(proxy.address(), "");
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    auto rows = connection.query("SELECT COUNT(*) FROM users");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value(), "5");
    const auto targets = proxy.targets();
    ASSERT_FALSE(targets.empty()) << "the system proxy was not used";
    for (const auto& t : targets) EXPECT_EQ(t, "127.0.0.1:" + std::to_string(sim.port()));
}

TEST(SystemProxy, ItsBypassListGoesDirect) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    ConnectProxy proxy;
    SystemProxySetting setting(proxy.address(), "localhost;127.0.0.1");
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
    EXPECT_TRUE(proxy.targets().empty());
}

// "Automatically detect settings" (on by default in Windows) on a network
// without a WPAD server: the static proxy applies, for the connection and
// for the statements after it (which take the kept answer of the slow
// discovery, api/proxy_choice_cache.hpp).
TEST(SystemProxy, AutoDetectionWithoutAnAnswerFallsBackToTheStaticProxy) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    ConnectProxy proxy;
    SystemProxySetting setting(proxy.address(), "", true);
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string()))) << connection.connect_diag().at(0).message;
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM projects").size(), 1u);
    const auto targets = proxy.targets();
    ASSERT_FALSE(targets.empty()) << "the static proxy was not used";
    for (const auto& t : targets) EXPECT_EQ(t, "127.0.0.1:" + std::to_string(sim.port()));
}

TEST(SystemProxy, TheProxyKeyOverridesIt) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    ConnectProxy proxy;
    SystemProxySetting setting("127.0.0.1:9", "");  // nothing listens there
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Proxy=" + proxy.address()))));
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
    EXPECT_FALSE(proxy.targets().empty());
}

TEST(SystemProxy, AnUnreachableOneIs08001NamingIt) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    SystemProxySetting setting("127.0.0.1:9", "");
    OdbcConnection connection;
    ASSERT_EQ(connection.connect(sim.connection_string()), SQL_ERROR);
    const auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "08001");
    EXPECT_NE(diags[0].message.find("proxy 127.0.0.1:9"), std::string::npos) << diags[0].message;
    EXPECT_TRUE(sim.requests().empty());
}

// The simulator's self-signed certificate in the signed-in user's Root store
// for the length of a test, as a company's IT puts its TLS-inspecting proxy's
// root there: then the driver trusts it with no CAFile.
class TrustedRoot {
public:
    TrustedRoot() {
        std::ifstream in(ca_file(), std::ios::binary);
        std::stringstream pem;
        pem << in.rdbuf();
        const std::string text = pem.str();
        DWORD size = 0;
        CryptStringToBinaryA(text.c_str(), DWORD(text.size()), CRYPT_STRING_BASE64HEADER, nullptr, &size, nullptr,
                             nullptr);
        std::vector<BYTE> der(size);
        if (!CryptStringToBinaryA(text.c_str(), DWORD(text.size()), CRYPT_STRING_BASE64HEADER, der.data(), &size,
                                  nullptr, nullptr))
            return;
        store_ = CertOpenStore(CERT_STORE_PROV_SYSTEM_A, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, "Root");
        if (store_ && CertAddEncodedCertificateToStore(store_, X509_ASN_ENCODING, der.data(), size,
                                                       CERT_STORE_ADD_REPLACE_EXISTING, &added_))
            // Wine's registry store writes on close or commit; Windows' at once.
            CertControlStore(store_, 0, CERT_STORE_CTRL_COMMIT, nullptr);
    }
    ~TrustedRoot() {
        if (added_) {
            // The store's own context of the certificate: deleting the one the
            // add returned leaves the registry entry under Wine.
            PCCERT_CONTEXT held = CertFindCertificateInStore(store_, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING, added_, nullptr);
            if (held) CertDeleteCertificateFromStore(held);  // also frees `held`
            CertControlStore(store_, 0, CERT_STORE_CTRL_COMMIT, nullptr);
            CertFreeCertificateContext(added_);
        }
        if (store_) CertCloseStore(store_, 0);
    }
    bool added() const { return added_ != nullptr; }

private:
    HCERTSTORE store_ = nullptr;
    PCCERT_CONTEXT added_ = nullptr;
};

std::string without_ca_file(const SimProcess& sim) {
    return "Driver=" + driver_path() + ";Server=" + sim.server() + ";Token=" + kToken + ";Cache=memory";
}

// Wine's Schannel, unlike Windows', accepts any certificate when libcurl
// leaves the check to it: the driver's own check against the store
// (api/platform/server_trust_windows.cpp) refuses the server before the
// request, with its token, is sent.
TEST(CertificateStoreInAFreshProcess, DISABLED_AServerItDoesNotTrustIsRefusedBeforeTheTokenIsSent) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    OdbcConnection connection;
    ASSERT_EQ(connection.connect(without_ca_file(sim)), SQL_ERROR);
    const auto diags = connection.connect_diag();
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].sqlstate, "08001");
    EXPECT_NE(diags[0].message.find("does not trust"), std::string::npos) << diags[0].message;
    EXPECT_TRUE(sim.requests().empty()) << "no request may reach an untrusted server";
}

TEST(CertificateStoreInAFreshProcess, DISABLED_AServerWhoseRootItHoldsIsTrustedWithoutCAFile) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    TrustedRoot root;
    ASSERT_TRUE(root.added());
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(without_ca_file(sim)))) << connection.connect_diag().at(0).message;
    auto rows = connection.query("SELECT COUNT(*) FROM users");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].value(), "5");
}

// Each case in a process of its own, as a user's next Excel session: Wine's
// default chain engine reads the Root store once per process (Windows'
// follows changes to it), so a root added or removed by an earlier case
// would not be seen.
TEST(CertificateStore, AServerItDoesNotTrustIsRefusedBeforeTheTokenIsSent) {
    EXPECT_EQ(wait_for_child(start_this_program(
                  "CertificateStoreInAFreshProcess.DISABLED_AServerItDoesNotTrustIsRefusedBeforeTheTokenIsSent", {})),
              0);
}

TEST(CertificateStore, AServerWhoseRootItHoldsIsTrustedWithoutCAFile) {
    EXPECT_EQ(wait_for_child(start_this_program(
                  "CertificateStoreInAFreshProcess.DISABLED_AServerWhoseRootItHoldsIsTrustedWithoutCAFile", {})),
              0);
    // The root is gone again: an untrusted server is refused once more.
    EXPECT_EQ(wait_for_child(start_this_program(
                  "CertificateStoreInAFreshProcess.DISABLED_AServerItDoesNotTrustIsRefusedBeforeTheTokenIsSent", {})),
              0);
}

// Umlauts through the W entry points, as Excel and Power BI call them: a
// statement with umlauts in SQLExecDirectW, its text read back as
// SQL_C_WCHAR, and a WHERE on a name with an umlaut that the data holds.
TEST(WideStatements, UmlautsThroughSQLExecDirectW) {
    SimProcess sim({"--users", "25", "--years", "2024-2024"});
    OdbcConnection connection;
    ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string())));
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    ASSERT_TRUE(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt)));
    std::wstring sql = L"SELECT 'Grüße aus Düsseldorf', COUNT(*) FROM users WHERE last_name = 'Müller'";
    std::vector<SQLWCHAR> text(sql.begin(), sql.end());
    text.push_back(0);
    ASSERT_EQ(SQLExecDirectW(stmt, text.data(), SQL_NTS), SQL_SUCCESS);
    ASSERT_EQ(SQLFetch(stmt), SQL_SUCCESS);
    SQLWCHAR greeting[64] = {};
    SQLLEN length = 0;
    ASSERT_EQ(SQLGetData(stmt, 1, SQL_C_WCHAR, greeting, sizeof greeting, &length), SQL_SUCCESS);
    EXPECT_EQ(std::wstring(reinterpret_cast<wchar_t*>(greeting)), L"Grüße aus Düsseldorf");
    EXPECT_EQ(length, SQLLEN(20 * sizeof(SQLWCHAR)));
    SQLBIGINT muellers = 0;
    ASSERT_EQ(SQLGetData(stmt, 2, SQL_C_SBIGINT, &muellers, 0, nullptr), SQL_SUCCESS);
    EXPECT_GE(muellers, 1) << "the simulator's users include a Müller";
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

// Cache=file without a DSN: default.sqlite in %LOCALAPPDATA%\Timebutler\cache,
// shared by the next connection.
std::filesystem::path fresh_default_cache_file() {
    wchar_t local[MAX_PATH];
    if (GetEnvironmentVariableW(L"LOCALAPPDATA", local, MAX_PATH) == 0) return {};
    const std::filesystem::path file = std::filesystem::path(local) / L"Timebutler" / L"cache" / L"default.sqlite";
    std::error_code ignored;
    for (const wchar_t* suffix : {L"", L"-wal", L"-shm"}) std::filesystem::remove(file.wstring() + suffix, ignored);
    return file;
}

TEST(CacheFolder, CacheFileLivesInLocalAppDataAndIsShared) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    const std::filesystem::path file = fresh_default_cache_file();
    ASSERT_FALSE(file.empty()) << "no LOCALAPPDATA";
    const std::string cs = sim.connection_string("Cache=file;CacheTTL=300");
    {
        OdbcConnection first;
        ASSERT_TRUE(SQL_SUCCEEDED(first.connect(cs))) << first.connect_diag().at(0).message;
        EXPECT_EQ(first.query("SELECT COUNT(*) FROM projects").size(), 1u);
    }
    ASSERT_TRUE(std::filesystem::exists(file)) << file.string();
    sim.clear_log();
    OdbcConnection second;
    ASSERT_TRUE(SQL_SUCCEEDED(second.connect(cs)));
    EXPECT_EQ(second.query("SELECT COUNT(*) FROM projects").size(), 1u);
    EXPECT_TRUE(sim.requests("projects").empty()) << "the second connection reads the cache file";
}

// Only for this user: a protected DACL with one entry on the file and the
// folder (left out under Wine, which keeps no DACL on files: tests/wine/run.sh).
TEST(CacheFolder, CacheFileAndFolderAreForItsUserOnly) {
    SimProcess sim({"--users", "5", "--years", "2024-2024"});
    const std::filesystem::path file = fresh_default_cache_file();
    ASSERT_FALSE(file.empty()) << "no LOCALAPPDATA";
    {
        OdbcConnection connection;
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim.connection_string("Cache=file;CacheTTL=300"))));
        EXPECT_EQ(connection.query("SELECT COUNT(*) FROM projects").size(), 1u);
    }
    ASSERT_TRUE(std::filesystem::exists(file)) << file.string();
    EXPECT_EQ(owner_only_problem(file.string()), "");
    EXPECT_EQ(owner_only_problem(file.parent_path().string()), "");
}

} // namespace
