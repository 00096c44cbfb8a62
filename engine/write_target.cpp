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

std::optional<std::set<std::string>> pinned(const Expr& e, const std::string& key, const ParameterValues& parameters) {
    if (e.kind == ExprKind::Binary && e.text == "=" && e.args.size() == 2) {
        if (names(e.args[0], key)) return std::set<std::string>{key_text(e.args[1], parameters, key)};
        if (names(e.args[1], key)) return std::set<std::string>{key_text(e.args[0], parameters, key)};
        return std::nullopt;
    }
    if (e.kind == ExprKind::In && !e.negated && !e.query && !e.args.empty() && names(e.args[0], key)) {
        std::set<std::string> values;
        for (std::size_t i = 1; i < e.args.size(); ++i) values.insert(key_text(e.args[i], parameters, key));
        return values;
    }
    if (e.kind == ExprKind::Binary && (e.text == "OR" || e.text == "AND") && e.args.size() == 2) {
        auto a = pinned(e.args[0], key, parameters);
        auto b = pinned(e.args[1], key, parameters);
        if (!a || !b) return std::nullopt;
        std::set<std::string> out;
        if (e.text == "OR") {
            out = *a;
            out.insert(b->begin(), b->end());
        } else {
            std::set_intersection(a->begin(), a->end(), b->begin(), b->end(), std::inserter(out, out.begin()));
        }
        return out;
    }
    return std::nullopt;
}

} // namespace

std::vector<std::string> key_values(const std::optional<Expr>& where, const std::string& key_column,
                                    const std::string& table, const ParameterValues& parameters) {
    const std::string key = lower(key_column);
    const std::string accepted = "the WHERE of an UPDATE or DELETE on " + table + " must identify rows by " + key +
                                 " alone: " + key + " = n, " + key + " IN (n, ...), or OR of such equalities";
    if (!where) throw Error("0A000", accepted + "; a statement without WHERE is not sent");
    auto values = pinned(*where, key, parameters);
    if (!values) throw Error("0A000", accepted);
    values->erase("");  // key = NULL matches nothing
    return {values->begin(), values->end()};
}

std::map<std::string, CurrentRow> current_rows(Session& session, const catalog::Table& table, const std::string& key) {
    session.cache().drop_partitions(session.source(), table.action);
    std::vector<Warning> warnings;
    auto parts = session.materialize({Session::Need{&table, {PlannedRequest{}}}}, warnings);
    std::map<std::string, CurrentRow> rows;
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT * FROM " + quote_identifier(Cache::table_name(table)) + " WHERE _part = ?";
    if (sqlite3_prepare_v2(session.cache().db(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cannot read the cached rows: ") + sqlite3_errmsg(session.cache().db()));
    sqlite3_bind_int64(stmt, 1, parts.at(0).at(0));
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        CurrentRow row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            const std::string name = lower(sqlite3_column_name(stmt, i));
            if (sqlite3_column_type(stmt, i) == SQLITE_NULL) row[name] = std::nullopt;
            else row[name] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)));
        }
        auto k = row.find(lower(key));
        if (k != row.end() && k->second) rows[*k->second] = std::move(row);
    }
    sqlite3_finalize(stmt);
    return rows;
}

} // namespace tb::engine::write
