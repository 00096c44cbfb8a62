# Linux packages of the driver (CPack): a .deb and an .rpm that install the
# shared library and register it with unixODBC as "Timebutler" in their
# maintainer scripts. Built by scripts/package.sh (cpack -G "DEB;RPM").
#
# One library path for both formats: the driver is registered by absolute
# path, so what matters is that the scripts and the package agree. Debian
# keeps ODBC drivers in /usr/lib/<multiarch>/odbc; the RPM uses the same path.
include(GNUInstallDirs)
# `cpack` (and the package test) install only what was built on purpose
# (scripts/package.sh builds the driver), rather than rebuilding every test
# and benchmark first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
set(TB_ODBC_DRIVER_NAME "Timebutler")
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(TB_DRIVER_INSTALL_DIR "lib/${CMAKE_LIBRARY_ARCHITECTURE}/odbc")
else()
  set(TB_DRIVER_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/odbc")
endif()
set(TB_PACKAGE_PREFIX "/usr")
set(TB_DRIVER_INSTALL_PATH "${TB_PACKAGE_PREFIX}/${TB_DRIVER_INSTALL_DIR}/libtimebutlerodbc.so")

# The library (libtimebutlerodbc.so.0.1.0 with its .so.0 and .so links; the
# registration names the .so). install(TARGETS) so that CPACK_STRIP_FILES
# strips it: RelWithDebInfo debug information would make the .deb 18 MB.
install(TARGETS timebutlerodbc LIBRARY DESTINATION ${TB_DRIVER_INSTALL_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/connection-keys.md
        DESTINATION share/doc/timebutler-odbc)

set(tb_scripts ${CMAKE_BINARY_DIR}/package-scripts)
foreach(script postinst prerm postrm rpm-post rpm-preun rpm-postun)
  configure_file(${PROJECT_SOURCE_DIR}/installer/linux/${script}.in ${tb_scripts}/${script} @ONLY)
  file(CHMOD ${tb_scripts}/${script} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
       GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

set(CPACK_PACKAGE_NAME "timebutler-odbc")
set(CPACK_PACKAGE_VENDOR "Timebutler ODBC driver project")
set(CPACK_PACKAGE_CONTACT "Timebutler ODBC driver project <odbc@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ODBC driver for the Timebutler HR API")
set(CPACK_PACKAGE_DESCRIPTION "A native ODBC 3.8 driver that makes a Timebutler account a SQL database for
Excel, Power BI, Tableau, LibreOffice, isql and pyodbc. Registered with unixODBC under the name Timebutler.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${TB_PACKAGE_PREFIX})
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)

# Debian: run-time libraries from dpkg-shlibdeps (libcurl4, libsqlite3-0,
# libodbcinst2, libc6, libstdc++6 with their versions), plus the driver
# manager and the odbcinst tool the maintainer scripts call.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libodbc2 | libodbc1 | unixodbc, odbcinst, libcurl4, libsqlite3-0")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${tb_scripts}/postinst ${tb_scripts}/prerm ${tb_scripts}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# RPM: shared-library requirements come from rpmbuild's automatic scan; the
# named ones make the driver manager and odbcinst present.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_GROUP "System Environment/Libraries")
set(CPACK_RPM_PACKAGE_REQUIRES "unixODBC, libcurl, sqlite-libs")
set(CPACK_RPM_PACKAGE_REQUIRES_POST "unixODBC")
set(CPACK_RPM_PACKAGE_REQUIRES_PREUN "unixODBC")
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE ${tb_scripts}/rpm-post)
set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE ${tb_scripts}/rpm-preun)
set(CPACK_RPM_POST_UNINSTALL_SCRIPT_FILE ${tb_scripts}/rpm-postun)
# /usr/lib/<multiarch> is not a directory RPM distributions own.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} /usr/share/doc)

set(CPACK_GENERATOR "DEB;RPM")
include(CPack)

# Client connectors: Power BI (.mez) and Tableau (.taco, .tdc).
add_subdirectory(${PROJECT_SOURCE_DIR}/installer ${CMAKE_BINARY_DIR}/installer)
