#pragma once
// Estimates, confidence intervals and lifts for comparing arms (DESIGN §8; the formulas and
// their assumptions are in docs/statistics.md). Every function is a pure, single-threaded
// computation over the values given, summed in index order with compensation, so the same
// inputs give bit-identical outputs.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace promosim {

/// A point estimate with a two-sided confidence interval. An estimate that is undefined (a
/// ratio over a zero denominator) is NaN and never has an interval.
struct Interval {
  double estimate = 0.0;
  double low = 0.0;       ///< lower CI bound; meaningful only when `available`
  double high = 0.0;      ///< upper CI bound; meaningful only when `available`
  double se = 0.0;        ///< standard error of `estimate`
  std::size_t n = 0;      ///< number of samples (replicates or blocks) behind the SE
  bool available = false; ///< false when there are too few samples for an interval: never invented
};

/// A difference between an arm and a baseline: absolute (arm − base, in the metric's unit) and
/// relative (arm / base − 1, a fraction). `p_value` is the two-sided p of "no difference",
/// absent when the absolute interval is not available.
struct LiftEstimate {
  Interval absolute;
  Interval relative;
  std::optional<double> p_value;
  /// Paired lifts: p of "the lift is the same in every replicate" (the relative lift where
  /// defined), from the spread of the replicates' lifts against the spread the blocks predict
  /// ((R − 1)·v_rep / v_block ~ χ²(R − 1)). Small: the lift depends on the world (catalog,
  /// shoppers) and the block interval describes these R worlds, not worlds in general; nullopt
  /// with fewer than 2 replicates or no spread.
  std::optional<double> heterogeneity_p;
};

/// Below this heterogeneity p, compare marks a lift as differing between worlds.
inline constexpr double kHeterogeneityLevel = 0.01;

/// Sum with Neumaier compensation, added in index order.
double stable_sum(std::span<const double> values);
/// Arithmetic mean. Throws std::invalid_argument for no values.
double mean(std::span<const double> values);
/// Sample variance (divisor n − 1), two-pass. Throws std::invalid_argument for fewer than 2 values.
double sample_variance(std::span<const double> values);

/// The two-sided critical value of Student's t: t with P(|T| ≤ t) = confidence, `df` ≥ 1.
double t_critical(double confidence, std::size_t df);
/// The two-sided critical value of the standard normal (1.959964 for 0.95).
double z_critical(double confidence);

/// The q-quantile (q in [0, 1]) of ascending `sorted` values, interpolating linearly between
/// neighbours; NaN if there are none.
double quantile_of_sorted(std::span<const double> sorted, double q);

/// Mean of `values` with a t interval (n − 1 df); unavailable for n < 2. Throws for no values.
Interval t_interval(std::span<const double> values, double confidence = 0.95);

/// A proportion successes / trials with the Wilson score interval, which stays inside [0, 1] and
/// keeps its coverage for small counts and proportions near 0 or 1 (where a t interval on 0/1
/// values does neither). Unavailable for no trials.
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double confidence = 0.95);

/// Pooled ratio Σnum / Σden of per-replicate numerators and denominators (e.g. clicks and
/// impressions), with a t interval from the spread of the per-replicate ratios (R − 1 df),
/// centred on the pooled ratio. Replicates with a zero denominator have no ratio and do not
/// count towards R; a zero total denominator leaves the ratio undefined (NaN).
Interval ratio_interval(std::span<const double> numerators, std::span<const double> denominators,
                        double confidence = 0.95);

/// Paired lift of a total metric from per-block values of the arm and the baseline (same
/// length n = replicates × shards, same block order). Absolute: (Σarm − Σbase) / replicates,
/// the difference of per-replicate mean totals; relative: Σarm / Σbase − 1 (delta method).
/// Unavailable for n < 2; relative undefined (NaN) when Σbase ≤ 0. Identical inputs give
/// exactly 0 with interval [0, 0] and p = 1 (also when a relative lift would be 0/0). Blocks
/// are ordered by replicate, n / replicates per replicate: the heterogeneity check groups them.
LiftEstimate paired_total_lift(std::span<const double> arm, std::span<const double> base, std::size_t replicates,
                               double confidence = 0.95);

/// Paired lift of a ratio metric Σy/Σx (CTR, conversion rate) from per-block numerators and
/// denominators of the arm and the baseline. Absolute: r_arm − r_base; relative:
/// r_arm / r_base − 1; both with delta-method SEs from per-block linearisation. Undefined
/// (NaN, unavailable) where a denominator total is 0 or the baseline ratio is not positive; identical inputs
/// give exactly 0 as for totals. With `replicates` ≥ 2 (blocks ordered by replicate, equally
/// many each) the lift is checked for heterogeneity between replicates as for totals.
LiftEstimate paired_ratio_lift(std::span<const double> arm_num, std::span<const double> arm_den,
                               std::span<const double> base_num, std::span<const double> base_den,
                               std::size_t replicates = 0, double confidence = 0.95);

/// Lift of a total metric when the arm and the baseline ran on independent random streams
/// (`promosim run --independent`): the same estimates as paired_total_lift, but each arm's
/// blocks are a sample of their own, so Var(Δ) = n·(s_a² + s_o²)/R² with Welch–Satterthwaite
/// degrees of freedom, and the relative lift's delta-method variance adds the two arms'
/// terms. On common-random-number data the same formula estimates the variance the lift would
/// have had without pairing (compare's variance ratio).
LiftEstimate independent_total_lift(std::span<const double> arm, std::span<const double> base, std::size_t replicates,
                                    double confidence = 0.95);

/// Lift of a ratio metric Σy/Σx between arms on independent random streams: per-block
/// linearisations of each pooled ratio as in paired_ratio_lift, their variances added (Welch df).
LiftEstimate independent_ratio_lift(std::span<const double> arm_num, std::span<const double> arm_den,
                                    std::span<const double> base_num, std::span<const double> base_den,
                                    double confidence = 0.95);

/// Replicates needed for a two-sided test at `confidence` to detect a relative lift of `lift`
/// with probability `power`, given the relative lift's SE observed with `replicates` replicates
/// (its variance scales as 1/replicates). At least 2; nullopt when the SE or the lift is 0 or
/// not finite.
std::optional<std::uint64_t> replicates_to_detect(double relative_se, std::size_t replicates, double lift,
                                                  double confidence = 0.95, double power = 0.8);

/// Two independent proportions (control vs treatment), normal approximation with unpooled
/// SE: absolute p_t − p_c, relative p_t / p_c − 1 (delta method), two-sided z-test p-value.
/// Throws std::invalid_argument for zero trials or successes > trials.
LiftEstimate two_proportion_lift(std::uint64_t control_successes, std::uint64_t control_trials,
                                 std::uint64_t treatment_successes, std::uint64_t treatment_trials,
                                 double confidence = 0.95);

/// Holm step-down adjusted p-values (family-wise error), in the input order.
std::vector<double> holm_adjust(std::span<const double> p_values);
/// Benjamini–Hochberg adjusted p-values (false discovery rate), in the input order.
std::vector<double> benjamini_hochberg_adjust(std::span<const double> p_values);

}  // namespace promosim
