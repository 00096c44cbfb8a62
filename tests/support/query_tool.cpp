// tb_query: runs one statement in a process of its own through the driver
// manager and prints its rows, columns separated by '|' (isql -b -d'|' for
// the Windows suite under Wine, which has no isql): the "another process"
// of the cache tests (tests/support/test_platform_windows.cpp).
// Usage: tb_query CONNECTION-STRING SQL     exit 0 on success, 1 on an error
#include <cstdio>
#include <exception>

#include "tests/support/odbc_session.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: tb_query CONNECTION-STRING SQL\n");
        return 2;
    }
    tb::test::OdbcConnection connection;
    if (!SQL_SUCCEEDED(connection.connect(argv[1]))) {
        for (const auto& d : connection.connect_diag()) std::printf("ERROR %s %s\n", d.sqlstate.c_str(), d.message.c_str());
        return 1;
    }
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
    int status = 0;
    if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR*)argv[2], SQL_NTS))) {
        for (const auto& d : tb::test::diagnostics(SQL_HANDLE_STMT, stmt))
            std::printf("ERROR %s %s\n", d.sqlstate.c_str(), d.message.c_str());
        status = 1;
    } else {
        SQLSMALLINT columns = 0;
        SQLNumResultCols(stmt, &columns);
        try {
            // A statement without a result set (INSERT) prints nothing, as isql.
            if (columns > 0)
                for (const auto& row : tb::test::fetch_rows(stmt)) {
                    for (std::size_t c = 0; c < row.size(); ++c)
                        std::printf("%s%s", c ? "|" : "", row[c] ? row[c]->c_str() : "");
                    std::printf("\n");
                }
        } catch (const std::exception& e) {
            std::printf("ERROR %s\n", e.what());
            status = 1;
        }
    }
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return status;
}
