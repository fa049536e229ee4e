#include "shopper_activity.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

std::size_t ShopperActivity::open_from_earlier_phase(std::uint16_t phase) const {
  std::size_t n = 0;
  for (std::size_t k = 0; k < open_count; ++k) {
    if (open_phases[k] != kHistoryPhase && open_phases[k] != phase) ++n;
  }
  return n;
}

namespace {

/// Median list price of each category (the mean of the two middle prices for an even count).
std::vector<double> category_medians(const CatalogView& catalog) {
  std::vector<std::vector<float>> prices(catalog.category_count);
  for (ItemId i = 0; i < catalog.item_count; ++i) {
    if (catalog.category[i] >= catalog.category_count) {
      throw std::out_of_range("item " + std::to_string(i) + " is in category " + std::to_string(catalog.category[i]) +
                              " of " + std::to_string(catalog.category_count));
    }
    prices[catalog.category[i]].push_back(catalog.list_price[i]);
  }
  std::vector<double> medians(catalog.category_count, 1.0);
  for (std::size_t c = 0; c < prices.size(); ++c) {
    std::vector<float>& p = prices[c];
    if (p.empty()) continue;
    std::sort(p.begin(), p.end());
    const std::size_t mid = p.size() / 2;
    medians[c] = p.size() % 2 == 1 ? p[mid] : 0.5 * (static_cast<double>(p[mid - 1]) + p[mid]);
  }
  return medians;
}

}  // namespace

ShopperActivityLog::ShopperActivityLog(const CatalogView& catalog, std::uint32_t shopper_count, double decay_per_tick,
                                       double average_weight)
    : shoppers_(shopper_count),
      category_(catalog.category, catalog.category + catalog.item_count),
      log_decay_per_tick_(std::log(decay_per_tick)),
      average_weight_(static_cast<float>(average_weight)) {
  const std::vector<double> medians = category_medians(catalog);
  log_relative_price_.reserve(catalog.item_count);
  for (ItemId i = 0; i < catalog.item_count; ++i) {
    log_relative_price_.push_back(static_cast<float>(std::log(catalog.list_price[i] / medians[catalog.category[i]])));
  }
}

const ShopperActivity& ShopperActivityLog::at(ShopperId shopper) const {
  if (shopper >= shoppers_.size()) {
    throw std::out_of_range("shopper " + std::to_string(shopper) + " outside the population of " +
                            std::to_string(shoppers_.size()));
  }
  return shoppers_[shopper];
}

double ShopperActivityLog::decayed(float count, TickIndex as_of, TickIndex tick) const {
  if (count == 0.0f || tick <= as_of) return count;
  return count * std::exp(log_decay_per_tick_ * static_cast<double>(tick - as_of));
}

void ShopperActivityLog::check(const Event& event) const {
  if (event.item >= log_relative_price_.size()) {
    throw std::out_of_range("event for item " + std::to_string(event.item) + " outside the catalog of " +
                            std::to_string(log_relative_price_.size()) + " items");
  }
  at(event.shopper);  // validates the shopper
  if (event.type != EventType::kClick && event.type != EventType::kCart && event.type != EventType::kPurchase) {
    throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(event.type)));
  }
}

void ShopperActivityLog::apply(const Event& event, std::uint16_t phase) {
  check(event);
  record(event, phase);
}

void ShopperActivityLog::apply(EventSpan events, std::uint16_t phase) {
  for (const Event& e : events) check(e);
  // A record depends only on its own shopper's events: fixed slices of shopper ids each take
  // their shoppers' events, in the order given, in parallel.
  constexpr std::size_t kSlices = 16;
  const auto slice_of = [&](ShopperId shopper) {
    return static_cast<std::size_t>(std::uint64_t{shopper} * kSlices / shoppers_.size());
  };
  std::vector<std::uint32_t> first(kSlices + 1, 0);
  for (const Event& e : events) ++first[slice_of(e.shopper) + 1];
  for (std::size_t slice = 0; slice < kSlices; ++slice) first[slice + 1] += first[slice];
  std::vector<std::uint32_t> order(events.size);
  std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
  for (std::size_t i = 0; i < events.size; ++i) {
    order[next[slice_of(events.data[i].shopper)]++] = static_cast<std::uint32_t>(i);
  }
  tbb::parallel_for(std::size_t{0}, kSlices, [&](std::size_t slice) {
    for (std::uint32_t k = first[slice]; k < first[slice + 1]; ++k) record(events.data[order[k]], phase);
  });
}

void ShopperActivityLog::record(const Event& event, std::uint16_t phase) {
  ShopperActivity& a = shoppers_[event.shopper];
  if (event.tick > a.as_of) {
    a.clicks = static_cast<float>(decayed(a.clicks, a.as_of, event.tick));
    a.carts = static_cast<float>(decayed(a.carts, a.as_of, event.tick));
    a.as_of = event.tick;
  }
  // The first event sets the averages; later ones move them by average_weight_.
  const float weight = a.events == 0 ? 1.0f : average_weight_;
  a.price_level += weight * (log_relative_price_[event.item] - a.price_level);
  a.discount_level += weight * (event.discount - a.discount_level);
  ++a.events;

  ItemId* items = a.open_items;
  std::uint16_t* phases = a.open_phases;
  const auto found = std::find(items, items + a.open_count, event.item) - items;
  switch (event.type) {
    case EventType::kClick:
      a.clicks += 1.0f;
      break;
    case EventType::kCart: {
      a.carts += 1.0f;
      // Newest first; a re-carted item moves to the front, the oldest falls out of a full cart.
      std::size_t from = static_cast<std::size_t>(found);
      if (from == a.open_count) from = a.open_count < ShopperActivity::kOpenCartSlots ? a.open_count++ : a.open_count - 1;
      for (std::size_t k = from; k > 0; --k) {
        items[k] = items[k - 1];
        phases[k] = phases[k - 1];
      }
      items[0] = event.item;
      phases[0] = phase;
      break;
    }
    case EventType::kPurchase:
      if (static_cast<std::size_t>(found) < a.open_count) {
        for (std::size_t k = static_cast<std::size_t>(found); k + 1 < a.open_count; ++k) {
          items[k] = items[k + 1];
          phases[k] = phases[k + 1];
        }
        --a.open_count;
        items[a.open_count] = kNoItem;
      }
      break;
    default:  // check() has refused it
      break;
  }
}

}  // namespace promosim::plugins
