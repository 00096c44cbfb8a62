// The answers of the write actions, parsed leniently (api-notes.md): import
// results ("OK", "line #n: OK;<id>", "line #n: CODE", a whole-file code) and
// result tokens ("OK", "WARN_*", "RESULT_ERR_*"), with a plain explanation of
// every documented code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tb::engine::write {

struct ImportLine {
    long line = 0;          // as the service numbered it
    bool ok = false;
    std::string id;         // "OK;<id>": the project id
    std::string code;       // the error code when not ok
};

struct ImportResponse {
    bool all_ok = false;             // the body is "OK" alone
    std::vector<ImportLine> lines;
    std::string file_code;           // a code that concerns the whole file
    std::vector<std::string> other;  // lines that fit no form (shown verbatim)
    bool zero_based = false;         // a "line #0" was seen
};

ImportResponse parse_import_response(std::string_view body);

enum class TokenKind { Ok, Warning, Error, Unknown };
struct ResultToken {
    TokenKind kind = TokenKind::Unknown;
    std::string token;               // first field, trimmed ("" for an empty body)
};
ResultToken parse_result_token(std::string_view body);

// A sentence for a documented code; a generic one for anything else.
std::string explain(std::string_view code);
// The SQLSTATE a rejected row reports for a code.
std::string sqlstate_for(std::string_view code);

} // namespace tb::engine::write
