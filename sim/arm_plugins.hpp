#pragma once
// The three plugin instances that make up one arm, created fresh for each replicate.
#include "plugin_instance.hpp"
#include "promosim/intent_model.hpp"
#include "promosim/pricing_policy.hpp"
#include "promosim/recommender.hpp"

namespace promosim {

struct ArmPlugins {
  PluginInstance<Recommender> recommender;
  PluginInstance<IntentModel> intent_model;
  PluginInstance<PricingPolicy> pricing_policy;
};

}  // namespace promosim
