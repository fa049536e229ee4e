#include "log_catalog.hpp"

#include <algorithm>
#include <cmath>

namespace promosim {

namespace {
constexpr float kCostShare = 0.7f;  // neutral stand-in: plugins need 0 < cost < price
}

LogCatalog::LogCatalog(const LoggedInteractions& log) {
  const std::vector<double>& logged = log.item_price();
  std::vector<double> priced;
  for (const double p : logged) {
    if (std::isfinite(p)) priced.push_back(p);
  }
  double fallback = 1.0;
  if (!priced.empty()) {
    std::nth_element(priced.begin(), priced.begin() + priced.size() / 2, priced.end());
    fallback = priced[priced.size() / 2];
  }
  const std::size_t n = logged.size();
  list_price_.resize(n);
  unit_cost_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    list_price_[i] = static_cast<float>(std::isfinite(logged[i]) ? logged[i] : fallback);
    unit_cost_[i] = kCostShare * list_price_[i];
  }
  category_.assign(n, 0);
  brand_.assign(n, 0);
  launch_tick_.assign(n, 0);
  view_ = CatalogView{static_cast<std::uint32_t>(n), 1, 1, list_price_.data(), unit_cost_.data(),
                      category_.data(),              brand_.data(), launch_tick_.data()};
}

}  // namespace promosim
