# The Windows DLL's exports: a .def file generated from driver/exports.map,
# the GNU ld version script the Linux driver uses, so the two lists cannot
# drift (tests/wine/exports_test.sh compares the DLL with the map).
function(tb_windows_exports target map)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${map})
  # Every "    Name;" line (the SQL* entry points and ConfigDSN) and every
  # "    windows-only Name;" line (ConfigDSNW, in a comment of the map).
  file(STRINGS ${map} lines REGEX "^[ \t]+(windows-only[ \t]+)?[A-Za-z][A-Za-z0-9]*;")
  set(def "LIBRARY timebutlerodbc\nEXPORTS\n")
  foreach(line ${lines})
    string(REGEX REPLACE "^[ \t]+(windows-only[ \t]+)?([A-Za-z][A-Za-z0-9]*);.*" "\\2" name "${line}")
    string(APPEND def "    ${name}\n")
  endforeach()
  set(def_file ${CMAKE_CURRENT_BINARY_DIR}/${target}.def)
  file(GENERATE OUTPUT ${def_file} CONTENT "${def}")
  target_sources(${target} PRIVATE ${def_file})
  set_target_properties(${target} PROPERTIES PREFIX "" OUTPUT_NAME timebutlerodbc)
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  if(CMAKE_SIZEOF_VOID_P EQUAL 4)
    # 32-bit ODBC entry points are __stdcall (SQLConnect@28 inside): export
    # them undecorated, as odbc32 looks them up.
    target_link_options(${target} PRIVATE -Wl,--kill-at -Wl,--enable-stdcall-fixup)
  endif()
endfunction()
