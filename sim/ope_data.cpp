#include "ope_data.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "compensated_sum.hpp"
#include "log_adapter.hpp"
#include "user_error.hpp"

namespace promosim {

OpeOutcome parse_ope_outcome(const std::string& name) {
  if (name == "reward") return OpeOutcome::kReward;
  if (name == "click") return OpeOutcome::kClick;
  if (name == "purchase") return OpeOutcome::kPurchase;
  throw UserError("--outcome '" + name + "' is not reward, click or purchase; pass one of them");
}

const char* ope_outcome_name(OpeOutcome outcome) {
  switch (outcome) {
    case OpeOutcome::kReward: return "reward";
    case OpeOutcome::kClick: return "click";
    case OpeOutcome::kPurchase: return "purchase";
  }
  return "?";
}

namespace {

double outcome_of(const LoggedEvent& event, OpeOutcome outcome) {
  switch (outcome) {
    case OpeOutcome::kReward: return event.reward;
    case OpeOutcome::kClick:
      return event.kind == EventKind::kClick || event.kind == EventKind::kCart || event.kind == EventKind::kPurchase ||
                     (event.kind == EventKind::kImpression && event.reward > 0)
                 ? 1.0
                 : 0.0;
    case OpeOutcome::kPurchase: return event.kind == EventKind::kPurchase ? 1.0 : 0.0;
  }
  return 0.0;
}

}  // namespace

OpeLog OpeLog::read(const OpeLogSource& source) {
  OpeLog log;
  log.source_ = source;
  std::unique_ptr<LogAdapter> adapter = make_log_adapter(source.format, source.mapping);
  const IngestPolicy policy{source.on_bad_row, ShopperPseudonym::throwaway(), 0};
  IngestSummary summary;
  std::map<std::int32_t, std::uint32_t> slot_of_position;
  std::vector<std::int32_t> raw_positions;  // per row, remapped to slots once all positions are known
  std::size_t without_propensity = 0, without_reward = 0;
  adapter->read(
      source.path, policy,
      [&](const LoggedEvent& event) {
        if (std::isnan(event.propensity)) ++without_propensity;
        OpeRow row;
        row.outcome = outcome_of(event, source.outcome);
        if (std::isnan(row.outcome)) ++without_reward;
        row.propensity = event.propensity;
        const std::string& raw_id = adapter->item_ids()[event.item];
        const auto [at, added] = log.action_of_.try_emplace(raw_id, static_cast<std::uint32_t>(log.actions_.size()));
        if (added) log.actions_.push_back(raw_id);
        row.action = at->second;
        log.rows_.push_back(row);
        raw_positions.push_back(event.position);
        slot_of_position.emplace(event.position, 0);
        const auto& values = adapter->row_features();
        if (log.rows_.size() == 1) {  // the adapter names its features once it has started reading
          log.feature_names_ = adapter->feature_names();
          log.feature_levels_.resize(values.size());
          log.level_of_.resize(values.size());
        }
        for (std::size_t f = 0; f < values.size(); ++f) {
          const auto [level, new_level] = log.level_of_[f].try_emplace(
              std::string(values[f]), static_cast<std::uint32_t>(log.feature_levels_[f].size()));
          if (new_level) log.feature_levels_[f].emplace_back(values[f]);
          log.feature_codes_.push_back(level->second);
        }
      },
      summary);
  if (log.rows_.empty())
    throw UserError(source.path + ": no usable rows (" + std::to_string(summary.rows_skipped) +
                    " skipped); check the file and --format");
  if (without_propensity > 0)
    throw UserError(source.path + ": " + std::to_string(without_propensity) + " of " +
                    std::to_string(log.rows_.size()) +
                    " rows have no logging propensity, and IPS, SNIPS, DR and replay need P(action) of the policy "
                    "that wrote the log; use a log that records it (--format generic: map a propensity column)");
  if (without_reward > 0)
    throw UserError(source.path + ": " + std::to_string(without_reward) +
                    " rows have no reward; pass --outcome click or purchase, or map a reward column");
  for (auto& [position, slot] : slot_of_position) {
    slot = static_cast<std::uint32_t>(log.positions_.size());
    log.positions_.push_back(position);
  }
  const std::size_t actions = log.actions_.size();
  log.logged_at_.assign(log.positions_.size() * actions, 0);
  for (std::size_t r = 0; r < log.rows_.size(); ++r) {
    OpeRow& row = log.rows_[r];
    row.slot = slot_of_position.at(raw_positions[r]);
    log.logged_at_[row.slot * actions + row.action] = 1;
  }
  return log;
}

std::optional<std::uint32_t> OpeLog::action_index(std::string_view raw_id) const {
  const auto at = action_of_.find(std::string(raw_id));
  if (at == action_of_.end()) return std::nullopt;
  return at->second;
}

std::optional<std::uint32_t> OpeLog::slot_index(std::int32_t position) const {
  const auto at = std::lower_bound(positions_.begin(), positions_.end(), position);
  if (at == positions_.end() || *at != position) return std::nullopt;
  return static_cast<std::uint32_t>(at - positions_.begin());
}

std::optional<std::size_t> OpeLog::feature_index(std::string_view name) const {
  for (std::size_t f = 0; f < feature_names_.size(); ++f)
    if (feature_names_[f] == name) return f;
  return std::nullopt;
}

double OpeLog::mean_outcome() const {
  CompensatedSum sum;
  for (const OpeRow& row : rows_) sum.add(row.outcome);
  return sum.value() / static_cast<double>(rows_.size());
}

bool OpeLog::constant_propensity_per_slot() const {
  std::vector<double> first(positions_.size(), -1.0);
  for (const OpeRow& row : rows_) {
    double& p = first[row.slot];
    if (p < 0) p = row.propensity;
    if (std::abs(row.propensity - p) > 1e-9 * p) return false;
  }
  return true;
}

}  // namespace promosim
