// ASCII text helpers shared by the engine's files (and the driver's
// connection-string parser): case-insensitive comparison, lower-casing and
// trimming. Identifiers, header names and API codes are ASCII; UTF-8 bytes
// above 0x7F pass through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace tb::engine::ascii {

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
std::string lower(std::string_view text);
// Without leading and trailing white space (isspace).
std::string_view trim(std::string_view text);
// A CSV field or header without surrounding spaces and tabs, and without the
// CR a CRLF line end leaves on the last field.
std::string_view trim_field(std::string_view text);

} // namespace tb::engine::ascii
