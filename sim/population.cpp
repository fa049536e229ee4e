#include "population.hpp"

#include <algorithm>
#include <cmath>

#include "promosim/random_stream.hpp"

namespace promosim {

namespace {
// Shoppers within a segment differ in how often they come: a lognormal activity multiplier
// with mean 1 (sd of the log 0.5) gives the long tail of heavy visitors seen in real logs.
constexpr double kActivitySigma = 0.5;
constexpr std::uint32_t kNoWindow = ~0u;
}  // namespace

Population Population::build(const PopulationConfig& config, std::uint32_t factor_dim,
                             const std::vector<JoinWindow>& join_windows, std::uint64_t key) {
  Population p;
  // Which join window each shopper is in: none for the initial population.
  std::vector<std::uint32_t> window_of(config.shoppers, kNoWindow);
  for (std::size_t w = 0; w < config.new_shoppers.size(); ++w) {
    window_of.insert(window_of.end(), config.new_shoppers[w].shoppers, static_cast<std::uint32_t>(w));
  }
  const auto n = static_cast<std::uint32_t>(window_of.size());
  p.join_tick_.resize(n);
  p.factor_dim_ = factor_dim;
  p.segment_.resize(n);
  p.visit_rate_.resize(n);
  p.factors_.resize(static_cast<std::size_t>(n) * factor_dim);
  p.segment_sizes_.assign(config.segments.size(), 0);

  std::vector<double> cumulative_share;
  double total = 0.0;
  for (const SegmentConfig& segment : config.segments) cumulative_share.push_back(total += segment.share);

  for (ShopperId s = 0; s < n; ++s) {
    const RandomStream stream(key, Purpose::kPopulation, s, 0);
    const auto u = stream.uniform4(0);
    SegmentId seg = 0;
    while (seg + 1u < cumulative_share.size() && u[0] * total >= cumulative_share[seg]) ++seg;
    p.segment_[s] = seg;
    ++p.segment_sizes_[seg];
    const double activity = std::exp(kActivitySigma * standard_normal(u[1], u[2]) - 0.5 * kActivitySigma * kActivitySigma);
    p.visit_rate_[s] = static_cast<float>(config.segments[seg].visit_rate * activity);
    if (window_of[s] != kNoWindow) {
      const JoinWindow& window = join_windows.at(window_of[s]);
      p.join_tick_[s] = window.first + std::min(window.count - 1, static_cast<TickIndex>(u[3] * window.count));
    }
    for (std::uint32_t j = 0; j < factor_dim; j += 2) {
      const auto w = stream.uniform4(1 + j / 2);
      p.factors_[static_cast<std::size_t>(s) * factor_dim + j] = static_cast<float>(standard_normal(w[0], w[1]));
      if (j + 1 < factor_dim) {
        p.factors_[static_cast<std::size_t>(s) * factor_dim + j + 1] = static_cast<float>(standard_normal(w[2], w[3]));
      }
    }
  }
  return p;
}

void Population::adopt_logged_shoppers(std::span<const float> factors, std::span<const char> fitted,
                                       std::vector<std::uint32_t> arrival_offsets, std::vector<TickIndex> arrival_ticks) {
  const std::size_t d = factor_dim_;
  for (ShopperId s = 0; s < size(); ++s) {
    if (fitted[s]) std::copy_n(factors.data() + s * d, d, factors_.data() + s * d);
  }
  arrival_offsets_ = std::move(arrival_offsets);
  arrival_ticks_ = std::move(arrival_ticks);
}

TickIndex Population::next_logged_arrival(ShopperId s, TickIndex tick) const {
  const auto first = arrival_ticks_.begin() + arrival_offsets_[s];
  const auto last = arrival_ticks_.begin() + arrival_offsets_[s + 1];
  const auto next = tick == kNever ? first : std::upper_bound(first, last, tick);
  return next == last ? kNever : *next;
}

}  // namespace promosim
