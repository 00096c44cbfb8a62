// Request bodies: url-encoded forms and multipart uploads (internal to api/).
#pragma once

#include <curl/curl.h>

#include <string>

#include "api/client.hpp"

namespace tb::api::detail {

// "auth=<token>&name=value&..." with every name and value form-escaped.
// The token goes first: Timebutler reads it like any other field, and a
// fixed position makes request logs of the simulator easy to compare.
std::string form_body(const Request& request);

// The multipart body of an upload: auth, the params, then the file part.
// Bound to `easy`; the caller frees it with curl_mime_free after the
// transfer. Returns nullptr when libcurl cannot allocate it.
curl_mime* multipart_body(CURL* easy, const Request& request);

// "<server>/api/v1/<action>"; trailing slashes of the server are dropped.
// Returns "" when the action holds characters that do not belong in a path
// segment: the catalog only knows plain action names.
std::string action_url(const std::string& server, const std::string& action);

// A REST request's URL: "<server><path>", the params as its query string.
// "" when the path is not an absolute path of plain characters.
std::string rest_url(const std::string& server, const Request& request);

} // namespace tb::api::detail
