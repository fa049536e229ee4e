#pragma once
// Ranks items from what the catalog says about them (category, brand, price band) and what
// each segment engaged with, so it can serve items nobody has interacted with yet and
// shoppers with no history. The content_cold_start recommender is built on it, and every
// collaborative-filtering recommender uses it for its `fallback` parameter.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "promosim/catalog_view.hpp"
#include "promosim/session_batch.hpp"
#include "promosim/types.hpp"

namespace promosim::plugins {

/// What a recommender does where its own model has nothing to say (cold shoppers, slots it
/// cannot fill, items without interactions).
enum class FallbackMode {
  kNone,        ///< nothing: unfilled slots stay empty, cold items are never shown
  kPopularity,  ///< the shopper's segment's most engaged-with items
  kContent,     ///< attribute scores (category, brand, price band); cold items get slots
};

/// The `fallback` parameter's choices and their parsing.
inline constexpr const char* kFallbackChoices = "content|popularity|none";
FallbackMode parse_fallback(std::string_view name);

/// Weights of the content score's terms (all in log-lift units: +1 multiplies the expected
/// engagement by e) and the strength of its priors; plugins/common/README.md has the formula.
/// The defaults are what the fallback of every CF recommender uses; content_cold_start
/// exposes them as parameters.
struct ContentWeights {
  double category = 1.0;         ///< segment × category affinity
  double brand = 1.0;            ///< brand appeal within its category
  double price_band = 1.0;       ///< price-band appeal within its category
  double recent_category = 1.0;  ///< added for items in a category of the session's recent items
  double recent_brand = 0.5;     ///< added on top for items of a recent item's brand
  double prior_items = 5.0;      ///< average items' worth of exposure every lift is shrunk toward its parent's with
  double item = 1.0;             ///< the item's own engagement against what its attributes and time on sale predict
  double prior_engagement = 2.0;  ///< pseudo-engagement shrinking the item term's lift toward 1
};

/// Optional filters of ContentScorer::fill().
struct FillOptions {
  /// Units left per item (catalog.item_count entries, e.g. DecisionContext::stock): items at
  /// 0 are skipped. nullptr: stock is not limited.
  const std::uint32_t* stock = nullptr;
  /// Skip the session's recent items as well as `exclude`.
  bool exclude_recent = false;
  /// Stop at items scoring below this: the content score with the session's boosts (e.g. to
  /// keep cold slots from items that were on sale long enough to be judged and were ignored),
  /// or in popularity mode the segment's weighted engagement.
  float min_score = -std::numeric_limits<float>::infinity();
};

class ContentScorer {
 public:
  /// `catalog` must outlive the scorer; its category and brand ids are checked against its
  /// counts (std::invalid_argument). Segment ids of events and sessions must be below
  /// `segment_count` (std::out_of_range otherwise).
  ContentScorer(const CatalogView& catalog, std::uint32_t segment_count, ContentWeights weights = {});

  /// Accumulates engagement from events (fit's history or a tick's events). Call refresh()
  /// after the last learn() of a barrier. Throws std::out_of_range for an item or segment
  /// outside the catalog or the population, std::invalid_argument for an unknown event type.
  void learn(EventSpan events);
  /// Rebuilds the rankings from the accumulated engagement. Segments are ranked in parallel;
  /// the result does not depend on the thread count.
  void refresh();

  /// Writes up to `count` items for `session` into out, best first: launched by `tick`, not
  /// among exclude[0, exclude_count), and, when `cold_only`, only items that are still cold.
  /// Returns how many were written. kNone writes nothing. Building a slate in steps, pass
  /// the slate so far as `exclude` and its end as `out`. Rankings are those of the last
  /// refresh(). const, thread-safe and allocation-free. Throws std::out_of_range for a session
  /// segment or recent item outside the population or the catalog.
  std::size_t fill(FallbackMode mode, const SessionView& session, TickIndex tick, std::size_t count,
                   const ItemId* exclude, std::size_t exclude_count, bool cold_only, ItemId* out,
                   const FillOptions& options = {}) const;

  /// An item is cold while it has had fewer engagement events than kWarmEvents.
  bool is_cold(ItemId item) const;
  static constexpr std::uint32_t kWarmEvents = 5;

  /// Engagement an event adds: a purchased unit is worth ten clicks and a cart three, the
  /// scarcity of each signal (the same weights as the popularity recommender's defaults).
  static constexpr double kClickWeight = 1.0;
  static constexpr double kCartWeight = 3.0;
  static constexpr double kPurchaseWeight = 10.0;

  /// Price bands are the quintiles of list price within the item's category.
  static constexpr std::uint32_t kPriceBands = 5;
  /// The item's price band in [0, kPriceBands): 0 for its category's cheapest fifth.
  std::uint32_t price_band(ItemId item) const;

  /// The content score of `item` for `segment` as of the last refresh(), before the session's
  /// recent-item boosts (log-lift units; 0 for every item before any engagement).
  float content_score(SegmentId segment, ItemId item) const;
  /// The weighted engagement `segment` has given `item` (see kClickWeight).
  double engagement(SegmentId segment, ItemId item) const;

  std::uint32_t segment_count() const { return segment_count_; }

 private:
  /// One ranked item: its score, its position in the segment's whole ranking (which breaks
  /// ties between lists exactly as the segment ranking does), and the earliest launch tick of
  /// it and every entry after it in its list.
  struct Entry {
    float score;
    std::uint32_t rank;
    ItemId item;
    TickIndex launch_from;
  };
  /// Items of one subset ranked per segment, and the same order grouped by category and by
  /// brand so a session's recent categories and brands can be merged in with their boosts.
  /// Segment s's lists start at s * size; a group's entries at s * size + its group start.
  struct Ranking {
    std::uint32_t size = 0;  // items per segment
    std::vector<Entry> by_segment, by_category, by_brand;
    std::vector<std::uint32_t> category_start, brand_start;  // category_count + 1 and brand_count + 1
  };

  void check_item(ItemId item) const;
  void check_segment(SegmentId segment) const;
  void compute_content_scores();
  /// Builds `ranking` from per-segment item orders (segment_count × item_count), keeping only
  /// items with keep[item] != 0 when `keep` is given.
  void assemble(const std::vector<ItemId>& order, const std::vector<float>& scores,
                const std::vector<std::uint8_t>* keep, bool grouped, Ranking& ranking) const;
  std::size_t walk(const Ranking& ranking, bool boosted, const SessionView& session, TickIndex tick,
                   std::size_t count, const ItemId* exclude, std::size_t exclude_count, ItemId* out,
                   const FillOptions& options) const;

  const CatalogView& catalog_;
  std::uint32_t segment_count_;
  ContentWeights weights_;
  std::vector<std::uint8_t> price_band_;                     // per item

  // Weighted engagement, accumulated by learn().
  double total_ = 0.0;
  std::vector<double> by_segment_, by_category_, by_brand_, by_band_;  // band: category * kPriceBands + band
  std::vector<double> by_segment_category_;  // segment * category_count + category
  std::vector<double> by_segment_item_;      // segment * item_count + item
  std::vector<double> by_item_;
  std::vector<std::uint32_t> events_per_item_;  // unweighted, for is_cold
  // Weighted engagement per learning tick, ascending (history and first tick share tick 0):
  // the engagement an average launched item collected, the item term's measure of exposure.
  std::vector<std::pair<TickIndex, double>> engagement_by_tick_;
  // Launch waves: the distinct launch ticks ascending, the items on sale once each has
  // launched, and each item's wave.
  std::vector<TickIndex> wave_launch_;
  std::vector<double> wave_items_on_sale_;
  std::vector<std::uint32_t> wave_of_item_;

  // Built by refresh().
  std::vector<float> content_score_;     // segment * item_count + item
  std::vector<float> popularity_score_;  // segment * item_count + item (engagement as float)
  Ranking content_all_, content_cold_, popularity_all_, popularity_cold_;
};

}  // namespace promosim::plugins
