#include "shopper_visits.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

void check_item(ItemId item, std::uint32_t item_count, const char* what) {
  if (item >= item_count) {
    throw std::out_of_range(std::string(what) + " " + std::to_string(item) + " outside the catalog of " +
                            std::to_string(item_count) + " items");
  }
}

/// Moves `item` to the front of a newest-first list of distinct items, as the engine keeps
/// SessionView::recent_items.
void remember(std::array<ItemId, kRecentItems>& recent, std::size_t& count, ItemId item) {
  std::size_t pos = 0;
  while (pos < count && recent[pos] != item) ++pos;
  if (pos == count && count < kRecentItems) ++count;
  if (pos == kRecentItems) pos = kRecentItems - 1;
  for (; pos > 0; --pos) recent[pos] = recent[pos - 1];
  recent[0] = item;
}

}  // namespace

ShopperVisits ShopperVisits::from_history(EventSpan events, std::uint32_t item_count) {
  ShopperVisits visits;
  visits.items_.reserve(events.size * 2);
  visits.visits_.reserve(events.size);
  std::array<ItemId, kRecentItems> recent{};
  std::size_t recent_count = 0;
  for (std::size_t i = 0; i < events.size; ++i) {
    const Event& e = events.data[i];
    check_item(e.item, item_count, "history event for item");
    const bool same_shopper = i > 0 && events.data[i - 1].shopper == e.shopper;
    if (same_shopper && events.data[i - 1].item == e.item) continue;  // the cart or purchase of the visit's click
    if (!same_shopper) recent_count = 0;
    visits.add_visit(recent.data(), recent_count, &e.item, 1);
    remember(recent, recent_count, e.item);
  }
  return visits;
}

ShopperVisits ShopperVisits::from_tick(const SessionOutcome* sessions, std::size_t session_count, EventSpan events,
                                       std::uint32_t item_count) {
  ShopperVisits visits;
  // The engine hands both over in shopper order already (shards are blocks of shopper ids):
  // the sorts are then skipped.
  std::vector<std::uint32_t> order(events.size);
  std::iota(order.begin(), order.end(), 0u);
  const auto event_before = [&](std::uint32_t a, std::uint32_t b) {
    return events.data[a].shopper < events.data[b].shopper;
  };
  if (!std::is_sorted(order.begin(), order.end(), event_before)) {
    std::stable_sort(order.begin(), order.end(), event_before);
  }
  std::vector<std::uint32_t> by_shopper(session_count);
  std::iota(by_shopper.begin(), by_shopper.end(), 0u);
  const auto session_before = [&](std::uint32_t a, std::uint32_t b) {
    return sessions[a].view.shopper < sessions[b].view.shopper ||
           (sessions[a].view.shopper == sessions[b].view.shopper && a < b);
  };
  if (!std::is_sorted(by_shopper.begin(), by_shopper.end(), session_before)) {
    std::sort(by_shopper.begin(), by_shopper.end(), session_before);
  }

  visits.items_.reserve(events.size + session_count * kRecentItems);
  visits.visits_.reserve(session_count);
  std::array<ItemId, kRecentItems> earlier{};
  std::vector<ItemId> engaged;
  std::size_t next_session = 0;  // visits come in shopper order: the session cursor only moves forward
  for (std::size_t begin = 0; begin < order.size();) {
    const ShopperId shopper = events.data[order[begin]].shopper;
    std::size_t end = begin;
    engaged.clear();
    for (; end < order.size() && events.data[order[end]].shopper == shopper; ++end) {
      const ItemId item = events.data[order[end]].item;
      check_item(item, item_count, "event for item");
      if (std::find(engaged.begin(), engaged.end(), item) == engaged.end()) engaged.push_back(item);
    }
    std::size_t earlier_count = 0;
    while (next_session < by_shopper.size() && sessions[by_shopper[next_session]].view.shopper < shopper) {
      ++next_session;
    }
    if (next_session < by_shopper.size() && sessions[by_shopper[next_session]].view.shopper == shopper) {
      const SessionView& view = sessions[by_shopper[next_session]].view;
      for (std::size_t r = 0; r < std::min<std::size_t>(view.recent_count, kRecentItems); ++r) {
        if (view.recent_items[r] == kNoItem) continue;
        check_item(view.recent_items[r], item_count, "recent item");
        earlier[earlier_count++] = view.recent_items[r];
      }
    }
    visits.add_visit(earlier.data(), earlier_count, engaged.data(), engaged.size());
    begin = end;
  }
  return visits;
}

void ShopperVisits::add_visit(const ItemId* earlier, std::size_t earlier_count, const ItemId* items,
                              std::size_t item_count) {
  const auto start = static_cast<std::uint32_t>(items_.size());
  items_.insert(items_.end(), earlier, earlier + earlier_count);
  items_.insert(items_.end(), items, items + item_count);
  visits_.push_back({start, static_cast<std::uint32_t>(earlier_count), start + static_cast<std::uint32_t>(earlier_count),
                     static_cast<std::uint32_t>(item_count)});
}

ShopperVisit ShopperVisits::operator[](std::size_t index) const {
  const Span& v = visits_[index];
  return {items_.data() + v.earlier_begin, v.earlier_count, items_.data() + v.items_begin, v.item_count};
}

}  // namespace promosim::plugins
