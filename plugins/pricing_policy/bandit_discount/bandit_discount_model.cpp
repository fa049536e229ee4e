#include "bandit_discount_model.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

BanditDiscountModel::BanditDiscountModel(const CreateContext& context, const BanditDiscountConfig& config)
    : catalog_(*context.catalog),
      segment_count_(context.segment_count),
      shopper_count_(context.shopper_count),
      slate_size_(context.slate_size),
      random_key_(context.random_key),
      bandit_(context.segment_count, context.phase_count, config.bandit),
      pacer_(context.discount_budget, SpendPacer::traffic_weights(context.phases, context.phase_count,
                                                                  context.tick_count, config.peak_weight)),
      session_margin_(context.shopper_count, 0.0) {
  for (std::uint32_t p = 0; p < context.phase_count; ++p) phase_starts_.push_back(context.phases[p].first_tick);
}

std::uint16_t BanditDiscountModel::phase_of(TickIndex tick) const {
  std::uint16_t phase = 0;
  while (phase + std::size_t{1} < phase_starts_.size() && phase_starts_[phase + 1u] <= tick) ++phase;
  return phase;
}

std::size_t BanditDiscountModel::level(ShopperId shopper, SegmentId segment, TickIndex tick) const {
  if (!pacer_.open(tick)) return 0;
  return bandit_.choose(segment, phase_of(tick), random_key_, shopper, tick);
}

void BanditDiscountModel::price(const SessionBatch& batch, std::size_t slate_size, const ItemId* slates,
                                float* discounts) const {
  const TickIndex tick = batch.context->tick;
  for (std::size_t i = 0; i < batch.size; ++i) {
    const SessionView& session = batch.sessions[i];
    const auto discount = static_cast<float>(bandit_.discount(level(session.shopper, session.segment, tick)));
    for (std::size_t j = i * slate_size; j < (i + 1) * slate_size; ++j) {
      discounts[j] = slates[j] == kNoItem ? 0.0f : discount;
    }
  }
}

void BanditDiscountModel::check(const Event& e) const {
  if (e.item >= catalog_.item_count) {
    throw std::out_of_range("event for item " + std::to_string(e.item) + " outside the catalog of " +
                            std::to_string(catalog_.item_count) + " items");
  }
  if (e.shopper >= shopper_count_) {
    throw std::out_of_range("event of shopper " + std::to_string(e.shopper) + " outside the " +
                            std::to_string(shopper_count_) + " shoppers");
  }
  if (e.segment >= segment_count_) {
    throw std::out_of_range("event of shopper " + std::to_string(e.shopper) + " has segment " +
                            std::to_string(e.segment) + " outside the " + std::to_string(segment_count_) +
                            " segments");
  }
}

void BanditDiscountModel::learn_history(const SessionOutcome* sessions, std::size_t session_count,
                                        EventSpan history) {
  // Per segment, plus everyone (index segment_count_) for segments without history purchases.
  std::vector<double> count(segment_count_ + 1, 0.0), sum(segment_count_ + 1, 0.0), squares(segment_count_ + 1, 0.0);
  for (std::size_t s = 0; s < session_count; ++s) {
    const SegmentId g = sessions[s].view.segment;
    if (g >= segment_count_) {
      throw std::out_of_range("history session has segment " + std::to_string(g) + " outside the " +
                              std::to_string(segment_count_) + " segments");
    }
    count[g] += 1.0;
    count[segment_count_] += 1.0;
  }
  for (const Event& e : history) {
    if (e.type != EventType::kPurchase) continue;
    check(e);
    const double margin = static_cast<double>(e.price_paid) - catalog_.unit_cost[e.item];
    for (const std::size_t g : {std::size_t{e.segment}, std::size_t{segment_count_}}) {
      sum[g] += margin;
      squares[g] += margin * margin;
    }
  }
  // Each history session buys at most one unit, so a purchase's margin is its session's reward.
  const auto variance = [&](std::size_t g) {
    if (count[g] == 0.0) return 0.0;
    const double mean = sum[g] / count[g];
    return squares[g] / count[g] - mean * mean;
  };
  const double everyone = variance(segment_count_) > 0.0 ? variance(segment_count_) : 1.0;  // 1: no purchases at all
  std::vector<double> prior(segment_count_);
  for (std::uint32_t g = 0; g < segment_count_; ++g) prior[g] = variance(g) > 0.0 ? variance(g) : everyone;
  bandit_.set_prior_variance(prior);
}

void BanditDiscountModel::learn_tick(TickIndex tick, const SessionOutcome* sessions, std::size_t session_count,
                                     EventSpan events) {
  const std::uint16_t phase = phase_of(tick);
  bool withdrawn = false;
  double spend = 0.0;
  for (const Event& e : events) {
    check(e);
    if (e.type == EventType::kPurchase) session_margin_[e.shopper] += e.price_paid - catalog_.unit_cost[e.item];
    // Slate slots only: sale pages and organic purchases carry the platform's prices.
    if (e.position >= slate_size_) continue;
    const double discount = bandit_.discount(level(e.shopper, e.segment, tick));
    if (discount == 0.0) continue;
    // A zero discount on a discounted session's slot: the engine withdrew it (budget reservations
    // ran out), so the tick's sessions did not all see the levels they were given.
    if (e.type == EventType::kClick && e.discount == 0.0f) withdrawn = true;
    // A unit sold at the policy's discount (not a deeper flash price) is the policy's spend.
    if (e.type == EventType::kPurchase && e.discount == static_cast<float>(discount)) {
      spend += static_cast<double>(catalog_.list_price[e.item]) * e.discount;
    }
  }
  std::vector<TickRewards> rewards(segment_count_, TickRewards(bandit_.levels()));
  for (std::size_t s = 0; s < session_count; ++s) {
    const SessionView& view = sessions[s].view;
    if (view.shopper >= shopper_count_ || view.segment >= segment_count_) {
      throw std::out_of_range("session outcome of shopper " + std::to_string(view.shopper) + ", segment " +
                              std::to_string(view.segment) + " outside the population");
    }
    rewards[view.segment].add(level(view.shopper, view.segment, tick), session_margin_[view.shopper]);
  }
  for (SegmentId g = 0; g < segment_count_ && !withdrawn; ++g) bandit_.add_tick(g, phase, rewards[g]);
  for (const Event& e : events) session_margin_[e.shopper] = 0.0;
  pacer_.book(spend);
  bandit_.refresh();
}

}  // namespace promosim::plugins
