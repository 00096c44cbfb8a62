// The statement grammar (SELECT, INSERT, UPDATE, DELETE, EXPLAIN) and the
// entry point that runs it, turning X3's failures into a plain result.
#include "sql/grammar_actions.hpp"
#include "sql/grammar_entry.hpp"

namespace tb::sql::grammar {

using namespace actions;
using ast::Assignment;
using ast::Delete;
using ast::Expr;
using ast::Insert;
using ast::Update;

namespace {

x3::rule<class statement_body_class, Statement> const statement_body = "statement";
x3::rule<class insert_class, Insert> const insert_statement = "INSERT";
x3::rule<class update_class, Update> const update_statement = "UPDATE";
x3::rule<class delete_class, Delete> const delete_statement = "DELETE";
x3::rule<class values_row_class, std::vector<Expr>> const values_row = "VALUES row";
x3::rule<class column_names_class, std::vector<std::string>> const column_names = "column list";
x3::rule<class assignment_class, Assignment> const assignment = "assignment";
x3::rule<class dml_table_class, std::vector<std::string>> const dml_table = "table name";

auto const explain = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = StatementKind::Explain;
    val.explained = std::make_shared<Statement>(std::move(x3::_attr(ctx)));
};
auto const select_body = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = StatementKind::Select;
    val.query = std::make_shared<ast::Query>(std::move(x3::_attr(ctx)));
};
auto const insert_body = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = StatementKind::Insert;
    val.insert = std::move(x3::_attr(ctx));
};
auto const update_body = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = StatementKind::Update;
    val.update = std::move(x3::_attr(ctx));
};
auto const delete_body = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = StatementKind::Delete;
    val.del = std::move(x3::_attr(ctx));
};
// schema.table names for the DML statements
auto const dml_name = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    auto names = std::move(x3::_attr(ctx));
    val.table = std::move(names.back());
    if (names.size() > 1) val.schema = std::move(names[names.size() - 2]);
};
auto const set_columns = [](auto& ctx) { x3::_val(ctx).columns = std::move(x3::_attr(ctx)); };
auto const push_row = [](auto& ctx) { x3::_val(ctx).rows.push_back(std::move(x3::_attr(ctx))); };
auto const insert_select = [](auto& ctx) {
    x3::_val(ctx).select = std::make_shared<ast::Query>(std::move(x3::_attr(ctx)));
};
auto const set_alias = [](auto& ctx) { x3::_val(ctx).alias = std::move(x3::_attr(ctx)); };
auto const push_assignment = [](auto& ctx) { x3::_val(ctx).assignments.push_back(std::move(x3::_attr(ctx))); };
auto const set_where = [](auto& ctx) { x3::_val(ctx).where = std::move(x3::_attr(ctx)); };
// SET t.col = ...: only the column name matters.
auto const assignment_column = [](auto& ctx) { x3::_val(ctx).column = std::move(x3::_attr(ctx)); };
auto const assignment_value = [](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); };

x3::rule<class alias_class, std::string> const alias = "alias";
auto const alias_def = (opt_kw("AS") > named("alias")[alias_name[assign]]) | alias_name[assign];

auto const statement_def = ((opt_kw("EXPLAIN") > statement_body[explain]) | statement_body[assign]) >> -op(";") >>
                           end_of_statement;

auto const statement_body_def = named("SELECT, INSERT, UPDATE or DELETE")[
    query_expression[select_body] | insert_statement[insert_body] | update_statement[update_body] |
    delete_statement[delete_body]];

auto const dml_table_def = identifier[push_vector] >> -(op(".") > identifier[push_vector]);

auto const insert_statement_def = kw("INSERT") > kw("INTO") >
                                  (dml_table[dml_name] >> -column_names[set_columns] >>
                                   ((kw("VALUES") > (values_row[push_row] % tok(","))) |
                                    query_expression[insert_select]));

auto const column_names_def = op("(") >> identifier[push_vector] % tok(",") >> tok(")");

auto const values_row_def = tok("(") > (expression[push_vector] % tok(",")) > tok(")");

auto const update_statement_def = kw("UPDATE") > (dml_table[dml_name] >> -alias[set_alias] >> kw("SET")) >
                                  ((assignment[push_assignment] % tok(",")) >> -(opt_kw("WHERE") > expression[set_where]));

auto const assignment_def = (identifier[assignment_column] >> *(op(".") > identifier[assignment_column])) >
                            tok("=") > expression[assignment_value];

auto const delete_statement_def = kw("DELETE") > kw("FROM") >
                                  (dml_table[dml_name] >> -alias[set_alias] >> -(opt_kw("WHERE") > expression[set_where]));

} // namespace

BOOST_SPIRIT_DEFINE(alias, statement, statement_body, dml_table, insert_statement, column_names, values_row,
                    update_statement, assignment, delete_statement)

ParseOutcome parse_text(std::string_view text, Statement& out) {
    ParseState& state = parse_state();
    state = ParseState{};
    state.begin = text.data();
    const char* first = text.data();
    const char* last = text.data() + text.size();
    ParseOutcome outcome;
    try {
        outcome.ok = x3::phrase_parse(first, last, statement, skipper, out);
    } catch (const TooDeep& deep) {
        outcome.ok = false;
        outcome.too_deep = true;
        outcome.offset = state.offset(deep.where);
        state.depth = 0;
        return outcome;
    } catch (const x3::expectation_failure<iterator_type>& failure) {
        outcome.ok = false;
        // The furthest failure recorded inside may be more precise than the
        // point where the expectation gave up.
        if (state.furthest == nullptr || failure.where() > state.furthest) {
            state.furthest = failure.where();
            state.expected.clear();
            outcome.expectation = failure.which();
        }
    }
    if (!outcome.ok) {
        outcome.offset = state.furthest ? state.offset(state.furthest) : 0;
        for (auto e : state.expected) outcome.expected.emplace_back(e);
        if (!outcome.expectation.empty()) outcome.expected.push_back(outcome.expectation);
    }
    return outcome;
}

} // namespace tb::sql::grammar
