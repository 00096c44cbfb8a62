// The client over real TLS, against a cpp-httplib HTTPS server with a
// certificate made on the fly. Needs unit_api to link PkgConfig::HTTPLIB,
// OpenSSL::SSL and OpenSSL::Crypto; the cpp-httplib target defines
// CPPHTTPLIB_OPENSSL_SUPPORT, so without those libraries this file is empty.
#include <gtest/gtest.h>

#if defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "api/client.hpp"

namespace {

using tb::api::Client;
using tb::api::ClientConfig;
using tb::api::FailureKind;
using tb::api::Request;

// A self-signed certificate for "localhost" only (no IP address), so that
// https://127.0.0.1 exercises the host name check.
struct Certificate {
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    std::string pem_path;

    Certificate() {
        key = EVP_EC_gen("P-256");
        cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
        X509_gmtime_adj(X509_getm_notAfter(cert), 3600L * 24);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
        X509_set_issuer_name(cert, name);
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
        for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost"},
                                  std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
            X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
            X509_add_ext(cert, ext, -1);
            X509_EXTENSION_free(ext);
        }
        X509_sign(cert, key, EVP_sha256());

        pem_path = (std::filesystem::temp_directory_path() /
                    ("tb_api_tls_" + std::to_string(::getpid()) + ".pem"))
                       .string();
        FILE* f = std::fopen(pem_path.c_str(), "w");
        PEM_write_X509(f, cert);
        std::fclose(f);
    }
    ~Certificate() {
        std::remove(pem_path.c_str());
        X509_free(cert);
        EVP_PKEY_free(key);
    }
};

class TlsServer {
public:
    explicit TlsServer(const Certificate& c) : server_(c.cert, c.key) {
        server_.Post(R"(/api/v1/(\w+))", [this](const httplib::Request& req, httplib::Response& res) {
            const int now = ++in_flight_;
            for (int seen = max_in_flight_.load(); now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
            }
            {
                std::lock_guard lock(mutex_);
                ports_.insert(req.remote_port);
                ++requests_;
            }
            if (req.has_param("sleep"))
                std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(req.get_param_value("sleep"))));
            --in_flight_;
            res.set_content(req.matches[1].str() + ";" + req.get_param_value("n") + "\n", "text/csv;charset=UTF-8");
        });
        server_.set_keep_alive_max_count(1000);  // default 5 would force reconnects
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~TlsServer() {
        server_.stop();
        thread_.join();
    }
    std::string url(const char* host) const { return std::string("https://") + host + ":" + std::to_string(port_); }
    int max_in_flight() const { return max_in_flight_; }
    std::size_t connections() const {
        std::lock_guard lock(mutex_);
        return ports_.size();
    }
    int requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    httplib::SSLServer server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::set<int> ports_;
    int requests_ = 0;
    std::atomic<int> in_flight_{0};
    std::atomic<int> max_in_flight_{0};
};

Request read(int n = 0, int sleep_ms = 0) {
    Request r;
    r.action = "worktime";
    r.token = "secret-token";
    r.params = {{"n", std::to_string(n)}};
    if (sleep_ms)
        r.params.emplace_back("sleep", std::to_string(sleep_ms));
    return r;
}

class Tls : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        cert_ = new Certificate;
        server_ = new TlsServer(*cert_);
    }
    static void TearDownTestSuite() {
        delete server_;
        delete cert_;
    }
    static ClientConfig config(const char* host) {
        ClientConfig c;
        c.server = server_->url(host);
        c.connect_timeout_ms = 5000;
        c.request_timeout_ms = 10000;
        return c;
    }
    static Certificate* cert_;
    static TlsServer* server_;
};
Certificate* Tls::cert_ = nullptr;
TlsServer* Tls::server_ = nullptr;

TEST_F(Tls, UnknownIssuerIsRefused) {
    Client client(config("localhost"));
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Tls) << out.error;
}

TEST_F(Tls, TrustedThroughCaFile) {
    ClientConfig c = config("localhost");
    c.ca_file = cert_->pem_path;
    Client client(c);
    auto out = client.perform(read(7));
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.status, 200);
    EXPECT_EQ(out.response.body, "worktime;7\n");
}

TEST_F(Tls, HostNameMustMatch) {
    ClientConfig c = config("127.0.0.1");
    c.ca_file = cert_->pem_path;
    Client client(c);
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Tls) << out.error;
}

TEST_F(Tls, MissingCaFileIsATlsFailure) {
    ClientConfig c = config("localhost");
    c.ca_file = "/nonexistent/ca.pem";
    Client client(c);
    EXPECT_EQ(client.perform(read()).failure, FailureKind::Tls);
}

TEST_F(Tls, VerificationCanBeSwitchedOff) {
    ClientConfig c = config("127.0.0.1");
    c.verify_peer = false;
    Client client(c);
    auto out = client.perform(read());
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.status, 200);
}

TEST_F(Tls, ConcurrentRequestsReuseConnections) {
    ClientConfig c = config("localhost");
    c.ca_file = cert_->pem_path;
    c.max_concurrent = 4;
    Client client(c);
    const std::size_t before = server_->connections();
    std::vector<Request> requests;
    for (int i = 0; i < 12; ++i)
        requests.push_back(read(i, 100));
    auto outcomes = client.perform_all(requests);
    for (int i = 0; i < 12; ++i) {
        ASSERT_TRUE(outcomes[i].ok()) << outcomes[i].error;
        EXPECT_EQ(outcomes[i].response.body, "worktime;" + std::to_string(i) + "\n");
    }
    outcomes = client.perform_all(requests);
    for (const auto& o : outcomes)
        EXPECT_TRUE(o.ok());
    EXPECT_LE(server_->max_in_flight(), 4);
    EXPECT_GE(server_->max_in_flight(), 2);
    EXPECT_LE(server_->connections() - before, 4u);  // 24 requests over at most 4 connections
}

} // namespace

#else

TEST(Tls, NeedsCppHttplibAndOpenSsl) {
    GTEST_SKIP() << "unit_api is not linked with cpp-httplib and OpenSSL";
}

#endif
