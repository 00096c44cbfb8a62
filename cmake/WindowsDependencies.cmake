# The Windows cross build's dependencies (scripts/build-windows.sh): static
# libraries built from Debian's source packages by scripts/windows-deps.sh
# under TB_WINDOWS_DEPS, the mingw-w64 sysroot's import libraries, and the
# same imported target names the Linux build uses, so the rooms' CMake files
# stay as they are.
set(TB_WINDOWS_DEPS "" CACHE PATH "folder of one target's built dependencies (scripts/windows-deps.sh)")
if(NOT TB_WINDOWS_DEPS)
  message(FATAL_ERROR "TB_WINDOWS_DEPS is not set: build through scripts/build-windows.sh")
endif()
find_package(Threads REQUIRED)

# Everything static, libstdc++, libgcc and winpthread included: objdump -p
# on the DLL lists only Windows system DLLs.
add_link_options(-static -static-libgcc -static-libstdc++)

add_library(CURL::libcurl STATIC IMPORTED)
set_target_properties(CURL::libcurl PROPERTIES
  IMPORTED_LOCATION ${TB_WINDOWS_DEPS}/curl/lib/libcurl.a
  INTERFACE_INCLUDE_DIRECTORIES ${TB_WINDOWS_DEPS}/curl/include
  INTERFACE_COMPILE_DEFINITIONS CURL_STATICLIB
  # Schannel, SSPI, Winsock, the certificate store; zlib from libz-mingw-w64-dev.
  INTERFACE_LINK_LIBRARIES "${CMAKE_FIND_ROOT_PATH}/lib/libz.a;ws2_32;crypt32;secur32;bcrypt;advapi32;iphlpapi")

add_library(SQLite::SQLite3 STATIC IMPORTED)
set_target_properties(SQLite::SQLite3 PROPERTIES
  IMPORTED_LOCATION ${TB_WINDOWS_DEPS}/sqlite/lib/libsqlite3.a
  INTERFACE_INCLUDE_DIRECTORIES ${TB_WINDOWS_DEPS}/sqlite/include)

# Header-only Spirit X3: the host's Boost headers, seen through a folder that
# holds only boost/ (so glibc's headers stay out of the cross build).
add_library(Boost::headers INTERFACE IMPORTED)
set_target_properties(Boost::headers PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES ${TB_WINDOWS_DEPS}/../boost-include)

# The Windows driver manager (odbc32) and installer library (odbccp32: DSN
# keys from the registry through SQLGetPrivateProfileString).
add_library(PkgConfig::ODBC INTERFACE IMPORTED)
set_target_properties(PkgConfig::ODBC PROPERTIES INTERFACE_LINK_LIBRARIES odbc32)
add_library(PkgConfig::ODBCINST INTERFACE IMPORTED)
set_target_properties(PkgConfig::ODBCINST PROPERTIES INTERFACE_LINK_LIBRARIES odbccp32)

if(TB_BUILD_TESTS)
  # GoogleTest from Debian's source in /usr/src/googletest, built here.
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  set(gtest_disable_pthreads OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
  # Its CMake defines GTest::gtest and GTest::gtest_main itself.
endif()

# windows.h without min/max macros and the rarely used headers; Windows 10
# APIs; gmtime_r and localtime_r, as mingw-w64's time.h declares them with
# _POSIX_THREAD_SAFE_FUNCTIONS (the rooms call them; Linux has them anyway).
add_compile_definitions(NOMINMAX WIN32_LEAN_AND_MEAN _WIN32_WINNT=0x0A00 _POSIX_THREAD_SAFE_FUNCTIONS)
