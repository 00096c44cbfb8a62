#include "engine/step_limits.hpp"

#include <sqlite3.h>

namespace tb::engine {
namespace {

thread_local const StepLimits* tl_limits = nullptr;

// Every kProgressOps virtual-machine instructions: cheap enough to leave on
// (a thread-local read, an atomic load and a clock read only under a scope).
constexpr int kProgressOps = 20000;

int on_progress(void*) {
    const StepLimits* limits = tl_limits;
    return limits && (limits->cancelled() || limits->expired()) ? 1 : 0;
}

} // namespace

void install_step_limits(sqlite3* db) { sqlite3_progress_handler(db, kProgressOps, &on_progress, nullptr); }

StepLimitScope::StepLimitScope(const StepLimits& limits) : previous_(tl_limits) { tl_limits = &limits; }

StepLimitScope::~StepLimitScope() { tl_limits = previous_; }

} // namespace tb::engine
