#include "api/request_body.hpp"

namespace tb::api {

std::string form_escape(std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size() + value.size() / 4);
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out.push_back(ch);
        } else {
            // %20 rather than '+' for a space: both decode to a space in a
            // form body, and %20 cannot be misread by a lenient server.
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0x0F]);
        }
    }
    return out;
}

namespace detail {

std::string form_body(const Request& request) {
    std::string body;
    std::size_t size = 5 + request.token.size() * 3;
    for (const auto& [name, value] : request.params)
        size += 2 + name.size() + value.size() * 3;
    body.reserve(size);
    body += "auth=";
    body += form_escape(request.token);
    for (const auto& [name, value] : request.params) {
        body += '&';
        body += form_escape(name);
        body += '=';
        body += form_escape(value);
    }
    return body;
}

namespace {
bool add_field(curl_mime* mime, const std::string& name, const std::string& value) {
    curl_mimepart* part = curl_mime_addpart(mime);
    return part && curl_mime_name(part, name.c_str()) == CURLE_OK &&
           curl_mime_data(part, value.data(), value.size()) == CURLE_OK;
}
} // namespace

curl_mime* multipart_body(CURL* easy, const Request& request) {
    curl_mime* mime = curl_mime_init(easy);
    if (!mime)
        return nullptr;
    bool ok = add_field(mime, "auth", request.token);
    for (const auto& [name, value] : request.params)
        ok = ok && add_field(mime, name, value);
    if (ok && request.file) {
        const FilePart& file = *request.file;
        curl_mimepart* part = curl_mime_addpart(mime);
        // curl_mime_data copies the content once; an upload is at most a few
        // MB (the service refuses more than 9,216,000 bytes).
        ok = part && curl_mime_name(part, file.field.c_str()) == CURLE_OK &&
             curl_mime_filename(part, file.filename.c_str()) == CURLE_OK &&
             curl_mime_type(part, "text/csv") == CURLE_OK &&
             curl_mime_data(part, file.content.data(), file.content.size()) == CURLE_OK;
    }
    if (!ok) {
        curl_mime_free(mime);
        return nullptr;
    }
    return mime;
}

std::string action_url(const std::string& server, const std::string& action) {
    if (action.empty())
        return {};
    for (const char c : action) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!plain)
            return {};
    }
    std::string url = server;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    url += "/api/v1/";
    url += action;
    return url;
}

std::string rest_url(const std::string& server, const Request& request) {
    const std::string& path = request.path;
    if (path.empty() || path.front() != '/')
        return {};
    for (const char c : path) {
        // Plain characters and the escapes of path_segment only: never a
        // query or fragment smuggled in through a value.
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           c == '_' || c == '-' || c == '.' || c == '~' || c == '/' || c == '%';
        if (!plain)
            return {};
    }
    std::string url = server;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    url += path;
    char joint = '?';
    for (const auto& [name, value] : request.params) {
        url += joint;
        url += form_escape(name);
        url += '=';
        url += form_escape(value);
        joint = '&';
    }
    return url;
}

} // namespace detail

std::string path_segment(std::string_view value) { return form_escape(value); }

} // namespace tb::api
