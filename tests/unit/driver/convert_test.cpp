// The date/time text parser behind every date, time and timestamp fetched.
#include <gtest/gtest.h>

#include "driver/convert.hpp"

using tb::driver::parse_timestamp_text;

TEST(TimestampText, DateTimeAndBoth) {
    SQL_TIMESTAMP_STRUCT ts;
    bool has_date, has_time;
    ASSERT_TRUE(parse_timestamp_text("2024-03-05", ts, has_date, has_time));
    EXPECT_TRUE(has_date);
    EXPECT_FALSE(has_time);
    EXPECT_EQ(ts.year, 2024);
    EXPECT_EQ(ts.month, 3);
    EXPECT_EQ(ts.day, 5);

    ASSERT_TRUE(parse_timestamp_text("08:30:15", ts, has_date, has_time));
    EXPECT_FALSE(has_date);
    EXPECT_TRUE(has_time);
    EXPECT_EQ(ts.hour, 8);
    EXPECT_EQ(ts.minute, 30);
    EXPECT_EQ(ts.second, 15);

    ASSERT_TRUE(parse_timestamp_text(" 2024-06-10T06:13:20.5 ", ts, has_date, has_time));
    EXPECT_TRUE(has_date && has_time);
    EXPECT_EQ(ts.hour, 6);
    EXPECT_EQ(ts.second, 20);
    EXPECT_EQ(ts.fraction, 500000000u);

    ASSERT_TRUE(parse_timestamp_text("2024-06-10 23:59", ts, has_date, has_time));
    EXPECT_EQ(ts.minute, 59);
    EXPECT_EQ(ts.second, 0);
}

TEST(TimestampText, RejectsWhatIsNoDateOrTime) {
    SQL_TIMESTAMP_STRUCT ts;
    bool has_date, has_time;
    EXPECT_FALSE(parse_timestamp_text("", ts, has_date, has_time));
    EXPECT_FALSE(parse_timestamp_text("2024-13-01", ts, has_date, has_time));
    EXPECT_FALSE(parse_timestamp_text("24:00:00", ts, has_date, has_time));
    EXPECT_FALSE(parse_timestamp_text("2024-01-01 x", ts, has_date, has_time));
    EXPECT_FALSE(parse_timestamp_text("Müller", ts, has_date, has_time));
}

TEST(TimestampText, TellsImpossibleValuesFromText) {
    SQL_TIMESTAMP_STRUCT ts;
    bool has_date, has_time, out_of_range = false;
    EXPECT_FALSE(parse_timestamp_text("2023-02-29", ts, has_date, has_time, &out_of_range));
    EXPECT_TRUE(out_of_range) << "22007: shaped like a date, but no such day";
    EXPECT_FALSE(parse_timestamp_text("2024-04-31", ts, has_date, has_time, &out_of_range));
    EXPECT_TRUE(out_of_range);
    EXPECT_TRUE(parse_timestamp_text("2024-02-29", ts, has_date, has_time, &out_of_range));
    EXPECT_FALSE(parse_timestamp_text("Müller", ts, has_date, has_time, &out_of_range));
    EXPECT_FALSE(out_of_range) << "22018: not a date at all";
}
