// Failure classification and the retry policy.
#include <gtest/gtest.h>

#include "api/failure.hpp"

namespace {

using tb::api::FailureKind;
using tb::api::Outcome;
using tb::api::Request;
using namespace tb::api::detail;

TEST(Classify, CurlCodes) {
    EXPECT_EQ(classify(CURLE_OK, true), FailureKind::None);
    EXPECT_EQ(classify(CURLE_COULDNT_RESOLVE_HOST, false), FailureKind::Resolve);
    EXPECT_EQ(classify(CURLE_COULDNT_CONNECT, false), FailureKind::Connect);
    EXPECT_EQ(classify(CURLE_PEER_FAILED_VERIFICATION, false), FailureKind::Tls);
    EXPECT_EQ(classify(CURLE_SSL_CONNECT_ERROR, false), FailureKind::Tls);
    EXPECT_EQ(classify(CURLE_SSL_CACERT_BADFILE, false), FailureKind::Tls);
    EXPECT_EQ(classify(CURLE_OPERATION_TIMEDOUT, true), FailureKind::Timeout);
    EXPECT_EQ(classify(CURLE_RECV_ERROR, true), FailureKind::Transfer);
    EXPECT_EQ(classify(CURLE_SEND_ERROR, true), FailureKind::Transfer);
    EXPECT_EQ(classify(CURLE_GOT_NOTHING, true), FailureKind::Transfer);
    EXPECT_EQ(classify(CURLE_PARTIAL_FILE, true), FailureKind::Transfer);
    EXPECT_EQ(classify(CURLE_URL_MALFORMAT, false), FailureKind::Other);
    EXPECT_EQ(classify(CURLE_UNSUPPORTED_PROTOCOL, false), FailureKind::Other);
}

TEST(Classify, TimeoutBeforeTheRequestWasSentIsAConnectFailure) {
    EXPECT_EQ(classify(CURLE_OPERATION_TIMEDOUT, false), FailureKind::Connect);
}

Outcome failed(FailureKind kind) {
    Outcome o;
    o.failure = kind;
    return o;
}

Outcome answered(long status) {
    Outcome o;
    o.response.status = status;
    return o;
}

TEST(Retry, Reads) {
    Request read;
    EXPECT_TRUE(may_retry(read, failed(FailureKind::Connect)));
    EXPECT_TRUE(may_retry(read, failed(FailureKind::Transfer)));
    EXPECT_TRUE(may_retry(read, failed(FailureKind::Timeout)));
    EXPECT_FALSE(may_retry(read, failed(FailureKind::Resolve)));
    EXPECT_FALSE(may_retry(read, failed(FailureKind::Tls)));
    EXPECT_FALSE(may_retry(read, failed(FailureKind::Other)));
    for (long s : {500L, 502L, 503L, 504L})
        EXPECT_TRUE(may_retry(read, answered(s))) << s;
    for (long s : {200L, 400L, 401L, 404L, 405L, 413L, 501L})
        EXPECT_FALSE(may_retry(read, answered(s))) << s;
}

TEST(Retry, WritesOnlyWhenNothingWasSent) {
    Request write;
    write.is_write = true;
    EXPECT_TRUE(may_retry(write, failed(FailureKind::Connect)));
    EXPECT_FALSE(may_retry(write, failed(FailureKind::Transfer)));
    EXPECT_FALSE(may_retry(write, failed(FailureKind::Timeout)));
    EXPECT_FALSE(may_retry(write, failed(FailureKind::Tls)));
    EXPECT_FALSE(may_retry(write, failed(FailureKind::Resolve)));
    for (long s : {200L, 500L, 502L, 503L, 504L})
        EXPECT_FALSE(may_retry(write, answered(s))) << s;
}

TEST(Retry, Backoff) {
    EXPECT_EQ(backoff(1).count(), 100);
    EXPECT_EQ(backoff(2).count(), 300);
    EXPECT_EQ(backoff(3).count(), 900);
    EXPECT_EQ(backoff(10).count(), 2000);
}

TEST(Scrub, RemovesTheTokenInAnySpelling) {
    EXPECT_EQ(scrub("Could not resolve host: s3cr3t.invalid", "s3cr3t"), "Could not resolve host: ***.invalid");
    EXPECT_EQ(scrub("a/b+c and a%2Fb%2Bc", "a/b+c"), "*** and ***");
    // Only whole occurrences: a one-letter token leaves words intact.
    EXPECT_EQ(scrub("xx xx", "x"), "xx xx");
    EXPECT_EQ(scrub("Kunde sagt: super at t", "t"), "Kunde sagt: super at ***");
    EXPECT_EQ(scrub("auth=t&year=2024", "t"), "auth=***&year=2024");
    EXPECT_EQ(scrub("token s3cr3tX and s3cr3t", "s3cr3t"), "token s3cr3tX and ***");
    EXPECT_EQ(scrub("nothing here", ""), "nothing here");
}

} // namespace

namespace {

TEST(RetryTime, SecondsAndHttpDates) {
    const auto now = std::chrono::system_clock::now();
    auto in_two = retry_time("2");
    ASSERT_TRUE(in_two);
    EXPECT_GE(*in_two, now + std::chrono::seconds(1));
    EXPECT_LE(*in_two, now + std::chrono::seconds(3));
    auto date = retry_time("Sun, 06 Nov 1994 08:49:37 GMT");
    ASSERT_TRUE(date);
    EXPECT_EQ(std::chrono::system_clock::to_time_t(*date), 784111777);
    EXPECT_FALSE(retry_time(""));
    EXPECT_FALSE(retry_time("soon"));
    EXPECT_GT(*retry_time("99999999999999999999"), now + std::chrono::hours(24 * 365));
}

TEST(MayRetry, TooManyRequestsIsRetriedForReadsOnly) {
    Outcome o;
    o.response.status = 429;
    Request r;
    EXPECT_TRUE(may_retry(r, o));
    r.is_write = true;
    EXPECT_FALSE(may_retry(r, o));
}

} // namespace
