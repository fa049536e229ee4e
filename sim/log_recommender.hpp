#pragma once
// A recommender plugin run on a real log instead of a simulated world: created on the log's
// catalog and fitted on its interactions as one history block. Shared by next-item evaluation
// (`promosim evaluate`) and plugin policies in off-policy evaluation (`promosim ope`).
#include <cstdint>
#include <string>
#include <vector>

#include "log_catalog.hpp"
#include "plugin_instance.hpp"
#include "plugin_registry.hpp"
#include "promosim/recommender.hpp"
#include "scenario.hpp"

namespace promosim {

struct LogRecommenderSetup {
  std::uint32_t shopper_count = 0;  ///< shopper ids the plugin may be asked about
  std::uint32_t slate_size = 10;
  std::uint64_t seed = 1;           ///< the plugin's random key
  std::string where;                ///< names the caller in plugin errors, e.g. "promosim evaluate"
};

/// Creates `choice` (from `entry`) on `catalog` and, if it learns from history, calls fit() with
/// `history` (tick 0, ordered by shopper, then time). A plugin that throws raises PluginError.
PluginInstance<Recommender> fit_log_recommender(const PluginEntry& entry, const PluginChoice& choice,
                                                const LogCatalog& catalog, const std::vector<Event>& history,
                                                const LogRecommenderSetup& setup);

/// The decision context of a session served from a log: no stock limits, no flash sales, an
/// unlimited budget, tick 0 of a one-tick timeline.
DecisionContext log_decision_context(const LogCatalog& catalog, std::uint64_t seed);

/// Throws PluginError if `slate` holds an item outside the catalog (kNoItem is allowed).
void check_slate_items(const PluginDescriptor& plugin, const ItemId* slate, std::size_t size, std::uint32_t item_count,
                       const std::string& where);

/// `text` as a scenario arm writes a plugin slot: a name, or a YAML flow map {name: N, params:
/// {...}}, checked by the scenario's rules (unknown plugin or parameter, range). `option` names
/// the command-line option in errors (e.g. "--recommender").
PluginChoice plugin_choice_from_text(const std::string& text, PluginKind kind, const PluginLookup& plugins,
                                     const std::string& option);

}  // namespace promosim
