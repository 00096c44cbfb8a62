// bench_cache_load: decodes a 1,000,000-row worktime CSV response (exactly the
// API's format) and loads it into the SQLite cache through the driver's real
// path, engine::load_partition, next to peers measured in the same run:
//   - the sqlite3 CLI's `.import` of the same bytes written to a file,
//   - SQLite's own prepared INSERT of the pre-split rows in one transaction,
//   - the CSV decoder alone (the lower bound of any load).
//
// Usage: bench_cache_load [rows=1000000] [repetitions=3] [--only-driver]
// Each figure is the best of the repetitions (all are printed). Not a test:
// nothing is asserted.
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/csv.hpp"
#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/loader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

long peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// A cheap deterministic hash (splitmix64) so the data is the same every run.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The worktime response for March 2024, as the API sends it: ';' separated,
// LF line ends, dd/mm/yyyy, hh:mm, true/false, " " for empty text, 0 for no
// project or service.
std::string make_worktime_csv(long rows) {
    static const char* kStates[] = {"Done", "Done", "Done", "Done", "Done", "Done", "Accepted", "Requested",
                                    "In process", "Rejected"};
    static const char* kComments[] = {"Kundentermin in München", "Wartung Server", "Projektbesprechung",
                                      "Schulung Teil 2", "Überstunden Inventur"};
    std::string out;
    out.reserve(std::size_t(rows) * 110 + 256);
    out += "ID of the work time entry;User ID;Employee number;Date (dd/mm/yyyy);Start time (hh:mm);"
           "End time (hh:mm);Working time in seconds;Pause in seconds;State;ID of the project;"
           "ID of the service;Comments;Auto stopped\n";
    const long users = 4000;
    const long per_user = (rows + users - 1) / users;
    const int window = 1440 / int((per_user + 30) / 31);  // entries spread over the month in equal slots
    char line[256];
    for (long i = 0; i < rows; ++i) {
        const std::uint64_t h = mix(std::uint64_t(i));
        const long user = i / per_user + 1;
        const long k = i % per_user;
        const int day = int(k % 31) + 1;
        const int slot = int(k / 31);
        const int start = slot * window + int(h % std::uint64_t(std::max(1, window / 10)));  // minute of the day
        const int total = std::max(1, window * 7 / 10);    // minutes, pause included
        const int pause = total > 120 && (h >> 8) % 3 == 0 ? 30 : 0;
        const int end = (start + total) % 1440;
        const char* state = kStates[(h >> 12) % 10];
        const int project = (h >> 16) % 10 >= 4 ? 1 + int((h >> 20) % 5) : 0;
        const int service = (h >> 24) % 3 != 0 ? 1 + int((h >> 26) % 4) : 0;
        const char* comment = (h >> 30) % 7 == 0 ? kComments[(h >> 33) % 5] : " ";
        const bool auto_stopped = (h >> 40) % 40 == 0;
        const int n = std::snprintf(line, sizeof line, "%ld;%ld;%05ld;%02d/03/2024;%02d:%02d;%02d:%02d;%d;%d;%s;%d;%d;%s;%s\n",
                                    i + 1, user, user, day, start / 60, start % 60, end / 60, end % 60,
                                    (total - pause) * 60, pause * 60, state, project, service, comment,
                                    auto_stopped ? "true" : "false");
        out.append(line, std::size_t(n));
    }
    return out;
}

struct Result {
    std::string method;
    std::vector<double> runs;
    long rows = 0;
    std::string note;
    double best() const { return runs.empty() ? 0 : *std::min_element(runs.begin(), runs.end()); }
};

// Loads the body through the driver's path into a fresh cache; returns seconds.
double driver_load(const std::string& cache_setting, const std::string& body, long& rows_loaded) {
    tb::engine::SessionConfig config;
    config.cache = cache_setting;
    tb::engine::Cache cache(config);
    const tb::catalog::Table* table = tb::catalog::find_table("worktime");
    if (!table) {
        std::fprintf(stderr, "catalog has no worktime table\n");
        std::exit(1);
    }
    const std::int64_t part = cache.partition_id({"bench-source", "worktime", "month=3&year=2024"});
    const tb::engine::KeyValues keys{{"year", "2024"}, {"month", "3"}};
    const auto start = Clock::now();
    const auto result = tb::engine::load_partition(cache, *table, part, body, keys);
    const double s = seconds_since(start);
    rows_loaded = long(result.rows);
    if (!result.warnings.empty())
        std::fprintf(stderr, "  load_partition: %zu warnings, first: %s\n", result.warnings.size(),
                     result.warnings.front().message.c_str());
    // Check what landed, outside the timing.
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(cache.db(), "SELECT count(*), count(project_id), sum(auto_stopped) FROM worktime", -1, &q,
                       nullptr);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) != rows_loaded)
        std::fprintf(stderr, "  cache holds %lld rows, loader said %ld\n", sqlite3_column_int64(q, 0), rows_loaded);
    sqlite3_finalize(q);
    return s;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// The sqlite3 CLI's .import into a new table (created from the header, as a
// user of the CLI would), timed around the whole process; the row count is
// read back by the same process (a count(*) costs a few milliseconds).
double cli_import(const std::string& db, const std::string& csv_path, long& rows, const std::string& pragmas) {
    std::string cmd = "sqlite3 " + shell_quote(db) + " " + pragmas + " \".mode csv\" \".separator ;\" \".import " +
                      csv_path + " t\" \"SELECT count(*) FROM t;\" 2>" + csv_path + ".stderr";
    const auto start = Clock::now();
    FILE* p = ::popen(cmd.c_str(), "r");
    char buffer[128] = {};
    std::string output;
    while (p && std::fgets(buffer, sizeof buffer, p)) output += buffer;
    const int status = p ? ::pclose(p) : -1;
    const double s = seconds_since(start);
    if (status != 0) std::fprintf(stderr, "  sqlite3 CLI exit status %d: %s\n", status, cmd.c_str());
    if (std::filesystem::file_size(csv_path + ".stderr") > 0)
        std::fprintf(stderr, "  sqlite3 CLI wrote messages to stderr (%s)\n", cmd.c_str());
    // The pragma lines print their result ("wal") before the count.
    rows = 0;
    std::size_t last = output.find_last_not_of("\n");
    if (last != std::string::npos) {
        std::size_t first = output.rfind('\n', last);
        rows = std::atol(output.c_str() + (first == std::string::npos ? 0 : first + 1));
    }
    return s;
}

// SQLite's own prepared INSERT of the pre-split fields, one transaction, into
// the same table the cache uses (same DDL), values bound as text (SQLite's
// column affinity converts the numbers). No value parsing: the floor for
// SQLite itself.
double sqlite_prepared_insert(const std::string& path, const std::vector<std::string_view>& fields, std::size_t ncols,
                              long& rows) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr);
    if (path != ":memory:") sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    const tb::catalog::Table* table = tb::catalog::find_table("worktime");
    sqlite3_exec(db, tb::catalog::cache_ddl(*table, "worktime").c_str(), nullptr, nullptr, nullptr);
    // Same column order as the CSV: worktime_id .. auto_stopped, plus year/month.
    std::string sql = "INSERT INTO worktime(year,month";
    for (std::size_t i = 2; i < table->columns.size(); ++i) sql += ",\"" + table->columns[i].name + "\"";
    sql += ") VALUES (?,?";
    for (std::size_t i = 2; i < table->columns.size(); ++i) sql += ",?";
    sql += ")";
    sqlite3_stmt* ins = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &ins, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "  prepare: %s\n", sqlite3_errmsg(db));
        std::exit(1);
    }
    const std::size_t n = fields.size() / ncols;
    const auto start = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (std::size_t r = 0; r < n; ++r) {
        sqlite3_bind_int64(ins, 1, 2024);
        sqlite3_bind_int64(ins, 2, 3);
        const std::string_view* row = &fields[r * ncols];
        for (std::size_t c = 0; c < ncols; ++c)
            sqlite3_bind_text(ins, int(c) + 3, row[c].data(), int(row[c].size()), SQLITE_STATIC);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double s = seconds_since(start);
    sqlite3_finalize(ins);
    rows = long(n);
    sqlite3_close(db);
    return s;
}

} // namespace

int main(int argc, char** argv) {
    long rows = 1000000;
    int reps = 3;
    bool only_driver = false;
    int positional = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--only-driver") == 0) only_driver = true;
        else if (positional++ == 0) rows = std::atol(argv[i]);
        else reps = std::max(1, std::atoi(argv[i]));
    }

    const auto gen_start = Clock::now();
    const std::string body = make_worktime_csv(rows);
    std::printf("bench_cache_load: worktime response of %ld rows, %.1f MB, generated in %.2f s; best of %d runs\n",
                rows, double(body.size()) / 1e6, seconds_since(gen_start), reps);
    const long rss_before = peak_rss_mb();

    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      ("tb_bench_cache_load." + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);

    std::vector<Result> results;

    // The driver: memory cache first so the peak RSS figure is its own.
    {
        Result r{"driver load_partition, Cache=memory", {}, 0, ""};
        for (int i = 0; i < reps; ++i) r.runs.push_back(driver_load("memory", body, r.rows));
        results.push_back(r);
    }
    const long rss_after_driver = peak_rss_mb();
    {
        Result r{"driver load_partition, Cache=<file>", {}, 0, "WAL, synchronous=OFF"};
        for (int i = 0; i < reps; ++i) {
            const auto path = (dir / "cache.sqlite").string();
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
            r.runs.push_back(driver_load(path, body, r.rows));
        }
        results.push_back(r);
    }

    if (!only_driver) {
        // The CSV decoder alone, counting rows.
        {
            Result r{"api::decode_csv only (no load)", {}, 0, "lower bound"};
            for (int i = 0; i < reps; ++i) {
                long n = 0;
                const auto start = Clock::now();
                tb::api::decode_csv(body, true, [&](std::span<const std::string_view>, std::size_t) { ++n; });
                r.runs.push_back(seconds_since(start));
                r.rows = n;
            }
            results.push_back(r);
        }

        // Pre-split fields for SQLite's own insert loop (not timed).
        std::vector<std::string_view> fields;
        std::size_t ncols = 13;
        fields.reserve(std::size_t(rows) * ncols);
        tb::api::decode_csv(body, true, [&](std::span<const std::string_view> f, std::size_t) {
            for (std::size_t c = 0; c < ncols; ++c) fields.push_back(c < f.size() ? f[c] : std::string_view());
        });
        {
            Result r{"sqlite3 prepared INSERT, :memory:", {}, 0, "pre-split text, 1 txn"};
            for (int i = 0; i < reps; ++i) r.runs.push_back(sqlite_prepared_insert(":memory:", fields, ncols, r.rows));
            results.push_back(r);
        }
        {
            Result r{"sqlite3 prepared INSERT, file", {}, 0, "pre-split text, 1 txn, WAL"};
            for (int i = 0; i < reps; ++i) {
                const auto path = (dir / "insert.sqlite").string();
                for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
                r.runs.push_back(sqlite_prepared_insert(path, fields, ncols, r.rows));
            }
            results.push_back(r);
        }
        fields.clear();
        fields.shrink_to_fit();

        const std::string csv_path = (dir / "worktime.csv").string();
        {
            std::ofstream out(csv_path, std::ios::binary);
            out.write(body.data(), std::streamsize(body.size()));
        }
        {
            Result r{"sqlite3 CLI .import, :memory:", {}, 0, "reference"};
            for (int i = 0; i < reps; ++i) r.runs.push_back(cli_import(":memory:", csv_path, r.rows, ""));
            results.push_back(r);
        }
        {
            Result r{"sqlite3 CLI .import, file", {}, 0, "WAL, synchronous=OFF"};
            for (int i = 0; i < reps; ++i) {
                const auto path = (dir / "import.sqlite").string();
                for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
                r.runs.push_back(cli_import(path, csv_path, r.rows,
                                            "\"PRAGMA journal_mode=WAL;\" \"PRAGMA synchronous=OFF;\""));
            }
            results.push_back(r);
        }
    }
    std::filesystem::remove_all(dir);

    double reference = 0;
    for (const auto& r : results)
        if (r.method == "sqlite3 CLI .import, :memory:") reference = r.best();

    std::printf("\n%-38s %9s %12s %9s %9s  %s\n", "method", "seconds", "rows/s", "rows", "vs import", "runs (s)");
    for (const auto& r : results) {
        const double s = r.best();
        std::string runs;
        for (double x : r.runs) {
            char b[16];
            std::snprintf(b, sizeof b, "%s%.3f", runs.empty() ? "" : " ", x);
            runs += b;
        }
        char ratio[16] = "-";
        if (reference > 0) std::snprintf(ratio, sizeof ratio, "%.2fx", reference / s);
        std::printf("%-38s %9.3f %12.0f %9ld %9s  %s%s%s\n", r.method.c_str(), s, double(r.rows) / s, r.rows, ratio,
                    runs.c_str(), r.note.empty() ? "" : "  ; ", r.note.c_str());
    }
    std::printf("\npeak RSS: %ld MB after generating the response (its bytes: %.0f MB), %ld MB after the driver's "
                "memory-cache loads (the cache itself holds the rows)\n",
                rss_before, double(body.size()) / 1e6 * 1.0, rss_after_driver);
    std::printf("target (issue 4): driver at least 2.00x the .import rate\n");
    return 0;
}
