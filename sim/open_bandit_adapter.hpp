#pragma once
// Open Bandit Dataset (ZOZOTOWN, Saito et al. 2021) logs such as random/men/men.csv:
// ",timestamp,item_id,position,click,propensity_score,user_feature_0..3,user-item_affinity_0..K-1".
// Each row is one item shown in one slot: an impression whose reward is the click, with the
// logging policy's true propensity. The log has no user id; the four hashed user features
// stand in as the shopper (a context, not a person). The item_context.csv side file is not read.
#include "log_adapter.hpp"

namespace promosim {

class OpenBanditAdapter : public LogAdapter {
 public:
  std::string format() const override { return "obd"; }
  void read(const std::string& path, const IngestPolicy& policy, const std::function<void(const LoggedEvent&)>& sink,
            IngestSummary& summary) override;
};

}  // namespace promosim
