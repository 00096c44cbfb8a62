// Actions the instance is known to lack (HTTP 400 for an unknown action code),
// remembered in the cache per server and token: SQLTables hides their tables
// and a query fails at once, without a request, within CacheTTL.
#pragma once

#include <set>
#include <string>

struct sqlite3;

namespace tb::engine {

void ensure_missing_actions_table(sqlite3* db);
void remember_missing_action(sqlite3* db, const std::string& source, const std::string& action);
// A successful answer: the instance offers the action after all.
void forget_missing_action(sqlite3* db, const std::string& source, const std::string& action);
// Noticed less than ttl_seconds ago (a query trusts the note only that long).
bool missing_action_is_fresh(sqlite3* db, const std::string& source, const std::string& action, long ttl_seconds);
// Every action noticed missing, however long ago (SQLTables hides them until
// a request succeeds).
std::set<std::string> missing_actions(sqlite3* db, const std::string& source);

} // namespace tb::engine
