#pragma once
#include "promosim/plugin.hpp"
#include "promosim/plugin_kind.hpp"
#include "promosim/session_batch.hpp"

namespace promosim {

/// Sets the discount shown with each item of each slate. Discounts draw on the scenario's
/// discount budget: the engine charges (list price - price paid) for every unit sold and
/// shows list prices once a shard's share of the budget is spent.
class PricingPolicy : public Plugin {
 public:
  static constexpr PluginKind kKind = PluginKind::kPricingPolicy;

  /// For session i and slate slot j, writes the discount fraction of the list price, in
  /// [0, 1), to discounts[i*slate_size + j] (caller-owned, batch.size * slate_size entries).
  /// `slates` is the recommender's output in the same layout (kNoItem slots get 0);
  /// `intent` has one intent-model probability per session. const and thread-safe.
  virtual void price(const SessionBatch& batch, const float* intent, std::size_t slate_size,
                     const ItemId* slates, float* discounts) const = 0;
};

}  // namespace promosim
