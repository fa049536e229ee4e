#pragma once
// Item-based collaborative filtering (Sarwar et al. 2001; Deshpande & Karypis 2004): items
// engaged with by the same shoppers close together are neighbours; a session's candidates
// are the neighbours of the items it engaged with recently, weighted by how much engagement
// each candidate draws overall.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "candidate_scores.hpp"
#include "capped_counts.hpp"
#include "promosim/sdk.hpp"
#include "shopper_visits.hpp"

namespace promosim::plugins {

struct ItemKnnConfig {
  std::uint32_t neighbours = 0;        ///< neighbour-list length N, >= 1
  double shrinkage = 0.0;              ///< co-engagements at which the shrinkage factor is 1/2, >= 0
  double popularity_exponent = 0.0;    ///< exponent β of the engagement-value prior, >= 0
  double recency_decay = 0.0;          ///< weight of the k-th most recent item is recency_decay^k, in [0, 1]
  std::uint32_t max_partners = 0;      ///< co-occurrence counts kept per item, >= 1
};

/// One entry of an item's neighbour list.
struct Neighbour {
  ItemId item;
  float similarity;  ///< sim(listed item, item)
};

class ItemKnnModel {
 public:
  /// What an event adds to its item's engagement value: a purchased unit is worth ten clicks
  /// and a cart three (the popularity recommender's and the content fallback's weights).
  static constexpr double kClickValue = 1.0;
  static constexpr double kCartValue = 3.0;
  static constexpr double kPurchaseValue = 10.0;

  /// Throws std::invalid_argument for a config outside the documented ranges.
  ItemKnnModel(std::uint32_t item_count, const ItemKnnConfig& config);

  /// Counts a visit's co-engagements. Its items that are not among its earlier items are new
  /// engagements: each adds 1 to its item's engagement count n, and 1 to the co-occurrence
  /// count c with every earlier item and with every other new item of the visit. Items the
  /// shopper already had among the earlier items add nothing: their pairs with the other
  /// earlier items were counted when they were new, and their pairs with the new items are
  /// counted from the new items' side. Click, cart and purchase of an item in one visit are
  /// one engagement: the recent items of a session do not say which it was, so weighting
  /// by type would count the two ends of a pair differently. Neighbour lists change only
  /// at rebuild(). Throws std::out_of_range for an item outside the catalog.
  void learn(const ShopperVisit& visit);
  void learn(const ShopperVisits& visits);
  /// Adds the events' values (kClickValue, kCartValue, kPurchaseValue) to their items'
  /// engagement values v. Throws std::out_of_range for an item outside the catalog and
  /// std::invalid_argument for an unknown event type.
  void learn_values(EventSpan events);

  /// Recomputes every item's prior and neighbour list from the counts. An item's list holds
  /// its partners with the highest sim * prior, at most `neighbours`, best first (ties: lower
  /// id). Items are independent, so they are rebuilt in parallel and the lists do not depend
  /// on the thread count.
  void rebuild();

  /// sim(a, b) = c / sqrt(n'_a n'_b) * c / (c + shrinkage): the cosine of the two items'
  /// engagement vectors, shrunk when it rests on few co-engagements. c counts a and b's
  /// co-engagements and n' = max(n, c) (an item seen only as an earlier item of the window,
  /// e.g. engaged with before the history, has n < c). 0 when c = 0 or a == b. From the
  /// current counts, whether or not the lists have been rebuilt since.
  double similarity(ItemId a, ItemId b) const;
  std::uint32_t cooccurrences(ItemId a, ItemId b) const;
  std::uint32_t engagements(ItemId item) const;
  double value(ItemId item) const;
  /// prior(b) = (1 + v_b)^popularity_exponent as of the last rebuild(): the cosine alone
  /// prefers rarely engaged items (they share their few shoppers with anything), the prior
  /// brings back the items shoppers engage with and buy. 1 for every item with exponent 0.
  float prior(ItemId item) const;
  /// The neighbour list of `item` as of the last rebuild().
  std::span<const Neighbour> neighbours(ItemId item) const;

  /// Adds weight * recency_decay^k * sim(r_k, b) to `scores` for every neighbour b of the
  /// session's k-th most recent item r_k (k = 0 the newest; empty entries are skipped) and
  /// returns the sum of the recency weights used (0 without recent items): the session's
  /// affinity with each candidate. Candidates are not filtered: recent, unlaunched and
  /// sold-out items are the caller's to skip. const, thread-safe and allocation-free.
  /// Throws std::out_of_range for a recent item outside the catalog.
  double score(const SessionView& session, float weight, CandidateScores& scores) const;
  /// Multiplies every candidate's score by its prior: affinity * prior is the ranking score.
  void apply_prior(CandidateScores& scores) const;
  /// The most distinct candidates score() can add for one session.
  std::size_t max_candidates() const { return kRecentItems * config_.neighbours; }

  std::uint32_t item_count() const { return item_count_; }
  const ItemKnnConfig& config() const { return config_; }
  /// Mean neighbour-list length over the catalog, as of the last rebuild().
  double mean_neighbours() const;
  /// Co-occurrence counts stored (each pair is stored in both items' rows).
  std::size_t stored_counts() const;

 private:
  void check_item(ItemId item) const;
  /// One add to a co-occurrence row: `partner` seen with the row's item.
  struct RowAdd {
    ItemId row, partner;
  };
  /// Counts the visit's new engagements and appends its pairs' adds (each pair to both rows),
  /// in the order learn() documents. Safe to call for different visits at the same time.
  void collect_pairs(const ShopperVisit& visit, std::vector<RowAdd>& adds);
  /// Applies the adds of slice_adds_[0, slices) to the co-occurrence rows as if one after
  /// another, slice by slice.
  void apply_pairs(std::size_t slices);
  double similarity(std::uint32_t c, std::uint32_t n_a, std::uint32_t n_b) const;

  std::uint32_t item_count_;
  ItemKnnConfig config_;
  std::vector<std::uint32_t> engagements_;   // n per item
  std::vector<double> values_;               // v per item
  std::vector<float> priors_;                // per item, from values_ at the last rebuild
  std::vector<CappedCounts> cooccurrences_;  // c per item, by partner
  std::vector<Neighbour> neighbours_;        // item * config_.neighbours + rank
  std::vector<std::uint32_t> neighbour_count_;
  // learn()'s buffers, kept from tick to tick so their pages are not faulted in again.
  std::vector<std::vector<RowAdd>> slice_adds_;
  std::vector<std::uint32_t> slice_places_;
  std::vector<ItemId> partners_scratch_;
};

}  // namespace promosim::plugins
