// A connection's session: configuration, the HTTP client and the cache, and
// the one place where planned requests become cached partitions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/cache.hpp"
#include "engine/config.hpp"
#include "engine/error.hpp"
#include "engine/planner.hpp"

namespace tb::api { class Client; struct Outcome; }

namespace tb::engine {

class Session {
public:
    explicit Session(SessionConfig config);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const SessionConfig& config() const { return config_; }
    Cache& cache() { return *cache_; }
    api::Client& client() { return *client_; }
    // A fingerprint of server and token: partitions of two tokens never mix.
    const std::string& source() const { return source_; }
    Today today() const { return Today::now(); }

    // One small request proving that the server answers and takes the token.
    void check_connection();

    // The requests one base table needs.
    struct Need {
        const catalog::Table* table = nullptr;
        std::vector<PlannedRequest> requests;
    };
    // Loads every partition that is not fresh in the cache (all requests of
    // all needs concurrently) and returns the partition ids of each need.
    std::vector<std::vector<std::int64_t>> materialize(const std::vector<Need>& needs, std::vector<Warning>& warnings);
    // Whether each request would be answered from the cache (for EXPLAIN).
    bool is_cached(const catalog::Table& table, const PlannedRequest& request);

    // Every user id (from the users table), for one-request-per-user tables.
    std::vector<std::string> user_ids(std::vector<Warning>& warnings);

    // Turns a failed request into the error a user can act on.
    [[noreturn]] void raise(const catalog::Table& table, const api::Outcome& outcome) const;

private:
    PartitionKey key_of(const catalog::Table& table, const PlannedRequest& request) const;
    const std::string& token_for(const catalog::Table& table) const;

    SessionConfig config_;
    std::string source_;
    std::unique_ptr<api::Client> client_;
    std::unique_ptr<Cache> cache_;
};

std::string canonical_params(const std::vector<std::pair<std::string, std::string>>& params);

} // namespace tb::engine
