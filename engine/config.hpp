// What a connection needs to know, already parsed from the connection string.
#pragma once

#include <string>

namespace tb::engine {

struct SessionConfig {
    std::string data_source;          // DSN name, "" for DSN-less (names the cache file)
    std::string source = "timebutler";  // Source key: the catalog source (and schema) of the connection
    std::string server;               // "https://host[:port]"
    std::string token;                // general API token; GoodTime: the API password (never logged)
    std::string user;                 // GoodTime: the login email (UID)
    std::string personnel_token;      // for personnelfiles and salaries
    std::string proxy;                // Proxy key ("" = platform default)
    std::string no_proxy;             // NoProxy key
    bool check_revocation = true;     // CheckRevocation key (Windows)
    std::string ca_file;              // extra trusted CA (the simulator's certificate)
    bool verify_tls = true;
    std::string cache = "file";       // "memory", "file" (one file per data source) or a path
    long cache_ttl_seconds = 300;
    bool cache_personnel_data = false;
    // How long a cache write waits for another connection's write lock (a
    // large load in another process) before it fails.
    long cache_busy_timeout_ms = 10000;
    int max_concurrent_requests = 4;
    long connect_timeout_ms = 10000;  // TCP + TLS handshake, per attempt
    long request_timeout_ms = 120000; // one request: all its attempts and waits
    long stall_timeout_ms = 30000;    // an attempt ends when no byte arrived for this long
    long max_answer_mib = 256;        // decompressed size of one answer
    bool allow_insecure_localhost = false;  // http:// to 127.0.0.1 / localhost (tests)
    int default_years = 1;            // years a table read without a year predicate covers
    bool created_id_info = false;     // CreatedIdInfo=yes: each created id also as a 01000 record
};

} // namespace tb::engine
