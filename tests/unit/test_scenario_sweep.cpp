// Sweeps: grids and cases expanded into named arms, checked like arms written by hand, every
// problem located at the value that causes it; the resolved configuration re-loads to the same arms.
#include "test_scenario_support.hpp"

using namespace promosim;
using namespace promosim::test;

namespace {

/// A valid scenario without arms; `tail` adds arms and sweeps from line 7.
std::string with(const std::string& tail) {
  return "name: t\ncatalog: {items: 100}\npopulation: {shoppers: 50}\ntimeline:\n  phases:\n    - {name: p, days: 1}\n" +
         tail;
}

std::vector<std::string> names_of(const Scenario& s) {
  std::vector<std::string> names;
  for (const ArmConfig& arm : s.arms) names.push_back(arm.name);
  return names;
}

using Errors = std::vector<std::string>;
using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a grid gives one arm per combination, the last path fastest, after the written arms", "[scenario]") {
  const Scenario s = resolve_text(with("arms:\n  - {name: base, recommender: popularity}\n"
                                       "sweep:\n"
                                       "  - name: d\n"
                                       "    recommender: {name: popularity, params: {decay: 0.5}}\n"
                                       "    pricing_policy: {name: fixed_discount, params: {round_prices: true}}\n"
                                       "    grid:\n"
                                       "      pricing_policy.params.discount: [0.05, 0.1, 0.2]\n"
                                       "      pricing_policy.params.max_intent: [0.3, 1]\n"));
  CHECK(names_of(s) == Names{"base", "d-discount-0p05-max_intent-0p3", "d-discount-0p05-max_intent-1",
                             "d-discount-0p1-max_intent-0p3", "d-discount-0p1-max_intent-1",
                             "d-discount-0p2-max_intent-0p3", "d-discount-0p2-max_intent-1"});
  CHECK(s.arms[0].sweep.empty());
  const double discounts[] = {0.05, 0.05, 0.1, 0.1, 0.2, 0.2};
  const double intents[] = {0.3, 1.0, 0.3, 1.0, 0.3, 1.0};
  for (std::size_t i = 1; i < s.arms.size(); ++i) {
    INFO(s.arms[i].name);
    const ArmConfig& arm = s.arms[i];
    CHECK(arm.sweep == "d");
    CHECK(arm.pricing_policy.name == "fixed_discount");
    CHECK(arm.pricing_policy.params.real("discount") == discounts[i - 1]);
    CHECK(arm.pricing_policy.params.real("max_intent") == intents[i - 1]);
    CHECK(arm.pricing_policy.params.boolean("round_prices"));  // the entry's own params stay
    CHECK(arm.recommender.name == "popularity");
    CHECK(arm.recommender.params.real("decay") == 0.5);
    CHECK(arm.recommender.params.integer("window_hours") == 24);  // defaults filled in
    CHECK(arm.intent_model.name == "none");
  }
}

TEST_CASE("cases give one arm each, in order; a slot switched to another plugin starts from its defaults",
          "[scenario]") {
  const Scenario s = resolve_text(with("sweep:\n"
                                       "  - name: reco\n"
                                       "    recommender: {name: popularity, params: {decay: 0.5}}\n"
                                       "    pricing_policy: {name: fixed_discount, params: {discount: 0.3}}\n"
                                       "    cases:\n"
                                       "      - {recommender.params.window_hours: 12}\n"
                                       "      - {recommender: random, pricing_policy: list_price}\n"
                                       "      - {recommender: popularity, recommender.params.mode: windowed, "
                                       "pricing_policy: fixed_discount}\n"
                                       "      - {}\n"));
  CHECK(names_of(s) == Names{"reco-window_hours-12", "reco-recommender-random-pricing_policy-list_price",
                             "reco-recommender-popularity-mode-windowed-pricing_policy-fixed_discount", "reco"});
  const ArmConfig& hours = s.arms[0];
  CHECK(hours.recommender.params.integer("window_hours") == 12);
  CHECK(hours.recommender.params.real("decay") == 0.5);
  CHECK(hours.pricing_policy.params.real("discount") == 0.3);
  const ArmConfig& random = s.arms[1];
  CHECK(random.recommender.name == "random");
  CHECK(random.recommender.params.entries().empty());  // popularity's decay is not random's
  CHECK(random.pricing_policy.name == "list_price");
  // Naming the entry's own plugin keeps its params.
  const ArmConfig& windowed = s.arms[2];
  CHECK(windowed.recommender.params.choice("mode") == "windowed");
  CHECK(windowed.recommender.params.real("decay") == 0.5);
  CHECK(windowed.pricing_policy.params.real("discount") == 0.3);
  const ArmConfig& plain = s.arms[3];
  CHECK(plain.recommender.params.choice("mode") == "all_time");
  CHECK(plain.sweep == "reco");
}

TEST_CASE("a scenario may have only sweeps; several sweeps follow each other", "[scenario]") {
  const std::string sweeps = "sweep:\n"
                             "  - {name: a, recommender: random, grid: {pricing_policy: [list_price, fixed_discount]}}\n"
                             "  - {name: b, cases: [{recommender: popularity}]}\n";
  const Names expected{"a-pricing_policy-list_price", "a-pricing_policy-fixed_discount", "b-recommender-popularity"};
  CHECK(names_of(resolve_text(with(sweeps))) == expected);
  CHECK(names_of(resolve_text(with("arms: []\n" + sweeps))) == expected);
}

TEST_CASE("arm names keep to name characters and name the slot where two share a parameter", "[scenario]") {
  const Scenario s = resolve_text(with("sweep:\n"
                                       "  - name: s\n"
                                       "    recommender: popularity\n"
                                       "    intent_model: recency_frequency\n"
                                       "    grid:\n"
                                       "      recommender.params.decay: [0.5]\n"
                                       "      intent_model.params.decay: [0.25]\n"
                                       "      recommender.params.mode: [windowed]\n"));
  CHECK(names_of(s) == Names{"s-recommender_decay-0p5-intent_model_decay-0p25-mode-windowed"});
  CHECK(s.arms[0].recommender.params.real("decay") == 0.5);
  CHECK(s.arms[0].intent_model.params.real("decay") == 0.25);
  // A minus sign is written m: the value's problem names the arm it would have made.
  CHECK(errors_of(with("sweep:\n  - {name: s, recommender: popularity, grid: {recommender.params.decay: [-0.5]}}\n")) ==
        Errors{"8:74 sweep[0].grid.recommender.params.decay[0]: -0.5 is below the minimum 0; use a value in [0, 1] "
               "(in generated arm 's-decay-m0p5')"});
}

TEST_CASE("a bad value in a grid points at the value and names the arms it is in", "[scenario]") {
  CHECK(errors_of(with("sweep:\n"
                       "  - name: d\n"
                       "    recommender: popularity\n"
                       "    pricing_policy: fixed_discount\n"
                       "    grid:\n"
                       "      pricing_policy.params.discount: [0.05, 0.95]\n"
                       "      pricing_policy.params.max_intent: [0.3, 1]\n"
                       "      pricing_policy.params.discont: [0.1]\n")) ==
        Errors{
            "12:46 sweep[0].grid.pricing_policy.params.discount[1]: 0.95 is above the maximum 0.9; use a value in "
            "[0, 0.9] (in generated arms 'd-discount-0p95-max_intent-0p3-discont-0p1' and 1 more)",
            "14:7 sweep[0].grid.pricing_policy.params.discont: unknown parameter 'discont' for pricing_policy "
            "'fixed_discount' (did you mean 'discount'?); use one of: discount, max_intent, round_prices (in "
            "generated arms 'd-discount-0p05-max_intent-0p3-discont-0p1' and 3 more)",
        });
  // The same in a case, and a parameter of the plugin the sweep's default leaves in the slot.
  CHECK(errors_of(with("sweep:\n"
                       "  - name: c\n"
                       "    recommender: popularity\n"
                       "    cases:\n"
                       "      - {recommender.params.window_hours: 0}\n"
                       "      - {pricing_policy.params.discount: 0.1}\n")) ==
        Errors{
            "11:43 sweep[0].cases[0].recommender.params.window_hours: 0 is below the minimum 1; use a value in "
            "[1, 720] (in generated arm 'c-window_hours-0')",
            "12:10 sweep[0].cases[1].pricing_policy.params.discount: unknown parameter 'discount' for pricing_policy "
            "'list_price'; there are none, remove it (in generated arm 'c-discount-0p1')",
        });
}

TEST_CASE("sweep shape errors: paths, lists, values, grid or cases", "[scenario]") {
  CHECK(errors_of(with("sweep:\n"
                       "  - name: d\n"
                       "    recommender: popularity\n"
                       "    grid:\n"
                       "      pricing_policy.params.discount: []\n"
                       "      pricing_polcy.params.discount: [0.1]\n"
                       "      pricing_policy.discount: [0.1]\n"
                       "      recommender: random\n"
                       "      intent_model: [nonee, {name: none}]\n"
                       "      pricing_policy: [fixed_discount, fixed_discount]\n")) ==
        Errors{
            "11:39 sweep[0].grid.pricing_policy.params.discount: the list is empty; give at least 1 value",
            "12:7 sweep[0].grid.pricing_polcy.params.discount: unknown slot 'pricing_polcy' in arm path "
            "'pricing_polcy.params.discount' (did you mean 'pricing_policy'?); a path starts with one of: "
            "recommender, intent_model, pricing_policy",
            "13:7 sweep[0].grid.pricing_policy.discount: 'pricing_policy.discount' is not an arm path; write "
            "pricing_policy to choose the plugin, or pricing_policy.params.discount to set one of its parameters",
            "14:20 sweep[0].grid.recommender: found 'random' where a list of values is expected; use a list, e.g. "
            "[random]",
            "15:22 sweep[0].grid.intent_model[0]: unknown intent_model plugin 'nonee' (did you mean 'none'?); "
            "available: none, recency_frequency; `promosim plugins` lists them",
            "15:29 sweep[0].grid.intent_model[1]: found a map where a single value is expected; a sweep value is a "
            "plugin name or one parameter's value: set each parameter by its own path, intent_model.params.NAME",
            "16:40 sweep[0].grid.pricing_policy[1]: 'fixed_discount' is given twice (also [0]); give each value once",
        });
  CHECK(errors_of(with("sweep:\n"
                       "  - {name: both, recommender: random, grid: {recommender: [random]}, cases: [{}]}\n"
                       "  - {name: neither, recommender: random}\n"
                       "  - {name: empty, recommender: random, cases: []}\n"
                       "  - {name: no_grid, recommender: random, grid: {}}\n"
                       "  - {name: no_reco, cases: [{recommender: random}, {}]}\n"
                       "  - {name: bad case, recommender: random, cases: [popularity]}\n")) ==
        Errors{
            "8:77 sweep[0].cases: grid and cases are both given; keep one: grid for every combination of values, "
            "cases for a list of arms",
            "9:5 sweep[1]: no grid and no cases; add grid (arm paths, each with a list of values: an arm for every "
            "combination) or cases (a list of maps of arm paths to values: an arm for each)",
            "10:47 sweep[2].cases: the list is empty; add at least 1 case, e.g. {recommender: popularity}",
            "11:48 sweep[3].grid: the grid is empty; give at least one arm path with a list of values, e.g. "
            "{pricing_policy.params.discount: [0.1, 0.2]}",
            "12:5 sweep[4].recommender: missing required key 'recommender' (a plugin name or {name: NAME, params: "
            "{...}}); add it, or choose it in the grid or in every case",
            "13:12 sweep[5].name: 'bad case' is not a valid name; use only letters, digits, '_' and '-', e.g. "
            "'bad_case'",
            "13:51 sweep[5].cases[0]: found 'popularity' where a map is expected; use a map of arm paths to values, "
            "e.g. {recommender: popularity}",
        });
}

TEST_CASE("generated arm names must be unique, like every arm name", "[scenario]") {
  CHECK(errors_of(with("arms:\n  - {name: d-discount-0p1, recommender: random}\n"
                       "  - {name: d-discount-0p2, recommender: random}\n"
                       "sweep:\n"
                       "  - name: d\n"
                       "    recommender: random\n"
                       "    pricing_policy: fixed_discount\n"
                       "    grid: {pricing_policy.params.discount: [0.1, 0.2]}\n"
                       "  - name: d\n"
                       "    recommender: random\n"
                       "    grid: {pricing_policy: [list_price]}\n"
                       "  - name: e\n"
                       "    cases:\n"
                       "      - {recommender: random}\n"
                       "      - {recommender: random}\n")) ==
        Errors{
            "11:11 sweep[0].name: duplicate arm name 'd-discount-0p1' (also arms[0]) and 1 more; give each arm its "
            "own name",
            "15:11 sweep[1].name: duplicate sweep name 'd' (also sweep[0]); give each sweep its own name",
            "21:9 sweep[2].cases[1]: duplicate arm name 'e-recommender-random' (also generated by "
            "sweep[2].cases[0]); give each arm its own name",
        });
}

TEST_CASE("more than 256 arms in all are refused with the count", "[scenario]") {
  CHECK(errors_of(with("arms:\n  - {name: a, recommender: random}\n"
                       "sweep:\n"
                       "  - name: big\n"
                       "    recommender: popularity\n"
                       "    grid:\n"
                       "      recommender.params.window_hours: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]\n"
                       "      recommender.params.decay: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]\n"
                       "      recommender.params.mode: [all_time, windowed]\n"
                       "  - {name: small, cases: [{recommender: random}, {recommender: popularity}]}\n")) ==
        Errors{"10:3 sweep: 291 arms in all: 1 under arms, 288 from sweep 'big' (16 x 9 x 2 values) and 2 from "
               "sweep 'small' (2 cases); at most 256 arms are allowed; use fewer values or cases, or split the "
               "scenario into several"});
  // 256 is allowed.
  std::string values;
  for (int i = 1; i <= 128; ++i) values += (i == 1 ? "" : ", ") + std::to_string(i);
  CHECK(resolve_text(with("sweep:\n  - name: edge\n    recommender: popularity\n    grid:\n"
                          "      recommender.params.window_hours: [" + values + "]\n"
                          "      recommender.params.mode: [all_time, windowed]\n"))
            .arms.size() == 256);
}

TEST_CASE("a resolved configuration lists the generated arms and re-loads to the same arms", "[scenario]") {
  const Scenario first = resolve_text(with("arms:\n  - {name: base, recommender: popularity}\n"
                                           "sweep:\n"
                                           "  - name: d\n"
                                           "    recommender: popularity\n"
                                           "    pricing_policy: {name: fixed_discount, params: {max_intent: 0.5}}\n"
                                           "    grid: {pricing_policy.params.discount: [0.05, 0.1]}\n"
                                           "  - name: r\n"
                                           "    cases: [{recommender: random}, {recommender: popularity, "
                                           "recommender.params.decay: 0.25}]\n"));
  const YAML::Node resolved = YAML::Load(first.resolved_yaml);
  CHECK_FALSE(resolved["sweep"].IsDefined());
  REQUIRE(resolved["arms"].size() == 5);
  CHECK(resolved["arms"][0]["sweep"].as<std::string>().empty());
  CHECK(resolved["arms"][2]["name"].as<std::string>() == "d-discount-0p1");
  CHECK(resolved["arms"][2]["sweep"].as<std::string>() == "d");
  CHECK(first.resolved_yaml.find("  - name: d-discount-0p1\n"
                                 "    recommender: {name: popularity, params: {decay: 0.9, window_hours: 24, mode: "
                                 "all_time}}\n"
                                 "    intent_model: {name: none, params: {}}\n"
                                 "    pricing_policy: {name: fixed_discount, params: {discount: 0.1, max_intent: 0.5, "
                                 "round_prices: false}}\n"
                                 "    sweep: d\n") != std::string::npos);

  const Scenario again = resolve_file(write_scenario(first.resolved_yaml, "elsewhere/resolved.yaml"));
  REQUIRE(again.arms.size() == first.arms.size());
  for (std::size_t i = 0; i < first.arms.size(); ++i) {
    const ArmConfig& a = first.arms[i];
    const ArmConfig& b = again.arms[i];
    INFO(a.name);
    CHECK(a.name == b.name);
    CHECK(a.sweep == b.sweep);
    for (const auto slot : {&ArmConfig::recommender, &ArmConfig::intent_model, &ArmConfig::pricing_policy}) {
      CHECK((a.*slot).name == (b.*slot).name);
      REQUIRE((a.*slot).params.entries().size() == (b.*slot).params.entries().size());
      for (std::size_t p = 0; p < (a.*slot).params.entries().size(); ++p) {
        CHECK((a.*slot).params.entries()[p].number == (b.*slot).params.entries()[p].number);
        CHECK((a.*slot).params.entries()[p].choice == (b.*slot).params.entries()[p].choice);
      }
    }
  }
  CHECK(again.resolved_yaml == first.resolved_yaml);
}

TEST_CASE("sweep keys, grid paths and case values are reachable with --set", "[scenario]") {
  const std::string yaml = with("sweep:\n"
                                "  - name: d\n"
                                "    recommender: popularity\n"
                                "    pricing_policy: fixed_discount\n"
                                "    grid: {pricing_policy.params.discount: [0.05, 0.1]}\n"
                                "  - name: r\n"
                                "    cases: [{recommender: random}, {recommender: popularity}]\n");
  const Scenario s = resolve_text(yaml, {"sweep.0.name=deep", "sweep.0.grid.pricing_policy.params.discount=[0.3, 0.4]",
                                         "sweep.0.pricing_policy.params.max_intent=0.5",
                                         "sweep.1.cases.1.recommender.params.window_hours=6"});
  CHECK(names_of(s) == Names{"deep-discount-0p3", "deep-discount-0p4", "r-recommender-random",
                             "r-recommender-popularity-window_hours-6"});
  CHECK(s.arms[1].pricing_policy.params.real("discount") == 0.4);
  CHECK(s.arms[1].pricing_policy.params.real("max_intent") == 0.5);
  CHECK(s.arms[3].recommender.params.integer("window_hours") == 6);
  CHECK(errors_of(yaml, {"sweep.0.grid.pricing_policy.params.discount=[0.3, 2]"}) ==
        Errors{"--set sweep[0].grid.pricing_policy.params.discount[1]: 2 is above the maximum 0.9; use a value in "
               "[0, 0.9] (in generated arm 'd-discount-2')"});
}

TEST_CASE("a written arm may carry the sweep label a resolved configuration gives it", "[scenario]") {
  const Scenario s = resolve_text(with("arms:\n  - {name: a, recommender: random, sweep: d}\n"));
  CHECK(s.arms[0].sweep == "d");
}
