#include "engine/server_address.hpp"

#include "engine/ascii.hpp"
#include "engine/error.hpp"

namespace tb::engine {
namespace {

// The host of "http://host[:port][/...]"; "" when the authority holds user
// information ("http://localhost@elsewhere" goes to elsewhere).
std::string host_of(const std::string& server) {
    const std::size_t start = server.find("://") + 3;
    const std::size_t end = server.find_first_of("/?#", start);
    const std::string authority = server.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (authority.find('@') != std::string::npos) return {};
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        return close == std::string::npos ? std::string() : authority.substr(0, close + 1);
    }
    return authority.substr(0, authority.find(':'));
}

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "[::1]" || ascii::iequals(host, "localhost");
}

} // namespace

bool is_plain_http(const std::string& server) { return ascii::istarts_with(server, "http://"); }

std::string checked_server(const SessionConfig& config) {
    std::string server = config.server;
    while (!server.empty() && server.back() == '/') server.pop_back();
    if (ascii::istarts_with(server, "https://"))
        return "https://" + server.substr(8);
    if (!is_plain_http(server)) return "https://" + server;
    // The token is a form field of every request: over plain HTTP anyone on
    // the path reads it. The address itself is not repeated in the message
    // (it may hold user information).
    if (!config.allow_insecure_localhost || !is_loopback(host_of(server)))
        throw Error("08001", "the Server key gives a plain http:// address; the Timebutler API is HTTPS only and "
                             "the API token would travel unencrypted, so nothing was sent: use https://. "
                             "(AllowInsecureLocalhost=1 allows http:// only to a test server on 127.0.0.1 or "
                             "localhost.)");
    return "http://" + server.substr(7);
}

} // namespace tb::engine
