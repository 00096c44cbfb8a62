#include "server.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <chrono>
#include <thread>

#include "actions.hpp"
#include "dataset.hpp"
#include "http_shared.hpp"
#include "text.hpp"

namespace sim {

const ActionSpec* find_action(const std::string& name) {
    static const std::map<std::string, ActionSpec> kActions = {
        {"users", {read_users, false}},
        {"absences", {read_absences, false}},
        {"worktime", {read_worktime, false}},
        {"projects", {read_projects, false}},
        {"services", {read_services, false}},
        {"holidaysets", {read_holidaysets, false}},
        {"workdays", {read_workdays, false}},
        {"holidayentitlement", {read_holidayentitlement, false}},
        {"holidays", {read_holidays, false}},
        {"personnelfiles", {read_personnelfiles, false}},
        {"salaries", {read_salaries, false}},
        {"worktimeaccountinperiod", {read_worktimeaccountinperiod, false}},
        {"worktimeaccountbalance", {read_worktimeaccountbalance, false}},
        {"projectsimport", {write_projectsimport, true}},
        {"timeimportbyevents", {write_timeimportbyevents, true}},
        {"useraccount", {write_useraccount, true}},
        {"managerassignment", {write_managerassignment, true}},
        {"setholidayentitlement", {write_setholidayentitlement, true}},
        {"setworkdays", {write_setworkdays, true}},
        {"timeclock", {run_timeclock, true}},
    };
    auto it = kActions.find(name);
    return it == kActions.end() ? nullptr : &it->second;
}

namespace {

constexpr const char* kCsvType = "text/csv;charset=UTF-8";
constexpr std::string_view kPrefix = "/api/v1/";

// What the request log needs to know about the request the current thread
// is serving. httplib calls the handler, the content provider and the
// logger on the same worker thread, one request after the other.
struct Exchange {
    const httplib::Request* req = nullptr;
    LogEntry entry;
    bool logged = false;  // already written (a dropped connection)
};
thread_local Exchange tl_exchange;

std::map<std::string, std::string> form_fields(const httplib::Request& req) {
    // Query string and urlencoded body land in req.params, multipart fields
    // in req.files. The first value of a repeated field wins.
    std::map<std::string, std::string> params;
    for (const auto& [k, v] : req.params) params.emplace(k, v);
    for (const auto& [k, part] : req.files)
        if (k != "csvdatafile") params.emplace(k, part.content);
    return params;
}

const std::string* upload_of(const httplib::Request& req) {
    auto it = req.files.find("csvdatafile");
    return it == req.files.end() ? nullptr : &it->second.content;
}

// "absences" for /api/v1/absences (one trailing slash tolerated), "" for
// /api/v1/, nullopt for any other path.
std::optional<std::string> action_of(const std::string& path) {
    if (path.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
    std::string rest = path.substr(kPrefix.size());
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    if (rest.find('/') != std::string::npos) return std::nullopt;
    return rest;
}

void reply(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    res.set_content(body, kCsvType);
    tl_exchange.entry.bytes = body.size();
}

// --fail-after-receive: shut the socket down under httplib's feet, so the
// client sees the connection end without any response byte.
void drop_connection(const httplib::Request& req) {
    int fd = -1;
    if (req.ssl) {
        fd = SSL_get_fd(req.ssl);
    } else {
        // Plain HTTP has no handle on the request; find the socket whose
        // peer is this request's client.
        for (int cand = 3; cand < 4096 && fd < 0; ++cand) {
            sockaddr_storage peer{}, local{};
            socklen_t pl = sizeof peer, ll = sizeof local;
            if (getpeername(cand, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) continue;
            if (getsockname(cand, reinterpret_cast<sockaddr*>(&local), &ll) != 0) continue;
            auto port_of = [](const sockaddr_storage& a) {
                if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
                if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
                return static_cast<uint16_t>(0);
            };
            if (port_of(peer) == req.remote_port && port_of(local) == req.local_port) fd = cand;
        }
    }
    if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

}  // namespace

Simulator::Simulator(const Config& cfg)
    : cfg_(cfg), state_(initial_state(cfg)), log_(cfg.request_log, cfg.token, cfg.personnel_token),
      transport_faults_(cfg.transport_fault) {
    if (!cfg.fixture_dir.empty()) fixture_.load(cfg.fixture_dir, fixture_error_);
    std::string ignored;  // parse_options checked every spec
    for (const auto& spec : cfg.faults) faults_.add(spec, ignored);
}

Date Simulator::today() const { return cfg_.today ? *cfg_.today : utc_today(); }

void Simulator::pause_for_latency() const {
    if (cfg_.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(cfg_.latency_ms));
}

bool Simulator::over_daily_limit(const std::string& token, const std::string& action, Date day) {
    std::lock_guard lock(limit_mutex_);
    return ++calls_[{token, action, day}] > cfg_.daily_limit;
}

void Simulator::install(httplib::Server& server) {
    server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) { on_post(req, res); });
    auto other = [this](const httplib::Request& req, httplib::Response& res) { on_other_method(req, res); };
    server.Get(".*", other);
    server.Put(".*", other);
    server.Patch(".*", other);
    server.Delete(".*", other);
    server.Options(".*", other);
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        tl_exchange = Exchange{};
        limit_compression(req, cfg_.gzip);
        // A POST without Content-Length or chunked body (curl -X POST with
        // no data) has an empty body; httplib would answer 400 for it.
        if (req.method == "POST" && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            on_post(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // httplib's own rejections (payload over the limit, malformed requests)
    // get a body in the service's content type like every other answer.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) return httplib::Server::HandlerResponse::Unhandled;
        const char* body = res.status == 413 ? "CSV_FILE_TOO_LARGE\n"
                           : res.status == 404 ? "NOT_FOUND\n"
                                               : "BAD_REQUEST\n";
        res.set_content(body, kCsvType);
        return httplib::Server::HandlerResponse::Handled;
    }));
    // The log line is written before the answer goes out, so a client that
    // has its answer can rely on the line being there (tests read the log
    // right after a query). The logger still catches httplib's own rejections.
    server.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        Exchange& ex = tl_exchange;
        // A streamed answer's size is known only after streaming: the logger writes it.
        if (ex.req != &req || ex.logged || res.content_provider_) return;
        ex.entry.status = res.status;
        ex.entry.bytes = res.body.size();
        log_.write(ex.entry);
        ex.logged = true;
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) { on_logged(req, res); });
    // Uploads at the limit plus multipart overhead still reach the handler,
    // which answers 413 by the csvdatafile size; far larger bodies are
    // refused by httplib without being read into memory.
    server.set_payload_max_length(cfg_.profile.upload_limit + 1024 * 1024);
    server.set_keep_alive_max_count(1000);
    // Headers and body go out in separate writes; without TCP_NODELAY
    // Nagle's algorithm meets the client's delayed ACK and adds ~40 ms.
    server.set_tcp_nodelay(true);
    const int threads = cfg_.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
}

void Simulator::on_logged(const httplib::Request& req, const httplib::Response& res) {
    Exchange& ex = tl_exchange;
    if (ex.req == &req && ex.logged) {
        ex.req = nullptr;
        return;
    }
    if (ex.req != &req) {
        // Rejected by httplib before a handler ran.
        ex.entry = LogEntry{};
        ex.entry.action = action_of(req.path).value_or(req.path);
        ex.entry.params = form_fields(req);
        ex.entry.bytes = res.body.size();
        if (const std::string* up = upload_of(req)) ex.entry.upload_bytes = up->size();
    }
    ex.entry.status = res.status;
    log_.write(ex.entry);
    ex.req = nullptr;
}

void Simulator::on_other_method(const httplib::Request& req, httplib::Response& res) {
    tl_exchange = Exchange{};
    tl_exchange.req = &req;
    tl_exchange.entry.action = action_of(req.path).value_or(req.path);
    tl_exchange.entry.params = form_fields(req);
    pause_for_latency();
    if (action_of(req.path)) {
        res.set_header("Allow", "POST");
        reply(res, 405, "METHOD_NOT_ALLOWED\n");
    } else {
        reply(res, 404, "NOT_FOUND\n");
    }
}

void Simulator::on_post(const httplib::Request& req, httplib::Response& res) {
    Exchange& ex = tl_exchange;
    ex = Exchange{};
    ex.req = &req;
    const auto params = form_fields(req);
    const std::string* upload = upload_of(req);
    const auto action = action_of(req.path);
    ex.entry.action = action.value_or(req.path);
    ex.entry.params = params;
    ex.entry.upload_bytes = upload ? upload->size() : 0;
    pause_for_latency();

    if (!action) return reply(res, 404, "NOT_FOUND\n");
    if (transport_faults_.due(*action))
        return transport_faults_.serve(req, res, [&](int status) {
            ex.entry.status = status;
            log_.write(ex.entry);
            ex.logged = true;
        });
    if (cfg_.fail_after_receive.count(*action)) {
        // The request has been read in full; nothing is applied or counted.
        ex.entry.status = 0;
        log_.write(ex.entry);
        ex.logged = true;
        drop_connection(req);
        return;
    }
    if (upload && upload->size() > cfg_.profile.upload_limit) return reply(res, 413, "CSV_FILE_TOO_LARGE\n");
    const ActionSpec* spec = cfg_.profile.actions.count(*action) ? find_action(*action) : nullptr;
    if (!spec) return reply(res, 400, "INVALID_ACTION\n");

    const auto auth = params.find("auth");
    const std::string& expected =
        cfg_.profile.two_tokens && is_personnel_action(*action) ? cfg_.personnel_token : cfg_.token;
    if (auth == params.end() || auth->second != expected) return reply(res, 401, "UNAUTHORIZED\n");

    const Date day = today();
    if (is_daily_limited(*action) && over_daily_limit(auth->second, *action, day))
        return reply(res, cfg_.limit_status, "MAX_REQUESTS_PER_DAY_LIMIT_EXCEEDED\n");

    const Call call{params, upload, day};
    // timeclock is a write action except for its status command, a read.
    const bool reads = !spec->writes || (*action == "timeclock" && lower_ascii(call.param("command")) == "status");
    const auto fault = reads ? faults_.take(*action) : std::nullopt;
    if (fault)
        if (auto junk = junk_body(*fault, req.body)) return reply(res, 200, *junk);
    std::optional<std::string> fixed;
    if (reads) fixed = fixture_.answer(*action, call);
    if (fixed && !fault) return reply(res, 200, *fixed);
    Reply r;
    if (fixed) {
        r.body = std::move(*fixed);
    } else {
        World world{cfg_, state_};
        if (spec->writes) {
            std::unique_lock lock(state_mutex_);
            r = spec->handler(world, call);
        } else {
            std::shared_lock lock(state_mutex_);
            r = spec->handler(world, call);
        }
    }
    if (fault) {
        // The whole answer, altered (a streamed one is collected first).
        if (r.stream) {
            std::string chunk;
            for (bool more = true; more;) {
                chunk.clear();
                more = r.stream(chunk);
                r.body += chunk;
            }
        }
        if (*fault == "content-type") {
            res.status = r.status;
            res.set_content(r.body, "text/html;charset=UTF-8");
            tl_exchange.entry.bytes = r.body.size();
            return;
        }
        return reply(res, r.status, alter_answer(*fault, std::move(r.body)));
    }
    if (!r.stream) return reply(res, r.status, r.body);
    res.status = r.status;
    ex.entry.bytes = 0;
    res.set_chunked_content_provider(kCsvType, [this, stream = std::move(r.stream)](size_t, httplib::DataSink& sink) {
        std::string chunk;
        const bool more = stream(chunk);
        tl_exchange.entry.bytes += chunk.size();
        if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
        if (!more) {
            // Logged before the final chunk, so the client never has its
            // whole answer before the log line exists.
            tl_exchange.entry.status = 200;
            log_.write(tl_exchange.entry);
            tl_exchange.logged = true;
            sink.done();
        }
        return true;
    });
}

}  // namespace sim
