// The DSN dialog: one seam, one file per platform (setup_dialog_windows.cpp
// with setup_dialog.rc, setup_dialog_posix.cpp). Callers show it only when
// they were given a window handle; without one nothing here is called.
#pragma once

#include <functional>
#include <string>

#include "driver/connection_string.hpp"

namespace tb::driver::platform {

struct DialogRequest {
    // The DSN name and description are editable when a DSN is added or
    // configured, fixed when SQLDriverConnect asks for missing keys.
    bool edit_dsn_name = true;
    // "Test connection": connects with the values shown and returns what a
    // person should read (number of users, or the first error with advice).
    std::function<std::string(const Attributes&)> test_connection;
};

// Whether this platform has the dialog (Windows: yes; POSIX: no, callers
// then behave as without a window handle).
bool setup_dialog_available();

// Shows the dialog modally over `parent`, filled from `values`. OK: `values`
// holds what the user left in the fields (emptied fields as empty values)
// and true is returned; Cancel: false, `values` unchanged. Throws
// engine::Error when the dialog cannot be shown.
bool show_setup_dialog(void* parent, Attributes& values, const DialogRequest& request);

// Tells the user over `parent` why the values were not accepted.
void show_setup_message(void* parent, const std::string& text);

} // namespace tb::driver::platform
