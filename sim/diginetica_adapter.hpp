#pragma once
// DIGINETICA (CIKM Cup 2016) train-item-views.csv: session_id;user_id;item_id;timeframe;eventdate.
// Views only. Anonymous rows (user_id "NA") get the session as their shopper, so each
// anonymous session counts as one shopper.
#include "log_adapter.hpp"

namespace promosim {

class DigineticaAdapter : public LogAdapter {
 public:
  std::string format() const override { return "diginetica"; }
  void read(const std::string& path, const IngestPolicy& policy, const std::function<void(const LoggedEvent&)>& sink,
            IngestSummary& summary) override;
};

}  // namespace promosim
