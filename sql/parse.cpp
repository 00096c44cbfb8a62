// parse() and the small queries on a parsed statement: kind, parameters,
// base tables. Numbers ? markers and base tables in text order.
#include "sql/ast_walk.hpp"
#include "sql/common_tables.hpp"
#include "sql/grammar_entry.hpp"
#include "sql/sql.hpp"

#include <algorithm>
#include <cctype>

namespace tb::sql {

using ast::Expr;
using ast::ExprKind;
using ast::FromItem;
using ast::JoinType;

void StatementDeleter::operator()(Statement* statement) const { delete statement; }

namespace {

// 1-based position in characters (UTF-8 code points) of a byte offset.
std::size_t character_position(std::string_view text, std::size_t offset) {
    std::size_t position = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position;
    return position;
}

std::string join_expected(const std::vector<std::string>& names) {
    constexpr std::size_t max_names = 6;
    std::size_t n = std::min(names.size(), max_names);
    if (n == 0) return "a valid statement";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out += (i + 1 == n) ? " or " : ", ";
        const std::string& name = names[i];
        bool word = !name.empty() && std::isalpha(static_cast<unsigned char>(name[0]));
        if (name == "GROUP" || name == "ORDER") out += name + " BY";
        else out += word ? name : "'" + name + "'";
    }
    return out;
}

// Marks base tables on the optional side of an outer join, through derived
// tables whose whole query sits on that side.
void mark_null_extended(FromItem& item, bool nullable);

void mark_query(ast::Query& q, bool nullable) {
    for (auto& part : q.parts) {
        if (part.select)
            for (auto& f : part.select->from) mark_null_extended(f, nullable);
        if (part.nested) mark_query(*part.nested, nullable);
    }
}

void mark_null_extended(FromItem& item, bool nullable) {
    switch (item.kind) {
    case FromItem::Kind::Table:
        item.table.null_extended = nullable;
        break;
    case FromItem::Kind::Derived:
        if (item.query) mark_query(*item.query, nullable);
        break;
    case FromItem::Kind::Join: {
        bool left = nullable || item.join == JoinType::Right || item.join == JoinType::Full;
        bool right = nullable || item.join == JoinType::Left || item.join == JoinType::Full;
        if (item.sides.size() == 2) {
            mark_null_extended(item.sides[0], left);
            mark_null_extended(item.sides[1], right);
        }
        break;
    }
    }
}

// ? markers are numbered before WITH tables are inlined, so the copies of a
// marker share its number; base tables after, so each copy is a table.
void number_statement(Statement& st) {
    std::vector<Expr*> parameters;
    ast::Visitor pv;
    pv.expression = [&](Expr& e) {
        if (e.kind == ExprKind::Parameter) parameters.push_back(&e);
    };
    ast::walk(st, pv);
    std::stable_sort(parameters.begin(), parameters.end(),
                     [](const Expr* a, const Expr* b) { return a->position < b->position; });
    for (std::size_t i = 0; i < parameters.size(); ++i) parameters[i]->parameter = static_cast<int>(i + 1);
    st.parameter_count = static_cast<int>(parameters.size());
    if (st.explained) st.explained->parameter_count = st.parameter_count;

    ast::inline_common_tables(st);

    std::vector<FromItem*> tables;
    ast::Visitor v;
    v.expression = [&](Expr& e) {
        // A subquery in an expression is a scope of its own for outer joins.
        if (e.query) mark_query(*e.query, false);
    };
    v.table = [&](FromItem& f) { tables.push_back(&f); };
    ast::walk(st, v);
    for (Statement* s = &st; s; s = s->explained.get()) {
        if (s->query) mark_query(*s->query, false);
        if (s->insert.select) mark_query(*s->insert.select, false);
    }
    std::stable_sort(tables.begin(), tables.end(),
                     [](const FromItem* a, const FromItem* b) { return a->position < b->position; });
    for (std::size_t i = 0; i < tables.size(); ++i) tables[i]->table.id = static_cast<int>(i + 1);
}

} // namespace

StatementPtr parse(std::string_view text) {
    StatementPtr statement(new Statement);
    grammar::ParseOutcome outcome = grammar::parse_text(text, *statement);
    if (!outcome.ok && outcome.too_deep) {
        std::size_t position = character_position(text, outcome.offset);
        throw SyntaxError(position, "less nesting",
                          "syntax error at position " + std::to_string(position) + ": statement nested too deeply");
    }
    if (!outcome.ok) {
        std::size_t position = character_position(text, outcome.offset);
        std::string expected = join_expected(outcome.expected);
        throw SyntaxError(position, expected,
                          "syntax error at position " + std::to_string(position) + ": expected " + expected);
    }
    number_statement(*statement);
    return statement;
}

StatementKind kind(const Statement& statement) { return statement.kind; }

const Statement* explained(const Statement& statement) {
    return statement.kind == StatementKind::Explain ? statement.explained.get() : nullptr;
}

int parameter_count(const Statement& statement) { return statement.parameter_count; }

std::vector<TableRef> base_tables(const Statement& statement) {
    std::vector<TableRef> refs;
    ast::Visitor v;
    v.table = [&](FromItem& f) { refs.push_back(f.table); };
    ast::walk(const_cast<Statement&>(statement), v);
    std::sort(refs.begin(), refs.end(), [](const TableRef& a, const TableRef& b) { return a.id < b.id; });
    return refs;
}

} // namespace tb::sql
