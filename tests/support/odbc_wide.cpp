#include "tests/support/odbc_wide.hpp"

namespace tb::test {

WString wide(const std::string& utf8) {
    WString out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        char32_t c = b;
        int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
        if (extra) c = b & (0x3F >> extra);
        for (int k = 1; k <= extra && i + k < utf8.size(); ++k) c = (c << 6) | (utf8[i + k] & 0x3F);
        i += std::size_t(extra) + 1;
        if (sizeof(SQLWCHAR) == 2 && c >= 0x10000) {
            c -= 0x10000;
            out.push_back(SQLWCHAR(0xD800 + (c >> 10)));
            out.push_back(SQLWCHAR(0xDC00 + (c & 0x3FF)));
        } else {
            out.push_back(SQLWCHAR(c));
        }
    }
    return out;
}

std::string narrow(const SQLWCHAR* text, SQLLEN length) {
    std::string out;
    if (length == SQL_NTS) {
        length = 0;
        while (text[length]) ++length;
    }
    for (SQLLEN i = 0; i < length; ++i) {
        char32_t c = text[i];
        if (sizeof(SQLWCHAR) == 2 && c >= 0xD800 && c <= 0xDBFF && i + 1 < length) {
            c = 0x10000 + ((c - 0xD800) << 10) + (char32_t(text[i + 1]) - 0xDC00);
            ++i;
        }
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        } else {
            out += char(0xF0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3F));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::string diag_text(SQLSMALLINT type, SQLHANDLE handle) {
    std::string text;
    for (const auto& d : diagnostics(type, handle)) text += d.sqlstate + " " + d.message + "\n";
    return text;
}

std::string first_state(SQLSMALLINT type, SQLHANDLE handle) {
    auto diags = diagnostics(type, handle);
    return diags.empty() ? "" : diags[0].sqlstate;
}

WideConnection::WideConnection(const std::string& connection_string, SQLINTEGER odbc_version) {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQLLEN(odbc_version)), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
    WString in = wide(connection_string);
    SQLWCHAR out[2048];
    SQLSMALLINT out_length = 0;
    SQLRETURN rc = SQLDriverConnectW(dbc_, nullptr, in.data(), SQL_NTS, out, 2048, &out_length, SQL_DRIVER_NOPROMPT);
    connected_ = SQL_SUCCEEDED(rc);
    EXPECT_TRUE(connected_) << diag_text(SQL_HANDLE_DBC, dbc_);
}

WideConnection::~WideConnection() {
    if (connected_) SQLDisconnect(dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    SQLFreeHandle(SQL_HANDLE_ENV, env_);
}

StatementHandle::StatementHandle(SQLHDBC dbc) {
    SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt_);
    EXPECT_TRUE(SQL_SUCCEEDED(rc)) << diag_text(SQL_HANDLE_DBC, dbc);
}

StatementHandle::~StatementHandle() {
    if (stmt_) SQLFreeHandle(SQL_HANDLE_STMT, stmt_);
}

} // namespace tb::test
