// Text taken from a response (or from libcurl) on its way into a message, a
// log or a trace: the tokens removed, control characters and invalid UTF-8
// made visible, the length bounded. A service that echoes the request would
// otherwise put the token into a diagnostic.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace tb::api {

// Replaces each occurrence of a secret (verbatim or form-escaped) by "***".
// Only whole occurrences count: the characters either side must not be
// letters or digits (nor an apostrophe inside a word), so a one-letter token
// "t" leaves "Kunde sagt" and "Couldn't" intact (a token is a run of such characters and is delimited wherever it is
// echoed: "auth=t&", "'t'"). Empty secrets are ignored.
std::string scrub_secrets(std::string text, std::span<const std::string> secrets);

// The first max_bytes of a body for a message: secrets scrubbed (before it
// is cut, so no token prefix survives the cut), invalid UTF-8 as U+FFFD,
// line ends shown as \n and \r, other control characters as '?', and "..."
// when more followed.
std::string response_excerpt(std::string_view body, std::size_t max_bytes, std::span<const std::string> secrets);

} // namespace tb::api
