#include "engine/loader.hpp"

#include <sqlite3.h>

#include <cctype>
#include <cstring>
#include <span>

#include "api/csv.hpp"
#include "engine/cache.hpp"

namespace tb::engine {
namespace {

constexpr std::size_t kMaxWarnings = 50;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

// Where each CSV field goes: a cache column index, or -1 to skip it.
struct FieldMap {
    std::vector<int> target;
};

int match_catalog_column(const catalog::Table& table, std::string_view header) {
    const std::string_view h = trim(header);
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const auto& c = table.columns[i];
        if (c.header.empty()) continue;
        if (c.header_prefix ? istarts_with(h, c.header) : iequals(h, c.header)) return int(i);
    }
    return -1;
}

} // namespace

std::vector<std::string> runtime_column_names(const catalog::Table& table, const std::vector<std::string>& header) {
    std::vector<std::string> names;
    std::string group;
    for (const auto& h : header) {
        if (auto type = catalog::absence_type_marker(h)) {
            group = *type;
            continue;
        }
        if (match_catalog_column(table, h) >= 0) continue;
        std::string name = catalog::snake_case(group.empty() ? h : group + " " + h);
        if (name.empty()) name = "column";
        // A clash with a catalog or earlier run-time column gets _2, _3 (SCHEMA.md).
        std::string unique = name;
        for (int n = 2;; ++n) {
            bool clash = table.find_column(unique) != nullptr;
            for (const auto& other : names) clash = clash || other == unique;
            if (!clash) break;
            unique = name + "_" + std::to_string(n);
        }
        names.push_back(unique);
    }
    return names;
}

LoadResult load_partition(Cache& cache, const catalog::Table& table, std::int64_t part, std::string_view body,
                          const KeyValues& keys) {
    LoadResult result;
    std::string repaired;
    if (!api::is_valid_utf8(body)) {
        repaired = api::repair_utf8(body);
        body = repaired;
        result.warnings.push_back({"01000", "the response of action '" + table.action +
                                                "' held invalid UTF-8; the bad bytes read as U+FFFD"});
    }

    sqlite3* db = cache.db();
    FieldMap map;
    bool mapped = false;
    sqlite3_stmt* insert = nullptr;
    std::vector<int> key_targets;
    std::string text;
    std::int64_t row_number = 0;

    auto prepare_insert = [&](const std::vector<std::string>& header) {
        const auto extra = runtime_column_names(table, header);
        if (!extra.empty()) cache.add_runtime_columns(table, extra);
        const auto& cols = cache.columns(table);
        auto index_of = [&](std::string_view name) {
            for (std::size_t i = 0; i < cols.size(); ++i)
                if (cols[i].column.name == name) return int(i);
            return -1;
        };
        if (table.header_less) {
            // Positional: the non-key columns in declaration order.
            for (std::size_t i = 0; i < cols.size(); ++i)
                if (cols[i].column.parser != catalog::ValueParser::None) map.target.push_back(int(i));
        } else {
            std::size_t extra_index = 0;
            for (const auto& h : header) {
                if (catalog::absence_type_marker(h)) {
                    map.target.push_back(-1);
                    continue;
                }
                int c = match_catalog_column(table, h);
                if (c < 0) c = index_of(extra[extra_index++]);
                map.target.push_back(c);
            }
        }
        for (const auto& [name, value] : keys) key_targets.push_back(index_of(name));

        std::string sql = "INSERT INTO " + cache.sql_name(table) + "(_part";
        for (const auto& c : cols) sql += "," + quote_identifier(c.column.name);
        sql += ") VALUES (?";
        for (std::size_t i = 0; i < cols.size(); ++i) sql += ",?";
        sql += ")";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &insert, nullptr) != SQLITE_OK)
            throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
        mapped = true;
    };

    auto warn = [&](const catalog::Column& column, std::string_view value) {
        if (result.warnings.size() < kMaxWarnings)
            result.warnings.push_back(
                {"01S07",
                 "table " + table.name + ", column " + column.name + ", row " + std::to_string(row_number) +
                     ": the value '" + std::string(value) + "' is not a valid " +
                     std::string(catalog::to_string(column.type)) + "; it reads as NULL",
                 0, long(row_number), 0});
    };

    // Binds one CSV field to parameter `slot` by the column's parser.
    auto bind = [&](int slot, const catalog::Column& column, std::string_view value) {
        using P = catalog::ValueParser;
        if (is_blank(value)) return;  // NULL stays bound
        switch (column.parser) {
        case P::Integer:
        case P::Reference: {
            std::int64_t v;
            if (!parse_integer(value, v)) {
                // Amounts like budgets come as "16.0": a whole decimal is an integer.
                double d;
                if (!parse_decimal(value, d) || d != static_cast<double>(static_cast<std::int64_t>(d)))
                    return warn(column, value);
                v = static_cast<std::int64_t>(d);
            }
            if (column.parser == P::Reference && v == 0) return;
            sqlite3_bind_int64(insert, slot, v);
            return;
        }
        case P::Decimal: {
            double v;
            if (!parse_decimal(value, v)) return warn(column, value);
            sqlite3_bind_double(insert, slot, v);
            return;
        }
        case P::Bool: {
            bool v;
            if (!parse_bool(value, v)) return warn(column, value);
            sqlite3_bind_int(insert, slot, v ? 1 : 0);
            return;
        }
        case P::DateDmy:
            if (!parse_date_dmy(value, text)) return warn(column, value);
            sqlite3_bind_text(insert, slot, text.data(), int(text.size()), SQLITE_TRANSIENT);
            return;
        case P::TimeHm:
            if (!parse_time_hm(value, text)) return warn(column, value);
            sqlite3_bind_text(insert, slot, text.data(), int(text.size()), SQLITE_TRANSIENT);
            return;
        case P::EpochMillis: {
            std::int64_t ms;
            if (parse_integer(value, ms) && ms == 0) return;  // "0": not set
            if (!parse_epoch_millis(value, text)) return warn(column, value);
            sqlite3_bind_text(insert, slot, text.data(), int(text.size()), SQLITE_TRANSIENT);
            return;
        }
        case P::Text:
        case P::None:
            sqlite3_bind_text(insert, slot, value.data(), int(value.size()), SQLITE_TRANSIENT);
            return;
        }
    };

    cache.begin();
    try {
        {
            sqlite3_stmt* del = nullptr;
            std::string sql = "DELETE FROM " + cache.sql_name(table) + " WHERE _part = ?";
            sqlite3_prepare_v2(db, sql.c_str(), -1, &del, nullptr);
            sqlite3_bind_int64(del, 1, part);
            sqlite3_step(del);
            sqlite3_finalize(del);
        }
        api::decode_csv(body, false, [&](std::span<const std::string_view> fields, std::size_t) {
            if (!mapped) {
                if (!table.header_less) {
                    std::vector<std::string> header(fields.begin(), fields.end());
                    prepare_insert(header);
                    return;
                }
                prepare_insert({});
            }
            ++row_number;
            const auto& cols = cache.columns(table);
            sqlite3_bind_int64(insert, 1, part);
            for (std::size_t f = 0; f < fields.size() && f < map.target.size(); ++f) {
                const int c = map.target[f];
                if (c >= 0) bind(c + 2, cols[c].column, fields[f]);
            }
            for (std::size_t k = 0; k < keys.size(); ++k) {
                const int c = key_targets[k];
                if (c < 0) continue;
                const auto& column = cols[c].column;
                std::int64_t v;
                if (column.type == catalog::SqlType::Integer && parse_integer(keys[k].second, v))
                    sqlite3_bind_int64(insert, c + 2, v);
                else
                    sqlite3_bind_text(insert, c + 2, keys[k].second.data(), int(keys[k].second.size()),
                                      SQLITE_TRANSIENT);
            }
            if (sqlite3_step(insert) != SQLITE_DONE)
                throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
            sqlite3_reset(insert);
            sqlite3_clear_bindings(insert);
        });
        if (!mapped && !table.header_less) {
            // An empty body: not even a header line. Nothing to load.
        }
        sqlite3_finalize(insert);
        insert = nullptr;
        cache.mark_loaded(table, part);
        cache.commit();
    } catch (...) {
        sqlite3_finalize(insert);
        cache.rollback();
        throw;
    }
    if (result.warnings.size() >= kMaxWarnings)
        result.warnings.push_back({"01S07", "table " + table.name + ": further values that did not parse read as NULL"});
    result.rows = row_number;
    return result;
}

} // namespace tb::engine
