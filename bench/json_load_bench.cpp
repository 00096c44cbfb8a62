// bench_json_load: decodes a 1,000,000-element GoodTime timeentries JSON
// answer and loads it into the SQLite cache through the driver's real path
// (engine::load_partition: the shape check, the RapidJSON SAX decoder, the
// value parsers, the batched INSERTs), next to the CSV path loading the same
// rows (the same columns, parsers and values as a ';'-separated answer with a
// header line, the way Timebutler's answers are loaded), measured in the same
// run. Also the JSON and CSV decoders alone.
//
// Usage: bench_json_load [rows=1000000] [repetitions=3]
// Each figure is the best of the repetitions. Not a test: nothing is asserted.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "api/csv.hpp"
#include "api/json_rows.hpp"
#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/loader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

struct Entry {
    long id;
    int day, start_minute, minutes, type, project;
    bool locked, billable, has_comment;
};

Entry entry(long i) {
    const std::uint64_t h = mix(std::uint64_t(i));
    return {1000 + i, int(h % 28) + 1, 420 + int(h >> 8 & 0x7F), 240 + int(h >> 16 & 0x1FF), 101 + int(h >> 28 & 3),
            201 + int(h >> 32 & 7), (h >> 40 & 1) != 0, (h >> 41 & 1) != 0, (h >> 42 & 7) != 0};
}

void times(const Entry& e, char* start, char* end) {
    const int s = e.start_minute, f = e.start_minute + e.minutes;
    std::snprintf(start, 32, "2025-03-%02dT%02d:%02d:00", e.day, s / 60, s % 60);
    std::snprintf(end, 32, "2025-03-%02dT%02d:%02d:00", e.day, f / 60 % 24, f % 60);
}

// The answer as the simulator writes it (ISO times, the reference's field names).
std::string make_json(long rows) {
    std::string body = "[";
    body.reserve(std::size_t(rows) * 240);
    char line[512], start[32], end[32];
    for (long i = 0; i < rows; ++i) {
        const Entry e = entry(i);
        times(e, start, end);
        const int n = std::snprintf(
            line, sizeof line,
            "%s{\"id\":%ld,\"starttime\":\"%s\",\"endtime\":\"%s\",\"useremail\":\"juergen.mueller@example.com\","
            "\"timetypeid\":%d,\"projectid\":%d,\"comment\":%s,\"locked\":%s,\"duration\":%d,\"billable\":%s}",
            i ? "," : "", e.id, start, end, e.type, e.project,
            e.has_comment ? "\"Sprint-Planung f\xC3\xBCr Q1, \\\"Teil\\\" 2\"" : "null", e.locked ? "true" : "false",
            e.minutes, e.billable ? "true" : "false");
        body.append(line, std::size_t(n));
    }
    body += "]";
    return body;
}

// The same rows as a CSV answer with a header line.
std::string make_csv(long rows) {
    std::string body = "id;starttime;endtime;useremail;timetypeid;projectid;comment;locked;duration;billable\n";
    body.reserve(std::size_t(rows) * 160);
    char line[512], start[32], end[32];
    for (long i = 0; i < rows; ++i) {
        const Entry e = entry(i);
        times(e, start, end);
        const int n = std::snprintf(line, sizeof line, "%ld;%s;%s;juergen.mueller@example.com;%d;%d;%s;%s;%d;%s\n", e.id,
                                    start, end, e.type, e.project,
                                    e.has_comment ? "Sprint-Planung f\xC3\xBCr Q1, \"Teil\" 2" : "",
                                    e.locked ? "true" : "false", e.minutes, e.billable ? "true" : "false");
        body.append(line, std::size_t(n));
    }
    return body;
}

double load(const tb::catalog::Table& table, const std::string& body, long& rows_loaded) {
    tb::engine::SessionConfig config;
    config.cache = "memory";
    tb::engine::Cache cache(config);
    const std::int64_t part = cache.partition_id({"bench-source", table.action, "end=2025-04-01&start=2025-03-01"});
    const tb::engine::KeyValues keys{{"login_email", "juergen.mueller@example.com"}};
    const auto start = Clock::now();
    const auto result = tb::engine::load_partition(cache, table, part, body, keys);
    const double s = seconds_since(start);
    rows_loaded = long(result.rows);
    if (!result.warnings.empty())
        std::fprintf(stderr, "  %s: %zu warnings, first: %s\n", table.name.c_str(), result.warnings.size(),
                     result.warnings.front().message.c_str());
    return s;
}

} // namespace

int main(int argc, char** argv) {
    const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
    const int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const tb::catalog::Source* goodtime = tb::catalog::find_source("goodtime");
    const tb::catalog::Table* json_table = goodtime ? goodtime->find_table("timeentries") : nullptr;
    if (!json_table) {
        std::fprintf(stderr, "catalog has no goodtime.timeentries\n");
        return 1;
    }
    // The CSV peer: the same declaration under a CSV source, so only the
    // answer's format differs.
    tb::catalog::Table csv_table = *json_table;
    csv_table.source = tb::catalog::default_source().name;
    csv_table.name = "bench_timeentries_csv";

    auto t0 = Clock::now();
    const std::string json = make_json(rows);
    const std::string csv = make_csv(rows);
    std::printf("bench_json_load: %ld timeentries, JSON %.1f MB, CSV %.1f MB, generated in %.2f s; best of %d runs\n",
                rows, json.size() / 1e6, csv.size() / 1e6, seconds_since(t0), repetitions);

    struct Result { const char* method; std::vector<double> runs; long rows = 0; };
    std::vector<Result> results = {{"driver: JSON answer -> cache", {}}, {"driver: CSV answer -> cache", {}},
                                   {"JSON decoder alone (2 passes)", {}}, {"CSV decoder alone", {}}};
    for (int r = 0; r < repetitions; ++r) {
        results[0].runs.push_back(load(*json_table, json, results[0].rows));
        results[1].runs.push_back(load(csv_table, csv, results[1].rows));
        {
            const auto start = Clock::now();
            long n = 0;
            const auto keys = tb::api::json_array_keys(json);
            tb::api::decode_json_rows(json, keys, [&](std::span<const std::string_view>, std::size_t) { ++n; });
            results[2].runs.push_back(seconds_since(start));
            results[2].rows = n;
        }
        {
            const auto start = Clock::now();
            long n = 0;
            tb::api::decode_csv(csv, true, [&](std::span<const std::string_view>, std::size_t) { ++n; });
            results[3].runs.push_back(seconds_since(start));
            results[3].rows = n;
        }
    }
    const double csv_best = *std::min_element(results[1].runs.begin(), results[1].runs.end());
    std::printf("\n%-32s %9s %12s %9s %9s  %s\n", "method", "seconds", "rows/s", "rows", "vs CSV", "runs (s)");
    for (const auto& r : results) {
        const double best = *std::min_element(r.runs.begin(), r.runs.end());
        std::string runs;
        for (double x : r.runs) {
            char b[32];
            std::snprintf(b, sizeof b, "%s%.3f", runs.empty() ? "" : " ", x);
            runs += b;
        }
        std::printf("%-32s %9.3f %12.0f %9ld %8.2fx  %s\n", r.method, best, double(r.rows) / best, r.rows,
                    csv_best / best, runs.c_str());
    }
    return 0;
}
