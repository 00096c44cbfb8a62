// Response text on its way into a message: scrubbed of tokens, bounded,
// control characters visible.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/response_text.hpp"

namespace {

using tb::api::response_excerpt;
using tb::api::scrub_secrets;

TEST(ResponseText, ScrubsBothTokensVerbatimAndFormEscaped) {
    const std::vector<std::string> secrets{"demo-token", "p/e+rs"};
    EXPECT_EQ(scrub_secrets("auth=demo-token&x=p%2Fe%2Brs; p/e+rs", secrets), "auth=***&x=***; ***");
}

TEST(ResponseText, OneLetterTokenLeavesWordsIntact) {
    const std::vector<std::string> secrets{"t", ""};
    EXPECT_EQ(scrub_secrets("INTERNAL_ERROR: Kunde sagt: super", secrets), "INTERNAL_ERROR: Kunde sagt: super");
    EXPECT_EQ(scrub_secrets("auth=t&year=2024", secrets), "auth=***&year=2024");
    EXPECT_EQ(scrub_secrets("Couldn't connect to server", secrets), "Couldn't connect to server");
    EXPECT_EQ(scrub_secrets("token 't' echoed", secrets), "token '***' echoed");
}

TEST(ResponseText, ExcerptIsBoundedAndShowsControlCharacters) {
    const std::vector<std::string> none;
    EXPECT_EQ(response_excerpt("OK\r\n", 100, none), "OK\\r\\n");
    EXPECT_EQ(response_excerpt(std::string("a\0b\x7f", 4), 100, none), "a?b?");
    EXPECT_EQ(response_excerpt("abcdef", 3, none), "abc...");
    EXPECT_EQ(response_excerpt("\xFF\xFE", 100, none), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(response_excerpt("\xC3\xA4\xC3\xA4", 3, none), "\xC3\xA4...");
}

TEST(ResponseText, ATokenAcrossTheCutLeavesNoPrefix) {
    const std::vector<std::string> secrets{"secret-token-123"};
    const std::string body = std::string(10, 'x') + " secret-token-123 tail";
    const std::string out = response_excerpt(body, 15, secrets);
    EXPECT_EQ(out.find("secr"), std::string::npos) << out;
    EXPECT_EQ(out.find("sec"), std::string::npos) << out;
}

} // namespace
