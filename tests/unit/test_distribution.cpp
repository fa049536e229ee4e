// Distribution: inverse-transform sampling, means and YAML text.
#include <catch2/catch.hpp>
#include <cmath>

#include "distribution.hpp"

using promosim::Distribution;
using Family = Distribution::Family;

TEST_CASE("distributions map uniforms to known values", "[scenario][distribution]") {
  CHECK(Distribution{Family::kConstant, 7.5, 0.0}.sample(0.3, 0.9) == 7.5);
  CHECK(Distribution{Family::kUniform, 0.0, 4.0}.sample(0.25, 0.9) == 1.0);
  CHECK(Distribution{Family::kUniform, 10.0, 20.0}.sample(0.5, 0.1) == 15.0);
  // Box–Muller: z = sqrt(-2 ln u1) cos(2 pi u2). u2 = 0.5 gives cos = -1; u1 = exp(-2) gives sqrt(4) = 2.
  const double u1 = std::exp(-2.0);
  CHECK(Distribution{Family::kNormal, 100.0, 15.0}.sample(u1, 0.5) == Approx(70.0));
  CHECK(Distribution{Family::kNormal, 100.0, 15.0}.sample(u1, 0.0) == Approx(130.0));
  // u2 = 0.25 gives z = 0: the lognormal's median.
  CHECK(Distribution{Family::kLognormal, 120.0, 0.8}.sample(0.7, 0.25) == Approx(120.0));
  CHECK(Distribution{Family::kLognormal, 120.0, 0.5}.sample(u1, 0.0) == Approx(120.0 * std::exp(1.0)));
}

TEST_CASE("distribution means", "[scenario][distribution]") {
  CHECK(Distribution{Family::kConstant, 3.0, 0.0}.mean() == 3.0);
  CHECK(Distribution{Family::kUniform, 2.0, 6.0}.mean() == 4.0);
  CHECK(Distribution{Family::kNormal, -1.5, 2.0}.mean() == -1.5);
  CHECK(Distribution{Family::kLognormal, 100.0, 0.8}.mean() == Approx(100.0 * std::exp(0.32)));
}

TEST_CASE("distributions print as YAML flow maps", "[scenario][distribution]") {
  CHECK(Distribution{Family::kConstant, 0.3, 0.0}.to_string() == "{dist: constant, value: 0.3}");
  CHECK(Distribution{Family::kUniform, 0.15, 0.45}.to_string() == "{dist: uniform, min: 0.15, max: 0.45}");
  CHECK(Distribution{Family::kNormal, 100.0, 20.0}.to_string() == "{dist: normal, mean: 100, sd: 20}");
  CHECK(Distribution{Family::kLognormal, 120.0, 0.8}.to_string() == "{dist: lognormal, median: 120, sigma: 0.8}");
}
