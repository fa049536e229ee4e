// Plugin choices in arms: names checked against the slot's kind, params against the plugin's
// ParamSpecs, every declared parameter filled in.
#include "test_scenario_support.hpp"

using namespace promosim;
using namespace promosim::test;

namespace {

/// A valid scenario with one arm whose body (from line 9, indented by four spaces) is `arm`.
std::string with_arm(const std::string& arm) {
  return "name: t\ncatalog: {items: 100}\npopulation: {shoppers: 50}\ntimeline:\n  phases:\n    - {name: p, days: 1}\n"
         "arms:\n  - name: a\n" + arm;
}

using Errors = std::vector<std::string>;

}  // namespace

TEST_CASE("unknown plugins get a did-you-mean and the list of the slot's plugins", "[scenario]") {
  CHECK(errors_of(with_arm("    recommender: popularty\n    intent_model: {name: recency}\n"
                           "    pricing_policy: {name: xyz, params: {anything: 1}}\n")) ==
        Errors{
            "9:18 arms[0].recommender: unknown recommender plugin 'popularty' (did you mean 'popularity'?); "
            "available: popularity, random; `promosim plugins` lists them",
            "10:26 arms[0].intent_model.name: unknown intent_model plugin 'recency'; available: none, "
            "recency_frequency; `promosim plugins` lists them",
            // The params of an unknown plugin are not looked at: their names cannot be checked.
            "11:28 arms[0].pricing_policy.name: unknown pricing_policy plugin 'xyz'; available: fixed_discount, "
            "list_price; `promosim plugins` lists them",
        });
}

TEST_CASE("a plugin in the wrong slot is named as such", "[scenario]") {
  CHECK(errors_of(with_arm("    recommender: fixed_discount\n    pricing_policy: popularity\n")) ==
        Errors{
            "9:18 arms[0].recommender: 'fixed_discount' is a pricing_policy plugin; the recommender slot needs a "
            "recommender (available: popularity, random)",
            "10:21 arms[0].pricing_policy: 'popularity' is a recommender plugin; the pricing_policy slot needs a "
            "pricing_policy (available: fixed_discount, list_price)",
        });
}

TEST_CASE("plugin params are checked by name, type and range", "[scenario]") {
  CHECK(errors_of(with_arm("    recommender:\n      name: popularity\n"
                           "      params: {decy: 0.5, window_hours: 2.5, mode: windowd}\n"
                           "    pricing_policy:\n      name: fixed_discount\n"
                           "      params: {discount: 0.95, round_prices: yes, max_intent: [1]}\n")) ==
        Errors{
            "11:16 arms[0].recommender.params.decy: unknown parameter 'decy' for recommender 'popularity' (did you "
            "mean 'decay'?); use one of: decay, window_hours, mode",
            "11:41 arms[0].recommender.params.window_hours: 2.5 is not a whole number; use an integer in [1, 720]",
            "11:52 arms[0].recommender.params.mode: unknown value 'windowd' (did you mean 'windowed'?); use one of: "
            "all_time, windowed",
            "14:26 arms[0].pricing_policy.params.discount: 0.95 is above the maximum 0.9; use a value in [0, 0.9]",
            "14:46 arms[0].pricing_policy.params.round_prices: 'yes' is not true or false; use true or false",
            "14:63 arms[0].pricing_policy.params.max_intent: found a list where a number is expected; use a number "
            "in [0, 1]",
        });
  CHECK(errors_of(with_arm("    recommender: {name: random, params: {seed: 3}}\n"
                           "    pricing_policy: {name: fixed_discount, params: [0.2]}\n"
                           "    intent_model: {nme: none}\n")) ==
        Errors{
            "9:42 arms[0].recommender.params.seed: unknown parameter 'seed' for recommender 'random'; there are "
            "none, remove it",
            "10:52 arms[0].pricing_policy.params: found a list where a map is expected; use a map of parameters, "
            "e.g. {discount: ...}",
            "11:19 arms[0].intent_model.name: missing required key 'name' (a name of letters, digits, '_' and '-'); "
            "add it",
            "11:20 arms[0].intent_model.nme: unknown key 'nme' (did you mean 'name'?); use one of: name, params",
        });
  CHECK(errors_of(with_arm("    recommender: [popularity]\n")) ==
        Errors{"9:18 arms[0].recommender: found a list where a plugin is expected; use a plugin name or "
               "{name: NAME, params: {...}}"});
}

TEST_CASE("every declared parameter is filled in, in declaration order", "[scenario]") {
  const Scenario s = resolve_text(with_arm("    recommender: {name: popularity, params: {mode: windowed, decay: 1}}\n"
                                           "    pricing_policy: {name: fixed_discount}\n"));
  const auto& rec = s.arms[0].recommender.params.entries();
  REQUIRE(rec.size() == 3);
  CHECK(rec[0].name == "decay");
  CHECK(rec[0].type == ParamType::kReal);
  CHECK(rec[0].number == 1.0);
  CHECK(rec[1].name == "window_hours");
  CHECK(rec[1].type == ParamType::kInteger);
  CHECK(rec[1].number == 24.0);
  CHECK(rec[2].name == "mode");
  CHECK(rec[2].choice == "windowed");
  const ParameterSet& pricing = s.arms[0].pricing_policy.params;
  CHECK(pricing.real("discount") == 0.1);
  CHECK(pricing.real("max_intent") == 1.0);
  CHECK_FALSE(pricing.boolean("round_prices"));
  CHECK(s.resolved_yaml.find("recommender: {name: popularity, params: {decay: 1, window_hours: 24, mode: windowed}}") !=
        std::string::npos);
  CHECK(s.resolved_yaml.find(
            "pricing_policy: {name: fixed_discount, params: {discount: 0.1, max_intent: 1, round_prices: false}}") !=
        std::string::npos);
}
