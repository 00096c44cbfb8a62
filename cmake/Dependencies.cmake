# Every dependency comes from a Debian package named in scripts/install-deps.sh.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Boost 1.74 REQUIRED)   # header-only: Spirit X3
find_package(OpenSSL REQUIRED)      # SHA-256 of the token for cache keys

if(ODBC_PROVIDER STREQUAL "iODBC")
  pkg_check_modules(ODBC REQUIRED IMPORTED_TARGET libiodbc)
  add_library(PkgConfig::ODBCINST ALIAS PkgConfig::ODBC)
else()
  pkg_check_modules(ODBC REQUIRED IMPORTED_TARGET odbc)
  pkg_check_modules(ODBCINST REQUIRED IMPORTED_TARGET odbcinst)
endif()

if(TB_BUILD_TESTS)
  find_package(GTest REQUIRED)
  pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)
endif()
if(TB_BUILD_BENCH AND NOT TB_SANITIZE)
  find_package(benchmark)
endif()

# A room's library: every .cpp in the room's folder (sub-folders excluded).
function(tb_room_library name)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARGN})
endfunction()
