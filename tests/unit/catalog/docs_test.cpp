// docs/tables.md is generated from the catalog; a stale checked-in copy
// would document columns the driver does not have.
#include "catalog/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace tb::catalog;

TEST(Docs, TablesMdIsCurrent) {
    const std::string path = std::string(TB_SOURCE_DIR) + "/docs/tables.md";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << " is missing. Generate it with: cmake --build <build-dir> --target update-docs";
    std::ostringstream content;
    content << in.rdbuf();
    const std::string expected = tables_markdown();
    if (content.str() == expected) return;
    // Point at the first difference so the failure says what moved.
    const std::string actual = content.str();
    size_t at = 0;
    while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
    const size_t line = std::count(expected.begin(), expected.begin() + at, '\n') + 1;
    FAIL() << path << " is stale (first difference at line " << line
           << "). Regenerate it with: cmake --build <build-dir> --target update-docs";
}

TEST(Docs, MentionsEveryTableAndColumn) {
    const std::string md = tables_markdown();
    for (const Table& t : tables()) {
        EXPECT_NE(md.find("## " + t.name + "\n"), std::string::npos) << t.name;
        for (const Column& c : t.columns) EXPECT_NE(md.find("`" + c.name + "`"), std::string::npos) << c.name;
    }
    EXPECT_EQ(md.back(), '\n');
    EXPECT_EQ(md.find("\n\n\n"), std::string::npos);
}
