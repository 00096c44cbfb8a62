// timebutler-sim: an HTTPS server imitating the Timebutler API v1 (or, with
// --api goodtime, the GoodTime REST API v2.1) for the
// integration tests, the benchmarks and the demo. See README.md.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "transport_faults.hpp"
#include "options.hpp"
#include "goodtime_server.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
    sim::Config cfg;
    std::string error;
    bool help = false;
    if (!sim::parse_options(argc, argv, cfg, error, help)) {
        std::fprintf(stderr, "timebutler-sim: %s\n%s", error.c_str(), sim::usage_text());
        return 2;
    }
    if (help) {
        std::fputs(sim::usage_text(), stdout);
        return 0;
    }
    if (!cfg.goodtime.dump.empty()) {
        std::string rows;
        if (!sim::goodtime::dump_table(cfg, cfg.goodtime.dump, rows)) {
            std::fprintf(stderr, "timebutler-sim: --dump: no goodtime table %s\n", cfg.goodtime.dump.c_str());
            return 2;
        }
        std::fwrite(rows.data(), 1, rows.size(), stdout);
        return 0;
    }

    // A client that hangs up mid-response must not kill the simulator, and
    // --fail-after-receive writes into sockets it has shut down itself.
    signal(SIGPIPE, SIG_IGN);
    // SIGINT/SIGTERM are taken by one thread that stops the server cleanly;
    // blocking them first makes every later thread inherit the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::unique_ptr<httplib::Server> server;
    if (cfg.plain_http)
        server = std::make_unique<httplib::Server>();
    else
        server = std::make_unique<httplib::SSLServer>(cfg.cert.c_str(), cfg.key.c_str());
    if (!server->is_valid()) {
        std::fprintf(stderr, "timebutler-sim: cannot use certificate %s with key %s\n", cfg.cert.c_str(),
                     cfg.key.c_str());
        return 1;
    }
    // One of the two services, by --api; either outlives the server's threads.
    std::unique_ptr<sim::Simulator> timebutler;
    std::unique_ptr<sim::goodtime::Simulator> goodtime;
    bool log_ok = true;
    if (cfg.api == "goodtime") {
        goodtime = std::make_unique<sim::goodtime::Simulator>(cfg);
        log_ok = goodtime->ok();
    } else {
        timebutler = std::make_unique<sim::Simulator>(cfg);
        log_ok = timebutler->ok();
    }
    if (!log_ok) {
        std::fprintf(stderr, "timebutler-sim: cannot open request log %s\n", cfg.request_log.c_str());
        return 1;
    }
    if (timebutler && !timebutler->fixture_error().empty()) {
        std::fprintf(stderr, "timebutler-sim: %s\n", timebutler->fixture_error().c_str());
        return 1;
    }
    if (goodtime) goodtime->install(*server);
    else timebutler->install(*server);

    int port = cfg.port;
    if (port == 0) {
        port = server->bind_to_any_port(cfg.host);
    } else if (!server->bind_to_port(cfg.host, port)) {
        port = -1;
    }
    if (port <= 0) {
        std::fprintf(stderr, "timebutler-sim: cannot listen on %s:%d\n", cfg.host.c_str(), cfg.port);
        return 1;
    }
    // Tests read the port from the first stdout line, so it goes out before
    // anything else and before the first request can be served.
    std::printf("%d\n", port);
    std::fflush(stdout);
    if (goodtime)
        std::fprintf(stderr, "timebutler-sim: %s://%s:%d/api/time-v2.1/ GoodTime, times %s, %lld bulk entries\n",
                     cfg.plain_http ? "http" : "https", cfg.host.c_str(), port,
                     cfg.goodtime.epoch_ms ? "epoch-ms" : "iso", static_cast<long long>(cfg.goodtime.bulk_entries));
    else
        std::fprintf(stderr, "timebutler-sim: %s://%s:%d/api/v1/ profile %s, %d users, years %d-%d\n",
                     cfg.plain_http ? "http" : "https", cfg.host.c_str(), port, cfg.profile.name.c_str(), cfg.users,
                     cfg.first_year, cfg.last_year);

    std::thread stopper([&server, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        sim::stopping() = true;  // injected stalls end, so the workers can be joined
        server->stop();
    });
    server->listen_after_bind();
    // Joined, not detached: the server must outlive the stopper's stop().
    // listen ends after that stop(), or on an error: then the stopper is
    // woken with the signal it waits for.
    if (!sim::stopping()) pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return 0;
}
