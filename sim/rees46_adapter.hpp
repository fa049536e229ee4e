#pragma once
// REES46 / Open CDP "eCommerce behavior data from multi category store" (Kaggle), one CSV
// per month: event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session.
#include "log_adapter.hpp"

namespace promosim {

class Rees46Adapter : public LogAdapter {
 public:
  std::string format() const override { return "rees46"; }
  void read(const std::string& path, const IngestPolicy& policy, const std::function<void(const LoggedEvent&)>& sink,
            IngestSummary& summary) override;
};

}  // namespace promosim
