# Every dependency comes from a Debian package named in scripts/install-deps.sh.
# A room's library: every .cpp in the room's folder (sub-folders excluded).
function(tb_room_library name)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARGN})
endfunction()

# RapidJSON (Debian's rapidjson-dev): header-only, so the Windows cross
# build uses the same headers. Only its own folder is copied into the build
# tree: adding /usr/include itself would hand the host's C headers to mingw.
find_path(TB_RAPIDJSON_DIR rapidjson/reader.h PATHS /usr/include NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT TB_RAPIDJSON_DIR)
  message(FATAL_ERROR "RapidJSON not found: install rapidjson-dev (scripts/install-deps.sh)")
endif()
file(COPY ${TB_RAPIDJSON_DIR}/rapidjson DESTINATION ${CMAKE_BINARY_DIR}/third_party/include)
add_library(tb_rapidjson INTERFACE)
target_include_directories(tb_rapidjson SYSTEM INTERFACE ${CMAKE_BINARY_DIR}/third_party/include)

if(WIN32)
  include(${CMAKE_CURRENT_LIST_DIR}/WindowsDependencies.cmake)
  return()
endif()

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Boost 1.74 REQUIRED)   # header-only: Spirit X3
find_package(OpenSSL REQUIRED)      # SHA-256 of the token for cache keys

if(ODBC_PROVIDER STREQUAL "iODBC")
  # On Debian, libiodbc2-dev conflicts with unixodbc-dev, so a machine that
  # builds both variants cannot install it: scripts/iodbc-headers.sh unpacks
  # its .deb and IODBC_DEV_ROOT points there; the libraries come from the
  # runtime package libiodbc2, which installs beside unixODBC. Without
  # IODBC_DEV_ROOT an installed libiodbc2-dev is used through pkg-config.
  set(IODBC_DEV_ROOT "" CACHE PATH "unpacked libiodbc2-dev (its usr/include/iodbc); empty: pkg-config libiodbc")
  if(IODBC_DEV_ROOT)
    find_path(IODBC_INCLUDE_DIR sqlext.h PATHS ${IODBC_DEV_ROOT}/usr/include/iodbc NO_DEFAULT_PATH REQUIRED)
    find_library(IODBC_LIBRARY NAMES iodbc libiodbc.so.2 REQUIRED)
    find_library(IODBCINST_LIBRARY NAMES iodbcinst libiodbcinst.so.2 REQUIRED)
    add_library(PkgConfig::ODBC INTERFACE IMPORTED)
    set_target_properties(PkgConfig::ODBC PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${IODBC_INCLUDE_DIR}
                                                     INTERFACE_LINK_LIBRARIES ${IODBC_LIBRARY})
    add_library(PkgConfig::ODBCINST INTERFACE IMPORTED)
    set_target_properties(PkgConfig::ODBCINST PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${IODBC_INCLUDE_DIR}
                                                         INTERFACE_LINK_LIBRARIES ${IODBCINST_LIBRARY})
  else()
    pkg_check_modules(ODBC REQUIRED IMPORTED_TARGET libiodbc)
    add_library(PkgConfig::ODBCINST ALIAS PkgConfig::ODBC)
  endif()
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
