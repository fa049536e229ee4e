#pragma once
// The two-sample Kolmogorov-Smirnov statistic, used by calibration to say how far a simulated
// distribution (views per session) is from a logged one.
#include <vector>

namespace promosim {

/// D = max over x of |F_a(x) - F_b(x)|, with F the empirical CDFs (share of values <= x).
/// Discrete data has ties: both CDFs are compared only after every value equal to x has been
/// counted on both sides, i.e. at the distinct values of the pooled sample, so tied values never
/// create a spurious step. 0 for identical samples, 1 for disjoint ones; NaN if either is empty.
double ks_two_sample_statistic(std::vector<double> a, std::vector<double> b);

}  // namespace promosim
