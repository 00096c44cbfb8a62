// CSV output in the service's dialect and the small text checks that the
// import and write actions share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civil.hpp"

namespace sim {

// Appends one line of the service's CSV: ';' between fields, LF at the end,
// an empty text as a single space, "true"/"false", dd/mm/yyyy, hh:mm.
class CsvLine {
public:
    explicit CsvLine(std::string& out) : out_(out) {}
    ~CsvLine() { out_ += '\n'; }
    CsvLine(const CsvLine&) = delete;
    CsvLine& operator=(const CsvLine&) = delete;

    CsvLine& text(std::string_view value);
    CsvLine& raw(std::string_view value);
    CsvLine& num(int64_t value);
    CsvLine& boolean(bool value) { return raw(value ? "true" : "false"); }
    CsvLine& date(Date value);
    CsvLine& time(int minute_of_day);
    CsvLine& tenths(int64_t value);      // 16.0, -1.5
    CsvLine& hundredths(int64_t value);  // one decimal unless a second one is needed
    CsvLine& id_or_zero(int64_t value) { return num(value); }

private:
    void sep();
    std::string& out_;
    bool first_ = true;
};

void append_header(std::string& out, const std::vector<std::string>& names);
void append_decimal_hundredths(std::string& out, int64_t value);

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
bool all_digits(std::string_view s);
std::optional<int64_t> parse_uint(std::string_view s, int max_digits = 9);
// "25", "25.5", "-3.5", "2.25": the nn.n values of setholidayentitlement.
std::optional<int64_t> parse_hundredths(std::string_view s);
bool valid_utf8(std::string_view s);
size_t utf8_length(std::string_view s);
bool has_control_chars(std::string_view s);
bool plausible_email(std::string_view s);
std::string lower_ascii(std::string_view s);
std::string upper_ascii(std::string_view s);
// The lines of an uploaded CSV file: a BOM and CRs dropped, trailing empty
// lines ignored, inner empty lines kept so line numbers match the file.
std::vector<std::string_view> upload_lines(std::string_view file);

}  // namespace sim
