#include "sql/ast_walk.hpp"

namespace tb::sql::ast {

namespace {

void walk_from(FromItem& item, const Visitor& v) {
    switch (item.kind) {
    case FromItem::Kind::Table:
        if (v.table) v.table(item);
        break;
    case FromItem::Kind::Derived:
        if (item.query) walk(*item.query, v);
        break;
    case FromItem::Kind::Join:
        for (auto& side : item.sides) walk_from(side, v);
        if (item.on) walk(*item.on, v);
        break;
    }
}

void walk_select(Select& s, const Visitor& v) {
    if (s.top) walk(*s.top, v);
    for (auto& item : s.items)
        if (!item.star) walk(item.expr, v);
    for (auto& f : s.from) walk_from(f, v);
    if (s.where) walk(*s.where, v);
    for (auto& g : s.group_by) walk(g, v);
    if (s.having) walk(*s.having, v);
}

} // namespace

void walk(Expr& expr, const Visitor& v) {
    if (v.expression) v.expression(expr);
    for (auto& a : expr.args) walk(a, v);
    if (expr.query) walk(*expr.query, v);
    if (expr.over) {
        for (auto& p : expr.over->partition_by) walk(p, v);
        for (auto& o : expr.over->order_by) walk(o.expr, v);
    }
}

void walk(Query& q, const Visitor& v) {
    if (v.query) v.query(q);
    for (auto& common : q.with)
        if (common.query) walk(*common.query, v);
    for (auto& part : q.parts) {
        if (part.select) walk_select(*part.select, v);
        if (part.nested) walk(*part.nested, v);
    }
    for (auto& o : q.order_by) walk(o.expr, v);
    if (q.limit) walk(*q.limit, v);
    if (q.offset) walk(*q.offset, v);
}

void walk(Statement& st, const Visitor& v) {
    switch (st.kind) {
    case StatementKind::Select:
        if (st.query) walk(*st.query, v);
        break;
    case StatementKind::Insert:
        for (auto& row : st.insert.rows)
            for (auto& e : row) walk(e, v);
        if (st.insert.select) walk(*st.insert.select, v);
        break;
    case StatementKind::Update:
        for (auto& a : st.update.assignments) walk(a.value, v);
        if (st.update.where) walk(*st.update.where, v);
        break;
    case StatementKind::Delete:
        if (st.del.where) walk(*st.del.where, v);
        break;
    case StatementKind::Explain:
        if (st.explained) walk(*st.explained, v);
        break;
    }
}

} // namespace tb::sql::ast
