# What both Windows toolchains share (mingw-x64.cmake, mingw-x86.cmake set
# CMAKE_SYSTEM_PROCESSOR and TB_MINGW_TRIPLE, then include this): Debian's
# mingw-w64 with the posix thread model (the win32 model has no std::thread).
# Used by scripts/build-windows.sh.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_C_COMPILER   ${TB_MINGW_TRIPLE}-gcc-posix)
set(CMAKE_CXX_COMPILER ${TB_MINGW_TRIPLE}-g++-posix)
set(CMAKE_RC_COMPILER  ${TB_MINGW_TRIPLE}-windres)
# Dependencies built by scripts/build-windows.sh are found through
# CMAKE_PREFIX_PATH; only the mingw sysroot otherwise.
set(CMAKE_FIND_ROOT_PATH /usr/${TB_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Static archives only: no MinGW runtime DLL ships beside the driver.
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
