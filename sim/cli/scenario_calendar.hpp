#pragma once
// The campaign calendar as people read it, shown by `validate`: each phase and promotion with
// the date and hour it starts (or the day number when the scenario gives no start date).
#include <string>

#include "scenario.hpp"

namespace promosim::cli {

std::string scenario_calendar(const Scenario& scenario);

}  // namespace promosim::cli
