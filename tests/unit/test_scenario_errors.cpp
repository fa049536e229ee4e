// Every class of scenario error: exact message, YAML path and line:column, all in one throw.
#include "test_scenario_support.hpp"

using namespace promosim;
using namespace promosim::test;

namespace {

/// A valid scenario whose catalog map is `catalog` (from line 3, indented by two spaces);
/// top-level keys may be appended from line 10.
std::string with_catalog(const std::string& catalog) {
  return "name: t\ncatalog:\n" + catalog + "population: {shoppers: 50}\ntimeline:\n  phases:\n    - {name: p, days: 1}\n"
         "arms:\n  - {name: a, recommender: random}\n";
}

/// A valid scenario whose timeline map is `timeline` (from line 5, indented by two spaces);
/// top-level keys may be appended after it.
std::string with_timeline(const std::string& timeline) {
  return "name: t\ncatalog: {items: 100}\npopulation: {shoppers: 50}\ntimeline:\n" + timeline +
         "arms:\n  - {name: a, recommender: random}\n";
}

using Errors = std::vector<std::string>;

}  // namespace

TEST_CASE("unknown keys get a did-you-mean; duplicate keys are found", "[scenario]") {
  CHECK(errors_of(with_catalog("  items: 100\n  categoris: 4\n  items: 200\n") + "sead: 4\n") ==
        Errors{
            "4:3 catalog.categoris: unknown key 'categoris' (did you mean 'categories'?); use one of: items, categories, "
            "factor_dim, price, margin_rate, category_spread, quality_sd, quality_price_slope, brands_per_category, "
            "brand_sd, launches, stock_per_item",
            "5:3 catalog.items: duplicate key 'items' (first given at 3:3); remove one of them",
            "12:1 sead: unknown key 'sead' (did you mean 'seed'?); use one of: name, description, seed, replicates, "
            "shards, plugin_paths, catalog, population, timeline, budget, behaviour, arms, sweep, output",
        });
}

TEST_CASE("wrong types are one diagnostic each and siblings are still checked", "[scenario]") {
  CHECK(errors_of(with_catalog("  items: [100]\n  categories: {n: 4}\n  factor_dim: 2.5\n  price: 7\n") +
                  "budget: 12\nbehaviour: {slate_size: many, click_bias: \"1\", cart_bias: 2.0, intent_sd:}\n") ==
        Errors{
            "3:10 catalog.items: found a list where an integer is expected; use an integer in [10, 50000000]",
            "4:15 catalog.categories: found a map where an integer is expected; use an integer in [1, 65535]",
            "5:15 catalog.factor_dim: 2.5 is not a whole number; use an integer in [1, 64]",
            "6:10 catalog.price: found '7' where a distribution map is expected; use a distribution such as "
            "{dist: lognormal, median: 100, sigma: 0.8}",
            "13:9 budget: found '12' where a map is expected; use a map of keys",
            "14:25 behaviour.slate_size: 'many' is not an integer; use an integer in [1, 50]",
            "14:43 behaviour.click_bias: '1' is quoted text, not a number; use a number in [-20, 20]",
            "14:64 behaviour.intent_sd: found no value where a number is expected; use a number in [0, 10]",
        });
  // Whole reals are integers; integers are reals.
  const Scenario s = resolve_text(with_catalog("  items: 100.0\n  category_spread: 2\n"));
  CHECK(s.catalog.items == 100);
  CHECK(s.catalog.category_spread == 2.0);
}

TEST_CASE("out-of-range values name the range, open or closed", "[scenario]") {
  CHECK(errors_of(with_catalog("  items: 5\n  quality_sd: 5.5\n") + "seed: -1\nreplicates: 1001\n"
                  "behaviour: {position_decay: 0, click_bias: -21}\n"
                  "output: {event_sample: 1.5}\n") ==
        Errors{
            "3:10 catalog.items: 5 is below the minimum 10; use a value in [10, 50000000]",
            "4:15 catalog.quality_sd: 5.5 is above the maximum 5; use a value in [0, 5]",
            "11:7 seed: -1 is below the minimum 0; use a value >= 0",
            "12:13 replicates: 1001 is above the maximum 1000; use a value in [1, 1000]",
            "13:29 behaviour.position_decay: 0 must be greater than 0; use a value in (0, 1]",
            "13:44 behaviour.click_bias: -21 is below the minimum -20; use a value in [-20, 20]",
            "14:24 output.event_sample: 1.5 is above the maximum 1; use a value in [0, 1]",
        });
  CHECK(errors_of(with_catalog("  items: 100\n") + "seed: 99999999999999999999\n") ==
        Errors{"10:7 seed: 99999999999999999999 does not fit a 64-bit integer; use an integer >= 0"});
  CHECK(resolve_text(with_catalog("  items: 100\n") + "seed: 9223372036854775807\n").seed == 9223372036854775807ULL);
}

TEST_CASE("missing required keys point at the map that lacks them", "[scenario]") {
  CHECK(errors_of("name: t\ncatalog:\n  factor_dim: 4\npopulation: {}\ntimeline:\n  phases:\n    - {days: 1}\n"
                  "arms: []\n") ==
        Errors{
            "3:3 catalog.items: missing required key 'items' (an integer in [10, 50000000]); add it",
            "4:13 population.shoppers: missing required key 'shoppers' (an integer in [1, 100000000]); add it",
            "7:7 timeline.phases[0].name: missing required key 'name' (a name of letters, digits, '_' and '-'); add it",
            "8:7 arms: the list is empty; add at least 1 arm, or a sweep that generates arms",
        });
}

TEST_CASE("names, dates and choices are checked, with suggestions", "[scenario]") {
  CHECK(errors_of(with_timeline("  start_date: 2026-02-30\n  phases:\n    - {name: peak day, days: 1}\n") +
                  "name: x\noutput: {metrics_by: days}\n") ==
        Errors{
            "5:15 timeline.start_date: '2026-02-30' is not a calendar date; use a real date YYYY-MM-DD, e.g. 2026-11-11",
            "7:14 timeline.phases[0].name: 'peak day' is not a valid name; use only letters, digits, '_' and '-', "
            "e.g. 'peak_day'",
            "10:1 name: duplicate key 'name' (first given at 1:1); remove one of them",
            "11:22 output.metrics_by: unknown value 'days' (did you mean 'day'?); use one of: tick, day",
        });
  CHECK(errors_of("name: t\ncatalog: {items: 100}\npopulation: {shoppers: 50, source: synthetc}\ntimeline:\n"
                  "  phases: [{name: p, days: 1}]\narms: [{name: a, recommender: random}]\n") ==
        Errors{"3:36 population.source: unknown value 'synthetc' (did you mean 'synthetic'?); use one of: synthetic, logged"});
  CHECK(errors_of(with_timeline("  start_date: 11/11/2026\n  phases:\n    - {name: p, days: 1}\n")) ==
        Errors{"5:15 timeline.start_date: '11/11/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-11, or \"\" "
               "for none"});
}

TEST_CASE("the discount budget is a number or unlimited", "[scenario]") {
  CHECK(resolve_text(with_catalog("  items: 100\n") + "budget: {discount: 0}\n").discount_budget == 0.0);
  CHECK(errors_of(with_catalog("  items: 100\n") + "budget: {discount: lots}\n") ==
        Errors{"10:20 budget.discount: 'lots' is neither a number nor unlimited; use a number >= 0 or unlimited"});
  CHECK(errors_of(with_catalog("  items: 100\n") + "budget: {discount: -5}\n") ==
        Errors{"10:20 budget.discount: -5 is below the minimum 0; use a value >= 0"});
}

TEST_CASE("distributions: forms, keys and the values a key allows", "[scenario]") {
  CHECK(errors_of(with_catalog("  items: 100\n  price: {dist: lognorml, median: 100}\n"
                               "  margin_rate: {min: 0.1, max: 0.2}\n")) ==
        Errors{
            "4:17 catalog.price.dist: unknown distribution 'lognorml' (did you mean 'lognormal'?); use one of: "
            "constant, uniform, normal, lognormal",
            "5:16 catalog.margin_rate: missing required key 'dist'; add it, use one of: constant, uniform, normal, "
            "lognormal",
        });
  CHECK(errors_of(with_catalog("  items: 100\n  price: {dist: lognormal, median: 100, sd: 1}\n")) ==
        Errors{
            "4:10 catalog.price.sigma: missing required key 'sigma'; a lognormal distribution needs: median, sigma",
            "4:41 catalog.price.sd: unknown key 'sd' in a lognormal distribution; use one of: dist, median, sigma",
        });
  CHECK(errors_of(with_catalog("  items: 100\n  price: {dist: normal, mean: 100, sd: 20}\n"
                               "  margin_rate: {dist: uniform, min: 0, max: 0.5}\n")) ==
        Errors{
            "4:10 catalog.price: values must be > 0, but a normal distribution can yield any value; use a lognormal, "
            "a uniform with min and max > 0, or a constant > 0",
            "5:16 catalog.margin_rate: values must be in (0, 1), but this uniform spans [0, 0.5]; use a uniform with "
            "min and max in (0, 1), or a constant in (0, 1)",
        });
  CHECK(errors_of(with_catalog("  items: 100\n  price: {dist: uniform, min: 50, max: 5}\n"
                               "  margin_rate: {dist: lognormal, median: 0.3, sigma: 0.1}\n")) ==
        Errors{
            "4:10 catalog.price: min 50 is above max 5; swap them",
            "5:16 catalog.margin_rate: values must be in (0, 1), but a lognormal distribution is unbounded above; use "
            "a uniform with min and max in (0, 1), or a constant in (0, 1)",
        });
  CHECK(errors_of(with_catalog("  items: 100\n  price: {dist: lognormal, median: 0, sigma: -1}\n")) ==
        Errors{
            "4:36 catalog.price.median: 0 must be greater than 0; use a value > 0",
            "4:46 catalog.price.sigma: -1 is below the minimum 0; use a value >= 0",
        });
}

TEST_CASE("rules across keys: categories, shares, ticks, unique names", "[scenario]") {
  CHECK(errors_of("name: t\ncatalog: {items: 15}\npopulation:\n  shoppers: 50\n  segments:\n"
                  "    - {name: a, share: 0.5}\n    - {name: a, share: 0.4}\n"
                  "timeline:\n  tick_minutes: 7\n  phases:\n    - {name: p, days: 1}\n    - {name: p, days: 1}\n"
                  "arms:\n  - {name: a, recommender: random}\n  - {name: a, recommender: random}\n") ==
        Errors{
            "2:10 catalog.categories: 20 categories (the default) exceed the 15 items; set categories to at most 15",
            "6:5 population.segments: segment shares sum to 0.9; make them sum to 1",
            "7:14 population.segments[1].name: duplicate segment name 'a' (also population.segments[0]); give each "
            "segment its own name",
            "9:17 timeline.tick_minutes: 7 does not divide a day (1440 minutes); use a divisor of 1440 such as 6 or 8",
            "12:14 timeline.phases[1].name: duplicate phase name 'p' (also timeline.phases[0]); give each phase its "
            "own name",
            "15:12 arms[1].name: duplicate arm name 'a' (also arms[0]); give each arm its own name",
        });
  CHECK(errors_of(with_timeline("  tick_minutes: 30\n  phases:\n    - {name: p, days: 1.01}\n"
                                "    - {name: q, days: 0.01}\n")) ==
        Errors{
            "7:23 timeline.phases[0].days: 1.01 days is 48.48 ticks of 30 minutes; use a whole number of ticks, "
            "e.g. days: 1 (48 ticks) or days: 1.0208333333333333 (49 ticks)",
            "8:23 timeline.phases[1].days: 0.01 days is 0.48 ticks of 30 minutes; use a whole number of ticks, "
            "e.g. days: 0.020833333333333332 (1 tick)",
        });
  // The suggested values are accepted, decimal rounding and all.
  CHECK(resolve_text(with_timeline("  tick_minutes: 30\n  phases:\n    - {name: p, days: 1.0208333333333333}\n"))
            .timeline.phases[0].days == 1.0208333333333333);
}

TEST_CASE("launches and new shoppers name a phase of the timeline; brands fit 16 bits", "[scenario]") {
  CHECK(errors_of("name: t\ncatalog:\n  items: 100\n  categories: 70\n  brands_per_category: 1000\n  launches:\n"
                  "    - {items: 10, phase: peek}\n    - {items: 10, phase: peak, after_days: 1}\n"
                  "population:\n  shoppers: 50\n  new_shoppers: [{shoppers: 5, phase: warmup}]\n"
                  "timeline:\n  phases:\n    - {name: warm_up, days: 2}\n    - {name: peak, days: 1}\n"
                  "arms:\n  - {name: a, recommender: random}\n") ==
        Errors{
            "5:24 catalog.brands_per_category: 70 categories x 1000 brands exceed 65535 brands; set "
            "brands_per_category to at most 936",
            "7:26 catalog.launches[0].phase: unknown phase 'peek' (did you mean 'peak'?); use one of the timeline's "
            "phases: warm_up, peak",
            "8:44 catalog.launches[1].after_days: 1 days is not inside phase 'peak', which lasts 1 days; use a value "
            "below 1",
            "11:39 population.new_shoppers[0].phase: unknown phase 'warmup' (did you mean 'warm_up'?); use one of "
            "the timeline's phases: warm_up, peak",
        });
}

TEST_CASE("every error of a file is reported in one throw, in file order", "[scenario]") {
  const std::string path = write_scenario("name: t\nsead: 3\nreplicates: 0\ncatalog: {items: 100}\n"
                                          "population: {shoppers: 50}\ntimeline:\n  phases:\n    - {name: p, days: 1}\n"
                                          "arms:\n  - {name: a, recommender: popularty}\n");
  try {
    resolve_file(path);
    FAIL("resolved");
  } catch (const ScenarioError& e) {
    CHECK(std::string(e.what()) ==
          path + ":2:1: sead: unknown key 'sead' (did you mean 'seed'?); use one of: name, description, seed, "
                 "replicates, shards, plugin_paths, catalog, population, timeline, budget, behaviour, arms, sweep, output\n" +
              path + ":3:13: replicates: 0 is below the minimum 1; use a value in [1, 1000]\n" + path +
              ":10:28: arms[0].recommender: unknown recommender plugin 'popularty' (did you mean 'popularity'?); "
              "available: popularity, random; `promosim plugins` lists them\n3 errors in " + path);
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[1].file == path);
    CHECK(e.diagnostics()[1].yaml_path == "replicates");
    CHECK(e.diagnostics()[1].line == 3);
    CHECK(e.diagnostics()[1].column == 13);
  }
}
