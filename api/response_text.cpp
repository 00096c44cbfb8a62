#include "api/response_text.hpp"

#include <algorithm>

#include "api/client.hpp"
#include "api/csv.hpp"

namespace tb::api {
namespace {

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void replace_whole(std::string& text, std::string_view needle) {
    if (needle.empty()) return;
    std::size_t pos = text.find(needle);
    while (pos != std::string::npos) {
        const std::size_t end = pos + needle.size();
        // A neighbour that is a letter or digit makes this part of a longer
        // word, and so does an apostrophe inside a word ("Couldn't" holds no
        // token "t"; a quoted "'t'" does).
        auto word_before = [&](std::size_t at) {
            return at > 0 && (is_alnum(text[at - 1]) || (text[at - 1] == '\'' && at > 1 && is_alnum(text[at - 2])));
        };
        auto word_after = [&](std::size_t at) {
            return at < text.size() &&
                   (is_alnum(text[at]) || (text[at] == '\'' && at + 1 < text.size() && is_alnum(text[at + 1])));
        };
        const bool whole = (!word_before(pos) || !is_alnum(needle.front())) &&
                           (!word_after(end) || !is_alnum(needle.back()));
        if (!whole) {
            pos = text.find(needle, pos + 1);
            continue;
        }
        text.replace(pos, needle.size(), "***");
        pos = text.find(needle, pos + 3);
    }
}

// UTF-8 continuation bytes are not cut off from their lead byte.
std::size_t utf8_cut(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text.size();
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

} // namespace

std::string scrub_secrets(std::string text, std::span<const std::string> secrets) {
    for (const std::string& secret : secrets) {
        if (secret.empty()) continue;
        replace_whole(text, secret);
        const std::string escaped = form_escape(secret);
        if (escaped != secret) replace_whole(text, escaped);
    }
    return text;
}

std::string response_excerpt(std::string_view body, std::size_t max_bytes, std::span<const std::string> secrets) {
    // Scrub a window a little longer than the excerpt, so a token across the
    // cut is replaced whole (its form-escaped spelling is at most 3x long).
    std::size_t longest = 0;
    for (const auto& s : secrets) longest = std::max(longest, s.size() * 3);
    const std::string window(body.substr(0, max_bytes + longest + 1));
    std::string text = repair_utf8(scrub_secrets(window, secrets));
    const bool more = body.size() > max_bytes || text.size() > max_bytes;
    text.resize(utf8_cut(text, max_bytes));
    std::string out;
    out.reserve(text.size() + 8);
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20 || u == 0x7F) out += '?';
        else out += c;
    }
    if (more) out += "...";
    return out;
}

} // namespace tb::api
