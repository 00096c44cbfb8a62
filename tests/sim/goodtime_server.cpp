#include "goodtime_server.hpp"

#include <rapidjson/document.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "goodtime_resources.hpp"
#include "http_shared.hpp"
#include "json_text.hpp"
#include "text.hpp"

namespace sim::goodtime {

namespace {

constexpr std::string_view kBase = "/api/time-v2.1/";

// What the request log needs to know about the request this worker thread
// serves (httplib runs the handler, the content provider and the logger of
// one request on one thread, one request after the other).
struct Exchange {
    const httplib::Request* req = nullptr;
    LogEntry entry;
    bool logged = false;
};
thread_local Exchange tl_exchange;

// A resource of the reference: its method, the action name of the request
// log and whether it takes a path parameter (projects/{useremail},
// deletetimeentry/{id}).
struct Route {
    std::string method;
    std::string action;
    std::string path_param;  // the log's name for the path parameter; "" for none
    std::string value;       // the path parameter's value
};

// nullopt: no such resource (404). Method is checked by the caller.
std::optional<Route> route_of(const std::string& path) {
    if (path == "/api/login" || path == "/api/login/") return Route{"POST", "login", "", ""};
    if (path == "/api/hello/sayhello") return Route{"GET", "sayhello", "", ""};
    if (path == "/api/hello/securedSayhello") return Route{"GET", "securedSayhello", "", ""};
    if (path.compare(0, kBase.size(), kBase) != 0) return std::nullopt;
    std::string rest = path.substr(kBase.size());
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    const auto slash = rest.find('/');
    const std::string head = rest.substr(0, slash);
    const std::string tail = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (tail.find('/') != std::string::npos) return std::nullopt;
    if (slash == std::string::npos) {
        if (head == "timetypes" || head == "users" || head == "projects" || head == "timeentries")
            return Route{"GET", head, "", ""};
        if (head == "createtimeentry") return Route{"POST", head, "", ""};
        return std::nullopt;
    }
    if (tail.empty()) return std::nullopt;
    if (head == "projects") return Route{"GET", "projects/{useremail}", "useremail", tail};
    if (head == "deletetimeentry") return Route{"DELETE", "deletetimeentry", "id", tail};
    return std::nullopt;
}

// The query string's parameters only: httplib's req.params also holds the
// fields of a form-encoded body, and a JSON body sent as a form (curl -d)
// would land there whole, the password included.
httplib::Params query_of(const httplib::Request& req) {
    httplib::Params out;
    const auto q = req.target.find('?');
    if (q != std::string::npos) httplib::detail::parse_query_text(req.target.substr(q + 1), out);
    return out;
}

std::map<std::string, std::string> first_values(const httplib::Params& params) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : params) out.emplace(k, v);
    return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && lower_ascii(s.substr(0, prefix.size())) == lower_ascii(prefix);
}

}  // namespace

Simulator::Simulator(const Config& cfg)
    : cfg_(cfg), state_(goodtime::initial_state(cfg)),
      // A fixed secret: tokens stay checkable across the run, and the seed
      // changes them like the data.
      jwt_("goodtime-sim-secret-" + std::to_string(cfg.seed)),
      log_(cfg.request_log, cfg.goodtime.api_password, ""), transport_faults_(cfg.transport_fault) {
    std::string ignored;  // parse_options checked every spec
    for (const auto& spec : cfg.faults) faults_.add(spec, ignored);
    // A token the simulator issued never reaches the log, whatever field it was sent in.
    log_.set_secret_test([this](const std::string& v) { return v.size() > 20 && jwt_.verify(v).has_value(); });
}

void Simulator::install(httplib::Server& server) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Put(".*", handler);
    server.Patch(".*", handler);
    server.Delete(".*", handler);
    server.Options(".*", handler);
    server.set_pre_routing_handler([this, handler](const httplib::Request& req, httplib::Response& res) {
        tl_exchange = Exchange{};
        limit_compression(req, cfg_.gzip);
        // A POST without Content-Length or chunked body has an empty body;
        // httplib would answer 400 for it.
        if (req.method == "POST" && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            handler(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) return httplib::Server::HandlerResponse::Unhandled;
        const Answer a = error_answer(res.status, res.status == 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST",
                                      "the request was refused before it reached a resource");
        res.set_content(a.body, kJsonType);
        return httplib::Server::HandlerResponse::Handled;
    }));
    // The log line is written before the answer goes out, so a client that
    // has its answer can rely on the line being there.
    server.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        Exchange& ex = tl_exchange;
        if (ex.req != &req || ex.logged || res.content_provider_) return;
        ex.entry.status = res.status;
        ex.entry.bytes = res.body.size();
        log_.write(ex.entry);
        ex.logged = true;
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) { on_logged(req, res); });
    server.set_payload_max_length(16 * 1024 * 1024);
    server.set_keep_alive_max_count(1000);
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
    if (ex.req != &req) {  // rejected by httplib before a handler ran
        ex.entry = LogEntry{};
        ex.entry.method = req.method;
        ex.entry.path = req.path;
        const auto route = route_of(req.path);
        ex.entry.action = route ? route->action : req.path;
        ex.entry.params = first_values(query_of(req));
        ex.entry.bytes = res.body.size();
    }
    ex.entry.status = res.status;
    log_.write(ex.entry);
    ex.req = nullptr;
}

void Simulator::send(httplib::Response& res, Answer a) {
    res.status = a.status;
    if (a.status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"goodtime\"");
    if (!a.stream) {
        tl_exchange.entry.bytes = a.body.size();
        if (a.status == 204) return;  // no body, no Content-Type
        res.set_content(a.body, a.type);
        return;
    }
    tl_exchange.entry.bytes = 0;
    res.set_chunked_content_provider(a.type, [this, stream = std::move(a.stream)](size_t, httplib::DataSink& sink) {
        std::string chunk;
        const bool more = stream(chunk);
        tl_exchange.entry.bytes += chunk.size();
        if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
        if (!more) {
            // Logged before the final chunk: a client never has the whole
            // answer before its log line exists.
            tl_exchange.entry.status = 200;
            log_.write(tl_exchange.entry);
            tl_exchange.logged = true;
            sink.done();
        }
        return true;
    });
}

int Simulator::authenticate(const httplib::Request& req, Answer& refusal) {
    const std::string header = req.get_header_value("Authorization");
    if (!starts_with_ci(header, "Bearer ")) {
        refusal = error_answer(401, "UNAUTHORIZED", "an Authorization: Bearer header with the token of /api/login is required");
        return -1;
    }
    const std::string token(trim(std::string_view(header).substr(7)));
    const auto claims = jwt_.verify(token);
    if (!claims) {
        refusal = error_answer(401, "TOKEN_INVALID", "the token was not issued by this service");
        return -1;
    }
    if (claims->exp <= static_cast<int64_t>(std::time(nullptr))) {
        refusal = error_answer(401, "TOKEN_EXPIRED", "the token has expired; log in again");
        return -1;
    }
    if (cfg_.goodtime.token_uses > 0) {
        std::lock_guard lock(tokens_mutex_);
        if (++token_uses_[claims->jti] > cfg_.goodtime.token_uses) {
            refusal = error_answer(401, "TOKEN_EXPIRED", "the token has expired; log in again");
            return -1;
        }
    }
    const int user = state_.user_index(claims->sub);  // users are fixed: no lock needed
    if (user < 0) refusal = error_answer(401, "TOKEN_INVALID", "the token names no user");
    return user;
}

Answer Simulator::login(const httplib::Request& req) {
    rapidjson::Document doc;
    doc.Parse(req.body.c_str(), req.body.size());
    if (doc.HasParseError() || !doc.IsObject())
        return error_answer(400, "INVALID_JSON", "the body must be a JSON object {loginemail, apipassword}");
    const auto email = doc.FindMember("loginemail");
    const auto password = doc.FindMember("apipassword");
    if (email != doc.MemberEnd() && email->value.IsString()) tl_exchange.entry.params["loginemail"] = email->value.GetString();
    if (email == doc.MemberEnd() || !email->value.IsString() || password == doc.MemberEnd() || !password->value.IsString())
        return error_answer(400, "LOGIN_FIELDS_MISSING", "loginemail and apipassword are required strings");
    const int user = state_.user_index(email->value.GetString());
    const std::string given(password->value.GetString(), password->value.GetStringLength());
    // One answer for an unknown e-mail and a wrong password: nothing to probe.
    if (user < 0 || given != cfg_.goodtime.api_password)
        return error_answer(401, "LOGIN_FAILED", "the login e-mail or the API password is wrong");
    JwtClaims claims;
    claims.sub = state_.users[static_cast<size_t>(user)];
    claims.iat = static_cast<int64_t>(std::time(nullptr));
    claims.exp = claims.iat + cfg_.goodtime.jwt_lifetime_s;
    {
        std::lock_guard lock(tokens_mutex_);
        claims.jti = next_jti_++;
    }
    const std::string token = jwt_.issue(claims);
    Answer a;
    if (cfg_.goodtime.login_answer == "object") {
        a.body = "{\"token\":\"" + token + "\"}";
    } else if (cfg_.goodtime.login_answer == "json-string") {
        a.body = "\"" + token + "\"";
    } else {
        a.body = token;
        a.type = kTextType;
    }
    return a;
}

void Simulator::dispatch(const httplib::Request& req, httplib::Response& res) {
    Exchange& ex = tl_exchange;
    ex = Exchange{};
    ex.req = &req;
    ex.entry.method = req.method;
    ex.entry.path = req.path;
    const httplib::Params query = query_of(req);
    ex.entry.params = first_values(query);
    const auto route = route_of(req.path);
    ex.entry.action = route ? route->action : req.path;
    if (route && !route->path_param.empty()) ex.entry.params[route->path_param] = route->value;
    if (cfg_.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(cfg_.latency_ms));

    if (!route) return send(res, error_answer(404, "NOT_FOUND", "no resource at " + req.path));
    if (req.method != route->method) {
        res.set_header("Allow", route->method);
        return send(res, error_answer(405, "METHOD_NOT_ALLOWED", route->action + " takes " + route->method));
    }
    if (transport_faults_.due(route->action))
        return transport_faults_.serve(req, res, [&](int status) {
            ex.entry.status = status;
            log_.write(ex.entry);
            ex.logged = true;
        });
    if (route->action == "login") return send(res, login(req));
    if (route->action == "sayhello") return send(res, Answer{200, "hello", kTextType, {}});

    Answer refusal;
    const int user = authenticate(req, refusal);
    if (user < 0) return send(res, refusal);
    if (route->action == "securedSayhello") return send(res, Answer{200, "hello " + state_.users[size_t(user)], kTextType, {}});

    const Request call{cfg_, query, route->value, req.body};
    if (route->action == "createtimeentry") {
        std::unique_lock lock(state_mutex_);
        return send(res, post_createtimeentry(state_, call, ex.entry.params));
    }
    if (route->action == "deletetimeentry") {
        std::unique_lock lock(state_mutex_);
        return send(res, delete_timeentry(state_, call));
    }
    const auto fault = faults_.take(route->action);
    if (fault)
        if (auto junk = junk_body(*fault, req.body)) return send(res, Answer{200, *junk, kJsonType, {}});
    Answer a;
    {
        std::shared_lock lock(state_mutex_);
        if (route->action == "timetypes") a = get_timetypes(state_, call);
        else if (route->action == "users") a = get_users(state_, call);
        else if (route->action == "projects") a = get_projects(state_, call);
        else if (route->action == "projects/{useremail}") a = get_user_projects(state_, call);
        else a = get_timeentries(state_, call);
    }
    if (fault && a.status == 200 && (*fault == "content-type" || is_json_fault(*fault))) {
        // The whole answer, altered (a streamed one is collected first).
        if (a.stream) {
            std::string chunk;
            for (bool more = true; more;) {
                chunk.clear();
                more = a.stream(chunk);
                a.body += chunk;
            }
            a.stream = nullptr;
        }
        if (*fault == "content-type") a.type = "text/html;charset=UTF-8";
        else a.body = alter_json_answer(*fault, std::move(a.body));
    }
    send(res, std::move(a));
}

}  // namespace sim::goodtime
