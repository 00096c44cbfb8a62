#include "driver/diagnostics.hpp"

namespace tb::driver {

void Diagnostics::add(std::string sqlstate, std::string message, SQLINTEGER native, SQLLEN row, SQLINTEGER column) {
    constexpr std::string_view prefix = "[Timebutler][ODBC]";
    if (message.rfind(prefix, 0) != 0) message = std::string(prefix) + message;
    records.push_back({std::move(sqlstate), std::move(message), native, row, column});
}

bool Diagnostics::has_errors() const {
    for (const auto& r : records)
        if (r.sqlstate.rfind("01", 0) != 0) return true;
    return false;
}

const char* class_origin(const std::string& sqlstate) {
    // ODBC-specific classes per the ODBC reference (SQLGetDiagField, SQL_DIAG_CLASS_ORIGIN).
    static const char* odbc_classes[] = {"IM", "HY", "01S", "07S", "08S", "21S", "25S", "42S", "HYT", "HYC"};
    for (const char* c : odbc_classes)
        if (sqlstate.rfind(c, 0) == 0) return "ODBC 3.0";
    return "ISO 9075";
}

} // namespace tb::driver
