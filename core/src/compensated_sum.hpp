#pragma once
// Neumaier's compensated running sum: the rounding error of each addition is carried
// separately, so sums of many values of mixed magnitude (money over many blocks, tens of
// thousands of small off-policy terms, differences that nearly cancel) keep their last bits,
// and an estimator that must equal an arm mean does not drift from it by rounding.
#include <cmath>

namespace promosim {

class CompensatedSum {
 public:
  void add(double value) {
    const double t = sum_ + value;
    compensation_ += std::abs(sum_) >= std::abs(value) ? (sum_ - t) + value : (value - t) + sum_;
    sum_ = t;
  }
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

}  // namespace promosim
