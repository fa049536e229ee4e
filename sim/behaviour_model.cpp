#include "behaviour_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "promosim/random_stream.hpp"

namespace promosim {
namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// The discount a shopper sees: against the price they remember (list price without memory).
double perceived_discount(ItemId item, float paid, const float* remembered_price, float list) {
  const float reference = remembered_price != nullptr ? remembered_price[item] : list;
  return std::max(0.0, 1.0 - static_cast<double>(paid) / reference);
}

// Sub-key of the history's draws (organic sessions are addressed by visit number).
constexpr std::uint64_t kHistoryKey = 0x68697374;  // "hist"

}  // namespace

BehaviourModel::BehaviourModel(const Scenario& scenario, const Catalog& catalog, const Population& population,
                               const Timeline& timeline, std::uint64_t key)
    : catalog_(catalog),
      population_(population),
      timeline_(timeline),
      behaviour_(scenario.behaviour),
      key_(key),
      history_key_(derive_key(key, kHistoryKey)),
      phase_count_(static_cast<std::uint32_t>(timeline.phase_count())),
      satiation_decay_per_tick_(std::pow(0.5, timeline.tick_days() / scenario.behaviour.satiation_half_life_days)) {
  for (const SegmentConfig& seg : scenario.population.segments) {
    strength_.push_back(static_cast<float>(seg.preference_strength));
    brand_weight_.push_back(static_cast<float>(seg.brand_sensitivity));
    waiting_.push_back(static_cast<float>(behaviour_.waiting_strength * seg.patience));
    intent_logit_.push_back(static_cast<float>(std::log(seg.base_intent / (1.0 - seg.base_intent))));
    for (std::uint32_t p = 0; p < phase_count_; ++p) {
      const PhaseConfig& phase = timeline.phase_config(static_cast<std::uint16_t>(p));
      weights_.push_back({static_cast<float>(seg.price_elasticity * phase.price_sensitivity),
                          static_cast<float>(seg.promotion_sensitivity * phase.promotion_sensitivity)});
    }
  }
  for (std::uint32_t j = 0; j < behaviour_.slate_size; ++j) {
    examined_.push_back(static_cast<float>(std::pow(behaviour_.position_decay, j)));
  }
}

double BehaviourModel::match(ShopperId s, ItemId i) const {
  const float* u = population_.factors(s);
  const float* v = catalog_.factors(i);
  float dot = 0.0f;
  for (std::uint32_t j = 0; j < catalog_.factor_dim(); ++j) dot += u[j] * v[j];
  const SegmentId segment = population_.segment(s);
  return strength_[segment] * dot + catalog_.quality(i) + brand_weight_[segment] * catalog_.brand_appeal(i);
}

double BehaviourModel::draw_intent(std::uint64_t key, ShopperId s, TickIndex t) const {
  const auto u = RandomStream(key, Purpose::kSessionIntent, s, t).uniform4(0);
  return intent_logit_[population_.segment(s)] + behaviour_.intent_sd * standard_normal(u[0], u[1]);
}

double BehaviourModel::intent_shift(ShopperId s, TickIndex t, TickIndex last_purchase) const {
  double shift = 0.0;
  const double waiting = waiting_[population_.segment(s)];
  if (waiting > 0.0) {
    // Held back more and more as the peak nears, released during it.
    if (timeline_.in_peak(t)) {
      shift += waiting;
    } else if (const TickIndex peak = timeline_.next_peak(t); peak != kNever && behaviour_.anticipation_days > 0.0) {
      const double days_until = static_cast<double>(peak - t) * timeline_.tick_days();
      if (days_until < behaviour_.anticipation_days) shift -= waiting * (1.0 - days_until / behaviour_.anticipation_days);
    }
  }
  if (behaviour_.satiation > 0.0 && last_purchase != kNever && last_purchase < t) {
    shift -= behaviour_.satiation * std::pow(satiation_decay_per_tick_, static_cast<double>(t - last_purchase));
  }
  return shift;
}

double BehaviourModel::session_intent(ShopperId s, TickIndex t, TickIndex last_purchase) const {
  return draw_intent(key_, s, t) + intent_shift(s, t, last_purchase);
}

double BehaviourModel::slot_expected_margin(ShopperId s, ItemId item, std::size_t slot, float discount,
                                            const SegmentPhase& weights, double buy_probability,
                                            const float* remembered_price) const {
  const float list = catalog_.list_price(item);
  const float paid = list * (1.0f - discount);
  const double perceived = perceived_discount(item, paid, remembered_price, list);
  const double m = match(s, item);
  const double click = examined_[slot] * sigmoid(behaviour_.click_bias + m + behaviour_.discount_click_weight *
                                                                               weights.promo_weight * perceived);
  const double cart = sigmoid(behaviour_.cart_bias + m -
                              weights.price_weight * (std::log(paid) - catalog_.log_reference_price(item)) +
                              weights.promo_weight * perceived);
  return click * cart * buy_probability * (paid - catalog_.unit_cost(item));
}

BehaviourModel::PricingTruth BehaviourModel::pricing_truth(const SessionInput& in) const {
  const SegmentPhase& weights = weights_[population_.segment(in.shopper) * phase_count_ + timeline_.phase(in.tick)];
  const double buy = sigmoid(session_intent(in.shopper, in.tick, in.last_purchase_tick));
  PricingTruth truth;
  for (std::size_t j = 0; j < in.slate_size; ++j) {
    const ItemId item = in.slate[j];
    if (item == kNoItem) continue;
    truth.expected_margin +=
        slot_expected_margin(in.shopper, item, j, in.discounts[j], weights, buy, in.remembered_price);
    double best = -std::numeric_limits<double>::infinity();
    for (const float d : kOracleDiscounts) {
      best = std::max(best, slot_expected_margin(in.shopper, item, j, d, weights, buy, in.remembered_price));
    }
    truth.oracle_margin += best;
  }
  return truth;
}

void BehaviourModel::book_purchase(ItemId item, float paid, std::uint8_t flags, MetricCounters& counters) const {
  const float list = catalog_.list_price(item);
  counters.revenue += paid;
  counters.discount_cost += list - paid;
  counters.margin += paid - catalog_.unit_cost(item);
  if (catalog_.launch_tick(item) > 0) ++counters.new_item_purchases;
  if ((flags & kFlashSale) != 0) {
    ++counters.flash_units_sold;
    counters.flash_discount_cost += list - paid;
  } else {
    counters.own_discount_cost += list - paid;
  }
}

SessionResult BehaviourModel::respond(const Draws& draws, ItemId item, float discount, std::uint8_t flags,
                                      std::uint8_t position,
                                      double click_probability, const SegmentPhase& weights, Basket& basket,
                                      std::uint32_t draw, std::vector<Event>& events,
                                      MetricCounters* counters) const {
  const ShopperId s = draws.shopper;
  const TickIndex t = draws.tick;
  SessionResult r;
  const SegmentId segment = population_.segment(s);
  const float list = catalog_.list_price(item);
  const float paid = list * (1.0f - discount);
  if (RandomStream(draws.key, Purpose::kClick, s, t).uniform(draw) >= click_probability) return r;
  r.clicks = 1;
  events.push_back({s, item, t, list, discount, EventType::kClick, position, segment});
  if ((flags & kSoldOut) != 0) return r;  // "sold out" on the item's page
  // A threshold coupon pulls like a discount worth the money off this item would unlock.
  double coupon_pull = 0.0;
  if (basket.coupon != nullptr || basket.drop != nullptr) {
    const double gain = basket.reward(basket.carted + paid) - basket.reward(basket.carted);
    coupon_pull = basket.coupon_weight * std::min(1.0, gain / paid);
  }
  const double cart_logit = behaviour_.cart_bias + match(s, item) -
                            weights.price_weight * (std::log(paid) - catalog_.log_reference_price(item)) +
                            weights.promo_weight * (perceived_discount(item, paid, basket.remembered_price, list) + coupon_pull);
  if (RandomStream(draws.key, Purpose::kCart, s, t).uniform(draw) >= sigmoid(cart_logit)) return r;
  r.carts = 1;
  basket.carted += paid;
  events.push_back({s, item, t, paid, discount, EventType::kCart, position, segment});
  if (std::isnan(basket.intent)) {  // most sessions never cart
    basket.intent = draw_intent(draws.key, s, t) + (basket.timeline ? intent_shift(s, t, basket.last_purchase) : 0.0);
  }
  if (RandomStream(draws.key, Purpose::kPurchase, s, t).uniform(draw) >= sigmoid(basket.intent)) return r;
  if (!basket.take(item, flags)) {  // sold out at checkout
    if (counters != nullptr) ++counters->sold_out_checkouts;
    return r;
  }
  if ((flags & kPresale) != 0) {  // a deposit now (the unit is set aside), the rest at the balance
    if (!basket.can_deposit || counters == nullptr) return r;
    const double share = draw < basket.slate_size ? basket.deposit_shares[draw] : basket.featured_deposit;
    const double deposit = static_cast<double>(paid) * share;
    basket.can_deposit = false;
    r.deposit_item = item;
    ++counters->deposits;
    counters->revenue += deposit;
    counters->margin += deposit;
    return r;
  }
  r.purchases = 1;
  r.spend = paid;
  events.push_back({s, item, t, paid, discount, EventType::kPurchase, position, segment});
  if (counters != nullptr) book_purchase(item, paid, flags, *counters);
  return r;
}

void BehaviourModel::take_off(double value, double spend, Event* first, Event* last) {
  const double share = value / spend;
  for (Event* e = first; e != last; ++e) {
    if (e->type == EventType::kPurchase) e->price_paid -= static_cast<float>(e->price_paid * share);
  }
}

void BehaviourModel::redeem(const Basket& basket, SessionResult& total, Event* first, Event* last,
                            MetricCounters& counters) const {
  if (total.purchases == 0) return;
  total.coupon_value = basket.coupon != nullptr ? basket.coupon->reward(total.spend) : 0.0f;
  total.drop_coupon_value = basket.drop != nullptr ? basket.drop->reward(total.spend) : 0.0f;
  const double value = static_cast<double>(total.coupon_value) + total.drop_coupon_value;
  if (value <= 0.0) return;
  take_off(value, total.spend, first, last);
  total.spend -= static_cast<float>(value);
  counters.revenue -= value;
  counters.discount_cost += value;
  counters.margin -= value;
  if (total.coupon_value > 0.0f) {
    ++counters.coupons_redeemed;
    counters.coupon_cost += total.coupon_value;
    counters.own_discount_cost += total.coupon_value;
  }
  if (total.drop_coupon_value > 0.0f) {
    ++counters.drop_coupons_redeemed;
    counters.drop_coupon_cost += total.drop_coupon_value;
  }
}

void BehaviourModel::settle_deposit(const SessionInput& in, SessionResult& total, std::vector<Event>& events,
                                    MetricCounters& counters) const {
  if (in.pending_deposit == kNoItem) return;
  total.settled_deposit = true;
  if (RandomStream(key_, Purpose::kPresale, in.shopper, in.tick).uniform(0) >= in.balance_rate) return;  // forfeited
  const ItemId item = in.pending_deposit;
  const float list = catalog_.list_price(item);
  events.push_back({in.shopper, item, in.tick, in.balance, in.presale_cut, EventType::kPurchase, 255,
                    population_.segment(in.shopper)});
  // The deposit was booked as revenue and margin when paid; the unit's cost and its pre-sale
  // discount are booked now.
  ++counters.balances_paid;
  counters.revenue += in.balance;
  const double cut = static_cast<double>(list) * in.presale_cut;
  counters.discount_cost += cut;
  counters.presale_discount_cost += cut;
  counters.margin += in.balance - catalog_.unit_cost(item);
  if (catalog_.launch_tick(item) > 0) ++counters.new_item_purchases;
  ++total.purchases;
  total.spend += in.balance;
}

void BehaviourModel::buy_held(const SessionInput& in, SessionResult& total, std::vector<Event>& events,
                              MetricCounters& counters) const {
  if (in.held_count == 0 || !timeline_.in_peak(in.tick) || behaviour_.cart_ahead_conversion <= 0.0) return;
  const RandomStream stream(key_, Purpose::kCartAhead, in.shopper, in.tick);
  for (std::size_t k = 0; k < in.held_count; ++k) {
    if (stream.uniform(static_cast<std::uint32_t>(k)) >= behaviour_.cart_ahead_conversion) continue;
    const ItemId item = in.held[k];
    if (in.shelf != nullptr && !in.shelf->take(item)) {  // sold out since it was carted
      ++counters.sold_out_checkouts;
      continue;
    }
    const float list = catalog_.list_price(item);
    events.push_back({in.shopper, item, in.tick, list, 0.0f, EventType::kPurchase, 255, population_.segment(in.shopper)});
    book_purchase(item, list, 0, counters);
    ++counters.earlier_cart_purchases;
    ++total.purchases;
    total.spend += list;
  }
}

void BehaviourModel::pad_basket(const SessionInput& in, const Basket& basket, SessionResult& total,
                                std::size_t first_event, std::vector<Event>& events, MetricCounters& counters) const {
  if (behaviour_.padding_reach <= 0.0 || total.purchases == 0) return;
  // The nearest tier above the basket, of either coupon.
  double threshold = std::numeric_limits<double>::infinity();
  for (const CouponOffer* coupon : {basket.coupon, basket.drop}) {
    for (std::size_t t = 0; coupon != nullptr && t < kCouponTiers; ++t) {
      if (coupon->value[t] > 0.0f && coupon->threshold[t] > total.spend) {
        threshold = std::min<double>(threshold, coupon->threshold[t]);
      }
    }
  }
  const double gap = threshold - total.spend;
  if (!(gap <= behaviour_.padding_reach * threshold)) return;
  if (RandomStream(key_, Purpose::kPadding, in.shopper, in.tick).uniform(0) >= behaviour_.padding_probability) return;
  const auto bought = [&](ItemId item) {
    for (std::size_t e = first_event; e < events.size(); ++e) {
      if (events[e].type == EventType::kPurchase && events[e].item == item) return true;
    }
    return false;
  };
  std::size_t best = in.slate_size;
  float best_paid = 0.0f;
  for (std::size_t j = 0; j < in.slate_size; ++j) {
    const ItemId item = in.slate[j];
    if (item == kNoItem) continue;
    const float paid = catalog_.list_price(item) * (1.0f - in.discounts[j]);
    const bool sold_out = in.shelf != nullptr && !in.shelf->in_stock(item);
    if (in.slot_flags != nullptr && (in.slot_flags[j] & kPresale) != 0) continue;  // takes deposits, not orders
    if (paid >= gap && (best == in.slate_size || paid < best_paid) && !sold_out && !bought(item)) {
      best = j;
      best_paid = paid;
    }
  }
  if (best == in.slate_size) return;
  const ItemId item = in.slate[best];
  const std::uint8_t flags = in.slot_flags != nullptr ? in.slot_flags[best] : 0;
  if (!basket.take(item, flags)) return;  // its flash units are gone: the shopper does not pad
  // Picked from the slate like any other item: clicked, carted, bought.
  const auto position = static_cast<std::uint8_t>(best);
  const SegmentId segment = population_.segment(in.shopper);
  events.push_back({in.shopper, item, in.tick, catalog_.list_price(item), in.discounts[best], EventType::kClick, position, segment});
  events.push_back({in.shopper, item, in.tick, best_paid, in.discounts[best], EventType::kCart, position, segment});
  events.push_back({in.shopper, item, in.tick, best_paid, in.discounts[best], EventType::kPurchase, position, segment});
  ++total.clicks;
  ++total.carts;
  book_purchase(item, best_paid, flags, counters);
  ++total.purchases;
  total.spend += best_paid;
}

SessionResult BehaviourModel::simulate(const SessionInput& in, std::vector<Event>& events,
                                       MetricCounters& counters) const {
  const SegmentPhase& weights = weights_[population_.segment(in.shopper) * phase_count_ + timeline_.phase(in.tick)];
  const bool offered = in.coupon != nullptr && in.coupon->offered();
  Basket basket;
  basket.timeline = true;
  basket.last_purchase = in.last_purchase_tick;
  basket.coupon = offered ? in.coupon : nullptr;
  basket.drop = in.drop_coupon;
  basket.coupon_weight = std::exp(-behaviour_.coupon_fatigue * in.recent_coupons);
  basket.remembered_price = in.remembered_price;
  basket.deposit_shares = in.deposit_shares;
  basket.slate_size = in.slate_size;
  basket.featured_deposit = in.featured_deposit;
  basket.can_deposit = in.can_deposit;
  basket.shelf = in.shelf;
  const Draws draws{key_, in.shopper, in.tick};
  const std::size_t first_event = events.size();
  SessionResult total;
  ++counters.sessions;
  counters.coupons_offered += offered ? 1 : 0;
  settle_deposit(in, total, events, counters);
  buy_held(in, total, events, counters);
  for (std::size_t j = 0; j < in.slate_size; ++j) {
    const ItemId item = in.slate[j];
    if (item == kNoItem) continue;
    const float discount = in.discounts[j];
    const std::uint8_t flags = in.slot_flags != nullptr ? in.slot_flags[j] : 0;
    ++counters.impressions;
    counters.sold_out_impressions += (flags & kSoldOut) != 0 ? 1 : 0;
    counters.discounted_impressions += discount > 0.0f ? 1 : 0;
    const float list = catalog_.list_price(item);
    const double perceived = perceived_discount(item, list * (1.0f - discount), in.remembered_price, list);
    const double click_logit =
        behaviour_.click_bias + match(in.shopper, item) + behaviour_.discount_click_weight * weights.promo_weight * perceived;
    const SessionResult r = respond(draws, item, discount, flags, static_cast<std::uint8_t>(j),
                                    examined_[j] * sigmoid(click_logit), weights, basket,
                                    static_cast<std::uint32_t>(j), events, &counters);
    if (catalog_.launch_tick(item) > 0) {
      ++counters.new_item_impressions;
      counters.new_item_clicks += r.clicks;
    }
    if (r.carts > 0 && r.purchases == 0) {  // newest first, the oldest dropped
      if (total.left_count < kHeldItems) ++total.left_count;
      for (std::size_t k = total.left_count - 1; k > 0; --k) total.left_in_cart[k] = total.left_in_cart[k - 1];
      total.left_in_cart[0] = item;
    }
    if (r.deposit_item != kNoItem) total.deposit_item = r.deposit_item;
    total.clicks += r.clicks;
    total.carts += r.carts;
    total.purchases += r.purchases;
    total.spend += r.spend;
  }
  // The sale page: positions continue after the slate, so draws never collide.
  for (std::size_t m = 0; m < in.featured_count; ++m) {
    const ItemId item = in.featured[m];
    const auto position = static_cast<std::uint8_t>(in.slate_size + m);
    ++counters.impressions;
    ++counters.discounted_impressions;
    const float list = catalog_.list_price(item);
    const double perceived = perceived_discount(item, list * (1.0f - in.featured_discount), in.remembered_price, list);
    const double click_logit = behaviour_.click_bias + match(in.shopper, item) +
                               behaviour_.discount_click_weight * weights.promo_weight * perceived;
    const SessionResult r = respond(draws, item, in.featured_discount, in.featured_flags, position,
                                    examined_[std::min(m, examined_.size() - 1)] * sigmoid(click_logit), weights,
                                    basket, position, events, &counters);
    if (r.deposit_item != kNoItem) total.deposit_item = r.deposit_item;
    total.clicks += r.clicks;
    total.carts += r.carts;
    total.purchases += r.purchases;
    total.spend += r.spend;
  }
  if (basket.coupon != nullptr || basket.drop != nullptr) {
    pad_basket(in, basket, total, first_event, events, counters);
    redeem(basket, total, events.data() + first_event, events.data() + events.size(), counters);
  }
  counters.clicks += total.clicks;
  counters.carts += total.carts;
  counters.purchases += total.purchases;
  counters.converted_sessions += total.purchases > 0 ? 1 : 0;
  return total;
}

SessionResult BehaviourModel::simulate_organic(ShopperId s, std::uint32_t visit, std::vector<Event>& events) const {
  const RandomStream stream(history_key_, Purpose::kHistory, s, visit);
  const std::uint32_t n = catalog_.established_item_count();  // launched items are not on sale yet
  ItemId best = 0;
  double best_score = -1e300;
  for (std::uint32_t c = 0; c < kOrganicCandidates; c += 2) {
    const auto u = stream.uniform4(c / 2);
    for (std::uint32_t k = 0; k < 2; ++k) {
      const auto item = static_cast<ItemId>(std::min<double>(n - 1, u[2 * k] * n));
      const double score = match(s, item) - std::log(-std::log(u[2 * k + 1]));
      if (score > best_score) {
        best_score = score;
        best = item;
      }
    }
  }
  // Organic visits happen before the campaign: list prices, first phase's sensitivities, and
  // a click is certain (the shopper chose the item themselves).
  const SegmentPhase& weights = weights_[population_.segment(s) * phase_count_];
  const std::size_t first = events.size();
  Basket basket;
  const SessionResult r = respond({history_key_, s, visit}, best, 0.0f, 0, 255, 1.0, weights, basket, 0, events, nullptr);
  for (std::size_t e = first; e < events.size(); ++e) events[e].tick = 0;  // history is dated tick 0
  return r;
}

}  // namespace promosim
