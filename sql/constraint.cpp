#include "sql/constraint.hpp"
#include "sql/literals.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace tb::sql::constraints {

namespace {

bool same_value(const Value& a, const Value& b) {
    if (a.parameter || b.parameter) return a.parameter == b.parameter;
    if (a.literal.index() != b.literal.index()) {
        auto c = literals::compare(a, b); // 2 and 2.0 are the same number
        return c && *c == 0;
    }
    return a.literal == b.literal;
}

void add_unique(std::vector<Value>& values, const Value& v) {
    for (const auto& existing : values)
        if (same_value(existing, v)) return;
    values.push_back(v);
}

// Whether v lies within the bounds of c; nullopt when it cannot be told.
std::optional<bool> within(const Value& v, const Constraint& c) {
    if (c.lower) {
        auto cmp = literals::compare(v, *c.lower);
        if (!cmp) return std::nullopt;
        if (*cmp < 0 || (*cmp == 0 && !c.lower_inclusive)) return false;
    }
    if (c.upper) {
        auto cmp = literals::compare(v, *c.upper);
        if (!cmp) return std::nullopt;
        if (*cmp > 0 || (*cmp == 0 && !c.upper_inclusive)) return false;
    }
    return true;
}

// An empty range (lower above upper) is a contradiction.
Constraint checked(Constraint c) {
    if (c.values && c.values->empty()) return impossible();
    if (c.lower && c.upper) {
        auto cmp = literals::compare(*c.lower, *c.upper);
        if (cmp && (*cmp > 0 || (*cmp == 0 && !(c.lower_inclusive && c.upper_inclusive)))) return impossible();
    }
    return c;
}

// The smallest closed span holding every value of c; nullopt when the
// values cannot be ordered.
std::optional<std::pair<Value, Value>> span_of(const std::vector<Value>& values) {
    if (values.empty()) return std::nullopt;
    Value low = values[0], high = values[0];
    for (const auto& v : values) {
        auto cl = literals::compare(v, low), ch = literals::compare(v, high);
        if (!cl || !ch) return std::nullopt;
        if (*cl < 0) low = v;
        if (*ch > 0) high = v;
    }
    return std::make_pair(low, high);
}

// A key under which equal values collide (2 and 2.0 alike).
std::string value_key(const Value& v) {
    if (v.parameter) return "?" + std::to_string(v.parameter);
    if (auto i = std::get_if<std::int64_t>(&v.literal)) return "n" + std::to_string(static_cast<double>(*i));
    if (auto d = std::get_if<double>(&v.literal)) return "n" + std::to_string(*d);
    if (auto s = std::get_if<std::string>(&v.literal)) return "s" + *s;
    return "0";
}

} // namespace

Constraint equal_to(const Value& v) { return one_of({v}); }

Constraint one_of(std::vector<Value> values) {
    Constraint c;
    std::vector<Value> unique;
    std::set<std::string> seen;
    for (auto& v : values)
        if (seen.insert(value_key(v)).second) unique.push_back(std::move(v));
    c.values = std::move(unique);
    return checked(std::move(c));
}

Constraint bounded(std::optional<Value> lower, bool lower_inclusive, std::optional<Value> upper, bool upper_inclusive) {
    Constraint c;
    c.lower = std::move(lower);
    c.upper = std::move(upper);
    c.lower_inclusive = lower_inclusive;
    c.upper_inclusive = upper_inclusive;
    return checked(std::move(c));
}

Constraint impossible() {
    Constraint c;
    c.none = true;
    return c;
}

Constraint intersect(const Constraint& a, const Constraint& b) {
    if (a.none || b.none) return impossible();
    Constraint r;
    // Value sets: a literal set intersects exactly; with ? markers keep the
    // smaller set (a superset of the true intersection).
    if (a.values && b.values) {
        bool literal = std::none_of(a.values->begin(), a.values->end(), [](auto& v) { return v.parameter > 0; }) &&
                       std::none_of(b.values->begin(), b.values->end(), [](auto& v) { return v.parameter > 0; });
        if (literal) {
            std::vector<Value> both;
            bool decidable = true;
            for (const auto& v : *a.values) {
                bool found = false;
                for (const auto& w : *b.values) {
                    if (same_value(v, w)) found = true;
                    else if (!literals::compare(v, w)) decidable = false;
                }
                if (found) add_unique(both, v);
            }
            r.values = decidable ? both : (a.values->size() <= b.values->size() ? *a.values : *b.values);
        } else {
            r.values = a.values->size() <= b.values->size() ? *a.values : *b.values;
        }
    } else if (a.values) {
        r.values = a.values;
    } else if (b.values) {
        r.values = b.values;
    }
    // Bounds: the tighter of each, where they can be ordered.
    auto tighter = [](const std::optional<Value>& x, bool xi, const std::optional<Value>& y, bool yi, bool lower,
                      std::optional<Value>& out, bool& out_inclusive) {
        if (!x) { out = y; out_inclusive = yi; return; }
        if (!y) { out = x; out_inclusive = xi; return; }
        auto cmp = literals::compare(*x, *y);
        if (!cmp) { out = x; out_inclusive = xi; return; }
        if (*cmp == 0) { out = x; out_inclusive = xi && yi; return; }
        bool take_x = lower ? *cmp > 0 : *cmp < 0;
        out = take_x ? x : y;
        out_inclusive = take_x ? xi : yi;
    };
    tighter(a.lower, a.lower_inclusive, b.lower, b.lower_inclusive, true, r.lower, r.lower_inclusive);
    tighter(a.upper, a.upper_inclusive, b.upper, b.upper_inclusive, false, r.upper, r.upper_inclusive);
    // Values outside the bounds are dropped; the bounds then say nothing more.
    if (r.values && (r.lower || r.upper)) {
        std::vector<Value> kept;
        bool all_decided = true;
        for (const auto& v : *r.values) {
            auto in = within(v, r);
            if (!in) all_decided = false;
            if (!in || *in) kept.push_back(v);
        }
        r.values = std::move(kept);
        if (all_decided) {
            r.lower.reset();
            r.upper.reset();
            r.lower_inclusive = r.upper_inclusive = true;
        }
    }
    return checked(std::move(r));
}

std::optional<Constraint> unite_all(const std::vector<Constraint>& alternatives) {
    bool value_sets = std::all_of(alternatives.begin(), alternatives.end(), [](const Constraint& c) {
        return c.none || (c.values && !c.lower && !c.upper);
    });
    if (value_sets) {
        std::vector<Value> all;
        bool any = false;
        for (const auto& c : alternatives) {
            if (c.none) continue;
            any = true;
            all.insert(all.end(), c.values->begin(), c.values->end());
        }
        if (!any) return impossible();
        return one_of(std::move(all));
    }
    std::optional<Constraint> result = alternatives.at(0);
    for (std::size_t i = 1; i < alternatives.size() && result; ++i) result = unite(*result, alternatives[i]);
    return result;
}

std::optional<Constraint> unite(const Constraint& a, const Constraint& b) {
    if (a.none) return b;
    if (b.none) return a;
    bool a_set = a.values && !a.lower && !a.upper;
    bool b_set = b.values && !b.lower && !b.upper;
    if (a_set && b_set) {
        std::vector<Value> all = *a.values;
        for (const auto& v : *b.values) add_unique(all, v);
        return one_of(std::move(all));
    }
    // Otherwise the hull of both: the lowest lower and highest upper bound.
    struct Bounds {
        std::optional<Value> lower, upper;
        bool li = true, ui = true;
        bool unbounded_low = false, unbounded_high = false;
    };
    auto bounds_of = [](const Constraint& c) -> std::optional<Bounds> {
        Bounds bd;
        if (c.values) {
            auto span = span_of(*c.values);
            if (!span) return std::nullopt;
            bd.lower = span->first;
            bd.upper = span->second;
            return bd;
        }
        bd.lower = c.lower;
        bd.upper = c.upper;
        bd.li = c.lower_inclusive;
        bd.ui = c.upper_inclusive;
        bd.unbounded_low = !c.lower;
        bd.unbounded_high = !c.upper;
        return bd;
    };
    auto ba = bounds_of(a), bb = bounds_of(b);
    if (!ba || !bb) return std::nullopt;
    Constraint r;
    if (!ba->unbounded_low && !bb->unbounded_low) {
        auto cmp = literals::compare(*ba->lower, *bb->lower);
        if (!cmp) return std::nullopt;
        if (*cmp == 0) { r.lower = ba->lower; r.lower_inclusive = ba->li || bb->li; }
        else if (*cmp < 0) { r.lower = ba->lower; r.lower_inclusive = ba->li; }
        else { r.lower = bb->lower; r.lower_inclusive = bb->li; }
    }
    if (!ba->unbounded_high && !bb->unbounded_high) {
        auto cmp = literals::compare(*ba->upper, *bb->upper);
        if (!cmp) return std::nullopt;
        if (*cmp == 0) { r.upper = ba->upper; r.upper_inclusive = ba->ui || bb->ui; }
        else if (*cmp > 0) { r.upper = ba->upper; r.upper_inclusive = ba->ui; }
        else { r.upper = bb->upper; r.upper_inclusive = bb->ui; }
    }
    if (!r.lower && !r.upper) return std::nullopt;
    return r;
}

} // namespace tb::sql::constraints
