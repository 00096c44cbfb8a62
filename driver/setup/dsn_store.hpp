// A DSN's keys read, written and removed through the installer API
// (odbcinst: SQLWriteDSNToIni, SQLWritePrivateProfileString,
// SQLRemoveDSNFromIni), which puts them where the driver manager looks:
// the registry on Windows (HKCU for a user DSN, HKLM for a system DSN, by the
// config mode SQLConfigDataSource sets), odbc.ini files under unixODBC.
#pragma once

#include <string>

#include "driver/connection_string.hpp"
#include "driver/platform/secret_store.hpp"

namespace tb::driver::setup {

// The scope of the DSN being configured (SQLGetConfigMode): a system DSN's
// token is protected for the machine, any other for the user.
platform::SecretScope current_scope();

// Every key the DSN holds, tokens revealed. A token that cannot be revealed
// (saved by another user) is left out: the dialog then asks for it again.
Attributes read_dsn(const std::string& dsn);

// Creates or replaces the DSN `dsn` of driver `driver` with `values`: empty
// values are removed, Token, PWD, Password and PersonnelToken stored protected
// (secret_store.hpp). Throws engine::Error with the installer's reason.
void write_dsn(const std::string& dsn, const std::string& driver, const Attributes& values, bool create);

void remove_dsn(const std::string& dsn);

// Whether `dsn` is a valid data source name (SQLValidDSN: not empty, at
// most 32 characters, none of []{}(),;?*=!@\).
bool valid_dsn_name(const std::string& dsn);

} // namespace tb::driver::setup
