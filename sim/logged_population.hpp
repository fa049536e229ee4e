#pragma once
// A population replayed from a real log (population.source: logged; docs/logged-population.md):
// the log's shoppers and items, what each shopper did in the first history_share of the log's
// time span (their history: their preferences are fitted to it and plugins' fit() gets it), and
// the ticks they come back in during the rest, mapped onto the timeline.
#include <cstdint>
#include <vector>

#include "implicit_als.hpp"
#include "ingest_summary.hpp"
#include "promosim/types.hpp"
#include "scenario.hpp"

namespace promosim {

struct LoggedPopulation {
  std::uint32_t shopper_count = 0;  ///< dense, in order of first appearance in the log
  std::uint32_t item_count = 0;     ///< the log's item table
  std::vector<float> item_price;    ///< mean logged price; the median of those for unpriced items; 1 if none
  std::vector<float> item_quality;  ///< quality_sd × the normal score of the item's rank by history engagements
  /// History interactions as plugin events: tick 0, segment 0 (the world sets segments),
  /// ordered by shopper, then time.
  std::vector<Event> history;
  /// The history's visits: visit v is history[history_visits[v] .. history_visits[v+1]) (one
  /// shopper's events with no gap over kSessionGapSeconds); history_visits.back() == history.size().
  std::vector<std::uint32_t> history_visits;
  /// Replayed arrivals: shopper s comes at ticks arrival_ticks[arrival_offsets[s] ..
  /// arrival_offsets[s+1]), ascending and distinct (one visit per tick at most).
  std::vector<std::uint32_t> arrival_offsets;
  std::vector<TickIndex> arrival_ticks;
  /// Fitted factors (catalog factor_dim each); only shoppers and items with history are fitted.
  FactorPair factors;
  std::vector<char> shopper_fitted, item_fitted;
  IngestSummary summary;

  /// Reads `scenario.population.log` (through its adapter, with a throwaway pseudonym key: no
  /// shopper id leaves this process) and splits and fits it for a timeline of `tick_count`
  /// ticks. Depends on the scenario only (the fit's random key is the seed), so one load serves
  /// every replicate and arm. Throws UserError for an unreadable log, one without timestamps,
  /// without interactions, or with fewer items than `catalog.categories`.
  static LoggedPopulation load(const Scenario& scenario, TickIndex tick_count);
};

}  // namespace promosim
