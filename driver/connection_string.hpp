// Connection strings and DSNs: "Key=Value;Key={Va;lue}" parsed, DSN keys read
// from odbc.ini, and the session configuration built from both.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/config.hpp"

namespace tb::driver {

using Attributes = std::vector<std::pair<std::string, std::string>>;

Attributes parse_connection_string(std::string_view text);
// Case-insensitive lookup; nullptr when absent.
const std::string* find_attribute(const Attributes& attributes, std::string_view key);
void set_attribute(Attributes& attributes, std::string key, std::string value);

// Adds the DSN's keys that the string does not set (the string wins).
// `dsn` is taken by value: callers pass the DSN value found in `attributes`
// itself, which appending to the vector would leave dangling.
void merge_dsn(Attributes& attributes, std::string dsn);

// The keys a DSN may hold (every key the driver reads, DSN and Driver aside).
std::vector<std::string> dsn_keys();

// Whether a DSN stores `key` protected (driver/platform/secret_store.hpp):
// the tokens and the password under each of its names (Token, PWD,
// Password, PersonnelToken).
bool is_secret_key(std::string_view key);

// Builds the configuration; keys the driver does not know are returned in
// `unknown` (reported as 01S00, never a failure).
engine::SessionConfig make_config(const Attributes& attributes, std::vector<std::string>& unknown);

// The completed connection string returned to the application.
std::string complete_connection_string(const Attributes& given, const engine::SessionConfig& config);

} // namespace tb::driver
