// The ODBC headers of the chosen driver manager, in one place.
#pragma once

#ifdef TB_IODBC
#include <iodbcext.h>
#endif
#ifdef _WIN32
#include <windows.h>  // Windows' sql.h expects its types (NOMINMAX, WIN32_LEAN_AND_MEAN: cmake/WindowsDependencies.cmake)
#endif
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
#include <odbcinst.h>

// iODBC's headers (3.52) stop short of ODBC 3.80: the values below are the
// ones of the ODBC 3.80 specification, which unixODBC's headers carry.
#ifndef SQL_OV_ODBC3_80
#define SQL_OV_ODBC3_80 380UL
#endif
#ifndef SQL_CONVERT_GUID
#define SQL_CONVERT_GUID 173
#endif
#ifndef SQL_ASYNC_DBC_FUNCTIONS
#define SQL_ASYNC_DBC_FUNCTIONS 10023
#define SQL_ASYNC_DBC_NOT_CAPABLE 0x00000000L
#endif
#ifndef SQL_DRIVER_AWARE_POOLING_SUPPORTED
#define SQL_DRIVER_AWARE_POOLING_SUPPORTED 10024
#define SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE 0x00000000L
#endif
#ifndef SQL_ASYNC_NOTIFICATION
#define SQL_ASYNC_NOTIFICATION 10025
#define SQL_ASYNC_NOTIFICATION_NOT_CAPABLE 0x00000000L
#endif

// The last parameter of SQLColAttribute(W): SQLLEN* in the ODBC 3.x
// headers, SQLPOINTER in 32-bit Windows' sql.h (the same ABI there, but C++
// refuses the other spelling of a declared C function).
#if defined(_WIN32) && !defined(_WIN64)
using ColAttributeNumeric = SQLPOINTER;
#else
using ColAttributeNumeric = SQLLEN*;
#endif

// Every ODBC entry point: C linkage, exported (everything else is hidden).
// On Windows the .def made from exports.map names the exports instead.
#ifdef _WIN32
#define TB_EXPORT extern "C"
#else
#define TB_EXPORT extern "C" __attribute__((visibility("default")))
#endif
