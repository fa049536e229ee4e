#include "log_marginals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

#include "statistics.hpp"

namespace promosim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint8_t kViewed = 1, kCarted = 2, kPurchased = 4;

/// A session key: the log's own session id (split = false) or a number given by gap splitting.
struct SessionKey {
  bool split = false;
  std::uint64_t id = 0;
  auto operator<=>(const SessionKey&) const = default;
};

/// An impression with a positive reward is a recorded click on a shown item: a product-page view.
bool is_view(const LoggedEvent& e) {
  return e.kind == EventKind::kView || e.kind == EventKind::kClick ||
         (e.kind == EventKind::kImpression && e.reward > 0.0);
}

std::uint8_t stage_of(const LoggedEvent& e) {
  if (is_view(e)) return kViewed;
  if (e.kind == EventKind::kCart) return kCarted;
  if (e.kind == EventKind::kPurchase) return kPurchased;
  return 0;  // an impression without a click: shown, not viewed
}

/// Session keys for every event: logged ids where present, otherwise a new session whenever a
/// shopper's next event (in time order) comes more than kSessionGapSeconds after the previous.
std::vector<SessionKey> session_keys(const std::vector<LoggedEvent>& events, bool& had_ids) {
  std::vector<SessionKey> keys(events.size());
  std::vector<std::size_t> loose;
  had_ids = false;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].session == kNoSession) {
      loose.push_back(i);
    } else {
      keys[i] = {false, events[i].session};
      had_ids = true;
    }
  }
  std::sort(loose.begin(), loose.end(), [&](std::size_t x, std::size_t y) {
    return std::tie(events[x].shopper, events[x].time, x) < std::tie(events[y].shopper, events[y].time, y);
  });
  std::uint64_t next = 0;
  for (std::size_t k = 0; k < loose.size(); ++k) {
    const LoggedEvent& e = events[loose[k]];
    bool starts = k == 0;
    if (!starts) {
      const LoggedEvent& prev = events[loose[k - 1]];
      starts = prev.shopper != e.shopper || session_gap(prev.time, e.time);
    }
    if (starts) ++next;
    keys[loose[k]] = {true, next};
  }
  return keys;
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return quantile_of_sorted(values, 0.5);
}

}  // namespace


double visits_per_day(double mean_sessions_per_shopper, double days) {
  if (!(days > 0.0) || !std::isfinite(mean_sessions_per_shopper)) return kNaN;
  if (mean_sessions_per_shopper <= 1.0) return 0.0;
  // m / (1 - e^-m) rises from 1 (m -> 0) and is at least m, so the root lies in (0, mean].
  double low = 0.0, high = mean_sessions_per_shopper;
  for (int i = 0; i < 200; ++i) {
    const double m = 0.5 * (low + high);
    if (m / -std::expm1(-m) < mean_sessions_per_shopper) low = m; else high = m;
  }
  return 0.5 * (low + high) / days;
}

LogMarginals measure_log_marginals(std::vector<LoggedEvent> events) {
  LogMarginals out;
  const std::vector<SessionKey> keys = session_keys(events, out.had_session_ids);
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return std::tie(keys[x], events[x].time, x) < std::tie(keys[y], events[y].time, y);
  });

  struct Start {
    std::uint64_t shopper;
    std::int64_t time;
  };
  std::vector<Start> starts;
  std::vector<double> prices;
  std::vector<std::pair<std::uint32_t, std::uint8_t>> items;  // the current session's (item, stage)
  std::int64_t first_time = std::numeric_limits<std::int64_t>::max();
  std::int64_t last_time = std::numeric_limits<std::int64_t>::min();
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && keys[order[end]] == keys[order[begin]]) ++end;
    std::uint64_t views = 0;
    items.clear();
    for (std::size_t k = begin; k < end; ++k) {
      const LoggedEvent& e = events[order[k]];
      const std::uint8_t stage = stage_of(e);
      if (stage == 0) continue;
      items.emplace_back(e.item, stage);
      if (stage == kViewed) ++views;
    }
    // A log records only sessions in which something was viewed; count only those.
    if (views > 0) {
      ++out.sessions;
      out.views_per_session.push_back(static_cast<double>(views));
      std::sort(items.begin(), items.end());
      for (std::size_t k = 0; k < items.size();) {
        std::uint8_t stages = 0;
        const std::uint32_t item = items[k].first;
        for (; k < items.size() && items[k].first == item; ++k) stages |= items[k].second;
        ++out.viewed_pairs;
        if (stages & (kCarted | kPurchased)) ++out.cart_pairs;
        if (stages & kPurchased) ++out.purchase_pairs;
      }
      const LoggedEvent& head = events[order[begin]];  // earliest: sorted by time within the key
      for (std::size_t k = begin; k < end; ++k) {
        const LoggedEvent& e = events[order[k]];
        if (stage_of(e) == kViewed && std::isfinite(e.price) && e.price > 0.0) prices.push_back(e.price);
        if (e.time != kNoTime) {
          first_time = std::min(first_time, e.time);
          last_time = std::max(last_time, e.time);
        }
      }
      starts.push_back({head.shopper, head.time});
    }
    begin = end;
  }

  out.view_to_cart = out.viewed_pairs > 0 ? static_cast<double>(out.cart_pairs) / out.viewed_pairs : kNaN;
  out.cart_to_purchase = out.cart_pairs > 0 ? static_cast<double>(out.purchase_pairs) / out.cart_pairs : kNaN;

  std::vector<double>& views = out.views_per_session;
  std::sort(views.begin(), views.end());
  out.views_mean = kNaN;
  if (!views.empty()) {
    double sum = 0.0;
    for (double v : views) sum += v;  // small integers: the sum is exact
    out.views_mean = sum / static_cast<double>(views.size());
  }
  out.views_median = quantile_of_sorted(views, 0.5);
  out.views_p90 = quantile_of_sorted(views, 0.9);
  out.views_max = views.empty() ? kNaN : views.back();

  out.priced_views = prices.size();
  out.price_median = median_of(prices);
  out.log_price_sd = kNaN;
  if (!prices.empty()) {
    double mean = 0.0;
    for (double p : prices) mean += std::log(p);
    mean /= static_cast<double>(prices.size());
    double ss = 0.0;
    for (double p : prices) ss += (std::log(p) - mean) * (std::log(p) - mean);
    out.log_price_sd = std::sqrt(ss / static_cast<double>(prices.size()));
  }

  // Arrivals: sessions by shopper, in start order.
  std::sort(starts.begin(), starts.end(),
            [](const Start& x, const Start& y) { return std::tie(x.shopper, x.time) < std::tie(y.shopper, y.time); });
  std::vector<double> gaps;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    if (k == 0 || starts[k].shopper != starts[k - 1].shopper) {
      ++out.shoppers;
    } else if (starts[k].time != kNoTime && starts[k - 1].time != kNoTime) {
      gaps.push_back(static_cast<double>(starts[k].time - starts[k - 1].time) / 3600.0);
    }
  }
  const bool timed = first_time < last_time;
  out.span_hours = timed ? static_cast<double>(last_time - first_time) / 3600.0 : kNaN;
  out.sessions_per_hour = timed ? static_cast<double>(out.sessions) / out.span_hours : kNaN;
  out.median_return_gap_hours = median_of(std::move(gaps));
  out.visits_per_shopper_day =
      timed && out.shoppers > 0
          ? visits_per_day(static_cast<double>(out.sessions) / static_cast<double>(out.shoppers), out.span_hours / 24.0)
          : kNaN;

  // CTR by position, over every impression (shown items are logged whether clicked or not).
  for (const LoggedEvent& e : events) {
    if (e.kind != EventKind::kImpression || e.position < 1) continue;
    auto it = std::lower_bound(out.ctr_by_position.begin(), out.ctr_by_position.end(), e.position,
                               [](const PositionCtr& c, std::int32_t p) { return c.position < p; });
    if (it == out.ctr_by_position.end() || it->position != e.position) {
      it = out.ctr_by_position.insert(it, PositionCtr{e.position, 0, 0, 0.0});
    }
    ++it->impressions;
    if (e.reward > 0.0) ++it->clicks;
  }
  for (PositionCtr& c : out.ctr_by_position) c.ctr = static_cast<double>(c.clicks) / static_cast<double>(c.impressions);
  return out;
}

}  // namespace promosim
