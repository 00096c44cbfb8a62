#include "transport_faults.hpp"

#include <zlib.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

namespace sim {

namespace {

constexpr const char* kCsvType = "text/csv;charset=UTF-8";

// Sleeps up to `ms`, waking early when the simulator stops.
void nap(long ms) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stopping().load() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::string retry_after_value(const std::string& spec) {
    if (spec.empty() || spec[0] != '+') return spec;
    const std::time_t when = std::time(nullptr) + std::stol(spec.substr(1));
    std::tm tm{};
    gmtime_r(&when, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return text;
}

// httplib would gzip a text answer once more; the fault answers are sent as built.
void no_compression(const httplib::Request& req) {
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
}

// A gzip stream of `mib` MiB of CSV rows, built once (the flag is fixed for
// the simulator's life): deflate compresses the repeated rows about 1000:1.
const std::string& gzip_bomb(int mib) {
    static std::once_flag once;
    static std::string out;
    std::call_once(once, [mib] {
        z_stream z{};
        deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);  // +16: gzip wrapper
        std::string block = "Holiday set ID;Name\n";
        while (block.size() < (1u << 20)) block += "1;bomb\n";
        block.resize(1u << 20);
        char buffer[1 << 16];
        for (int i = 0; i <= mib; ++i) {
            const bool last = i == mib;
            z.next_in = reinterpret_cast<Bytef*>(block.data());
            z.avail_in = last ? 0 : static_cast<uInt>(block.size());
            do {
                z.next_out = reinterpret_cast<Bytef*>(buffer);
                z.avail_out = sizeof buffer;
                deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
                out.append(buffer, sizeof buffer - z.avail_out);
            } while (z.avail_out == 0);
        }
        deflateEnd(&z);
    });
    return out;
}

}  // namespace

std::atomic<bool>& stopping() {
    static std::atomic<bool> flag{false};
    return flag;
}

bool parse_fault_mode(const std::string& name, FaultMode& mode) {
    static const std::pair<const char*, FaultMode> names[] = {
        {"stall", FaultMode::Stall},     {"stall-body", FaultMode::StallBody}, {"drip", FaultMode::Drip},
        {"status", FaultMode::Status},   {"gzip-bomb", FaultMode::GzipBomb},   {"cut-chunked", FaultMode::CutChunked},
    };
    for (const auto& [n, m] : names)
        if (name == n) {
            mode = m;
            return true;
        }
    return false;
}

bool TransportFaults::due(const std::string& action) {
    if (fault_.mode == FaultMode::None) return false;
    if (!fault_.actions.empty() && !fault_.actions.count(action)) return false;
    return fault_.count == 0 || served_.fetch_add(1) < fault_.count;
}

void TransportFaults::serve(const httplib::Request& req, httplib::Response& res, const std::function<void(int)>& log) const {
    no_compression(req);
    switch (fault_.mode) {
    case FaultMode::None:
        return;
    case FaultMode::Stall:
        // The request was read; nothing is answered until the stall ends.
        log(0);
        nap(fault_.stall_seconds * 1000L);
        res.status = 503;
        res.set_content("STALLED\n", kCsvType);
        return;
    case FaultMode::Status:
        log(fault_.status);
        if (!fault_.retry_after.empty()) res.set_header("Retry-After", retry_after_value(fault_.retry_after));
        res.status = fault_.status;
        res.set_content(fault_.status == 429 ? "TOO_MANY_REQUESTS\n" : "SERVICE_UNAVAILABLE\n", kCsvType);
        return;
    case FaultMode::GzipBomb: {
        log(200);
        const std::string& bomb = gzip_bomb(fault_.bomb_mib);
        res.status = 200;
        res.set_header("Content-Encoding", "gzip");
        res.set_content(bomb, kCsvType);
        return;
    }
    case FaultMode::StallBody:
    case FaultMode::CutChunked:
    case FaultMode::Drip:
        break;
    }
    log(200);
    res.status = 200;
    const TransportFault fault = fault_;
    auto sent = std::make_shared<bool>(false);
    res.set_chunked_content_provider(kCsvType, [fault, sent](size_t, httplib::DataSink& sink) {
        if (fault.mode == FaultMode::Drip) {
            // One byte at a time, for as long as the client listens.
            static const std::string rows = "Holiday set ID;Name\n1;drip\n";
            for (std::size_t i = 0; !stopping().load(); ++i) {
                if (!sink.write(&rows[i % rows.size()], 1)) return false;
                nap(fault.drip_ms);
            }
            return false;
        }
        if (!*sent) {
            *sent = true;
            const std::string head = "Holiday set ID;Name\n1;first\n";
            return sink.write(head.data(), head.size());
        }
        if (fault.mode == FaultMode::StallBody) nap(fault.stall_seconds * 1000L);
        return false;  // httplib closes the connection without the final chunk
    });
}

}  // namespace sim
