#pragma once
// Markov transition counts over shoppers' engagement sequences: how often item b followed
// item a (first order) or followed the pair (z, a) (second order).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "capped_counts.hpp"
#include "promosim/sdk.hpp"
#include "shopper_visits.hpp"

namespace promosim::plugins {

class TransitionTable {
 public:
  /// Second-order contexts kept per last item, and successors kept per second-order context:
  /// with `max_successors` per first-order row, memory is bounded by item_count *
  /// (max_successors + kMaxContextsPerItem * kMaxPairSuccessors) counts. When full, the
  /// contexts with the lower half of totals are dropped (ties: higher earlier-item id).
  static constexpr std::size_t kMaxContextsPerItem = 16;
  static constexpr std::size_t kMaxPairSuccessors = 16;

  /// order: 1 or 2; max_successors >= 1 (std::invalid_argument otherwise).
  TransitionTable(std::uint32_t item_count, std::uint32_t order, std::uint32_t max_successors);

  /// Counts the visit's transitions along the sequence earlier[1], earlier[0], items[0],
  /// items[1], ...: each item follows the item before it (repeats of the item just engaged
  /// with are skipped), and with order 2 also the pair of the two items before it.
  void learn(const ShopperVisit& visit);
  void learn(const ShopperVisits& visits);

  /// What followed `from`.
  const CappedCounts& successors(ItemId from) const;
  /// What followed `before` then `from`; nullptr if the pair was never seen (or was dropped)
  /// or the table is first order.
  const CappedCounts* successors(ItemId before, ItemId from) const;
  /// The row a session's history selects: the pair (recent_items[1], recent_items[0]) with
  /// order 2 if seen, else recent_items[0]'s row if it has any successor; nullptr otherwise.
  /// Throws std::out_of_range for a recent item outside the catalog.
  const CappedCounts* context(const SessionView& session) const;

  std::uint32_t order() const { return order_; }
  std::uint32_t max_successors() const { return max_successors_; }
  /// Transition counts stored, first and second order.
  std::size_t stored_counts() const;

 private:
  struct PairContext {
    ItemId before;
    CappedCounts next;
  };
  void check_item(ItemId item) const;
  void count(ItemId before, ItemId from, ItemId to);
  static void drop_lower_half(std::vector<PairContext>& contexts);

  std::uint32_t item_count_;
  std::uint32_t order_;
  std::uint32_t max_successors_;
  std::vector<CappedCounts> first_;               // by `from`
  std::vector<std::vector<PairContext>> second_;  // by `from`, sorted by `before`
};

}  // namespace promosim::plugins
