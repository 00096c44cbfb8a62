// analyse_pushdown(): which values the rows of each base table must have,
// from the WHERE and ON conjuncts, seen through derived tables to any depth.
//
// Every step is conservative: a restriction is only recorded when every row
// of the table that can reach the result satisfies it. WHERE conjuncts never
// restrict a table on the optional side of an outer join; an ON clause
// restricts only the sides its join does not preserve; a derived column is
// only followed when it passes a base column through unchanged and the
// derived query has no LIMIT/TOP (which a filter cannot cross) and, when it
// aggregates, the column is one of its groups.
#include "sql/ast.hpp"
#include "sql/constraint.hpp"
#include "sql/literals.hpp"

#include <algorithm>

namespace tb::sql {

using ast::Expr;
using ast::ExprKind;
using ast::FromItem;
using ast::JoinType;
using ast::Query;
using ast::Select;

namespace {

using Wanted = std::function<bool(const TableRef&, std::string_view)>;
using Source = std::pair<int, std::string>;       // base table id, column (lower case)
using Facts = std::map<Source, Constraint>;       // what a predicate implies

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
bool same_name(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

// A FROM entry of one SELECT: a base table or a derived table.
struct Entry {
    const FromItem* item = nullptr;
    bool derived = false;
    bool null_extended = false; // on the optional side of an outer join of this scope
    std::string visible_name() const {
        if (derived) return item->alias;
        return item->table.alias.empty() ? item->table.name : item->table.alias;
    }
};

struct Scope {
    const Select* select = nullptr;
    std::vector<Entry> entries;
};

void collect_entries(const FromItem& item, bool nullable, std::vector<Entry>& out) {
    switch (item.kind) {
    case FromItem::Kind::Table: out.push_back({&item, false, nullable}); break;
    case FromItem::Kind::Derived: out.push_back({&item, true, nullable}); break;
    case FromItem::Kind::Join:
        collect_entries(item.sides[0], nullable || item.join == JoinType::Right || item.join == JoinType::Full, out);
        collect_entries(item.sides[1], nullable || item.join == JoinType::Left || item.join == JoinType::Full, out);
        break;
    }
}

Scope scope_of(const Select& s) {
    Scope scope;
    scope.select = &s;
    for (const auto& f : s.from) collect_entries(f, false, scope.entries);
    return scope;
}

bool is_aggregate_call(const Expr& e) {
    if (e.kind == ExprKind::Function && !e.over &&
        (e.text == "COUNT" || e.text == "SUM" || e.text == "AVG" ||
         ((e.text == "MIN" || e.text == "MAX") && e.args.size() == 1)))
        return true;
    return std::any_of(e.args.begin(), e.args.end(), is_aggregate_call);
}

bool aggregates(const Select& s) {
    if (!s.group_by.empty() || s.having) return true;
    return std::any_of(s.items.begin(), s.items.end(),
                       [](const ast::SelectItem& i) { return !i.star && is_aggregate_call(i.expr); });
}

// The windows of a select list's calls (not inside subqueries).
void collect_windows(const Expr& e, std::vector<const ast::Window*>& out) {
    if (e.over) out.push_back(e.over.get());
    for (const auto& a : e.args) collect_windows(a, out);
}
std::vector<const ast::Window*> windows_of(const Select& s) {
    std::vector<const ast::Window*> out;
    for (const auto& i : s.items)
        if (!i.star) collect_windows(i.expr, out);
    return out;
}

// A filter may cross a window function only on a column every window
// partitions by: removing whole partitions leaves the others' values alone.
bool partitioned_by_every_window(const Select& s, const Expr& column) {
    for (const ast::Window* w : windows_of(s)) {
        bool found = std::any_of(w->partition_by.begin(), w->partition_by.end(), [&](const Expr& p) {
            if (p.kind != ExprKind::Column || !same_name(p.names.back(), column.names.back())) return false;
            return p.names.size() == 1 || column.names.size() == 1 ||
                   same_name(p.names[p.names.size() - 2], column.names[column.names.size() - 2]);
        });
        if (!found) return false;
    }
    return true;
}

bool is_zero(const std::optional<Expr>& e) {
    if (!e) return false;
    auto v = ast::constant_value(*e);
    if (!v || v->parameter) return false;
    if (auto i = std::get_if<std::int64_t>(&v->literal)) return *i == 0;
    return false;
}

class Analyser {
public:
    explicit Analyser(const Wanted& wanted) : wanted_(wanted) {}

    // Returns whether the query certainly yields no row.
    bool query(const Query& q) {
        bool empty = is_zero(q.limit);
        bool all_parts_empty = !q.parts.empty();
        for (const auto& part : q.parts) {
            bool part_empty = part.select ? select(*part.select) : query(*part.nested);
            all_parts_empty = all_parts_empty && part_empty;
        }
        for (const auto& o : q.order_by) subqueries(o.expr);
        empty = empty || all_parts_empty;
        if (empty) mark_empty(q);
        return empty;
    }

    void expression_subqueries(const Expr& e) { subqueries(e); }

    Pushdown result() {
        propagate_equalities();
        Pushdown p;
        for (const auto& [source, constraint] : facts_) {
            const TableRef* ref = table_by_id(source.first);
            if (ref && wanted_(*ref, source.second)) p.constraints[source.first][source.second] = constraint;
        }
        p.empty_tables = empty_;
        return p;
    }

private:
    bool select(const Select& s) {
        Scope scope = scope_of(s);
        for (const auto& e : scope.entries) remember(e);
        bool empty = is_zero(s.top);
        // WHERE: tables on an optional side are left alone.
        if (s.where) {
            subqueries(*s.where);
            auto preserved = [](const Entry& e) { return !e.null_extended; };
            auto facts = analyse(*s.where, scope, preserved);
            equalities(*s.where, scope, preserved, preserved);
            if (!facts) empty = true;
            else merge(*facts);
        }
        for (const auto& f : s.from) joins(f, scope);
        for (const auto& e : scope.entries)
            if (e.derived) query(*e.item->query);
        for (const auto& i : s.items)
            if (!i.star) subqueries(i.expr);
        for (const auto& g : s.group_by) subqueries(g);
        if (s.having) subqueries(*s.having);
        if (empty) mark_empty(s);
        return empty;
    }

    // ON clauses restrict the sides their join does not preserve.
    void joins(const FromItem& item, const Scope& scope) {
        if (item.kind != FromItem::Kind::Join) return;
        joins(item.sides[0], scope);
        joins(item.sides[1], scope);
        if (!item.on) return;
        subqueries(*item.on);
        std::vector<const FromItem*> restricted;
        auto add_side = [&](const FromItem& side) {
            std::vector<Entry> entries;
            collect_entries(side, false, entries);
            for (const auto& e : entries) restricted.push_back(e.item);
        };
        if (item.join == JoinType::Inner || item.join == JoinType::Cross || item.join == JoinType::Comma) {
            add_side(item.sides[0]);
            add_side(item.sides[1]);
        } else if (item.join == JoinType::Left) {
            add_side(item.sides[1]);
        } else if (item.join == JoinType::Right) {
            add_side(item.sides[0]);
        }
        auto allowed = [&](const Entry& e) {
            return std::find(restricted.begin(), restricted.end(), e.item) != restricted.end();
        };
        auto facts = analyse(*item.on, scope, allowed);
        // An equality carries a side's values onto a restricted side; an
        // outer join's preserved side takes nothing from its optional side.
        std::vector<Entry> joined;
        collect_entries(item, false, joined);
        auto in_join = [&](const Entry& e) {
            return std::any_of(joined.begin(), joined.end(), [&](const Entry& j) { return j.item == e.item; });
        };
        equalities(*item.on, scope, in_join, allowed);
        if (!facts) {
            for (const FromItem* f : restricted) mark_empty(*f);
        } else {
            merge(*facts);
        }
    }

    // The facts a predicate implies about base columns; nullopt when the
    // predicate is always false.
    template <typename Allowed>
    std::optional<Facts> analyse(const Expr& e, const Scope& scope, const Allowed& allowed) {
        if (auto truth = constant_truth(e)) {
            if (!*truth) return std::nullopt;
            return Facts{};
        }
        if (e.kind == ExprKind::Binary && e.text == "AND") {
            Facts all;
            bool contradiction = false;
            for (const auto& operand : e.args) {
                auto facts = analyse(operand, scope, allowed);
                if (!facts) contradiction = true;
                else
                    for (auto& [source, c] : *facts) add(all, source, c);
            }
            if (contradiction) return std::nullopt;
            return all;
        }
        if (e.kind == ExprKind::Binary && e.text == "OR") {
            // What every satisfiable branch implies; a false branch drops out.
            std::vector<Facts> branches;
            for (const auto& operand : e.args)
                if (auto facts = analyse(operand, scope, allowed)) branches.push_back(std::move(*facts));
            if (branches.empty()) return std::nullopt;
            Facts either;
            for (const auto& [source, first] : branches[0]) {
                std::vector<Constraint> alternatives{first};
                for (std::size_t i = 1; i < branches.size(); ++i) {
                    auto it = branches[i].find(source);
                    if (it == branches[i].end()) break;
                    alternatives.push_back(it->second);
                }
                if (alternatives.size() != branches.size()) continue;
                if (auto u = constraints::unite_all(alternatives)) either[source] = std::move(*u);
            }
            return either;
        }
        Facts facts;
        auto restrict = [&](const Expr& column, const Constraint& c) {
            if (column.kind != ExprKind::Column) return;
            for (const auto& source : resolve(column, scope, allowed)) add(facts, source, c);
        };
        switch (e.kind) {
        case ExprKind::Binary: {
            static const std::map<std::string, std::string> flipped = {
                {"=", "="}, {"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
            if (!flipped.count(e.text)) break;
            const Expr* column = &e.args[0];
            auto value = ast::constant_value(e.args[1]);
            std::string op = e.text;
            if (!value || column->kind != ExprKind::Column) {
                column = &e.args[1];
                value = ast::constant_value(e.args[0]);
                op = flipped.at(e.text);
            }
            if (!value || is_null(*value)) break;
            if (op == "=") restrict(*column, constraints::equal_to(*value));
            else if (op == "<") restrict(*column, constraints::bounded(std::nullopt, true, *value, false));
            else if (op == "<=") restrict(*column, constraints::bounded(std::nullopt, true, *value, true));
            else if (op == ">") restrict(*column, constraints::bounded(*value, false, std::nullopt, true));
            else if (op == ">=") restrict(*column, constraints::bounded(*value, true, std::nullopt, true));
            break;
        }
        case ExprKind::In: {
            if (e.negated || e.query) break;
            std::vector<Value> values;
            for (std::size_t i = 1; i < e.args.size(); ++i) {
                auto v = ast::constant_value(e.args[i]);
                if (!v) return facts; // an expression in the list: no restriction
                if (!is_null(*v)) values.push_back(*v);
            }
            restrict(e.args[0], constraints::one_of(std::move(values)));
            break;
        }
        case ExprKind::Between: {
            if (e.negated) break;
            auto low = ast::constant_value(e.args[1]);
            auto high = ast::constant_value(e.args[2]);
            if (!low || !high || is_null(*low) || is_null(*high)) break;
            restrict(e.args[0], constraints::bounded(*low, true, *high, true));
            break;
        }
        default: break;
        }
        return facts;
    }

    // Records `x = y` conjuncts between columns: every result row in which
    // a row of y's table appears pairs it with a row of x's table that also
    // reaches the result, so y takes whatever x's table must satisfy.
    // from_allowed: entries x may name; to_allowed: entries y may restrict.
    template <typename FromAllowed, typename ToAllowed>
    void equalities(const Expr& e, const Scope& scope, const FromAllowed& from_allowed, const ToAllowed& to_allowed) {
        if (e.kind == ExprKind::Binary && e.text == "AND") {
            for (const auto& operand : e.args) equalities(operand, scope, from_allowed, to_allowed);
            return;
        }
        if (e.kind == ExprKind::Binary && e.text == "OR") {
            null_safe_equalities(e, scope, from_allowed, to_allowed);
            return;
        }
        if (!is_column_equality(e)) return;
        for (int from = 0; from < 2; ++from) link(e.args[from], e.args[1 - from], scope, from_allowed, to_allowed);
    }

    template <typename FromAllowed, typename ToAllowed>
    void link(const Expr& x, const Expr& y, const Scope& scope, const FromAllowed& from_allowed,
              const ToAllowed& to_allowed) {
        auto sources = resolve(x, scope, from_allowed);
        auto targets = resolve(y, scope, to_allowed);
        // A column of a UNION stands for several sources: no single one to copy.
        if (sources.size() == 1 && !targets.empty()) equal_.push_back({sources[0], std::move(targets)});
    }

    // Power BI's null-safe join: (x = y AND ...) OR (x IS NULL AND y IS NULL).
    // A constrained x is never NULL where its (not null-extended) table
    // reaches the result, so only the branches with x = y can hold there.
    template <typename FromAllowed, typename ToAllowed>
    void null_safe_equalities(const Expr& e, const Scope& scope, const FromAllowed& from_allowed,
                              const ToAllowed& to_allowed) {
        std::vector<std::vector<const Expr*>> branches(e.args.size());
        for (std::size_t i = 0; i < e.args.size(); ++i) conjuncts(e.args[i], branches[i]);
        auto real_row = [&](const Entry& entry) { return from_allowed(entry) && !entry.null_extended; };
        for (const auto& branch : branches)
            for (const Expr* candidate : branch) {
                if (!is_column_equality(*candidate)) continue;
                for (int from = 0; from < 2; ++from) {
                    const Expr& x = candidate->args[from];
                    const Expr& y = candidate->args[1 - from];
                    bool every = std::all_of(branches.begin(), branches.end(), [&](const auto& b) {
                        return std::any_of(b.begin(), b.end(), [&](const Expr* d) {
                            if (d->kind == ExprKind::IsNull) return !d->negated && same_column(d->args[0], x);
                            return is_column_equality(*d) &&
                                   ((same_column(d->args[0], x) && same_column(d->args[1], y)) ||
                                    (same_column(d->args[0], y) && same_column(d->args[1], x)));
                        });
                    });
                    if (every) link(x, y, scope, real_row, to_allowed);
                }
            }
    }

    static bool is_column_equality(const Expr& e) {
        return e.kind == ExprKind::Binary && e.text == "=" && e.args.size() == 2 &&
               e.args[0].kind == ExprKind::Column && e.args[1].kind == ExprKind::Column;
    }
    static bool same_column(const Expr& a, const Expr& b) {
        if (a.kind != ExprKind::Column || b.kind != ExprKind::Column || a.names.size() != b.names.size()) return false;
        for (std::size_t i = 0; i < a.names.size(); ++i)
            if (!same_name(a.names[i], b.names[i])) return false;
        return true;
    }
    static void conjuncts(const Expr& e, std::vector<const Expr*>& out) {
        if (e.kind == ExprKind::Binary && e.text == "AND") {
            for (const auto& operand : e.args) conjuncts(operand, out);
            return;
        }
        out.push_back(&e);
    }

    // Copies facts along recorded equalities; a chain of n equalities needs n rounds.
    void propagate_equalities() {
        for (std::size_t round = 0; round < equal_.size(); ++round)
            for (const auto& [source, targets] : equal_) {
                auto it = facts_.find(source);
                if (it == facts_.end()) continue;
                const Constraint c = it->second;
                for (const auto& target : targets)
                    if (target != source) add(facts_, target, c);
            }
    }

    static bool is_null(const Value& v) {
        return v.parameter == 0 && std::holds_alternative<std::monostate>(v.literal);
    }

    // FALSE, 0, NULL, 1=0, 1<>1: a predicate that holds for no row.
    static std::optional<bool> constant_truth(const Expr& e) {
        if (e.kind == ExprKind::Null) return false;
        if (e.kind == ExprKind::Boolean || e.kind == ExprKind::Integer) return e.text != "0" && e.text != "";
        if (e.kind == ExprKind::Unary && e.text == "NOT") {
            auto inner = constant_truth(e.args[0]);
            if (inner) return !*inner;
            return std::nullopt;
        }
        if (e.kind == ExprKind::Binary && e.args.size() == 2 && e.text != "AND" && e.text != "OR") {
            auto a = ast::constant_value(e.args[0]);
            auto b = ast::constant_value(e.args[1]);
            if (!a || !b || a->parameter || b->parameter) return std::nullopt;
            if (is_null(*a) || is_null(*b)) return std::nullopt;
            auto cmp = literals::compare(*a, *b);
            if (!cmp) return std::nullopt;
            if (e.text == "=") return *cmp == 0;
            if (e.text == "<>") return *cmp != 0;
            if (e.text == "<") return *cmp < 0;
            if (e.text == "<=") return *cmp <= 0;
            if (e.text == ">") return *cmp > 0;
            if (e.text == ">=") return *cmp >= 0;
        }
        return std::nullopt;
    }

    // The base columns a column reference of this scope stands for.
    template <typename Allowed>
    std::vector<Source> resolve(const Expr& column, const Scope& scope, const Allowed& allowed) {
        std::string name = lower(column.names.back());
        std::vector<Source> out;
        if (column.names.size() >= 2) {
            const std::string& qualifier = column.names[column.names.size() - 2];
            for (const auto& e : scope.entries) {
                if (!same_name(e.visible_name(), qualifier)) continue;
                if (allowed(e)) follow(e, name, out);
                return out;
            }
            return out;
        }
        // Unqualified: the one entry that has the column; none if unsure.
        const Entry* owner = nullptr;
        for (const auto& e : scope.entries) {
            bool has = e.derived ? output_sources(*e.item->query, name, true).has_value()
                                 : wanted_(e.item->table, name);
            if (!has) continue;
            if (owner) return out;
            owner = &e;
        }
        if (owner && allowed(*owner)) follow(*owner, name, out);
        return out;
    }

    void follow(const Entry& e, const std::string& name, std::vector<Source>& out) {
        if (!e.derived) {
            out.emplace_back(e.item->table.id, name);
            return;
        }
        if (auto sources = output_sources(*e.item->query, name, false))
            out.insert(out.end(), sources->begin(), sources->end());
    }

    // The base columns an output column of a derived query passes through.
    // probe: only tell whether the column exists (for unqualified names).
    std::optional<std::vector<Source>> output_sources(const Query& q, const std::string& name, bool probe) {
        if (q.limit || q.offset) return probe ? std::optional<std::vector<Source>>{std::vector<Source>{}}
                                              : std::nullopt;
        if (q.parts.size() == 1) {
            if (q.parts[0].nested) return output_sources(*q.parts[0].nested, name, probe);
            return member_sources_by_name(*q.parts[0].select, name, probe);
        }
        // A compound query: the column at the same position in every member.
        auto index = output_index(q, name);
        if (!index) return std::nullopt;
        std::vector<Source> all;
        for (const auto& part : q.parts) {
            if (!part.select) continue; // a nested member stays unrestricted
            auto sources = member_sources_at(*part.select, *index);
            if (sources) all.insert(all.end(), sources->begin(), sources->end());
        }
        return all;
    }

    static std::optional<std::size_t> output_index(const Query& q, const std::string& name) {
        const auto& first = q.parts[0];
        if (!first.select) return output_index(*first.nested, name);
        const auto& items = first.select->items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].star) return std::nullopt;
            if (output_name(items[i]) == name) return i;
        }
        return std::nullopt;
    }

    static std::string output_name(const ast::SelectItem& item) {
        if (!item.alias.empty()) return lower(item.alias);
        if (item.expr.kind == ExprKind::Column) return lower(item.expr.names.back());
        return {};
    }

    std::optional<std::vector<Source>> member_sources_by_name(const Select& s, const std::string& name, bool probe) {
        for (std::size_t i = 0; i < s.items.size(); ++i) {
            if (s.items[i].star || output_name(s.items[i]) != name) continue;
            if (probe) return std::vector<Source>{};
            return member_sources_at(s, i);
        }
        // Through * or t.*: the column of the entry that has it.
        for (const auto& item : s.items) {
            if (!item.star) continue;
            Scope scope = scope_of(s);
            Expr column;
            column.kind = ExprKind::Column;
            if (!item.star_qualifier.empty()) column.names.push_back(item.star_qualifier);
            column.names.push_back(name);
            if (probe) {
                bool found = false;
                for (const auto& e : scope.entries) {
                    if (!item.star_qualifier.empty() && !same_name(e.visible_name(), item.star_qualifier)) continue;
                    if (e.derived ? output_sources(*e.item->query, name, true).has_value()
                                  : wanted_(e.item->table, name))
                        found = true;
                }
                if (found) return std::vector<Source>{};
                continue;
            }
            if (s.top || aggregates(s) || !windows_of(s).empty()) return std::nullopt;
            auto sources = resolve(column, scope, [](const Entry& e) { return !e.null_extended; });
            if (!sources.empty()) return sources;
        }
        return std::nullopt;
    }

    std::optional<std::vector<Source>> member_sources_at(const Select& s, std::size_t index) {
        if (s.top || index >= s.items.size()) return std::nullopt;
        const auto& item = s.items[index];
        if (item.star || item.expr.kind != ExprKind::Column) return std::nullopt;
        if (aggregates(s) && !grouped_by(s, item, index)) return std::nullopt;
        if (!partitioned_by_every_window(s, item.expr)) return std::nullopt;
        Scope scope = scope_of(s);
        return resolve(item.expr, scope, [](const Entry& e) { return !e.null_extended; });
    }

    // A filter on a grouping column removes whole groups, so it may be pushed.
    static bool grouped_by(const Select& s, const ast::SelectItem& item, std::size_t index) {
        for (const auto& g : s.group_by) {
            if (g.kind == ExprKind::Integer && g.text == std::to_string(index + 1)) return true;
            if (g.kind != ExprKind::Column) continue;
            if (g.names.size() == 1 && !item.alias.empty() && same_name(g.names[0], item.alias)) return true;
            if (!same_name(g.names.back(), item.expr.names.back())) continue;
            if (g.names.size() == 1 || item.expr.names.size() == 1 ||
                same_name(g.names[g.names.size() - 2], item.expr.names[item.expr.names.size() - 2]))
                return true;
        }
        return false;
    }

    void add(Facts& facts, const Source& source, const Constraint& c) {
        auto it = facts.find(source);
        if (it == facts.end()) facts.emplace(source, c);
        else it->second = constraints::intersect(it->second, c);
    }

    void merge(const Facts& facts) {
        for (const auto& [source, c] : facts) add(facts_, source, c);
    }

    void subqueries(const Expr& e) {
        if (e.query) query(*e.query);
        for (const auto& a : e.args) subqueries(a);
    }

    void remember(const Entry& e) {
        if (!e.derived) tables_[e.item->table.id] = &e.item->table;
    }

    const TableRef* table_by_id(int id) const {
        auto it = tables_.find(id);
        return it == tables_.end() ? nullptr : it->second;
    }

    // Every base table inside (subqueries included) contributes no row.
    void mark_empty(const Query& q) {
        for (const auto& part : q.parts) {
            if (part.select) mark_empty(*part.select);
            if (part.nested) mark_empty(*part.nested);
        }
    }
    void mark_empty(const Select& s) {
        for (const auto& f : s.from) mark_empty(f);
        auto in_expr = [this](const Expr& e, auto& self) -> void {
            if (e.query) mark_empty(*e.query);
            for (const auto& a : e.args) self(a, self);
        };
        for (const auto& i : s.items)
            if (!i.star) in_expr(i.expr, in_expr);
        if (s.where) in_expr(*s.where, in_expr);
    }
    void mark_empty(const FromItem& f) {
        switch (f.kind) {
        case FromItem::Kind::Table:
            empty_.insert(f.table.id);
            tables_[f.table.id] = &f.table;
            break;
        case FromItem::Kind::Derived: mark_empty(*f.query); break;
        case FromItem::Kind::Join:
            for (const auto& side : f.sides) mark_empty(side);
            break;
        }
    }

    const Wanted& wanted_;
    Facts facts_;
    std::vector<std::pair<Source, std::vector<Source>>> equal_; // column = column: source's facts hold for targets
    std::set<int> empty_;
    std::map<int, const TableRef*> tables_;
};

} // namespace

Pushdown analyse_pushdown(const Statement& statement, const Wanted& wanted) {
    const Statement* st = &statement;
    while (st->kind == StatementKind::Explain && st->explained) st = st->explained.get();
    Analyser analyser(wanted);
    bool no_rows = false;
    switch (st->kind) {
    case StatementKind::Select: no_rows = analyser.query(*st->query); break;
    case StatementKind::Insert:
        if (st->insert.select) analyser.query(*st->insert.select);
        for (const auto& row : st->insert.rows)
            for (const auto& e : row) analyser.expression_subqueries(e);
        break;
    case StatementKind::Update:
        for (const auto& a : st->update.assignments) analyser.expression_subqueries(a.value);
        if (st->update.where) analyser.expression_subqueries(*st->update.where);
        break;
    case StatementKind::Delete:
        if (st->del.where) analyser.expression_subqueries(*st->del.where);
        break;
    default: break;
    }
    Pushdown p = analyser.result();
    p.no_rows = no_rows;
    // A table that contributes nothing needs no value at all.
    for (int id : p.empty_tables)
        if (auto it = p.constraints.find(id); it != p.constraints.end())
            for (auto& [column, c] : it->second) c = constraints::impossible();
    return p;
}

} // namespace tb::sql
