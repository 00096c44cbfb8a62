// bench_fetch: fetches 1,000,000 cached worktime rows (13 columns) through the
// unixODBC driver manager from the Timebutler driver and, in the same run,
// from the SQLite ODBC driver (Debian libsqliteodbc, StepAPI=1) reading the
// same rows from a SQLite file. Modes: SQLBindCol with a row array of 1,024;
// SQLGetData per cell; both again with text columns as SQL_C_WCHAR.
//
// The rows come from timebutler-sim (started here on a free port): the first
// execution fetches and caches the month (Cache=memory, so the cache lives in
// this process), later executions of the same statement are served from it.
//
// Usage: bench_fetch [users=4000] [entries-per-user-month=250] [repetitions=3]
// Each figure is the best of the repetitions. Not a test: nothing is asserted.
#include <sql.h>
#include <sqlext.h>
#include <sqlite3.h>
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

long current_rss_mb() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

const char* kColumns =
    "worktime_id, user_id, employee_number, date, start_time, end_time, working_seconds, pause_seconds, "
    "state, project_id, service_id, comments, auto_stopped";
constexpr int kNcols = 13;

enum class Kind { Int, Text, Date, Time, Bit };
constexpr Kind kKinds[kNcols] = {Kind::Int, Kind::Int,  Kind::Text, Kind::Date, Kind::Time, Kind::Time, Kind::Int,
                                 Kind::Int, Kind::Text, Kind::Int,  Kind::Int,  Kind::Text, Kind::Bit};
constexpr SQLLEN kTextChars = 512;  // longest generated comment is far shorter

[[noreturn]] void fail(const char* what, SQLSMALLINT type, SQLHANDLE h) {
    std::fprintf(stderr, "bench_fetch: %s failed\n", what);
    SQLCHAR state[6], msg[1024];
    SQLINTEGER native;
    SQLSMALLINT len;
    for (SQLSMALLINT i = 1; h && SQLGetDiagRec(type, h, i, state, &native, msg, sizeof msg, &len) == SQL_SUCCESS; ++i)
        std::fprintf(stderr, "  %s %s\n", state, msg);
    std::exit(1);
}

void check(SQLRETURN rc, const char* what, SQLSMALLINT type, SQLHANDLE h) {
    if (!SQL_SUCCEEDED(rc)) fail(what, type, h);
}

struct Conn {
    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    explicit Conn(const std::string& cs) {
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        SQLCHAR out[2048];
        SQLSMALLINT out_len;
        check(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_len,
                               SQL_DRIVER_NOPROMPT),
              "SQLDriverConnect", SQL_HANDLE_DBC, dbc);
    }
    ~Conn() {
        SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
};

// What every mode computes from every cell, so no value goes unread and the
// two drivers can be checked to deliver the same data.
struct Digest {
    long long rows = 0, ints = 0, text_bytes = 0, dates = 0, times = 0, bits = 0, nulls = 0;
    bool operator==(const Digest&) const = default;
    void print(const char* label) const {
        std::printf("    %-22s rows %lld, int sum %lld, text units %lld, date sum %lld, time sum %lld, bits %lld, "
                    "nulls %lld\n",
                    label, rows, ints, text_bytes, dates, times, bits, nulls);
    }
};

SQLSMALLINT c_type_of(Kind k, bool wide) {
    switch (k) {
    case Kind::Int: return SQL_C_SBIGINT;
    case Kind::Text: return wide ? SQL_C_WCHAR : SQL_C_CHAR;
    case Kind::Date: return SQL_C_TYPE_DATE;
    case Kind::Time: return SQL_C_TYPE_TIME;
    case Kind::Bit: return SQL_C_BIT;
    }
    return SQL_C_CHAR;
}

SQLLEN element_size(Kind k, bool wide) {
    switch (k) {
    case Kind::Int: return sizeof(SQLBIGINT);
    case Kind::Text: return (kTextChars + 1) * (wide ? SQLLEN(sizeof(SQLWCHAR)) : 1);
    case Kind::Date: return sizeof(SQL_DATE_STRUCT);
    case Kind::Time: return sizeof(SQL_TIME_STRUCT);
    case Kind::Bit: return 1;
    }
    return 1;
}

void digest_cell(Digest& d, Kind k, bool wide, const char* p, SQLLEN ind) {
    if (ind == SQL_NULL_DATA) {
        ++d.nulls;
        return;
    }
    switch (k) {
    case Kind::Int: d.ints += *reinterpret_cast<const SQLBIGINT*>(p); break;
    case Kind::Text: d.text_bytes += ind / (wide ? SQLLEN(sizeof(SQLWCHAR)) : 1); break;
    case Kind::Date: {
        auto* v = reinterpret_cast<const SQL_DATE_STRUCT*>(p);
        d.dates += v->year * 10000 + v->month * 100 + v->day;
        break;
    }
    case Kind::Time: {
        auto* v = reinterpret_cast<const SQL_TIME_STRUCT*>(p);
        d.times += v->hour * 3600 + v->minute * 60 + v->second;
        break;
    }
    case Kind::Bit: d.bits += *reinterpret_cast<const unsigned char*>(p); break;
    }
}

struct Timing {
    double seconds = 0;
    Digest digest;
};

// SQLBindCol, column-wise row arrays of `array_size`.
Timing fetch_bound(Conn& c, const std::string& sql, SQLULEN array_size, bool wide) {
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, c.dbc, &st);
    std::vector<std::vector<char>> buffers(kNcols);
    std::vector<std::vector<SQLLEN>> inds(kNcols, std::vector<SQLLEN>(array_size));
    SQLULEN fetched = 0;
    Timing t;
    const auto start = Clock::now();
    check(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(array_size), 0), "row array size",
          SQL_HANDLE_STMT, st);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    check(SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, st);
    for (int i = 0; i < kNcols; ++i) {
        const SQLLEN size = element_size(kKinds[i], wide);
        buffers[i].resize(std::size_t(size) * array_size);
        check(SQLBindCol(st, SQLUSMALLINT(i + 1), c_type_of(kKinds[i], wide), buffers[i].data(), size, inds[i].data()),
              "SQLBindCol", SQL_HANDLE_STMT, st);
    }
    SQLRETURN rc;
    while ((rc = SQLFetch(st)) != SQL_NO_DATA) {
        if (!SQL_SUCCEEDED(rc)) fail("SQLFetch", SQL_HANDLE_STMT, st);
        for (int i = 0; i < kNcols; ++i) {
            const SQLLEN size = element_size(kKinds[i], wide);
            for (SQLULEN r = 0; r < fetched; ++r)
                digest_cell(t.digest, kKinds[i], wide, buffers[i].data() + r * size, inds[i][r]);
        }
        t.digest.rows += SQLLEN(fetched);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    t.seconds = seconds_since(start);
    return t;
}

// SQLFetch one row at a time, SQLGetData per cell.
Timing fetch_getdata(Conn& c, const std::string& sql, bool wide) {
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, c.dbc, &st);
    alignas(8) char buffer[(kTextChars + 1) * 4];
    Timing t;
    const auto start = Clock::now();
    check(SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, st);
    SQLRETURN rc;
    while ((rc = SQLFetch(st)) != SQL_NO_DATA) {
        if (!SQL_SUCCEEDED(rc)) fail("SQLFetch", SQL_HANDLE_STMT, st);
        for (int i = 0; i < kNcols; ++i) {
            SQLLEN ind = 0;
            rc = SQLGetData(st, SQLUSMALLINT(i + 1), c_type_of(kKinds[i], wide), buffer, element_size(kKinds[i], wide),
                            &ind);
            if (!SQL_SUCCEEDED(rc)) fail("SQLGetData", SQL_HANDLE_STMT, st);
            digest_cell(t.digest, kKinds[i], wide, buffer, ind);
        }
        ++t.digest.rows;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    t.seconds = seconds_since(start);
    return t;
}

// Copies our result into a SQLite file with the same 13 columns (plus year and
// month, so the peer runs the same WHERE), stored as our cache stores them.
long build_peer_file(Conn& c, const std::string& sql, const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA synchronous=OFF; CREATE TABLE worktime(year INTEGER, month INTEGER, worktime_id INTEGER, "
                 "user_id INTEGER, employee_number VARCHAR(50), date DATE, start_time TIME, end_time TIME, "
                 "working_seconds INTEGER, pause_seconds INTEGER, state VARCHAR(50), project_id INTEGER, "
                 "service_id INTEGER, comments VARCHAR(4000), auto_stopped BIT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO worktime VALUES (2024, 3, ?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &ins, nullptr);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);

    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, c.dbc, &st);
    check(SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS), "SQLExecDirect", SQL_HANDLE_STMT, st);
    char buffer[4096];
    long rows = 0;
    while (SQLFetch(st) != SQL_NO_DATA) {
        for (int i = 0; i < kNcols; ++i) {
            SQLLEN ind = 0;
            SQLGetData(st, SQLUSMALLINT(i + 1), SQL_C_CHAR, buffer, sizeof buffer, &ind);
            if (ind == SQL_NULL_DATA) sqlite3_bind_null(ins, i + 1);
            else if (kKinds[i] == Kind::Int || kKinds[i] == Kind::Bit)
                sqlite3_bind_int64(ins, i + 1, std::atoll(buffer));
            else
                sqlite3_bind_text(ins, i + 1, buffer, int(ind), SQLITE_TRANSIENT);
        }
        sqlite3_step(ins);
        sqlite3_reset(ins);
        ++rows;
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return rows;
}

struct Simulator {
    pid_t pid = -1;
    int port = 0;
    Simulator(const std::string& cert_dir, const std::string& token, const std::string& users,
              const std::string& entries) {
        int out[2];
        if (pipe(out) != 0) std::exit(1);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        const std::string cert = cert_dir + "/sim-cert.pem", key = cert_dir + "/sim-key.pem";
        std::vector<std::string> args = {TB_SIM_PATH, "--port", "0",           "--cert",  cert,
                                         "--key",     key,      "--token",     token,     "--users",
                                         users,       "--worktime-per-user-month", entries, "--years",
                                         "2024-2024", "--no-compression"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid, TB_SIM_PATH, &actions, nullptr, argv.data(), environ) != 0) {
            std::fprintf(stderr, "cannot start %s\n", TB_SIM_PATH);
            std::exit(1);
        }
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        FILE* f = fdopen(out[0], "r");
        char line[64] = {};
        if (!std::fgets(line, sizeof line, f) || (port = std::atoi(line)) <= 0) {
            std::fprintf(stderr, "the simulator printed no port\n");
            std::exit(1);
        }
        std::fclose(f);
    }
    ~Simulator() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    }
};

} // namespace

int main(int argc, char** argv) {
    const std::string users = argc > 1 ? argv[1] : "4000";
    const std::string entries = argc > 2 ? argv[2] : "250";
    const int reps = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    const std::string token = "bench-token";

    Simulator sim(TB_CERT_DIR, token, users, entries);
    const std::string ours_cs = std::string("Driver=") + TB_DRIVER_PATH + ";Server=https://127.0.0.1:" +
                                std::to_string(sim.port) + ";Token=" + token + ";CAFile=" + TB_CERT_DIR +
                                "/sim-cert.pem;Cache=memory";
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("tb_bench_fetch." + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string peer_path = (dir / "worktime.sqlite").string();
    const std::string peer_cs = "Driver=" TB_SQLITE_ODBC_PATH ";Database=" + peer_path + ";StepAPI=1";

    const std::string where = " FROM worktime WHERE year = 2024 AND month = 3";
    const std::string select_star = "SELECT *" + where;
    const std::string sql = std::string("SELECT ") + kColumns + where;

    std::printf("bench_fetch: timebutler-sim on port %d, %s users x %s entries, worktime 2024-03; best of %d runs\n",
                sim.port, users.c_str(), entries.c_str(), reps);
    std::printf("peak RSS at start: %ld MB\n", peak_rss_mb());

    Conn ours(ours_cs);
    long warm_rows = 0;
    SQLSMALLINT star_cols = 0;
    {
        SQLHSTMT st;
        SQLAllocHandle(SQL_HANDLE_STMT, ours.dbc, &st);
        const auto start = Clock::now();
        check(SQLExecDirect(st, (SQLCHAR*)select_star.c_str(), SQL_NTS), "warm-up SQLExecDirect", SQL_HANDLE_STMT,
              st);
        const double exec_s = seconds_since(start);
        SQLNumResultCols(st, &star_cols);
        while (SQLFetch(st) != SQL_NO_DATA) ++warm_rows;
        SQLFreeHandle(SQL_HANDLE_STMT, st);
        std::printf("warm-up (HTTPS request, decode, cache load, fetch): %s -> %ld rows x %d columns, execute %.2f s, "
                    "total %.2f s\n",
                    select_star.c_str(), warm_rows, int(star_cols), exec_s, seconds_since(start));
    }
    std::printf("peak RSS after warm-up: %ld MB (current %ld MB; the memory cache lives in this process)\n",
                peak_rss_mb(), current_rss_mb());

    const long peer_rows = build_peer_file(ours, sql, peer_path);
    std::printf("peer file %s: %ld rows, %.0f MB\n", peer_path.c_str(), peer_rows,
                double(std::filesystem::file_size(peer_path)) / 1e6);
    Conn peer(peer_cs);

    struct Mode {
        const char* name;
        bool bound;
        bool wide;
        const char* target;
    };
    const Mode modes[] = {
        {"SQLBindCol, 1024-row array", true, false, "<= 1.0 s"},
        {"SQLGetData per cell", false, false, ">= 1.3x"},
        {"SQLBindCol 1024, text WCHAR", true, true, "flat RSS"},
        {"SQLGetData, text WCHAR", false, true, "flat RSS"},
    };
    struct Row {
        const Mode* mode;
        Timing ours, peer;
        long rss_before, rss_after, cur_before, cur_after;
    };
    std::vector<Row> rows;
    auto run = [&](Conn& c, const Mode& m) {
        return m.bound ? fetch_bound(c, sql, 1024, m.wide) : fetch_getdata(c, sql, m.wide);
    };
    for (const Mode& m : modes) {
        Row r{&m, {}, {}, peak_rss_mb(), 0, current_rss_mb(), 0};
        r.ours.seconds = r.peer.seconds = 1e9;
        for (int i = 0; i < reps; ++i) {
            Timing a = run(ours, m);
            Timing b = run(peer, m);
            if (a.seconds < r.ours.seconds) r.ours = a;
            if (b.seconds < r.peer.seconds) r.peer = b;
        }
        r.rss_after = peak_rss_mb();
        r.cur_after = current_rss_mb();
        rows.push_back(r);
    }

    std::printf("\n%-30s %9s %12s %11s %12s %9s %9s  %s\n", "mode (13 columns)", "ours s", "ours rows/s",
                "sqliteodbc", "rows/s", "ratio", "target", "peak RSS MB before->after (current)");
    for (const Row& r : rows) {
        std::printf("%-30s %9.3f %12.0f %11.3f %12.0f %8.2fx %9s  %ld->%ld (%ld->%ld)\n", r.mode->name,
                    r.ours.seconds, double(r.ours.digest.rows) / r.ours.seconds, r.peer.seconds,
                    double(r.peer.digest.rows) / r.peer.seconds, r.peer.seconds / r.ours.seconds, r.mode->target,
                    r.rss_before, r.rss_after, r.cur_before, r.cur_after);
    }
    std::printf("\nratio = our rate / SQLite ODBC's rate. Targets (issue 5): bound <= 1.0 s (~1.9x), SQLGetData "
                ">= 1.3x, RSS flat while fetching.\n");
    bool same = true;
    for (const Row& r : rows) {
        const bool wide = r.mode->wide;
        Digest a = r.ours.digest, b = r.peer.digest;
        if (!(a == b)) {
            same = false;
            std::printf("  DATA DIFFERS in mode '%s'%s:\n", r.mode->name, wide ? "" : "");
            a.print("timebutler");
            b.print("sqliteodbc");
        }
    }
    if (same) {
        std::printf("both drivers delivered the same values in every mode:\n");
        rows.front().ours.digest.print("digest");
    }
    std::filesystem::remove_all(dir);
    return 0;
}
