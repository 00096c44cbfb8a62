#include "goodtime_resources.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "json_text.hpp"
#include "text.hpp"

namespace sim::goodtime {

namespace {

constexpr size_t kCommentLimit = 1000;  // the simulator's choice; the reference names none

Answer named_list(const std::vector<Named>& items, const std::vector<int>* only = nullptr) {
    Answer a;
    a.body = "[";
    bool first = true;
    for (const auto& n : items) {
        if (only && std::find(only->begin(), only->end(), n.id) == only->end()) continue;
        if (!first) a.body += ',';
        first = false;
        a.body += "{\"id\":" + std::to_string(n.id) + ",\"name\":";
        append_json_string(a.body, n.name);
        a.body += '}';
    }
    a.body += "]";
    return a;
}

// start/end of timeentries: the instant range [from, to] of entry starts;
// a date-only end covers its whole day.
struct Period {
    Instant from = 0, to = 0;
};

std::optional<Period> period_of(const Request& r, Answer& error) {
    const std::string start = r.query_param("start"), end = r.query_param("end");
    if (!r.has_query("start") || !r.has_query("end")) {
        error = error_answer(400, "PERIOD_MISSING", "timeentries needs the query parameters start and end");
        return std::nullopt;
    }
    const auto from = parse_time(start);
    if (!from) {
        error = error_answer(400, "START_INVALID", "start is not a date, an ISO 8601 time or epoch milliseconds: " + start);
        return std::nullopt;
    }
    const auto to = parse_time(end);
    if (!to) {
        error = error_answer(400, "END_INVALID", "end is not a date, an ISO 8601 time or epoch milliseconds: " + end);
        return std::nullopt;
    }
    Period p{from->at, to->date_only ? to->at + 86399 : to->at};
    if (p.to < p.from) {
        error = error_answer(400, "END_BEFORE_START", "end lies before start");
        return std::nullopt;
    }
    return p;
}

// A JSON number or a string of digits, as a positive id.
std::optional<int64_t> id_value(const rapidjson::Value& v) {
    if (v.IsInt64()) return v.GetInt64() > 0 ? std::optional<int64_t>(v.GetInt64()) : std::nullopt;
    if (v.IsString()) {
        const auto n = parse_uint(v.GetString(), 12);
        if (n && *n > 0) return n;
    }
    return std::nullopt;
}

std::optional<ParsedTime> time_value(const rapidjson::Value& v) {
    if (v.IsInt64()) return ParsedTime{v.GetInt64() / 1000, false};
    if (v.IsString()) return parse_time(v.GetString());
    return std::nullopt;
}

// The request-log form of a body field: strings as they are, the rest as JSON text.
std::string log_value(const rapidjson::Value& v) {
    if (v.IsString()) return v.GetString();
    if (v.IsNull()) return "null";
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    if (v.IsNumber()) return std::to_string(v.GetDouble());
    return v.IsArray() ? "[...]" : "{...}";
}

}  // namespace

Answer error_answer(int status, const std::string& code, const std::string& message) {
    Answer a;
    a.status = status;
    a.body = "{\"error\":";
    append_json_string(a.body, code);
    a.body += ",\"message\":";
    append_json_string(a.body, message);
    a.body += "}";
    return a;
}

Answer get_timetypes(const State& st, const Request&) { return named_list(st.time_types); }

Answer get_projects(const State& st, const Request&) { return named_list(st.projects); }

Answer get_users(const State& st, const Request&) {
    Answer a;
    a.body = "[";
    for (size_t i = 0; i < st.users.size(); ++i) {
        if (i) a.body += ',';
        a.body += "{\"loginemail\":";
        append_json_string(a.body, st.users[i]);
        a.body += '}';
    }
    a.body += "]";
    return a;
}

Answer get_user_projects(const State& st, const Request& r) {
    const int u = st.user_index(r.path_param);
    if (u < 0) return error_answer(404, "USER_UNKNOWN", "no user with the login e-mail " + r.path_param);
    return named_list(st.projects, &st.user_projects[static_cast<size_t>(u)]);
}

Answer get_timeentries(const State& st, const Request& r) {
    if (!r.has_query("useremail")) return error_answer(400, "USEREMAIL_MISSING", "timeentries needs the query parameter useremail");
    const std::string email = r.query_param("useremail");
    const int u = st.user_index(email);
    if (u < 0) return error_answer(404, "USER_UNKNOWN", "no user with the login e-mail " + email);
    Answer error;
    const auto period = period_of(r, error);
    if (!period) return error;

    std::vector<const Entry*> stored;
    for (const auto& [id, e] : st.entries)
        if (e.user == u && e.start >= period->from && e.start <= period->to) stored.push_back(&e);
    std::stable_sort(stored.begin(), stored.end(), [](const Entry* a, const Entry* b) { return a->start < b->start; });

    const bool bulk = u == 0 && r.cfg.goodtime.bulk_entries > 0;
    if (!bulk) {
        Answer a;
        a.body = "[";
        for (size_t i = 0; i < stored.size(); ++i) {
            if (i) a.body += ',';
            append_entry_json(a.body, r.cfg, st, *stored[i]);
        }
        a.body += "]";
        return a;
    }
    // The bulk user: generated entries streamed in pieces, then the ones
    // created through the API. What the stream needs is copied now: it
    // runs after the state lock is released.
    struct Cursor {
        const Config* cfg;
        const State* st;  // only users[] is read: fixed after start
        int64_t next, last;
        std::set<int64_t> deleted;
        std::vector<Entry> created;
        bool opened = false, created_done = false;
    };
    auto c = std::make_shared<Cursor>();
    c->cfg = &r.cfg;
    c->st = &st;
    std::tie(c->next, c->last) = bulk_range(r.cfg, period->from, period->to);
    c->deleted = st.deleted_bulk;
    for (const Entry* e : stored) c->created.push_back(*e);
    Answer a;
    a.stream = [c](std::string& out) {
        bool first = !c->opened;
        if (!c->opened) {
            out += '[';
            c->opened = true;
        }
        for (int n = 0; n < 2000 && c->next < c->last; ++n, ++c->next) {
            if (c->deleted.count(kBulkIdBase + c->next)) continue;
            if (!first) out += ',';
            first = false;
            append_entry_json(out, *c->cfg, *c->st, bulk_entry(*c->cfg, c->next));
        }
        if (c->next < c->last) return true;
        for (const Entry& e : c->created) {
            if (!first) out += ',';
            first = false;
            append_entry_json(out, *c->cfg, *c->st, e);
        }
        c->created.clear();
        out += ']';
        return false;
    };
    return a;
}

Answer post_createtimeentry(State& st, const Request& r, std::map<std::string, std::string>& log) {
    rapidjson::Document doc;
    doc.Parse(r.body.c_str(), r.body.size());
    if (doc.HasParseError() || !doc.IsObject())
        return error_answer(400, "INVALID_JSON", "the body must be a JSON object {starttime, endtime, useremail, timetypeid, projectid, comment}");
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) log[it->name.GetString()] = log_value(it->value);
    auto field = [&](const char* name) -> const rapidjson::Value* {
        const auto it = doc.FindMember(name);
        return it == doc.MemberEnd() ? nullptr : &it->value;
    };
    const rapidjson::Value* email = field("useremail");
    const int u = email && email->IsString() ? st.user_index(email->GetString()) : -1;
    if (u < 0) return error_answer(400, "USEREMAIL_INVALID", "useremail is missing or names no user");
    const rapidjson::Value* sv = field("starttime");
    const auto start = sv ? time_value(*sv) : std::nullopt;
    if (!start || start->date_only) return error_answer(400, "STARTTIME_INVALID", "starttime is missing or not an ISO 8601 time or epoch milliseconds");
    const rapidjson::Value* ev = field("endtime");
    const auto end = ev ? time_value(*ev) : std::nullopt;
    if (!end || end->date_only) return error_answer(400, "ENDTIME_INVALID", "endtime is missing or not an ISO 8601 time or epoch milliseconds");
    if (end->at <= start->at) return error_answer(400, "ENDTIME_BEFORE_STARTTIME", "endtime must lie after starttime");
    const rapidjson::Value* tv = field("timetypeid");
    const auto tt = tv ? id_value(*tv) : std::nullopt;
    if (!tt || !st.time_type(static_cast<int>(*tt))) return error_answer(400, "TIMETYPEID_INVALID", "timetypeid is missing or names no time type");
    // The reference marks only comment as optional: projectid is required
    // (entries without a project exist in the data, made in the web UI).
    const rapidjson::Value* pv = field("projectid");
    if (!pv || pv->IsNull()) return error_answer(400, "PROJECTID_MISSING", "projectid is required");
    const auto p = id_value(*pv);
    if (!p || !st.project(static_cast<int>(*p))) return error_answer(400, "PROJECTID_INVALID", "projectid names no project");
    if (!st.user_has_project(u, static_cast<int>(*p)))
        return error_answer(400, "PROJECT_NOT_ASSIGNED", "the project is not assigned to the user");
    const int project = static_cast<int>(*p);
    std::optional<std::string> comment;
    if (const rapidjson::Value* cv = field("comment"); cv && !cv->IsNull()) {
        if (!cv->IsString()) return error_answer(400, "COMMENT_INVALID", "comment must be a string");
        const std::string_view text(cv->GetString(), cv->GetStringLength());
        if (!valid_utf8(text) || utf8_length(text) > kCommentLimit || text.find('\0') != std::string_view::npos)
            return error_answer(400, "COMMENT_INVALID", "comment must be UTF-8 of at most 1000 characters");
        comment = std::string(text);
    }
    Entry e;
    e.id = st.next_id++;
    e.user = u;
    e.start = start->at;
    e.end = end->at;
    e.time_type = static_cast<int>(*tt);
    e.project = project;
    e.comment = comment;
    e.locked = false;  // a new entry is open, whatever its date
    e.billable = project != 0 && project != 205;
    st.entries.emplace(e.id, e);
    Answer a;
    a.body = "[{\"id\":" + std::to_string(e.id) + "}]";
    return a;
}

Answer delete_timeentry(State& st, const Request& r) {
    const auto id = parse_uint(r.path_param, 12);
    if (!id) return error_answer(404, "TIME_ENTRY_UNKNOWN", "no time entry with the id " + r.path_param);
    const bool locking = r.cfg.goodtime.locking;
    if (const auto it = st.entries.find(*id); it != st.entries.end()) {
        if (locking && it->second.locked)
            return error_answer(403, "TIME_ENTRY_LOCKED", "the time entry " + r.path_param + " is locked");
        st.entries.erase(it);
    } else if (const int64_t n = r.cfg.goodtime.bulk_entries;
               n > 0 && *id >= kBulkIdBase && *id < kBulkIdBase + n && !st.deleted_bulk.count(*id)) {
        if (locking && bulk_entry(r.cfg, *id - kBulkIdBase).locked)
            return error_answer(403, "TIME_ENTRY_LOCKED", "the time entry " + r.path_param + " is locked");
        st.deleted_bulk.insert(*id);
    } else {
        return error_answer(404, "TIME_ENTRY_UNKNOWN", "no time entry with the id " + r.path_param);
    }
    Answer a;
    a.status = 204;  // "None": a JAX-RS void method answers 204 No Content
    a.type = kTextType;
    return a;
}

}  // namespace sim::goodtime
