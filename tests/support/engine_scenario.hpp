#pragma once
// A resolved Scenario built in code, for tests and benchmarks of engine parts that do not
// go through YAML: the schema's defaults for behaviour and catalog shape, two segments and
// a two-day warm-up followed by a one-day peak at three times the traffic.
#include "scenario.hpp"

namespace promosim::test {

inline Scenario engine_scenario(std::uint32_t items, std::uint32_t shoppers) {
  Scenario s;
  s.catalog.items = items;
  s.catalog.categories = 10;
  s.catalog.factor_dim = 8;
  s.catalog.price = {Distribution::Family::kLognormal, 100.0, 0.8};
  s.catalog.margin_rate = {Distribution::Family::kUniform, 0.2, 0.4};
  s.catalog.category_spread = 0.5;
  s.catalog.quality_sd = 0.25;
  s.catalog.quality_price_slope = 0.5;
  s.catalog.brands_per_category = 5;
  s.catalog.brand_sd = 0.3;
  s.population.shoppers = shoppers;
  s.population.segments = {{"a", 0.3, 0.5, 2.0, 1.5, 0.3, 1.0}, {"b", 0.7, 0.5, 1.0, 0.5, 0.4, 1.0}};
  s.timeline.tick_minutes = 60;
  s.timeline.phases = {{"warm", 2.0, 1.0, 1.0, 1.0}, {"peak", 1.0, 3.0, 1.0, 1.0}};
  s.behaviour = {10, 0.85, -4.3, -3.0, 2.0, 1.0};
  return s;
}

}  // namespace promosim::test
