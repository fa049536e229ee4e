#pragma once
// Renders `promosim ope` results: a table per policy (estimator, estimate, CI, relative error
// against the on-policy truth where there is one, then the weight diagnostics), or the same
// numbers as CSV (one row per policy × estimator) or JSON.
#include <string>
#include <vector>

#include "ope_bootstrap.hpp"

namespace promosim {

struct OpePolicyResult {
  PolicyOnLog policy;
  PolicyEvaluation evaluation;
};

/// Throws UserError unless `format` is table, csv or json (the command checks before the
/// estimates are computed).
void check_ope_output_format(const std::string& format);

/// `format` is table, csv or json; throws UserError otherwise.
std::string render_ope(const OpeLog& log, const OpeSettings& settings, const std::vector<OpePolicyResult>& results,
                       const std::string& format);

}  // namespace promosim
