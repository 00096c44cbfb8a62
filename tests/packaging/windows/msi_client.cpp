// The MSI test's client under Wine (tests/packaging/msi_wine_test.sh): after
// `msiexec /i`, lists the drivers Wine's driver manager knows (SQLDrivers)
// and connects DSN-less by driver name, Driver={Timebutler}, to the simulator.
//   msi_client.exe SERVER TOKEN CAFILE
#include "tests/packaging/windows/odbc_client_common.hpp"

using namespace tb::wine_test;

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: msi_client SERVER TOKEN CAFILE\n");
        return 2;
    }
    SQLHENV env = nullptr;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLCHAR name[256], attributes[1024];
    SQLSMALLINT name_length = 0, attributes_length = 0;
    SQLUSMALLINT direction = SQL_FETCH_FIRST;
    while (SQL_SUCCEEDED(SQLDrivers(env, direction, name, sizeof name, &name_length, attributes, sizeof attributes,
                                    &attributes_length))) {
        report("driver", reinterpret_cast<char*>(name));
        direction = SQL_FETCH_NEXT;
    }
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    const std::string connection = std::string("Driver={Timebutler};Server=") + argv[1] + ";Token=" + argv[2] +
                                   ";CAFile=" + argv[3] + ";Cache=memory";
    report("users", count_users(connection));
    return 0;
}
