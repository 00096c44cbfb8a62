// The ODBC headers of the chosen driver manager, in one place.
#pragma once

#ifdef TB_IODBC
#include <iodbcext.h>
#endif
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
#include <odbcinst.h>

// Every ODBC entry point: C linkage, exported (everything else is hidden).
#define TB_EXPORT extern "C" __attribute__((visibility("default")))
