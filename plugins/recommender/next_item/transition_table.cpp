#include "transition_table.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

bool by_before(const auto& context, ItemId before) { return context.before < before; }

}  // namespace

TransitionTable::TransitionTable(std::uint32_t item_count, std::uint32_t order, std::uint32_t max_successors)
    : item_count_(item_count), order_(order), max_successors_(max_successors), first_(item_count) {
  if (order_ != 1 && order_ != 2) throw std::invalid_argument("next_item: order must be 1 or 2, got " + std::to_string(order));
  if (max_successors_ < 1) throw std::invalid_argument("next_item: max_successors must be at least 1");
  if (order_ == 2) second_.resize(item_count);
}

void TransitionTable::check_item(ItemId item) const {
  if (item >= item_count_) {
    throw std::out_of_range("item " + std::to_string(item) + " outside the catalog of " + std::to_string(item_count_) +
                            " items");
  }
}

void TransitionTable::count(ItemId before, ItemId from, ItemId to) {
  first_[from].add(to, max_successors_);
  if (order_ != 2 || before == kNoItem) return;
  std::vector<PairContext>& contexts = second_[from];
  auto it = std::lower_bound(contexts.begin(), contexts.end(), before, by_before<PairContext>);
  if (it == contexts.end() || it->before != before) {
    if (contexts.size() >= kMaxContextsPerItem) {
      drop_lower_half(contexts);
      it = std::lower_bound(contexts.begin(), contexts.end(), before, by_before<PairContext>);
    }
    it = contexts.insert(it, PairContext{before, {}});
  }
  it->next.add(to, std::min<std::size_t>(kMaxPairSuccessors, max_successors_));
}

void TransitionTable::drop_lower_half(std::vector<PairContext>& contexts) {
  const std::size_t keep = contexts.size() / 2;
  std::sort(contexts.begin(), contexts.end(), [](const PairContext& a, const PairContext& b) {
    return a.next.total() > b.next.total() || (a.next.total() == b.next.total() && a.before < b.before);
  });
  contexts.resize(keep);
  std::sort(contexts.begin(), contexts.end(), [](const PairContext& a, const PairContext& b) { return a.before < b.before; });
}

void TransitionTable::learn(const ShopperVisit& visit) {
  for (std::size_t e = 0; e < visit.earlier_count; ++e) check_item(visit.earlier[e]);
  for (std::size_t i = 0; i < visit.item_count; ++i) check_item(visit.items[i]);
  ItemId before = visit.earlier_count > 1 ? visit.earlier[1] : kNoItem;
  ItemId last = visit.earlier_count > 0 ? visit.earlier[0] : kNoItem;
  for (std::size_t i = 0; i < visit.item_count; ++i) {
    const ItemId item = visit.items[i];
    if (item == last) continue;
    if (last != kNoItem) count(before, last, item);
    before = last;
    last = item;
  }
}

void TransitionTable::learn(const ShopperVisits& visits) {
  for (std::size_t v = 0; v < visits.size(); ++v) learn(visits[v]);
}

const CappedCounts& TransitionTable::successors(ItemId from) const {
  check_item(from);
  return first_[from];
}

const CappedCounts* TransitionTable::successors(ItemId before, ItemId from) const {
  check_item(before);
  check_item(from);
  if (order_ != 2) return nullptr;
  const std::vector<PairContext>& contexts = second_[from];
  const auto it = std::lower_bound(contexts.begin(), contexts.end(), before, by_before<PairContext>);
  return it != contexts.end() && it->before == before ? &it->next : nullptr;
}

const CappedCounts* TransitionTable::context(const SessionView& session) const {
  const std::size_t recent = std::min<std::size_t>(session.recent_count, kRecentItems);
  if (recent == 0 || session.recent_items[0] == kNoItem) return nullptr;
  const ItemId from = session.recent_items[0];
  check_item(from);
  if (order_ == 2 && recent > 1 && session.recent_items[1] != kNoItem) {
    if (const CappedCounts* pair = successors(session.recent_items[1], from)) return pair;
  }
  return first_[from].size() > 0 ? &first_[from] : nullptr;
}

std::size_t TransitionTable::stored_counts() const {
  std::size_t total = 0;
  for (const CappedCounts& row : first_) total += row.size();
  for (const auto& contexts : second_) {
    for (const PairContext& c : contexts) total += c.next.size();
  }
  return total;
}

}  // namespace promosim::plugins
