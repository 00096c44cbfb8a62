// SQLDriverConnect's dialog rules (the ODBC specification's, as psqlODBC
// keeps them): with no window handle, never any UI; SQL_DRIVER_PROMPT
// always shows the dialog; SQL_DRIVER_COMPLETE and _COMPLETE_REQUIRED only
// when a key the connection needs (Server, Token or PWD, and with
// Source=goodtime also UID) is in neither the connection string nor its DSN;
// SQL_DRIVER_NOPROMPT never.
#pragma once

#include "driver/connection_string.hpp"
#include "driver/odbc.hpp"

namespace tb::driver::setup {

bool wants_dialog(SQLHWND window, SQLUSMALLINT completion, const Attributes& given);

// Shows the dialog filled from `given` and its DSN. OK: `given` receives the
// keys the user typed or changed (a DSN's token left as it was is not copied
// into the connection string, so it never reaches the completed string) and
// true is returned; Cancel: false (SQL_NO_DATA).
bool prompt_for_connection(SQLHWND window, Attributes& given);

} // namespace tb::driver::setup
