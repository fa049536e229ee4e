#include "shopper_sequences.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

/// A week of hours: the gap whose input is 1.
constexpr double kWeekHours = 168.0;

}  // namespace

ShopperSequences::ShopperSequences(const CatalogView& catalog, std::uint32_t shopper_count, std::size_t length,
                                   std::uint32_t ticks_per_day)
    : length_(length),
      hours_per_tick_(24.0 / ticks_per_day),
      band_(catalog.item_count, 0),
      category_(catalog.category, catalog.category + catalog.item_count),
      steps_(static_cast<std::size_t>(shopper_count) * length),
      count_(shopper_count, 0),
      head_(shopper_count, 0),
      last_tick_(shopper_count, kNever) {
  if (length == 0 || length > 255) {
    throw std::invalid_argument("sequence length must be in 1..255, got " + std::to_string(length));
  }
  std::vector<std::vector<ItemId>> by_category(catalog.category_count);
  for (ItemId i = 0; i < catalog.item_count; ++i) {
    if (catalog.category[i] >= catalog.category_count) {
      throw std::out_of_range("item " + std::to_string(i) + " is in category " + std::to_string(catalog.category[i]) +
                              " of " + std::to_string(catalog.category_count));
    }
    by_category[catalog.category[i]].push_back(i);
  }
  for (std::vector<ItemId>& items : by_category) {
    std::sort(items.begin(), items.end(), [&](ItemId a, ItemId b) {
      return catalog.list_price[a] < catalog.list_price[b] || (catalog.list_price[a] == catalog.list_price[b] && a < b);
    });
    // Rank r of n falls in band floor(5 (r + 0.5) / n): equal shares, a lone item in the middle band.
    const double n = static_cast<double>(items.size());
    for (std::size_t r = 0; r < items.size(); ++r) {
      band_[items[r]] = static_cast<std::uint8_t>(std::min<double>(kPriceBands - 1, std::floor(kPriceBands * (r + 0.5) / n)));
    }
  }
}

float ShopperSequences::gap_input(double hours) {
  return static_cast<float>(std::log1p(hours) / std::log1p(kWeekHours));
}

SequenceStep ShopperSequences::encode(const Event& event, bool dated) const {
  if (event.item >= band_.size()) {
    throw std::out_of_range("event for item " + std::to_string(event.item) + " outside the catalog of " +
                            std::to_string(band_.size()) + " items");
  }
  if (event.shopper >= count_.size()) {
    throw std::out_of_range("event of shopper " + std::to_string(event.shopper) + " outside the population of " +
                            std::to_string(count_.size()));
  }
  SequenceStep step;
  step.category = category_[event.item];
  switch (event.type) {
    case EventType::kClick: step.type = 0; break;
    case EventType::kCart: step.type = 1; break;
    case EventType::kPurchase: step.type = 2; break;
    default: throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(event.type)));
  }
  step.band = band_[event.item];
  const TickIndex previous = last_tick_[event.shopper];
  if (dated && previous != kNever) {
    const double ticks = event.tick > previous ? static_cast<double>(event.tick - previous) : 0.0;
    step.dated = 1;
    step.gap = gap_input(ticks * hours_per_tick_);
  }
  return step;
}

void ShopperSequences::append(const Event& event, bool dated) {
  const SequenceStep step = encode(event, dated);
  const ShopperId s = event.shopper;
  SequenceStep* ring = steps_.data() + static_cast<std::size_t>(s) * length_;
  if (count_[s] < length_) {
    ring[(head_[s] + count_[s]) % length_] = step;
    ++count_[s];
  } else {
    ring[head_[s]] = step;  // overwrite the oldest
    head_[s] = static_cast<std::uint8_t>((head_[s] + 1) % length_);
  }
  last_tick_[s] = dated ? event.tick : kNever;
}

std::size_t ShopperSequences::copy(ShopperId shopper, SequenceStep* out) const {
  if (shopper >= count_.size()) {
    throw std::out_of_range("shopper " + std::to_string(shopper) + " outside the population of " +
                            std::to_string(count_.size()));
  }
  const SequenceStep* ring = steps_.data() + static_cast<std::size_t>(shopper) * length_;
  const std::size_t n = count_[shopper];
  for (std::size_t k = 0; k < n; ++k) out[k] = ring[(head_[shopper] + k) % length_];
  return n;
}

}  // namespace promosim::plugins
