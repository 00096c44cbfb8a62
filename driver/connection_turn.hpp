// The turns that the calls on one connection's statements take: they share
// the connection's engine::Session (its SQLite cache handle, opened without
// SQLite's own mutex; its HTTP client; its bearer token; its call budget),
// which is not safe for two threads at once. So, as in psqlODBC and MariaDB
// Connector/ODBC, a call that touches the session holds the connection's
// turn; statements of one connection take turns, different connections stay
// fully parallel.
//
// Lock order (docs/design.md, "Threads"): Dbc::mutex, then the turn, then
// Stmt::mutex (and a Desc's). Nothing holding a statement's or descriptor's
// mutex waits for the turn. SQLCancel takes neither: it finds a call on its
// statement registered here (waiting or running), sets the statement's flag
// and wakes the waiters, so a waiting call ends with HY008 at once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tb::driver {

class ConnectionTurn {
public:
    enum class Outcome {
        Taken,       // the call holds the turn
        Cancelled,   // SQLCancel while the call waited; the turn is not held
        Freed,       // the handle was freed while the call waited; do not touch it
    };

    // A call on `handle` (a statement or descriptor of this connection, or
    // the connection itself) registers and waits for the turn. A thread that
    // already holds it takes it again (nested). `cancel` (the statement's
    // SQLCancel flag, or null) ends the wait when it is set.
    Outcome take(const void* handle, const std::atomic<bool>* cancel);
    // Ends the call registered by take(): gives the turn back when it held it.
    void leave(const void* handle, bool held);

    // Whether a call on `handle` waits for the turn or holds it.
    bool in_call(const void* handle);
    // Makes waiting calls look at their cancel flags again (after SQLCancel).
    void wake();
    // Called by the holder of the turn before it frees `handle`: the calls
    // waiting on it end with Freed, and this returns once none is left.
    void drop_waiters(const void* handle);

private:
    struct Calls {
        int count = 0;       // registered calls on the handle: waiting, or holding the turn
        bool freed = false;  // drop_waiters: end the waits
    };
    struct Entry {
        const void* handle;
        Calls calls;
    };
    Calls* find(const void* handle);        // mutex_ held; nullptr when none
    void unregister(const void* handle);   // mutex_ held

    std::mutex mutex_;   // held only briefly, never across a call's work
    std::condition_variable changed_;
    std::vector<Entry> calls_;
    std::thread::id holder_;
    int depth_ = 0;      // nested takes by holder_
};

// A call's place in the turns, for the scope of the call.
class Turn {
public:
    Turn(ConnectionTurn& turns, const void* handle, const std::atomic<bool>* cancel)
        : turns_(turns), handle_(handle), outcome_(turns.take(handle, cancel)) {}
    ~Turn() {
        if (outcome_ != ConnectionTurn::Outcome::Freed)
            turns_.leave(handle_, outcome_ == ConnectionTurn::Outcome::Taken);
    }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    ConnectionTurn::Outcome outcome() const { return outcome_; }

private:
    ConnectionTurn& turns_;
    const void* handle_;
    ConnectionTurn::Outcome outcome_;
};

} // namespace tb::driver
