#pragma once
// A simulation seen as a log: runs a scenario's first arm for one replicate in-process and
// returns its events in the event-log schema, so calibration measures simulated and logged
// sessions with the same code (log_marginals.hpp).
#include <vector>

#include "event_log.hpp"
#include "plugin_registry.hpp"
#include "scenario.hpp"

namespace promosim {

/// Every timeline event of arm 0, replicate 0 of `scenario` (other arms and replicates are
/// ignored). A shopper visits at most once per tick, so a session is (shopper, tick): its
/// session id is ((tick + 1) << 32) | shopper and its time the tick's start in seconds from the
/// timeline's start. A simulated click opens a product page, which is what a log's view is: it
/// stays kind click, which the marginals count as a view. Positions are 1-based; prices are the
/// prices shown. Nothing depends on the thread count.
std::vector<LoggedEvent> simulate_as_log(Scenario scenario, const PluginRegistry& registry);

}  // namespace promosim
