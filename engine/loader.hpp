// Decodes one API response and replaces its partition's rows in the cache,
// mapping CSV headers to catalog columns and parsing values by their type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "engine/error.hpp"

namespace tb::engine {

class Cache;

// Key column name -> the value that was requested (as text: "2024", "2024-05-01").
using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct LoadResult {
    std::int64_t rows = 0;
    std::vector<Warning> warnings;
};

// What a message about the answer may say, and must not.
struct LoadContext {
    std::string request;              // the request parameters, "year=2024&month=3", naming the partition
    std::vector<std::string> secrets; // the tokens, scrubbed from any response text quoted
};

// A line of the answer that cannot be decoded (a field count other than the
// header's) is an error naming table, partition and line: the partition is
// not loaded, never merged or shortened.
LoadResult load_partition(Cache& cache, const catalog::Table& table, std::int64_t part,
                          std::string_view body, const KeyValues& keys, const LoadContext& context = {});

// Bounds of the run-time columns of one table (the catalog says which tables
// have them): names beyond these are dropped with a warning, so no answer can
// grow the cache table towards SQLite's column limit.
inline constexpr std::size_t kMaxRuntimeColumns = 200;
inline constexpr std::size_t kMaxRuntimeNameBytes = 64;

// Value parsers, exposed for unit tests. They return false when the text does
// not parse; out receives the SQLite text form ("2024-03-01", "08:30:00").
bool parse_date_dmy(std::string_view text, std::string& out);
bool parse_time_hm(std::string_view text, std::string& out);
bool parse_epoch_millis(std::string_view text, std::string& out);
// ISO 8601 ("2025-01-02T08:30:00", with a fraction, 'Z' or an offset, which
// is turned to UTC; a date alone is midnight) -> "2025-01-02 08:30:00".
bool parse_iso_timestamp(std::string_view text, std::string& out);
// Epoch milliseconds (digits only) or ISO 8601.
bool parse_timestamp(std::string_view text, std::string& out);
bool parse_integer(std::string_view text, std::int64_t& out);
bool parse_decimal(std::string_view text, double& out);
bool parse_bool(std::string_view text, bool& out);
bool is_blank(std::string_view text);

// Run-time column names of a response header that no catalog column matches
// (absence additional fields prefixed with their absence type), made unique
// with _2, _3 in linear time.
std::vector<std::string> runtime_column_names(const catalog::Table& table, const std::vector<std::string>& header);

} // namespace tb::engine
