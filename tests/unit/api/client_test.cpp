// The HTTP client against a local plain-HTTP server and unreachable hosts.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "api/client.hpp"
#include "local_http_server.hpp"

namespace {

using tb::api::Client;
using tb::api::ClientConfig;
using tb::api::FailureKind;
using tb::api::Request;
using tb::test::LocalHttpServer;
using tb::test::ReceivedRequest;
using tb::test::Reply;

ClientConfig config_for(const std::string& server) {
    ClientConfig c;
    c.server = server;
    c.connect_timeout_ms = 5000;
    c.request_timeout_ms = 10000;
    c.allow_plain_http = true;  // the local test server speaks plain HTTP
    return c;
}

Request read(std::string action = "absences") {
    Request r;
    r.action = std::move(action);
    r.token = "secret-token";
    return r;
}

// Reads whose form carries n=0, n=1, ...: the handler can tell them apart.
std::vector<Request> numbered_reads(int count) {
    std::vector<Request> requests;
    for (int i = 0; i < count; ++i) {
        Request r = read();
        r.params = {{"n", std::to_string(i)}};
        requests.push_back(r);
    }
    return requests;
}

Request write(std::string action = "projectsimport") {
    Request r = read(std::move(action));
    r.is_write = true;
    return r;
}

Reply ok(std::string body = "A;B\n1;2\n") {
    Reply r;
    r.body = std::move(body);
    return r;
}

TEST(Client, ClosedPortIsAConnectFailure) {
    Client client(config_for("http://127.0.0.1:" + std::to_string(tb::test::closed_port())));
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Connect);
    EXPECT_FALSE(out.ok());
    EXPECT_FALSE(out.error.empty());
    EXPECT_EQ(out.error.find("secret-token"), std::string::npos);
}

TEST(Client, UnresolvableHostIsAResolveFailure) {
    Client client(config_for("https://nonexistent.invalid"));
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Resolve) << out.error;
}

TEST(Client, TokenNeverAppearsInErrors) {
    // The host name carries the token, so libcurl's own message would quote it.
    Client client(config_for("https://secret-token.invalid"));
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Resolve);
    EXPECT_EQ(out.error.find("secret-token"), std::string::npos) << out.error;
    EXPECT_NE(out.error.find("***"), std::string::npos) << out.error;
}

TEST(Client, InvalidActionFailsLocally) {
    Client client(config_for("http://127.0.0.1:1"));
    auto out = client.perform(read("../users"));
    EXPECT_EQ(out.failure, FailureKind::Other);
}

TEST(Client, PostsAFormBody) {
    LocalHttpServer server([](const ReceivedRequest&) { return ok(); });
    Client client(config_for(server.url()));
    Request r = read("absences");
    r.params = {{"year", "2024"}, {"comment", "a b&c=d/ü"}};
    auto out = client.perform(r);
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.status, 200);
    EXPECT_EQ(out.response.body, "A;B\n1;2\n");
    EXPECT_EQ(out.response.content_type, "text/csv;charset=UTF-8");
    auto got = server.requests();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].method, "POST");
    EXPECT_EQ(got[0].path, "/api/v1/absences");
    EXPECT_EQ(got[0].body, "auth=secret-token&year=2024&comment=a%20b%26c%3Dd%2F%C3%BC");
    EXPECT_EQ(got[0].headers["content-type"], "application/x-www-form-urlencoded");
    EXPECT_EQ(got[0].headers.count("expect"), 0u);
    EXPECT_EQ(got[0].headers["user-agent"], "TimebutlerODBC/0.1");
    EXPECT_FALSE(got[0].headers["accept-encoding"].empty());  // gzip accepted
}

TEST(Client, PostsAMultipartUpload) {
    LocalHttpServer server([](const ReceivedRequest&) { return ok("line #1: OK;17\n"); });
    Client client(config_for(server.url() + "/"));
    Request r = write("projectsimport");
    r.params = {{"mode", "x"}};
    r.file = tb::api::FilePart{};
    r.file->content = "CREATE;;Project A;true;10;false;note\n";
    auto out = client.perform(r);
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.body, "line #1: OK;17\n");
    auto got = server.requests();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].path, "/api/v1/projectsimport");
    EXPECT_EQ(got[0].headers["content-type"].rfind("multipart/form-data; boundary=", 0), 0u);
    const std::string& body = got[0].body;
    EXPECT_NE(body.find("name=\"auth\"\r\n\r\nsecret-token\r\n"), std::string::npos);
    EXPECT_NE(body.find("name=\"mode\"\r\n\r\nx\r\n"), std::string::npos);
    EXPECT_NE(body.find("name=\"csvdatafile\"; filename=\"data.csv\""), std::string::npos);
    EXPECT_NE(body.find("\r\n\r\nCREATE;;Project A;true;10;false;note\n\r\n"), std::string::npos);
    EXPECT_LT(body.find("name=\"auth\""), body.find("name=\"csvdatafile\""));
}

TEST(Client, ConcurrentRequestsKeepTheirOrderAndTheLimit) {
    LocalHttpServer server([](const ReceivedRequest& r) {
        Reply reply = ok(r.body.substr(r.body.find("n=") + 2));
        reply.delay_ms = 50;
        return reply;
    });
    ClientConfig c = config_for(server.url());
    c.max_concurrent = 3;
    Client client(c);
    const std::vector<Request> requests = numbered_reads(12);
    auto outcomes = client.perform_all(requests);
    ASSERT_EQ(outcomes.size(), requests.size());
    for (int i = 0; i < 12; ++i) {
        ASSERT_TRUE(outcomes[i].ok()) << outcomes[i].error;
        EXPECT_EQ(outcomes[i].response.body, std::to_string(i));
    }
    EXPECT_LE(server.max_in_flight(), 3);
    EXPECT_GE(server.max_in_flight(), 2);  // they did overlap
    EXPECT_LE(server.connections(), 3);
}

// Answers are handed over as they arrive, before later requests are
// answered, and the callback may take the body.
TEST(Client, AnswersAreHandedOverAsTheyArrive) {
    LocalHttpServer server([](const ReceivedRequest& r) {
        const int n = std::stoi(r.body.substr(r.body.find("n=") + 2));
        Reply reply = ok(std::to_string(n));
        reply.delay_ms = n == 0 ? 20 : 400;  // the first answers long before the others
        return reply;
    });
    ClientConfig c = config_for(server.url());
    c.max_concurrent = 1;
    Client client(c);
    const std::vector<Request> requests = numbered_reads(3);
    std::vector<std::pair<std::size_t, std::size_t>> seen;  // (index, requests the server had then)
    auto outcomes = client.perform_all(requests, {}, nullptr, [&](std::size_t i, tb::api::Outcome& o) {
        EXPECT_EQ(o.response.body, std::to_string(i));
        seen.emplace_back(i, server.requests().size());
        std::string().swap(o.response.body);
    });
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0], (std::pair<std::size_t, std::size_t>{0, 1})) << "answer 0 before request 1 was sent";
    for (const auto& o : outcomes) {
        EXPECT_TRUE(o.ok());
        EXPECT_TRUE(o.response.body.empty()) << "the callback took it";
    }
}

TEST(Client, ADeadlineEndsTheCallAndMarksWhatItCut) {
    LocalHttpServer server([](const ReceivedRequest& r) {
        const int n = std::stoi(r.body.substr(r.body.find("n=") + 2));
        Reply reply = ok();
        reply.delay_ms = n == 0 ? 0 : 3000;
        return reply;
    });
    ClientConfig c = config_for(server.url());
    c.max_concurrent = 1;
    Client client(c);
    const std::vector<Request> requests = numbered_reads(3);
    auto outcomes = client.perform_all(requests, std::chrono::steady_clock::now() + std::chrono::milliseconds(800));
    ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].error;
    EXPECT_FALSE(outcomes[0].past_deadline);
    for (int i = 1; i < 3; ++i) {
        EXPECT_EQ(outcomes[i].failure, FailureKind::Timeout) << i;
        EXPECT_TRUE(outcomes[i].past_deadline) << i;
    }
    EXPECT_EQ(server.requests().size(), 2u) << "the third was never sent";
}

TEST(Client, CancelFromAnotherThreadEndsTheCall) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply reply = ok();
        reply.delay_ms = 5000;
        return reply;
    });
    Client client(config_for(server.url()));
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel = true;
        client.wakeup();
    });
    auto outcomes = client.perform_all({read(), read()}, {}, &cancel);
    canceller.join();
    for (const auto& o : outcomes) {
        EXPECT_EQ(o.failure, FailureKind::Other);
        EXPECT_TRUE(o.cancelled);
    }
}

TEST(Client, ConnectionsAreReusedBetweenCalls) {
    LocalHttpServer server([](const ReceivedRequest&) { return ok(); });
    ClientConfig c = config_for(server.url());
    c.max_concurrent = 2;
    Client client(c);
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(client.perform(read()).ok());
    client.perform_all({read(), read(), read()});
    EXPECT_EQ(server.requests().size(), 8u);
    EXPECT_LE(server.connections(), 2);
}

TEST(Client, EmptyRequestListIsFine) {
    Client client(config_for("http://127.0.0.1:1"));
    EXPECT_TRUE(client.perform_all({}).empty());
}

TEST(Client, ReadsAreRetriedOnServerErrors) {
    std::atomic<int> calls{0};
    LocalHttpServer server([&](const ReceivedRequest&) {
        Reply r = ok("fine");
        if (++calls <= 2)
            r.status = calls == 1 ? 503 : 500;
        return r;
    });
    Client client(config_for(server.url()));
    auto out = client.perform(read());
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.response.status, 200);
    EXPECT_EQ(out.response.body, "fine");
    EXPECT_EQ(server.requests().size(), 3u);
}

TEST(Client, ReadRetriesAreLimited) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r = ok("busy");
        r.status = 502;
        return r;
    });
    ClientConfig c = config_for(server.url());
    c.read_retries = 1;
    Client client(c);
    auto out = client.perform(read());
    ASSERT_TRUE(out.ok());  // an HTTP answer, not a transport failure
    EXPECT_EQ(out.response.status, 502);
    EXPECT_EQ(server.requests().size(), 2u);
}

TEST(Client, ClientErrorsAreNotRetried) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r = ok("unknown action");
        r.status = 400;
        return r;
    });
    Client client(config_for(server.url()));
    auto out = client.perform(read("nosuchaction"));
    EXPECT_EQ(out.response.status, 400);
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(Client, WritesAreNotRetriedOnServerErrors) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r = ok("RESULT_ERR_INTERNAL_ERROR");
        r.status = 500;
        return r;
    });
    Client client(config_for(server.url()));
    auto out = client.perform(write("timeclock"));
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.response.status, 500);
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(Client, AWriteIsSentOnceWhenTheServerDropsTheConnection) {
    // A keep-alive connection is pooled by the read first. libcurl would
    // silently re-send a request whose reused connection closes without an
    // answer; a write must never be on such a connection.
    LocalHttpServer server([](const ReceivedRequest& r) {
        if (r.path == "/api/v1/projectsimport") {
            Reply drop;
            drop.kind = Reply::Kind::CloseSilently;
            return drop;
        }
        return ok();
    });
    ClientConfig c = config_for(server.url());
    c.max_concurrent = 1;
    Client client(c);
    ASSERT_TRUE(client.perform(read("projects")).ok());
    auto out = client.perform(write("projectsimport"));
    EXPECT_EQ(out.failure, FailureKind::Transfer) << out.error;
    int uploads = 0;
    for (const auto& r : server.requests())
        uploads += r.path == "/api/v1/projectsimport";
    EXPECT_EQ(uploads, 1);
}

TEST(Client, AReadIsRetriedWhenTheServerDropsTheConnection) {
    std::atomic<int> calls{0};
    LocalHttpServer server([&](const ReceivedRequest&) {
        if (++calls == 1) {
            Reply drop;
            drop.kind = Reply::Kind::CloseSilently;
            return drop;
        }
        return ok();
    });
    Client client(config_for(server.url()));
    auto out = client.perform(read());
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.status, 200);
    EXPECT_EQ(server.requests().size(), 2u);
}

TEST(Client, TimeoutAfterSendingIsATimeoutAndAWriteIsNotRetried) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r;
        r.kind = Reply::Kind::Hang;
        return r;
    });
    ClientConfig c = config_for(server.url());
    c.request_timeout_ms = 300;
    Client client(c);
    auto out = client.perform(write("timeclock"));
    EXPECT_EQ(out.failure, FailureKind::Timeout) << out.error;
    EXPECT_EQ(server.requests().size(), 1u);

    // A read ends after the stall limit and is retried (request_timeout_ms
    // bounds all attempts together, so it is raised here).
    c.read_retries = 1;
    c.request_timeout_ms = 20000;
    c.stall_timeout_ms = 1000;
    Client reader(c);
    auto again = reader.perform(read());
    EXPECT_EQ(again.failure, FailureKind::Timeout);
    EXPECT_EQ(server.requests().size(), 3u);  // one write, a read and its retry
}

TEST(Client, TimeoutBeforeTheRequestWasSentIsAConnectFailure) {
    // TLS to a server that accepts TCP and then says nothing: the handshake
    // times out, no HTTP byte has left the client.
    LocalHttpServer server([](const ReceivedRequest&) { return ok(); });
    ClientConfig c = config_for("https://127.0.0.1:" + std::to_string(server.port()));
    c.request_timeout_ms = 300;
    c.read_retries = 0;
    Client client(c);
    auto out = client.perform(write("timeclock"));
    EXPECT_EQ(out.failure, FailureKind::Connect) << out.error;
    EXPECT_TRUE(server.requests().empty());
}

TEST(Client, TruncatedBodyIsATransferFailure) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r = ok("A;B\n1;");
        r.kind = Reply::Kind::Truncate;
        return r;
    });
    ClientConfig c = config_for(server.url());
    c.read_retries = 0;
    Client client(c);
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Transfer) << out.error;
    EXPECT_TRUE(out.response.body.empty());
}

TEST(Client, LargeBodiesArriveWhole) {
    std::string big;
    for (int i = 0; i < 200000; ++i)
        big += std::to_string(i) + ";7;00123;01/02/2024;08:00;17:00\n";
    LocalHttpServer server([&](const ReceivedRequest&) { return ok(big); });
    Client client(config_for(server.url()));
    auto out = client.perform(read("worktime"));
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.body.size(), big.size());
    EXPECT_TRUE(out.response.body == big);
}

TEST(Client, SeveralClientsInParallelThreads) {
    LocalHttpServer server([](const ReceivedRequest& r) { return ok(r.body); });
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            Client client(config_for(server.url()));
            std::vector<Request> requests;
            for (int i = 0; i < 5; ++i) {
                Request r = read();
                r.params = {{"t", std::to_string(t)}, {"i", std::to_string(i)}};
                requests.push_back(r);
            }
            auto outcomes = client.perform_all(requests);
            for (int i = 0; i < 5; ++i)
                if (outcomes[i].ok() && outcomes[i].response.body ==
                                            "auth=secret-token&t=" + std::to_string(t) + "&i=" + std::to_string(i))
                    ++good;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(good.load(), 20);
}

TEST(Client, MixedOutcomesStayInOrder) {
    LocalHttpServer server([](const ReceivedRequest& r) {
        Reply reply = ok(r.path);
        if (r.path == "/api/v1/missing")
            reply.status = 400;
        return reply;
    });
    ClientConfig c = config_for(server.url());
    Client client(c);
    auto outcomes = client.perform_all({read("absences"), read("../bad"), read("missing"), read("users")});
    ASSERT_EQ(outcomes.size(), 4u);
    EXPECT_EQ(outcomes[0].response.body, "/api/v1/absences");
    EXPECT_EQ(outcomes[1].failure, FailureKind::Other);
    EXPECT_EQ(outcomes[2].response.status, 400);
    EXPECT_EQ(outcomes[3].response.body, "/api/v1/users");
}

} // namespace

TEST(Client, PlainHttpIsRefusedUnlessAllowed) {
    LocalHttpServer server([](const ReceivedRequest&) { return ok(); });
    ClientConfig c = config_for(server.url());
    c.allow_plain_http = false;
    Client client(c);
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Other) << out.error;
    EXPECT_EQ(server.connections(), 0);
}

TEST(Client, AStalledReadEndsAfterTheStallTimeoutAndIsRetried) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r;
        r.kind = Reply::Kind::Hang;
        return r;
    });
    ClientConfig c = config_for(server.url());
    c.stall_timeout_ms = 1000;
    c.request_timeout_ms = 60000;
    c.read_retries = 1;
    Client client(c);
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Timeout) << out.error;
    EXPECT_FALSE(out.past_deadline);
    EXPECT_EQ(server.requests().size(), 2u);
}

TEST(Client, RetryAfterSetsTheWaitBeforeTheRetry) {
    std::atomic<int> calls{0};
    LocalHttpServer server([&](const ReceivedRequest&) {
        Reply r = ok("fine");
        if (++calls == 1) {
            r.status = 429;
            r.headers = {{"Retry-After", "1"}};
        }
        return r;
    });
    Client client(config_for(server.url()));
    const auto started = std::chrono::steady_clock::now();
    auto out = client.perform(read());
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.status, 200);
    EXPECT_EQ(server.requests().size(), 2u);
    // A lower bound: it shows the wait happened and cannot fail on a slow machine.
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
}

TEST(Client, ARetryAfterPastTheDeadlineIsNotWaitedFor) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r = ok("busy");
        r.status = 503;
        r.headers = {{"Retry-After", "3600"}};
        return r;
    });
    Client client(config_for(server.url()));
    auto out = client.perform(read(), std::chrono::steady_clock::now() + std::chrono::seconds(20));
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.response.status, 503);
    ASSERT_TRUE(out.retry_after.has_value());
    EXPECT_GT(*out.retry_after, std::chrono::system_clock::now() + std::chrono::minutes(59));
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(Client, AWriteIsNotRetriedAfterRetryAfter) {
    LocalHttpServer server([](const ReceivedRequest&) {
        Reply r = ok("busy");
        r.status = 429;
        r.headers = {{"Retry-After", "0"}};
        return r;
    });
    Client client(config_for(server.url()));
    auto out = client.perform(write("timeclock"));
    EXPECT_EQ(out.response.status, 429);
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(Client, AnAnswerOverTheCapFailsAndIsNotRetried) {
    const std::string big(3u << 20, 'x');
    LocalHttpServer server([&](const ReceivedRequest&) { return ok(big); });
    ClientConfig c = config_for(server.url());
    c.max_answer_bytes = 1u << 20;
    Client client(c);
    auto out = client.perform(read());
    EXPECT_EQ(out.failure, FailureKind::Other);
    EXPECT_TRUE(out.too_large) << out.error;
    EXPECT_NE(out.error.find("1 MiB"), std::string::npos) << out.error;
    EXPECT_TRUE(out.response.body.empty());
    EXPECT_EQ(server.requests().size(), 1u);
}
