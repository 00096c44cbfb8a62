// Calls of the daily-limited actions (personnelfiles, salaries, the work time
// accounts), counted per token fingerprint, action and service day in the
// cache. Every connection and process sharing the cache file sees the same
// count, so the driver refuses locally instead of spending the last calls
// blindly.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"

struct sqlite3;

namespace tb::engine {

// The service's calendar day (Timebutler counts in German time,
// Europe/Berlin) and when the next one begins.
struct ServiceDay {
    std::string date;        // "2025-06-13"
    std::string next_midnight;  // "2025-06-14 00:00 Europe/Berlin"
    long seconds_left = 0;   // until that midnight
};
ServiceDay service_day(std::time_t now);

// Creates the counting table if it is missing.
void ensure_call_budget_table(sqlite3* db);

struct BudgetClaim {
    const catalog::Table* table = nullptr;
    std::string fingerprint;   // of server and the token the action uses
    int calls = 0;
};

// Counts the calls of every claim on a limited table, all or nothing: when
// one claim would pass its table's daily limit, nothing is counted and an
// Error (HY000) says how many calls are left and when the limit resets.
void reserve_calls(sqlite3* db, const std::vector<BudgetClaim>& claims, std::time_t now);

// The service answered MAX_REQUESTS_PER_DAY_LIMIT_EXCEEDED: no call is left
// today, whatever was counted (other clients share the limit).
void exhaust_calls(sqlite3* db, const catalog::Table& table, const std::string& fingerprint, std::time_t now);

// The message of a refused call (also used when the service refuses).
std::string limit_message(const catalog::Table& table, const ServiceDay& day);

} // namespace tb::engine
