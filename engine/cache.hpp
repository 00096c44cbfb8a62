// The SQLite cache: one table per catalog table (plus run-time columns), rows
// tagged with the partition (one API request) they came from. A partition is
// replaced in one transaction, so a reader never sees half of one.
//
// The rows of partition p have the rowids [p << 32, (p + 1) << 32): a
// partition is one contiguous rowid range, so it is selected and deleted
// without an index and loaded in append order (an index on the partition
// cost a tenth of every load).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/config.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tb::engine {

// Identifies one API response: who asked (fingerprint of server and token,
// never the token), which action, which parameters.
struct PartitionKey {
    std::string source;
    std::string action;
    std::string params;   // canonical "k=v&k=v"
    bool in_memory = false;  // kept in the never-written memory schema
};

// A column of a cache table: the catalog's, or one learned from a response.
struct CacheColumn {
    catalog::Column column;
    bool runtime = false;
};

class Cache {
public:
    explicit Cache(const SessionConfig& config);
    ~Cache();
    Cache(const Cache&) = delete;
    Cache& operator=(const Cache&) = delete;

    sqlite3* db() const { return db_; }

    // The columns of a table: the catalog's, then the run-time ones learned so far.
    const std::vector<CacheColumn>& columns(const catalog::Table& table);
    // Reads the run-time columns again (another connection may have learned some).
    void reload_columns(const catalog::Table& table);
    // Adds run-time columns (WVARCHAR) not yet known; remembered in the cache.
    void add_runtime_columns(const catalog::Table& table, const std::vector<std::string>& names);

    // The partition's id if it was loaded within the TTL.
    std::optional<std::int64_t> fresh_partition(const PartitionKey& key);
    // The partition's id, created if new; its rows are replaced by the caller
    // inside begin()/commit().
    std::int64_t partition_id(const PartitionKey& key);
    void mark_loaded(const catalog::Table& table, std::int64_t part);
    void drop_partitions(const std::string& source, const std::string& action);

    // The first rowid of a partition's rows; the loader numbers them upwards.
    static std::int64_t first_rowid(std::int64_t part) { return part << 32; }
    // The SQL condition selecting the rows of these partitions ("0" for none).
    static std::string partition_condition(const std::vector<std::int64_t>& parts);

    void begin();
    void commit();
    void rollback();

    // The SQLite table name of a catalog table.
    static std::string table_name(const catalog::Table& table);
    // The schema-qualified, quoted name to use in SQL ("main"."users").
    std::string sql_name(const catalog::Table& table) const;
    // Personnel files and salaries stay in memory unless CachePersonnelData=1.
    bool in_memory(const catalog::Table& table) const;

private:
    void exec(const std::string& sql);
    void ensure_table(const catalog::Table& table);
    std::set<std::string> stored_columns(const catalog::Table& table);
    void reset_if_other_format();

    std::string schema_of(bool in_memory) const { return in_memory ? "volatile" : "main"; }

    sqlite3* db_ = nullptr;
    long ttl_seconds_;
    bool on_disk_ = false;
    bool cache_personnel_ = false;
    std::map<std::string, std::vector<CacheColumn>> columns_;
};

using catalog::quote_identifier;

} // namespace tb::engine
