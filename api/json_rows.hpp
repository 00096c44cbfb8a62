// Decoding of JSON answers (REST sources such as GoodTime): an array of flat
// objects becomes rows of text fields, like a CSV body with a header, so the
// engine loads both the same way. RapidJSON's SAX reader: no document tree,
// so a million-element answer costs one pass per call and little memory.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tb::api {

// Why an answer is not an array of flat objects. element is 1-based (0: the
// answer as a whole); field names the member when one is at fault.
class JsonShapeError : public std::runtime_error {
public:
    JsonShapeError(std::string what, std::size_t element, std::string field)
        : std::runtime_error(std::move(what)), element_(element), field_(std::move(field)) {}
    std::size_t element() const { return element_; }
    const std::string& field() const { return field_; }

private:
    std::size_t element_;
    std::string field_;
};

// The member names of every element, in the order they first appear. Checks
// the whole answer: a top-level value other than an array, an element other
// than an object, a member whose value is an object or array, a name twice in
// one element, or malformed JSON throw JsonShapeError.
std::vector<std::string> json_array_keys(std::string_view body);

// Fields aligned with `keys` (as json_array_keys returned them): strings
// unescaped, numbers as written, true/false as "true"/"false", null and a
// missing member as "". The views are valid only during the call.
using JsonRowFn = std::function<void(std::span<const std::string_view> fields, std::size_t element)>;
void decode_json_rows(std::string_view body, const std::vector<std::string>& keys, const JsonRowFn& on_row);

// A JSON string literal of `text` (quotes included), for request bodies.
std::string json_quote(std::string_view text);

// The value of one top-level member of a JSON object, as text (strings
// unescaped, numbers as written); nullopt when absent or not an object.
// Used for small answers: a login's token, a created id.
std::optional<std::string> json_member(std::string_view body, std::string_view name);
// The id a create call answered: the `field` member of an object, of the
// first object of an array, or a bare number or string. nullopt when none.
std::optional<std::string> json_created_id(std::string_view body, std::string_view field);
// The body as one JSON string, unescaped; nullopt when it is not one.
std::optional<std::string> json_string(std::string_view body);

} // namespace tb::api
