// Trying a cache operation again while another connection or process holds
// the file. SQLite's busy timeout waits for a lock in most cases, but answers
// "database is locked" at once where waiting could deadlock (a write that
// would upgrade a read, a set-up racing another process's); those operations
// are safe to repeat, so they are repeated every 20 ms within the budget.
#pragma once

#include <chrono>
#include <thread>

#include "engine/error.hpp"

namespace tb::engine {

// Calls attempt() until it returns normally; after an Error it tries again
// while should_retry(error) holds and the budget has not passed, else the
// Error propagates.
template <class Attempt, class ShouldRetry>
void retry_while_busy(std::chrono::milliseconds budget, Attempt&& attempt, ShouldRetry&& should_retry) {
    const auto give_up = std::chrono::steady_clock::now() + budget;
    for (;;) {
        try {
            attempt();
            return;
        } catch (const Error& e) {
            if (!should_retry(e) || std::chrono::steady_clock::now() >= give_up) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

} // namespace tb::engine
