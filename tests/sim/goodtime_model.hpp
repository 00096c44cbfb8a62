// The GoodTime profile's account (--api goodtime): users, time types,
// projects, the projects of each user and the time entries, generated
// deterministically from --seed, plus the times in the two wire formats.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.hpp"

namespace sim::goodtime {

// Seconds since 1970-01-01 00:00 UTC. The service's wall clock is taken as
// UTC: an ISO time without a zone and the epoch-milliseconds form of the
// same entry name the same instant.
using Instant = int64_t;

// Generated time entries start in [kDataBegin, kDataEnd): 2025 and 2026.
Instant data_begin();
Instant data_end();

struct Entry {
    int64_t id = 0;
    int user = 0;  // index into State::users
    Instant start = 0, end = 0;
    int time_type = 0;
    int project = 0;  // 0: none (JSON null)
    std::optional<std::string> comment;
    bool locked = false;
    bool billable = false;
};

struct Named {
    int id;
    std::string name;
};

struct State {
    std::vector<std::string> users;               // login e-mails
    std::vector<Named> time_types;
    std::vector<Named> projects;
    std::vector<std::vector<int>> user_projects;  // project ids per user
    std::map<int64_t, Entry> entries;             // seeded and created (not the bulk ones)
    std::set<int64_t> deleted_bulk;               // bulk entries removed through the API
    int64_t next_id = 500001;                     // ids of created entries

    int user_index(std::string_view email) const;  // -1 when unknown (case-insensitive)
    const Named* time_type(int id) const;
    const Named* project(int id) const;
    bool user_has_project(int user, int project) const;
};

State initial_state(const Config& cfg);

// --bulk-entries N: the first user's entries are N generated ones spread
// evenly over 2025-2026 (ids 100000000 + i), made on demand.
constexpr int64_t kBulkIdBase = 100000000;
Entry bulk_entry(const Config& cfg, int64_t index);
// The index range [first, last) of bulk entries starting in [from, to].
std::pair<int64_t, int64_t> bulk_range(const Config& cfg, Instant from, Instant to);
// Entries starting before this instant are locked (a closed quarter).
Instant lock_boundary();

// A time as sent: ISO 8601 "2025-03-04T08:15:00" (string) or epoch ms (number).
void append_time(std::string& out, Instant t, bool epoch_ms);
// A time as received: yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm],
// or epoch milliseconds (digits, optionally negative). date_only is set
// for the first form, so an end bound can cover the whole day.
struct ParsedTime {
    Instant at = 0;
    bool date_only = false;
};
std::optional<ParsedTime> parse_time(std::string_view text);

// One entry as a JSON object (the locked property only with --locking).
void append_entry_json(std::string& out, const Config& cfg, const State& st, const Entry& e);

// --dump TABLE: the rows of a table of the driver's goodtime schema
// (timetypes, users, projects, user_projects, timeentries) as the
// simulator starts with them, for tests to compare with what the driver
// reads: one line per row, fields separated by a tab in the catalog's
// column order (run-time columns duration, billable last), NULL as \N,
// times as yyyy-mm-dd hh:mm:ss, booleans 1/0. False for an unknown table.
bool dump_table(const Config& cfg, const std::string& table, std::string& out);

}  // namespace sim::goodtime
