// The answers of SQLGetInfo: one table, read by the A and W entry points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "driver/odbc.hpp"

namespace tb::driver {

struct Dbc;

// A string, a 16-bit value or a 32-bit value (bitmasks included).
using InfoValue = std::variant<std::string, SQLUSMALLINT, SQLUINTEGER>;

std::optional<InfoValue> info_value(SQLUSMALLINT type, const Dbc& dbc);

// The ODBC functions the driver implements (SQLGetFunctions).
bool function_supported(SQLUSMALLINT function);

} // namespace tb::driver
