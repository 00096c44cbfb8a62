#include "sql/common_tables.hpp"

#include "sql/ast_walk.hpp"

#include <cctype>
#include <map>

namespace tb::sql::ast {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// -- deep copies: a reference must not share nodes with another ------------

Query copy(const Query& q);

void deepen(Expr& e);
void deepen(FromItem& f) {
    if (f.query) f.query = std::make_shared<Query>(copy(*f.query));
    for (auto& side : f.sides) deepen(side);
    if (f.on) deepen(*f.on);
}
void deepen(Expr& e) {
    if (e.query) e.query = std::make_shared<Query>(copy(*e.query));
    if (e.over) {
        e.over = std::make_shared<Window>(*e.over);
        for (auto& p : e.over->partition_by) deepen(p);
        for (auto& o : e.over->order_by) deepen(o.expr);
    }
    for (auto& a : e.args) deepen(a);
}

Query copy(const Query& q) {
    Query out = q;
    for (auto& common : out.with)
        if (common.query) common.query = std::make_shared<Query>(copy(*common.query));
    for (auto& part : out.parts) {
        if (part.nested) part.nested = std::make_shared<Query>(copy(*part.nested));
        if (!part.select) continue;
        part.select = std::make_shared<Select>(*part.select);
        Select& s = *part.select;
        if (s.top) deepen(*s.top);
        for (auto& item : s.items) deepen(item.expr);
        for (auto& f : s.from) deepen(f);
        if (s.where) deepen(*s.where);
        for (auto& g : s.group_by) deepen(g);
        if (s.having) deepen(*s.having);
    }
    for (auto& o : out.order_by) deepen(o.expr);
    return out;
}

// -- inlining ----------------------------------------------------------------

using Visible = std::map<std::string, const CommonTable*>; // lower-case name -> inlined definition

// Copies nest (b uses a twice, c uses b twice, ...): a bound on the tables
// they add keeps a hostile statement from growing exponentially.
constexpr std::size_t max_copied_tables = 1000;
thread_local std::size_t copied_tables = 0;

std::size_t table_count(Query& q) {
    std::size_t n = 0;
    Visitor v;
    v.table = [&](FromItem&) { ++n; };
    walk(q, v);
    return n;
}

void inline_query(Query& q, Visible visible);

void inline_expr(Expr& e, const Visible& visible) {
    if (e.query) inline_query(*e.query, visible);
    if (e.over) {
        for (auto& p : e.over->partition_by) inline_expr(p, visible);
        for (auto& o : e.over->order_by) inline_expr(o.expr, visible);
    }
    for (auto& a : e.args) inline_expr(a, visible);
}

void inline_from(FromItem& f, const Visible& visible) {
    switch (f.kind) {
    case FromItem::Kind::Table: {
        if (!f.table.schema.empty()) return; // timebutler.x is always the base table
        auto it = visible.find(lower(f.table.name));
        if (it == visible.end()) return;
        FromItem derived;
        derived.kind = FromItem::Kind::Derived;
        derived.query = std::make_shared<Query>(copy(*it->second->query));
        copied_tables += table_count(*derived.query) + 1;
        if (copied_tables > max_copied_tables)
            throw UnsupportedError("the WITH tables of this statement expand to more than " +
                                   std::to_string(max_copied_tables) + " table references");
        derived.alias = f.table.alias.empty() ? f.table.name : f.table.alias;
        derived.position = f.position;
        f = std::move(derived);
        return;
    }
    case FromItem::Kind::Derived: inline_query(*f.query, visible); return;
    case FromItem::Kind::Join:
        for (auto& side : f.sides) inline_from(side, visible);
        if (f.on) inline_expr(*f.on, visible);
        return;
    }
}

bool refers_to(Query& q, const std::string& name) {
    bool found = false;
    Visitor v;
    v.table = [&](FromItem& f) { found = found || (f.table.schema.empty() && lower(f.table.name) == name); };
    walk(q, v);
    return found;
}

// WITH x(a, b) AS (SELECT p, q ...): the first member's items take the names.
void rename_columns(CommonTable& common) {
    if (common.columns.empty()) return;
    Query* q = common.query.get();
    while (q->parts.at(0).nested) q = q->parts[0].nested.get();
    Select& first = *q->parts[0].select;
    if (first.items.size() != common.columns.size())
        throw UnsupportedError("WITH " + common.name + " names " + std::to_string(common.columns.size()) +
                               " columns but its query returns " + std::to_string(first.items.size()));
    for (std::size_t i = 0; i < first.items.size(); ++i) {
        if (first.items[i].star)
            throw UnsupportedError("WITH " + common.name + " (column list) over * is not supported; list the columns");
        first.items[i].alias = common.columns[i];
    }
}

void inline_query(Query& q, Visible visible) {
    if (q.with_recursive) throw UnsupportedError("WITH RECURSIVE is not supported");
    for (auto& common : q.with) {
        inline_query(*common.query, visible);
        if (refers_to(*common.query, lower(common.name)))
            throw UnsupportedError("WITH " + common.name + " refers to itself; recursive WITH is not supported");
        rename_columns(common);
        visible[lower(common.name)] = &common;
    }
    for (auto& part : q.parts) {
        if (part.nested) inline_query(*part.nested, visible);
        if (!part.select) continue;
        Select& s = *part.select;
        if (s.top) inline_expr(*s.top, visible);
        for (auto& item : s.items) inline_expr(item.expr, visible);
        for (auto& f : s.from) inline_from(f, visible);
        if (s.where) inline_expr(*s.where, visible);
        for (auto& g : s.group_by) inline_expr(g, visible);
        if (s.having) inline_expr(*s.having, visible);
    }
    for (auto& o : q.order_by) inline_expr(o.expr, visible);
    q.with.clear();
}

} // namespace

void inline_common_tables(Statement& st) {
    copied_tables = 0;
    std::vector<Query*> roots;
    for (Statement* s = &st; s; s = s->explained.get()) {
        if (s->query) roots.push_back(s->query.get());
        if (s->insert.select) roots.push_back(s->insert.select.get());
    }
    for (Query* q : roots) inline_query(*q, {});
    // Subqueries in INSERT values, UPDATE and DELETE.
    auto in_expressions = [](Statement& s) {
        auto each = [](Expr& e) { inline_expr(e, {}); };
        for (auto& row : s.insert.rows)
            for (auto& e : row) each(e);
        for (auto& a : s.update.assignments) each(a.value);
        if (s.update.where) each(*s.update.where);
        if (s.del.where) each(*s.del.where);
    };
    for (Statement* s = &st; s; s = s->explained.get()) in_expressions(*s);
}

} // namespace tb::sql::ast
