#include "api/csv.hpp"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tb::api {

namespace {

class Decoder {
public:
    explicit Decoder(std::string_view body) : p_(body.data()), end_(body.data() + body.size()) {
        // A UTF-8 byte order mark is not part of the first header name.
        if (body.size() >= 3 && static_cast<unsigned char>(p_[0]) == 0xEF &&
            static_cast<unsigned char>(p_[1]) == 0xBB && static_cast<unsigned char>(p_[2]) == 0xBF)
            p_ += 3;
        fields_.reserve(32);
    }

    // Reads the next non-blank line; false at the end of the input.
    bool next(std::size_t& record_line) {
        while (p_ < end_) {
            record_line = line_;
            split_line();
            if (fields_.size() == 1 && fields_[0].empty())
                continue;  // blank line (also "\r" alone)
            return true;
        }
        return false;
    }

    std::span<const std::string_view> fields() const { return fields_; }
    // The text of the line last read, without its line end.
    std::string_view line() const { return {line_start_, static_cast<std::size_t>(line_stop_ - line_start_)}; }

    // Reads the line last read again with RFC 4180 quotes confined to it:
    // a field starting with '"' runs to the next '"' not doubled, which must
    // end the field. False when the line does not read that way.
    bool split_quoted() {
        scratch_.clear();
        spans_.clear();
        const char* s = line_start_;
        const char* const stop = line_stop_;
        for (;;) {
            const std::size_t off = scratch_.size();
            if (s < stop && *s == '"') {
                ++s;
                for (;;) {
                    const char* q = std::find(s, stop, '"');
                    if (q == stop)
                        return false;  // unterminated within the line
                    scratch_.append(s, q);
                    if (q + 1 < stop && q[1] == '"') {
                        scratch_ += '"';
                        s = q + 2;
                        continue;
                    }
                    s = q + 1;
                    break;
                }
                if (s < stop && *s != ';')
                    return false;  // text after the closing quote
            } else {
                const char* sep = std::find(s, stop, ';');
                scratch_.append(s, sep);
                s = sep;
            }
            spans_.emplace_back(off, scratch_.size() - off);
            if (s == stop)
                break;
            ++s;  // the ';'
        }
        fields_.clear();
        for (auto [off, len] : spans_)
            fields_.emplace_back(scratch_.data() + off, len);
        return true;
    }

private:
    void field(const char* from, const char* to) { fields_.emplace_back(from, static_cast<std::size_t>(to - from)); }

    void end_line(const char* field_start, const char* at) {
        // CRLF: the '\r' before the '\n' (or before the end) is no data.
        const char* stop = at;
        if (stop > field_start && stop[-1] == '\r')
            --stop;
        field(field_start, stop);
        line_stop_ = stop;
    }

    // Splits the line at p_ into fields, each a range of the body. One pass
    // finds separators and the line end 16 bytes at a time.
    void split_line() {
        fields_.clear();
        line_start_ = p_;
        const char* f = p_;
        const char* s = p_;
#if defined(__SSE2__)
        const __m128i semi = _mm_set1_epi8(';');
        const __m128i newline = _mm_set1_epi8('\n');
        while (end_ - s >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
            unsigned semis = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, semi)));
            const unsigned newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
            // Bits of the positions before the first newline of the block.
            const unsigned in_record = newlines ? (newlines & (0u - newlines)) - 1u : 0xFFFFu;
            semis &= in_record;
            while (semis) {
                const char* at = s + __builtin_ctz(semis);
                field(f, at);
                f = at + 1;
                semis &= semis - 1;
            }
            if (newlines) {
                const char* at = s + __builtin_ctz(newlines);
                end_line(f, at);
                p_ = at + 1;
                ++line_;
                return;
            }
            s += 16;
        }
#endif
        for (; s < end_; ++s) {
            if (*s == ';') {
                field(f, s);
                f = s + 1;
            } else if (*s == '\n') {
                end_line(f, s);
                p_ = s + 1;
                ++line_;
                return;
            }
        }
        end_line(f, end_);
        p_ = end_;
        ++line_;
    }

    const char* p_;
    const char* end_;
    const char* line_start_ = nullptr;
    const char* line_stop_ = nullptr;
    std::size_t line_ = 1;
    std::vector<std::string_view> fields_;
    std::vector<std::pair<std::size_t, std::size_t>> spans_;
    std::string scratch_;
};

std::string trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

} // namespace

std::vector<std::string> decode_csv(std::string_view body, bool has_header, const CsvRowFn& on_row,
                                    std::size_t expected_fields, const CsvBadRowFn& on_bad_row) {
    Decoder decoder(body);
    std::vector<std::string> header;
    bool want_header = has_header;
    std::size_t line = 0;
    while (decoder.next(line)) {
        auto fields = decoder.fields();
        if (want_header) {
            // Header names are matched by name later; stray blanks around a
            // name must not make a column unknown.
            header.reserve(fields.size());
            for (std::string_view f : fields)
                header.push_back(trimmed(f));
            want_header = false;
            if (expected_fields == 0)
                expected_fields = header.size();
            continue;
        }
        if (expected_fields != 0 && fields.size() != expected_fields) {
            const std::size_t split = fields.size();
            // A successful quoted reading replaces the fields the span shows.
            if (decoder.split_quoted())
                fields = decoder.fields();
            if (fields.size() != expected_fields && on_bad_row) {
                on_bad_row(decoder.line(), line, split);
                continue;
            }
        }
        on_row(fields, line);
    }
    return header;
}

} // namespace tb::api
