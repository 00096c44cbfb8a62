# Cross-compiles for Windows x86 with Debian's mingw-w64 (mingw-common.cmake).
set(CMAKE_SYSTEM_PROCESSOR i686)
set(TB_MINGW_TRIPLE i686-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-common.cmake)
