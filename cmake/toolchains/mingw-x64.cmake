# Cross-compiles for Windows x64 with Debian's mingw-w64 (mingw-common.cmake).
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(TB_MINGW_TRIPLE x86_64-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-common.cmake)
