#include "log_recommender.hpp"

#include <yaml-cpp/yaml.h>

#include <limits>

#include "plugin_error.hpp"
#include "scenario_diagnostics.hpp"
#include "scenario_map_reader.hpp"
#include "scenario_plugin_choice.hpp"
#include "user_error.hpp"

namespace promosim {

namespace {
const PhaseView kLogPhase{"evaluation", 0, 1, 1.0};
}

PluginInstance<Recommender> fit_log_recommender(const PluginEntry& entry, const PluginChoice& choice,
                                                const LogCatalog& catalog, const std::vector<Event>& history,
                                                const LogRecommenderSetup& setup) {
  CreateContext create;
  create.params = &choice.params;
  create.catalog = &catalog.view();
  create.shopper_count = setup.shopper_count;
  create.segment_count = 1;
  create.slate_size = setup.slate_size;
  create.tick_count = 1;
  create.random_key = setup.seed;
  create.phases = &kLogPhase;
  create.phase_count = 1;
  create.discount_budget = std::numeric_limits<double>::infinity();
  PluginInstance<Recommender> recommender(entry.library, *entry.descriptor, create, setup.where);
  if (recommender.has(kLearnsFromHistory)) {
    LearnContext learn;
    learn.catalog = &catalog.view();
    const EventSpan events{history.data(), history.size()};
    guarded_call(*entry.descriptor, "fit", setup.where, [&] { recommender->fit(learn, events); });
  }
  return recommender;
}

DecisionContext log_decision_context(const LogCatalog& catalog, std::uint64_t seed) {
  DecisionContext decision;
  decision.catalog = &catalog.view();
  decision.tick_count = 1;
  decision.phase_name = kLogPhase.name;
  decision.budget_remaining = std::numeric_limits<double>::infinity();
  decision.random_key = seed;
  return decision;
}

void check_slate_items(const PluginDescriptor& plugin, const ItemId* slate, std::size_t size, std::uint32_t item_count,
                       const std::string& where) {
  for (std::size_t j = 0; j < size; ++j) {
    if (slate[j] != kNoItem && slate[j] >= item_count) {
      throw PluginError(plugin, "recommend", where,
                        "returned item " + std::to_string(slate[j]) + ", outside the catalog of " +
                            std::to_string(item_count) + " items");
    }
  }
}

PluginChoice plugin_choice_from_text(const std::string& text, PluginKind kind, const PluginLookup& plugins,
                                     const std::string& option) {
  const std::string slot = to_string(kind);
  YAML::Node arm(YAML::NodeType::Map);
  try {
    arm[slot] = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw UserError(option + " '" + text + "' is not a plugin name or a YAML map (" + e.msg + "); write e.g. " +
                    option + " NAME or " + option + " '{name: NAME, params: {...}}'");
  }
  ScenarioDiagnostics diagnostics(option, {});
  ScenarioMapReader reader(diagnostics, arm, YAML::Mark(), false, option, "arms[]", YAML::Node(YAML::NodeType::Map));
  PluginChoice choice = read_plugin_choice(reader, slot, kind, plugins);
  diagnostics.throw_if_any();
  return choice;
}

}  // namespace promosim
