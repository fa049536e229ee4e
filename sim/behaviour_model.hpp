#pragma once
// How a synthetic shopper reacts to a slate (DESIGN §5; docs/behaviour-model.md has the
// equations):
//   examined(j)   = position_decay^j                                  position bias
//   match(s, i)   = taste_seg * <u_s, v_i> + quality_i + brand_seg * appeal_brand(i)
//   P(click)      = examined(j) * sigmoid(click_bias + match + discount_click_weight * promo * d)
//   P(cart|click) = sigmoid(cart_bias + match - elasticity * log(price_paid / reference)
//                           + promo * (d + coupon_pull))
//   P(buy|cart)   = sigmoid(session intent)
// where d is the discount against the price the shoppers remember, coupon_pull the extra money
// off a threshold coupon would give if the item joined the cart (faded by coupon fatigue), and
// the session intent ~ N(logit(base_intent_seg), intent_sd) shifted by strategic waiting
// around peaks and by satiation after a purchase. Every draw is addressed by (shopper, tick,
// purpose, slot), so all arms see the same numbers (common random numbers).
#include <cstdint>
#include <limits>
#include <vector>

#include "catalog.hpp"
#include "inventory.hpp"
#include "metric_counters.hpp"
#include "population.hpp"
#include "promosim/coupon_offer.hpp"
#include "promosim/types.hpp"
#include "scenario.hpp"
#include "shopper_state.hpp"
#include "timeline.hpp"

namespace promosim {

/// What the engine marks on a slate slot after checking stock and flash sales.
enum SlotFlag : std::uint8_t {
  kSoldOut = 1,    ///< no unit left when shown: the shopper may click but cannot cart or buy
  kFlashSale = 2,  ///< shown at a flash-sale discount, funded by the platform
  kPresale = 4,    ///< a pre-sale item taking deposits: "buying" it pays the deposit
};

/// One session as the shopper meets it.
struct SessionInput {
  ShopperId shopper = 0;
  TickIndex tick = 0;
  const ItemId* slate = nullptr;      ///< slate_size items, kNoItem slots skipped
  const float* discounts = nullptr;   ///< slate_size discount fractions of the list price
  const std::uint8_t* slot_flags = nullptr;  ///< slate_size SlotFlag sets, or nullptr for none
  std::size_t slate_size = 0;
  const CouponOffer* coupon = nullptr;  ///< the pricing policy's; nullptr: none
  const CouponOffer* drop_coupon = nullptr;  ///< a platform coupon the shopper holds; stacks with `coupon`
  /// A sale page (flash sale or pre-sale) seen after the slate: featured_count items at
  /// featured_discount, marked featured_flags (kFlashSale or kPresale; a pre-sale's deposit
  /// share is featured_deposit).
  const ItemId* featured = nullptr;
  std::size_t featured_count = 0;
  float featured_discount = 0.0f;
  std::uint8_t featured_flags = 0;
  float featured_deposit = 0.0f;
  TickIndex last_purchase_tick = kNever;
  float recent_coupons = 0.0f;        ///< coupons offered lately (decayed count), for fatigue
  const ItemId* held = nullptr;       ///< pre-heat cart items (held_count of them)
  std::size_t held_count = 0;
  /// The shard's share of the stock, from which every unit bought is taken (a purchase finds
  /// its item sold out when it has none left); nullptr: unlimited.
  Inventory::Shelf* shelf = nullptr;
  /// The price shoppers remember for each item (reference-price memory), or nullptr for list prices.
  const float* remembered_price = nullptr;
  /// Pre-sales: the deposit share of each kPresale slot (slate_size entries, or nullptr), and
  /// whether the shopper may place a deposit (one pending deposit at a time).
  const float* deposit_shares = nullptr;
  bool can_deposit = false;
  /// A deposit whose balance is due now: settled on this visit (paid with `balance_rate`).
  ItemId pending_deposit = kNoItem;
  float balance = 0.0f;       ///< currency units still to pay
  float presale_cut = 0.0f;   ///< the pre-sale price's cut off the list price
  float balance_rate = 0.0f;
};

/// What one session did, beyond the events it emitted.
struct SessionResult {
  std::uint16_t clicks = 0, carts = 0, purchases = 0;
  float spend = 0.0f;         ///< prices paid, after the coupon
  float coupon_value = 0.0f;  ///< what the pricing policy's coupon took off
  float drop_coupon_value = 0.0f;  ///< what the platform coupon took off (it is used up if > 0)
  ItemId left_in_cart[kHeldItems] = {kNoItem, kNoItem};  ///< carted, not bought (newest first)
  std::uint8_t left_count = 0;
  ItemId deposit_item = kNoItem;  ///< a pre-sale item the shopper paid a deposit on
  bool settled_deposit = false;   ///< the pending deposit's balance was paid or forfeited
};

class BehaviourModel {
 public:
  BehaviourModel(const Scenario& scenario, const Catalog& catalog, const Population& population,
                 const Timeline& timeline, std::uint64_t key);

  /// Simulates one session. Appends click/cart/purchase events to `events` and adds to
  /// `counters`. Thread-safe (const, no shared writes).
  SessionResult simulate(const SessionInput& in, std::vector<Event>& events, MetricCounters& counters) const;

  /// Simulates an organic visit before the timeline (the history handed to fit()): the
  /// shopper browses `kOrganicCandidates` random items, clicks the one that suits them best
  /// (with Gumbel noise, i.e. a softmax choice) and may cart and buy it at list price.
  SessionResult simulate_organic(ShopperId s, std::uint32_t visit, std::vector<Event>& events) const;

  /// Ground truth for pricing: the session's expected margin from its slate at `discounts`, and
  /// at the best discount per slot from kOracleDiscounts, computed from the shopper's true
  /// response probabilities (the session's own intent included). Coupons, pre-heat carts and
  /// flash pages are left out: this scores slot pricing alone.
  struct PricingTruth {
    double expected_margin = 0.0;
    double oracle_margin = 0.0;
  };
  PricingTruth pricing_truth(const SessionInput& in) const;
  static constexpr float kOracleDiscounts[] = {0.0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.4f, 0.5f};

  /// logit of the session's purchase intent at tick t: the segment's level, the session's
  /// draw, strategic waiting around peaks and satiation since `last_purchase`.
  double session_intent(ShopperId s, TickIndex t, TickIndex last_purchase) const;

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
    double intent = std::numeric_limits<double>::quiet_NaN();  // logit, drawn on the first cart
    bool timeline = false;                   // false in the history: no waiting or satiation
    TickIndex last_purchase = kNever;        // for satiation
    double carted = 0.0;                     // prices of carted items
    const CouponOffer* coupon = nullptr;
    const CouponOffer* drop = nullptr;
    double coupon_weight = 1.0;              // what fatigue leaves of the coupons' pull
    /// Money off a basket of x from both coupons (they stack).
    double reward(double x) const {
      return (coupon != nullptr ? coupon->reward(x) : 0.0) + (drop != nullptr ? drop->reward(x) : 0.0);
    }
    const float* remembered_price = nullptr; // nullptr: list prices
    const float* deposit_shares = nullptr;   // per slate slot, for kPresale slots
    std::size_t slate_size = 0;              // draws from here on are the sale page's
    float featured_deposit = 0.0f;           // deposit share of the sale page's items
    bool can_deposit = false;
    Inventory::Shelf* shelf = nullptr;       // nullptr: unlimited stock
    /// Takes the units a purchase of `item` needs (a flash unit too for a flash slot); false,
    /// taking nothing, if one is missing.
    bool take(ItemId item, std::uint8_t flags) const {
      if (shelf == nullptr) return true;
      const bool flash = (flags & kFlashSale) != 0;
      if (!shelf->in_stock(item) || (flash && shelf->flash_discount(item) <= 0.0f)) return false;
      if (flash) shelf->take_flash(item);
      return shelf->take(item);
    }
  };

  double match(ShopperId s, ItemId i) const;
  double draw_intent(std::uint64_t key, ShopperId s, TickIndex t) const;
  /// The intent shift of strategic waiting and satiation (0 in the history).
  double intent_shift(ShopperId s, TickIndex t, TickIndex last_purchase) const;
  /// The shopper's reaction to one shown item.
  SessionResult respond(const Draws& draws, ItemId item, float discount, std::uint8_t flags, std::uint8_t position,
                        double click_probability, const SegmentPhase& weights, Basket& basket,
                        std::uint32_t draw, std::vector<Event>& events, MetricCounters* counters) const;
  /// Pays (or forfeits) a pending pre-sale deposit's balance.
  void settle_deposit(const SessionInput& in, SessionResult& total, std::vector<Event>& events,
                      MetricCounters& counters) const;
  /// Buys the held pre-heat cart items the shopper decides to take at the peak.
  void buy_held(const SessionInput& in, SessionResult& total, std::vector<Event>& events,
                MetricCounters& counters) const;
  /// Adds the cheapest shown, unbought item that takes the basket to the next coupon tier, if
  /// the shopper is close enough and chooses to.
  void pad_basket(const SessionInput& in, const Basket& basket, SessionResult& total, std::size_t first_event,
                  std::vector<Event>& events, MetricCounters& counters) const;
  /// Takes the coupons off the purchased basket and books them.
  void redeem(const Basket& basket, SessionResult& total, Event* first, Event* last, MetricCounters& counters) const;
  /// A slot's expected margin at `discount`: P(click) P(cart | click) P(buy | cart) (paid - cost).
  double slot_expected_margin(ShopperId s, ItemId item, std::size_t slot, float discount, const SegmentPhase& weights,
                              double buy_probability, const float* remembered_price) const;
  /// Books one purchased unit into `counters`.
  void book_purchase(ItemId item, float paid, std::uint8_t flags, MetricCounters& counters) const;
  /// Takes `value` off the session's purchase events [first, last) in proportion to their prices.
  static void take_off(double value, double spend, Event* first, Event* last);

  const Catalog& catalog_;
  const Population& population_;
  const Timeline& timeline_;
  const BehaviourConfig behaviour_;
  std::uint64_t key_;
  std::uint64_t history_key_;
  std::uint32_t phase_count_;
  double satiation_decay_per_tick_;
  std::vector<SegmentPhase> weights_;   // [segment * phase_count + phase]
  std::vector<float> strength_;         // per segment
  std::vector<float> brand_weight_;     // per segment
  std::vector<float> waiting_;          // per segment: waiting_strength x patience
  std::vector<float> intent_logit_;     // per segment
  std::vector<float> examined_;         // per slot
};

}  // namespace promosim
