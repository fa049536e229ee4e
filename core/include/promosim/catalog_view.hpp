#pragma once
#include "promosim/types.hpp"

namespace promosim {

/// What a strategy may know about the catalog: observable attributes only. The latent
/// preference factors that drive simulated shoppers are deliberately not exposed, so a
/// plugin cannot peek at the ground truth it is being evaluated against.
/// All arrays have `item_count` entries, are owned by the engine and stay valid and
/// unchanged for the plugin instance's whole life.
struct CatalogView {
  std::uint32_t item_count = 0;
  std::uint32_t category_count = 0;
  std::uint32_t brand_count = 0;
  const float* list_price = nullptr;     ///< currency units, > 0
  const float* unit_cost = nullptr;      ///< currency units, 0 < cost < list price
  const CategoryId* category = nullptr;  ///< in [0, category_count)
  const BrandId* brand = nullptr;        ///< in [0, brand_count); a brand sells in one category
  const TickIndex* launch_tick = nullptr;  ///< first tick the item can be shown (0 = from start)
};

}  // namespace promosim
