// INSERT, UPDATE and DELETE parse to an AST the engine reads without an
// evaluator; printed, they also run on SQLite.
#include "corpus.hpp"
#include "sql/ast.hpp"
#include "tests/corpus/test_db.hpp"

#include <gtest/gtest.h>

namespace tb::sql::test {
namespace {

std::int64_t integer(const std::optional<Value>& v) { return std::get<std::int64_t>(v.value().literal); }
std::string text(const std::optional<Value>& v) { return std::get<std::string>(v.value().literal); }

TEST(Dml, InsertValuesRows) {
    auto st = parse("INSERT INTO timebutler.projects (name, state, budget_hours, service_required, comments) "
                    "VALUES ('Neu', 'Active', 120, TRUE, NULL), (N'Zwei', 'Inactive', -5, FALSE, 'x''y'), (?, ?, ?, ?, ?)");
    ASSERT_EQ(kind(*st), StatementKind::Insert);
    const ast::Insert& ins = st->insert;
    EXPECT_EQ(ins.schema, "timebutler");
    EXPECT_EQ(ins.table, "projects");
    EXPECT_EQ(ins.columns, (std::vector<std::string>{"name", "state", "budget_hours", "service_required", "comments"}));
    ASSERT_EQ(ins.rows.size(), 3u);
    EXPECT_EQ(text(ast::constant_value(ins.rows[0][0])), "Neu");
    EXPECT_EQ(integer(ast::constant_value(ins.rows[0][2])), 120);
    EXPECT_EQ(integer(ast::constant_value(ins.rows[0][3])), 1);
    auto null = ast::constant_value(ins.rows[0][4]);
    ASSERT_TRUE(null);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(null->literal));
    EXPECT_EQ(null->parameter, 0);
    EXPECT_EQ(text(ast::constant_value(ins.rows[1][0])), "Zwei");
    EXPECT_EQ(integer(ast::constant_value(ins.rows[1][2])), -5);
    EXPECT_EQ(text(ast::constant_value(ins.rows[1][4])), "x'y");
    EXPECT_EQ(ast::constant_value(ins.rows[2][0])->parameter, 1);
    EXPECT_EQ(ast::constant_value(ins.rows[2][4])->parameter, 5);
    EXPECT_EQ(parameter_count(*st), 5);
    EXPECT_TRUE(base_tables(*st).empty());
}

TEST(Dml, InsertEscapesAndExpressions) {
    auto st = parse("insert into worktime_events (email, event_time, event) values "
                    "('a@b.de', {ts '2025-03-03 08:00:00'}, 'START'), ('a@b.de', TIMESTAMP '2025-03-03 12:00:00', 'STOP')");
    EXPECT_TRUE(st->insert.columns.size() == 3);
    EXPECT_EQ(text(ast::constant_value(st->insert.rows[0][1])), "2025-03-03 08:00:00");
    EXPECT_EQ(text(ast::constant_value(st->insert.rows[1][1])), "2025-03-03 12:00:00");
    auto computed = parse("insert into t values (1 + 2, {d '2024-1-2'}, 1.5)");
    EXPECT_FALSE(ast::constant_value(computed->insert.rows[0][0]));
    EXPECT_EQ(text(ast::constant_value(computed->insert.rows[0][1])), "2024-01-02");
    EXPECT_DOUBLE_EQ(std::get<double>(ast::constant_value(computed->insert.rows[0][2])->literal), 1.5);
}

TEST(Dml, InsertSelect) {
    auto st = parse("INSERT INTO projects (name) SELECT last_name FROM users WHERE user_id = ?");
    ASSERT_TRUE(st->insert.select);
    EXPECT_TRUE(st->insert.rows.empty());
    EXPECT_EQ(base_tables(*st).size(), 1u);
    EXPECT_EQ(parameter_count(*st), 1);
}

TEST(Dml, UpdateAssignments) {
    auto st = parse("UPDATE timebutler.projects SET state = 'Inactive', budget_hours = ?, projects.comments = NULL "
                    "WHERE project_id = 11");
    ASSERT_EQ(kind(*st), StatementKind::Update);
    const ast::Update& up = st->update;
    EXPECT_EQ(up.table, "projects");
    ASSERT_EQ(up.assignments.size(), 3u);
    EXPECT_EQ(up.assignments[0].column, "state");
    EXPECT_EQ(text(ast::constant_value(up.assignments[0].value)), "Inactive");
    EXPECT_EQ(ast::constant_value(up.assignments[1].value)->parameter, 1);
    EXPECT_EQ(up.assignments[2].column, "comments");
    ASSERT_TRUE(up.where);
    EXPECT_EQ(up.where->kind, ast::ExprKind::Binary);
    EXPECT_EQ(up.where->args[0].names.back(), "project_id");
    EXPECT_EQ(integer(ast::constant_value(up.where->args[1])), 11);
}

TEST(Dml, DeleteWhere) {
    auto st = parse("DELETE FROM projects WHERE project_id IN (10, 12);");
    ASSERT_EQ(kind(*st), StatementKind::Delete);
    EXPECT_EQ(st->del.table, "projects");
    ASSERT_TRUE(st->del.where);
    EXPECT_EQ(st->del.where->kind, ast::ExprKind::In);
    EXPECT_FALSE(parse("delete from projects")->del.where);
}

TEST(Dml, PinnedKeyValues) {
    auto up = parse("UPDATE holidayentitlement SET remaining_vacation = 3 WHERE User_Id = ? AND holidayentitlement.year = 2025 "
                    "AND remaining_vacation > 1");
    auto pinned = ast::pinned_values(*up->update.where);
    ASSERT_EQ(pinned.size(), 2u);
    EXPECT_EQ(pinned.at("user_id").at(0).parameter, 1);
    EXPECT_EQ(integer(pinned.at("year").at(0)), 2025);
    auto del = parse("DELETE FROM projects WHERE project_id IN (10, 12, 10) AND 11 = project_id OR state = 'x'");
    EXPECT_TRUE(ast::pinned_values(*del->del.where).empty()); // an OR pins nothing
    auto both = parse("DELETE FROM projects WHERE project_id IN (10, 12, 10) AND project_id = 12");
    auto keys = ast::pinned_values(*both->del.where).at("project_id");
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(integer(keys[0]), 12);
    auto none = parse("DELETE FROM projects WHERE project_id = 1 AND project_id = 2");
    EXPECT_TRUE(ast::pinned_values(*none->del.where).at("project_id").empty());
}

TEST(Dml, PrintedStatementsRunOnSqlite) {
    TestDb db;
    db.run(print("INSERT INTO projects (project_id, name, state) VALUES (20, 'Neu', 'Active'), (21, N'Zwei', 'Active')"));
    db.run(print("INSERT INTO projects (project_id, name) SELECT service_id + 30, name FROM services WHERE billable = TRUE"));
    db.run(print("UPDATE projects SET state = 'Inactive', budget_hours = ? WHERE project_id = 21"), {"7"});
    db.run(print("DELETE FROM projects WHERE project_id = 10"));
    EXPECT_EQ(format(db.run("select project_id, name, state, budget_hours from projects"), false),
              "11|ERP Rollout|Active|500;12|Archiv|Inactive|NULL;20|Neu|Active|NULL;21|Zwei|Inactive|7;31|Beratung|NULL|NULL");
}

} // namespace
} // namespace tb::sql::test
