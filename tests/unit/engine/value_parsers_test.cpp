// The value parsers that turn API text into the cache's typed values.
#include <gtest/gtest.h>

#include "engine/loader.hpp"

using namespace tb::engine;

TEST(ValueParsers, DatesDayMonthYear) {
    std::string out;
    ASSERT_TRUE(parse_date_dmy("31/12/2024", out));
    EXPECT_EQ(out, "2024-12-31");
    ASSERT_TRUE(parse_date_dmy("1/2/2024", out));
    EXPECT_EQ(out, "2024-02-01");
    ASSERT_TRUE(parse_date_dmy(" 29/02/2024 ", out));
    EXPECT_EQ(out, "2024-02-29");
    EXPECT_FALSE(parse_date_dmy("29/02/2023", out));
    EXPECT_FALSE(parse_date_dmy("32/01/2024", out));
    EXPECT_FALSE(parse_date_dmy("2024-01-05", out));
    EXPECT_FALSE(parse_date_dmy("", out));
}

TEST(ValueParsers, TimesHoursMinutes) {
    std::string out;
    ASSERT_TRUE(parse_time_hm("08:30", out));
    EXPECT_EQ(out, "08:30:00");
    ASSERT_TRUE(parse_time_hm("7:05", out));
    EXPECT_EQ(out, "07:05:00");
    ASSERT_TRUE(parse_time_hm("23:59:58", out));
    EXPECT_EQ(out, "23:59:58");
    EXPECT_FALSE(parse_time_hm("24:00", out));
    EXPECT_FALSE(parse_time_hm("12:60", out));
    EXPECT_FALSE(parse_time_hm("noon", out));
}

TEST(ValueParsers, NumbersBooleansAndEpoch) {
    std::int64_t i;
    double d;
    bool b;
    std::string out;
    EXPECT_TRUE(parse_integer("00123", i));
    EXPECT_EQ(i, 123);
    EXPECT_FALSE(parse_integer("12a", i));
    EXPECT_TRUE(parse_decimal("7.5", d));
    EXPECT_DOUBLE_EQ(d, 7.5);
    EXPECT_FALSE(parse_decimal("7,5", d));
    EXPECT_TRUE(parse_bool("TRUE", b));
    EXPECT_TRUE(b);
    EXPECT_TRUE(parse_bool("false", b));
    EXPECT_FALSE(b);
    EXPECT_FALSE(parse_bool("yes", b));
    ASSERT_TRUE(parse_epoch_millis("1718000000000", out));
    EXPECT_EQ(out, "2024-06-10 06:13:20");
    EXPECT_TRUE(is_blank(" "));
    EXPECT_FALSE(is_blank(" x "));
}
