#pragma once
// The synthetic shoppers: a segment, an activity level and latent preference factors each.
// Immutable once built; shared by every arm of a replicate (common random numbers).
#include <cstdint>
#include <span>
#include <vector>

#include "promosim/types.hpp"
#include "scenario.hpp"

namespace promosim {

class Population {
 public:
  /// The ticks over which a group of new shoppers joins: [first, first + count).
  struct JoinWindow {
    TickIndex first = 0;
    TickIndex count = 1;
  };
  /// Draws `config.shoppers` shoppers, then config.new_shoppers[w].shoppers joining over
  /// join_windows[w] for each w, with `factor_dim` latent factors, key `key`. Every shopper is
  /// drawn from their own index, so adding new shoppers leaves the others unchanged.
  static Population build(const PopulationConfig& config, std::uint32_t factor_dim,
                          const std::vector<JoinWindow>& join_windows, std::uint64_t key);

  std::uint32_t size() const { return static_cast<std::uint32_t>(segment_.size()); }
  SegmentId segment(ShopperId s) const { return segment_[s]; }
  /// Expected visits per day at traffic multiplier 1.
  float visit_rate(ShopperId s) const { return visit_rate_[s]; }
  /// First tick the shopper can visit: 0 for the initial population.
  TickIndex join_tick(ShopperId s) const { return join_tick_[s]; }
  const float* factors(ShopperId s) const { return factors_.data() + static_cast<std::size_t>(s) * factor_dim_; }
  /// Shoppers per segment.
  const std::vector<std::uint64_t>& segment_sizes() const { return segment_sizes_; }

  /// For a logged population: shoppers with fitted[s] take the fitted factors (factor_dim
  /// each), and every shopper comes exactly at the logged ticks (arrivals of shopper s:
  /// ticks[offsets[s] .. offsets[s+1]), ascending, distinct) instead of by the Poisson process
  /// (visit_rate is then unused).
  void adopt_logged_shoppers(std::span<const float> factors, std::span<const char> fitted,
                             std::vector<std::uint32_t> arrival_offsets, std::vector<TickIndex> arrival_ticks);
  /// Whether arrivals are replayed from a log (adopt_logged_shoppers) rather than drawn.
  bool replays_arrivals() const { return !arrival_offsets_.empty(); }
  /// The shopper's first replayed arrival after `tick` (kNever for none); tick kNever asks for
  /// the first of all.
  TickIndex next_logged_arrival(ShopperId s, TickIndex tick) const;

 private:
  std::uint32_t factor_dim_ = 0;
  std::vector<SegmentId> segment_;
  std::vector<float> visit_rate_;
  std::vector<TickIndex> join_tick_;
  std::vector<float> factors_;
  std::vector<std::uint64_t> segment_sizes_;
  std::vector<std::uint32_t> arrival_offsets_;  // logged populations only
  std::vector<TickIndex> arrival_ticks_;
};

}  // namespace promosim
