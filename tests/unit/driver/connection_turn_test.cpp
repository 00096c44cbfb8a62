// The turns of one connection's calls (driver/connection_turn.hpp): one call
// at a time, nested takes by the holder, a cancel that ends a wait, and a
// freed handle whose waiting calls leave before it is deleted. The threads
// wait for each other through in_call(), never through sleeps.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "driver/connection_turn.hpp"

using tb::driver::ConnectionTurn;
using Outcome = ConnectionTurn::Outcome;

namespace {

char handles[3];   // three distinct addresses standing for handles
const void* const a = &handles[0];
const void* const b = &handles[1];
const void* const connection = &handles[2];

void wait_until_in_call(ConnectionTurn& turns, const void* handle) {
    while (!turns.in_call(handle)) std::this_thread::yield();
}

// Calls on different statements of one connection never overlap: a plain
// counter stays exact (and ThreadSanitizer sees every access ordered).
TEST(ConnectionTurn, OneCallAtATime) {
    ConnectionTurn turns;
    long counter = 0;
    int inside = 0;
    bool overlapped = false;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            const void* handle = t % 2 ? a : b;
            for (int i = 0; i < 2000; ++i) {
                ASSERT_EQ(turns.take(handle, nullptr), Outcome::Taken);
                if (++inside != 1) overlapped = true;
                ++counter;
                --inside;
                turns.leave(handle, true);
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_FALSE(overlapped);
    EXPECT_EQ(counter, 4 * 2000);
    EXPECT_FALSE(turns.in_call(a));
    EXPECT_FALSE(turns.in_call(b));
}

// The holder takes the turn again (a call inside a call) without waiting for itself.
TEST(ConnectionTurn, HolderTakesItAgain) {
    ConnectionTurn turns;
    ASSERT_EQ(turns.take(connection, nullptr), Outcome::Taken);
    ASSERT_EQ(turns.take(a, nullptr), Outcome::Taken);
    turns.leave(a, true);
    EXPECT_FALSE(turns.in_call(a));
    EXPECT_TRUE(turns.in_call(connection));
    // Still held: another thread waits until the outer call leaves.
    std::atomic<bool> other_took{false};
    std::thread other([&] {
        EXPECT_EQ(turns.take(b, nullptr), Outcome::Taken);
        other_took = true;
        turns.leave(b, true);
    });
    wait_until_in_call(turns, b);
    EXPECT_FALSE(other_took.load());
    turns.leave(connection, true);
    other.join();
    EXPECT_TRUE(other_took.load());
}

// SQLCancel of a call that waits: the wait ends with Cancelled, the turn stays with its holder.
TEST(ConnectionTurn, CancelEndsAWait) {
    ConnectionTurn turns;
    ASSERT_EQ(turns.take(a, nullptr), Outcome::Taken);
    std::atomic<bool> cancel{false};
    Outcome outcome = Outcome::Taken;
    std::thread waiting([&] {
        outcome = turns.take(b, &cancel);
        if (outcome == Outcome::Cancelled) turns.leave(b, false);
    });
    wait_until_in_call(turns, b);
    cancel = true;
    turns.wake();
    waiting.join();
    EXPECT_EQ(outcome, Outcome::Cancelled);
    EXPECT_FALSE(turns.in_call(b));
    // The holder still holds it: a nested take does not wait.
    EXPECT_EQ(turns.take(a, nullptr), Outcome::Taken);
    turns.leave(a, true);
    turns.leave(a, true);
    // Free again for anyone.
    std::thread next([&] {
        EXPECT_EQ(turns.take(b, nullptr), Outcome::Taken);
        turns.leave(b, true);
    });
    next.join();
}

// Freeing a statement while a call on it waits: the wait ends with Freed
// and drop_waiters returns once it has left; a call on another statement
// keeps waiting and takes the turn when the holder leaves.
TEST(ConnectionTurn, FreeingAStatementEndsTheWaitOnIt) {
    ConnectionTurn turns;
    ASSERT_EQ(turns.take(connection, nullptr), Outcome::Taken);
    turns.drop_waiters(a);   // nobody waits: returns at once
    Outcome on_a = Outcome::Taken, on_b = Outcome::Freed;
    std::thread waiting_a([&] { on_a = turns.take(a, nullptr); });
    std::thread waiting_b([&] {
        on_b = turns.take(b, nullptr);
        if (on_b == Outcome::Taken) turns.leave(b, true);
    });
    wait_until_in_call(turns, a);
    wait_until_in_call(turns, b);
    turns.drop_waiters(a);
    EXPECT_FALSE(turns.in_call(a));
    waiting_a.join();
    EXPECT_EQ(on_a, Outcome::Freed);
    EXPECT_TRUE(turns.in_call(b));
    turns.leave(connection, true);
    waiting_b.join();
    EXPECT_EQ(on_b, Outcome::Taken);
    EXPECT_FALSE(turns.in_call(b));
}

} // namespace
