// The completed connection string (SQLDriverConnect's out string) must give
// the same keys and values when an application connects with it again.
// Found by tests/fuzz/fuzz_connection_string: a braced value with spaces or
// a tab at either end came back unbraced and lost them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "driver/connection_string.hpp"

using namespace tb::driver;

namespace {

Attributes round_trip(const std::string& text) {
    const Attributes given = parse_connection_string(text);
    std::vector<std::string> unknown;
    const auto config = make_config(given, unknown);
    return parse_connection_string(complete_connection_string(given, config));
}

TEST(ConnectionStringRoundTrip, KeepsSpacesAndTabsAtTheEdgesOfBracedValues) {
    const auto again = round_trip("Server=https://h;Description={Power BI };PWD={ tok\t};UID={\tu}");
    ASSERT_NE(find_attribute(again, "Description"), nullptr);
    EXPECT_EQ(*find_attribute(again, "Description"), "Power BI ");
    ASSERT_NE(find_attribute(again, "PWD"), nullptr);
    EXPECT_EQ(*find_attribute(again, "PWD"), " tok\t");
    ASSERT_NE(find_attribute(again, "UID"), nullptr);
    EXPECT_EQ(*find_attribute(again, "UID"), "\tu");
}

TEST(ConnectionStringRoundTrip, KeepsSeparatorsAndBracesInsideValues) {
    const auto again = round_trip("Server=https://h;Token={a;b}}c{d};Description=plain");
    ASSERT_NE(find_attribute(again, "Token"), nullptr);
    EXPECT_EQ(*find_attribute(again, "Token"), "a;b}c{d");
    EXPECT_EQ(*find_attribute(again, "Description"), "plain");
}

} // namespace
