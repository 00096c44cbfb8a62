// UTF-8 validation and repair.
#include <gtest/gtest.h>

#include "api/csv.hpp"

namespace {

using tb::api::is_valid_utf8;
using tb::api::repair_utf8;

const std::string R = "\xEF\xBF\xBD";  // U+FFFD

TEST(Utf8, ValidTextIsUnchanged) {
    for (std::string s : {std::string(""), std::string("plain ascii text, long enough for words"),
                          std::string("M\xC3\xBCller \xC3\x9F"),              // Müller ß
                          std::string("\xE2\x82\xAC 10"),                      // €
                          std::string("\xF0\x9F\x98\x80"),                     // U+1F600
                          std::string("\xED\x9F\xBF"),                         // U+D7FF
                          std::string("\xEE\x80\x80"),                         // U+E000
                          std::string("\xF4\x8F\xBF\xBF"),                     // U+10FFFF
                          std::string("a\0b", 3)}) {
        EXPECT_TRUE(is_valid_utf8(s)) << s;
        EXPECT_EQ(repair_utf8(s), s);
    }
}

TEST(Utf8, LoneContinuationAndInvalidBytes) {
    EXPECT_FALSE(is_valid_utf8("a\x80z"));
    EXPECT_EQ(repair_utf8("a\x80z"), "a" + R + "z");
    EXPECT_EQ(repair_utf8("\xFF\xFE"), R + R);
    EXPECT_EQ(repair_utf8("\xF5\x80"), R + R);
}

TEST(Utf8, Latin1IsRepaired) {
    // "Müller" in ISO-8859-1: ü = 0xFC.
    EXPECT_EQ(repair_utf8("M\xFCller"), "M" + R + "ller");
}

TEST(Utf8, Overlongs) {
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
    EXPECT_EQ(repair_utf8("\xC0\xAF"), R + R);            // C0, C1 never valid
    EXPECT_EQ(repair_utf8("\xC1\xBF"), R + R);
    EXPECT_EQ(repair_utf8("\xE0\x80\xAF"), R + R + R);    // E0 needs A0..BF
    EXPECT_EQ(repair_utf8("\xF0\x80\x80\xAF"), R + R + R + R);
}

TEST(Utf8, Surrogates) {
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // U+D800
    EXPECT_EQ(repair_utf8("\xED\xA0\x80"), R + R + R);
    EXPECT_EQ(repair_utf8("\xED\xBF\xBFx"), R + R + R + "x");
}

TEST(Utf8, AboveMaximum) {
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
    EXPECT_EQ(repair_utf8("\xF4\x90\x80\x80"), R + R + R + R);
}

TEST(Utf8, TruncatedSequencesAreOneReplacementEach) {
    EXPECT_EQ(repair_utf8("\xE2\x82"), R);                 // truncated at the end
    EXPECT_EQ(repair_utf8("\xE2\x82z"), R + "z");          // interrupted
    EXPECT_EQ(repair_utf8("\xF0\x9F\x98"), R);
    EXPECT_EQ(repair_utf8("\xF0\x9F\x98\xC3\xBC"), R + "\xC3\xBC");
    EXPECT_EQ(repair_utf8("\xC3"), R);
    EXPECT_EQ(repair_utf8("ab\xC3"), "ab" + R);
}

TEST(Utf8, RepairedTextIsValid) {
    std::uint32_t seed = 7;
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        for (int i = 0; i < round % 40; ++i) {
            seed = seed * 1664525u + 1013904223u;
            s.push_back(static_cast<char>(seed >> 24));
        }
        const std::string fixed = repair_utf8(s);
        EXPECT_TRUE(is_valid_utf8(fixed));
        if (is_valid_utf8(s)) {
            EXPECT_EQ(fixed, s);
        }
    }
}

TEST(Utf8, AsciiFastPathBoundaries) {
    for (std::size_t pos = 0; pos < 20; ++pos) {
        std::string s(20, 'x');
        s[pos] = '\x80';
        EXPECT_FALSE(is_valid_utf8(s)) << pos;
        std::string expected(20, 'x');
        expected.replace(pos, 1, R);
        EXPECT_EQ(repair_utf8(s), expected);
    }
}

} // namespace
