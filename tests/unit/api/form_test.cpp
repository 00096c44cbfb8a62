// Request bodies and URLs.
#include <gtest/gtest.h>

#include "api/client.hpp"
#include "api/request_body.hpp"

namespace {

using tb::api::form_escape;

TEST(FormEscape, UnreservedCharactersAreKept) {
    EXPECT_EQ(form_escape("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(form_escape(""), "");
}

TEST(FormEscape, EverythingElseIsPercentEncoded) {
    EXPECT_EQ(form_escape("a b"), "a%20b");
    EXPECT_EQ(form_escape("a+b&c=d"), "a%2Bb%26c%3Dd");
    EXPECT_EQ(form_escape("x/y?z#%"), "x%2Fy%3Fz%23%25");
    EXPECT_EQ(form_escape(";\r\n"), "%3B%0D%0A");
    EXPECT_EQ(form_escape("M\xC3\xBCller"), "M%C3%BCller");
    EXPECT_EQ(form_escape(std::string_view("\0", 1)), "%00");
}

TEST(FormBody, TokenFirstThenParameters) {
    tb::api::Request r;
    r.action = "absences";
    r.token = "t0k/en+";
    r.params = {{"year", "2024"}, {"comment", "a b&c"}};
    EXPECT_EQ(tb::api::detail::form_body(r), "auth=t0k%2Fen%2B&year=2024&comment=a%20b%26c");
}

TEST(FormBody, NoParameters) {
    tb::api::Request r;
    r.token = "abc";
    EXPECT_EQ(tb::api::detail::form_body(r), "auth=abc");
}

TEST(ActionUrl, JoinsServerAndAction) {
    using tb::api::detail::action_url;
    EXPECT_EQ(action_url("https://app.timebutler.com", "worktime"), "https://app.timebutler.com/api/v1/worktime");
    EXPECT_EQ(action_url("https://h:8443//", "users"), "https://h:8443/api/v1/users");
    EXPECT_EQ(action_url("https://h", "../x"), "");
    EXPECT_EQ(action_url("https://h", "a?b"), "");
    EXPECT_EQ(action_url("https://h", ""), "");
}

} // namespace
