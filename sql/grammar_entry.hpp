// Internal to sql/: the entry point of the grammar, without Spirit headers.
#pragma once

#include "sql/ast.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tb::sql::grammar {

struct ParseOutcome {
    bool ok = false;
    std::size_t offset = 0;             // byte offset of the furthest failure
    std::vector<std::string> expected;  // what was expected there
    std::string expectation;            // set when an expectation point failed
    bool too_deep = false;              // nested deeper than the parser allows
};

// Parses a whole statement into out; parameters and table ids are not yet numbered.
ParseOutcome parse_text(std::string_view text, Statement& out);

} // namespace tb::sql::grammar
