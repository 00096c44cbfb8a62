// The connect-time token check, remembered in the cache per server and token
// fingerprint: a connection within CacheTTL of an accepted check (or of any
// answer that took the token) asks nothing, so tools that connect many times
// per refresh (Power BI, Excel, Tableau) spend no request on probes. With a
// file cache this holds across connections and processes.
#pragma once

#include <string>

struct sqlite3;

namespace tb::engine {

void ensure_token_checks_table(sqlite3* db);
// The server took this token (an answer other than 401) less than ttl_seconds ago.
bool token_accepted_recently(sqlite3* db, const std::string& source, long ttl_seconds);
void remember_token_accepted(sqlite3* db, const std::string& source);
// A 401: the next connection checks again.
void forget_token_accepted(sqlite3* db, const std::string& source);

} // namespace tb::engine
