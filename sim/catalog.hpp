#pragma once
// The synthetic catalog: observable attributes (price, cost, category, brand, launch tick)
// that plugins see through CatalogView, plus the latent factors and quality that only the
// behaviour model reads.
#include <cstdint>
#include <span>
#include <vector>

#include "promosim/catalog_view.hpp"
#include "scenario.hpp"

namespace promosim {

class Catalog {
 public:
  /// Draws a catalog from `config` with stream key `key` (one per replicate). Launch number w
  /// (config.launches[w]) goes on sale at tick launch_ticks[w]. Every item is drawn from its
  /// own index, so adding launches leaves the first config.items items unchanged.
  static Catalog build(const CatalogConfig& config, const std::vector<TickIndex>& launch_ticks, std::uint64_t key);

  std::uint32_t item_count() const { return static_cast<std::uint32_t>(list_price_.size()); }
  /// Items on sale before the campaign (the first config.items; launches come after them):
  /// the only ones a shopper's history can hold.
  std::uint32_t established_item_count() const { return established_item_count_; }
  std::uint32_t factor_dim() const { return factor_dim_; }
  /// Latent factors of item i: factor_dim floats.
  const float* factors(ItemId i) const { return factors_.data() + static_cast<std::size_t>(i) * factor_dim_; }
  /// The item's own quality (logit scale), apart from its brand's appeal.
  float quality(ItemId i) const { return quality_[i]; }
  /// The appeal of the item's brand (logit scale), weighted by each segment's brand sensitivity.
  float brand_appeal(ItemId i) const { return brand_appeal_[brand_[i]]; }
  BrandId brand(ItemId i) const { return brand_[i]; }
  TickIndex launch_tick(ItemId i) const { return launch_tick_[i]; }
  float list_price(ItemId i) const { return list_price_[i]; }
  float unit_cost(ItemId i) const { return unit_cost_[i]; }
  /// log of the median list price of the item's category: the reference a price is judged against.
  float log_reference_price(ItemId i) const { return log_reference_price_[category_[i]]; }
  const CatalogView& view() const { return view_; }

  /// For a logged population: the first price.size() items (the log's, built as established
  /// items) take the log's list prices (costs keep their drawn margin rate), the given quality
  /// (before the price slope) and, where fitted[i], the fitted factors (factor_dim each);
  /// category reference prices are recomputed.
  void adopt_logged_items(std::span<const float> price, std::span<const float> quality, std::span<const float> factors,
                          std::span<const char> fitted, double quality_price_slope);

  Catalog(Catalog&&) noexcept = default;
  Catalog& operator=(Catalog&&) noexcept = default;

 private:
  Catalog() = default;
  void refresh_view();
  /// Sets each category's reference price (the median list price) and adds the quality the
  /// price buys: quality_price_slope × ln(price / reference).
  void price_quality(double quality_price_slope);

  std::uint32_t category_count_ = 0;
  std::uint32_t brand_count_ = 0;
  std::uint32_t factor_dim_ = 0;
  std::uint32_t established_item_count_ = 0;
  std::vector<float> list_price_, unit_cost_, quality_, factors_, log_reference_price_;
  std::vector<CategoryId> category_;
  std::vector<BrandId> brand_;
  std::vector<float> brand_appeal_;  // per brand
  std::vector<TickIndex> launch_tick_;
  CatalogView view_;
};

}  // namespace promosim
