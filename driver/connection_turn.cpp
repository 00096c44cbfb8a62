#include "driver/connection_turn.hpp"

#include <algorithm>

namespace tb::driver {

// calls_ is a short unsorted list (one entry per handle with a call waiting
// or running: a few at most) that keeps its capacity, so a call in the
// common case - SQLGetData per cell, nobody waiting - allocates nothing.
ConnectionTurn::Calls* ConnectionTurn::find(const void* handle) {
    for (auto& entry : calls_)
        if (entry.handle == handle) return &entry.calls;
    return nullptr;
}

ConnectionTurn::Outcome ConnectionTurn::take(const void* handle, const std::atomic<bool>* cancel) {
    std::unique_lock lock(mutex_);
    if (Calls* calls = find(handle)) ++calls->count;
    else calls_.push_back({handle, Calls{1, false}});
    const auto self = std::this_thread::get_id();
    if (depth_ > 0 && holder_ == self) {
        ++depth_;
        return Outcome::Taken;
    }
    // The entry may move while this call waits (others register and leave):
    // it is looked up again each time.
    changed_.wait(lock, [&] { return depth_ == 0 || find(handle)->freed || (cancel && cancel->load()); });
    if (find(handle)->freed) {
        unregister(handle);
        changed_.notify_all();
        return Outcome::Freed;
    }
    // A cancel that arrived while waiting wins even when the turn came free
    // at the same moment: the statement never starts.
    if (cancel && cancel->load()) return Outcome::Cancelled;
    holder_ = self;
    depth_ = 1;
    return Outcome::Taken;
}

void ConnectionTurn::leave(const void* handle, bool held) {
    std::lock_guard lock(mutex_);
    if (held && --depth_ == 0) holder_ = std::thread::id();
    unregister(handle);
    changed_.notify_all();
}

bool ConnectionTurn::in_call(const void* handle) {
    std::lock_guard lock(mutex_);
    return find(handle) != nullptr;
}

void ConnectionTurn::wake() {
    // Taking the mutex orders the flag set before it with the waiters' checks:
    // a waiter cannot miss the notification between its check and its wait.
    std::lock_guard lock(mutex_);
    changed_.notify_all();
}

void ConnectionTurn::drop_waiters(const void* handle) {
    std::unique_lock lock(mutex_);
    Calls* calls = find(handle);
    if (!calls) return;
    calls->freed = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return find(handle) == nullptr; });
}

void ConnectionTurn::unregister(const void* handle) {
    const auto it = std::find_if(calls_.begin(), calls_.end(), [&](const Entry& e) { return e.handle == handle; });
    if (it == calls_.end() || --it->calls.count > 0) return;
    *it = calls_.back();
    calls_.pop_back();
}

} // namespace tb::driver
