// libFuzzer entry: an API answer through the CSV decoder and the real loader
// into a fresh in-memory cache. The first byte picks the table (worktime,
// users, absences with its run-time columns, projects); the rest is the body.
// An answer either loads or fails with engine::Error (a SQLSTATE and a
// message); a loaded answer leaves exactly the rows it reports, all inside
// its partition. The decoder alone numbers lines in increasing order. A
// crash, another exception, a sanitizer report or a broken count is a bug.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/csv.hpp"
#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/error.hpp"
#include "engine/loader.hpp"

namespace {

struct Target {
    const char* table;
    const char* params;
    tb::engine::KeyValues keys;
};

const Target kTargets[] = {
    {"worktime", "month=3&year=2024", {{"year", "2024"}, {"month", "3"}}},
    {"users", "", {}},
    {"absences", "year=2024", {{"year", "2024"}}},
    {"projects", "", {}},
};

std::int64_t count(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) __builtin_trap();
    if (sqlite3_step(stmt) != SQLITE_ROW) __builtin_trap();
    const std::int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

void decode_alone(std::string_view body) {
    std::size_t last_line = 0;
    try {
        tb::api::decode_csv(body, true, [&](std::span<const std::string_view> fields, std::size_t line) {
            if (line <= last_line) __builtin_trap();
            last_line = line;
            for (auto field : fields) (void)tb::api::repair_utf8(field);
        });
    } catch (const std::runtime_error&) {
        // A decoder that refuses an answer says so with an exception; a
        // logic_error (out_of_range and the like) still ends the run.
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const Target& target = kTargets[data[0] % std::size(kTargets)];
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    decode_alone(body);

    tb::engine::SessionConfig config;
    config.cache = "memory";
    tb::engine::Cache cache(config);
    const auto& table = *tb::catalog::find_table(target.table);
    const std::int64_t part = cache.partition_id({"fuzz", target.table, target.params});
    tb::engine::LoadResult result;
    try {
        result = tb::engine::load_partition(cache, table, part, body, target.keys);
    } catch (const tb::engine::Error& e) {
        if (e.sqlstate.size() != 5 || std::string_view(e.what()).empty()) __builtin_trap();
        return 0;
    }
    if (result.rows < 0) __builtin_trap();
    for (const auto& warning : result.warnings)
        if (warning.sqlstate.size() != 5 || warning.message.empty()) __builtin_trap();
    const std::string from = std::string("SELECT count(*) FROM \"") + target.table + "\"";
    if (count(cache.db(), from + " WHERE " + tb::engine::Cache::partition_condition({part})) != result.rows)
        __builtin_trap();
    if (count(cache.db(), from) != result.rows) __builtin_trap();
    return 0;
}
