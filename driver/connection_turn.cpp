#include "driver/connection_turn.hpp"

namespace tb::driver {

ConnectionTurn::Outcome ConnectionTurn::take(const void* handle, const std::atomic<bool>* cancel) {
    std::unique_lock lock(mutex_);
    // The node stays put while this call is registered (count > 0).
    Calls& calls = calls_[handle];
    ++calls.count;
    const auto self = std::this_thread::get_id();
    if (depth_ > 0 && holder_ == self) {
        ++depth_;
        return Outcome::Taken;
    }
    changed_.wait(lock, [&] { return depth_ == 0 || calls.freed || (cancel && cancel->load()); });
    if (calls.freed) {
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
    return calls_.count(handle) != 0;
}

void ConnectionTurn::wake() {
    // Taking the mutex orders the flag set before it with the waiters' checks:
    // a waiter cannot miss the notification between its check and its wait.
    std::lock_guard lock(mutex_);
    changed_.notify_all();
}

void ConnectionTurn::drop_waiters(const void* handle) {
    std::unique_lock lock(mutex_);
    auto it = calls_.find(handle);
    if (it == calls_.end()) return;
    it->second.freed = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return calls_.count(handle) == 0; });
}

void ConnectionTurn::unregister(const void* handle) {
    auto it = calls_.find(handle);
    if (it != calls_.end() && --it->second.count == 0) calls_.erase(it);
}

} // namespace tb::driver
