// to_sqlite(): renders the AST as SQLite SQL. Limits of every form become
// LIMIT/OFFSET, base tables become the engine's table sources with their
// alias, literals become the stored representation; calls go through the
// function table (print_functions.cpp).
#include "sql/literals.hpp"
#include "sql/print_functions.hpp"
#include "sql/sql.hpp"

#include <algorithm>

namespace tb::sql {

using ast::Expr;
using ast::ExprKind;
using ast::FromItem;
using ast::JoinType;
using ast::Query;
using ast::Select;
using literals::quote_identifier;
using literals::quote_string;

namespace {

class Printer {
public:
    explicit Printer(const PrintOptions& options) : options_(options) {}

    std::string statement(const Statement& st) {
        switch (st.kind) {
        case StatementKind::Select: return query(*st.query);
        case StatementKind::Insert: return insert(st.insert);
        case StatementKind::Update: return update(st.update);
        case StatementKind::Delete: return remove(st.del);
        case StatementKind::Explain: return statement(*st.explained);
        }
        return {};
    }

    std::string query(const Query& q) {
        // (SELECT ...) with nothing outside: the inner query itself.
        if (q.parts.size() == 1 && q.parts[0].nested && q.order_by.empty() && !q.limit && !q.offset)
            return query(*q.parts[0].nested);
        std::string out;
        const Expr* limit = q.limit ? &*q.limit : nullptr;
        bool compound = q.parts.size() > 1;
        for (std::size_t i = 0; i < q.parts.size(); ++i) {
            const auto& part = q.parts[i];
            if (i > 0) out += set_operator(part.op);
            if (part.select) {
                const Select& s = *part.select;
                // TOP n of a lone SELECT is the query's limit; elsewhere the
                // member is wrapped so its limit stays its own.
                if (s.top && !compound && !limit) {
                    out += select(s);
                    limit = &*s.top;
                } else if (s.top) {
                    out += "SELECT * FROM (" + select(s) + " LIMIT " + limit_value(*s.top) + ")";
                } else {
                    out += select(s);
                }
            } else if (part.nested) {
                const Query& n = *part.nested;
                bool plain = n.order_by.empty() && !n.limit && !n.offset && !has_top(n);
                // SQLite takes no parentheses around compound members.
                if (plain && (compound ? n.parts.size() == 1 : true))
                    out += query(n);
                else
                    out += "SELECT * FROM (" + query(n) + ")";
            }
        }
        if (!q.order_by.empty()) out += " ORDER BY " + order_list(q.order_by, compound);
        if (limit) out += " LIMIT " + limit_value(*limit);
        if (q.offset) {
            if (!limit) out += " LIMIT -1";
            out += " OFFSET " + limit_value(*q.offset);
        }
        return out;
    }

    std::string expr(const Expr& e) {
        switch (e.kind) {
        case ExprKind::Null: return "NULL";
        case ExprKind::Integer:
        case ExprKind::Decimal:
        case ExprKind::Float: return e.text;
        case ExprKind::Boolean: return e.text;
        case ExprKind::String:
        case ExprKind::Date:
        case ExprKind::Time:
        case ExprKind::Timestamp: return quote_string(literals::stored_text(e));
        case ExprKind::Parameter: return "?" + std::to_string(e.parameter);
        case ExprKind::Column: return column(e);
        case ExprKind::Unary:
            if (e.text == "NOT") return "(NOT " + expr(e.args[0]) + ")";
            return "(" + e.text + expr(e.args[0]) + ")";
        case ExprKind::Binary: return binary(e);
        case ExprKind::IsNull: return "(" + expr(e.args[0]) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
        case ExprKind::In: {
            bool numeric = printing::returns_number(e.args[0]);
            bool timestamps = std::any_of(e.args.begin() + 1, e.args.end(),
                                          [](const Expr& a) { return a.kind == ExprKind::Timestamp; });
            std::string out = "(" + compared(e.args[0], false, timestamps) + (e.negated ? " NOT IN (" : " IN (");
            if (e.query) {
                out += query(*e.query);
            } else {
                for (std::size_t i = 1; i < e.args.size(); ++i) {
                    if (i > 1) out += ", ";
                    out += operand(e.args[i], numeric);
                }
            }
            return out + "))";
        }
        case ExprKind::Between: {
            bool numeric = printing::returns_number(e.args[0]);
            bool timestamps = e.args[1].kind == ExprKind::Timestamp || e.args[2].kind == ExprKind::Timestamp;
            return "(" + compared(e.args[0], false, timestamps) + (e.negated ? " NOT BETWEEN " : " BETWEEN ") +
                   operand(e.args[1], numeric) + " AND " + operand(e.args[2], numeric) + ")";
        }
        case ExprKind::Like: {
            std::string out = "(" + expr(e.args[0]) + (e.negated ? " NOT LIKE " : " LIKE ") + expr(e.args[1]);
            if (e.args.size() > 2) out += " ESCAPE " + expr(e.args[2]);
            return out + ")";
        }
        case ExprKind::Exists: return std::string(e.negated ? "(NOT EXISTS (" : "(EXISTS (") + query(*e.query) + "))";
        case ExprKind::Subquery: return "(" + query(*e.query) + ")";
        case ExprKind::Case: return case_expr(e);
        case ExprKind::Cast: return printing::render_cast(expr(e.args[0]), e.type);
        case ExprKind::Extract: return printing::render_extract(e.text, expr(e.args[0]));
        case ExprKind::Function: return function(e);
        }
        throw UnsupportedError("expression is not supported");
    }

private:
    static bool has_top(const Query& q) {
        return q.parts.size() == 1 && q.parts[0].select && q.parts[0].select->top;
    }

    static std::string set_operator(ast::SetOp op) {
        switch (op) {
        case ast::SetOp::UnionAll: return " UNION ALL ";
        case ast::SetOp::Except: return " EXCEPT ";
        case ast::SetOp::Intersect: return " INTERSECT ";
        default: return " UNION ";
        }
    }

    // A ? limit is bound as text by many clients; SQLite wants an integer.
    std::string limit_value(const Expr& e) {
        if (e.kind == ExprKind::Parameter) return "CAST(" + expr(e) + " AS INTEGER)";
        return expr(e);
    }

    std::string select(const Select& s) {
        std::string out = s.distinct ? "SELECT DISTINCT " : "SELECT ";
        for (std::size_t i = 0; i < s.items.size(); ++i) {
            const auto& item = s.items[i];
            if (i > 0) out += ", ";
            if (item.star) {
                out += item.star_qualifier.empty() ? "*" : quote_identifier(item.star_qualifier) + ".*";
            } else {
                out += expr(item.expr);
                // Unaliased, SQLite would name the column after the printed
                // text; the client should see what it wrote.
                if (!item.alias.empty())
                    out += " AS " + quote_identifier(item.alias);
                else if (item.expr.kind != ExprKind::Column && !item.text.empty())
                    out += " AS " + quote_identifier(item.text);
            }
        }
        if (!s.from.empty()) {
            out += " FROM ";
            for (std::size_t i = 0; i < s.from.size(); ++i) {
                if (i > 0) out += ", ";
                out += from(s.from[i]);
            }
        }
        if (s.where) out += " WHERE " + expr(*s.where);
        if (!s.group_by.empty()) {
            out += " GROUP BY ";
            for (std::size_t i = 0; i < s.group_by.size(); ++i) {
                if (i > 0) out += ", ";
                const ast::SelectItem* aliased = alias_for_group_by(s, s.group_by[i]);
                out += expr(aliased ? aliased->expr : s.group_by[i]);
            }
        }
        // HAVING without GROUP BY makes the whole input one group; SQLite
        // only accepts that when the select list aggregates too.
        if (s.having && s.group_by.empty() &&
            std::none_of(s.items.begin(), s.items.end(), [](const ast::SelectItem& i) {
                return !i.star && printing::contains_aggregate(i.expr);
            }))
            out += " GROUP BY NULL";
        if (s.having) out += " HAVING " + expr(*s.having);
        return out;
    }

    // The select-list item a bare GROUP BY name resolves to, when the name is
    // one of options_.group_by_aliases and exactly one item carries it as alias.
    const ast::SelectItem* alias_for_group_by(const Select& s, const Expr& term) const {
        if (options_.group_by_aliases.empty() || term.kind != ExprKind::Column || term.names.size() != 1) return nullptr;
        const std::string name = lower_ascii(term.names[0]);
        if (!options_.group_by_aliases.count(name)) return nullptr;
        const ast::SelectItem* found = nullptr;
        for (const auto& item : s.items) {
            if (item.star || lower_ascii(item.alias) != name) continue;
            if (found) return nullptr;  // two items so named: still ambiguous
            found = &item;
        }
        return found;
    }

    static std::string lower_ascii(std::string text) {
        for (char& c : text)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        return text;
    }

    std::string from(const FromItem& f) {
        switch (f.kind) {
        case FromItem::Kind::Table: {
            std::string source =
                options_.table_source ? options_.table_source(f.table) : quote_identifier(f.table.name);
            return source + " AS " + quote_identifier(f.table.alias.empty() ? f.table.name : f.table.alias);
        }
        case FromItem::Kind::Derived: {
            std::string out = "(" + query(*f.query) + ")";
            if (!f.alias.empty()) out += " AS " + quote_identifier(f.alias);
            return out;
        }
        case FromItem::Kind::Join: {
            std::string out = from(f.sides[0]);
            switch (f.join) {
            case JoinType::Left: out += " LEFT JOIN "; break;
            case JoinType::Right:
            case JoinType::Full:
                if (!options_.right_and_full_joins)
                    throw UnsupportedError(std::string(f.join == JoinType::Right ? "RIGHT" : "FULL") +
                                           " JOIN is not supported by this SQLite version");
                out += f.join == JoinType::Right ? " RIGHT JOIN " : " FULL JOIN ";
                break;
            case JoinType::Cross: out += " CROSS JOIN "; break;
            default: out += " JOIN "; break;
            }
            const FromItem& right = f.sides[1];
            out += right.kind == FromItem::Kind::Join ? "(" + from(right) + ")" : from(right);
            if (f.on) out += " ON " + expr(*f.on);
            if (!f.using_columns.empty()) {
                out += " USING (";
                for (std::size_t i = 0; i < f.using_columns.size(); ++i) {
                    if (i > 0) out += ", ";
                    out += quote_identifier(f.using_columns[i]);
                }
                out += ")";
            }
            return out;
        }
        }
        return {};
    }

    // schema.table.column: the schema is dropped, the table is the alias the
    // printer gave the table source.
    static std::string column(const Expr& e) {
        std::size_t first = e.names.size() == 3 ? 1 : 0;
        std::string out;
        for (std::size_t i = first; i < e.names.size(); ++i) {
            if (i > first) out += '.';
            out += quote_identifier(e.names[i]);
        }
        return out;
    }

    // A ? compared with a number: text bound parameters are made numbers,
    // because SQLite orders every number before every text.
    std::string operand(const Expr& e, bool numeric_context) {
        if (numeric_context && e.kind == ExprKind::Parameter) return "(" + expr(e) + " + 0)";
        return expr(e);
    }

    static bool is_literal(const Expr& e) {
        return e.kind == ExprKind::String || e.kind == ExprKind::Date || e.kind == ExprKind::Time ||
               e.kind == ExprKind::Timestamp || e.kind == ExprKind::Integer || e.kind == ExprKind::Decimal ||
               e.kind == ExprKind::Float || e.kind == ExprKind::Null || e.kind == ExprKind::Parameter;
    }

    // Compared with a {ts} literal, a DATE column ('2024-01-01') must read
    // as '2024-01-01 00:00:00', or the text comparison goes wrong.
    std::string compared(const Expr& e, bool numeric_context, bool timestamp_context) {
        if (timestamp_context && !is_literal(e)) return "datetime(" + expr(e) + ")";
        return operand(e, numeric_context);
    }

    std::string binary(const Expr& e) {
        const std::string& op = e.text;
        bool comparison = op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=";
        if (comparison) {
            const Expr& a = e.args[0];
            const Expr& b = e.args[1];
            std::string left = compared(a, printing::returns_number(b), b.kind == ExprKind::Timestamp);
            std::string right = compared(b, printing::returns_number(a), a.kind == ExprKind::Timestamp);
            return "(" + left + " " + op + " " + right + ")";
        }
        // AND / OR hold all operands of a chain in one node.
        std::string out = "(" + expr(e.args[0]);
        for (std::size_t i = 1; i < e.args.size(); ++i) out += " " + op + " " + expr(e.args[i]);
        return out + ")";
    }

    std::string case_expr(const Expr& e) {
        std::string out = "CASE";
        std::size_t i = 0;
        if (e.case_operand) out += " " + expr(e.args[i++]);
        std::size_t end = e.args.size() - (e.case_else ? 1 : 0);
        for (; i + 1 < end; i += 2) out += " WHEN " + expr(e.args[i]) + " THEN " + expr(e.args[i + 1]);
        if (e.case_else) out += " ELSE " + expr(e.args.back());
        return out + " END";
    }

    std::string function(const Expr& e) {
        std::vector<std::string> args;
        args.reserve(e.args.size());
        for (const auto& a : e.args) args.push_back(printing::is_keyword_argument(e, a) ? std::string() : expr(a));
        std::string out = printing::render_function(e, args, options_);
        if (e.over) out += " OVER (" + window(*e.over) + ")";
        return out;
    }

    std::string window(const ast::Window& w) {
        std::string out;
        if (!w.partition_by.empty()) {
            out += "PARTITION BY ";
            for (std::size_t i = 0; i < w.partition_by.size(); ++i) out += (i ? ", " : "") + expr(w.partition_by[i]);
        }
        if (!w.order_by.empty()) out += std::string(out.empty() ? "" : " ") + "ORDER BY " + order_list(w.order_by, false);
        if (!w.frame.empty()) out += std::string(out.empty() ? "" : " ") + w.frame;
        return out;
    }

    std::string order_list(const std::vector<ast::OrderItem>& items, bool compound) {
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& o = items[i];
            if (i > 0) out += ", ";
            // A compound query's ORDER BY names result columns, never t.c.
            if (compound && o.expr.kind == ExprKind::Column)
                out += quote_identifier(o.expr.names.back());
            else
                out += expr(o.expr);
            if (o.descending) out += " DESC";
            if (o.nulls_first) out += *o.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        }
        return out;
    }

    std::string insert(const ast::Insert& ins) {
        std::string out = "INSERT INTO " + quote_identifier(ins.table);
        if (!ins.columns.empty()) {
            out += " (";
            for (std::size_t i = 0; i < ins.columns.size(); ++i) {
                if (i > 0) out += ", ";
                out += quote_identifier(ins.columns[i]);
            }
            out += ")";
        }
        if (ins.select) return out + " " + query(*ins.select);
        out += " VALUES ";
        for (std::size_t r = 0; r < ins.rows.size(); ++r) {
            if (r > 0) out += ", ";
            out += "(";
            for (std::size_t i = 0; i < ins.rows[r].size(); ++i) {
                if (i > 0) out += ", ";
                out += expr(ins.rows[r][i]);
            }
            out += ")";
        }
        return out;
    }

    std::string update(const ast::Update& up) {
        std::string out = "UPDATE " + quote_identifier(up.table);
        if (!up.alias.empty()) out += " AS " + quote_identifier(up.alias);
        out += " SET ";
        for (std::size_t i = 0; i < up.assignments.size(); ++i) {
            if (i > 0) out += ", ";
            out += quote_identifier(up.assignments[i].column) + " = " + expr(up.assignments[i].value);
        }
        if (up.where) out += " WHERE " + expr(*up.where);
        return out;
    }

    std::string remove(const ast::Delete& del) {
        std::string out = "DELETE FROM " + quote_identifier(del.table);
        if (!del.alias.empty()) out += " AS " + quote_identifier(del.alias);
        if (del.where) out += " WHERE " + expr(*del.where);
        return out;
    }

    const PrintOptions& options_;
};

} // namespace

std::string to_sqlite(const Statement& statement, const PrintOptions& options) {
    return Printer(options).statement(statement);
}

} // namespace tb::sql
