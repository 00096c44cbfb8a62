// The query grammar: SELECT cores, FROM items and joins ({oj}, derived
// tables), UNION, ORDER BY and every limit form (LIMIT n [OFFSET m],
// LIMIT m, n, OFFSET m ROWS FETCH FIRST n ROWS ONLY, TOP n).
#include "sql/grammar_actions.hpp"

namespace tb::sql::grammar {

using namespace actions;
using ast::Expr;
using ast::FromItem;
using ast::JoinType;
using ast::OrderItem;
using ast::Query;
using ast::QueryPart;
using ast::Select;
using ast::SelectItem;
using ast::SetOp;

namespace {

x3::rule<class query_part_class, QueryPart> const query_part = "SELECT";
x3::rule<class select_core_class, Select> const select_core = "SELECT";
x3::rule<class select_item_class, SelectItem> const select_item = "select item";
x3::rule<class qualified_star_class, std::string> const qualified_star = "t.*";
x3::rule<class from_item_class, FromItem> const from_item = "table";
x3::rule<class table_primary_class, FromItem> const table_primary = "table";
x3::rule<class table_name_class, std::vector<std::string>> const table_name = "table name";
x3::rule<class join_tail_class, FromItem> const join_tail = "JOIN";
x3::rule<class order_item_class, OrderItem> const order_item = "ORDER BY item";
x3::rule<class limit_value_class, Expr> const limit_value = "number";
x3::rule<class limit_clause_class, Query> const limit_clause = "LIMIT";
x3::rule<class identifier_list_class, std::vector<std::string>> const identifier_list = "column list";
x3::rule<class common_table_class, ast::CommonTable> const common_table = "WITH table";
x3::rule<class window_frame_class, std::string> const window_frame = "window frame";
x3::rule<class frame_bound_class, std::string> const frame_bound = "frame bound";

// -- actions ---------------------------------------------------------------

auto set_op(SetOp op) {
    return [op](auto& ctx) {
        QueryPart part = std::move(x3::_attr(ctx));
        part.op = op;
        x3::_val(ctx).parts.push_back(std::move(part));
    };
}
auto const first_part = [](auto& ctx) { x3::_val(ctx).parts.push_back(std::move(x3::_attr(ctx))); };
auto const part_nested = [](auto& ctx) { x3::_val(ctx).nested = std::make_shared<Query>(std::move(x3::_attr(ctx))); };
auto const part_select = [](auto& ctx) { x3::_val(ctx).select = std::make_shared<Select>(std::move(x3::_attr(ctx))); };
auto const take_limits = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    Query limits = std::move(x3::_attr(ctx));
    val.limit = std::move(limits.limit);
    val.offset = std::move(limits.offset);
};
// LIMIT m, n: the first number was the offset.
auto const limit_pair = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.offset = std::move(val.limit);
    val.limit = std::move(x3::_attr(ctx));
};
auto const set_limit = [](auto& ctx) { x3::_val(ctx).limit = std::move(x3::_attr(ctx)); };
auto const set_offset = [](auto& ctx) { x3::_val(ctx).offset = std::move(x3::_attr(ctx)); };
// FETCH FIRST ROW ONLY: one row.
auto const fetch_default = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    if (!val.limit) {
        Expr one;
        one.kind = ast::ExprKind::Integer;
        one.text = "1";
        val.limit = std::move(one);
    }
};
auto const parameter_value = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = ast::ExprKind::Parameter;
    val.position = parse_state().offset(x3::_where(ctx).begin()) - 1;
};
auto const push_order = [](auto& ctx) { x3::_val(ctx).order_by.push_back(std::move(x3::_attr(ctx))); };
auto const order_expr = [](auto& ctx) { x3::_val(ctx).expr = std::move(x3::_attr(ctx)); };
auto const descending = [](auto& ctx) { x3::_val(ctx).descending = true; };
auto const nulls_first = [](auto& ctx) { x3::_val(ctx).nulls_first = true; };
auto const nulls_last = [](auto& ctx) { x3::_val(ctx).nulls_first = false; };

auto const distinct = [](auto& ctx) { x3::_val(ctx).distinct = true; };
auto const set_top = [](auto& ctx) { x3::_val(ctx).top = std::move(x3::_attr(ctx)); };
auto const push_item = [](auto& ctx) { x3::_val(ctx).items.push_back(std::move(x3::_attr(ctx))); };
auto const push_from = [](auto& ctx) { x3::_val(ctx).from.push_back(std::move(x3::_attr(ctx))); };
auto const set_where = [](auto& ctx) { x3::_val(ctx).where = std::move(x3::_attr(ctx)); };
auto const push_group = [](auto& ctx) { x3::_val(ctx).group_by.push_back(std::move(x3::_attr(ctx))); };
auto const set_having = [](auto& ctx) { x3::_val(ctx).having = std::move(x3::_attr(ctx)); };

auto const star = [](auto& ctx) { x3::_val(ctx).star = true; };
auto const star_of = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.star = true;
    val.star_qualifier = std::move(x3::_attr(ctx));
};
// X3 1.74's _where() is the input after the match: an eps before the
// expression marks where it starts.
auto const item_start = [](auto& ctx) { x3::_val(ctx).position = parse_state().offset(x3::_where(ctx).begin()); };
// The written text names the result column when no alias is given.
auto const item_expr = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.expr = std::move(x3::_attr(ctx));
    const char* begin = parse_state().begin + val.position;
    const char* end = x3::_where(ctx).begin();
    while (begin != end && skipper.parse(begin, end, x3::unused, x3::unused, x3::unused)) {
    }
    while (end != begin && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r')) --end;
    val.position = parse_state().offset(begin);
    val.text.assign(begin, end);
};
auto const item_alias = [](auto& ctx) { x3::_val(ctx).alias = std::move(x3::_attr(ctx)); };
auto const set_string = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

auto const fold_join = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    FromItem join = std::move(x3::_attr(ctx));
    join.position = val.position;
    join.sides.insert(join.sides.begin(), std::move(val));
    val = std::move(join);
};
auto join_type(JoinType type) {
    return [type](auto& ctx) {
        auto& val = x3::_val(ctx);
        val.kind = FromItem::Kind::Join;
        val.join = type;
    };
}
auto const join_right = [](auto& ctx) { x3::_val(ctx).sides.push_back(std::move(x3::_attr(ctx))); };
auto const join_on = [](auto& ctx) { x3::_val(ctx).on = std::move(x3::_attr(ctx)); };
auto const join_using = [](auto& ctx) { x3::_val(ctx).using_columns = std::move(x3::_attr(ctx)); };
auto const derived = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = FromItem::Kind::Derived;
    val.query = std::make_shared<Query>(std::move(x3::_attr(ctx)));
    val.position = parse_state().offset(x3::_where(ctx).begin());
};
auto const derived_alias = [](auto& ctx) { x3::_val(ctx).alias = std::move(x3::_attr(ctx)); };
auto const base_table = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    auto names = std::move(x3::_attr(ctx));
    val.kind = FromItem::Kind::Table;
    val.table.name = std::move(names.back());
    if (names.size() > 1) val.table.schema = std::move(names[names.size() - 2]);
    val.position = parse_state().offset(x3::_where(ctx).begin());
};
auto const table_alias = [](auto& ctx) { x3::_val(ctx).table.alias = std::move(x3::_attr(ctx)); };

// WITH and window specifications.
auto const with_recursive = [](auto& ctx) { x3::_val(ctx).with_recursive = true; };
auto const push_common = [](auto& ctx) { x3::_val(ctx).with.push_back(std::move(x3::_attr(ctx))); };
auto const common_name = [](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx)); };
auto const common_columns = [](auto& ctx) { x3::_val(ctx).columns = std::move(x3::_attr(ctx)); };
auto const common_query = [](auto& ctx) { x3::_val(ctx).query = std::make_shared<Query>(std::move(x3::_attr(ctx))); };
auto const push_partition = [](auto& ctx) { x3::_val(ctx).partition_by.push_back(std::move(x3::_attr(ctx))); };
auto const set_frame = [](auto& ctx) { x3::_val(ctx).frame = std::move(x3::_attr(ctx)); };
// Frame words are collected as normalised text ("ROWS BETWEEN 2 PRECEDING AND CURRENT ROW").
auto word(const char* text) {
    return [text](auto& ctx) {
        auto& val = x3::_val(ctx);
        if (!val.empty()) val += ' ';
        val += text;
    };
}
auto const frame_offset = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    if (!val.empty()) val += ' ';
    val += std::to_string(x3::_attr(ctx));
};
auto const append_bound = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val += ' ';
    val += x3::_attr(ctx);
};

// -- rules -------------------------------------------------------------------

x3::rule<class alias_class, std::string> const alias = "alias";
auto const alias_def = (opt_kw("AS") > named("alias")[alias_name[assign]]) | alias_name[assign];

auto const query_expression_def = guard[
    -((opt_kw("WITH") >> -(opt_kw("RECURSIVE") >> &identifier)[with_recursive]) >
      (common_table[push_common] % tok(","))) >>
    query_part[first_part] >>
    *((opt_kw("UNION") >> opt_kw("ALL") >> query_part)[set_op(SetOp::UnionAll)] |
      (opt_kw("UNION") >> -opt_kw("DISTINCT") >> query_part)[set_op(SetOp::Union)] |
      (opt_kw("EXCEPT") >> query_part)[set_op(SetOp::Except)] |
      (opt_kw("INTERSECT") >> query_part)[set_op(SetOp::Intersect)]) >>
    -(opt_kw("ORDER") > kw("BY") > (order_item[push_order] % tok(","))) >>
    -limit_clause[take_limits]];

auto const query_part_def = (op("(") >> query_expression >> tok(")"))[part_nested] | select_core[part_select];

auto const common_table_def = (identifier[common_name] >>
                               -(op("(") > identifier_list[common_columns] > tok(")"))) > kw("AS") > tok("(") >
                              query_expression[common_query] > tok(")");

auto const window_spec_def = tok("(") >>
                             -(opt_kw("PARTITION") > kw("BY") > (expression[push_partition] % tok(","))) >>
                             -(opt_kw("ORDER") > kw("BY") > (order_item[push_order] % tok(","))) >>
                             -window_frame[set_frame] >> tok(")");

auto const window_frame_def = (opt_kw("ROWS")[word("ROWS")] | opt_kw("RANGE")[word("RANGE")] |
                               opt_kw("GROUPS")[word("GROUPS")]) >
                              ((kw("BETWEEN")[word("BETWEEN")] > frame_bound[append_bound] > kw("AND")[word("AND")] >
                                frame_bound[append_bound]) |
                               frame_bound[append_bound]);

auto const frame_bound_def = (kw("UNBOUNDED")[word("UNBOUNDED")] >
                              (kw("PRECEDING")[word("PRECEDING")] | kw("FOLLOWING")[word("FOLLOWING")])) |
                             (kw("CURRENT") > kw("ROW"))[word("CURRENT ROW")] |
                             (x3::uint_[frame_offset] >
                              (kw("PRECEDING")[word("PRECEDING")] | kw("FOLLOWING")[word("FOLLOWING")]));

auto const limit_clause_def =
    (opt_kw("LIMIT") > limit_value[set_limit] >> -((op(",") > limit_value[limit_pair]) |
                                                  (opt_kw("OFFSET") > limit_value[set_offset]))) |
    (opt_kw("OFFSET") > limit_value[set_offset] >> -(opt_kw("ROWS") | opt_kw("ROW")) >>
     -(opt_kw("FETCH") > (kw("FIRST") | kw("NEXT")) >> -limit_value[set_limit] >> (kw("ROWS") | kw("ROW")) >>
       kw("ONLY"))[fetch_default]) |
    (opt_kw("FETCH") > (kw("FIRST") | kw("NEXT")) >> -limit_value[set_limit] >> (kw("ROWS") | kw("ROW")) >>
     kw("ONLY"))[fetch_default];

auto const limit_value_def = named("number")[number_literal[assign] | op("?")[parameter_value]];

auto const order_item_def = expression[order_expr] >> -(opt_kw("ASC") | opt_kw("DESC")[descending]) >>
                            -(opt_kw("NULLS") > (kw("FIRST")[nulls_first] | kw("LAST")[nulls_last]));

auto const select_core_def =
    kw("SELECT") >> -(opt_kw("DISTINCT")[distinct] | opt_kw("ALL")) >>
    -(opt_kw("TOP") > (limit_value[set_top] | (tok("(") >> expression >> tok(")"))[set_top])) >>
    select_item[push_item] >> *(tok(",") > select_item[push_item]) >>
    -(kw("FROM") > from_item[push_from] >> *(op(",") > from_item[push_from])) >>
    -(opt_kw("WHERE") > expression[set_where]) >>
    -(opt_kw("GROUP") > kw("BY") > expression[push_group] >> *(op(",") > expression[push_group])) >>
    -(opt_kw("HAVING") > expression[set_having]);

auto const select_item_def = op("*")[star] | qualified_star[star_of] | (x3::eps[item_start] >> expression[item_expr] >> -alias[item_alias]);

auto const qualified_star_def = alias_name[set_string] >> op(".") >> -(alias_name[set_string] >> op(".")) >>
                                op("*");

auto const from_item_def = table_primary[assign] >> *join_tail[fold_join];

auto const join_tail_def =
    ((opt_kw("INNER")[join_type(JoinType::Inner)] | (opt_kw("LEFT") >> -opt_kw("OUTER"))[join_type(JoinType::Left)] |
     (opt_kw("RIGHT") >> -opt_kw("OUTER"))[join_type(JoinType::Right)] |
     (opt_kw("FULL") >> -opt_kw("OUTER"))[join_type(JoinType::Full)] | opt_kw("CROSS")[join_type(JoinType::Cross)] |
     x3::eps[join_type(JoinType::Inner)]) >>
     opt_kw("JOIN")) >
    (table_primary[join_right] >>
     -((opt_kw("ON") > expression[join_on]) | (opt_kw("USING") > tok("(") > identifier_list[join_using] > tok(")"))));

auto const table_primary_def = guard[
    ((op("{") >> kw("OJ")) > from_item > tok("}"))[assign] |
    ((op("(") >> query_expression >> tok(")"))[derived] >> -alias[derived_alias]) |
    (op("(") >> from_item >> tok(")"))[assign] |
    (table_name[base_table] >> -alias[table_alias])];

auto const table_name_def = named("table name")[identifier[push_vector] >> -(op(".") > identifier[push_vector])];

auto const identifier_list_def = identifier[push_vector] % tok(",");

} // namespace

BOOST_SPIRIT_DEFINE(alias, query_expression, query_part, select_core, select_item, qualified_star, from_item,
                    table_primary, table_name, join_tail, order_item, limit_value, limit_clause, identifier_list,
                    common_table, window_spec, window_frame, frame_bound)

BOOST_SPIRIT_INSTANTIATE(query_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(window_type, iterator_type, context_type)

} // namespace tb::sql::grammar
