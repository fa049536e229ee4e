#pragma once
// What `promosim calibrate` prints and writes: the logged-against-simulated table and the
// scenario fragment with the fitted values.
#include <cstdint>
#include <string>

#include "calibration_fit.hpp"
#include "log_marginals.hpp"

namespace promosim {

/// Where the fitted values come from, for the fragment's comments.
struct CalibrationSource {
  std::string log, format;
  std::uint64_t rows_read = 0, events = 0;
  std::string span;   ///< the log's time span, "first .. last" UTC (not the date of the fit: the same inputs give the same bytes)
  std::string base;   ///< "built-in calibration scenario" or the --scenario path
  std::uint64_t seed = 0;
};

/// The side-by-side table: marginal, logged, simulated, relative error, fitted or not (and by
/// which key), then the KS statistic of views per session and CTR by position.
std::string calibration_table(const LogMarginals& logged, const CalibrationResult& result);

/// A YAML fragment of scenario keys (catalog.price, population.segments with every key of each
/// segment, behaviour.click_bias and cart_bias), with comments naming the log and each value's
/// source. Merged into a scenario (maps merged, lists replaced) it validates.
std::string calibration_fragment(const CalibrationResult& result, const CalibrationSource& source);

}  // namespace promosim
