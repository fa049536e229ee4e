#pragma once
// How a discount raises clicks (salience: "x% off" draws the eye), estimated from the
// exploration sessions, which show one random discount on every slot.
#include <vector>

namespace promosim::plugins {

/// Exploration sessions shown one discount level, and the clicks they made.
struct ExplorationCounts {
  double sessions = 0.0;
  double clicks = 0.0;
};

/// The salience s of log E[clicks per session | discount d] = base + s · d: maximum a posteriori
/// of a Poisson regression over the levels' counts (`discounts[l]` is level l's discount,
/// `counts[l]` its sessions and clicks), with prior N(prior_mean, prior_sd²) on s and a vague
/// N(0, 10²) on base. The discount is randomised per session, so s is the causal lift of the
/// log click rate; with no data at two different discounts it stays at the prior mean.
double fit_click_salience(const std::vector<double>& discounts, const std::vector<ExplorationCounts>& counts,
                          double prior_mean, double prior_sd);

}  // namespace promosim::plugins
