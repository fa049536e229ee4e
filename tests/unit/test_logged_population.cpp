// The pieces of a logged population on tests/fixtures/logs/rees46_population.csv (see
// tests/integration/test_logged_population.cpp for the timeline arithmetic): who comes when,
// what is history, and the preference fit's scale.
#include <catch2/catch.hpp>
#include <cmath>

#include "implicit_als.hpp"
#include "logged_population.hpp"

using namespace promosim;

namespace {
LoggedPopulation load(bool stretch) {
  Scenario scenario;
  scenario.seed = 11;
  scenario.population.logged = true;
  scenario.population.log = {std::string(PROMOSIM_TEST_SOURCE_DIR) + "/fixtures/logs/rees46_population.csv", "rees46",
                             "", 0.5, stretch};
  scenario.catalog.categories = 2;
  scenario.catalog.factor_dim = 4;
  scenario.catalog.quality_sd = 1.0;
  scenario.timeline.tick_minutes = 60;
  return LoggedPopulation::load(scenario, 24);
}
}  // namespace

TEST_CASE("A logged population splits the log's span into history and replayed arrivals") {
  const LoggedPopulation p = load(true);
  REQUIRE(p.shopper_count == 4);  // u4, u1, u2, u3 in order of first appearance
  REQUIRE(p.item_count == 5);     // C, A, B, D, E
  CHECK(p.arrival_offsets == std::vector<std::uint32_t>{0, 0, 2, 3, 5});
  CHECK(p.arrival_ticks == std::vector<TickIndex>{0, 12, 23, 6, 18});
  REQUIRE(p.history.size() == 5);
  CHECK(p.history[0].shopper == 0);
  CHECK(p.history[4].type == EventType::kCart);
  CHECK(p.shopper_fitted == std::vector<char>{1, 1, 1, 0});
  CHECK(p.item_fitted == std::vector<char>{1, 1, 1, 0, 0});
  CHECK(p.item_price[4] == 40.0f);
  // A drew 3 history engagements, C and B one, D and E none: quality follows.
  CHECK(p.item_quality[1] > p.item_quality[0]);
  CHECK(p.item_quality[0] == p.item_quality[2]);
  CHECK(p.item_quality[3] < p.item_quality[0]);
}

TEST_CASE("clock replay keeps real time: one tick per hour from the split, nothing after the timeline") {
  const LoggedPopulation p = load(false);
  CHECK(p.arrival_offsets == std::vector<std::uint32_t>{0, 0, 1, 2, 3});
  CHECK(p.arrival_ticks == std::vector<TickIndex>{0, 1, 0});
}

TEST_CASE("implicit ALS: shoppers and items without cells stay 0; the standardised match has sd 1") {
  const std::vector<FeedbackCell> cells = {{0, 0, 1}, {0, 1, 3}, {1, 1, 1}, {1, 2, 10}, {2, 0, 1}, {2, 2, 1}};
  ImplicitAlsOptions options;
  options.factors = 3;
  options.key = 5;
  FactorPair f = fit_implicit_als(cells, 4, 4, options);
  for (std::size_t j = 0; j < 3; ++j) {
    CHECK(f.row_factors[3 * 3 + j] == 0.0f);
    CHECK(f.col_factors[3 * 3 + j] == 0.0f);
  }
  // A shopper prefers what they engaged with to what they did not.
  const auto dot = [&](std::size_t r, std::size_t c) {
    double s = 0;
    for (std::size_t j = 0; j < 3; ++j) s += f.row_factors[r * 3 + j] * f.col_factors[c * 3 + j];
    return s;
  };
  CHECK(dot(0, 1) > dot(0, 2));
  CHECK(dot(1, 2) > dot(1, 0));
  const std::vector<char> fitted = {1, 1, 1, 0};
  standardise_match(f, fitted, fitted, 3);
  double sum = 0, square = 0;
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t c = 0; c < 3; ++c) {
      sum += dot(r, c);
      square += dot(r, c) * dot(r, c);
    }
  }
  CHECK(std::sqrt(square / 9 - (sum / 9) * (sum / 9)) == Approx(1.0).epsilon(1e-5));
}
