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

ArmPlugins make_arm_plugins(const PluginRegistry& registry, const ArmConfig& arm, const CreateContext& context,
                            const std::string& where) {
  return ArmPlugins{instantiate<Recommender>(registry, arm.recommender, context, where),
                    instantiate<IntentModel>(registry, arm.intent_model, context, where),
                    instantiate<PricingPolicy>(registry, arm.pricing_policy, context, where)};
}

}  // namespace promosim
