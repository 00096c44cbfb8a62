// A result set as the driver sees it: column metadata and a forward cursor
// whose cells are read in place (valid until the next call to next()).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalog/catalog.hpp"

namespace tb::engine {

struct ColumnInfo {
    std::string name;              // label (alias or column name)
    catalog::SqlType type = catalog::SqlType::WVarchar;
    int size = 255;                // characters, or precision for numbers
    int scale = 0;
    bool nullable = true;
    std::string table;             // base table, "" for expressions
    std::string base_column;       // base column, "" for expressions
};

enum class CellType { Null, Integer, Real, Text };

class Cursor {
public:
    virtual ~Cursor() = default;
    virtual const std::vector<ColumnInfo>& columns() const = 0;
    // Moves to the next row; false at the end.
    virtual bool next() = 0;
    virtual CellType type(int column) = 0;
    virtual std::int64_t as_int(int column) = 0;
    virtual double as_double(int column) = 0;
    virtual std::string_view as_text(int column) = 0;
};

// A result held in memory: catalog functions, EXPLAIN, SQLGetTypeInfo.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;
class RowsCursor final : public Cursor {
public:
    RowsCursor(std::vector<ColumnInfo> columns, std::vector<std::vector<Cell>> rows);
    const std::vector<ColumnInfo>& columns() const override { return columns_; }
    bool next() override;
    CellType type(int column) override;
    std::int64_t as_int(int column) override;
    double as_double(int column) override;
    std::string_view as_text(int column) override;

private:
    std::vector<ColumnInfo> columns_;
    std::vector<std::vector<Cell>> rows_;
    std::size_t position_ = 0;     // 1-based after the first next()
    std::string scratch_;
};

} // namespace tb::engine
