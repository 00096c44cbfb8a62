// Sources as catalog data: Timebutler v1 stays the default with its 15
// tables; GoodTime declares its five tables, keys, references and routes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalog/catalog.hpp"

using namespace tb::catalog;

TEST(Sources, TimebutlerIsTheDefaultAndUnchanged) {
    ASSERT_GE(sources().size(), 2u);
    EXPECT_EQ(default_source().name, "timebutler");
    EXPECT_EQ(&tables(), &default_source().tables);
    EXPECT_EQ(tables().size(), 15u);
    for (const Table& t : tables()) EXPECT_EQ(t.source, "timebutler") << t.name;
    EXPECT_EQ(find_source("TimeButler"), &default_source());
    EXPECT_EQ(find_source("nope"), nullptr);
}

TEST(Sources, GoodTimeDeclaresItsFiveTables) {
    const Source* s = find_source("goodtime");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->auth, AuthKind::JwtLogin);
    EXPECT_EQ(s->format, AnswerFormat::Json);
    std::vector<std::string> names;
    for (const Table& t : s->tables) {
        names.push_back(t.name);
        EXPECT_EQ(t.source, "goodtime");
        EXPECT_EQ(t.method, HttpMethod::Get);
        EXPECT_FALSE(t.primary_key.empty()) << t.name;
        // Every reference names a table and column of the same source.
        for (const ForeignKey& fk : t.foreign_keys) {
            const Table* ref = s->find_table(fk.ref_table);
            ASSERT_NE(ref, nullptr) << t.name << "." << fk.column;
            EXPECT_NE(ref->find_column(fk.ref_column), nullptr) << fk.ref_table << "." << fk.ref_column;
        }
    }
    EXPECT_EQ(names, (std::vector<std::string>{"timetypes", "users", "projects", "user_projects", "timeentries"}));
    EXPECT_EQ(s->find_table("Users")->columns.front().name, "login_email");
    EXPECT_EQ(s->suggest_table("timeentry"), "timeentries");
}

TEST(Sources, TimeentriesKeysAndColumns) {
    const Table& t = *find_source("goodtime")->find_table("timeentries");
    ASSERT_EQ(t.keys.size(), 3u);
    EXPECT_EQ(t.keys[0].param, "useremail");
    EXPECT_EQ(t.keys[0].when_absent, KeyColumn::Default::EveryUser);
    EXPECT_EQ(t.keys[1].period, PeriodEnd::Start);
    EXPECT_EQ(t.keys[2].period, PeriodEnd::End);
    EXPECT_EQ(t.find_column("start_time")->type, SqlType::Timestamp);
    EXPECT_EQ(t.find_column("start_time")->parser, ValueParser::Timestamp);
    EXPECT_EQ(t.find_column("locked")->type, SqlType::Bit);
    EXPECT_TRUE(t.runtime_columns);
    ASSERT_EQ(t.writes.size(), 2u);
    EXPECT_EQ(t.writes[0].body, WriteBody::Json);
    EXPECT_EQ(t.writes[0].checks.size(), 3u);
    EXPECT_EQ(t.writes[1].method, HttpMethod::Delete);
    EXPECT_EQ(t.writes[1].action, "deletetimeentry/{id}");
    // Every write field names a real column.
    for (const WriteRoute& r : t.writes)
        for (const WriteField& f : r.fields) EXPECT_NE(t.find_column(f.column), nullptr) << f.column;
}
