// What a connection needs to know, already parsed from the connection string.
#pragma once

#include <string>

namespace tb::engine {

struct SessionConfig {
    std::string data_source;          // DSN name, "" for DSN-less (names the cache file)
    std::string server;               // "https://host[:port]"
    std::string token;                // general API token (never logged)
    std::string personnel_token;      // for personnelfiles and salaries
    std::string proxy;                // Proxy key ("" = platform default)
    std::string no_proxy;             // NoProxy key
    bool check_revocation = true;     // CheckRevocation key (Windows)
    std::string ca_file;              // extra trusted CA (the simulator's certificate)
    bool verify_tls = true;
    std::string cache = "file";       // "memory", "file" (one file per data source) or a path
    long cache_ttl_seconds = 300;
    bool cache_personnel_data = false;
    int max_concurrent_requests = 4;
    long connect_timeout_ms = 10000;
    long request_timeout_ms = 120000;
    int default_years = 1;            // years a table read without a year predicate covers
};

} // namespace tb::engine
