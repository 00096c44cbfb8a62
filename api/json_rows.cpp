#include "api/json_rows.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstdint>
#include <optional>
#include <unordered_map>

namespace tb::api {
namespace {

// Numbers are kept as written: an id beyond 2^53 or "1718000000000" stays exact.
constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag;

// The one place both passes share: where in the answer the reader is, and
// the check that the answer is an array of flat objects.
struct ShapeHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ShapeHandler> {
    int depth = 0;                 // 0: outside, 1: in the array, 2: in an element
    std::size_t element = 0;       // 1-based, the element being read
    std::string field;             // the member being read
    std::optional<JsonShapeError> error;

    bool fail(std::string what) {
        error.emplace(std::move(what), depth >= 1 ? element : 0, depth == 2 ? field : std::string());
        return false;
    }
    bool scalar_ok(const char* kind) {
        if (depth == 2) return true;
        if (depth == 0) return fail(std::string("the answer is a ") + kind + ", not an array");
        ++element;
        return fail(std::string("element is a ") + kind + ", not an object");
    }
    bool start(bool object) {
        if (depth == 0) {
            if (object) return fail("the answer is an object, not an array");
            depth = 1;
            return true;
        }
        if (depth == 1) {
            ++element;
            if (!object) return fail("element is an array, not an object");
            depth = 2;
            return true;
        }
        return fail(std::string("the value is ") + (object ? "an object" : "an array") + ", not a single value");
    }
};

std::string position_text(const rapidjson::Reader& reader, std::string_view body) {
    return std::string(rapidjson::GetParseError_En(reader.GetParseErrorCode())) + " at byte " +
           std::to_string(std::min<std::size_t>(reader.GetErrorOffset(), body.size()));
}

template <class Handler>
void parse(std::string_view body, Handler& handler) {
    rapidjson::MemoryStream stream(body.data(), body.size());
    rapidjson::Reader reader;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, handler);
    if (handler.error) throw *handler.error;
    if (!ok) throw JsonShapeError("the answer is not valid JSON: " + position_text(reader, body), handler.element, {});
}

struct KeysHandler : ShapeHandler {
    std::vector<std::string> keys;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::size_t> seen_in;   // per key: the last element that had it (duplicates)

    bool StartObject() {
        next_guess = 0;
        return start(true);
    }
    bool StartArray() { return start(false); }
    bool EndObject(rapidjson::SizeType) { depth = 1; return true; }
    bool EndArray(rapidjson::SizeType) { depth = 0; return true; }
    std::size_t next_guess = 0;   // elements usually list their members in one order: no hashing then

    bool Key(const char* s, rapidjson::SizeType n, bool) {
        const std::string_view name(s, n);
        field.assign(name);   // for a message about its value; reuses the buffer
        std::size_t at;
        if (next_guess < keys.size() && keys[next_guess] == name) {
            at = next_guess;
        } else {
            auto [it, added] = index.try_emplace(field, keys.size());
            if (added) {
                keys.push_back(field);
                seen_in.push_back(0);
            }
            at = it->second;
        }
        if (seen_in[at] == element) return fail("the member appears twice");
        seen_in[at] = element;
        next_guess = at + 1;
        return true;
    }
    bool Null() { return scalar_ok("null"); }
    bool Bool(bool) { return scalar_ok("boolean"); }
    bool RawNumber(const char*, rapidjson::SizeType, bool) { return scalar_ok("number"); }
    bool String(const char*, rapidjson::SizeType, bool) { return scalar_ok("string"); }
};

struct RowsHandler : ShapeHandler {
    const std::vector<std::string>* keys = nullptr;
    const JsonRowFn* on_row = nullptr;
    std::unordered_map<std::string_view, std::size_t> index;
    std::vector<std::string> values;
    std::vector<char> present;
    std::vector<std::string_view> views;
    std::size_t current = 0;
    std::size_t next_guess = 0;   // elements usually list their members in one order

    bool StartObject() {
        if (!start(true)) return false;
        std::fill(present.begin(), present.end(), 0);
        next_guess = 0;
        return true;
    }
    bool StartArray() { return start(false); }
    bool EndArray(rapidjson::SizeType) { depth = 0; return true; }
    bool EndObject(rapidjson::SizeType) {
        depth = 1;
        for (std::size_t i = 0; i < views.size(); ++i)
            views[i] = present[i] ? std::string_view(values[i]) : std::string_view();
        (*on_row)(views, element);
        return true;
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        const std::string_view name(s, n);
        field.assign(name);
        if (next_guess < keys->size() && (*keys)[next_guess] == name) {
            current = next_guess;
        } else {
            auto it = index.find(name);
            if (it == index.end()) return fail("the member was not in the answer's first reading");
            current = it->second;
        }
        next_guess = current + 1;
        return true;
    }
    bool set(const char* s, std::size_t n) {
        if (depth != 2) return scalar_ok("value");
        values[current].assign(s, n);
        present[current] = 1;
        return true;
    }
    bool Null() {
        if (depth != 2) return scalar_ok("null");
        return true;   // absent: reads NULL
    }
    bool Bool(bool b) { return b ? set("true", 4) : set("false", 5); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return set(s, n); }
    bool String(const char* s, rapidjson::SizeType n, bool) { return set(s, n); }
};

} // namespace

std::vector<std::string> json_array_keys(std::string_view body) {
    KeysHandler handler;
    parse(body, handler);
    return std::move(handler.keys);
}

void decode_json_rows(std::string_view body, const std::vector<std::string>& keys, const JsonRowFn& on_row) {
    RowsHandler handler;
    handler.keys = &keys;
    handler.on_row = &on_row;
    for (std::size_t i = 0; i < keys.size(); ++i) handler.index.emplace(keys[i], i);
    handler.values.resize(keys.size());
    handler.present.resize(keys.size());
    handler.views.resize(keys.size());
    parse(body, handler);
}

std::string json_quote(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0x0F];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

namespace {
std::optional<std::string> text_of(const rapidjson::Value& v) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsNumber()) {   // with kParseNumbersAsStringsFlag numbers are strings already
        if (v.IsInt64()) return std::to_string(v.GetInt64());
        if (v.IsUint64()) return std::to_string(v.GetUint64());
    }
    return std::nullopt;
}
} // namespace

std::optional<std::string> json_member(std::string_view body, std::string_view name) {
    rapidjson::Document doc;
    doc.Parse<kFlags>(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it)
        if (std::string_view(it->name.GetString(), it->name.GetStringLength()) == name) return text_of(it->value);
    return std::nullopt;
}

std::optional<std::string> json_created_id(std::string_view body, std::string_view field) {
    rapidjson::Document doc;
    doc.Parse<kFlags>(body.data(), body.size());
    if (doc.HasParseError()) return std::nullopt;
    const rapidjson::Value* v = &doc;
    if (v->IsArray()) {
        if (v->Empty()) return std::nullopt;
        v = &(*v)[0];
    }
    if (v->IsObject()) {
        for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it)
            if (std::string_view(it->name.GetString(), it->name.GetStringLength()) == field) return text_of(it->value);
        return std::nullopt;
    }
    return text_of(*v);
}

std::optional<std::string> json_string(std::string_view body) {
    rapidjson::Document doc;
    doc.Parse<kFlags>(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsString()) return std::nullopt;
    return std::string(doc.GetString(), doc.GetStringLength());
}

} // namespace tb::api
