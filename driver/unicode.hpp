// UTF-8 inside; SQLWCHAR (UTF-16 under unixODBC and Windows, UTF-32 under
// iODBC) at the edge of the W entry points.
#pragma once

#include <string>
#include <string_view>

#include "driver/odbc.hpp"

namespace tb::driver {

// Reads an input string: length SQL_NTS means zero-terminated.
std::string from_wide(const SQLWCHAR* text, SQLLEN length);
std::string from_narrow(const SQLCHAR* text, SQLLEN length);
// Appends the SQLWCHAR units of UTF-8 text (invalid bytes become U+FFFD).
std::basic_string<SQLWCHAR> to_wide(std::string_view utf8);
// Number of SQLWCHAR units the text needs.
std::size_t wide_length(std::string_view utf8);

} // namespace tb::driver
