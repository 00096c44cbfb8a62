#include "api/csv.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tb::api {

namespace {

// A field of a quoted record: either a range of the body or, when quotes had
// to be removed, a range of the scratch buffer. Offsets rather than pointers,
// because the scratch buffer may move while the record is being read.
struct FieldRef {
    const char* ptr;
    std::size_t off;
    std::size_t len;
    bool in_scratch;
};

class Decoder {
public:
    explicit Decoder(std::string_view body) : p_(body.data()), end_(body.data() + body.size()) {
        // A UTF-8 byte order mark is not part of the first header name.
        if (body.size() >= 3 && static_cast<unsigned char>(p_[0]) == 0xEF &&
            static_cast<unsigned char>(p_[1]) == 0xBB && static_cast<unsigned char>(p_[2]) == 0xBF)
            p_ += 3;
        fields_.reserve(32);
    }

    // Reads the next non-blank record; false at the end of the input.
    bool next(std::size_t& record_line) {
        while (p_ < end_) {
            record_line = line_;
            const char* start = p_;
            if (fast_record()) {
                if (fields_.size() == 1 && fields_[0].empty())
                    continue;  // blank line (also "\r" alone)
                return true;
            }
            p_ = start;
            line_ = record_line;
            slow_record();
            return true;
        }
        return false;
    }

    std::span<const std::string_view> fields() const { return fields_; }

private:
    void last_field(const char* field, const char* stop) {
        // CRLF: the '\r' before the '\n' (or before the end) is no data.
        if (stop > field && stop[-1] == '\r')
            --stop;
        fields_.emplace_back(field, static_cast<std::size_t>(stop - field));
    }

    // The common case: no quote anywhere in the record, so every field is a
    // range of the body. One pass finds separators, the line end and quotes
    // 16 bytes at a time. Returns false (having consumed nothing that
    // matters) when a quote appears before the end of the record.
    bool fast_record() {
        fields_.clear();
        const char* field = p_;
        const char* s = p_;
#if defined(__SSE2__)
        const __m128i semi = _mm_set1_epi8(';');
        const __m128i newline = _mm_set1_epi8('\n');
        const __m128i quote = _mm_set1_epi8('"');
        while (end_ - s >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
            unsigned semis = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, semi)));
            const unsigned newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
            const unsigned quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
            // Bits of the positions before the first newline of the block.
            const unsigned in_record = newlines ? (newlines & (0u - newlines)) - 1u : 0xFFFFu;
            if (quotes & in_record)
                return false;
            semis &= in_record;
            while (semis) {
                const char* at = s + __builtin_ctz(semis);
                fields_.emplace_back(field, static_cast<std::size_t>(at - field));
                field = at + 1;
                semis &= semis - 1;
            }
            if (newlines) {
                const char* at = s + __builtin_ctz(newlines);
                last_field(field, at);
                p_ = at + 1;
                ++line_;
                return true;
            }
            s += 16;
        }
#endif
        for (; s < end_; ++s) {
            const char c = *s;
            if (c == ';') {
                fields_.emplace_back(field, static_cast<std::size_t>(s - field));
                field = s + 1;
            } else if (c == '\n') {
                last_field(field, s);
                p_ = s + 1;
                ++line_;
                return true;
            } else if (c == '"') {
                return false;
            }
        }
        last_field(field, end_);
        p_ = end_;
        ++line_;
        return true;
    }

    void count_lines(const char* from, const char* to) {
        line_ += static_cast<std::size_t>(std::count(from, to, '\n'));
    }

    // Appends [from, to) to the scratch copy of `ref`, starting the copy on
    // first use.
    void copy(FieldRef& ref, const char* from, const char* to) {
        if (!ref.in_scratch) {
            ref.in_scratch = true;
            ref.off = scratch_.size();
        }
        scratch_.append(from, static_cast<std::size_t>(to - from));
    }

    // End of the unquoted text starting at s: the next ';' or '\n' (or end).
    const char* text_end(const char* s) const {
        while (s < end_ && *s != ';' && *s != '\n')
            ++s;
        return s;
    }

    // A field that starts with '"' (RFC 4180). Returns where it ends (at the
    // separator, newline or end of input).
    const char* quoted_field(const char* s) {
        FieldRef ref{s + 1, 0, 0, false};
        const char* segment = s + 1;
        const char* q = s + 1;
        for (;;) {
            const auto* quote = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end_ - q)));
            if (!quote) {
                // Unterminated: the field runs to the end of the input.
                count_lines(q, end_);
                if (ref.in_scratch)
                    copy(ref, segment, end_);
                else
                    ref.len = static_cast<std::size_t>(end_ - segment);
                s = end_;
                break;
            }
            count_lines(q, quote);
            if (quote + 1 < end_ && quote[1] == '"') {  // "" is one quote
                copy(ref, segment, quote + 1);
                segment = q = quote + 2;
                continue;
            }
            // Closing quote. Text between it and the separator is kept
            // literally, as spreadsheet programs do ("ab"c -> abc).
            const char* stop = text_end(quote + 1);
            const char* trail = stop;
            if (trail > quote + 1 && trail[-1] == '\r' && (stop == end_ || *stop == '\n'))
                --trail;
            if (ref.in_scratch || trail > quote + 1) {
                copy(ref, segment, quote);
                copy(ref, quote + 1, trail);
            } else {
                ref.len = static_cast<std::size_t>(quote - segment);
            }
            s = stop;
            break;
        }
        if (ref.in_scratch)
            ref.len = scratch_.size() - ref.off;
        refs_.push_back(ref);
        return s;
    }

    // Any record holding a quote. A quote that does not start a field is an
    // ordinary character.
    void slow_record() {
        refs_.clear();
        scratch_.clear();
        const char* s = p_;
        for (;;) {
            if (s < end_ && *s == '"') {
                s = quoted_field(s);
            } else {
                const char* stop = text_end(s);
                const char* trail = stop;
                if (trail > s && trail[-1] == '\r' && (stop == end_ || *stop == '\n'))
                    --trail;
                refs_.push_back({s, 0, static_cast<std::size_t>(trail - s), false});
                s = stop;
            }
            if (s < end_ && *s == ';') {
                ++s;
                continue;
            }
            if (s < end_)  // the newline
                ++s;
            ++line_;
            break;
        }
        p_ = s;
        fields_.clear();
        for (const FieldRef& r : refs_)
            fields_.emplace_back(r.in_scratch ? scratch_.data() + r.off : r.ptr, r.len);
    }

    const char* p_;
    const char* end_;
    std::size_t line_ = 1;
    std::vector<std::string_view> fields_;
    std::vector<FieldRef> refs_;
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

std::vector<std::string> decode_csv(std::string_view body, bool has_header,
                                    const std::function<void(std::span<const std::string_view> fields,
                                                             std::size_t line_number)>& on_row) {
    Decoder decoder(body);
    std::vector<std::string> header;
    bool want_header = has_header;
    std::size_t line = 0;
    while (decoder.next(line)) {
        const auto fields = decoder.fields();
        if (want_header) {
            // Header names are matched by name later; stray blanks around a
            // name must not make a column unknown.
            header.reserve(fields.size());
            for (std::string_view f : fields)
                header.push_back(trimmed(f));
            want_header = false;
            continue;
        }
        on_row(fields, line);
    }
    return header;
}

} // namespace tb::api
