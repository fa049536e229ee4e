#pragma once
// Fits behaviour-model values to a log's marginals by simulation (docs/calibration.md): a
// damped fixed-point iteration that simulates the scenario, measures the simulated sessions
// with the same code as the log, and moves each knob by the logit (or log) difference between
// the logged and the simulated marginal it controls.
#include <ostream>
#include <vector>

#include "log_marginals.hpp"
#include "plugin_registry.hpp"
#include "scenario.hpp"

namespace promosim {

/// The values calibration sets. The segment knobs move every segment together, so a base
/// scenario's differences between segments are kept.
struct CalibrationKnobs {
  double click_bias = 0.0;        ///< behaviour.click_bias -> views per session
  double cart_bias = 0.0;         ///< behaviour.cart_bias -> view->cart
  double intent_shift = 0.0;      ///< logit added to every segment's base_intent -> cart->purchase
  double visit_rate_scale = 1.0;  ///< multiplier on every segment's visit_rate -> visits per shopper per day
  double price_median = 0.0;      ///< catalog.price lognormal median -> median viewed price
  double price_sigma = 0.0;       ///< catalog.price lognormal sigma -> sd of log viewed price
};

struct CalibrationOptions {
  int max_iterations = 25;
  double tolerance = 0.03;  ///< relative error below which a fitted marginal counts as matched
  double damping = 0.8;     ///< share of the logit/log difference applied per step
};

/// One fitted marginal's logged and simulated value. `gates`: the fit has converged only when
/// this marginal is within the tolerance (the funnel rates and views per session; the viewed
/// prices and the visit rate are moved in the same steps but are too noisy to wait for).
struct FittedMarginal {
  const char* name;
  double logged, simulated;
  bool gates;
};

struct CalibrationResult {
  Scenario fitted;               ///< the base scenario with the knobs applied
  CalibrationKnobs knobs;
  LogMarginals simulated;        ///< measured on the simulation at `knobs`
  int iterations = 0;            ///< simulations run
  bool converged = false;        ///< every gating marginal within the tolerance
};

/// `base` with `knobs` applied (values clamped to the scenario's allowed ranges).
Scenario apply_knobs(const Scenario& base, const CalibrationKnobs& knobs);

/// The marginals the knobs fit, logged against simulated, in a fixed order.
std::vector<FittedMarginal> fitted_marginals(const LogMarginals& logged, const LogMarginals& simulated);

/// Fits the knobs of `base` (its first arm, replicate 0, its seed) to `logged`, printing one
/// line per iteration to `progress`. Starts from closed forms: the logged price median and log
/// sd, and the visit rate the log's zero-truncated Poisson estimate gives. Stops when every
/// gating marginal is within the tolerance, or at the iteration cap; returns the iteration with
/// the smallest largest relative error over the gating marginals. Throws UserError when the log lacks a
/// marginal the fit needs (no carts, no purchases, no times).
CalibrationResult fit_calibration(const Scenario& base, const PluginRegistry& registry, const LogMarginals& logged,
                                  const CalibrationOptions& options, std::ostream& progress);

}  // namespace promosim
