// --fault KIND:ACTION[:COUNT]: answers of a read action that the real
// service should never send, for the driver's answer validation tests.
// After COUNT faulty answers (default: every one) the action answers
// normally again, so a test can check that nothing of the fault was cached.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sim {

// The kinds (README.md, "Fault modes"):
//   html, empty, ok, internal-error, random   200 with a junk body (text/csv)
//   content-type                              the real answer as text/html
//   huge-header                               5,000 extra header names (one of 100 characters), rows padded
//   duplicate-header                          6,000 extra header names, all "Zusatzfeld", rows padded
//   echo                                      200 whose body is the request's form body, token included
//   unbalanced-quote                          the second data line's last field starts with '"'
//   extra-field                               the second data line has one field more than the header
class Faults {
public:
    // Adds one --fault value; false (with a message) when it is malformed.
    bool add(const std::string& spec, std::string& error);
    bool empty() const { return rules_.empty(); }
    // The fault to apply to this request of `action` (and counts it), if any.
    std::optional<std::string> take(const std::string& action);

private:
    struct Rule {
        std::string kind;
        int remaining = -1;  // -1: unlimited
    };
    std::map<std::string, Rule> rules_;
    std::mutex mutex_;
};

// A junk body of this kind, or nullopt when the kind alters the real answer.
std::optional<std::string> junk_body(const std::string& kind, const std::string& request_body);
// Applies an answer-altering kind to a real answer's body.
std::string alter_answer(const std::string& kind, std::string body);

}  // namespace sim
