// The deterministic account: the initial state built at start-up and the
// values derived on demand from (seed, user, date) so that large data sets
// cost no memory and no start-up time.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace sim {

// A stateless hash instead of a sequential generator: any row can be made
// on its own, in any order, and is the same on every run with the seed.
inline uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
inline uint64_t hash_of(std::initializer_list<uint64_t> parts) {
    uint64_t h = 0x5eed;
    for (uint64_t p : parts) h = mix64(h ^ p);
    return h;
}

State initial_state(const Config& cfg);

// Initial users 1..cfg.users have generated absences, work time and so on;
// users created through the API start empty.
inline bool generated_user(const Config& cfg, int user_id) { return user_id >= 1 && user_id <= cfg.users; }

Entitlement entitlement_of(const Config& cfg, const State& st, int user_id, int year);
bool has_entitlement_row(const Config& cfg, const State& st, int user_id, int year);

// Bank holidays of a holiday set: (date, day fraction in tenths: 10 or 5).
const std::vector<std::pair<Date, int>>& holidays_of_set(int set_id, int year);
const Period* period_at(const State& st, int user_id, Date date);
// Planned minutes of a day after bank holidays.
int target_minutes(const State& st, int user_id, Date date);

}  // namespace sim
