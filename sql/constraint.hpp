// Internal to sql/: the algebra of pushdown constraints. Every operation is
// sound: when two constraints cannot be combined exactly (a ? marker, a
// number against a text), the result may allow more rows, never fewer.
#pragma once

#include "sql/sql.hpp"

#include <optional>

namespace tb::sql::constraints {

Constraint equal_to(const Value& v);
Constraint one_of(std::vector<Value> values);
Constraint bounded(std::optional<Value> lower, bool lower_inclusive, std::optional<Value> upper,
                   bool upper_inclusive);
Constraint impossible();

// Both must hold (AND).
Constraint intersect(const Constraint& a, const Constraint& b);
// Either may hold (OR); nullopt when the union allows any value.
std::optional<Constraint> unite(const Constraint& a, const Constraint& b);
// Any of them may hold; linear in the number of values for plain value sets
// (slicers send OR chains of thousands of equalities).
std::optional<Constraint> unite_all(const std::vector<Constraint>& alternatives);

} // namespace tb::sql::constraints
