#pragma once
// Elasticity pricing: learns each segment's response to price and discount per category, and
// prices every shown item at the grid discount that maximises its expected margin per
// impression, above a margin floor. A small random share of sessions explores.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cart_response.hpp"
#include "click_response.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

struct ElasticityPricingConfig {
  std::size_t levels;  ///< grid discounts 0, max/(levels−1), ..., max
  double max_discount;  ///< fraction of list price
  double min_margin;  ///< margin floor, fraction of the price paid
  double explore_share;  ///< share of sessions shown a random grid level on every slot
  double prior_elasticity;  ///< prior mean of each segment's elasticity
  double prior_promotion;  ///< prior mean of each segment's promotion response
  double prior_salience;  ///< prior mean of each segment's click salience
  double prior_sd;  ///< prior sd of the three segment-level slopes
  double category_sd;  ///< sd of a category's slopes around its segment's
};

class ElasticityPricingModel {
 public:
  /// `slate_size` tells slate slots (positions below it) from other placements in events;
  /// `random_key` is the run's key (CreateContext::random_key), for recomputing exploration.
  ElasticityPricingModel(const CatalogView& catalog, std::uint32_t segment_count, std::uint32_t slate_size,
                         std::uint64_t random_key, const ElasticityPricingConfig& config);

  /// Learns the cart response from the organic history (list prices only) and refits.
  void learn_history(EventSpan history);
  /// Learns from one tick: every click's cart outcome, and the click counts of the tick's
  /// exploration sessions (unless the engine withdrew some of their discounts). Refits a
  /// segment once its timeline evidence (slate clicks plus exploration sessions) has grown by
  /// 5% since its last refit.
  void learn_tick(TickIndex tick, const SessionOutcome* sessions, std::size_t session_count, EventSpan events);

  /// Writes each slot's discount (see PricingPolicy::price). const and thread-safe.
  void price(const SessionBatch& batch, std::size_t slate_size, const ItemId* slates, float* discounts) const;

  /// The grid level session (shopper, tick) explores, or −1 if it takes the learned prices.
  int explored_level(ShopperId shopper, TickIndex tick) const;

  const std::vector<double>& grid() const { return grid_; }
  const CartResponse& segment_response(SegmentId segment) const { return segment_response_.at(segment); }
  const CartResponse& category_response(SegmentId segment, CategoryId category) const;
  double click_salience(SegmentId segment) const { return salience_.at(segment); }
  /// Share of (segment, item) pairs currently priced below list.
  double discounted_share() const;

  /// The level of `grid` (ascending, grid[0] = 0) that maximises the expected margin per
  /// impression, up to factors the discount does not change:
  ///   exp(salience·d) · σ(response.logit(log_relative_list + ln(1−d), d)) · (margin_rate − d),
  /// over levels 0..max_level; ties go to the smaller discount.
  static std::size_t best_level(const CartResponse& response, double salience, double log_relative_list,
                                double margin_rate, const std::vector<double>& grid, std::size_t max_level);
  /// The highest level whose price paid keeps a margin of at least `min_margin` of it:
  /// (1−d)·list·(1 − min_margin) ≥ cost. 0 (list price) when even that misses the floor.
  static std::size_t floor_level(double list_price, double unit_cost, double min_margin,
                                 const std::vector<double>& grid);

 private:
  static std::size_t evidence_bin(double log_relative_paid, double discount, bool organic);
  void add_events(EventSpan events, bool organic);
  /// Refits segment g's responses and recomputes its prices.
  void refit(std::uint32_t g);
  void check(const Event& e) const;

  const CatalogView& catalog_;
  std::uint32_t segment_count_;
  std::uint32_t slate_size_;
  std::uint64_t random_key_;
  ElasticityPricingConfig config_;
  std::vector<double> grid_;
  std::vector<double> log_reference_;      // per category: ln(median list price)
  std::vector<float> log_relative_list_;   // per item: ln(list price / reference)
  std::vector<std::uint8_t> floor_level_;  // per item
  std::vector<CartEvidence> segment_evidence_;              // per segment
  std::vector<CartEvidence> category_evidence_;             // per segment × category
  std::vector<std::vector<ExplorationCounts>> exploration_;  // per segment, per level
  std::vector<CartResponse> segment_response_;
  std::vector<CartResponse> category_response_;
  std::vector<double> salience_;
  std::vector<std::uint8_t> level_;  // per segment × item: the learned price's grid level
  std::vector<double> evidence_;           // per segment: slate clicks + exploration sessions
  std::vector<double> evidence_at_refit_;  // per segment: evidence_ at the last refit
};

}  // namespace promosim::plugins
