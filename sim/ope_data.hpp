#pragma once
// A logged-bandit file held in memory for off-policy evaluation (docs/off-policy-evaluation.md):
// one row per logged decision with its action (by raw id), slot, outcome and the logging
// policy's propensity, plus the row's context features. All rows stay in memory because the
// bootstrap resamples them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest_policy.hpp"

namespace promosim {

/// What counts as the outcome being evaluated.
enum class OpeOutcome {
  kReward,    ///< the event's reward (OBD click, Hillstrom spend)
  kClick,     ///< 1 for a click, cart or purchase, or an impression with reward > 0 (Hillstrom: visit)
  kPurchase,  ///< 1 for a purchase (Hillstrom: conversion)
};

/// Parses reward, click or purchase; throws UserError otherwise.
OpeOutcome parse_ope_outcome(const std::string& name);
const char* ope_outcome_name(OpeOutcome outcome);

/// Where a log comes from and how to read it; a `logged:` policy's file is read the same way.
struct OpeLogSource {
  std::string path;
  std::string format;
  std::string mapping;  ///< --format generic only
  OnBadRow on_bad_row = OnBadRow::kSkip;
  OpeOutcome outcome = OpeOutcome::kReward;
};

struct OpeRow {
  double outcome = 0.0;
  double propensity = 0.0;   ///< the logging policy's P(action | context, slot), in (0, 1]
  std::uint32_t action = 0;  ///< index into OpeLog::actions()
  std::uint32_t slot = 0;    ///< index into OpeLog::positions()
};

class OpeLog {
 public:
  /// Reads the whole file through its adapter. Throws UserError for what the adapter rejects,
  /// an empty log, rows without a propensity (every estimator but DM needs it, and DM alone
  /// cannot be checked) and, for --outcome reward, rows without a reward.
  static OpeLog read(const OpeLogSource& source);

  const OpeLogSource& source() const { return source_; }
  const std::vector<OpeRow>& rows() const { return rows_; }
  /// Raw action ids (OBD item_id, Hillstrom segment name) by action index, in order of first appearance.
  const std::vector<std::string>& actions() const { return actions_; }
  std::optional<std::uint32_t> action_index(std::string_view raw_id) const;
  /// Distinct logged positions, ascending, by slot index; {-1} for a log without positions.
  const std::vector<std::int32_t>& positions() const { return positions_; }
  std::optional<std::uint32_t> slot_index(std::int32_t position) const;
  /// Whether `action` was logged at least once in `slot`.
  bool logged_at(std::uint32_t slot, std::uint32_t action) const { return logged_at_[slot * actions_.size() + action]; }

  /// Names of the context features the format exposes (LogAdapter::feature_names).
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  std::optional<std::size_t> feature_index(std::string_view name) const;
  /// Distinct values of feature `f`, by level code, in order of first appearance.
  const std::vector<std::string>& feature_levels(std::size_t f) const { return feature_levels_[f]; }
  /// Level code of feature `f` in row `row`.
  std::uint32_t feature_code(std::size_t row, std::size_t f) const { return feature_codes_[row * feature_names_.size() + f]; }

  /// Mean outcome over all rows: the logging policy's own (on-policy) value.
  double mean_outcome() const;
  /// Whether every row of a slot has the same propensity (to 1e-9 relative): the logging policy
  /// then ignores the context, which replay needs.
  bool constant_propensity_per_slot() const;

 private:
  OpeLogSource source_;
  std::vector<OpeRow> rows_;
  std::vector<std::string> actions_;
  std::unordered_map<std::string, std::uint32_t> action_of_;
  std::vector<std::int32_t> positions_;
  std::vector<char> logged_at_;  // slots × actions
  std::vector<std::string> feature_names_;
  std::vector<std::vector<std::string>> feature_levels_;
  std::vector<std::unordered_map<std::string, std::uint32_t>> level_of_;
  std::vector<std::uint32_t> feature_codes_;  // rows × features
};

}  // namespace promosim
