// Internal to sql/: semantic actions shared by the grammar translation units.
#pragma once

#include "sql/grammar.hpp"

#include <utility>

namespace tb::sql::grammar::actions {

using ast::Expr;
using ast::ExprKind;

// _val = the parsed attribute.
inline constexpr auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
// _val.<member>.push_back(attribute)
template <auto Member>
inline constexpr auto push = [](auto& ctx) { (x3::_val(ctx).*Member).push_back(std::move(x3::_attr(ctx))); };
// _val.push_back(attribute) for vector rules
inline constexpr auto push_vector = [](auto& ctx) { x3::_val(ctx).push_back(std::move(x3::_attr(ctx))); };
// _val.<member> = attribute
template <auto Member>
inline constexpr auto set = [](auto& ctx) { x3::_val(ctx).*Member = std::move(x3::_attr(ctx)); };
// _val.<member> = value
template <auto Member, auto Value>
inline constexpr auto set_to = [](auto& ctx) { x3::_val(ctx).*Member = Value; };

inline Expr make_node(ExprKind kind, std::string text, std::vector<Expr> args) {
    Expr e;
    e.kind = kind;
    e.text = std::move(text);
    e.args = std::move(args);
    return e;
}

// _val = _val <op> attribute (left-associative folding). AND and OR chains
// become one node with many operands, so long filters stay shallow.
inline auto binary(const char* op) {
    return [op](auto& ctx) {
        auto& val = x3::_val(ctx);
        bool associative = op[0] == 'A' || op[0] == 'O';
        if (associative && val.kind == ExprKind::Binary && val.text == op) {
            val.args.push_back(std::move(x3::_attr(ctx)));
            return;
        }
        Expr e;
        e.kind = ExprKind::Binary;
        e.text = op;
        e.position = val.position;
        e.args.reserve(2);
        e.args.push_back(std::move(val));
        e.args.push_back(std::move(x3::_attr(ctx)));
        val = std::move(e);
    };
}

inline std::string to_upper(std::string s) {
    for (char& c : s) c = upper(c);
    return s;
}

} // namespace tb::sql::grammar::actions
