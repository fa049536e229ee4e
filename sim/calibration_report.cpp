#include "calibration_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "ks_statistic.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

std::string number(double value, const char* format = "%.4g") {
  if (!std::isfinite(value)) return "n/a";
  char text[64];
  if (value == std::floor(value) && std::fabs(value) < 1e12) format = "%.0f";  // counts in full
  std::snprintf(text, sizeof text, format, value);
  return text;
}

/// `text` as a double-quoted YAML scalar.
std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Up to 6 significant digits: enough for a scenario value, short enough to read.
std::string yaml_number(double value) { return number(value, "%.6g"); }

std::string relative(double logged, double simulated) {
  if (!std::isfinite(logged) || !std::isfinite(simulated) || logged == 0.0) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", 100.0 * (simulated / logged - 1.0));
  return text;
}

void row(std::ostringstream& out, const std::string& name, double logged, double simulated, const std::string& note) {
  char line[256];
  std::snprintf(line, sizeof line, "%-30s %12s %12s %10s  %s\n", name.c_str(), number(logged).c_str(),
                number(simulated).c_str(), relative(logged, simulated).c_str(), note.c_str());
  out << line;
}

}  // namespace

std::string calibration_table(const LogMarginals& logged, const CalibrationResult& result) {
  const LogMarginals& sim = result.simulated;
  std::ostringstream out;
  char line[256];
  std::snprintf(line, sizeof line, "%-30s %12s %12s %10s  %s\n", "marginal", "logged", "simulated", "rel.error",
                "fit");
  out << line;
  const auto count = [](std::uint64_t n) { return static_cast<double>(n); };
  row(out, "sessions with a view", count(logged.sessions), count(sim.sessions),
      "not fitted (scales with population.shoppers)");
  row(out, "shoppers", count(logged.shoppers), count(sim.shoppers), "not fitted (scales with population.shoppers)");
  row(out, "view->cart (session-item)", logged.view_to_cart, sim.view_to_cart, "fitted: behaviour.cart_bias");
  row(out, "cart->purchase (session-item)", logged.cart_to_purchase, sim.cart_to_purchase,
      "fitted: segments' base_intent");
  row(out, "views/session mean", logged.views_mean, sim.views_mean, "fitted: behaviour.click_bias");
  row(out, "views/session median", logged.views_median, sim.views_median, "not fitted");
  row(out, "views/session p90", logged.views_p90, sim.views_p90, "not fitted");
  row(out, "views/session max", logged.views_max, sim.views_max, "not fitted (a session has one slate)");
  row(out, "viewed price median", logged.price_median, sim.price_median, "fitted: catalog.price median");
  row(out, "viewed log-price sd", logged.log_price_sd, sim.log_price_sd, "fitted: catalog.price sigma");
  row(out, "visits/shopper/day", logged.visits_per_shopper_day, sim.visits_per_shopper_day,
      "fitted: segments' visit_rate");
  row(out, "sessions/hour", logged.sessions_per_hour, sim.sessions_per_hour,
      "not fitted (scales with population.shoppers)");
  row(out, "median return gap (hours)", logged.median_return_gap_hours, sim.median_return_gap_hours,
      "not fitted (simulated visits are whole ticks apart)");
  const double ks = ks_two_sample_statistic(logged.views_per_session, sim.views_per_session);
  out << "KS statistic, views per session: " << number(ks, "%.3f") << " (logged " << logged.views_per_session.size()
      << " sessions, simulated " << sim.views_per_session.size() << "; ties compared at each distinct count)\n";
  if (logged.ctr_by_position.empty()) {
    out << "CTR by position: n/a: the log has no positions\n";
  } else {
    out << "CTR by position (logged; the simulator emits no impression events, so no simulated value):\n";
    for (const PositionCtr& c : logged.ctr_by_position) {
      std::snprintf(line, sizeof line, "  position %2d: %.4f (%llu clicks / %llu impressions)\n", c.position, c.ctr,
                    static_cast<unsigned long long>(c.clicks), static_cast<unsigned long long>(c.impressions));
      out << line;
    }
  }
  out << (result.converged ? "fit: converged" : "fit: NOT converged (best iteration shown)") << " after "
      << result.iterations << " simulation(s)\n";
  return out.str();
}

std::string calibration_fragment(const CalibrationResult& result, const CalibrationSource& source) {
  const Scenario& s = result.fitted;
  std::ostringstream out;
  out << "# promosim calibrate: behaviour-model values fitted to a logged data set.\n"
      << "# log:   " << source.log << " (" << source.format << "), " << source.rows_read << " rows read, "
      << source.events << " events\n"
      << "# span:  " << source.span << "\n"
      << "# base:  " << source.base << ", seed " << source.seed << "; "
      << (result.converged ? "converged" : "NOT converged (best iteration)") << " after " << result.iterations
      << " simulation(s)\n"
      << "# Merge into a scenario: maps are merged, the segments list replaces the scenario's.\n"
      << "# Definitions and limits: docs/calibration.md.\n"
      << "catalog:\n"
      << "  # fitted by simulation, starting from the logged viewed items' median price and sd of log price\n"
      << "  price: {dist: lognormal, median: " << yaml_number(s.catalog.price.a)
      << ", sigma: " << yaml_number(s.catalog.price.b) << "}\n"
      << "population:\n"
      << "  segments:\n";
  for (const SegmentConfig& seg : s.population.segments) {
    out << "    - name: " << yaml_quoted(seg.name) << "\n"
        << "      share: " << format_number(seg.share) << "  # base scenario\n"
        << "      visit_rate: " << yaml_number(seg.visit_rate)
        << "  # fitted: visits per shopper per day (zero-truncated Poisson)\n"
        << "      base_intent: " << yaml_number(seg.base_intent) << "  # fitted: cart->purchase\n"
        << "      price_elasticity: " << yaml_number(seg.price_elasticity) << "  # base scenario\n"
        << "      promotion_sensitivity: " << yaml_number(seg.promotion_sensitivity) << "  # base scenario\n"
        << "      preference_strength: " << yaml_number(seg.preference_strength) << "  # base scenario\n"
        << "      brand_sensitivity: " << yaml_number(seg.brand_sensitivity) << "  # base scenario\n"
        << "      patience: " << yaml_number(seg.patience) << "  # base scenario\n";
  }
  out << "behaviour:\n"
      << "  click_bias: " << yaml_number(s.behaviour.click_bias) << "  # fitted: views per session\n"
      << "  cart_bias: " << yaml_number(s.behaviour.cart_bias) << "  # fitted: view->cart\n";
  return out.str();
}

}  // namespace promosim
