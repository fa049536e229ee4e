#pragma once
// The three plugin instances that make up one arm, created fresh for each replicate.
#include <string>

#include "plugin_instance.hpp"
#include "plugin_registry.hpp"
#include "promosim/intent_model.hpp"
#include "promosim/pricing_policy.hpp"
#include "promosim/recommender.hpp"
#include "scenario.hpp"

namespace promosim {

struct ArmPlugins {
  PluginInstance<Recommender> recommender;
  PluginInstance<IntentModel> intent_model;
  PluginInstance<PricingPolicy> pricing_policy;
};

/// Creates `arm`'s three plugins from `registry` with `context` (its params set per slot);
/// `where` names the arm and replicate in plugin errors.
ArmPlugins make_arm_plugins(const PluginRegistry& registry, const ArmConfig& arm, const CreateContext& context,
                            const std::string& where);

}  // namespace promosim
