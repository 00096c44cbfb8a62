// CSV decoding of Timebutler responses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/csv.hpp"

namespace {

struct Row {
    std::vector<std::string> fields;
    std::size_t line;
};

struct Decoded {
    std::vector<std::string> header;
    std::vector<Row> rows;
};

Decoded decode(std::string_view body, bool has_header = true) {
    Decoded d;
    d.header = tb::api::decode_csv(body, has_header,
                                   [&](std::span<const std::string_view> fields, std::size_t line) {
                                       Row r;
                                       r.line = line;
                                       for (auto f : fields)
                                           r.fields.emplace_back(f);
                                       d.rows.push_back(std::move(r));
                                   });
    return d;
}

using Fields = std::vector<std::string>;

TEST(Csv, HeaderAndRows) {
    auto d = decode("ID;Name;State\n1;Alpha;active\n2;Beta;inactive\n");
    EXPECT_EQ(d.header, (Fields{"ID", "Name", "State"}));
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "Alpha", "active"}));
    EXPECT_EQ(d.rows[1].fields, (Fields{"2", "Beta", "inactive"}));
    EXPECT_EQ(d.rows[0].line, 2u);
    EXPECT_EQ(d.rows[1].line, 3u);
}

TEST(Csv, HeaderOnlyMeansNoRows) {
    auto d = decode("ID of the project;Name;State\n");
    EXPECT_EQ(d.header.size(), 3u);
    EXPECT_TRUE(d.rows.empty());
}

TEST(Csv, EmptyBody) {
    auto d = decode("");
    EXPECT_TRUE(d.header.empty());
    EXPECT_TRUE(d.rows.empty());
    EXPECT_TRUE(decode("\n\r\n\n").rows.empty());
}

TEST(Csv, HeaderNamesAreTrimmed) {
    auto d = decode(" ID ;Name\t\n1;x\n");
    EXPECT_EQ(d.header, (Fields{"ID", "Name"}));
}

TEST(Csv, Crlf) {
    auto d = decode("A;B\r\n1;2\r\n3;\r\n");
    EXPECT_EQ(d.header, (Fields{"A", "B"}));
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "2"}));
    EXPECT_EQ(d.rows[1].fields, (Fields{"3", ""}));
}

TEST(Csv, CrlfWithoutFinalNewline) {
    auto d = decode("A;B\r\n1;2\r");
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "2"}));
}

TEST(Csv, CarriageReturnInsideFieldIsKept) {
    auto d = decode("A;B\n1\r2;3\n", true);
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1\r2", "3"}));
}

TEST(Csv, ByteOrderMarkIsStripped) {
    auto d = decode("\xEF\xBB\xBFID;Name\n1;x\n");
    EXPECT_EQ(d.header, (Fields{"ID", "Name"}));
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].line, 2u);
}

TEST(Csv, BlankAndTrailingLinesAreSkipped) {
    auto d = decode("\nA;B\n\n1;2\r\n\r\n3;4\n\n\n");
    EXPECT_EQ(d.header, (Fields{"A", "B"}));
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "2"}));
    EXPECT_EQ(d.rows[0].line, 4u);
    EXPECT_EQ(d.rows[1].fields, (Fields{"3", "4"}));
    EXPECT_EQ(d.rows[1].line, 6u);
}

TEST(Csv, NoFinalNewline) {
    auto d = decode("A;B\n1;2");
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "2"}));
}

TEST(Csv, EmptyFieldsAndSingleSpaceArePreserved) {
    auto d = decode("A;B;C;D\n;; ;\n");
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"", "", " ", ""}));
}

TEST(Csv, RowsMayHaveOtherFieldCounts) {
    auto d = decode("A;B\n1\n1;2;3\n");
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1"}));
    EXPECT_EQ(d.rows[1].fields, (Fields{"1", "2", "3"}));
}

// The service does not quote (api-notes.md): a '"' is an ordinary character,
// and a field starting with one never runs past its line.
TEST(Csv, QuotesAreOrdinaryCharacters) {
    auto d = decode("ID;Comment;X\n1;\"Kunde sagt: super;z\n2;plain;y\n3;\"quoted\";w\n");
    ASSERT_EQ(d.rows.size(), 3u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "\"Kunde sagt: super", "z"}));
    EXPECT_EQ(d.rows[1].fields, (Fields{"2", "plain", "y"}));
    EXPECT_EQ(d.rows[2].fields, (Fields{"3", "\"quoted\"", "w"}));
    EXPECT_EQ(d.rows[2].line, 4u);
}

TEST(Csv, StrayQuoteInsideUnquotedFieldIsLiteral) {
    auto d = decode("A;B;C\n5\" screen;it's \"ok\";x\"\n");
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"5\" screen", "it's \"ok\"", "x\""}));
}

TEST(Csv, ViewsPointIntoTheBody) {
    const std::string body = "A;B\n\"x;\"a\"\"b\"\n";
    std::vector<bool> inside;
    tb::api::decode_csv(body, true, [&](std::span<const std::string_view> f, std::size_t) {
        for (auto v : f)
            inside.push_back(v.data() >= body.data() && v.data() < body.data() + body.size());
    });
    EXPECT_EQ(inside, (std::vector<bool>{true, true}));
}

// Only a line of the wrong shape is read again with quotes, within the line.
TEST(Csv, QuotedReadingOnlyExplainsAWrongFieldCount) {
    auto d = decode("ID;Comment;X\n1;\"a;b\";z\n2;\"say \"\"hi\"\"\";y\n");
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "a;b", "z"}));
    EXPECT_EQ(d.rows[1].fields, (Fields{"2", "\"say \"\"hi\"\"\"", "y"}));
}

TEST(Csv, WrongFieldCountGoesToTheBadRowCallback) {
    std::vector<std::string> bad;
    std::vector<std::size_t> lines, counts;
    std::size_t good = 0;
    auto header = tb::api::decode_csv(
        "A;B;C\n1;2;3\n1;\"open;2;3\n4;5\r\n6;7;8\n", true,
        [&](std::span<const std::string_view>, std::size_t) { ++good; }, 0,
        [&](std::string_view line, std::size_t number, std::size_t fields) {
            bad.emplace_back(line);
            lines.push_back(number);
            counts.push_back(fields);
        });
    EXPECT_EQ(header.size(), 3u);
    EXPECT_EQ(good, 2u);
    EXPECT_EQ(bad, (Fields{"1;\"open;2;3", "4;5"}));
    EXPECT_EQ(lines, (std::vector<std::size_t>{3, 4}));
    EXPECT_EQ(counts, (std::vector<std::size_t>{4, 2}));
}

TEST(Csv, ExpectedFieldsWithoutHeader) {
    std::size_t good = 0, bad = 0;
    tb::api::decode_csv(
        "OK;RUNNING;1;0\nOK\n", false, [&](std::span<const std::string_view>, std::size_t) { ++good; }, 4,
        [&](std::string_view, std::size_t, std::size_t) { ++bad; });
    EXPECT_EQ(good, 1u);
    EXPECT_EQ(bad, 1u);
}

TEST(Csv, HeaderlessMode) {
    auto d = decode("OK\n", false);
    EXPECT_TRUE(d.header.empty());
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"OK"}));
    EXPECT_EQ(d.rows[0].line, 1u);

    auto status = decode("OK;RUNNING;1700000000000;0\r\n", false);
    ASSERT_EQ(status.rows.size(), 1u);
    EXPECT_EQ(status.rows[0].fields, (Fields{"OK", "RUNNING", "1700000000000", "0"}));
}

TEST(Csv, LineNumbersCountBlankLines) {
    auto d = decode("line #1: OK;17\n\nline #3: PROJECT_ID_UNKNOWN\n", false);
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(d.rows[0].line, 1u);
    EXPECT_EQ(d.rows[1].line, 3u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"line #1: OK", "17"}));
}

TEST(Csv, InvalidUtf8PassesThrough) {
    auto d = decode("A\n\xC3(\xFF\n");
    ASSERT_EQ(d.rows.size(), 1u);
    EXPECT_EQ(d.rows[0].fields[0], "\xC3(\xFF");
}

TEST(Csv, LongLinesCrossTheVectorBlocks) {
    // Fields and line ends at every offset relative to the 16-byte blocks.
    std::string body = "H\n";
    std::vector<Fields> expected;
    for (int len = 0; len < 40; ++len) {
        Fields f;
        std::string line;
        for (int k = 0; k < 3; ++k) {
            f.push_back(std::string(static_cast<std::size_t>(len + k), static_cast<char>('a' + k)));
            line += (k ? ";" : "") + f.back();
        }
        body += line + (len % 2 ? "\r\n" : "\n");
        expected.push_back(f);
    }
    auto d = decode(body);
    ASSERT_EQ(d.rows.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(d.rows[i].fields, expected[i]) << i;
        EXPECT_EQ(d.rows[i].line, i + 2);
    }
}

TEST(Csv, QuoteAfterNewlineInTheSameBlockDoesNotAffectThePreviousRecord) {
    auto d = decode("A;B\n1;2\n\"3\";4\n5;6\"\n");
    ASSERT_EQ(d.rows.size(), 3u);
    EXPECT_EQ(d.rows[0].fields, (Fields{"1", "2"}));
    EXPECT_EQ(d.rows[1].fields, (Fields{"\"3\"", "4"}));
    EXPECT_EQ(d.rows[2].fields, (Fields{"5", "6\""}));
}

TEST(Csv, ManyRows) {
    std::string body =
        "ID of the work time entry;User ID;Employee number;Date (dd/mm/yyyy);Start time (hh:mm);"
        "End time (hh:mm);Working time in seconds;Pause in seconds;State;ID of the project;"
        "ID of the service;Comments;Auto stopped\n";
    const std::size_t n = 50000;
    for (std::size_t i = 0; i < n; ++i)
        body += std::to_string(i) + ";7;00123;01/02/2024;08:00;17:00;28800;1800;Accepted;0;0;" +
                (i % 5 == 0 ? std::string("\"a;b\"") : std::string(" ")) + ";false\n";
    std::size_t rows = 0;
    bool all_ok = true;
    auto header = tb::api::decode_csv(body, true, [&](std::span<const std::string_view> f, std::size_t line) {
        all_ok = all_ok && f.size() == 13 && f[0] == std::to_string(rows) && line == rows + 2 &&
                 f[11] == (rows % 5 == 0 ? "a;b" : " ") && f[12] == "false";
        ++rows;
    });
    EXPECT_EQ(header.size(), 13u);
    EXPECT_EQ(rows, n);
    EXPECT_TRUE(all_ok);
}

TEST(Csv, ExceptionFromCallbackPropagates) {
    EXPECT_THROW(tb::api::decode_csv("A\n1\n", true,
                                     [](std::span<const std::string_view>, std::size_t) {
                                         throw std::runtime_error("stop");
                                     }),
                 std::runtime_error);
}

TEST(Csv, ArbitraryBytesNeverCrash) {
    // A cheap deterministic fuzz: every input must terminate, and every view
    // must lie inside the body or be produced from it.
    std::uint32_t seed = 12345;
    const char alphabet[] = {';', '"', '\n', '\r', 'a', ' ', '\xEF', '\xBB', '\xBF'};
    for (int round = 0; round < 3000; ++round) {
        std::string body;
        const int len = round % 64;
        for (int i = 0; i < len; ++i) {
            seed = seed * 1103515245u + 12345u;
            body.push_back(alphabet[(seed >> 16) % sizeof alphabet]);
        }
        std::size_t total = 0;
        tb::api::decode_csv(body, round % 2 == 0, [&](std::span<const std::string_view> f, std::size_t line) {
            EXPECT_GE(line, 1u);
            for (auto v : f)
                total += v.size();
        });
        EXPECT_LE(total, body.size());
    }
}

} // namespace
