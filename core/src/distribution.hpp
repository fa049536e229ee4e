#pragma once
// A typed probability distribution from the scenario, e.g. {dist: lognormal, median: 120,
// sigma: 0.8}. Resolved once by the validator; sampled by inverse transform so one uniform
// (or two, for the normal family) gives one value and draws stay addressable by counter.
#include <string>

namespace promosim {

struct Distribution {
  enum class Family { kConstant, kUniform, kNormal, kLognormal };
  Family family = Family::kConstant;
  double a = 0.0;  ///< constant: value; uniform: min; normal: mean; lognormal: median
  double b = 0.0;  ///< uniform: max; normal: sd; lognormal: sigma (of the log)

  /// Maps uniforms u1, u2 in (0, 1) to a value (u2 used by normal and lognormal only).
  double sample(double u1, double u2) const;
  /// Mean of the distribution.
  double mean() const;
  /// YAML flow text, e.g. "{dist: lognormal, median: 120, sigma: 0.8}".
  std::string to_string() const;
};

}  // namespace promosim
