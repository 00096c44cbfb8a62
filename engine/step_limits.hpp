// Bounds the SQLite work of one statement: a cancel (SQLCancel from another
// thread) or the query timeout stops a long local computation, such as a
// large join over cached rows, just as they stop the API requests.
#pragma once

#include <atomic>

#include "api/client.hpp"

struct sqlite3;

namespace tb::engine {

struct StepLimits {
    const std::atomic<bool>* cancel = nullptr;
    api::Deadline deadline;
    bool cancelled() const { return cancel && cancel->load(); }
    bool expired() const { return deadline && std::chrono::steady_clock::now() >= *deadline; }
};

// Installs the progress handler that consults the limits of the thread
// stepping a statement (once per cache connection).
void install_step_limits(sqlite3* db);

// While alive, SQLite work on this thread is interrupted (SQLITE_INTERRUPT)
// once the limits are cancelled or expired. The progress handler belongs to
// the connection, the limits to the thread: another statement stepping on
// another thread is never stopped by this one's cancel.
class StepLimitScope {
public:
    explicit StepLimitScope(const StepLimits& limits);
    ~StepLimitScope();
    StepLimitScope(const StepLimitScope&) = delete;
    StepLimitScope& operator=(const StepLimitScope&) = delete;

private:
    const StepLimits* previous_;
};

} // namespace tb::engine
