// Reads the values of bound parameters (APD/IPD) into engine values.
#pragma once

#include "driver/handles.hpp"
#include "engine/planner.hpp"

namespace tb::driver {

// Values of row `row` of the parameter set. Data-at-execution parameters take
// the text collected by SQLPutData.
engine::ParameterValues read_parameters(Stmt& stmt, int count, SQLULEN row = 0);
// The parameter numbers bound as data-at-execution.
std::vector<SQLUSMALLINT> data_at_exec_parameters(Stmt& stmt, int count);

} // namespace tb::driver
