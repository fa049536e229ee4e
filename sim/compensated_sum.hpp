#pragma once
// A running sum with Neumaier compensation (the streaming form of stable_sum in
// core/src/statistics.hpp): off-policy estimates add tens of thousands of small terms, and an
// estimator that must equal an arm mean should not drift from it by rounding.

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
