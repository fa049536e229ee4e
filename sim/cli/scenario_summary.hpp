#pragma once
// One line that says what a scenario will simulate, shown by `run` and `validate`.
#include <cstdio>
#include <string>

#include "number_format.hpp"
#include "scenario.hpp"
#include "timeline.hpp"

namespace promosim::cli {

/// "3 arms x 2 replicates, 2,000 shoppers, 300 items, 2 phases, 48 ticks of 60 min (2 days)"; a
/// logged population names its log instead of the counts, which only the log knows.
inline std::string scenario_summary(const Scenario& scenario) {
  const auto count = [](double n, const char* noun) {
    return with_separators(n) + " " + noun + (n == 1 ? "" : "s");
  };
  const Timeline timeline(scenario.timeline);
  char days[32];
  std::snprintf(days, sizeof days, "%g day%s", timeline.tick_count() / double(timeline.ticks_per_day()),
                timeline.tick_count() == timeline.ticks_per_day() ? "" : "s");
  const std::string people =
      scenario.population.logged
          ? "shoppers and items of " + scenario.population.log.path + " (" + scenario.population.log.format + ")"
          : count(scenario.population.shoppers, "shopper") + ", " + count(scenario.catalog.items, "item");
  return count(static_cast<double>(scenario.arms.size()), "arm") + " x " + count(scenario.replicates, "replicate") +
         ", " + people + ", " +
         count(static_cast<double>(timeline.phase_count()), "phase") + ", " + count(timeline.tick_count(), "tick") +
         " of " + std::to_string(scenario.timeline.tick_minutes) + " min (" + days + ")";
}

}  // namespace promosim::cli
