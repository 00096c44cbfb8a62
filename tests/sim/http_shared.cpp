#include "http_shared.hpp"

namespace sim {

void limit_compression(const httplib::Request& req, bool gzip) {
    if (!req.has_header("Accept-Encoding")) return;
    const bool wants_gzip = req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
    auto& headers = const_cast<httplib::Request&>(req).headers;
    headers.erase("Accept-Encoding");
    if (gzip && wants_gzip) headers.emplace("Accept-Encoding", "gzip");
}

}  // namespace sim
