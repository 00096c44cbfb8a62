#include "engine/session.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>

#include "api/bearer_login.hpp"
#include "api/client.hpp"
#include "api/response_text.hpp"
#include "engine/answer_check.hpp"
#include "engine/busy_retry.hpp"
#include "engine/call_budget.hpp"
#include "engine/loader.hpp"
#include "engine/missing_actions.hpp"
#include "engine/platform/sha256.hpp"
#include "engine/runtime_schema.hpp"
#include "engine/token_checks.hpp"
#include "engine/server_address.hpp"

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

std::string utc_text(std::chrono::system_clock::time_point when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return text;
}

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
    catalog_source_ = catalog::find_source(config_.source);
    if (!catalog_source_) {
        std::string names;
        for (const auto& s : catalog::sources()) names += (names.empty() ? "" : " or ") + s.name;
        throw Error("HY024", "the connection key Source has the value '" + config_.source + "'; it takes " + names +
                                 " (the default is " + catalog::default_source().name + ")");
    }
    const bool jwt = catalog_source_->auth == catalog::AuthKind::JwtLogin;
    if (config_.server.empty())
        throw Error("08001", std::string("no server given: set Server=https://<your ") +
                                 (jwt ? "GoodTime" : "Timebutler") + " host> in the connection string or DSN");
    config_.server = checked_server(config_);
    if (jwt && config_.user.empty())
        throw Error("28000", "no login email given: set UID (or User) to the login email of the GoodTime account "
                             "in the connection string or DSN");
    if (jwt && config_.token.empty())
        throw Error("28000", "no API password given: set PWD (or Password) in the connection string or DSN; it is "
                             "the REST API password set in GoodTime's settings, tab Security");
    if (config_.token.empty())
        throw Error("28000", "no API token given: set Token (or PWD) in the connection string or DSN; "
                             "an administrator finds it in Timebutler under Settings > API");
    // Timebutler's fingerprint is unchanged (cache files stay valid); a
    // login source's also holds the source and the login email.
    source_ = jwt ? fingerprint(catalog_source_->name + "\n" + config_.server + "\n" + config_.user + "\n" + config_.token)
                  : fingerprint(config_.server + "\n" + config_.token);
    secrets_ = {config_.token, config_.personnel_token};
    if (!config_.personnel_token.empty())
        personnel_source_ = fingerprint(config_.server + "\n" + config_.personnel_token);
    api::ClientConfig c;
    c.server = config_.server;
    c.ca_file = config_.ca_file;
    c.proxy = config_.proxy;
    c.no_proxy = config_.no_proxy;
    c.check_revocation = config_.check_revocation;
    c.verify_peer = config_.verify_tls;
    c.allow_plain_http = is_plain_http(config_.server);  // checked_server allowed it
    c.connect_timeout_ms = config_.connect_timeout_ms;
    c.stall_timeout_ms = config_.stall_timeout_ms;
    c.request_timeout_ms = config_.request_timeout_ms;
    c.max_answer_bytes = std::size_t(config_.max_answer_mib) << 20;
    c.max_concurrent = config_.max_concurrent_requests;
    client_ = std::make_unique<api::Client>(c);
    if (jwt) login_ = std::make_unique<api::BearerLogin>(*client_, catalog_source_->login_path, config_.user, config_.token);
    open_cache();
    register_last_insert_id();
}

void Session::open_cache() {
    // Connecting while another process sets up the same cache file can meet
    // "database is locked" at once: SQLite does not wait where waiting could
    // deadlock. The set-up only creates what is missing, so it is simply
    // done again, within the busy timeout.
    auto set_up = [&] {
        try {
            cache_ = std::make_unique<Cache>(config_);
            ensure_call_budget_table(cache_->db());
            ensure_missing_actions_table(cache_->db());
            ensure_runtime_schema_table(cache_->db());
            ensure_token_checks_table(cache_->db());
            repair_runtime_schema(*cache_);
        } catch (...) {
            cache_.reset();
            throw;
        }
    };
    auto locked = [](const Error& e) {
        const std::string text = e.what();
        return text.find("locked") != std::string::npos || text.find("busy") != std::string::npos;
    };
    retry_while_busy(std::chrono::milliseconds(config_.cache_busy_timeout_ms), set_up, locked);
}

// tb_last_insert_id(): what SQL's LAST_INSERT_ID() becomes. NULL before the
// connection's first INSERT that created a row.
void Session::register_last_insert_id() {
    auto answer = [](sqlite3_context* context, int, sqlite3_value**) {
        const auto* session = static_cast<const Session*>(sqlite3_user_data(context));
        if (auto id = session->last_insert_id()) sqlite3_result_int64(context, *id);
        else sqlite3_result_null(context);
    };
    cache_->on_every_handle([this, answer](sqlite3* db) {
        sqlite3_create_function(db, "tb_last_insert_id", 0, SQLITE_UTF8, this, answer, nullptr, nullptr);
    });
}

void Session::note_created_ids(const std::vector<std::int64_t>& ids) {
    if (!ids.empty()) last_insert_id_ = ids.front();
}

Session::~Session() = default;

// Every token a login brings is scrubbed from response texts quoted later.
void Session::remember_secret(const std::string& token) {
    if (std::find(secrets_.begin(), secrets_.end(), token) == secrets_.end()) secrets_.push_back(token);
}

std::string Session::bearer_token(api::Deadline deadline) {
    try {
        std::string token = login_->token(deadline);
        remember_secret(token);
        return token;
    } catch (const api::LoginFailure&) {
        raise_login(std::current_exception());
    }
}

std::string Session::renew_bearer(const std::string& rejected, api::Deadline deadline) {
    try {
        std::string token = login_->renew(rejected, deadline);
        remember_secret(token);
        return token;
    } catch (const api::LoginFailure&) {
        raise_login(std::current_exception());
    }
}

void Session::raise_login(const std::exception_ptr& failure) const {
    const std::string where = config_.server + catalog_source_->login_path;
    try {
        std::rethrow_exception(failure);
    } catch (const api::LoginFailure& f) {
        if (f.bad_answer())
            throw Error("08S01", "the login at " + where + " answered without a token (neither a JSON web token, a "
                                 "JSON string nor an object with a token member); check the Server key");
        const api::Outcome& outcome = f.outcome();
        const long status = outcome.ok() ? outcome.response.status : 0;
        if (status == 400 || status == 401 || status == 403)
            throw Error("28000", "the login of " + config_.user + " at " + where + " was refused (HTTP " +
                                     std::to_string(status) + "): check UID (the login email) and PWD (the REST API "
                                     "password set in GoodTime's settings, tab Security, where the REST API must be "
                                     "activated)",
                        status);
        raise(*catalog_source_->find_table(catalog_source_->check_table), outcome);
    }
}

api::Request Session::request_for(const catalog::Table& table, const PlannedRequest& planned, api::Deadline deadline) {
    api::Request request;
    request.action = table.action;
    if (!login_) {
        request.params = planned.params;
        request.token = token_for(table);
        return request;
    }
    // A parameter the action names as "{param}" is a path segment; the rest
    // are the query.
    std::string path = table.action;
    for (const auto& [name, value] : planned.params) {
        const std::string marker = "{" + name + "}";
        if (auto at = path.find(marker); at != std::string::npos) path.replace(at, marker.size(), api::path_segment(value));
        else request.params.emplace_back(name, value);
    }
    request.path = catalog_source_->base_path + path;
    request.method = table.method == catalog::HttpMethod::Get ? api::Method::Get
                     : table.method == catalog::HttpMethod::Delete ? api::Method::Delete
                                                                   : api::Method::Post;
    request.bearer = bearer_token(deadline);
    return request;
}

api::Outcome Session::perform_write(const catalog::Table&, api::Request request) {
    if (!login_) return client_->perform(request);
    request.bearer = bearer_token({});
    api::Outcome outcome = client_->perform(request);
    // A 401 is the service refusing the token before acting: one fresh login.
    if (outcome.ok() && outcome.response.status == 401) {
        request.bearer = renew_bearer(request.bearer, {});
        outcome = client_->perform(request);
    }
    return outcome;
}

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
        throw Error("HYT00", "no answer from " + where + " in time (" + outcome.error + "); a read is given up after " +
                                 std::to_string(config_.stall_timeout_ms / 1000) + " s without a byte (StallTimeout) " +
                                 "and a request with its retries after " +
                                 std::to_string(config_.request_timeout_ms / 1000) +
                                 " s (RequestTimeout); raise them for a slow server");
    case api::FailureKind::Transfer:
    case api::FailureKind::Other:
        if (outcome.cancelled)
            throw Error("HY008", "the statement was cancelled (SQLCancel) while waiting for " + where +
                                     "; the answers that had arrived are cached");
        if (outcome.too_large)
            throw Error("HY000", "the answer of " + where + " (table " + table.name + ") passed " +
                                     std::to_string(config_.max_answer_mib) +
                                     " MiB after decompression, the MaxAnswerMB limit; nothing of it was kept. "
                                     "Narrow the statement with WHERE (a year, a month, a user) or raise MaxAnswerMB");
        throw Error("08S01", "the connection to " + where + " failed: " + outcome.error);
    case api::FailureKind::None: break;
    }
    const long status = outcome.response.status;
    if (outcome.retry_after) {
        const auto wait = std::chrono::duration_cast<std::chrono::seconds>(*outcome.retry_after -
                                                                           std::chrono::system_clock::now());
        const std::string when = utc_text(*outcome.retry_after);
        throw Error("HY000", "HTTP " + std::to_string(status) + " from " + where +
                                 ": the service is busy and asks to be asked again at " + when + " (in " +
                                 std::to_string(std::max<long long>(0, wait.count())) +
                                 " s, Retry-After), later than the statement may wait (its query timeout, or " +
                                 "RequestTimeout); try again after " + when,
                    status);
    }
    switch (status) {
    case 401:
        if (login_)
            throw Error("28000", "the server refused the login token for " + catalog_source_->base_path + table.action +
                                     " at " + config_.server + " (HTTP 401) even after a fresh login; check that the "
                                     "account of UID may use the REST API",
                        status);
        throw Error("28000", "the server refused the API token for " + where +
                                 " (HTTP 401): the token is wrong, or API access is switched off; check the " +
                                 (table.token == catalog::TokenKind::Personnel ? "PersonnelToken" : "Token") + " key",
                    status);
    case 400:
        if (!login_ && is_unknown_action(outcome)) raise_missing(table, false);
        throw Error("HY000", "HTTP 400 from " + where + " (table " + table.name + "): " +
                                 api::response_excerpt(outcome.response.body, 200, secrets_) +
                                 "; the service refused a request parameter",
                    status);
    case 404:
        // A REST source answers 404 for a thing it does not know (a user, an id).
        if (login_)
            throw Error("HY000", "HTTP 404 from " + where + " (table " + table.name + "): " +
                                     api::response_excerpt(outcome.response.body, 200, secrets_),
                        status);
        throw Error("08001", "HTTP 404 from " + config_.server + catalog_source_->base_path + table.action +
                                 ": the Server key does not point at a " + catalog_source_->title + " service", status);
    default:
        throw Error("HY000", "HTTP " + std::to_string(status) + " from " + where +
                                 (status >= 500 ? ": the service failed; try again later" : "") +
                                 (login_ && status < 500 ? ": " + api::response_excerpt(outcome.response.body, 200, secrets_)
                                                         : std::string()),
                    status);
    }
}

void Session::check_connection(long login_timeout_seconds) {
    if (login_) {
        // The login itself proves the credentials.
        api::Deadline deadline;
        if (login_timeout_seconds > 0)
            deadline = std::chrono::steady_clock::now() + std::chrono::seconds(login_timeout_seconds);
        bearer_token(deadline);
        return;
    }
    sqlite3* db = cache_->db();
    if (token_accepted_recently(db, source_, config_.cache_ttl_seconds)) return;
    // holidaysets: in every edition of the reference (full, tenant, older)
    // and the smallest answer. Only a 401 says the token is wrong; an action
    // the instance does not know (400) was still asked with a token it took.
    const catalog::Table* table = catalog_source_->find_table(catalog_source_->check_table);
    api::Request request;
    request.action = table->action;
    request.token = config_.token;
    api::Deadline deadline;
    if (login_timeout_seconds > 0)
        deadline = std::chrono::steady_clock::now() + std::chrono::seconds(login_timeout_seconds);
    auto outcome = client_->perform(request, deadline);
    if (outcome.ok() && outcome.response.status == 400) {
        if (is_unknown_action(outcome)) remember_missing_action(db, source_, table->action);
    } else if (outcome.ok() && outcome.response.status == 200) {
        // A 200 that is not a holidaysets answer (a proxy's login page) proves nothing.
        check_answer(*table, outcome.response, secrets_);
    } else {
        // Any transport failure at the end of the login time was cut by it
        // (libcurl reports a cut handshake as a connect failure).
        if (deadline && !outcome.ok() &&
            (outcome.past_deadline || std::chrono::steady_clock::now() + std::chrono::milliseconds(50) >= *deadline))
            throw Error("HYT00", "the login timeout (SQL_ATTR_LOGIN_TIMEOUT, " + std::to_string(login_timeout_seconds) +
                                     " s) ran out while connecting to " + config_.server + " (" + outcome.error +
                                     "); check that the server is reachable and answers, or raise the login timeout");
        raise(*table, outcome);
    }
    remember_token_accepted(db, source_);
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
        requests.push_back(request_for(*p.table, *p.request, deadline));
        if (p.table->daily_limit > 0) ++limited_calls[p.table];
    }
    // Count the calls of daily-limited actions before making them, all or
    // nothing, so no statement spends the last calls and then fails.
    std::vector<BudgetClaim> claims;
    for (const auto& [table, calls] : limited_calls) claims.push_back({table, fingerprint_for(*table), calls});
    reserve_calls(db, claims, now());
    // Each action's invalidation count before its request goes out: an answer
    // that may predate a write finishing meanwhile is not marked fresh.
    std::vector<std::int64_t> generations;
    for (const auto& p : pending) generations.push_back(cache_->generation(p.key.source, p.key.action));

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
        // Believed only when it has the shape of the table's answer:
        // otherwise nothing of it reaches the cache.
        check_answer(*p.table, outcome.response, secrets_);
        const std::int64_t part = cache_->partition_id(p.key, generations[i]);
        auto loaded = load_partition(*cache_, *p.table, part, outcome.response.body, p.request->keys,
                                     LoadContext{p.key.params, secrets_});
        for (auto& w : loaded.warnings) warnings.push_back(std::move(w));
        for (auto [n, r] : p.slots) parts[n][r] = part;
        if (p.table->runtime_columns) remember_runtime_schema(db, *p.table);
        std::string().swap(outcome.response.body);
    };
    auto outcomes = client_->perform_all(requests, deadline, cancel, load_answer);
    if (login_) {
        // A token the service no longer takes (it expired early, or the
        // service restarted): one fresh login, the refused requests once more.
        std::vector<std::size_t> refused;
        for (std::size_t i = 0; i < outcomes.size(); ++i)
            if (outcomes[i].ok() && outcomes[i].response.status == 401) refused.push_back(i);
        if (!refused.empty()) {
            const std::string fresh = renew_bearer(requests[refused.front()].bearer, deadline);
            std::vector<api::Request> again;
            for (std::size_t i : refused) {
                again.push_back(requests[i]);
                again.back().bearer = fresh;
            }
            auto second = client_->perform_all(again, deadline, cancel, [&](std::size_t j, api::Outcome& outcome) {
                load_answer(refused[j], outcome);
            });
            for (std::size_t j = 0; j < refused.size(); ++j) outcomes[refused[j]] = std::move(second[j]);
        }
    }
    // A failed request is raised after the others are loaded: what arrived
    // is kept, and a statement run again asks only for the rest.
    std::optional<std::size_t> failed;
    bool general_token_taken = false;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const auto& outcome = outcomes[i];
        const auto& action = pending[i].table->action;
        const bool general_token = pending[i].table->token != catalog::TokenKind::Personnel;
        if (general_token && outcome.ok() && outcome.response.status == 401) forget_token_accepted(db, source_);
        else if (general_token && outcome.ok() && (outcome.response.status == 200 || outcome.response.status == 400))
            general_token_taken = true;
        if (!login_ && is_unknown_action(outcome)) remember_missing_action(db, source_, action);
        if (!outcome.ok() || outcome.response.status != 200) {
            if (!failed) failed = i;
        } else if (lacking.count(action)) {
            forget_missing_action(db, source_, action);
        }
    }
    // An answer that took the token spares the next connection its check.
    // Noted only when the remembered check is older than half the TTL: a
    // write per statement to a file that other connections load into at the
    // same time is lock traffic for nothing.
    if (general_token_taken && !token_accepted_recently(db, source_, config_.cache_ttl_seconds / 2))
        remember_token_accepted(db, source_);
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
    // A JSON source's per-user tables (timeentries) learn from the first user's answer.
    std::vector<std::string> users;
    if (login_ && needs_user_list(table, {})) users = user_ids(warnings);
    std::vector<PlannedRequest> requests = plan_requests(table, {}, {}, today(), users);
    if (requests.empty()) return;
    requests.resize(1);
    materialize({Need{&table, std::move(requests)}}, warnings);
    // A partition still fresh from before the header was remembered: its
    // load added the columns all the same.
    remember_runtime_schema(cache_->db(), table);
    runtime_seen_[table.name] = runtime_schema_learned_at(cache_->db(), table).value_or(0);
}

std::vector<std::string> Session::user_ids(std::vector<Warning>& warnings) {
    const catalog::Table* users = catalog_source_->find_table(catalog_source_->users_table);
    const std::string column = catalog::quote_identifier(catalog_source_->users_column);
    Need need{users, {PlannedRequest{}}};
    auto parts = materialize({need}, warnings);
    std::vector<std::string> ids;
    sqlite3_stmt* stmt = nullptr;
    std::string sql = "SELECT " + column + " FROM " + cache_->sql_name(*users) + " WHERE " +
                      Cache::partition_condition({parts[0][0]}) + " AND " + column + " IS NOT NULL ORDER BY " + column;
    if (sqlite3_prepare_v2(cache_->db(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw Error("HY000", std::string("cache: cannot read the users: ") + sqlite3_errmsg(cache_->db()));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        // Timebutler's ids as digits (an integer column), GoodTime's emails as text.
        if (sqlite3_column_type(stmt, 0) == SQLITE_INTEGER) ids.push_back(std::to_string(sqlite3_column_int64(stmt, 0)));
        else ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    const std::string message = rc == SQLITE_DONE ? "" : sqlite3_errmsg(cache_->db());
    sqlite3_finalize(stmt);
    if (!message.empty()) throw Error("HY000", "cache: cannot read the users: " + message);
    return ids;
}

} // namespace tb::engine
