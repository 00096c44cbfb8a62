#include "engine/cursor.hpp"

#include <charconv>
#include <cstdlib>

namespace tb::engine {

RowsCursor::RowsCursor(std::vector<ColumnInfo> columns, std::vector<std::vector<Cell>> rows)
    : columns_(std::move(columns)), rows_(std::move(rows)) {}

bool RowsCursor::next() {
    if (position_ > rows_.size()) return false;
    ++position_;
    return position_ <= rows_.size();
}

CellType RowsCursor::type(int column) {
    const Cell& cell = rows_[position_ - 1][column];
    switch (cell.index()) {
    case 1: return CellType::Integer;
    case 2: return CellType::Real;
    case 3: return CellType::Text;
    default: return CellType::Null;
    }
}

std::int64_t RowsCursor::as_int(int column) {
    const Cell& cell = rows_[position_ - 1][column];
    if (auto* i = std::get_if<std::int64_t>(&cell)) return *i;
    if (auto* d = std::get_if<double>(&cell)) return static_cast<std::int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&cell)) {
        std::int64_t value = 0;
        std::from_chars(s->data(), s->data() + s->size(), value);
        return value;
    }
    return 0;
}

double RowsCursor::as_double(int column) {
    const Cell& cell = rows_[position_ - 1][column];
    if (auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
    if (auto* d = std::get_if<double>(&cell)) return *d;
    if (auto* s = std::get_if<std::string>(&cell)) return std::strtod(s->c_str(), nullptr);
    return 0;
}

std::string_view RowsCursor::as_text(int column) {
    const Cell& cell = rows_[position_ - 1][column];
    if (auto* s = std::get_if<std::string>(&cell)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&cell)) scratch_ = std::to_string(*i);
    else if (auto* d = std::get_if<double>(&cell)) scratch_ = std::to_string(*d);
    else scratch_.clear();
    return scratch_;
}

} // namespace tb::engine
