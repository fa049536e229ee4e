#pragma once
// How likely a clicked item is carted at a given price and discount: a logistic regression
// fitted by maximum a posteriori on click/cart counts pooled in bins of equal features.
#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace promosim::plugins {

/// logit P(cart | click) = intercept − elasticity · ln(price paid / reference price)
///                         + promotion · discount [+ organic_offset for an organic visit]
/// The reference price is the median list price of the item's category. `elasticity` is the
/// price elasticity of carting (the response to a lower price, whatever its cause);
/// `promotion` is the extra pull of a discount beyond its lower price. Organic (history) visits
/// reach items another way than slates do (the shopper picked the item), so their clicks get
/// their own level, `organic_offset`, and pricing uses the slate level, `intercept`.
struct CartResponse {
  double intercept = 0.0;
  double elasticity = 0.0;
  double promotion = 0.0;
  double organic_offset = 0.0;

  /// The logit of a slate click.
  double logit(double log_relative_paid, double discount) const {
    return intercept - elasticity * log_relative_paid + promotion * discount;
  }
  Eigen::Vector4d coefficients() const { return {intercept, elasticity, promotion, organic_offset}; }
  static CartResponse from(const Eigen::Vector4d& c) { return {c[0], c[1], c[2], c[3]}; }
};

/// The clicks of one bin: counts and feature sums, so the bin's mean features are exact
/// whatever the binning.
struct CartBin {
  double clicks = 0.0;
  double carts = 0.0;
  double sum_log_relative_paid = 0.0;  ///< Σ ln(price paid / reference price) over the clicks
  double sum_discount = 0.0;           ///< Σ discount over the clicks
  bool organic = false;                ///< clicks of organic (history) visits
};

/// Independent Gaussian prior on the four coefficients.
struct CartPrior {
  CartResponse mean;
  Eigen::Vector4d sd;  ///< intercept, elasticity, promotion, organic offset; each > 0
};

/// Clicks and carts of one population (a segment, or a segment's category) in `bin_count`
/// bins chosen by the caller; a bin holds clicks of one source (organic or slate) and carts of
/// the same clicks.
class CartEvidence {
 public:
  explicit CartEvidence(std::size_t bin_count) : bin_count_(bin_count) {}

  void add_click(std::size_t bin, double log_relative_paid, double discount, bool organic) {
    CartBin& b = at(bin);
    b.organic = organic;
    b.clicks += 1.0;
    b.sum_log_relative_paid += log_relative_paid;
    b.sum_discount += discount;
  }
  void add_cart(std::size_t bin) { at(bin).carts += 1.0; }

  /// Used bins, in the order they were first used (a deterministic function of the events).
  const std::vector<CartBin>& bins() const { return bins_; }

 private:
  CartBin& at(std::size_t bin);

  std::size_t bin_count_;
  std::vector<int> slot_;  // bin -> index into bins_, -1 if unused; sized on first use
  std::vector<CartBin> bins_;
};

/// The maximum a posteriori coefficients given the binned clicks: Newton's method with step
/// halving from `start`, until the gain Newton predicts falls below 1e-12 of the log posterior
/// (at most 100 iterations). The log posterior is strictly concave, so the result does not
/// depend on `start` beyond that tolerance; a warm start only saves iterations. A bin's carts
/// count at most its clicks.
CartResponse fit_cart_response(const std::vector<CartBin>& bins, const CartPrior& prior, const CartResponse& start);

}  // namespace promosim::plugins
