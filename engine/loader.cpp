#include "engine/ascii.hpp"
#include "engine/loader.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "api/csv.hpp"
#include "api/json_rows.hpp"
#include "api/response_text.hpp"
#include "engine/batch_insert.hpp"
#include "engine/cache.hpp"
#include "engine/field_batches.hpp"

namespace tb::engine {
namespace {

constexpr std::size_t kMaxWarnings = 50;

int match_catalog_column(const catalog::Table& table, std::string_view header) {
    using ascii::iequals, ascii::istarts_with;
    const std::string_view h = ascii::trim_field(header);
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
    std::unordered_set<std::string> taken;
    for (const auto& c : table.columns) taken.insert(c.name);
    // The next suffix to try per base name: a header of thousands of equal
    // names costs one probe each, not a scan of all names per suffix.
    std::unordered_map<std::string, int> next_suffix;
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
        if (taken.count(unique)) {
            int& n = next_suffix.try_emplace(name, 2).first->second;
            do unique = name + "_" + std::to_string(n++);
            while (taken.count(unique));
        }
        taken.insert(unique);
        names.push_back(std::move(unique));
    }
    return names;
}

namespace {

// The end of the header line (the service does not quote: api-notes.md).
// Blank lines before it belong to it.
std::size_t header_end(std::string_view body) {
    std::size_t start = 0;
    while (start < body.size()) {
        const std::size_t nl = body.find('\n', start);
        if (nl == std::string_view::npos) return body.size();
        if (body.find_first_not_of(" \t\r\xEF\xBB\xBF", start) < nl) return nl + 1;
        start = nl + 1;
    }
    return body.size();
}

// A short list of names for a message: the first few, and how many more.
std::string name_list(const std::vector<std::string>& names, std::span<const std::string> secrets) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(names.size(), 5);
    for (std::size_t i = 0; i < shown; ++i)
        out += (i ? ", '" : "'") + api::response_excerpt(names[i], 80, secrets) + "'";
    if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
    return out;
}

std::string partition_text(const LoadContext& context) {
    return context.request.empty() ? std::string("(no request parameters)") : context.request;
}

// An answer of a JSON source that is not an array of flat objects: nothing
// of it is loaded.
Error json_error(const catalog::Table& table, const LoadContext& context, const api::JsonShapeError& e) {
    std::string where = "table " + table.source + "." + table.name + ", partition " + partition_text(context);
    if (e.element()) where += ", element " + std::to_string(e.element());
    if (!e.field().empty()) where += ", field '" + api::response_excerpt(e.field(), 80, context.secrets) + "'";
    return Error("HY000", where + ": " + e.what() + ", so the answer cannot be decoded. Nothing of this answer was "
                          "loaded; please report it to the driver's maintainers");
}

void exec_sql(sqlite3* db, const std::string& sql) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
}

// Whether the partition's rowid range lies above every row of the table, so
// its rows can be appended (the usual case: partitions are numbered in the
// order they are first loaded; a partition fetched again may not be).
bool above_every_rowid(sqlite3* db, const std::string& table_sql_name, std::int64_t part) {
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT max(rowid) FROM " + table_sql_name;
    if (sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cache: ") + sqlite3_errmsg(db));
    bool above = false;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        above = sqlite3_column_type(stmt, 0) == SQLITE_NULL || sqlite3_column_int64(stmt, 0) < Cache::first_rowid(part);
    sqlite3_finalize(stmt);
    return above;
}

// Rows handed from the decoding thread to the loading thread at once: large
// enough that waking the other thread is rare, small enough to stay in cache.
constexpr int kHandOverRows = 1024;
constexpr int kBatchPool = 4;

} // namespace

LoadResult load_partition(Cache& cache, const catalog::Table& table, std::int64_t part, std::string_view body,
                          const KeyValues& keys, const LoadContext& context) {
    LoadResult result;
    std::string repaired;
    if (!api::is_valid_utf8(body)) {
        repaired = api::repair_utf8(body);
        body = repaired;
        result.warnings.push_back({"01000", "the response of action '" + table.action +
                                                "' held invalid UTF-8; the bad bytes read as U+FFFD"});
    }

    // The header decides the columns (and may add run-time ones) before any row.
    std::string_view rows_text = body;
    std::vector<std::string> header;
    const catalog::Source* source = catalog::find_source(table.source);
    const bool json = source && source->format == catalog::AnswerFormat::Json;
    if (json) {
        // The first reading checks the whole answer and collects its names.
        try {
            header = api::json_array_keys(body);
        } catch (const api::JsonShapeError& e) {
            throw json_error(table, context, e);
        }
    } else if (!table.header_less) {
        const std::size_t end = header_end(body);
        api::decode_csv(body.substr(0, end), false, [&](std::span<const std::string_view> fields, std::size_t) {
            if (header.empty()) header.assign(fields.begin(), fields.end());
        });
        rows_text = body.substr(end);  // an empty body has no header and no rows
    }
    // Header names no catalog column matches: run-time columns where the
    // catalog declares them (within bounds), otherwise ignored with a note.
    std::vector<std::string> extra;   // per unmatched header name: its column, "" if dropped
    if (!table.header_less) {
        std::vector<std::string> unmatched;
        if (table.runtime_columns) {
            extra = runtime_column_names(table, header);
        } else {
            for (const auto& h : header)
                if (match_catalog_column(table, h) < 0) unmatched.push_back(h);
            extra.assign(unmatched.size(), std::string());
        }
        if (!unmatched.empty())
            result.warnings.push_back({"01000", "table " + table.name + ": the answer has columns the driver does not "
                                                "know (" + name_list(unmatched, context.secrets) +
                                                "); they are ignored, as the table has no run-time columns"});
    }
    if (table.runtime_columns && !extra.empty()) {
        std::unordered_set<std::string> known;
        for (const auto& c : cache.columns(table))
            if (c.runtime) known.insert(c.column.name);
        std::size_t room = known.size() < kMaxRuntimeColumns ? kMaxRuntimeColumns - known.size() : 0;
        std::vector<std::string> added, too_long, over_count;
        for (auto& name : extra) {
            if (known.count(name)) continue;
            if (name.size() > kMaxRuntimeNameBytes) {
                too_long.push_back(std::move(name));
                name.clear();
            } else if (room == 0) {
                over_count.push_back(std::move(name));
                name.clear();
            } else {
                --room;
                added.push_back(name);
            }
        }
        if (!too_long.empty())
            result.warnings.push_back({"01000", "table " + table.name + ": " + std::to_string(too_long.size()) +
                                                    " run-time column(s) dropped, their names are longer than " +
                                                    std::to_string(kMaxRuntimeNameBytes) + " bytes: " +
                                                    name_list(too_long, context.secrets)});
        if (!over_count.empty())
            result.warnings.push_back({"01000", "table " + table.name + ": " + std::to_string(over_count.size()) +
                                                    " run-time column(s) dropped, the table has the most it may have (" +
                                                    std::to_string(kMaxRuntimeColumns) + "): " +
                                                    name_list(over_count, context.secrets)});
        if (!added.empty()) {
            try {
                cache.add_runtime_columns(table, added);
            } catch (...) {
                // The file's schema and this connection's view of it may now
                // differ: read it again; the partition stays unloaded, so the
                // next statement fetches it afresh.
                cache.reload_columns(table);
                throw;
            }
        }
    }
    const auto& cols = cache.columns(table);
    auto index_of = [&](std::string_view name) {
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].column.name == name) return int(i);
        return -1;
    };

    // Where each CSV field goes: a cache column index, or -1 to skip it.
    std::vector<int> target;
    if (table.header_less) {
        // Positional: the non-key columns in declaration order.
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (cols[i].column.parser != catalog::ValueParser::None) target.push_back(int(i));
    } else {
        // Names to cache columns in one pass (a header may have thousands).
        std::unordered_map<std::string_view, int> by_name;
        for (std::size_t i = 0; i < cols.size(); ++i) by_name.emplace(cols[i].column.name, int(i));
        std::size_t extra_index = 0;
        for (const auto& h : header) {
            if (table.runtime_columns && catalog::absence_type_marker(h)) {
                target.push_back(-1);
                continue;
            }
            int c = match_catalog_column(table, h);
            if (c < 0) {
                const std::string& name = extra[extra_index++];
                const auto found = name.empty() ? by_name.end() : by_name.find(name);
                c = found == by_name.end() ? -1 : found->second;
            }
            target.push_back(c);
        }
    }
    std::vector<int> key_targets;
    for (const auto& [name, value] : keys) key_targets.push_back(index_of(name));
    // The request's key value wins over a field of the same column.
    for (int& t : target)
        if (std::find(key_targets.begin(), key_targets.end(), t) != key_targets.end()) t = -1;
    // JSON: declared columns that cannot be NULL, come from the answer (ids)
    // and no member of it names; such an answer is refused at its first element.
    std::vector<int> required_json;
    if (json)
        for (std::size_t i = 0; i < cols.size(); ++i) {
            const auto& c = cols[i].column;
            if (!c.nullable && !c.header.empty() && c.parser != catalog::ValueParser::None &&
                std::find(key_targets.begin(), key_targets.end(), int(i)) == key_targets.end() &&
                std::find(target.begin(), target.end(), int(i)) == target.end())
                required_json.push_back(int(i));
        }
    std::vector<int> filled;  // the columns the fields fill, each once
    for (int t : target)
        if (t >= 0 && std::find(filled.begin(), filled.end(), t) == filled.end()) filled.push_back(t);

    // The request's key values are the same on every row (a key value wins
    // over a field of the same column, see above).
    const int width = int(cols.size());
    std::vector<std::pair<int, FieldValue>> constants;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const int c = key_targets[k];
        if (c < 0) continue;
        FieldValue value;
        const catalog::SqlType type = cols[std::size_t(c)].column.type;
        if ((type == catalog::SqlType::Integer || type == catalog::SqlType::BigInt) &&
            parse_integer(keys[k].second, value.integer))
            value.kind = FieldValue::Kind::Integer;
        else
            value = {FieldValue::Kind::Text, 0, 0, keys[k].second};
        constants.emplace_back(c, value);
    }
    std::vector<std::string> column_names;
    for (const auto& c : cols) column_names.push_back(c.column.name);
    sqlite3* db = cache.db();
    const std::string table_sql_name = cache.sql_name(table);

    // The decoding thread: fields to cells. Warnings are its own until joined.
    BatchQueue queue(kBatchPool, kHandOverRows, width);
    std::vector<Warning> warnings;
    std::int64_t decoded_rows = 0;
    auto decode = [&] {
        struct Cancelled {};
        try {
            FieldBatch* batch = nullptr;
            // Every line must have the header's field count (or, header-less,
            // the positional columns' count): anything else is an error
            // naming the line, never a row merged, shortened or dropped.
            const std::size_t header_lines = static_cast<std::size_t>(std::count(body.begin(), body.begin() + (body.size() - rows_text.size()), '\n'));
            const std::size_t expected = table.header_less ? target.size() : header.size();
            auto bad_row = [&](std::string_view line, std::size_t number, std::size_t fields) {
                throw Error("HY000", "table " + table.name + ", partition " + partition_text(context) + ": line " +
                                         std::to_string(number + header_lines) + " of the answer has " +
                                         std::to_string(fields) + " field(s) where " + std::to_string(expected) +
                                         " are expected, so it cannot be decoded: '" +
                                         api::response_excerpt(line, 120, context.secrets) +
                                         "'. Nothing of this answer was loaded; please report the line to "
                                         "the driver's maintainers");
            };
            auto on_row = [&](std::span<const std::string_view> fields, std::size_t) {
                if (!batch && !(batch = queue.acquire())) throw Cancelled{};
                ++decoded_rows;
                const int r = batch->rows;
                FieldValue* row = batch->row(r, width);
                for (std::size_t f = 0; f < target.size(); ++f) {
                    const int c = target[f];
                    if (c < 0) continue;
                    const auto& column = cols[std::size_t(c)].column;
                    const std::string_view value = f < fields.size() ? fields[f] : std::string_view();
                    const bool parsed =
                        convert_field(column, value, body, row[c], batch->owned[std::size_t(r * width + c)]);
                    // A column that cannot be NULL identifies the row (an id):
                    // read as NULL it would drop the row from every join and
                    // filter on it without a word, so the answer is refused.
                    if (parsed && row[c].kind == FieldValue::Kind::Null && !column.nullable)
                        throw Error("HY000", "table " + table.source + "." + table.name + ", partition " +
                                                 partition_text(context) + ", row " + std::to_string(decoded_rows) +
                                                 ": no value for column " + column.name +
                                                 ", which identifies the row and cannot be NULL. Nothing of this "
                                                 "answer was loaded; please report it to the driver's maintainers");
                    if (parsed) continue;
                    if (!column.nullable)
                        throw Error("HY000", "table " + table.source + "." + table.name + ", partition " +
                                                 partition_text(context) + ", row " + std::to_string(decoded_rows) +
                                                 ", column " + column.name + ": the value '" +
                                                 api::response_excerpt(value, 60, context.secrets) +
                                                 "' is not a valid " + std::string(catalog::to_string(column.type)) +
                                                 ", and this column identifies the row, so it cannot read as NULL. "
                                                 "Nothing of this answer was loaded; please report the value to the "
                                                 "driver's maintainers");
                    if (warnings.size() < kMaxWarnings)
                        warnings.push_back({"01S07",
                                            "table " + table.name + ", column " + column.name + ", row " +
                                                std::to_string(decoded_rows) + ": the value '" + std::string(value) +
                                                "' is not a valid " + std::string(catalog::to_string(column.type)) +
                                                "; it reads as NULL",
                                            0, long(decoded_rows), 0});
                }
                if (++batch->rows == kHandOverRows) {
                    queue.publish(batch);
                    batch = nullptr;
                }
            };
            if (json) {
                // An element without a value for a column that cannot be NULL
                // (an id) is not a row the driver can believe.
                auto checked = [&](std::span<const std::string_view> fields, std::size_t element) {
                    for (std::size_t f = 0; f < target.size() && f < fields.size(); ++f) {
                        const int c = target[f];
                        if (c >= 0 && !cols[std::size_t(c)].column.nullable && is_blank(fields[f]))
                            throw Error("HY000", "table " + table.source + "." + table.name + ", partition " +
                                                     partition_text(context) + ", element " + std::to_string(element) +
                                                     ", field '" + header[f] + "': no value for column " +
                                                     cols[std::size_t(c)].column.name +
                                                     ", which cannot be NULL. Nothing of this answer was loaded");
                    }
                    for (const int c : required_json)
                        throw Error("HY000", "table " + table.source + "." + table.name + ", partition " +
                                                 partition_text(context) + ", element " + std::to_string(element) +
                                                 ": the answer has no field for column " +
                                                 cols[std::size_t(c)].column.name +
                                                 ", which cannot be NULL. Nothing of this answer was loaded");
                    on_row(fields, element);
                };
                try {
                    api::decode_json_rows(body, header, checked);
                } catch (const api::JsonShapeError& e) {
                    throw json_error(table, context, e);
                }
            } else {
                api::decode_csv(rows_text, false, on_row, expected, bad_row);
            }
            if (batch) queue.publish(batch);
            queue.finish();
        } catch (const Cancelled&) {
            queue.finish();
        } catch (...) {
            queue.finish(std::current_exception());
        }
    };

    // This thread: cells to SQLite, in one transaction.
    std::thread decoder;
    std::int64_t loaded_rows = 0;
    try {
        cache.begin();
        try {
            if (cache.superseded(table, part)) {
                cache.commit();
                return result;
            }
            exec_sql(db, "DELETE FROM " + table_sql_name + " WHERE " + Cache::partition_condition({part}));
            // Rows of the API's answers are about 50 to 200 bytes; the
            // estimate only sizes the INSERT batches.
            const std::size_t expected_rows = rows_text.size() / 100 + 1;
            BatchInsert inserter(db, table_sql_name, column_names, constants, Cache::first_rowid(part),
                                 above_every_rowid(db, table_sql_name, part), expected_rows);
            decoder = std::thread(decode);
            while (FieldBatch* batch = queue.next()) {
                inserter.insert(*batch, filled);
                queue.release(batch);
            }
            decoder.join();
            loaded_rows = inserter.rows();
            cache.mark_loaded(table, part);
            cache.commit();
        } catch (...) {
            cache.rollback();
            throw;
        }
    } catch (...) {
        queue.cancel();
        if (decoder.joinable()) decoder.join();
        throw;
    }
    result.warnings.insert(result.warnings.end(), std::make_move_iterator(warnings.begin()),
                           std::make_move_iterator(warnings.end()));
    if (warnings.size() >= kMaxWarnings)
        result.warnings.push_back({"01S07", "table " + table.name + ": further values that did not parse read as NULL"});
    result.rows = loaded_rows;
    return result;
}

} // namespace tb::engine
