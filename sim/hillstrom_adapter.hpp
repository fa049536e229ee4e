#pragma once
// The Hillstrom / MineThatData e-mail challenge (2008): one row per customer,
// recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend.
// Each customer becomes one event: the arm they were randomised to (action 0 No E-Mail,
// 1 Mens, 2 Womens; propensity 1/3; the arm name is the item), their furthest step (purchase
// if converted, else click if visited, else impression) and spend as the reward. The log has
// no customer id or time: the shopper is the pseudonym of the row number, time is kNoTime.
// The customer columns (recency .. channel) are validated and exposed as row_features() during
// each sink call, for targeting rules in off-policy evaluation.
#include "log_adapter.hpp"

namespace promosim {

class HillstromAdapter : public LogAdapter {
 public:
  std::string format() const override { return "hillstrom"; }
  void read(const std::string& path, const IngestPolicy& policy, const std::function<void(const LoggedEvent&)>& sink,
            IngestSummary& summary) override;
};

}  // namespace promosim
