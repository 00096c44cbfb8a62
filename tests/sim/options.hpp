// Command-line flags of timebutler-sim (documented in README.md).
#pragma once

#include <string>

#include "model.hpp"

namespace sim {

// Fills cfg from argv; on a bad or unknown flag returns false with a
// message in error. `--help` sets help instead.
bool parse_options(int argc, char** argv, Config& cfg, std::string& error, bool& help);
const char* usage_text();

}  // namespace sim
