// Internal to sql/: the lexical primitives of the X3 grammar and the rules
// shared between its translation units. Only grammar_*.cpp include this.
//
// The rules build the AST in semantic actions rather than by attribute
// propagation: a sub-rule invoked through an action gets a fresh attribute on
// every attempt, so backtracking never leaves half-built nodes behind.
#pragma once

#include "sql/ast.hpp"

#include <boost/spirit/home/x3.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tb::sql::grammar {

namespace x3 = boost::spirit::x3;
using iterator_type = const char*;

// Per-parse bookkeeping: the statement start (to turn iterators into
// offsets) and the furthest position where something expected failed, with
// the names of what was expected there, for the syntax error message.
struct ParseState {
    const char* begin = nullptr;
    int depth = 0; // nesting of guarded rules, to bound the recursion
    const char* furthest = nullptr;
    std::vector<std::string_view> expected;

    void failed(const char* at, std::string_view what) {
        if (furthest == nullptr || at > furthest) {
            furthest = at;
            expected.clear();
        }
        if (at == furthest) {
            for (auto e : expected)
                if (e == what) return;
            expected.push_back(what);
        }
    }
    std::size_t offset(const char* at) const { return static_cast<std::size_t>(at - begin); }
};
ParseState& parse_state();

inline bool is_identifier_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (static_cast<unsigned char>(c) >= 0x80);
}
inline bool is_identifier_char(char c) {
    return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '$';
}
inline char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Unquoted words that cannot be identifiers or aliases.
bool is_reserved(std::string_view word);

// Whitespace, -- line comments and /* block */ comments.
struct skipper_parser : x3::parser<skipper_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        It it = first;
        while (it != last) {
            char c = *it;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                ++it;
            } else if (c == '-' && it + 1 != last && it[1] == '-') {
                while (it != last && *it != '\n') ++it;
            } else if (c == '/' && it + 1 != last && it[1] == '*') {
                It end = it + 2;
                while (end != last && !(*end == '*' && end + 1 != last && end[1] == '/')) ++end;
                if (end == last) break; // unterminated: leave it for the error
                it = end + 2;
            } else {
                break;
            }
        }
        bool moved = it != first;
        first = it;
        return moved;
    }
};
inline constexpr skipper_parser skipper{};
using context_type = x3::phrase_parse_context<skipper_parser>::type;

// A keyword, case-insensitive, not followed by an identifier character.
struct keyword_parser : x3::parser<keyword_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::string_view word; // upper case
    bool record = true;    // add the word to the expected list on failure
    constexpr keyword_parser(std::string_view w, bool r) : word(w), record(r) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        x3::skip_over(first, last, ctx);
        It it = first;
        for (char c : word) {
            if (it == last || upper(*it) != c) {
                if (record) parse_state().failed(first, word);
                return false;
            }
            ++it;
        }
        if (it != last && is_identifier_char(*it)) {
            if (record) parse_state().failed(first, word);
            return false;
        }
        first = it;
        return true;
    }
};
constexpr keyword_parser kw(std::string_view w) { return keyword_parser(w, true); }
// A keyword that starts an optional part or continues an expression: not
// worth listing in a syntax error ("expected FROM", not "expected FROM,
// WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, UNION, IS, IN, ...").
constexpr keyword_parser opt_kw(std::string_view w) { return keyword_parser(w, false); }

// Punctuation or an operator. Operators (record = false) are continuations
// that would only clutter the "expected" list of a syntax error.
struct token_parser : x3::parser<token_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::string_view text;
    bool record = true;
    constexpr token_parser(std::string_view t, bool r) : text(t), record(r) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        x3::skip_over(first, last, ctx);
        It it = first;
        for (char c : text) {
            if (it == last || *it != c) {
                if (record) parse_state().failed(first, text);
                return false;
            }
            ++it;
        }
        first = it;
        return true;
    }
};
constexpr token_parser tok(std::string_view t) { return token_parser(t, true); }
constexpr token_parser op(std::string_view t) { return token_parser(t, false); }

// An identifier: unquoted (not reserved), "double quoted", `back quoted` or
// [bracketed]. The attribute is the name without quotes.
struct identifier_parser : x3::parser<identifier_parser> {
    using attribute_type = std::string;
    static bool const has_attribute = true;
    bool record = true;            // add "identifier" to the expected list on failure
    bool function_name = false;    // also accept LEFT, RIGHT, INSERT, ... before '('
    constexpr identifier_parser(bool r, bool f) : record(r), function_name(f) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        std::string value;
        It it = first;
        if (it != last && (*it == '"' || *it == '`' || *it == '[')) {
            char close = *it == '[' ? ']' : *it;
            ++it;
            for (;;) {
                if (it == last) return fail(first);
                if (*it == close) {
                    if (close != ']' && it + 1 != last && it[1] == close) {
                        value += close;
                        it += 2;
                        continue;
                    }
                    ++it;
                    break;
                }
                value += *it++;
            }
            if (value.empty()) return fail(first);
        } else {
            if (it == last || !is_identifier_start(*it)) return fail(first);
            while (it != last && is_identifier_char(*it)) value += *it++;
            if (is_reserved(value) && !(function_name && allowed_function_keyword(value)))
                return fail(first);
        }
        first = it;
        x3::traits::move_to(std::move(value), attr);
        return true;
    }

private:
    template <typename It>
    bool fail(It at) const {
        if (record) parse_state().failed(at, "identifier");
        return false;
    }
    static bool allowed_function_keyword(const std::string& word);
};
constexpr identifier_parser identifier(true, false);
constexpr identifier_parser alias_name(false, false);
constexpr identifier_parser function_name(false, true);

// A 'string' literal ('' inside for a quote), optionally N'...'.
struct string_parser : x3::parser<string_parser> {
    using attribute_type = std::string;
    static bool const has_attribute = true;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        It it = first;
        if (it != last && (*it == 'N' || *it == 'n') && it + 1 != last && it[1] == '\'') ++it;
        if (it == last || *it != '\'') return false;
        ++it;
        std::string value;
        for (;;) {
            if (it == last) {
                parse_state().failed(last, "end of string");
                return false;
            }
            if (*it == '\'') {
                if (it + 1 != last && it[1] == '\'') {
                    value += '\'';
                    it += 2;
                    continue;
                }
                ++it;
                break;
            }
            value += *it++;
        }
        first = it;
        x3::traits::move_to(std::move(value), attr);
        return true;
    }
};
inline constexpr string_parser string_literal{};

// An unsigned number: 12, 12.5, .5, 1e3, 1.5E-2. The attribute is an Integer,
// Decimal or Float expression holding the text as written.
struct number_parser : x3::parser<number_parser> {
    using attribute_type = ast::Expr;
    static bool const has_attribute = true;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        It it = first;
        auto digits = [&] {
            It start = it;
            while (it != last && *it >= '0' && *it <= '9') ++it;
            return it != start;
        };
        bool whole = digits();
        ast::ExprKind kind = ast::ExprKind::Integer;
        if (it != last && *it == '.' && !(it + 1 != last && is_identifier_start(it[1]))) {
            It dot = it;
            ++it;
            bool fraction = digits();
            if (!whole && !fraction) {
                it = dot;
            } else {
                kind = ast::ExprKind::Decimal;
            }
        }
        if (it == first) return false;
        if (it != last && (*it == 'e' || *it == 'E')) {
            It mark = it;
            ++it;
            if (it != last && (*it == '+' || *it == '-')) ++it;
            if (digits())
                kind = ast::ExprKind::Float;
            else
                it = mark;
        }
        if (it != last && is_identifier_char(*it)) return false; // 12abc is no number
        ast::Expr e;
        e.kind = kind;
        e.text.assign(first, it);
        e.position = parse_state().offset(first);
        first = it;
        x3::traits::move_to(std::move(e), attr);
        return true;
    }
};
inline constexpr number_parser number_literal{};

// Looks at the next character without consuming it: a cheap guard in front
// of alternatives that would otherwise each build an attribute to fail.
struct peek_parser : x3::parser<peek_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    std::string_view characters;
    constexpr explicit peek_parser(std::string_view c) : characters(c) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        x3::skip_over(first, last, ctx);
        return first != last && characters.find(*first) != std::string_view::npos;
    }
};
constexpr peek_parser peek(std::string_view characters) { return peek_parser(characters); }

// End of input (after skipping), recorded as "end of statement" on failure.
struct end_parser : x3::parser<end_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        x3::skip_over(first, last, ctx);
        if (first == last) return true;
        parse_state().failed(first, "end of statement");
        return false;
    }
};
inline constexpr end_parser end_of_statement{};

// named(name)[p]: when p fails where it started, report "name" rather than
// the many alternatives tried inside p.
template <typename Subject>
struct named_directive : x3::unary_parser<Subject, named_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, named_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    std::string_view name;
    constexpr named_directive(Subject const& subject, std::string_view n) : base_type(subject), name(n) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        x3::skip_over(first, last, ctx);
        ParseState& st = parse_state();
        const char* start = first;
        const char* saved_furthest = st.furthest;
        std::size_t saved_size = st.expected.size();
        if (this->subject.parse(first, last, ctx, rctx, attr)) return true;
        if (st.furthest == nullptr || st.furthest <= start) {
            if (st.furthest == start && saved_furthest == start)
                st.expected.resize(saved_size);
            else
                st.expected.clear();
            st.furthest = start;
            st.expected.push_back(name);
        }
        return false;
    }
};
struct named_gen {
    std::string_view name;
    template <typename Subject>
    constexpr named_directive<typename x3::extension::as_parser<Subject>::value_type>
    operator[](Subject const& subject) const { return {x3::as_parser(subject), name}; }
};
constexpr named_gen named(std::string_view name) { return named_gen{name}; }

// Thrown when a statement nests deeper than max_depth guarded rules: the
// parser, printer and analyser recurse, and a hostile statement must not
// exhaust the stack.
struct TooDeep {
    const char* where;
};
inline constexpr int max_depth = 256;

template <typename Subject>
struct guard_directive : x3::unary_parser<Subject, guard_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, guard_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    constexpr explicit guard_directive(Subject const& subject) : base_type(subject) {}

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        ParseState& st = parse_state();
        if (st.depth >= max_depth) throw TooDeep{first};
        ++st.depth;
        struct Leave {
            ParseState& state;
            ~Leave() { --state.depth; }
        } leave{st};
        return this->subject.parse(first, last, ctx, rctx, attr);
    }
};
struct guard_gen {
    template <typename Subject>
    constexpr guard_directive<typename x3::extension::as_parser<Subject>::value_type>
    operator[](Subject const& subject) const { return guard_directive<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject)); }
};
inline constexpr guard_gen guard{};

// The rules shared between translation units.
struct expression_class;
struct query_class;
struct statement_class;
struct window_class;
using expression_type = x3::rule<expression_class, ast::Expr>;
using window_type = x3::rule<window_class, ast::Window>;
using query_type = x3::rule<query_class, ast::Query>;
using statement_type = x3::rule<statement_class, Statement>;
BOOST_SPIRIT_DECLARE(expression_type, query_type, statement_type, window_type)

inline const expression_type expression = "expression";
inline const query_type query_expression = "query";
inline const statement_type statement = "statement";
inline const window_type window_spec = "window";

} // namespace tb::sql::grammar

namespace boost::spirit::x3 {
// Names for expectation failures (x3::what).
template <>
struct get_info<tb::sql::grammar::keyword_parser> {
    using result_type = std::string;
    std::string operator()(tb::sql::grammar::keyword_parser const& p) const { return std::string(p.word); }
};
template <>
struct get_info<tb::sql::grammar::token_parser> {
    using result_type = std::string;
    std::string operator()(tb::sql::grammar::token_parser const& p) const {
        return std::string(p.text);
    }
};
} // namespace boost::spirit::x3
