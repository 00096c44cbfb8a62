// Every case of the SQL corpus (tests/corpus) parsed, printed and run against
// the test database, compared with its hand-written SQLite query or literal
// rows. tests/odbc/test_corpus.cpp runs the same cases through the driver.
#include "corpus.hpp"

#include <gtest/gtest.h>

namespace tb::sql::test {
namespace {

class Corpus : public ::testing::TestWithParam<Case> {};

TEST_P(Corpus, ReturnsTheExpectedRows) {
    std::string problem = check(GetParam());
    EXPECT_TRUE(problem.empty()) << GetParam().odbc << "\n" << problem;
}

INSTANTIATE_TEST_SUITE_P(Select, Corpus, ::testing::ValuesIn(select_cases()));
INSTANTIATE_TEST_SUITE_P(Bi, Corpus, ::testing::ValuesIn(bi_cases()));
INSTANTIATE_TEST_SUITE_P(Functions, Corpus, ::testing::ValuesIn(function_cases()));
INSTANTIATE_TEST_SUITE_P(WithWindow, Corpus, ::testing::ValuesIn(with_window_cases()));

} // namespace
} // namespace tb::sql::test
