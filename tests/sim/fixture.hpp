// --fixture DIR: read actions answered from DIR/<action>.csv instead of the
// generated account (format in README.md, "Fixture mode").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sim {

class Fixture {
public:
    // Reads every DIR/*.csv; an empty dir loads nothing. On a malformed file
    // returns false with a message naming the file and line.
    bool load(const std::string& dir, std::string& error);
    // The answer of a read from the file of this action, or nullopt when
    // the action has no file.
    std::optional<std::string> answer(const std::string& action, const Call& call) const;

private:
    struct Table {
        bool header_line = true;                 // false: "#no-header" (timeclock status)
        std::vector<std::string> names;          // every column, "?" stripped from parameters
        std::vector<bool> is_param;
        std::vector<std::vector<std::string>> rows;
    };
    std::map<std::string, Table> tables_;
};

}  // namespace sim
