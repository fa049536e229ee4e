#pragma once
// The three plugin instances that make up one arm, created fresh for each replicate.
#include <string>
#include <vector>

#include "plugin_instance.hpp"
#include "plugin_registry.hpp"
#include "promosim/intent_model.hpp"
#include "promosim/pricing_policy.hpp"
#include "promosim/recommender.hpp"
#include "scenario.hpp"
#include "timeline.hpp"
#include "world.hpp"

namespace promosim {

struct ArmPlugins {
  PluginInstance<Recommender> recommender;
  PluginInstance<IntentModel> intent_model;
  PluginInstance<PricingPolicy> pricing_policy;
};

/// The timeline's phases as plugins see them; the names point into `timeline`.
std::vector<PhaseView> phase_views(const Timeline& timeline);

/// The construction context of one arm's plugins in `world` (params are set per slot by
/// make_arm_plugins); `phases` (from phase_views) must outlive the plugins.
CreateContext arm_create_context(const Scenario& scenario, const Timeline& timeline, const World& world,
                                 const std::vector<PhaseView>& phases);

/// Creates `arm`'s three plugins from `registry` with `context` (its params set per slot);
/// `where` names the arm and replicate in plugin errors.
ArmPlugins make_arm_plugins(const PluginRegistry& registry, const ArmConfig& arm, const CreateContext& context,
                            const std::string& where);

}  // namespace promosim
