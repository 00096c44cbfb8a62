// POSIX half of the DSN dialog seam (setup_dialog.hpp): unixODBC and iODBC
// bring their own DSN editors (odbcinst, ODBCManageDataSourcesQ4, iodbcadm),
// so the driver shows none; a window handle is treated as absent.
#include "driver/platform/setup_dialog.hpp"

namespace tb::driver::platform {

bool setup_dialog_available() { return false; }

bool show_setup_dialog(void*, Attributes&, const DialogRequest&) { return false; }

void show_setup_message(void*, const std::string&) {}

} // namespace tb::driver::platform
