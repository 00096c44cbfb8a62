// Timebutler CSV decoding: ';' separated, header line, LF or CRLF, optional
// BOM, RFC-4180 quotes if present. Zero-copy where no quotes appear.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tb::api {

// Calls on_row for every record after the header (or every record when
// has_header is false). The views are valid only during the call. Blank lines
// are skipped. Invalid UTF-8 is passed through; the caller repairs it.
// Returns the header fields (empty when has_header is false).
std::vector<std::string> decode_csv(std::string_view body, bool has_header,
                                    const std::function<void(std::span<const std::string_view> fields,
                                                             std::size_t line_number)>& on_row);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string repair_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);

} // namespace tb::api
