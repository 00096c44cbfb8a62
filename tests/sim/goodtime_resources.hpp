// The resources of the GoodTime REST API v2.1 (--api goodtime), one handler
// each. goodtime_server.cpp routes, authenticates, logs and locks; the
// handlers apply the resource's own rules.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "goodtime_model.hpp"

namespace sim::goodtime {

constexpr const char* kJsonType = "application/json;charset=UTF-8";
constexpr const char* kTextType = "text/plain;charset=UTF-8";

struct Answer {
    int status = 200;
    std::string body;
    const char* type = kJsonType;
    // Set instead of body for answers too large to build in memory (the
    // bulk user): fills the next piece and returns false after the last.
    std::function<bool(std::string&)> stream;
};

struct Request {
    const Config& cfg;
    const std::multimap<std::string, std::string>& query;
    const std::string& path_param;  // {useremail} or {id}; "" for resources without one
    const std::string& body;
    std::string query_param(const std::string& name) const {
        const auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
    }
    bool has_query(const std::string& name) const { return query.count(name) > 0; }
};

// {"error":"CODE","message":"..."} with this status.
Answer error_answer(int status, const std::string& code, const std::string& message);

Answer get_timetypes(const State& st, const Request& r);
Answer get_users(const State& st, const Request& r);
Answer get_projects(const State& st, const Request& r);
Answer get_user_projects(const State& st, const Request& r);
Answer get_timeentries(const State& st, const Request& r);
// Writes: `log` receives the body's fields for the request log.
Answer post_createtimeentry(State& st, const Request& r, std::map<std::string, std::string>& log);
Answer delete_timeentry(State& st, const Request& r);

// --fault KIND:ACTION of the JSON kinds (goodtime_faults.cpp): the real
// answer of a GET resource made wrong in a way the driver must notice:
//   truncated   the body cut in the middle (no closing bracket)
//   not-array   200 with {"error":"INTERNAL_ERROR",...} instead of the array
//   wrong-type  the first element's id a string of letters
//   bad-time    the first element's starttime not a time (timeentries only)
bool is_json_fault(const std::string& kind);
std::string alter_json_answer(const std::string& kind, std::string body);

}  // namespace sim::goodtime
