#include "statistics.hpp"

#include "compensated_sum.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>

namespace promosim {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("confidence must be in (0, 1), got " + std::to_string(confidence));
  }
}

void check_same_size(std::size_t a, std::size_t b, const char* what) {
  if (a != b) {
    throw std::invalid_argument(std::string(what) + ": inputs differ in length (" + std::to_string(a) + " vs " +
                                std::to_string(b) + ")");
  }
}

/// An interval of half-width critical × se around `estimate`.
Interval make_interval(double estimate, double se, std::size_t n, double critical) {
  return {estimate, estimate - critical * se, estimate + critical * se, se, n, true};
}

/// SE of the mean of `values` (sample standard deviation / √n); n ≥ 2.
double se_of_mean(std::span<const double> values) {
  return std::sqrt(sample_variance(values) / static_cast<double>(values.size()));
}

/// The lift of identical arms: exactly 0 with interval [0, 0] and p = 1 (interval and p only
/// for n ≥ 2), also where a ratio would be 0/0 (e.g. no discounts in either arm).
/// Identical arms: exactly no difference, with a relative lift only where the baseline is
/// positive (0 against 0 has no ratio).
LiftEstimate no_difference(std::size_t n, double confidence, bool relative_defined) {
  LiftEstimate lift;
  lift.absolute.n = lift.relative.n = n;
  if (!relative_defined) lift.relative.estimate = kUndefined;
  if (n < 2) return lift;
  const double critical = t_critical(confidence, n - 1);
  lift.absolute = make_interval(0.0, 0.0, n, critical);
  if (relative_defined) lift.relative = make_interval(0.0, 0.0, n, critical);
  lift.p_value = 1.0;
  return lift;
}

/// Two-sided p of estimate / se under Student's t with `df` (df = 0: standard normal). A zero
/// SE with a non-zero estimate means the blocks carry no information about the spread (for
/// example, only one block has any impressions): no p-value, rather than a false certainty.
std::optional<double> two_sided_p(double estimate, double se, double df) {
  if (se == 0.0) return estimate == 0.0 ? std::optional<double>(1.0) : std::nullopt;
  const double statistic = std::abs(estimate / se);
  const double tail = df == 0.0 ? boost::math::cdf(boost::math::complement(boost::math::normal(), statistic))
                                : boost::math::cdf(boost::math::complement(boost::math::students_t(df), statistic));
  return std::min(1.0, 2.0 * tail);
}

/// Two-sided Student-t critical value for a possibly fractional `df` (Welch).
double t_quantile(double confidence, double df) {
  return boost::math::quantile(boost::math::complement(boost::math::students_t(df), (1.0 - confidence) / 2.0));
}

/// The SE of mean(u) − mean(w) for two independent samples of per-block contributions, with
/// Welch–Satterthwaite degrees of freedom. A sample without spread adds nothing to either.
struct WelchSpread {
  double se = 0.0;
  double df = 0.0;
};
WelchSpread welch_spread(std::span<const double> u, std::span<const double> w) {
  const double nu = static_cast<double>(u.size());
  const double nw = static_cast<double>(w.size());
  const double vu = sample_variance(u) / nu;
  const double vw = sample_variance(w) / nw;
  const double denominator = vu * vu / (nu - 1.0) + vw * vw / (nw - 1.0);
  return {std::sqrt(vu + vw), denominator > 0.0 ? (vu + vw) * (vu + vw) / denominator : nu + nw - 2.0};
}

/// Per-block linearisation of a pooled ratio Σy/Σx: e_b = (y_b − r·x_b) / x̄, so r̂ − r ≈ mean(e).
std::vector<double> ratio_linearisation(std::span<const double> num, std::span<const double> den, double ratio,
                                        double total_den) {
  const double mean_den = total_den / static_cast<double>(num.size());
  std::vector<double> e(num.size());
  for (std::size_t b = 0; b < num.size(); ++b) e[b] = (num[b] - ratio * den[b]) / mean_den;
  return e;
}

/// Indices of `p_values` sorted by ascending p (ties keep input order); validates each p.
std::vector<std::size_t> ascending_order(std::span<const double> p_values) {
  for (double p : p_values) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("p-value outside [0, 1]: " + std::to_string(p));
  }
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  return order;
}

/// p of "every replicate has the same lift": `values` are per-block values whose mean is the
/// estimate's linearisation, ordered by replicate in equal groups. Under homogeneity the
/// replicates' means spread as the blocks predict, (R − 1)·v_rep / v_block ~ χ²(R − 1).
std::optional<double> heterogeneity(std::span<const double> values, std::size_t replicates) {
  const std::size_t n = values.size();
  if (replicates < 2 || n % replicates != 0 || n / replicates < 2) return std::nullopt;
  const std::size_t per = n / replicates;
  std::vector<double> means(replicates);
  for (std::size_t r = 0; r < replicates; ++r) means[r] = mean(values.subspan(r * per, per));
  const double block_variance = sample_variance(values) / static_cast<double>(n);
  if (!(block_variance > 0.0)) return std::nullopt;
  const double replicate_variance = sample_variance(means) / static_cast<double>(replicates);
  const double df = static_cast<double>(replicates - 1);
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(df), df * replicate_variance / block_variance));
}

/// The point estimates of a lift of pooled ratios Σy/Σx, and each arm's per-block
/// linearisation; the linearisations are empty where no interval can be had (fewer than 2
/// blocks, or an arm without any denominator).
struct RatioLiftParts {
  LiftEstimate lift;
  double r_arm = 0.0, r_base = 0.0;
  std::vector<double> e_arm, e_base;
};

RatioLiftParts ratio_lift_parts(std::span<const double> arm_num, std::span<const double> arm_den,
                                std::span<const double> base_num, std::span<const double> base_den, const char* what) {
  check_same_size(arm_num.size(), arm_den.size(), what);
  check_same_size(arm_num.size(), base_num.size(), what);
  check_same_size(arm_num.size(), base_den.size(), what);
  RatioLiftParts parts;
  const double arm_x = stable_sum(arm_den);
  const double base_x = stable_sum(base_den);
  parts.r_arm = arm_x != 0.0 ? stable_sum(arm_num) / arm_x : kUndefined;
  parts.r_base = base_x != 0.0 ? stable_sum(base_num) / base_x : kUndefined;
  LiftEstimate& lift = parts.lift;
  lift.absolute.estimate = parts.r_arm - parts.r_base;
  lift.absolute.n = lift.relative.n = arm_num.size();
  lift.relative.estimate = parts.r_base > 0.0 ? parts.r_arm / parts.r_base - 1.0 : kUndefined;
  if (arm_num.size() >= 2 && arm_x != 0.0 && base_x != 0.0) {
    parts.e_arm = ratio_linearisation(arm_num, arm_den, parts.r_arm, arm_x);
    parts.e_base = ratio_linearisation(base_num, base_den, parts.r_base, base_x);
  }
  return parts;
}

}  // namespace

double stable_sum(std::span<const double> values) {
  CompensatedSum sum;
  for (double v : values) sum.add(v);
  return sum.value();
}

double mean(std::span<const double> values) {
  if (values.empty()) throw std::invalid_argument("mean of no values");
  return stable_sum(values) / static_cast<double>(values.size());
}

double sample_variance(std::span<const double> values) {
  if (values.size() < 2) {
    throw std::invalid_argument("sample variance needs at least 2 values, got " + std::to_string(values.size()));
  }
  // Two passes: squared deviations from the mean avoid the cancellation of Σx² − n·x̄².
  const double m = mean(values);
  CompensatedSum squares;
  for (double v : values) squares.add((v - m) * (v - m));
  return squares.value() / static_cast<double>(values.size() - 1);
}

double t_critical(double confidence, std::size_t df) {
  check_confidence(confidence);
  if (df == 0) throw std::invalid_argument("Student's t needs at least 1 degree of freedom");
  return boost::math::quantile(
      boost::math::complement(boost::math::students_t(static_cast<double>(df)), (1.0 - confidence) / 2.0));
}

double z_critical(double confidence) {
  check_confidence(confidence);
  return boost::math::quantile(boost::math::complement(boost::math::normal(), (1.0 - confidence) / 2.0));
}

double quantile_of_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return kUndefined;
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(at));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (at - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

Interval t_interval(std::span<const double> values, double confidence) {
  Interval result;
  result.estimate = mean(values);
  result.n = values.size();
  if (values.size() < 2) return result;
  return make_interval(result.estimate, se_of_mean(values), values.size(), t_critical(confidence, values.size() - 1));
}

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double confidence) {
  Interval result;
  result.n = trials;
  if (trials == 0) {
    result.estimate = kUndefined;
    return result;
  }
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z = z_critical(confidence);
  const double z2 = z * z;
  const double scale = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / scale;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / scale;
  result.estimate = p;
  result.se = std::sqrt(p * (1.0 - p) / n);
  result.low = std::max(0.0, centre - half);
  result.high = std::min(1.0, centre + half);
  result.available = true;
  return result;
}

Interval ratio_interval(std::span<const double> numerators, std::span<const double> denominators, double confidence) {
  check_same_size(numerators.size(), denominators.size(), "ratio_interval");
  const double total_den = stable_sum(denominators);
  Interval result;
  result.estimate = total_den != 0.0 ? stable_sum(numerators) / total_den : kUndefined;
  std::vector<double> ratios;
  for (std::size_t i = 0; i < numerators.size(); ++i) {
    if (denominators[i] != 0.0) ratios.push_back(numerators[i] / denominators[i]);
  }
  result.n = ratios.size();
  if (ratios.size() < 2) return result;
  return make_interval(result.estimate, se_of_mean(ratios), ratios.size(), t_critical(confidence, ratios.size() - 1));
}

LiftEstimate paired_total_lift(std::span<const double> arm, std::span<const double> base, std::size_t replicates,
                               double confidence) {
  check_same_size(arm.size(), base.size(), "paired_total_lift");
  if (replicates == 0 || replicates > arm.size()) {
    throw std::invalid_argument("paired_total_lift: " + std::to_string(replicates) + " replicates for " +
                                std::to_string(arm.size()) + " blocks");
  }
  const std::size_t n = arm.size();
  if (std::ranges::equal(arm, base)) return no_difference(n, confidence, stable_sum(base) > 0.0);
  const double blocks = static_cast<double>(n);
  const double r = static_cast<double>(replicates);
  std::vector<double> diff(n);
  for (std::size_t b = 0; b < n; ++b) diff[b] = arm[b] - base[b];
  const double total_arm = stable_sum(arm);
  const double total_base = stable_sum(base);

  LiftEstimate lift;
  lift.absolute.estimate = stable_sum(diff) / r;
  lift.absolute.n = lift.relative.n = n;
  // A relative change is read against a positive baseline: against a negative one (a loss)
  // its sign would say the opposite of the absolute change.
  const bool relative_defined = total_base > 0.0;
  const double ratio = relative_defined ? total_arm / total_base : kUndefined;
  lift.relative.estimate = relative_defined ? ratio - 1.0 : kUndefined;
  if (n < 2) return lift;

  const double critical = t_critical(confidence, n - 1);
  // Δ = Σ_b d_b / R with n independent blocks: Var(Δ) = n·var(d) / R².
  const double se = std::sqrt(blocks * sample_variance(diff)) / r;
  lift.absolute = make_interval(lift.absolute.estimate, se, n, critical);
  lift.p_value = two_sided_p(lift.absolute.estimate, se, static_cast<double>(n - 1));
  std::vector<double> linear;
  if (relative_defined) {
    // Delta method: Σa/Σb − ρ ≈ mean_b[(a_b − ρ·b_b) / b̄].
    const double mean_base = total_base / blocks;
    linear.resize(n);
    for (std::size_t b = 0; b < n; ++b) linear[b] = (arm[b] - ratio * base[b]) / mean_base;
    lift.relative = make_interval(lift.relative.estimate, se_of_mean(linear), n, critical);
  }
  // Scale-free where possible: a relative lift that holds in every world is homogeneous even
  // when the worlds' levels, and so the absolute lifts, differ.
  lift.heterogeneity_p = heterogeneity(relative_defined ? std::span<const double>(linear) : diff, replicates);
  return lift;
}

LiftEstimate paired_ratio_lift(std::span<const double> arm_num, std::span<const double> arm_den,
                               std::span<const double> base_num, std::span<const double> base_den, std::size_t replicates,
                               double confidence) {
  RatioLiftParts parts = ratio_lift_parts(arm_num, arm_den, base_num, base_den, "paired_ratio_lift");
  const std::size_t n = arm_num.size();
  // Identical arms with observations: exactly no difference. Without any (all denominators
  // zero) the ratio itself is undefined, and so is its lift.
  if (std::ranges::equal(arm_num, base_num) && std::ranges::equal(arm_den, base_den) &&
      stable_sum(base_den) != 0.0) {
    return no_difference(n, confidence, stable_sum(base_num) > 0.0);
  }
  LiftEstimate& lift = parts.lift;
  if (parts.e_arm.empty()) return lift;
  std::vector<double> difference(n), relative(n);
  const double r_arm = parts.r_arm, r_base = parts.r_base;
  for (std::size_t b = 0; b < n; ++b) {
    difference[b] = parts.e_arm[b] - parts.e_base[b];
    // d(r_a / r_b) = (dr_a − (r_a / r_b)·dr_b) / r_b.
    if (r_base > 0.0) relative[b] = (parts.e_arm[b] - r_arm / r_base * parts.e_base[b]) / r_base;
  }
  const double critical = t_critical(confidence, n - 1);
  const double se = se_of_mean(difference);
  lift.absolute = make_interval(lift.absolute.estimate, se, n, critical);
  lift.p_value = two_sided_p(lift.absolute.estimate, se, static_cast<double>(n - 1));
  if (r_base > 0.0) lift.relative = make_interval(lift.relative.estimate, se_of_mean(relative), n, critical);
  lift.heterogeneity_p = heterogeneity(r_base > 0.0 ? relative : difference, replicates);
  return lift;
}

LiftEstimate independent_total_lift(std::span<const double> arm, std::span<const double> base, std::size_t replicates,
                                    double confidence) {
  check_same_size(arm.size(), base.size(), "independent_total_lift");
  if (replicates == 0 || replicates > arm.size()) {
    throw std::invalid_argument("independent_total_lift: " + std::to_string(replicates) + " replicates for " +
                                std::to_string(arm.size()) + " blocks");
  }
  const std::size_t n = arm.size();
  const double blocks = static_cast<double>(n);
  const double r = static_cast<double>(replicates);
  const double total_arm = stable_sum(arm);
  const double total_base = stable_sum(base);
  LiftEstimate lift;
  lift.absolute.estimate = (total_arm - total_base) / r;
  lift.absolute.n = lift.relative.n = n;
  const bool relative_defined = total_base > 0.0;
  const double ratio = relative_defined ? total_arm / total_base : kUndefined;
  lift.relative.estimate = relative_defined ? ratio - 1.0 : kUndefined;
  if (n < 2) return lift;

  // Σa/R − Σo/R = n·(mean a − mean o)/R: the blocks' contributions scaled by n/R.
  std::vector<double> scaled_arm(n), scaled_base(n);
  for (std::size_t b = 0; b < n; ++b) {
    scaled_arm[b] = arm[b] * blocks / r;
    scaled_base[b] = base[b] * blocks / r;
  }
  const WelchSpread absolute = welch_spread(scaled_arm, scaled_base);
  lift.absolute = make_interval(lift.absolute.estimate, absolute.se, n, t_quantile(confidence, absolute.df));
  lift.p_value = two_sided_p(lift.absolute.estimate, absolute.se, absolute.df);
  if (relative_defined) {
    // Delta method, each arm on its own: Σa/Σo − ρ ≈ mean(a_b/ō) − mean(ρ·o_b/ō).
    const double mean_base = total_base / blocks;
    std::vector<double> arm_part(n), base_part(n);
    for (std::size_t b = 0; b < n; ++b) {
      arm_part[b] = arm[b] / mean_base;
      base_part[b] = ratio * base[b] / mean_base;
    }
    const WelchSpread relative = welch_spread(arm_part, base_part);
    lift.relative = make_interval(lift.relative.estimate, relative.se, n, t_quantile(confidence, relative.df));
  }
  return lift;
}

LiftEstimate independent_ratio_lift(std::span<const double> arm_num, std::span<const double> arm_den,
                                    std::span<const double> base_num, std::span<const double> base_den,
                                    double confidence) {
  RatioLiftParts parts = ratio_lift_parts(arm_num, arm_den, base_num, base_den, "independent_ratio_lift");
  LiftEstimate& lift = parts.lift;
  if (parts.e_arm.empty()) return lift;
  const std::size_t n = arm_num.size();
  const double r_arm = parts.r_arm, r_base = parts.r_base;
  const std::vector<double>& e_arm = parts.e_arm;
  const std::vector<double>& e_base = parts.e_base;
  const WelchSpread absolute = welch_spread(e_arm, e_base);
  lift.absolute = make_interval(lift.absolute.estimate, absolute.se, n, t_quantile(confidence, absolute.df));
  lift.p_value = two_sided_p(lift.absolute.estimate, absolute.se, absolute.df);
  if (r_base > 0.0) {
    // d(r_a / r_o) = dr_a / r_o − (r_a / r_o²)·dr_o, the two arms' terms independent.
    std::vector<double> arm_part(n), base_part(n);
    for (std::size_t b = 0; b < n; ++b) {
      arm_part[b] = e_arm[b] / r_base;
      base_part[b] = r_arm / (r_base * r_base) * e_base[b];
    }
    const WelchSpread relative = welch_spread(arm_part, base_part);
    lift.relative = make_interval(lift.relative.estimate, relative.se, n, t_quantile(confidence, relative.df));
  }
  return lift;
}

std::optional<std::uint64_t> replicates_to_detect(double relative_se, std::size_t replicates, double lift,
                                                  double confidence, double power) {
  check_confidence(confidence);
  check_confidence(power);
  if (!(std::isfinite(relative_se) && relative_se > 0.0) || !(lift != 0.0 && std::isfinite(lift)) || replicates == 0) {
    return std::nullopt;
  }
  // SE shrinks as 1/√R: (z_{1−α/2} + z_{power})·SE(R)·√(R/R') = |lift|, solved for R'.
  const double z_power = boost::math::quantile(boost::math::normal(), power);
  const double factor = (z_critical(confidence) + z_power) * relative_se / std::abs(lift);
  const double needed = std::ceil(static_cast<double>(replicates) * factor * factor);
  if (needed > 1e12) return std::nullopt;
  return std::max<std::uint64_t>(2, static_cast<std::uint64_t>(needed));
}

LiftEstimate two_proportion_lift(std::uint64_t control_successes, std::uint64_t control_trials,
                                 std::uint64_t treatment_successes, std::uint64_t treatment_trials,
                                 double confidence) {
  if (control_trials == 0 || treatment_trials == 0 || control_successes > control_trials ||
      treatment_successes > treatment_trials) {
    throw std::invalid_argument("two_proportion_lift: need 0 <= successes <= trials and trials > 0");
  }
  const double n_c = static_cast<double>(control_trials);
  const double n_t = static_cast<double>(treatment_trials);
  const double p_c = static_cast<double>(control_successes) / n_c;
  const double p_t = static_cast<double>(treatment_successes) / n_t;
  const double var_c = p_c * (1.0 - p_c) / n_c;
  const double var_t = p_t * (1.0 - p_t) / n_t;
  const double critical = z_critical(confidence);
  const std::size_t n = control_trials + treatment_trials;

  LiftEstimate lift;
  const double difference = p_t - p_c;
  const double se = std::sqrt(var_c + var_t);
  lift.absolute = make_interval(difference, se, n, critical);
  lift.p_value = two_sided_p(difference, se, 0.0);
  lift.relative.n = n;
  lift.relative.estimate = kUndefined;
  if (p_c > 0.0) {
    // Var(p_t/p_c) ≈ var_t/p_c² + p_t²·var_c/p_c⁴.
    const double relative_se = std::sqrt(var_t / (p_c * p_c) + p_t * p_t * var_c / (p_c * p_c * p_c * p_c));
    lift.relative = make_interval(p_t / p_c - 1.0, relative_se, n, critical);
  }
  return lift;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  const std::vector<std::size_t> order = ascending_order(p_values);
  const std::size_t m = p_values.size();
  std::vector<double> adjusted(m);
  double running_max = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    running_max = std::max(running_max, std::min(1.0, static_cast<double>(m - k) * p_values[order[k]]));
    adjusted[order[k]] = running_max;
  }
  return adjusted;
}

std::vector<double> benjamini_hochberg_adjust(std::span<const double> p_values) {
  const std::vector<std::size_t> order = ascending_order(p_values);
  const std::size_t m = p_values.size();
  std::vector<double> adjusted(m);
  double running_min = 1.0;
  for (std::size_t k = m; k-- > 0;) {
    const double scaled = p_values[order[k]] * static_cast<double>(m) / static_cast<double>(k + 1);
    running_min = std::min(running_min, scaled);
    adjusted[order[k]] = running_min;
  }
  return adjusted;
}

}  // namespace promosim
