#pragma once
// Bandit discount: every session gets one discount level on its whole slate, picked by
// Thompson sampling from its segment's bandit, while a pacer spreads the budget over the
// timeline. Rewards are the sessions' margins, learned at each barrier.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "discount_bandit.hpp"
#include "promosim/sdk.hpp"
#include "spend_pacer.hpp"

namespace promosim::plugins {

struct BanditDiscountConfig {
  DiscountBanditConfig bandit;
  double peak_weight;  ///< plan weight of the busiest phases' traffic
};

class BanditDiscountModel {
 public:
  explicit BanditDiscountModel(const CreateContext& context, const BanditDiscountConfig& config);

  /// Sets each segment's prior variance from the margin per history session (history sessions
  /// buy at most one unit).
  void learn_history(const SessionOutcome* sessions, std::size_t session_count, EventSpan history);
  /// Books the tick's spend with the pacer and, unless the engine withdrew some of the tick's
  /// discounts, adds the tick's session margins, by the level each session was shown.
  void learn_tick(TickIndex tick, const SessionOutcome* sessions, std::size_t session_count, EventSpan events);

  /// One discount per session on every filled slot. const and thread-safe.
  void price(const SessionBatch& batch, std::size_t slate_size, const ItemId* slates, float* discounts) const;

  /// The level a session of `shopper` in `segment` gets at `tick`: Thompson sampling's pick
  /// while the pacer is open, 0 (list price) otherwise.
  std::size_t level(ShopperId shopper, SegmentId segment, TickIndex tick) const;
  /// Index of the phase `tick` falls in (0 without phases).
  std::uint16_t phase_of(TickIndex tick) const;

  const DiscountBandit& bandit() const { return bandit_; }
  const SpendPacer& pacer() const { return pacer_; }
  std::uint32_t segment_count() const { return segment_count_; }

 private:
  void check(const Event& e) const;

  const CatalogView& catalog_;
  std::uint32_t segment_count_;
  std::uint32_t shopper_count_;
  std::uint32_t slate_size_;
  std::uint64_t random_key_;
  std::vector<TickIndex> phase_starts_;  // first tick of each phase, in order
  DiscountBandit bandit_;
  SpendPacer pacer_;
  std::vector<double> session_margin_;  // per shopper, filled and cleared within learn_tick
};

}  // namespace promosim::plugins
