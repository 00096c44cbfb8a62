// Timebutler CSV decoding, as the service writes it: ';' between fields, one
// record per line (LF, CRLF accepted), an optional BOM, no quoting (a '"' is
// an ordinary character; see api-notes.md). Zero-copy.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tb::api {

using CsvRowFn = std::function<void(std::span<const std::string_view> fields, std::size_t line_number)>;
// A line whose field count is not the expected one and that no reading
// explains: the line (without its line end), its 1-based number in the body
// and how many fields it split into.
using CsvBadRowFn = std::function<void(std::string_view line, std::size_t line_number, std::size_t fields)>;

// Calls on_row for every record after the header (or every record when
// has_header is false). The views are valid only during the call. Blank lines
// are skipped. Invalid UTF-8 is passed through; the caller repairs it.
// Returns the header fields, trimmed (empty when has_header is false).
//
// expected_fields: how many fields a record must have; 0 means the header's
// count (with a header) or any count (without). A record with another count
// is read once more with RFC 4180 quotes confined to its line (api-notes.md
// asks clients to accept them if the service ever sends them); when that
// gives the expected count, those fields are passed on. Otherwise the record
// goes to on_bad_row, or, without one, to on_row as it split.
std::vector<std::string> decode_csv(std::string_view body, bool has_header, const CsvRowFn& on_row,
                                    std::size_t expected_fields = 0, const CsvBadRowFn& on_bad_row = {});

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string repair_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);

} // namespace tb::api
