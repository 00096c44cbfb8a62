#include "options.hpp"

#include <set>
#include <functional>
#include <map>

#include "faults.hpp"
#include "text.hpp"

namespace sim {

const char* usage_text() {
    return "usage: timebutler-sim [flags]\n"
           "  --port N                    0 picks a free port (default 0); the port is the first stdout line\n"
           "  --host ADDR                 listen address (default 127.0.0.1)\n"
           "  --cert FILE --key FILE      PEM certificate and key: serve HTTPS\n"
           "  --plain-http                serve plain HTTP instead (debugging only)\n"
           "  --token T                   API token (default demo-token)\n"
           "  --personnel-token T         token of personnelfiles/salaries (default demo-personnel-token)\n"
           "  --profile full|tenant|older instance edition (default full)\n"
           "  --users N                   generated users (default 25, at most 9999)\n"
           "  --years Y1-Y2               years with generated data (default 2023-2025)\n"
           "  --seed N                    data seed (default 1)\n"
           "  --latency-ms N              sleep before answering each request (default 0)\n"
           "  --request-log FILE          append one JSON line per request\n"
           "  --today YYYY-MM-DD          the simulator's date (default: real UTC date)\n"
           "  --fail-after-receive A[,B]  read requests of these actions, then close without answering\n"
           "  --worktime-per-user-month N work-time entries per user and month (default: one per weekday)\n"
           "  --threads N                 worker threads (default 16)\n"
           "  --daily-limit N             calls per day of the limited actions (default 12)\n"
           "  --limit-status N            HTTP status of MAX_REQUESTS_PER_DAY_LIMIT_EXCEEDED (default 200)\n"
           "  --no-compression            never compress answers (default: gzip when the client accepts it)\n"
           "  --fixture DIR               answer a read action from DIR/<action>.csv when that file exists\n"
           "  --without-actions A[,B]     the profile without these actions (HTTP 400 INVALID_ACTION)\n"
           "  --fault KIND:ACTION[:COUNT] answer the first COUNT reads of ACTION (default all) wrongly, see README\n"
           "  --fault MODE                stall|stall-body|drip|status|gzip-bomb|cut-chunked (see README.md)\n"
           "  --fault-actions A[,B]       actions the fault hits (default: every action)\n"
           "  --fault-count N             only the first N requests of those actions (default 0: all)\n"
           "  --fault-status N            HTTP status of --fault status (default 503)\n"
           "  --retry-after V             Retry-After of --fault status: seconds, or +N for an HTTP-date N s ahead\n"
           "  --drip-ms N                 --fault drip: milliseconds per body byte (default 1000)\n"
           "  --bomb-mib N                --fault gzip-bomb: decompressed MiB (default 1024)\n"
           "  --stall-seconds N           longest stall of stall and stall-body (default 600)\n"
           "GoodTime REST API v2.1 (see README.md, \"GoodTime profile\"):\n"
           "  --api timebutler|goodtime   which service to imitate (default timebutler)\n"
           "  --api-password P            goodtime: the API password of every user (default demo-password)\n"
           "  --jwt-lifetime S            goodtime: seconds from login to the token's exp (default 3600)\n"
           "  --token-uses N              goodtime: refuse a token (401) after N authenticated requests (default 0: never)\n"
           "  --time-format iso|epoch-ms  goodtime: how times are sent (default iso)\n"
           "  --login-answer raw|json-string|object  goodtime: how /api/login sends the token (default raw)\n"
           "  --no-locking                goodtime: no locked property, locked entries can be deleted\n"
           "  --bulk-entries N            goodtime: the first user has exactly N generated time entries\n"
           "  --dump TABLE                goodtime: print the rows of a goodtime table and exit (see README.md)\n";
}

namespace {

bool int_in(const std::string& v, int lo, int hi, int& out) {
    const auto n = parse_uint(v, 9);
    if (!n || *n < lo || *n > hi) return false;
    out = static_cast<int>(*n);
    return true;
}

}  // namespace

bool parse_options(int argc, char** argv, Config& cfg, std::string& error, bool& help) {
    std::string profile = "full";
    std::set<std::string> without_actions;
    using Setter = std::function<bool(const std::string&)>;
    const std::map<std::string, Setter> flags = {
        {"--port", [&](const std::string& v) { return int_in(v, 0, 65535, cfg.port); }},
        {"--host", [&](const std::string& v) { cfg.host = v; return !v.empty(); }},
        {"--cert", [&](const std::string& v) { cfg.cert = v; return !v.empty(); }},
        {"--key", [&](const std::string& v) { cfg.key = v; return !v.empty(); }},
        {"--token", [&](const std::string& v) { cfg.token = v; return !v.empty(); }},
        {"--personnel-token", [&](const std::string& v) { cfg.personnel_token = v; return !v.empty(); }},
        {"--profile", [&](const std::string& v) { profile = v; return true; }},
        {"--users", [&](const std::string& v) { return int_in(v, 0, 9999, cfg.users); }},
        {"--years",
         [&](const std::string& v) {
             const auto dash = v.find('-');
             const std::string a = v.substr(0, dash), b = dash == std::string::npos ? a : v.substr(dash + 1);
             return int_in(a, 2000, 2099, cfg.first_year) && int_in(b, 2000, 2099, cfg.last_year) &&
                    cfg.first_year <= cfg.last_year;
         }},
        {"--seed",
         [&](const std::string& v) {
             const auto n = parse_uint(v, 18);
             if (n) cfg.seed = static_cast<uint64_t>(*n);
             return n.has_value();
         }},
        {"--latency-ms", [&](const std::string& v) { return int_in(v, 0, 600000, cfg.latency_ms); }},
        {"--request-log", [&](const std::string& v) { cfg.request_log = v; return !v.empty(); }},
        {"--today",
         [&](const std::string& v) {
             cfg.today = parse_iso(v);
             return cfg.today.has_value();
         }},
        {"--fail-after-receive",
         [&](const std::string& v) {
             for (auto a : split(v, ','))
                 if (!trim(a).empty()) cfg.fail_after_receive.insert(std::string(trim(a)));
             return true;
         }},
        {"--worktime-per-user-month", [&](const std::string& v) { return int_in(v, 1, 5000, cfg.worktime_per_user_month); }},
        {"--threads", [&](const std::string& v) { return int_in(v, 1, 512, cfg.threads); }},
        {"--daily-limit", [&](const std::string& v) { return int_in(v, 0, 1000000, cfg.daily_limit); }},
        {"--limit-status", [&](const std::string& v) { return int_in(v, 100, 599, cfg.limit_status); }},
        {"--fixture", [&](const std::string& v) { cfg.fixture_dir = v; return !v.empty(); }},
        {"--without-actions",
         [&](const std::string& v) {
             for (auto a : split(v, ','))
                 if (!trim(a).empty()) without_actions.insert(std::string(trim(a)));
             return true;
         }},
        // --fault takes a transport MODE (stall, drip, ...) or an answer
        // fault KIND:ACTION[:COUNT]; the two sets of names do not overlap.
        {"--fault",
         [&](const std::string& v) {
             if (parse_fault_mode(v, cfg.transport_fault.mode)) return true;
             Faults check;
             std::string why;
             if (!check.add(v, why)) return false;
             cfg.faults.push_back(v);
             return true;
         }},
        {"--fault-actions",
         [&](const std::string& v) {
             for (auto a : split(v, ','))
                 if (!trim(a).empty()) cfg.transport_fault.actions.insert(std::string(trim(a)));
             return true;
         }},
        {"--fault-count", [&](const std::string& v) { return int_in(v, 0, 1000000, cfg.transport_fault.count); }},
        {"--fault-status", [&](const std::string& v) { return int_in(v, 100, 599, cfg.transport_fault.status); }},
        {"--retry-after", [&](const std::string& v) { cfg.transport_fault.retry_after = v; return !v.empty(); }},
        {"--drip-ms", [&](const std::string& v) { return int_in(v, 1, 600000, cfg.transport_fault.drip_ms); }},
        {"--bomb-mib", [&](const std::string& v) { return int_in(v, 1, 65536, cfg.transport_fault.bomb_mib); }},
        {"--api", [&](const std::string& v) { cfg.api = v; return v == "timebutler" || v == "goodtime"; }},
        {"--api-password", [&](const std::string& v) { cfg.goodtime.api_password = v; return !v.empty(); }},
        {"--jwt-lifetime", [&](const std::string& v) { return int_in(v, 1, 100000000, cfg.goodtime.jwt_lifetime_s); }},
        {"--token-uses", [&](const std::string& v) { return int_in(v, 0, 100000000, cfg.goodtime.token_uses); }},
        {"--time-format",
         [&](const std::string& v) {
             cfg.goodtime.epoch_ms = v == "epoch-ms";
             return v == "iso" || v == "epoch-ms";
         }},
        {"--login-answer",
         [&](const std::string& v) {
             cfg.goodtime.login_answer = v;
             return v == "raw" || v == "json-string" || v == "object";
         }},
        {"--bulk-entries",
         [&](const std::string& v) {
             const auto n = parse_uint(v, 9);
             if (n) cfg.goodtime.bulk_entries = *n;
             return n.has_value();
         }},
        {"--dump", [&](const std::string& v) { cfg.goodtime.dump = v; return !v.empty(); }},
        {"--stall-seconds", [&](const std::string& v) { return int_in(v, 1, 86400, cfg.transport_fault.stall_seconds); }},
    };
    help = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            help = true;
            return true;
        }
        if (arg == "--plain-http") {
            cfg.plain_http = true;
            continue;
        }
        if (arg == "--no-locking") {
            cfg.goodtime.locking = false;
            continue;
        }
        if (arg == "--no-compression") {
            cfg.gzip = false;
            continue;
        }
        std::string value;
        bool has_value = false;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        const auto it = flags.find(arg);
        if (it == flags.end()) {
            error = "unknown flag " + arg;
            return false;
        }
        if (!has_value) {
            if (i + 1 >= argc) {
                error = arg + " needs a value";
                return false;
            }
            value = argv[++i];
        }
        if (!it->second(value)) {
            error = "invalid value for " + arg + ": " + value;
            return false;
        }
    }
    const auto p = make_profile(profile);
    if (!p) {
        error = "unknown profile " + profile + " (full, tenant or older)";
        return false;
    }
    cfg.profile = *p;
    for (const auto& a : without_actions) cfg.profile.actions.erase(a);
    if (cfg.cert.empty() != cfg.key.empty()) {
        error = "--cert and --key go together";
        return false;
    }
    if (!cfg.goodtime.dump.empty()) {
        if (cfg.api != "goodtime") {
            error = "--dump needs --api goodtime";
            return false;
        }
        return true;  // nothing is served: no certificate needed
    }
    if (cfg.cert.empty() && !cfg.plain_http) {
        error = "HTTPS needs --cert and --key (or pass --plain-http to debug over plain HTTP)";
        return false;
    }
    if (!cfg.cert.empty() && cfg.plain_http) {
        error = "--plain-http and --cert/--key exclude each other";
        return false;
    }
    if (cfg.api != "goodtime") {
        for (const auto& f : cfg.faults) {
            const std::string kind = f.substr(0, f.find(':'));
            if (kind == "truncated" || kind == "not-array" || kind == "wrong-type" || kind == "bad-time") {
                error = "--fault " + kind + " alters JSON answers: it needs --api goodtime";
                return false;
            }
        }
    }
    if (cfg.api == "goodtime") {
        // The CSV-specific parts of the Timebutler profile have no meaning here.
        if (!cfg.fixture_dir.empty()) {
            error = "--fixture is not available with --api goodtime";
            return false;
        }
        for (const auto& f : cfg.faults) {
            const std::string kind = f.substr(0, f.find(':'));
            if (kind == "huge-header" || kind == "duplicate-header" || kind == "unbalanced-quote" || kind == "extra-field") {
                error = "--fault " + kind + " alters CSV answers; with --api goodtime use html, empty, ok, "
                        "internal-error, random, echo or content-type";
                return false;
            }
        }
    }
    return true;
}

}  // namespace sim
