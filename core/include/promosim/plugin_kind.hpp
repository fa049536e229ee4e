#pragma once
#include <cstdint>

namespace promosim {

/// The slots of an arm a plugin can fill. Each kind has its own interface header.
enum class PluginKind : std::uint8_t { kRecommender = 0, kIntentModel = 1, kPricingPolicy = 2 };

inline constexpr const char* to_string(PluginKind kind) {
  switch (kind) {
    case PluginKind::kRecommender: return "recommender";
    case PluginKind::kIntentModel: return "intent_model";
    case PluginKind::kPricingPolicy: return "pricing_policy";
  }
  return "?";
}

}  // namespace promosim
