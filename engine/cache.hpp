// The SQLite cache: one table per catalog table (plus run-time columns), rows
// tagged with the partition (one API request) they came from. A partition is
// replaced in one transaction, so a reader never sees half of one.
//
// The rows of partition p have the rowids [p << 32, (p + 1) << 32): a
// partition is one contiguous rowid range, so it is selected and deleted
// without an index and loaded in append order (an index on the partition
// cost a tenth of every load).
//
// Several connections (and processes) share a cache file, and a result set
// left open holds a SQLite read snapshot on the handle it runs on. A handle
// with such a snapshot can neither see newer commits nor write after them
// (SQLITE_BUSY_SNAPSHOT), so a file cache keeps them apart: the primary
// handle does every write and bookkeeping read and never keeps a statement
// open, and queries run on reader handles, a free one each (see reader()).
#pragma once

#include <cstdint>
#include <functional>
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

    // The primary handle: loads, bookkeeping, schema. Never left with an
    // open statement, so it always sees the newest commit of the file.
    sqlite3* db() const { return db_; }
    // A handle for a query whose cursor may stay open: one without an open
    // statement, so the query's snapshot starts after every commit so far.
    // A memory cache has one handle (no other connection writes to it).
    sqlite3* reader();
    // Runs `setup` on the main handle and on every reader, now and as
    // readers are opened: SQL functions a statement may call (such as
    // LAST_INSERT_ID) must exist on whichever handle runs it.
    void on_every_handle(std::function<void(sqlite3*)> setup);

    // The columns of a table: the catalog's, then the run-time ones learned so far.
    const std::vector<CacheColumn>& columns(const catalog::Table& table);
    // Reads the run-time columns again (another connection may have learned some).
    void reload_columns(const catalog::Table& table);
    // Adds run-time columns (WVARCHAR) not yet known; remembered in the cache.
    void add_runtime_columns(const catalog::Table& table, const std::vector<std::string>& names);

    // The partition's id if it was loaded within the TTL.
    std::optional<std::int64_t> fresh_partition(const PartitionKey& key);
    // The partition's id, created if new; its rows are replaced by the caller
    // inside begin()/commit(). `generation` is generation(source, action)
    // read before the request was sent (-1: not checked).
    std::int64_t partition_id(const PartitionKey& key, std::int64_t generation = -1);
    // Marks the partition fresh, unless a write invalidated its action after
    // its request was sent (the answer may predate the write): then its rows
    // serve the statement that asked, and the next one asks again.
    void mark_loaded(const catalog::Table& table, std::int64_t part);
    // Inside the load's transaction, before its rows are replaced: whether
    // the answer may predate a write and another connection has loaded the
    // partition fresh since. Its rows are newer than the answer and stay;
    // replacing them would hand an old answer to a statement that began
    // after the write.
    bool superseded(const catalog::Table& table, std::int64_t part);
    // Marks every partition of the action stale in the file (and counts the
    // action's generation up). When that fails, the partitions are marked
    // stale in this connection only and a 01000 warning waits in
    // take_warnings(); returns false.
    bool drop_partitions(const std::string& source, const std::string& action);

    // Counts the invalidations of an action: a load compares it with the
    // value read before its request.
    std::int64_t generation(const std::string& source, const std::string& action);
    // Warnings of failed invalidations, for the write statement to report.
    std::vector<std::string> take_warnings();

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
    // One attempt of drop_partitions: throws when the transaction fails.
    void drop_partitions_once(const std::string& source, const std::string& action);
    void exec(const std::string& sql);
    sqlite3* open_handle(const std::string& path, int flags);
    bool stale_in_memory(const PartitionKey& key, std::int64_t loaded_at) const;
    void ensure_table(const catalog::Table& table);
    std::set<std::string> stored_columns(const catalog::Table& table);
    void reset_if_other_format();

    std::string schema_of(bool in_memory) const { return in_memory ? "volatile" : "main"; }

    sqlite3* db_ = nullptr;
    std::string path_;                    // the file; empty for a memory cache
    std::string volatile_uri_;            // the memory database every handle attaches
    std::vector<sqlite3*> readers_;
    std::vector<std::function<void(sqlite3*)>> handle_setups_;
    // A partition of the file or of the memory schema (each numbers its own).
    using PartSlot = std::pair<bool, std::int64_t>;
    std::map<PartSlot, std::int64_t> generation_wanted_;  // the generation before its request
    std::map<PartSlot, std::pair<std::string, std::string>> partition_keys_;  // (source, action)
    // (source, action) -> when its invalidation failed: partitions loaded
    // until then are stale for this connection.
    std::map<std::pair<std::string, std::string>, std::int64_t> stale_since_;
    std::vector<std::string> warnings_;
    long ttl_seconds_;
    long busy_timeout_ms_;
    bool on_disk_ = false;
    bool cache_personnel_ = false;
    std::map<std::string, std::vector<CacheColumn>> columns_;
};

using catalog::quote_identifier;

} // namespace tb::engine
