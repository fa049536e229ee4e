#include "behaviour_model.hpp"

#include <cmath>
#include <limits>

#include "promosim/random_stream.hpp"

namespace promosim {
namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

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
      phase_count_(static_cast<std::uint32_t>(timeline.phase_count())) {
  for (const SegmentConfig& seg : scenario.population.segments) {
    strength_.push_back(static_cast<float>(seg.preference_strength));
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
  return strength_[population_.segment(s)] * dot + catalog_.quality(i);
}

double BehaviourModel::session_intent(std::uint64_t key, ShopperId s, TickIndex t) const {
  const auto u = RandomStream(key, Purpose::kSessionIntent, s, t).uniform4(0);
  return intent_logit_[population_.segment(s)] + behaviour_.intent_sd * standard_normal(u[0], u[1]);
}

SessionResult BehaviourModel::respond(const Draws& draws, ItemId item, float discount, std::uint8_t position,
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
  // A threshold coupon pulls like a discount worth the money off this item would unlock.
  double coupon_pull = 0.0;
  if (basket.coupon != nullptr) {
    const double gain = basket.coupon->reward(basket.carted + paid) - basket.coupon->reward(basket.carted);
    coupon_pull = std::min(1.0, gain / paid);
  }
  const double cart_logit = behaviour_.cart_bias + match(s, item) -
                            weights.price_weight * (std::log(paid) - catalog_.log_reference_price(item)) +
                            weights.promo_weight * (discount + coupon_pull);
  if (RandomStream(draws.key, Purpose::kCart, s, t).uniform(draw) >= sigmoid(cart_logit)) return r;
  r.carts = 1;
  basket.carted += paid;
  events.push_back({s, item, t, paid, discount, EventType::kCart, position, segment});
  if (std::isnan(basket.intent)) basket.intent = session_intent(draws.key, s, t);  // most sessions never cart
  if (RandomStream(draws.key, Purpose::kPurchase, s, t).uniform(draw) >= sigmoid(basket.intent)) return r;
  r.purchases = 1;
  r.spend = paid;
  events.push_back({s, item, t, paid, discount, EventType::kPurchase, position, segment});
  if (counters != nullptr) {
    counters->revenue += paid;
    counters->discount_cost += list - paid;
    counters->margin += paid - catalog_.unit_cost(item);
    if (catalog_.launch_tick(item) > 0) ++counters->new_item_purchases;
  }
  return r;
}

float BehaviourModel::redeem(const CouponOffer& coupon, double spend, Event* first, Event* last) {
  const float value = coupon.reward(spend);
  if (value <= 0.0f) return 0.0f;
  const double share = value / spend;
  for (Event* e = first; e != last; ++e) {
    if (e->type == EventType::kPurchase) e->price_paid -= static_cast<float>(e->price_paid * share);
  }
  return value;
}

SessionResult BehaviourModel::simulate(ShopperId s, TickIndex t, const ItemId* slate, const float* discounts,
                                       const CouponOffer& coupon, std::size_t slate_size, std::vector<Event>& events,
                                       MetricCounters& counters) const {
  const SegmentPhase& weights = weights_[population_.segment(s) * phase_count_ + timeline_.phase(t)];
  const bool offered = coupon.offered();
  Basket basket{std::numeric_limits<double>::quiet_NaN(), 0.0, offered ? &coupon : nullptr};
  const Draws draws{key_, s, t};
  const std::size_t first_event = events.size();
  SessionResult total;
  ++counters.sessions;
  counters.coupons_offered += offered ? 1 : 0;
  for (std::size_t j = 0; j < slate_size; ++j) {
    const ItemId item = slate[j];
    if (item == kNoItem) continue;
    ++counters.impressions;
    counters.discounted_impressions += discounts[j] > 0.0f ? 1 : 0;
    const double click_logit = behaviour_.click_bias + match(s, item) +
                               behaviour_.discount_click_weight * weights.promo_weight * discounts[j];
    const SessionResult r = respond(draws, item, discounts[j], static_cast<std::uint8_t>(j),
                                    examined_[j] * sigmoid(click_logit), weights, basket,
                                    static_cast<std::uint32_t>(j), events, &counters);
    if (catalog_.launch_tick(item) > 0) {
      ++counters.new_item_impressions;
      counters.new_item_clicks += r.clicks;
    }
    total.clicks += r.clicks;
    total.carts += r.carts;
    total.purchases += r.purchases;
    total.spend += r.spend;
  }
  if (offered && total.purchases > 0) {
    total.coupon_value = redeem(coupon, total.spend, events.data() + first_event, events.data() + events.size());
    if (total.coupon_value > 0.0f) {
      total.spend -= total.coupon_value;
      ++counters.coupons_redeemed;
      counters.coupon_cost += total.coupon_value;
      counters.revenue -= total.coupon_value;
      counters.discount_cost += total.coupon_value;
      counters.margin -= total.coupon_value;
    }
  }
  counters.clicks += total.clicks;
  counters.carts += total.carts;
  counters.purchases += total.purchases;
  counters.converted_sessions += total.purchases > 0 ? 1 : 0;
  return total;
}

SessionResult BehaviourModel::simulate_organic(ShopperId s, std::uint32_t visit, std::vector<Event>& events) const {
  const RandomStream stream(history_key_, Purpose::kHistory, s, visit);
  const std::uint32_t n = catalog_.item_count();
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
  Basket basket{std::numeric_limits<double>::quiet_NaN(), 0.0, nullptr};
  const SessionResult r = respond({history_key_, s, visit}, best, 0.0f, 255, 1.0, weights, basket, 0, events, nullptr);
  for (std::size_t e = first; e < events.size(); ++e) events[e].tick = 0;  // history is dated tick 0
  return r;
}

}  // namespace promosim
