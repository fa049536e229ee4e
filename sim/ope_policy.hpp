#pragma once
// Target policies for off-policy evaluation, parsed from --policy specs and evaluated on one
// log's rows (docs/off-policy-evaluation.md):
//   uniform           uniform over the actions logged at each position
//   always:ACTION     always the action with this raw id (OBD item_id, Hillstrom segment name)
//   logged:PATH       the policy that wrote PATH (same format): its action frequencies per
//                     position, with PATH's mean outcome as the on-policy truth
//   rules:R1;R2;...   first matching rule wins; a rule is COND&COND->ACTION, a condition is
//                     feature=value, feature!=value, feature<number or feature>number, and a rule
//                     without conditions (->ACTION) matches every row
//   recommender:SPEC  a recommender plugin's slate (ope_plugin_policy.hpp; built by the command,
//                     which has the plugins and the training log)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ope_data.hpp"

namespace promosim {

/// π_e(a | row) for every action of one log. Rows share a probability vector by class (a
/// position for context-free policies, the matching rule for rules), so memory is
/// O(rows + classes × actions), not O(rows × actions).
struct PolicyOnLog {
  std::string spec;
  std::vector<std::uint32_t> row_class;   ///< per row
  std::vector<double> class_probability;  ///< classes × actions, row-major; may sum below 1 (mass on actions absent from the log)
  /// Mean over rows of the probability mass on actions never logged at the row's position:
  /// no estimator but DM (through its model) can see what those actions would earn.
  double unsupported = 0.0;
  std::optional<double> truth;  ///< on-policy value, for logged: policies
  std::size_t truth_rows = 0;

  const double* probabilities(std::size_t row, std::size_t actions) const {
    return class_probability.data() + std::size_t{row_class[row]} * actions;
  }
};

/// Sets policy.unsupported: the mean over rows of the probability mass outside the actions
/// logged at the row's position.
void measure_support(PolicyOnLog& policy, const OpeLog& log);

/// Parses `spec` and evaluates it on `log`; a logged: file is read like log.source(). Throws
/// UserError for an unknown policy kind, action or feature, a rule list that leaves rows without
/// an action, and a logged: file that cannot be read as the same format.
PolicyOnLog make_policy(const std::string& spec, const OpeLog& log);

}  // namespace promosim
