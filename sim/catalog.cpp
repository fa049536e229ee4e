#include "catalog.hpp"

#include <algorithm>
#include <cmath>

#include "promosim/random_stream.hpp"

namespace promosim {
namespace {
// Prices are stored as float and multiplied into money sums: keep them where both are exact
// enough (the scenario reference documents the clamp).
constexpr double kMinPrice = 0.01;
constexpr double kMaxPrice = 1e7;
}  // namespace
Catalog Catalog::build(const CatalogConfig& config, const std::vector<TickIndex>& launch_ticks, std::uint64_t key) {
  Catalog c;
  const std::uint32_t d = config.factor_dim, k = config.categories, brands = config.brands_per_category;
  c.launch_tick_.assign(config.items, 0);
  c.established_item_count_ = config.items;
  for (std::size_t w = 0; w < config.launches.size(); ++w) {
    c.launch_tick_.insert(c.launch_tick_.end(), config.launches[w].items, launch_ticks.at(w));
  }
  const auto n = static_cast<std::uint32_t>(c.launch_tick_.size());
  c.category_count_ = k;
  c.brand_count_ = k * brands;
  c.factor_dim_ = d;
  c.list_price_.resize(n);
  c.unit_cost_.resize(n);
  c.quality_.resize(n);
  c.category_.resize(n);
  c.brand_.resize(n);
  c.factors_.resize(static_cast<std::size_t>(n) * d);
  // Brand b of category c is brand c * brands + b; its appeal is shared by all its items.
  c.brand_appeal_.resize(c.brand_count_);
  for (std::uint32_t b = 0; b < c.brand_count_; ++b) {
    const auto u = RandomStream(key, Purpose::kCatalog, b, 2).uniform4(0);
    c.brand_appeal_[b] = static_cast<float>(config.brand_sd * standard_normal(u[0], u[1]));
  }

  // Category centres and item offsets have variance 1/d per dimension, so an item's factor
  // vector has unit expected squared norm and a shopper with N(0,1) factors gets a
  // preference match of sd about 1 whatever the dimension.
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  const double spread_norm = 1.0 / std::sqrt(1.0 + config.category_spread * config.category_spread);
  std::vector<double> centres(static_cast<std::size_t>(k) * d);
  for (std::uint32_t cat = 0; cat < k; ++cat) {
    const RandomStream stream(key, Purpose::kCatalog, cat, 1);
    for (std::uint32_t j = 0; j < d; ++j) {
      const auto u = stream.uniform4(j);
      centres[static_cast<std::size_t>(cat) * d + j] = scale * standard_normal(u[0], u[1]);
    }
  }
  for (ItemId i = 0; i < n; ++i) {
    const RandomStream stream(key, Purpose::kCatalog, i, 0);
    const auto u = stream.uniform4(0);
    const auto cat = static_cast<CategoryId>(std::min<std::uint32_t>(k - 1, static_cast<std::uint32_t>(u[0] * k)));
    c.category_[i] = cat;
    c.brand_[i] = static_cast<BrandId>(cat * brands + std::min<std::uint32_t>(brands - 1, static_cast<std::uint32_t>(u[3] * brands)));
    c.list_price_[i] = static_cast<float>(std::clamp(config.price.sample(u[1], u[2]), kMinPrice, kMaxPrice));
    const auto v = stream.uniform4(1);
    const double margin = config.margin_rate.sample(v[0], v[1]);
    c.unit_cost_[i] = static_cast<float>(c.list_price_[i] * (1.0 - margin));
    c.quality_[i] = static_cast<float>(config.quality_sd * standard_normal(v[2], v[3]));
    for (std::uint32_t j = 0; j < d; ++j) {
      const auto w = stream.uniform4(2 + j);
      const double offset = scale * standard_normal(w[0], w[1]);
      c.factors_[static_cast<std::size_t>(i) * d + j] = static_cast<float>(
          spread_norm * (centres[static_cast<std::size_t>(cat) * d + j] + config.category_spread * offset));
    }
  }

  c.price_quality(config.quality_price_slope);
  c.refresh_view();
  return c;
}

void Catalog::price_quality(double quality_price_slope) {
  // Reference price per category: the median list price, as a shopper's sense of "normal".
  const std::uint32_t n = item_count();
  std::vector<std::vector<float>> prices(category_count_);
  for (ItemId i = 0; i < n; ++i) prices[category_[i]].push_back(list_price_[i]);
  log_reference_price_.assign(category_count_, 0.0f);
  for (std::uint32_t cat = 0; cat < category_count_; ++cat) {
    auto& p = prices[cat];
    if (p.empty()) continue;
    std::nth_element(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(p.size() / 2), p.end());
    log_reference_price_[cat] = std::log(p[p.size() / 2]);
  }
  for (ItemId i = 0; i < n; ++i) {
    quality_[i] += static_cast<float>(quality_price_slope * (std::log(list_price_[i]) - log_reference_price_[category_[i]]));
  }
}

void Catalog::adopt_logged_items(std::span<const float> price, std::span<const float> quality,
                                 std::span<const float> factors, std::span<const char> fitted,
                                 double quality_price_slope) {
  const std::size_t d = factor_dim_;
  // Launched items keep their drawn quality; take off the price term build() gave them, which
  // price_quality() below adds again against the new reference prices.
  for (ItemId i = static_cast<ItemId>(price.size()); i < item_count(); ++i) {
    quality_[i] -= static_cast<float>(quality_price_slope * (std::log(list_price_[i]) - log_reference_price_[category_[i]]));
  }
  for (ItemId i = 0; i < price.size(); ++i) {
    const float margin_share = unit_cost_[i] / list_price_[i];  // the drawn margin rate stays
    list_price_[i] = price[i];
    unit_cost_[i] = price[i] * margin_share;
    quality_[i] = quality[i];
    if (fitted[i]) std::copy_n(factors.data() + i * d, d, factors_.data() + i * d);
  }
  price_quality(quality_price_slope);
  refresh_view();
}

void Catalog::refresh_view() {
  view_.item_count = item_count();
  view_.category_count = category_count_;
  view_.list_price = list_price_.data();
  view_.unit_cost = unit_cost_.data();
  view_.category = category_.data();
  view_.brand_count = brand_count_;
  view_.brand = brand_.data();
  view_.launch_tick = launch_tick_.data();
}

}  // namespace promosim
