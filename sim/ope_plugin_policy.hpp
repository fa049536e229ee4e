#pragma once
// `--policy recommender:SPEC` in off-policy evaluation: what a recommender plugin would have
// shown. The plugin is fitted on a training log of the same format (never on the log being
// evaluated, whose outcomes would leak into the policy) and shows the slate it gives a shopper it
// knows nothing about: logs with propensities (Open Bandit Dataset, Hillstrom) carry no shopper
// histories to personalise with. Its k-th item is the policy's action at the k-th logged
// position, with probability 1 (plugins' slates are deterministic for a seed).
#include <cstdint>
#include <string>

#include "ope_policy.hpp"
#include "plugin_registry.hpp"

namespace promosim {

struct PluginPolicySource {
  std::string spec;        ///< the whole --policy text, for labels and errors
  std::string plugin;      ///< SPEC: a name or {name: N, params: {...}}
  std::string train_path;  ///< the training log (read like the evaluated log)
  std::uint64_t seed = 1;  ///< the plugin's random key
};

/// Fits the plugin and evaluates its slate on `log`. Throws UserError for an unknown plugin or
/// parameter and an unreadable training log; PluginError if the plugin fails.
PolicyOnLog make_plugin_policy(const PluginPolicySource& source, const PluginRegistry& plugins, const OpeLog& log);

}  // namespace promosim
