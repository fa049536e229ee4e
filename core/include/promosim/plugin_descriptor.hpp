#pragma once
// The single source of truth for a plugin: who it is, what it takes, what it emits, and
// how to make and unmake it.
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "promosim/parameter_spec.hpp"
#include "promosim/plugin.hpp"
#include "promosim/plugin_kind.hpp"

namespace promosim {

/// A metric a plugin reports through LearnContext::emit.
struct MetricSpec {
  const char* name = "";
  const char* unit = "";
  const char* doc = "";
};

/// Optional behaviour, advertised rather than discovered: the engine calls fit() and
/// observe() only for plugins that declare them.
enum Capability : std::uint32_t {
  kLearnsFromHistory = 1u << 0,  ///< fit() uses the pre-timeline history
  kLearnsOnline = 1u << 1,       ///< observe() uses each tick's events
  kUsesRandomness = 1u << 2,     ///< decisions draw from RandomStream
  kReadsIntent = 1u << 3,        ///< pricing reads the intent model's scores
};

struct PluginDescriptor {
  PluginKind kind = PluginKind::kRecommender;
  const char* name = "";         ///< unique per kind, [a-z0-9_]+
  const char* version = "";      ///< the plugin's own semantic version
  const char* description = "";  ///< one line
  const ParamSpec* params = nullptr;
  std::uint32_t param_count = 0;
  const MetricSpec* metrics = nullptr;
  std::uint32_t metric_count = 0;
  std::uint32_t capabilities = 0;  ///< Capability bits
  /// Makes an instance; may throw (the core turns it into a PluginError). The returned
  /// object is of the kind's interface type and is released only through destroy.
  Plugin* (*create)(const CreateContext& context) = nullptr;
  void (*destroy)(Plugin* plugin) = nullptr;
};

/// Text fields of a descriptor, for describe<T>().
struct PluginInfo {
  const char* name;
  const char* version;
  const char* description;
};

/// Builds the descriptor of plugin class T (derived from Recommender, IntentModel or
/// PricingPolicy and constructible from const CreateContext&). `params` and `metrics` are
/// static arrays owned by the plugin library.
template <class T>
constexpr PluginDescriptor describe(PluginInfo info, std::uint32_t capabilities, const ParamSpec* params,
                                    std::size_t param_count, const MetricSpec* metrics,
                                    std::size_t metric_count) {
  static_assert(std::is_base_of_v<Plugin, T>);
  PluginDescriptor d;
  d.kind = T::kKind;
  d.name = info.name;
  d.version = info.version;
  d.description = info.description;
  d.params = params;
  d.param_count = static_cast<std::uint32_t>(param_count);
  d.metrics = metrics;
  d.metric_count = static_cast<std::uint32_t>(metric_count);
  d.capabilities = capabilities;
  d.create = [](const CreateContext& context) -> Plugin* { return new T(context); };
  d.destroy = [](Plugin* plugin) { delete plugin; };
  return d;
}

/// The usual cases: no parameters; parameters from a static array; and metrics from another.
template <class T>
constexpr PluginDescriptor describe(PluginInfo info, std::uint32_t capabilities) {
  return describe<T>(info, capabilities, nullptr, 0, nullptr, 0);
}
template <class T, std::size_t NP>
constexpr PluginDescriptor describe(PluginInfo info, std::uint32_t capabilities,
                                    const ParamSpec (&params)[NP]) {
  return describe<T>(info, capabilities, params, NP, nullptr, 0);
}
template <class T, std::size_t NP, std::size_t NM>
constexpr PluginDescriptor describe(PluginInfo info, std::uint32_t capabilities,
                                    const ParamSpec (&params)[NP], const MetricSpec (&metrics)[NM]) {
  return describe<T>(info, capabilities, params, NP, metrics, NM);
}

}  // namespace promosim
