#include "arm_plugins.hpp"

#include <stdexcept>

namespace promosim {
namespace {

template <class Interface>
PluginInstance<Interface> instantiate(const PluginRegistry& registry, const PluginChoice& choice,
                                      const CreateContext& context, const std::string& where) {
  const PluginEntry* entry = registry.entry(Interface::kKind, choice.name);
  if (entry == nullptr) {  // the validator already checked; a registry change in between is a bug
    throw std::logic_error(std::string("plugin vanished: ") + choice.name);
  }
  CreateContext with_params = context;
  with_params.params = &choice.params;
  return PluginInstance<Interface>(entry->library, *entry->descriptor, with_params, where);
}

}  // namespace

std::vector<PhaseView> phase_views(const Timeline& timeline) {
  std::vector<PhaseView> views;
  for (std::uint16_t p = 0; p < timeline.phase_count(); ++p) {
    const PhaseConfig& phase = timeline.phase_config(p);
    views.push_back({phase.name.c_str(), timeline.phase_first_tick(p), timeline.phase_tick_count(p), phase.traffic});
  }
  return views;
}

CreateContext arm_create_context(const Scenario& scenario, const Timeline& timeline, const World& world,
                                 const std::vector<PhaseView>& phases) {
  CreateContext context;
  context.catalog = &world.catalog().view();
  context.shopper_count = world.population().size();
  context.segment_count = static_cast<std::uint32_t>(scenario.population.segments.size());
  context.slate_size = scenario.behaviour.slate_size;
  context.tick_count = timeline.tick_count();
  context.ticks_per_day = timeline.ticks_per_day();
  context.random_key = world.key();
  context.phases = phases.data();
  context.phase_count = static_cast<std::uint32_t>(phases.size());
  context.discount_budget = scenario.discount_budget;
  return context;
}

ArmPlugins make_arm_plugins(const PluginRegistry& registry, const ArmConfig& arm, const CreateContext& context,
                            const std::string& where) {
  return ArmPlugins{instantiate<Recommender>(registry, arm.recommender, context, where),
                    instantiate<IntentModel>(registry, arm.intent_model, context, where),
                    instantiate<PricingPolicy>(registry, arm.pricing_policy, context, where)};
}

}  // namespace promosim
