// HTTP details both API profiles share.
#pragma once

#include <httplib.h>

namespace sim {

// httplib compresses every text/* (and JSON) answer in whatever the client
// accepts, and its brotli runs at the slowest quality: a million-row answer
// took two minutes. The simulator offers gzip only (or nothing when gzip is
// false); the header is rewritten before httplib reads it, on the Request
// object httplib itself owns as non-const.
void limit_compression(const httplib::Request& req, bool gzip);

}  // namespace sim
