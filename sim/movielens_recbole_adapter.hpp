#pragma once
// MovieLens in RecBole's atomic-file format (.inter): tab-separated, a typed header such as
// "user_id:token\titem_id:token\trating:float\ttimestamp:float". Columns are found by name,
// so other RecBole .inter files with these columns read too. A rating becomes a view (the
// shopper watched the film) with the rating as its reward.
#include "log_adapter.hpp"

namespace promosim {

class MovielensRecboleAdapter : public LogAdapter {
 public:
  std::string format() const override { return "movielens"; }
  void read(const std::string& path, const IngestPolicy& policy, const std::function<void(const LoggedEvent&)>& sink,
            IngestSummary& summary) override;
};

}  // namespace promosim
