// Which exported entry points a process entered, for the export coverage
// test (tests/odbc/export_coverage.sh). Off unless TB_TRACE_ENTRY_FILE names a
// file; then each entry point appends its own name there once per process.
// Only function names are written: never arguments, so never a token.
#pragma once

#include <atomic>

namespace tb::driver {

// Appends `function` to the trace file if tracing is on (thread-safe).
void record_entry(const char* function);

} // namespace tb::driver

// The first statement of every exported entry point. After the first call
// it costs one relaxed load, so hot paths (SQLFetch, SQLGetData) stay cheap.
#define TB_ENTRY()                                                                                                   \
    do {                                                                                                             \
        static std::atomic<bool> tb_entered_{false};                                                                 \
        if (!tb_entered_.load(std::memory_order_relaxed)) {                                                          \
            tb_entered_.store(true, std::memory_order_relaxed);                                                      \
            ::tb::driver::record_entry(__func__);                                                                    \
        }                                                                                                            \
    } while (0)
