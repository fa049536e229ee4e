#include "elasticity_pricing_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

constexpr std::uint32_t kExplorePurpose = static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + 11;

// Evidence bins: organic or slate clicks, times ln(price paid / reference) in steps of 0.25 over
// [−4, 3) (clamped at the ends), times the discount rounded to 0.05. Each bin keeps its feature
// sums, so the width only limits how finely the logistic curve is resolved within a bin.
constexpr double kLowestLogPrice = -4.0;
constexpr double kPriceBinWidth = 0.25;
constexpr std::size_t kPriceBins = 28;
constexpr std::size_t kDiscountBins = 21;
constexpr std::size_t kEvidenceBins = 2 * kPriceBins * kDiscountBins;

// The segment fit's levels (intercept, organic offset) are left to the data (vague prior); a
// category's may sit well away from its segment's (categories differ in appeal), so they are
// pooled only loosely.
constexpr double kSegmentLevelSd = 10.0;
constexpr double kCategoryLevelSd = 1.0;

// A segment is refitted (and its prices recomputed) once its timeline evidence, slate clicks
// plus exploration sessions, has grown by this share since its last refit. Refitting on a few
// percent more data moves the estimates by a few percent of their standard error, while it
// costs a pass over the segment's bins and catalog; early in the timeline every tick qualifies.
constexpr double kRefitGrowth = 0.05;

double sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

/// The discount-dependent parts of the expected margin of one (response, salience) pair, per
/// grid level, so pricing a whole category costs one exp per item and level.
struct LevelTerms {
  std::vector<double> logit_shift;  // −elasticity·ln(1−d) + promotion·d
  std::vector<double> click_lift;   // exp(salience·d)

  LevelTerms(const CartResponse& response, double salience, const std::vector<double>& grid) {
    for (const double d : grid) {
      logit_shift.push_back(-response.elasticity * std::log1p(-d) + response.promotion * d);
      click_lift.push_back(std::exp(salience * d));
    }
  }

  /// Best level for an item whose logit at list price is `list_logit`.
  std::size_t choose(double list_logit, double margin_rate, const std::vector<double>& grid,
                     std::size_t max_level) const {
    std::size_t best = 0;
    double best_value = -std::numeric_limits<double>::infinity();
    for (std::size_t l = 0; l <= max_level && l < grid.size(); ++l) {
      const double value = click_lift[l] * sigmoid(list_logit + logit_shift[l]) * (margin_rate - grid[l]);
      if (value > best_value) {
        best_value = value;
        best = l;
      }
    }
    return best;
  }
};

}  // namespace

ElasticityPricingModel::ElasticityPricingModel(const CatalogView& catalog, std::uint32_t segment_count,
                                               std::uint32_t slate_size, std::uint64_t random_key,
                                               const ElasticityPricingConfig& config)
    : catalog_(catalog),
      segment_count_(segment_count),
      slate_size_(slate_size),
      random_key_(random_key),
      config_(config) {
  if (segment_count == 0) throw std::invalid_argument("elasticity_pricing needs at least one segment");
  if (config.levels < 2 || config.levels > 256) {
    throw std::invalid_argument("elasticity_pricing: levels must be in [2, 256], got " + std::to_string(config.levels));
  }
  for (std::size_t l = 0; l < config.levels; ++l) {
    grid_.push_back(config.max_discount * static_cast<double>(l) / static_cast<double>(config.levels - 1));
  }
  // Reference price: the median list price of the category, the "normal" price shoppers compare with.
  std::vector<std::vector<float>> prices(catalog.category_count);
  for (ItemId i = 0; i < catalog.item_count; ++i) {
    if (catalog.category[i] >= catalog.category_count) {
      throw std::out_of_range("item " + std::to_string(i) + " has category " + std::to_string(catalog.category[i]) +
                              " outside the catalog's " + std::to_string(catalog.category_count));
    }
    prices[catalog.category[i]].push_back(catalog.list_price[i]);
  }
  log_reference_.assign(catalog.category_count, 0.0);
  for (std::size_t c = 0; c < prices.size(); ++c) {
    auto& p = prices[c];
    if (p.empty()) continue;
    std::nth_element(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(p.size() / 2), p.end());
    log_reference_[c] = std::log(static_cast<double>(p[p.size() / 2]));
  }
  for (ItemId i = 0; i < catalog.item_count; ++i) {
    log_relative_list_.push_back(
        static_cast<float>(std::log(static_cast<double>(catalog.list_price[i])) - log_reference_[catalog.category[i]]));
    floor_level_.push_back(static_cast<std::uint8_t>(
        floor_level(catalog.list_price[i], catalog.unit_cost[i], config.min_margin, grid_)));
  }
  const std::size_t cells = std::size_t{segment_count} * catalog.category_count;
  segment_evidence_.assign(segment_count, CartEvidence(kEvidenceBins));
  category_evidence_.assign(cells, CartEvidence(kEvidenceBins));
  exploration_.assign(segment_count, std::vector<ExplorationCounts>(grid_.size()));
  const CartResponse prior{0.0, config.prior_elasticity, config.prior_promotion, 0.0};
  segment_response_.assign(segment_count, prior);
  category_response_.assign(cells, prior);
  salience_.assign(segment_count, config.prior_salience);
  level_.assign(std::size_t{segment_count} * catalog.item_count, 0);
  evidence_.assign(segment_count, 0.0);
  evidence_at_refit_.assign(segment_count, 0.0);
  for (std::uint32_t g = 0; g < segment_count; ++g) refit(g);
}

const CartResponse& ElasticityPricingModel::category_response(SegmentId segment, CategoryId category) const {
  if (segment >= segment_count_ || category >= catalog_.category_count) {
    throw std::out_of_range("no estimate for segment " + std::to_string(segment) + ", category " +
                            std::to_string(category));
  }
  return category_response_[std::size_t{segment} * catalog_.category_count + category];
}

double ElasticityPricingModel::discounted_share() const {
  const auto discounted = std::count_if(level_.begin(), level_.end(), [](std::uint8_t l) { return l > 0; });
  return static_cast<double>(discounted) / static_cast<double>(level_.size());
}

int ElasticityPricingModel::explored_level(ShopperId shopper, TickIndex tick) const {
  const auto u = RandomStream(random_key_, kExplorePurpose, shopper, tick).uniform4(0);
  if (u[0] >= config_.explore_share) return -1;
  return static_cast<int>(std::min<double>(static_cast<double>(grid_.size()) - 1.0,
                                           u[1] * static_cast<double>(grid_.size())));
}

std::size_t ElasticityPricingModel::best_level(const CartResponse& response, double salience, double log_relative_list,
                                               double margin_rate, const std::vector<double>& grid,
                                               std::size_t max_level) {
  return LevelTerms(response, salience, grid)
      .choose(response.logit(log_relative_list, 0.0), margin_rate, grid, max_level);
}

std::size_t ElasticityPricingModel::floor_level(double list_price, double unit_cost, double min_margin,
                                                const std::vector<double>& grid) {
  std::size_t level = 0;
  for (std::size_t l = 1; l < grid.size(); ++l) {
    if ((1.0 - grid[l]) * list_price * (1.0 - min_margin) >= unit_cost) level = l;
  }
  return level;
}

void ElasticityPricingModel::price(const SessionBatch& batch, std::size_t slate_size, const ItemId* slates,
                                   float* discounts) const {
  const DecisionContext& context = *batch.context;
  // With nothing left to spend every discount would be withdrawn anyway.
  const bool can_spend = context.budget_remaining > 0.0;
  for (std::size_t i = 0; i < batch.size; ++i) {
    const SessionView& session = batch.sessions[i];
    if (session.segment >= segment_count_) {
      throw std::out_of_range("session of shopper " + std::to_string(session.shopper) + " has segment " +
                              std::to_string(session.segment) + " outside the " + std::to_string(segment_count_) +
                              " segments");
    }
    const int explored = can_spend ? explored_level(session.shopper, context.tick) : -1;
    const std::uint8_t* levels = level_.data() + std::size_t{session.segment} * catalog_.item_count;
    for (std::size_t j = i * slate_size; j < (i + 1) * slate_size; ++j) {
      const ItemId item = slates[j];
      if (item == kNoItem || !can_spend) {
        discounts[j] = 0.0f;
        continue;
      }
      if (item >= catalog_.item_count) {
        throw std::out_of_range("slate item " + std::to_string(item) + " outside the catalog of " +
                                std::to_string(catalog_.item_count) + " items");
      }
      discounts[j] = static_cast<float>(grid_[explored >= 0 ? static_cast<std::size_t>(explored) : levels[item]]);
    }
  }
}

void ElasticityPricingModel::learn_history(EventSpan history) {
  add_events(history, /*organic=*/true);
  for (std::uint32_t g = 0; g < segment_count_; ++g) refit(g);
}

void ElasticityPricingModel::learn_tick(TickIndex tick, const SessionOutcome* sessions, std::size_t session_count,
                                        EventSpan events) {
  add_events(events, /*organic=*/false);
  for (std::size_t s = 0; s < session_count; ++s) {
    const SessionView& view = sessions[s].view;
    if (view.segment >= segment_count_) {
      throw std::out_of_range("session outcome of shopper " + std::to_string(view.shopper) + " has segment " +
                              std::to_string(view.segment) + " outside the " + std::to_string(segment_count_) +
                              " segments");
    }
  }
  // The explored levels are a pure function of (shopper, tick), so the tick's sessions and
  // clicks per (segment, level) are counted in parallel blocks: integers, the same in any order.
  // A zero discount on an explored slot means the engine withdrew it (the budget's reservations
  // ran out): the tick's exploration sessions did not see their levels, so none of them count.
  const std::size_t levels = grid_.size();
  struct Tally {
    std::vector<std::uint64_t> sessions, clicks;  // segment * levels + level
    bool withdrawn = false;
  };
  const auto empty = [&] { return Tally{std::vector<std::uint64_t>(segment_count_ * levels, 0),
                                        std::vector<std::uint64_t>(segment_count_ * levels, 0), false}; };
  const auto add = [](Tally a, const Tally& b) {
    for (std::size_t k = 0; k < a.sessions.size(); ++k) {
      a.sessions[k] += b.sessions[k];
      a.clicks[k] += b.clicks[k];
    }
    a.withdrawn = a.withdrawn || b.withdrawn;
    return a;
  };
  // tally_one(i, tally) for i in [0, n), in parallel blocks.
  const auto count = [&](std::size_t n, const auto& tally_one) {
    return tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, n, 4096), empty(),
        [&](const tbb::blocked_range<std::size_t>& range, Tally tally) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) tally_one(i, tally);
          return tally;
        },
        add);
  };
  const auto explored_session = [&](std::size_t s, Tally& tally) {
    const SessionView& view = sessions[s].view;
    const int level = explored_level(view.shopper, tick);
    if (level >= 0) ++tally.sessions[view.segment * levels + static_cast<std::size_t>(level)];
  };
  const auto explored_click = [&](std::size_t i, Tally& tally) {
    const Event& e = events.data[i];
    if (e.type != EventType::kClick || e.position >= slate_size_) return;
    const int level = explored_level(e.shopper, tick);
    if (level < 0) return;
    if (grid_[static_cast<std::size_t>(level)] > 0.0 && e.discount == 0.0f) tally.withdrawn = true;
    ++tally.clicks[e.segment * levels + static_cast<std::size_t>(level)];
  };
  const Tally counts = add(count(session_count, explored_session), count(events.size, explored_click));
  const bool withdrawn = counts.withdrawn;
  for (std::uint32_t g = 0; g < segment_count_; ++g) {
    for (std::size_t l = 0; l < levels && !withdrawn; ++l) {
      const auto explored = static_cast<double>(counts.sessions[g * levels + l]);
      exploration_[g][l].sessions += explored;
      exploration_[g][l].clicks += static_cast<double>(counts.clicks[g * levels + l]);
      evidence_[g] += explored;
    }
    if (evidence_[g] > (1.0 + kRefitGrowth) * evidence_at_refit_[g]) refit(g);
  }
}

void ElasticityPricingModel::check(const Event& e) const {
  if (e.item >= catalog_.item_count) {
    throw std::out_of_range("event for item " + std::to_string(e.item) + " outside the catalog of " +
                            std::to_string(catalog_.item_count) + " items");
  }
  if (e.segment >= segment_count_) {
    throw std::out_of_range("event of shopper " + std::to_string(e.shopper) + " has segment " +
                            std::to_string(e.segment) + " outside the " + std::to_string(segment_count_) +
                            " segments");
  }
  if (!(e.discount >= 0.0f && e.discount < 1.0f)) {
    throw std::invalid_argument("event with discount " + std::to_string(e.discount) + " outside [0, 1)");
  }
}

std::size_t ElasticityPricingModel::evidence_bin(double log_relative_paid, double discount, bool organic) {
  const double position = std::floor((log_relative_paid - kLowestLogPrice) / kPriceBinWidth);
  const auto price_bin = static_cast<std::size_t>(std::clamp(position, 0.0, static_cast<double>(kPriceBins - 1)));
  const auto discount_bin = std::min(kDiscountBins - 1, static_cast<std::size_t>(std::lround(discount * 20.0)));
  return ((organic ? kPriceBins : 0) + price_bin) * kDiscountBins + discount_bin;
}

void ElasticityPricingModel::add_events(EventSpan events, bool organic) {
  for (const Event& e : events) {
    if (e.type == EventType::kPurchase) continue;
    check(e);
    const double d = e.discount;
    const double log_relative_paid = log_relative_list_[e.item] + std::log1p(-d);
    const std::size_t bin = evidence_bin(log_relative_paid, d, organic);
    CartEvidence& segment = segment_evidence_[e.segment];
    CartEvidence& category =
        category_evidence_[std::size_t{e.segment} * catalog_.category_count + catalog_.category[e.item]];
    if (e.type == EventType::kClick) {
      if (!organic) evidence_[e.segment] += 1.0;
      segment.add_click(bin, log_relative_paid, d, organic);
      category.add_click(bin, log_relative_paid, d, organic);
    } else {
      segment.add_cart(bin);
      category.add_cart(bin);
    }
  }
}

void ElasticityPricingModel::refit(std::uint32_t g) {
  evidence_at_refit_[g] = evidence_[g];
  const std::size_t categories = catalog_.category_count;
  const std::size_t items = catalog_.item_count;
  const double slope_sd = config_.prior_sd;
  const CartPrior segment_prior{{0.0, config_.prior_elasticity, config_.prior_promotion, 0.0},
                                {kSegmentLevelSd, slope_sd, slope_sd, kSegmentLevelSd}};
  segment_response_[g] = fit_cart_response(segment_evidence_[g].bins(), segment_prior, segment_response_[g]);
  salience_[g] = fit_click_salience(grid_, exploration_[g], config_.prior_salience, slope_sd);
  // Partial pooling: a category's coefficients have its segment's as prior mean, so a
  // category with few clicks is priced by its segment's response.
  const CartPrior category_prior{segment_response_[g],
                                 {kCategoryLevelSd, config_.category_sd, config_.category_sd, kCategoryLevelSd}};
  // Categories, then items, are independent of each other: fitted and priced in parallel.
  tbb::parallel_for(std::size_t{0}, categories, [&](std::size_t c) {
    CartResponse& response = category_response_[g * categories + c];
    const CartEvidence& evidence = category_evidence_[g * categories + c];
    response = evidence.bins().empty() ? segment_response_[g]
                                       : fit_cart_response(evidence.bins(), category_prior, response);
  });
  std::vector<LevelTerms> terms;
  terms.reserve(categories);
  for (std::size_t c = 0; c < categories; ++c) {
    terms.emplace_back(category_response_[g * categories + c], salience_[g], grid_);
  }
  std::uint8_t* levels = level_.data() + g * items;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, items, 1024), [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const CategoryId c = catalog_.category[i];
      const CartResponse& response = category_response_[g * categories + c];
      const double margin_rate = 1.0 - static_cast<double>(catalog_.unit_cost[i]) / catalog_.list_price[i];
      levels[i] = static_cast<std::uint8_t>(
          terms[c].choose(response.logit(log_relative_list_[i], 0.0), margin_rate, grid_, floor_level_[i]));
    }
  });
}

}  // namespace promosim::plugins
