// The expression grammar: precedence levels, predicates, literals, ODBC
// escapes ({fn}, {d}, {t}, {ts}, {escape}), CASE, CAST, EXTRACT, calls.
#include "sql/grammar_actions.hpp"

#include <algorithm>

namespace tb::sql::grammar {

using namespace actions;
using ast::Expr;
using ast::ExprKind;
using ast::TypeName;

namespace {

// Precedence, loosest first: OR, AND, NOT, predicates (comparison, IS, IN,
// BETWEEN, LIKE), ||, + -, * / %, unary - +, primary.
x3::rule<class and_class, Expr> const and_expr = "expression";
x3::rule<class not_class, Expr> const not_expr = "expression";
x3::rule<class predicate_class, Expr> const predicate = "expression";
x3::rule<class concat_class, Expr> const concat = "expression";
x3::rule<class additive_class, Expr> const additive = "expression";
x3::rule<class multiplicative_class, Expr> const multiplicative = "expression";
x3::rule<class unary_class, Expr> const unary = "expression";
x3::rule<class primary_class, Expr> const primary = "expression";

// Predicate tails: the operand is put in front of args when they apply.
x3::rule<class compare_tail_class, Expr> const compare_tail = "comparison";
x3::rule<class is_tail_class, Expr> const is_tail = "IS";
x3::rule<class in_tail_class, Expr> const in_tail = "IN";
x3::rule<class between_tail_class, Expr> const between_tail = "BETWEEN";
x3::rule<class like_tail_class, Expr> const like_tail = "LIKE";

x3::rule<class literal_class, Expr> const literal = "literal";
x3::rule<class brace_class, Expr> const brace_escape = "escape";
x3::rule<class case_class, Expr> const case_expr = "CASE";
x3::rule<class cast_class, Expr> const cast_expr = "CAST";
x3::rule<class type_name_class, TypeName> const type_name = "type name";
x3::rule<class extract_class, Expr> const extract_expr = "EXTRACT";
x3::rule<class special_call_class, Expr> const special_call = "function";
x3::rule<class function_call_class, Expr> const function_call = "function";
x3::rule<class column_ref_class, Expr> const column_ref = "column";
x3::rule<class expr_list_class, std::vector<Expr>> const expr_list = "expression list";

// -- actions ---------------------------------------------------------------

auto const apply_tail = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    Expr tail = std::move(x3::_attr(ctx));
    tail.position = val.position;
    tail.args.insert(tail.args.begin(), std::move(val));
    val = std::move(tail);
};
auto compare(const char* op) {
    return [op](auto& ctx) {
        auto& val = x3::_val(ctx);
        val.kind = ExprKind::Binary;
        val.text = op;
        val.args.clear();
        val.args.push_back(std::move(x3::_attr(ctx)));
    };
}
auto kind_is(ExprKind kind) {
    return [kind](auto& ctx) { x3::_val(ctx).kind = kind; };
}
auto literal_of(ExprKind kind) {
    return [kind](auto& ctx) {
        auto& val = x3::_val(ctx);
        val.kind = kind;
        val.text = std::move(x3::_attr(ctx));
        val.position = parse_state().offset(x3::_where(ctx).begin());
    };
}
auto fixed_literal(ExprKind kind, const char* text) {
    return [kind, text](auto& ctx) {
        auto& val = x3::_val(ctx);
        val.kind = kind;
        val.text = text;
        val.position = parse_state().offset(x3::_where(ctx).begin());
    };
}
// _where() starts after the match: the marker is the character before.
auto const parameter = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = ExprKind::Parameter;
    val.position = parse_state().offset(x3::_where(ctx).begin()) - 1;
};
auto const unary_minus = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val = make_node(ExprKind::Unary, "-", {});
    val.args.push_back(std::move(x3::_attr(ctx)));
};
auto const logical_not = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val = make_node(ExprKind::Unary, "NOT", {});
    val.args.push_back(std::move(x3::_attr(ctx)));
};
auto const negate = [](auto& ctx) { x3::_val(ctx).negated = true; };
auto const push_arg = [](auto& ctx) { x3::_val(ctx).args.push_back(std::move(x3::_attr(ctx))); };
auto const set_args = [](auto& ctx) { x3::_val(ctx).args = std::move(x3::_attr(ctx)); };
auto const set_query = [](auto& ctx) {
    x3::_val(ctx).query = std::make_shared<ast::Query>(std::move(x3::_attr(ctx)));
};
auto const subquery = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = ExprKind::Subquery;
    val.query = std::make_shared<ast::Query>(std::move(x3::_attr(ctx)));
};
auto const exists = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = ExprKind::Exists;
    val.query = std::make_shared<ast::Query>(std::move(x3::_attr(ctx)));
};
auto const fn_escape = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val = std::move(x3::_attr(ctx));
    val.odbc_escape = true;
};
auto const case_operand = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.args.push_back(std::move(x3::_attr(ctx)));
    val.case_operand = true;
};
auto const case_else = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.args.push_back(std::move(x3::_attr(ctx)));
    val.case_else = true;
};
auto const set_type = [](auto& ctx) { x3::_val(ctx).type = std::move(x3::_attr(ctx)); };
auto const type_word = [](auto& ctx) {
    auto& name = x3::_val(ctx).name;
    if (!name.empty()) name += ' ';
    name += to_upper(std::move(x3::_attr(ctx)));
};
auto const type_precision = [](auto& ctx) { x3::_val(ctx).precision = static_cast<int>(x3::_attr(ctx)); };
auto const type_scale = [](auto& ctx) { x3::_val(ctx).scale = static_cast<int>(x3::_attr(ctx)); };
auto const set_text_upper = [](auto& ctx) { x3::_val(ctx).text = to_upper(std::move(x3::_attr(ctx))); };
auto named_function(ExprKind kind, const char* name) {
    return [kind, name](auto& ctx) {
        auto& val = x3::_val(ctx);
        val.kind = kind;
        val.text = name;
        val.position = parse_state().offset(x3::_where(ctx).begin());
    };
}
auto const function_start = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = ExprKind::Function;
    val.text = to_upper(std::move(x3::_attr(ctx)));
    val.position = parse_state().offset(x3::_where(ctx).begin());
};
auto const set_window = [](auto& ctx) {
    x3::_val(ctx).over = std::make_shared<ast::Window>(std::move(x3::_attr(ctx)));
};
auto const column_part = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    if (val.names.empty()) {
        val.kind = ExprKind::Column;
        val.position = parse_state().offset(x3::_where(ctx).begin());
    }
    val.names.push_back(std::move(x3::_attr(ctx)));
};
// TRIM([LEADING|TRAILING|BOTH] [chars] FROM s): args become (s [, chars]).
auto const trim_finish = [](auto& ctx) {
    auto& val = x3::_val(ctx);
    val.kind = ExprKind::Function;
    if (val.text.empty()) val.text = "TRIM";
    val.position = parse_state().offset(x3::_where(ctx).begin());
    std::rotate(val.args.begin(), val.args.end() - 1, val.args.end());
};

// -- rules -------------------------------------------------------------------

auto const expression_def =
    guard[named("expression")[and_expr[assign] >> *(peek("oO") >> (opt_kw("OR") >> and_expr)[binary("OR")])]];
auto const and_expr_def = not_expr[assign] >> *(peek("aA") >> (opt_kw("AND") >> not_expr)[binary("AND")]);
auto const not_expr_def = guard[(opt_kw("NOT") >> not_expr)[logical_not] | predicate[assign]];

auto const predicate_def =
    concat[assign] >> -(peek("<>=!") >> compare_tail[apply_tail] |
                        peek("iInNbBlL") >> (is_tail[apply_tail] | in_tail[apply_tail] | between_tail[apply_tail] |
                                             like_tail[apply_tail]));

auto const compare_tail_def = (op("<>") >> concat)[compare("<>")] | (op("!=") >> concat)[compare("<>")] |
                              (op("<=") >> concat)[compare("<=")] | (op(">=") >> concat)[compare(">=")] |
                              (op("==") >> concat)[compare("=")] | (op("=") >> concat)[compare("=")] |
                              (op("<") >> concat)[compare("<")] | (op(">") >> concat)[compare(">")];

auto const is_tail_def = opt_kw("IS") >> -kw("NOT")[negate] >> kw("NULL")[kind_is(ExprKind::IsNull)];

auto const in_tail_def = -opt_kw("NOT")[negate] >> opt_kw("IN")[kind_is(ExprKind::In)] >> tok("(") >>
                         (query_expression[set_query] | expr_list[set_args]) >> tok(")");

auto const between_tail_def = -opt_kw("NOT")[negate] >> opt_kw("BETWEEN")[kind_is(ExprKind::Between)] >>
                              concat[push_arg] >> kw("AND") >> concat[push_arg];

auto const like_tail_def = -opt_kw("NOT")[negate] >> opt_kw("LIKE")[kind_is(ExprKind::Like)] >> concat[push_arg] >>
                           -((opt_kw("ESCAPE") >> concat)[push_arg] |
                             (op("{") >> opt_kw("ESCAPE") >> concat >> tok("}"))[push_arg]);

auto const concat_def = additive[assign] >> *(peek("|") >> (op("||") >> additive)[binary("||")]);
auto const additive_def = multiplicative[assign] >> *(peek("+-") >> ((op("+") >> multiplicative)[binary("+")] |
                                                                      (op("-") >> multiplicative)[binary("-")]));
auto const multiplicative_def = unary[assign] >> *(peek("*/%") >> ((op("*") >> unary)[binary("*")] |
                                                                  (op("/") >> unary)[binary("/")] |
                                                                  (op("%") >> unary)[binary("%")]));
auto const unary_def = guard[(op("-") >> unary)[unary_minus] | (op("+") >> unary)[assign] | primary[assign]];

auto const primary_def = named("expression")[
    (op("(") >> &(kw("SELECT") | opt_kw("WITH")) >> query_expression >> tok(")"))[subquery] |
    (op("(") >> expression >> tok(")"))[assign] |
    literal[assign] |
    brace_escape[assign] |
    case_expr[assign] |
    cast_expr[assign] |
    extract_expr[assign] |
    (kw("EXISTS") >> tok("(") >> query_expression >> tok(")"))[exists] |
    special_call[assign] |
    function_call[assign] |
    kw("CURRENT_DATE")[named_function(ExprKind::Function, "CURRENT_DATE")] |
    kw("CURRENT_TIMESTAMP")[named_function(ExprKind::Function, "CURRENT_TIMESTAMP")] |
    kw("CURRENT_TIME")[named_function(ExprKind::Function, "CURRENT_TIME")] |
    column_ref[assign]];

auto const literal_def = number_literal[assign] |
                         string_literal[literal_of(ExprKind::String)] |
                         op("?")[parameter] |
                         kw("NULL")[fixed_literal(ExprKind::Null, "")] |
                         kw("TRUE")[fixed_literal(ExprKind::Boolean, "1")] |
                         kw("FALSE")[fixed_literal(ExprKind::Boolean, "0")] |
                         (kw("DATE") >> string_literal)[literal_of(ExprKind::Date)] |
                         (kw("TIMESTAMP") >> string_literal)[literal_of(ExprKind::Timestamp)] |
                         (kw("TIME") >> string_literal)[literal_of(ExprKind::Time)];

// {fn f(...)} nests to any depth because its body is a whole expression.
auto const brace_escape_def =
    op("{") >> ((kw("FN") >> expression)[fn_escape] |
                (kw("D") >> string_literal)[literal_of(ExprKind::Date)] |
                (kw("TS") >> string_literal)[literal_of(ExprKind::Timestamp)] |
                (kw("T") >> string_literal)[literal_of(ExprKind::Time)]) >> tok("}");

auto const case_expr_def = (kw("CASE")[kind_is(ExprKind::Case)] >> -(!kw("WHEN") >> expression[case_operand]) >>
                            +(kw("WHEN") > expression[push_arg] > kw("THEN") > expression[push_arg]) >>
                            -(kw("ELSE") > expression[case_else])) > kw("END");

auto const cast_expr_def = kw("CAST")[kind_is(ExprKind::Cast)] >> tok("(") >> expression[push_arg] >>
                           kw("AS") >> type_name[set_type] >> tok(")");

auto const type_name_def = identifier[type_word] >> -alias_name[type_word] >>
                           -(tok("(") >> x3::uint_[type_precision] >> -(tok(",") >> x3::uint_[type_scale]) >>
                             tok(")"));

auto const extract_expr_def = kw("EXTRACT")[kind_is(ExprKind::Extract)] >> tok("(") >> identifier[set_text_upper] >>
                              kw("FROM") >> expression[push_arg] >> tok(")");

// Calls with keywords inside the parentheses.
auto const special_call_def =
    (kw("POSITION")[named_function(ExprKind::Function, "POSITION")] >> tok("(") >> concat[push_arg] >>
     kw("IN") >> concat[push_arg] >> tok(")")) |
    (kw("SUBSTRING")[named_function(ExprKind::Function, "SUBSTRING")] >> tok("(") >> expression[push_arg] >>
     kw("FROM") >> expression[push_arg] >> -(kw("FOR") >> expression[push_arg]) >> tok(")")) |
    (kw("TRIM") >> tok("(") >>
     (kw("LEADING")[named_function(ExprKind::Function, "LTRIM")] |
      kw("TRAILING")[named_function(ExprKind::Function, "RTRIM")] |
      -kw("BOTH")[named_function(ExprKind::Function, "TRIM")]) >>
     -(!kw("FROM") >> concat[push_arg]) >> kw("FROM") >> expression[push_arg] >> tok(")") >> x3::eps[trim_finish]);

// OVER is no reserved word ("SUM(x) over" may alias the sum): no expectation.
auto const function_call_def = (function_name >> &op("("))[function_start] >> tok("(") >>
                               -(kw("DISTINCT")[([](auto& ctx) { x3::_val(ctx).distinct = true; })] | kw("ALL")) >>
                               -(op("*")[([](auto& ctx) { x3::_val(ctx).star = true; })] | expr_list[set_args]) >>
                               tok(")") >> -(opt_kw("OVER") >> window_spec)[set_window];

auto const column_ref_def = identifier[column_part] >> -(op(".") >> identifier[column_part]) >>
                            -(op(".") >> identifier[column_part]);

auto const expr_list_def = expression[push_vector] >> *(tok(",") >> expression[push_vector]);

} // namespace

BOOST_SPIRIT_DEFINE(expression, and_expr, not_expr, predicate, compare_tail, is_tail, in_tail, between_tail,
                    like_tail, concat, additive, multiplicative, unary, primary, literal, brace_escape, case_expr,
                    cast_expr, type_name, extract_expr, special_call, function_call, column_ref, expr_list)

BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

} // namespace tb::sql::grammar
