// A connection's session: configuration, the HTTP client and the cache, and
// the one place where planned requests become cached partitions.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/error.hpp"
#include "engine/planner.hpp"

#include "api/client.hpp"

namespace tb::api { class BearerLogin; }

namespace tb::engine {

class Session {
public:
    explicit Session(SessionConfig config);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const SessionConfig& config() const { return config_; }
    // The source the connection reads (the Source key): its tables are the
    // schema of its name.
    const catalog::Source& catalog_source() const { return *catalog_source_; }
    // The request of one planned read, with the source's authentication
    // (a JSON source's Bearer token: a login when there is none yet).
    api::Request request_for(const catalog::Table& table, const PlannedRequest& planned, api::Deadline deadline = {});
    // Sends one write request once; for a source with a login, a 401 makes
    // one fresh login and the request is sent again (the service refused
    // it, so it did not act on it).
    api::Outcome perform_write(const catalog::Table& table, api::Request request);
    Cache& cache() { return *cache_; }
    api::Client& client() { return *client_; }
    // A fingerprint of server and token: partitions of two tokens never mix.
    const std::string& source() const { return source_; }
    Today today() const {
        Today t = Today::now();
        t.default_years = config_.default_years;
        return t;
    }

    // One small request proving that the server answers and takes the token.
    // A login timeout above 0 (SQL_ATTR_LOGIN_TIMEOUT, seconds) bounds it
    // with all its attempts and waits; running out is HYT00.
    void check_connection(long login_timeout_seconds = 0);

    // The requests one base table needs.
    struct Need {
        const catalog::Table* table = nullptr;
        std::vector<PlannedRequest> requests;
    };
    // Loads every partition that is not fresh in the cache (all requests of
    // all needs concurrently) and returns the partition ids of each need.
    // With a deadline (the statement's query timeout), requests end by then;
    // the answers that arrived are still loaded before HYT00 is raised.
    // `cancel` (set by another thread through Statement::cancel) ends the
    // requests early the same way, with HY008.
    std::vector<std::vector<std::int64_t>> materialize(const std::vector<Need>& needs, std::vector<Warning>& warnings,
                                                       api::Deadline deadline = {},
                                                       const std::atomic<bool>* cancel = nullptr);
    // Whether each request would be answered from the cache (for EXPLAIN).
    bool is_cached(const catalog::Table& table, const PlannedRequest& request);

    // Every user (the source's users column: Timebutler's user ids, GoodTime's
    // login emails), for one-request-per-user tables.
    std::vector<std::string> user_ids(std::vector<Warning>& warnings);

    // Turns a failed request into the error a user can act on.
    [[noreturn]] void raise(const catalog::Table& table, const api::Outcome& outcome) const;

    // Makes the run-time columns of a table known: from the cache when a
    // response header was read before (by any connection sharing it),
    // otherwise with one request of the table's default plan.
    void learn_runtime_columns(const catalog::Table& table, std::vector<Warning>& warnings);
    // The tokens, for scrubbing response text before it reaches a message.
    const std::vector<std::string>& secrets() const { return secrets_; }
    // Whether the instance is known to lack the table's action (SQLTables hides it).
    bool known_to_lack(const catalog::Table& table);

    // The ids one INSERT created, in row order: LAST_INSERT_ID() answers the
    // first of them until the next INSERT that creates rows (as MariaDB).
    void note_created_ids(const std::vector<std::int64_t>& ids);
    std::optional<std::int64_t> last_insert_id() const { return last_insert_id_; }

private:
    void open_cache();  // the cache and its bookkeeping tables, retried while the file is locked
    void register_last_insert_id();
    PartitionKey key_of(const catalog::Table& table, const PlannedRequest& request) const;
    const std::string& token_for(const catalog::Table& table) const;
    // The fingerprint of server and the token the table's action uses: daily
    // limits count per token.
    const std::string& fingerprint_for(const catalog::Table& table) const;
    [[noreturn]] void raise_missing(const catalog::Table& table, bool remembered) const;

    // A JSON source's token (a login when none is held or it expires soon);
    // a refused login is 28000.
    std::string bearer_token(api::Deadline deadline);
    void remember_secret(const std::string& token);
    std::string renew_bearer(const std::string& rejected, api::Deadline deadline);
    [[noreturn]] void raise_login(const std::exception_ptr& failure) const;

    SessionConfig config_;
    const catalog::Source* catalog_source_ = nullptr;
    std::unique_ptr<api::BearerLogin> login_;   // JwtLogin sources
    std::vector<std::string> secrets_;   // both tokens: scrubbed from every response text quoted
    std::string source_;
    std::string personnel_source_;
    std::map<std::string, std::int64_t> runtime_seen_;   // table -> learned_at this session has read
    std::unique_ptr<api::Client> client_;
    std::unique_ptr<Cache> cache_;
    std::optional<std::int64_t> last_insert_id_;
};

std::string canonical_params(const std::vector<std::pair<std::string, std::string>>& params);

} // namespace tb::engine
