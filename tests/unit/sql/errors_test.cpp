// Syntax errors name the 1-based character position and what was expected;
// constructs the printer cannot render are UnsupportedError naming them.
#include "sql/ast.hpp"

#include <gtest/gtest.h>

namespace tb::sql::test {
namespace {

struct ErrorCase {
    std::string sql;
    std::size_t position;
    std::string expected;
};
std::ostream& operator<<(std::ostream& os, const ErrorCase& c) { return os << c.sql; }

const std::vector<ErrorCase> syntax_cases = {
    {"select a b c from t", 12, "',', FROM or end of statement"},
    {"select from t", 8, "expression"},
    {"select a from", 14, "table name"},
    {"select a from t where", 22, "expression"},
    {"selec a", 1, "SELECT, INSERT, UPDATE or DELETE"},
    {"", 1, "SELECT, INSERT, UPDATE or DELETE"},
    {"select a from t order a", 23, "BY"},
    {"select (a from t", 11, "')'"},
    {"select a from t limit x", 23, "number"},
    {"select case when a then b from t", 27, "WHEN, ELSE or END"},
    {"select cast(a as ) from t", 18, "identifier"},
    {"select {fn ucase('a') from t", 23, "'}'"},
    {"insert into t values (1", 24, "',' or ')'"},
    {"select 'abc from t", 19, "end of string"},
    {"select a from t; x", 18, "end of statement"},
    {"select a, from t", 11, "expression"},
    {"select a from t as", 19, "alias"},
    {"select ü from t where x = 'ä' and", 34, "expression"}, // characters, not bytes
    {"SELECT * FROM t WHERE a = 1 ORDER BY", 37, "expression"},
    {"update t set", 13, "identifier"},
    {"delete t", 8, "FROM"},
    {"select a from t where a between 1", 34, "AND"},
    {"select extract(year a) from t", 21, "FROM, ',' or ')'"},
    {"select a from t join u on", 26, "expression"},
    {"select * from t x join", 23, "table name"},
    {"select a from (select b from t", 31, "')'"},
};

class SyntaxErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SyntaxErrors, NamePositionAndExpectation) {
    const auto& c = GetParam();
    try {
        parse(c.sql);
        FAIL() << "parsed: " << c.sql;
    } catch (const SyntaxError& e) {
        EXPECT_EQ(e.position, c.position) << e.what();
        EXPECT_EQ(e.expected, c.expected) << e.what();
        EXPECT_EQ(std::string(e.what()),
                  "syntax error at position " + std::to_string(c.position) + ": expected " + c.expected);
    }
}

INSTANTIATE_TEST_SUITE_P(Sql, SyntaxErrors, ::testing::ValuesIn(syntax_cases));

struct UnsupportedCase {
    std::string sql;
    std::string message;
};
std::ostream& operator<<(std::ostream& os, const UnsupportedCase& c) { return os << c.sql; }

const std::vector<UnsupportedCase> unsupported_cases = {
    {"SELECT {fn SOUNDEX2('x')}", "function SOUNDEX2 is not supported"},
    {"SELECT MEDIAN(x) FROM t", "function MEDIAN is not supported"},
    {"SELECT {fn LEFT('abc')}", "function LEFT does not take 1 arguments"},
    {"SELECT CAST(x AS BLOB) FROM t", "conversion to BLOB is not supported"},
    {"SELECT {fn CONVERT(x, SQL_BINARY)} FROM t", "conversion to BINARY is not supported"},
    {"SELECT EXTRACT(EPOCH FROM x) FROM t", "EXTRACT(EPOCH) is not supported"},
    {"SELECT {fn TIMESTAMPADD(SQL_TSI_CENTURY, 1, x)} FROM t", "TIMESTAMPADD interval CENTURY is not supported"},
    {"SELECT {fn TIMESTAMPDIFF(SQL_TSI_DECADE, x, y)} FROM t", "TIMESTAMPDIFF interval DECADE is not supported"},
    {"SELECT SUM(*) FROM t", "SUM(*) is not supported"},
    {"SELECT UCASE(DISTINCT x) FROM t", "DISTINCT in function UCASE is not supported"},
    {"SELECT date('now')", "function DATE is not supported"},
};

class Unsupported : public ::testing::TestWithParam<UnsupportedCase> {};

TEST_P(Unsupported, IsNamed) {
    auto st = parse(GetParam().sql);
    try {
        to_sqlite(*st, {});
        FAIL() << "printed: " << GetParam().sql;
    } catch (const UnsupportedError& e) {
        EXPECT_EQ(std::string(e.what()), GetParam().message);
    }
}

INSTANTIATE_TEST_SUITE_P(Sql, Unsupported, ::testing::ValuesIn(unsupported_cases));

TEST(UnsupportedJoins, OnAnOldSqlite) {
    PrintOptions old_sqlite;
    old_sqlite.right_and_full_joins = false;
    EXPECT_THROW(to_sqlite(*parse("SELECT * FROM a RIGHT JOIN b ON a.x = b.x"), old_sqlite), UnsupportedError);
    EXPECT_THROW(to_sqlite(*parse("SELECT * FROM a FULL OUTER JOIN b ON a.x = b.x"), old_sqlite), UnsupportedError);
    EXPECT_NO_THROW(to_sqlite(*parse("SELECT * FROM a LEFT JOIN b ON a.x = b.x"), old_sqlite));
}

} // namespace
} // namespace tb::sql::test

namespace tb::sql::test {
namespace {

// Deep nesting is refused before the recursion could exhaust the stack; long
// flat chains (slicer filters) stay shallow and work.
TEST(Limits, DeepNestingIsASyntaxError) {
    for (const std::string& open : {std::string("("), std::string("- "), std::string("NOT "),
                                    std::string("(SELECT "), std::string("{fn ucase(")}) {
        std::string sql = "SELECT ";
        for (int i = 0; i < 5000; ++i) sql += open;
        sql += "1";
        try {
            parse(sql);
            FAIL() << open;
        } catch (const SyntaxError& e) {
            EXPECT_NE(std::string(e.what()).find("nested too deeply"), std::string::npos) << e.what();
        }
    }
    std::string from = "SELECT * FROM ";
    for (int i = 0; i < 5000; ++i) from += "(";
    EXPECT_THROW(parse(from + "t"), SyntaxError);
}

TEST(Limits, ModerateNestingWorks) {
    std::string sql = "SELECT ";
    for (int i = 0; i < 60; ++i) sql += "(";
    sql += "1";
    for (int i = 0; i < 60; ++i) sql += ")";
    EXPECT_EQ(to_sqlite(*parse(sql), {}), "SELECT 1 AS \"" + sql.substr(7) + "\"");
    std::string derived = "SELECT * FROM worktime";
    for (int i = 0; i < 40; ++i) derived = "SELECT * FROM (" + derived + ") \"_\"";
    EXPECT_NO_THROW(to_sqlite(*parse(derived), {}));
}

TEST(Limits, LongOrChainsStayFlat) {
    std::string sql = "SELECT * FROM worktime WHERE year = 2025 AND (";
    for (int i = 0; i < 20000; ++i) sql += (i ? " OR user_id = " : "user_id = ") + std::to_string(i);
    sql += ")";
    auto st = parse(sql);
    EXPECT_GT(to_sqlite(*st, {}).size(), sql.size() / 2);
    auto p = analyse_pushdown(*st, [](const TableRef&, std::string_view c) { return c == "user_id"; });
    EXPECT_EQ(p.constraints.at(1).at("user_id").values->size(), 20000u);
}

} // namespace
} // namespace tb::sql::test
