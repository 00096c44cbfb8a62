// The simulator's configuration, the mutable account state and the
// interface between the HTTP layer and the action handlers.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "civil.hpp"
#include "transport_faults.hpp"

namespace sim {

// Which edition of the v1 reference an instance follows (see README.md).
struct Profile {
    std::string name;
    std::set<std::string> actions;
    bool two_tokens = true;
    size_t upload_limit = 9216000;
    // Header drift between instances, as api-notes.md reports it.
    bool employee_number_column = true;  // absences and worktime
    bool auto_stopped_column = true;     // worktime
    bool further_vacation_column = true; // holidayentitlement
    std::string expired_vacation_header = "Expired vacation";
    std::string manager_header;
};

std::optional<Profile> make_profile(const std::string& name);
bool is_personnel_action(const std::string& action);
bool is_daily_limited(const std::string& action);

// The GoodTime REST API v2.1 profile (--api goodtime, goodtime_*.cpp).
struct GoodTimeOptions {
    std::string api_password = "demo-password";  // the account's API password (all users)
    int jwt_lifetime_s = 3600;        // exp = iat + this
    int token_uses = 0;               // >0: a token is refused (401) after this many authenticated requests
    bool epoch_ms = false;            // times as epoch milliseconds instead of ISO 8601
    std::string login_answer = "raw"; // raw | json-string | object: how the JWT is sent back
    bool locking = true;              // false: the "Lockable time entries" feature is off (no locked property)
    int64_t bulk_entries = 0;         // >0: the first user has exactly this many generated entries
    std::string dump;                 // --dump TABLE: print the table's rows and exit
};

struct Config {
    std::string api = "timebutler";  // timebutler | goodtime
    GoodTimeOptions goodtime;
    std::string host = "127.0.0.1";
    int port = 0;
    std::string cert, key;
    bool plain_http = false;
    std::string token = "demo-token";
    std::string personnel_token = "demo-personnel-token";
    Profile profile;
    int users = 25;
    int first_year = 2023;
    int last_year = 2025;
    uint64_t seed = 1;
    int latency_ms = 0;
    std::string request_log;
    std::optional<Date> today;  // unset: the real UTC date at each request
    std::set<std::string> fail_after_receive;
    int worktime_per_user_month = 0;  // 0: one entry per user and weekday
    int threads = 16;
    int daily_limit = 12;
    int limit_status = 200;
    bool gzip = true;  // answer Accept-Encoding: gzip (brotli is never offered)
    std::string fixture_dir;  // --fixture: read actions answered from DIR/<action>.csv
    std::vector<std::string> faults;  // --fault KIND:ACTION[:COUNT] (faults.hpp)
    TransportFault transport_fault;   // --fault MODE and its companions (transport_faults.hpp)

    bool data_year(int y) const { return y >= first_year && y <= last_year; }
};

struct User {
    int id = 0;
    std::string first_name, last_name, title, email, employee_number;
    std::string phone, mobile_phone, cost_center, branch_office, department;
    std::string user_type, language, gender, additional_info;
    std::vector<int> managers;
    bool locked = false;
    Date date_of_entry = kNoDate, date_of_separation = kNoDate, date_of_birth = kNoDate;
};

// One row of `workdays`: the planned minutes Monday..Sunday from a date on.
struct Period {
    Date valid_from = kNoDate;  // kNoDate: from the beginning
    std::array<int, 7> minutes{};
    int holiday_set = 0;
};

struct Project {
    int id = 0;
    std::string name;
    bool active = true;
    std::optional<int64_t> budget_hours;
    bool service_required = false;
    std::string comment;
    Date created = kNoDate;
};

struct Service {
    int id;
    std::string name;
    bool active;
    bool billable;
    std::string comment;
    Date created;
};

struct HolidaySet {
    int id;
    std::string name;
};

struct WorkEntry {
    int64_t id = 0;
    int user = 0;
    Date date = 0;
    int start = 0;     // minute of the day
    int duration = 0;  // minutes from start to end, pauses included
    int work_s = 0;
    int pause_s = 0;
    std::string state = "Done";
    int project = 0;
    int service = 0;
    std::string comment;
    bool auto_stopped = false;

    int64_t abs_start() const { return int64_t{date} * 1440 + start; }
    int64_t abs_end() const { return abs_start() + duration; }
    int end_of_day() const { return (start + duration) % 1440; }
};

// holidayentitlement values in hundredths of a day, in column order.
enum EntitlementField {
    kContingent, kRemaining, kExtra, kSeverely, kExpired, kPaidOut, kFurther, kFiveDay, kEntitlementFields
};
using Entitlement = std::array<int64_t, kEntitlementFields>;

struct Clock {
    enum class Status { Idle, Running, Paused } status = Status::Idle;
    int64_t start_ms = 0;
    int64_t pause_start_ms = 0;
    int64_t paused_ms = 0;
    bool business_trip = false;
};

struct State {
    std::map<int, User> users;
    std::map<int, std::vector<Period>> workdays;
    std::map<int, Project> projects;
    std::vector<Service> services;
    std::vector<HolidaySet> holiday_sets;
    std::map<std::pair<int, int>, Entitlement> entitlement_overrides;  // (user, year)
    std::map<std::pair<int, int>, std::vector<WorkEntry>> added_worktime;  // (year, month)
    std::map<int, int> added_project_refs;  // project id -> entries written through the API
    std::map<int, Clock> clocks;
    int64_t next_worktime_id = 1;
    int next_user_id = 1;
    int next_project_id = 1;
};

// What a handler sees of one request.
struct Call {
    const std::map<std::string, std::string>& params;
    const std::string* upload;  // the csvdatafile part, if any
    Date today;

    std::string param(const std::string& name) const {
        auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
    }
    bool has(const std::string& name) const { return params.count(name) > 0; }
};

struct Reply {
    int status = 200;
    std::string body;
    // Set instead of body for responses too large to build in memory: fills
    // the next piece of the body and returns false after the last one.
    std::function<bool(std::string&)> stream;
};

struct World {
    const Config& cfg;
    State& state;
};

using Handler = Reply (*)(World& world, const Call& call);

}  // namespace sim
