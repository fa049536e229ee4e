#pragma once
// The catalog a plugin sees when it is run on a real log instead of a simulated world: one
// item per entry of the log's item table, priced from the log. A log says nothing of costs,
// categories, brands or launches, so those take neutral values (documented in
// docs/offline-evaluation.md): cost 70% of price, one category, one brand, all launched.
#include <vector>

#include "logged_interactions.hpp"
#include "promosim/catalog_view.hpp"

namespace promosim {

class LogCatalog {
 public:
  /// Each item's list price is its mean logged price; items never priced get the median of the
  /// priced ones (the upper middle one of an even count), and a log without prices prices everything at 1.
  explicit LogCatalog(const LoggedInteractions& log);
  LogCatalog(const LogCatalog&) = delete;  // view_ points into the vectors
  LogCatalog& operator=(const LogCatalog&) = delete;

  const CatalogView& view() const { return view_; }

 private:
  std::vector<float> list_price_;
  std::vector<float> unit_cost_;
  std::vector<CategoryId> category_;
  std::vector<BrandId> brand_;
  std::vector<TickIndex> launch_tick_;
  CatalogView view_;
};

}  // namespace promosim
