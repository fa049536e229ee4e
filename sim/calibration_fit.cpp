#include "calibration_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "simulated_log.hpp"
#include "user_error.hpp"

namespace promosim {
namespace {

double logit(double p) {
  p = std::clamp(p, 1e-6, 1.0 - 1e-6);
  return std::log(p / (1.0 - p));
}

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double relative_error(double logged, double simulated) {
  if (!std::isfinite(logged) || !std::isfinite(simulated) || logged == 0.0) return HUGE_VAL;
  return simulated / logged - 1.0;
}

/// Views per session as a share of what a session can hold beyond its first view: a rate in
/// (0, 1) that rises with click_bias, so it can be moved on the logit scale like the funnel.
double extra_view_share(double views_mean, std::uint32_t slate_size) {
  return (views_mean - 1.0) / std::max(1.0, static_cast<double>(slate_size) - 1.0);
}

double mean_visit_rate(const Scenario& s) {
  double rate = 0.0;
  for (const SegmentConfig& seg : s.population.segments) rate += seg.share * seg.visit_rate;
  return rate;
}

/// Moves `knob` by the damped logit gap; a simulation that produced none of the marginal at all
/// (NaN) gets a fixed push upwards.
void logit_step(double& knob, double logged, double simulated, double damping) {
  knob += std::isfinite(simulated) ? damping * (logit(logged) - logit(simulated)) : 1.0;
}

void log_step(double& knob, double logged, double simulated, double damping) {
  if (std::isfinite(simulated) && simulated > 0.0) knob *= std::pow(logged / simulated, damping);
}

void require(bool ok, const std::string& what) {
  if (!ok) throw UserError("the log has " + what + ", which calibration needs; use a log with view, cart and purchase events and timestamps");
}

}  // namespace

Scenario apply_knobs(const Scenario& base, const CalibrationKnobs& knobs) {
  Scenario s = base;
  s.behaviour.click_bias = std::clamp(knobs.click_bias, -20.0, 20.0);
  s.behaviour.cart_bias = std::clamp(knobs.cart_bias, -20.0, 20.0);
  for (std::size_t i = 0; i < s.population.segments.size(); ++i) {
    SegmentConfig& seg = s.population.segments[i];
    const SegmentConfig& from = base.population.segments[i];
    seg.base_intent = std::clamp(logistic(logit(from.base_intent) + knobs.intent_shift), 1e-4, 1.0 - 1e-4);
    seg.visit_rate = std::clamp(from.visit_rate * knobs.visit_rate_scale, 1e-4, 24.0);
  }
  s.catalog.price.family = Distribution::Family::kLognormal;
  s.catalog.price.a = std::clamp(knobs.price_median, 0.01, 1e7);
  s.catalog.price.b = std::clamp(knobs.price_sigma, 0.0, 5.0);
  return s;
}

std::vector<FittedMarginal> fitted_marginals(const LogMarginals& logged, const LogMarginals& simulated) {
  return {{"view->cart", logged.view_to_cart, simulated.view_to_cart, true},
          {"cart->purchase", logged.cart_to_purchase, simulated.cart_to_purchase, true},
          {"views/session", logged.views_mean, simulated.views_mean, true},
          {"price median", logged.price_median, simulated.price_median, false},
          {"log-price sd", logged.log_price_sd, simulated.log_price_sd, false},
          {"visits/shopper/day", logged.visits_per_shopper_day, simulated.visits_per_shopper_day, false}};
}

CalibrationResult fit_calibration(const Scenario& base, const PluginRegistry& registry, const LogMarginals& logged,
                                  const CalibrationOptions& options, std::ostream& progress) {
  require(logged.sessions > 0, "no session with a view");
  require(logged.cart_pairs > 0, "no cart or purchase");
  require(logged.purchase_pairs > 0, "no purchase");
  require(logged.priced_views > 0, "no viewed item with a price");
  require(std::isfinite(logged.visits_per_shopper_day) && logged.visits_per_shopper_day > 0.0,
          "no shopper with two sessions and timestamps (no visit rate)");
  const std::uint32_t slate = base.behaviour.slate_size;
  if (logged.views_mean >= static_cast<double>(slate)) {
    throw UserError("the log has " + std::to_string(logged.views_mean) + " views per session, at least the slate size " +
                    std::to_string(slate) + ", which a session cannot exceed; raise behaviour.slate_size in --scenario");
  }

  CalibrationKnobs knobs;
  knobs.click_bias = base.behaviour.click_bias;
  knobs.cart_bias = base.behaviour.cart_bias;
  knobs.price_median = logged.price_median;
  knobs.price_sigma = logged.log_price_sd;
  knobs.visit_rate_scale = logged.visits_per_shopper_day / mean_visit_rate(base);

  CalibrationResult best;
  double best_error = HUGE_VAL;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    const Scenario scenario = apply_knobs(base, knobs);
    const LogMarginals sim = measure_log_marginals(simulate_as_log(scenario, registry));
    double worst = 0.0;
    char line[320];
    std::snprintf(line, sizeof line,
                  "iteration %2d: click_bias %.3f cart_bias %.3f intent_shift %+.3f visit_scale %.3f |", iteration,
                  scenario.behaviour.click_bias, scenario.behaviour.cart_bias, knobs.intent_shift,
                  knobs.visit_rate_scale);
    progress << line;
    for (const FittedMarginal& m : fitted_marginals(logged, sim)) {
      const double error = relative_error(m.logged, m.simulated);
      if (m.gates) worst = std::max(worst, std::fabs(error));
      std::snprintf(line, sizeof line, " %s %+.1f%%", m.name, 100.0 * error);
      progress << line;
    }
    progress << "\n";
    // The first iteration is kept even if every error is undefined (a base that never carts).
    if (iteration == 1 || worst < best_error) {
      best_error = worst;
      best = {scenario, knobs, sim, iteration, worst <= options.tolerance};
    }
    best.iterations = iteration;
    if (worst <= options.tolerance) break;
    const double d = options.damping;
    logit_step(knobs.click_bias, extra_view_share(logged.views_mean, slate), extra_view_share(sim.views_mean, slate), d);
    logit_step(knobs.cart_bias, logged.view_to_cart, sim.view_to_cart, d);
    logit_step(knobs.intent_shift, logged.cart_to_purchase, sim.cart_to_purchase, d);
    log_step(knobs.visit_rate_scale, logged.visits_per_shopper_day, sim.visits_per_shopper_day, d);
    log_step(knobs.price_median, logged.price_median, sim.price_median, d);
    log_step(knobs.price_sigma, logged.log_price_sd, sim.log_price_sd, d);
  }
  return best;
}

}  // namespace promosim
