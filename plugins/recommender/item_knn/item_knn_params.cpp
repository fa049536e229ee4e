#include "item_knn_params.hpp"

#include <algorithm>

namespace promosim::plugins {

ItemKnnConfig item_knn_config(const ParameterSet& params) {
  ItemKnnConfig c;
  c.neighbours = static_cast<std::uint32_t>(params.integer(kNeighboursParam.name));
  c.shrinkage = params.real(kShrinkageParam.name);
  c.popularity_exponent = params.real(kPopularityExponentParam.name);
  c.recency_decay = params.real(kRecencyDecayParam.name);
  c.max_partners = static_cast<std::uint32_t>(params.integer(kMaxPartnersParam.name));
  return c;
}

SlateFiller slate_filler(const CatalogView& catalog, const ContentScorer& scorer, const ParameterSet& params) {
  return {catalog, scorer, parse_fallback(params.choice(kFallbackParam.name)),
          static_cast<std::size_t>(params.integer(kColdSlotsParam.name))};
}

TickIndex refresh_ticks(const ParameterSet& params, std::uint32_t ticks_per_day) {
  const long long hours = params.integer(kRefreshHoursParam.name);
  return static_cast<TickIndex>(std::max(1LL, (hours * ticks_per_day + 23) / 24));
}

}  // namespace promosim::plugins
