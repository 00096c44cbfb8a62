#include "engine/write_target.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <set>

#include "engine/error.hpp"
#include "engine/session.hpp"

namespace tb::engine::write {
namespace {

using sql::ast::Expr;
using sql::ast::ExprKind;

bool names(const Expr& e, const std::string& key) {
    return e.kind == ExprKind::Column && !e.names.empty() && lower(e.names.back()) == key;
}

std::string key_text(const Expr& e, const ParameterValues& parameters, const std::string& key) {
    const Literal value = resolve(e, parameters, key);
    if (is_null(value)) return "";
    if (auto n = as_integer(value)) return std::to_string(*n);
    return literal_text(value);
}

using Tuples = std::vector<KeyTuple>;

// nullopt: the expression is not made of key equalities.
std::optional<Tuples> tuples_of(const Expr& e, const std::vector<std::string>& keys, const ParameterValues& parameters) {
    auto key_named = [&](const Expr& x) -> const std::string* {
        for (const auto& k : keys)
            if (names(x, k)) return &k;
        return nullptr;
    };
    if (e.kind == ExprKind::Binary && e.text == "=" && e.args.size() == 2) {
        for (int side : {0, 1})
            if (const std::string* k = key_named(e.args[side]))
                return Tuples{{{*k, key_text(e.args[1 - side], parameters, *k)}}};
        return std::nullopt;
    }
    if (e.kind == ExprKind::In && !e.negated && !e.query && !e.args.empty()) {
        const std::string* k = key_named(e.args[0]);
        if (!k) return std::nullopt;
        Tuples out;
        for (std::size_t i = 1; i < e.args.size(); ++i) out.push_back({{*k, key_text(e.args[i], parameters, *k)}});
        return out;
    }
    if (e.kind == ExprKind::Binary && (e.text == "OR" || e.text == "AND") && e.args.size() == 2) {
        auto a = tuples_of(e.args[0], keys, parameters);
        auto b = tuples_of(e.args[1], keys, parameters);
        if (!a || !b) return std::nullopt;
        if (e.text == "OR") {
            a->insert(a->end(), b->begin(), b->end());
            return a;
        }
        Tuples out;  // AND: every pair that agrees on the keys both name
        for (const auto& x : *a)
            for (const auto& y : *b) {
                KeyTuple merged = x;
                bool agree = true;
                for (const auto& [k, v] : y) {
                    auto [it, fresh] = merged.emplace(k, v);
                    if (!fresh && it->second != v) agree = false;
                }
                if (agree) out.push_back(std::move(merged));
            }
        return out;
    }
    return std::nullopt;
}

} // namespace

std::vector<KeyTuple> key_tuples(const std::optional<Expr>& where, const std::vector<std::string>& key_columns,
                                 const std::vector<std::string>& optional, const std::string& table,
                                 const ParameterValues& parameters) {
    std::vector<std::string> keys;
    std::string list;
    for (const auto& k : key_columns) {
        keys.push_back(lower(k));
        list += (list.empty() ? "" : " and ") + lower(k);
    }
    const std::string accepted =
        "the WHERE of an UPDATE or DELETE on " + table + " must identify rows by " + list +
        (keys.size() == 1 ? " alone: " + keys[0] + " = n, " + keys[0] + " IN (n, ...), or OR of such equalities"
                          : ": equalities or IN lists on these columns, combined with AND / OR");
    if (!where) throw Error("0A000", accepted + "; a statement without WHERE is not sent");
    auto tuples = tuples_of(*where, keys, parameters);
    if (!tuples) throw Error("0A000", accepted);
    std::vector<KeyTuple> out;
    for (auto& t : *tuples) {
        bool matches = true;
        for (const auto& k : keys) {
            auto it = t.find(k);
            if (it != t.end() && it->second.empty()) matches = false;  // key = NULL matches nothing
            if (it == t.end() && std::find(optional.begin(), optional.end(), k) == optional.end())
                throw Error("0A000", accepted + "; a part of the WHERE does not name " + k);
        }
        if (matches && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::string> key_values(const std::optional<Expr>& where, const std::string& key_column,
                                    const std::string& table, const ParameterValues& parameters) {
    std::set<std::string> values;
    for (const auto& t : key_tuples(where, {key_column}, {}, table, parameters)) values.insert(t.begin()->second);
    return {values.begin(), values.end()};
}

std::vector<CurrentRow> read_current(Session& session, const catalog::Table& table, const PlannedRequest& request) {
    session.cache().drop_partitions(session.source(), table.action);
    std::vector<Warning> warnings;
    auto parts = session.materialize({Session::Need{&table, {request}}}, warnings);
    std::vector<CurrentRow> rows;
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT * FROM " + quote_identifier(Cache::table_name(table)) + " WHERE " +
                            Cache::partition_condition({parts.at(0).at(0)});
    if (sqlite3_prepare_v2(session.cache().db(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cannot read the cached rows: ") + sqlite3_errmsg(session.cache().db()));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        CurrentRow row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            const std::string name = lower(sqlite3_column_name(stmt, i));
            if (sqlite3_column_type(stmt, i) == SQLITE_NULL) row[name] = std::nullopt;
            else row[name] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)));
        }
        rows.push_back(std::move(row));
    }
    const std::string message = rc == SQLITE_DONE ? "" : sqlite3_errmsg(session.cache().db());
    sqlite3_finalize(stmt);
    if (!message.empty()) throw Error("HY000", "cannot read the cached rows: " + message);
    return rows;
}

std::map<std::string, CurrentRow> current_rows(Session& session, const catalog::Table& table, const std::string& key) {
    std::map<std::string, CurrentRow> rows;
    for (auto& row : read_current(session, table, PlannedRequest{})) {
        auto k = row.find(lower(key));
        if (k != row.end() && k->second) rows[*k->second] = std::move(row);
    }
    return rows;
}

std::vector<InputRow> targeted_rows(Session& session, const catalog::Table& table, const std::string& key,
                                    const std::optional<Expr>& where, const std::vector<sql::ast::Assignment>& assignments,
                                    const std::vector<ParameterValues>& sets, std::vector<CurrentRow>* current_of) {
    std::map<std::string, CurrentRow> current;
    bool read = false;
    std::vector<InputRow> rows;
    for (std::size_t p = 0; p < sets.size(); ++p) {
        const auto ids = key_values(where, key, table.name, sets[p]);
        if (ids.empty()) continue;
        if (!read) {
            current = current_rows(session, table, key);
            read = true;
        }
        for (const auto& id : ids) {
            auto it = current.find(id);
            if (it == current.end()) continue;  // no such row: touches nothing
            InputRow row;
            row.number = static_cast<long>(p + 1);
            row.param_set = p;
            for (const auto& [column, value] : it->second) row.values[column] = value ? Literal(*value) : Literal();
            for (const auto& a : assignments) row.values[lower(a.column)] = resolve(a.value, sets[p], a.column);
            rows.push_back(std::move(row));
            if (current_of) current_of->push_back(it->second);
        }
    }
    return rows;
}

} // namespace tb::engine::write
