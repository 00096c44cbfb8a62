// Descriptors (ARD, APD, IRD, IPD): the only place binding state lives.
#pragma once

#include <string>
#include <vector>

#include "driver/handle_base.hpp"
#include "driver/odbc.hpp"

namespace tb::driver {

struct Stmt;
struct Dbc;

struct DescRecord {
    SQLSMALLINT type = SQL_C_DEFAULT;          // verbose type
    SQLSMALLINT concise_type = SQL_C_DEFAULT;
    SQLSMALLINT datetime_interval_code = 0;
    SQLPOINTER data_ptr = nullptr;
    SQLLEN octet_length = 0;
    SQLLEN* octet_length_ptr = nullptr;
    SQLLEN* indicator_ptr = nullptr;
    SQLULEN length = 0;
    SQLSMALLINT precision = 0;
    SQLSMALLINT scale = 0;
    SQLSMALLINT parameter_type = SQL_PARAM_INPUT;
    SQLSMALLINT nullable = SQL_NULLABLE_UNKNOWN;
    SQLSMALLINT unnamed = SQL_UNNAMED;
    std::string name;
    bool bound() const { return data_ptr != nullptr || indicator_ptr != nullptr || octet_length_ptr != nullptr; }
};

enum class DescKind { ARD, APD, IRD, IPD };

struct Desc : Handle {
    explicit Desc(DescKind kind = DescKind::ARD, Dbc* owner = nullptr)
        : Handle(HandleKind::Desc), desc_kind(kind), dbc(owner) {}
    DescKind desc_kind;
    bool explicit_alloc = false;
    Dbc* dbc = nullptr;                        // owner of an explicit descriptor
    Stmt* stmt = nullptr;                      // owner of an implicit descriptor
    // Header fields.
    SQLULEN array_size = 1;
    SQLUSMALLINT* array_status_ptr = nullptr;
    SQLLEN* bind_offset_ptr = nullptr;
    SQLULEN bind_type = SQL_BIND_BY_COLUMN;
    SQLULEN* rows_processed_ptr = nullptr;
    std::vector<DescRecord> records;           // index 0 = bookmark column / unused
    DescRecord& record(SQLSMALLINT number);    // grows as needed
    SQLSMALLINT count() const;                 // highest bound record
};

} // namespace tb::driver
