#include "distribution.hpp"

#include <cmath>
#include <numbers>

#include "scenario_distribution_form.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

/// Box–Muller: one standard normal from two uniforms in (0, 1).
double standard_normal(double u1, double u2) {
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace

double Distribution::sample(double u1, double u2) const {
  switch (family) {
    case Family::kConstant: return a;
    case Family::kUniform: return a + (b - a) * u1;
    case Family::kNormal: return a + b * standard_normal(u1, u2);
    case Family::kLognormal: return a * std::exp(b * standard_normal(u1, u2));
  }
  return a;
}

double Distribution::mean() const {
  switch (family) {
    case Family::kConstant: return a;
    case Family::kUniform: return 0.5 * (a + b);
    case Family::kNormal: return a;
    case Family::kLognormal: return a * std::exp(0.5 * b * b);
  }
  return a;
}

std::string Distribution::to_string() const {
  const DistributionForm& form = distribution_form(family);
  std::string text = std::string("{dist: ") + form.name + ", " + form.a_key + ": " + format_number(a);
  if (form.b_key != nullptr) text += std::string(", ") + form.b_key + ": " + format_number(b);
  return text + "}";
}

}  // namespace promosim
