#include "engine/session.hpp"

#include <sqlite3.h>

#include <ctime>
#include <map>
#include <set>

#include "api/client.hpp"
#include "engine/call_budget.hpp"
#include "engine/loader.hpp"
#include "engine/missing_actions.hpp"
#include "engine/platform/sha256.hpp"
#include "engine/runtime_schema.hpp"

namespace tb::engine {
namespace {

// SHA-256 of server and token: partitions of two tokens never mix, and the
// token cannot be recovered from the cache key.
std::string fingerprint(const std::string& text) { return platform::sha256_hex(text); }

bool body_is(const std::string& body, std::string_view word) {
    std::string_view b = body;
    while (!b.empty() && (b.back() == '\n' || b.back() == '\r' || b.back() == ' ')) b.remove_suffix(1);
    while (!b.empty() && (b.front() == ' ' || b.front() == '\xEF')) b.remove_prefix(1);
    return b == word;
}

// HTTP 400 for an unknown action code (the simulator says INVALID_ACTION; a
// 400 naming a parameter, like STARTDATE_MISSING_OR_INVALID, is not one).
bool is_unknown_action(const api::Outcome& outcome) {
    if (!outcome.ok() || outcome.response.status != 400) return false;
    const std::string& body = outcome.response.body;
    return body.find_first_not_of(" \r\n") == std::string::npos || body.find("ACTION") != std::string::npos;
}

std::time_t now() { return std::time(nullptr); }

} // namespace

std::string canonical_params(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out += '&';
        out += api::form_escape(k) + "=" + api::form_escape(v);
    }
    return out;
}

Session::Session(SessionConfig config) : config_(std::move(config)) {
    if (config_.server.empty())
        throw Error("08001", "no server given: set Server=https://<your Timebutler host> in the connection string or DSN");
    while (!config_.server.empty() && config_.server.back() == '/') config_.server.pop_back();
    if (config_.server.rfind("https://", 0) != 0 && config_.server.rfind("http://", 0) != 0)
        config_.server = "https://" + config_.server;
    if (config_.token.empty())
        throw Error("28000", "no API token given: set Token (or PWD) in the connection string or DSN; "
                             "an administrator finds it in Timebutler under Settings > API");
    source_ = fingerprint(config_.server + "\n" + config_.token);
    if (!config_.personnel_token.empty())
        personnel_source_ = fingerprint(config_.server + "\n" + config_.personnel_token);
    api::ClientConfig c;
    c.server = config_.server;
    c.ca_file = config_.ca_file;
    c.proxy = config_.proxy;
    c.no_proxy = config_.no_proxy;
    c.check_revocation = config_.check_revocation;
    c.verify_peer = config_.verify_tls;
    c.connect_timeout_ms = config_.connect_timeout_ms;
    c.request_timeout_ms = config_.request_timeout_ms;
    c.max_concurrent = config_.max_concurrent_requests;
    client_ = std::make_unique<api::Client>(c);
    cache_ = std::make_unique<Cache>(config_);
    ensure_call_budget_table(cache_->db());
    ensure_missing_actions_table(cache_->db());
    ensure_runtime_schema_table(cache_->db());
}

Session::~Session() = default;

const std::string& Session::token_for(const catalog::Table& table) const {
    if (table.token == catalog::TokenKind::Personnel) {
        if (config_.personnel_token.empty())
            throw Error("28000", "table " + table.name + " needs the personnel-file API token: set PersonnelToken "
                                 "in the connection string or DSN (Timebutler shows it next to the API token)");
        return config_.personnel_token;
    }
    return config_.token;
}

const std::string& Session::fingerprint_for(const catalog::Table& table) const {
    token_for(table);  // a missing personnel token fails here, before anything is counted
    return table.token == catalog::TokenKind::Personnel ? personnel_source_ : source_;
}

void Session::raise_missing(const catalog::Table& table, bool remembered) const {
    throw Error("HY000", "the Timebutler instance at " + config_.server + " does not offer the action '" +
                             table.action + "' (HTTP 400" +
                             (remembered ? std::string(", remembered from an earlier answer; asked again after "
                                                       "CacheTTL")
                                         : std::string()) +
                             "), so table " + table.name + " is not available there",
                400);
}

bool Session::known_to_lack(const catalog::Table& table) {
    return missing_actions(cache_->db(), source_).count(table.action) > 0;
}

void Session::raise(const catalog::Table& table, const api::Outcome& outcome) const {
    const std::string where = "action '" + table.action + "' at " + config_.server;
    switch (outcome.failure) {
    case api::FailureKind::Resolve:
        throw Error("08001", "cannot resolve the server of " + where + ": " + outcome.error + "; check the Server key");
    case api::FailureKind::Connect:
        throw Error("08001", "cannot connect to " + config_.server + " (" + outcome.error +
                                 "); check the Server key and that the host is reachable");
    case api::FailureKind::Tls:
        throw Error("08001", "the TLS certificate of " + config_.server + " was refused (" + outcome.error +
                                 "); if the server uses a private CA, set CAFile to its certificate");
    case api::FailureKind::Timeout:
        if (outcome.past_deadline)
            throw Error("HYT00", "the statement's query timeout (SQL_ATTR_QUERY_TIMEOUT) ran out while waiting for " +
                                     where + "; the answers that arrived are cached, so running the statement again "
                                     "continues from there; or raise the timeout, or narrow the statement with WHERE");
        throw Error("HYT00", "no answer from " + where + " in time (" + outcome.error + ")");
    case api::FailureKind::Transfer:
    case api::FailureKind::Other:
        if (outcome.cancelled)
            throw Error("HY008", "the statement was cancelled (SQLCancel) while waiting for " + where +
                                     "; the answers that had arrived are cached");
        throw Error("08S01", "the connection to " + where + " failed: " + outcome.error);
    case api::FailureKind::None: break;
    }
    const long status = outcome.response.status;
    switch (status) {
    case 401:
        throw Error("28000", "the server refused the API token for " + where +
                                 " (HTTP 401): the token is wrong, or API access is switched off; check the " +
                                 (table.token == catalog::TokenKind::Personnel ? "PersonnelToken" : "Token") + " key",
                    status);
    case 400:
        if (is_unknown_action(outcome)) raise_missing(table, false);
        throw Error("HY000", "HTTP 400 from " + where + " (table " + table.name + "): " +
                                 outcome.response.body.substr(0, 200) +
                                 "; the service refused a request parameter",
                    status);
    case 404:
        throw Error("08001", "HTTP 404 from " + config_.server + "/api/v1/" + table.action +
                                 ": the Server key does not point at a Timebutler instance", status);
    default:
        throw Error("HY000", "HTTP " + std::to_string(status) + " from " + where +
                                 (status >= 500 ? ": the service failed; try again later" : ""),
                    status);
    }
}

void Session::check_connection() {
    const catalog::Table* table = catalog::find_table("holidaysets");
    api::Request request;
    request.action = table->action;
    request.token = config_.token;
    auto outcome = client_->perform(request);
    if (!outcome.ok() || outcome.response.status != 200) raise(*table, outcome);
}

PartitionKey Session::key_of(const catalog::Table& table, const PlannedRequest& request) const {
    return {source_, table.action, canonical_params(request.params), cache_->in_memory(table)};
}

bool Session::is_cached(const catalog::Table& table, const PlannedRequest& request) {
    return cache_->fresh_partition(key_of(table, request)).has_value();
}

std::vector<std::vector<std::int64_t>> Session::materialize(const std::vector<Need>& needs,
                                                            std::vector<Warning>& warnings, api::Deadline deadline,
                                                            const std::atomic<bool>* cancel) {
    std::vector<std::vector<std::int64_t>> parts(needs.size());
    struct Pending {
        const catalog::Table* table;
        const PlannedRequest* request;
        PartitionKey key;
        std::vector<std::pair<std::size_t, std::size_t>> slots;  // (need, position)
    };
    std::vector<Pending> pending;
    std::map<std::string, std::size_t> by_key;   // one request per distinct partition
    for (std::size_t n = 0; n < needs.size(); ++n) {
        const auto& need = needs[n];
        parts[n].resize(need.requests.size(), -1);
        for (std::size_t r = 0; r < need.requests.size(); ++r) {
            PartitionKey key = key_of(*need.table, need.requests[r]);
            if (auto part = cache_->fresh_partition(key)) {
                parts[n][r] = *part;
                continue;
            }
            const std::string id = key.action + "?" + key.params;
            auto it = by_key.find(id);
            if (it == by_key.end()) {
                it = by_key.emplace(id, pending.size()).first;
                pending.push_back({need.table, &need.requests[r], key, {}});
            }
            pending[it->second].slots.emplace_back(n, r);
        }
    }
    if (pending.empty()) return parts;

    sqlite3* db = cache_->db();
    // An action the instance lacks, noticed within the TTL: the same error
    // without asking again.
    const std::set<std::string> lacking = missing_actions(db, source_);
    for (const auto& p : pending)
        if (lacking.count(p.table->action) &&
            missing_action_is_fresh(db, source_, p.table->action, config_.cache_ttl_seconds))
            raise_missing(*p.table, true);

    std::vector<api::Request> requests;
    std::map<const catalog::Table*, int> limited_calls;
    for (const auto& p : pending) {
        api::Request request;
        request.action = p.table->action;
        request.params = p.request->params;
        request.token = token_for(*p.table);
        requests.push_back(std::move(request));
        if (p.table->daily_limit > 0) ++limited_calls[p.table];
    }
    // Count the calls of daily-limited actions before making them, all or
    // nothing, so no statement spends the last calls and then fails.
    std::vector<BudgetClaim> claims;
    for (const auto& [table, calls] : limited_calls) claims.push_back({table, fingerprint_for(*table), calls});
    reserve_calls(db, claims, now());

    // Each answer is loaded as soon as it arrives and its body freed, so a
    // year of large months never sits in memory at once.
    auto load_answer = [&](std::size_t i, api::Outcome& outcome) {
        if (!outcome.ok() || outcome.response.status != 200) return;  // raised below, after the others
        const auto& p = pending[i];
        if (body_is(outcome.response.body, "MAX_REQUESTS_PER_DAY_LIMIT_EXCEEDED")) {
            // Other clients of the same token share the limit: none is left today.
            exhaust_calls(db, *p.table, fingerprint_for(*p.table), now());
            throw Error("HY000", "the service refused the call: " + limit_message(*p.table, service_day(now())));
        }
        const std::int64_t part = cache_->partition_id(p.key);
        auto loaded = load_partition(*cache_, *p.table, part, outcome.response.body, p.request->keys);
        for (auto& w : loaded.warnings) warnings.push_back(std::move(w));
        for (auto [n, r] : p.slots) parts[n][r] = part;
        if (p.table->runtime_columns) remember_runtime_schema(db, *p.table);
        std::string().swap(outcome.response.body);
    };
    auto outcomes = client_->perform_all(requests, deadline, cancel, load_answer);
    // A failed request is raised after the others are loaded: what arrived
    // is kept, and a statement run again asks only for the rest.
    std::optional<std::size_t> failed;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const auto& outcome = outcomes[i];
        const auto& action = pending[i].table->action;
        if (is_unknown_action(outcome)) remember_missing_action(db, source_, action);
        if (!outcome.ok() || outcome.response.status != 200) {
            if (!failed) failed = i;
        } else if (lacking.count(action)) {
            forget_missing_action(db, source_, action);
        }
    }
    if (failed) raise(*pending[*failed].table, outcomes[*failed]);
    return parts;
}

void Session::learn_runtime_columns(const catalog::Table& table, std::vector<Warning>& warnings) {
    if (!table.runtime_columns) return;
    if (auto learned = runtime_schema_learned_at(cache_->db(), table)) {
        // Known; read the names again only when another connection learned them since.
        auto& seen = runtime_seen_[table.name];
        if (seen != *learned) {
            cache_->reload_columns(table);
            seen = *learned;
        }
        return;
    }
    // One request of the table's default plan reads the header; its rows stay cached.
    std::vector<PlannedRequest> requests = plan_requests(table, {}, {}, today(), {});
    if (requests.empty()) return;
    requests.resize(1);
    materialize({Need{&table, std::move(requests)}}, warnings);
    // A partition still fresh from before the header was remembered: its
    // load added the columns all the same.
    remember_runtime_schema(cache_->db(), table);
    runtime_seen_[table.name] = runtime_schema_learned_at(cache_->db(), table).value_or(0);
}

std::vector<std::string> Session::user_ids(std::vector<Warning>& warnings) {
    const catalog::Table* users = catalog::find_table("users");
    Need need{users, {PlannedRequest{}}};
    auto parts = materialize({need}, warnings);
    std::vector<std::string> ids;
    sqlite3_stmt* stmt = nullptr;
    std::string sql = "SELECT user_id FROM " + cache_->sql_name(*users) +
                      " WHERE " + Cache::partition_condition({parts[0][0]}) + " AND user_id IS NOT NULL ORDER BY user_id";
    sqlite3_prepare_v2(cache_->db(), sql.c_str(), -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) ids.push_back(std::to_string(sqlite3_column_int64(stmt, 0)));
    sqlite3_finalize(stmt);
    return ids;
}

} // namespace tb::engine
