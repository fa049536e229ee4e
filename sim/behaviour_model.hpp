#pragma once
// How a synthetic shopper reacts to a slate (DESIGN §5, version 1):
//   examined(j)   = position_decay^j                                  position bias
//   match(s, i)   = preference_strength_seg * <u_s, v_i> + quality_i  latent factors + category affinity
//   P(click)      = examined(j) * sigmoid(click_bias + match + discount_click_weight * promo * d)
//   P(cart|click) = sigmoid(cart_bias + match - elasticity * log(price_paid / reference)
//                           + promo * (d + coupon_gain / price_paid))
//   P(buy|cart)   = sigmoid(session intent), intent ~ N(logit(base_intent_seg), intent_sd)
// where coupon_gain is the extra money off a threshold coupon would give if the item joined
// the session's cart; at the end the best tier the purchases reach comes off the basket.
// with elasticity and promo (promotion sensitivity) taken from the segment and scaled by the
// phase. Every draw is addressed by (shopper, tick, purpose, slot), so all arms see the same
// numbers (common random numbers).
#include <cstdint>
#include <vector>

#include "catalog.hpp"
#include "metric_counters.hpp"
#include "population.hpp"
#include "promosim/coupon_offer.hpp"
#include "promosim/types.hpp"
#include "scenario.hpp"
#include "timeline.hpp"

namespace promosim {

/// What one session did, beyond the events it emitted.
struct SessionResult {
  std::uint16_t clicks = 0, carts = 0, purchases = 0;
  float spend = 0.0f;         ///< prices paid, after the coupon
  float coupon_value = 0.0f;  ///< what the coupon took off
};

class BehaviourModel {
 public:
  BehaviourModel(const Scenario& scenario, const Catalog& catalog, const Population& population,
                 const Timeline& timeline, std::uint64_t key);

  /// Simulates shopper s's response at tick t to a slate of `slate_size` items (kNoItem
  /// slots are skipped) shown with `discounts` and `coupon`. Appends click/cart/purchase
  /// events to `events` and adds to `counters`. Thread-safe (const, no shared writes).
  SessionResult simulate(ShopperId s, TickIndex t, const ItemId* slate, const float* discounts,
                         const CouponOffer& coupon, std::size_t slate_size, std::vector<Event>& events,
                         MetricCounters& counters) const;

  /// Simulates an organic visit before the timeline (the history handed to fit()): the
  /// shopper browses `kOrganicCandidates` random items, clicks the one that suits them best
  /// (with Gumbel noise, i.e. a softmax choice) and may cart and buy it at list price.
  SessionResult simulate_organic(ShopperId s, std::uint32_t visit, std::vector<Event>& events) const;

  /// logit of shopper s's purchase intent in the session at tick t.
  double session_intent(ShopperId s, TickIndex t) const { return session_intent(key_, s, t); }

  static constexpr std::uint32_t kOrganicCandidates = 20;

 private:
  struct SegmentPhase {
    float price_weight;   // elasticity x phase price sensitivity
    float promo_weight;   // promotion sensitivity x phase promotion sensitivity
  };
  /// Draws of one session: timeline sessions use the replicate's key, organic history
  /// sessions a key of their own, so the two never share a random number.
  struct Draws {
    std::uint64_t key;
    ShopperId shopper;
    TickIndex tick;
  };
  /// What the shopper carries from one slate item to the next within a session.
  struct Basket {
    double intent;                 // logit, drawn on the first cart (NaN until then)
    double carted = 0.0;           // prices of carted items
    const CouponOffer* coupon;     // nullptr for history sessions
  };
  double match(ShopperId s, ItemId i) const;
  double session_intent(std::uint64_t key, ShopperId s, TickIndex t) const;
  /// The shopper's reaction to one shown item.
  SessionResult respond(const Draws& draws, ItemId item, float discount, std::uint8_t position,
                        double click_probability, const SegmentPhase& weights, Basket& basket,
                        std::uint32_t draw, std::vector<Event>& events, MetricCounters* counters) const;
  /// Takes the coupon's reward for `spend` off the session's purchase events (from `first`),
  /// in proportion to their prices; returns the reward.
  static float redeem(const CouponOffer& coupon, double spend, Event* first, Event* last);

  const Catalog& catalog_;
  const Population& population_;
  const Timeline& timeline_;
  const BehaviourConfig behaviour_;
  std::uint64_t key_;
  std::uint64_t history_key_;
  std::uint32_t phase_count_;
  std::vector<SegmentPhase> weights_;   // [segment * phase_count + phase]
  std::vector<float> strength_;         // per segment
  std::vector<float> intent_logit_;     // per segment
  std::vector<float> examined_;         // per slot
};

}  // namespace promosim
