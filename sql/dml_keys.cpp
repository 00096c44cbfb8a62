// pinned_values(): the key values a write statement's WHERE names.
#include "sql/ast.hpp"
#include "sql/constraint.hpp"

#include <cctype>

namespace tb::sql::ast {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void collect(const Expr& e, std::map<std::string, Constraint>& pinned) {
    auto pin = [&](const Expr& column, std::vector<Value> values) {
        std::string name = lower(column.names.back());
        Constraint c = constraints::one_of(std::move(values));
        auto it = pinned.find(name);
        if (it == pinned.end()) pinned.emplace(name, c);
        else it->second = constraints::intersect(it->second, c);
    };
    if (e.kind == ExprKind::Binary && e.text == "AND") {
        for (const auto& operand : e.args) collect(operand, pinned);
        return;
    }
    if (e.kind == ExprKind::Binary && e.text == "=" && e.args.size() == 2) {
        for (int side = 0; side < 2; ++side) {
            const Expr& column = e.args[side];
            auto value = constant_value(e.args[1 - side]);
            if (column.kind == ExprKind::Column && value) {
                pin(column, {*value});
                return;
            }
        }
        return;
    }
    if (e.kind == ExprKind::In && !e.negated && !e.query && e.args[0].kind == ExprKind::Column) {
        std::vector<Value> values;
        for (std::size_t i = 1; i < e.args.size(); ++i) {
            auto v = constant_value(e.args[i]);
            if (!v) return;
            values.push_back(*v);
        }
        pin(e.args[0], std::move(values));
    }
}

} // namespace

std::map<std::string, std::vector<Value>> pinned_values(const Expr& where) {
    std::map<std::string, Constraint> pinned;
    collect(where, pinned);
    std::map<std::string, std::vector<Value>> out;
    for (auto& [column, c] : pinned) out[column] = c.none ? std::vector<Value>{} : c.values.value_or(std::vector<Value>{});
    return out;
}

} // namespace tb::sql::ast
