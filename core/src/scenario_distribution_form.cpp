#include "scenario_distribution_form.hpp"

#include <stdexcept>

namespace promosim {
namespace {

using Family = Distribution::Family;

constexpr DistributionForm kForms[] = {
    {Family::kConstant, "constant", "value", {}, nullptr, {}, "always `value`"},
    {Family::kUniform, "uniform", "min", {}, "max", {}, "evenly spread between `min` and `max` (`min` <= `max`)"},
    {Family::kNormal, "normal", "mean", {}, "sd", {.min = 0}, "Gaussian with mean `mean` and standard deviation `sd`"},
    {Family::kLognormal, "lognormal", "median", {.min = 0, .min_open = true}, "sigma", {.min = 0},
     "`median * exp(sigma * z)` with `z` standard normal: positive and right-skewed, like prices"},
};

}  // namespace

std::span<const DistributionForm> distribution_forms() { return kForms; }

const DistributionForm& distribution_form(Distribution::Family family) {
  for (const DistributionForm& form : kForms) {
    if (form.family == family) return form;
  }
  throw std::logic_error("distribution family without a form");
}

}  // namespace promosim
