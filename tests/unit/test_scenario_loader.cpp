// ScenarioLoader on valid scenarios: defaults, resolved YAML round trip, overrides.
#include <cmath>
#include <filesystem>

#include "scenario_schema.hpp"
#include "test_scenario_support.hpp"

using namespace promosim;
using namespace promosim::test;

namespace {

constexpr const char* kMinimal = R"(name: minimal
catalog: {items: 100}
population: {shoppers: 50}
timeline:
  phases:
    - {name: only, days: 1}
arms:
  - {name: a, recommender: random}
)";

void check_same_params(const ParameterSet& a, const ParameterSet& b) {
  REQUIRE(a.entries().size() == b.entries().size());
  for (std::size_t i = 0; i < a.entries().size(); ++i) {
    const ParameterSet::Entry& x = a.entries()[i];
    const ParameterSet::Entry& y = b.entries()[i];
    CHECK(x.name == y.name);
    CHECK(x.type == y.type);
    CHECK(x.number == y.number);
    CHECK(x.choice == y.choice);
  }
}

void check_same_choice(const PluginChoice& a, const PluginChoice& b) {
  CHECK(a.name == b.name);
  check_same_params(a.params, b.params);
}

void check_same_distribution(const Distribution& a, const Distribution& b) {
  CHECK(a.family == b.family);
  CHECK(a.a == b.a);
  CHECK(a.b == b.b);
}

/// Every field of two scenarios, except source_path, compared exactly.
void check_same_scenario(const Scenario& a, const Scenario& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CHECK(a.seed == b.seed);
  CHECK(a.replicates == b.replicates);
  CHECK(a.shards == b.shards);
  CHECK(a.discount_budget == b.discount_budget);
  CHECK(a.plugin_paths == b.plugin_paths);
  CHECK(a.catalog.items == b.catalog.items);
  CHECK(a.catalog.categories == b.catalog.categories);
  CHECK(a.catalog.factor_dim == b.catalog.factor_dim);
  check_same_distribution(a.catalog.price, b.catalog.price);
  check_same_distribution(a.catalog.margin_rate, b.catalog.margin_rate);
  CHECK(a.catalog.category_spread == b.catalog.category_spread);
  CHECK(a.catalog.quality_sd == b.catalog.quality_sd);
  CHECK(a.population.shoppers == b.population.shoppers);
  CHECK(a.population.history_days == b.population.history_days);
  REQUIRE(a.population.segments.size() == b.population.segments.size());
  for (std::size_t i = 0; i < a.population.segments.size(); ++i) {
    const SegmentConfig& x = a.population.segments[i];
    const SegmentConfig& y = b.population.segments[i];
    CHECK(x.name == y.name);
    CHECK(x.share == y.share);
    CHECK(x.visit_rate == y.visit_rate);
    CHECK(x.price_elasticity == y.price_elasticity);
    CHECK(x.promotion_sensitivity == y.promotion_sensitivity);
    CHECK(x.base_intent == y.base_intent);
    CHECK(x.preference_strength == y.preference_strength);
  }
  CHECK(a.timeline.tick_minutes == b.timeline.tick_minutes);
  CHECK(a.timeline.start_date == b.timeline.start_date);
  REQUIRE(a.timeline.phases.size() == b.timeline.phases.size());
  for (std::size_t i = 0; i < a.timeline.phases.size(); ++i) {
    const PhaseConfig& x = a.timeline.phases[i];
    const PhaseConfig& y = b.timeline.phases[i];
    CHECK(x.name == y.name);
    CHECK(x.days == y.days);
    CHECK(x.traffic == y.traffic);
    CHECK(x.price_sensitivity == y.price_sensitivity);
    CHECK(x.promotion_sensitivity == y.promotion_sensitivity);
  }
  CHECK(a.behaviour.slate_size == b.behaviour.slate_size);
  CHECK(a.behaviour.position_decay == b.behaviour.position_decay);
  CHECK(a.behaviour.click_bias == b.behaviour.click_bias);
  CHECK(a.behaviour.cart_bias == b.behaviour.cart_bias);
  CHECK(a.behaviour.discount_click_weight == b.behaviour.discount_click_weight);
  CHECK(a.behaviour.intent_sd == b.behaviour.intent_sd);
  REQUIRE(a.arms.size() == b.arms.size());
  for (std::size_t i = 0; i < a.arms.size(); ++i) {
    CHECK(a.arms[i].name == b.arms[i].name);
    check_same_choice(a.arms[i].recommender, b.arms[i].recommender);
    check_same_choice(a.arms[i].intent_model, b.arms[i].intent_model);
    check_same_choice(a.arms[i].pricing_policy, b.arms[i].pricing_policy);
  }
  CHECK(a.output.path == b.output.path);
  CHECK(a.output.metrics_by == b.output.metrics_by);
  CHECK(a.output.event_sample == b.output.event_sample);
  CHECK(a.resolved_yaml == b.resolved_yaml);
}

}  // namespace

TEST_CASE("a full scenario resolves with the given values and defaults filled in", "[scenario]") {
  const std::string path = fixture("full.yaml");
  const Scenario s = resolve_file(path);
  CHECK(s.name == "full");
  CHECK(s.description == "all sections: given, some keys defaulted\n");
  CHECK(s.source_path == path);
  CHECK(s.seed == 12345678901234ULL);
  CHECK(s.replicates == 2);
  CHECK(s.shards == 64);
  const std::filesystem::path folder = std::filesystem::absolute(std::filesystem::path(path).parent_path());
  CHECK(s.plugin_paths == std::vector<std::string>{(folder / "plugins").string(), "/opt/promosim/plugins"});

  CHECK(s.catalog.items == 500);
  CHECK(s.catalog.categories == 12);
  CHECK(s.catalog.factor_dim == 8);
  CHECK(s.catalog.price.family == Distribution::Family::kUniform);
  CHECK(s.catalog.price.a == 5.0);
  CHECK(s.catalog.price.b == 50.0);
  CHECK(s.catalog.margin_rate.family == Distribution::Family::kConstant);
  CHECK(s.catalog.margin_rate.a == 0.3);
  CHECK(s.catalog.category_spread == 0.5);
  CHECK(s.catalog.quality_sd == 0.25);
  CHECK(s.catalog.brands_per_category == 3);
  CHECK(s.catalog.brand_sd == 0.3);
  REQUIRE(s.catalog.launches.size() == 1);
  CHECK(s.catalog.launches[0].items == 40);
  CHECK(s.catalog.launches[0].phase == 1);
  CHECK(s.catalog.launches[0].after_days == 0.25);

  CHECK(s.population.shoppers == 1000);
  CHECK(s.population.history_days == 2);
  REQUIRE(s.population.new_shoppers.size() == 1);
  CHECK(s.population.new_shoppers[0].shoppers == 100);
  CHECK(s.population.new_shoppers[0].phase == 0);
  REQUIRE(s.population.segments.size() == 2);
  const SegmentConfig& hunters = s.population.segments[0];
  CHECK(hunters.name == "hunters");
  CHECK(hunters.share == 0.25);
  CHECK(hunters.visit_rate == 0.3);
  CHECK(hunters.price_elasticity == 2.5);
  CHECK(hunters.promotion_sensitivity == 1.0);
  CHECK(hunters.base_intent == 0.3);
  CHECK(hunters.preference_strength == 1.0);
  CHECK(s.population.segments[1].visit_rate == 0.5);
  CHECK(s.population.segments[1].base_intent == 0.4);
  CHECK(s.population.segments[1].price_elasticity == 1.5);

  CHECK(s.timeline.tick_minutes == 30);
  CHECK(s.timeline.start_date == "2026-11-04");
  REQUIRE(s.timeline.phases.size() == 2);
  CHECK(s.timeline.phases[0].name == "warm_up");
  CHECK(s.timeline.phases[0].days == 2.0);
  CHECK(s.timeline.phases[0].traffic == 1.0);
  CHECK(s.timeline.phases[1].days == 0.5);
  CHECK(s.timeline.phases[1].traffic == 4.0);
  CHECK(s.timeline.phases[1].price_sensitivity == 1.0);
  CHECK(s.timeline.phases[1].promotion_sensitivity == 1.5);

  CHECK(s.discount_budget == 2500.5);
  CHECK(s.behaviour.slate_size == 8);
  CHECK(s.behaviour.position_decay == 0.85);
  CHECK(s.behaviour.click_bias == -2.0);
  CHECK(s.behaviour.cart_bias == -3.0);
  CHECK(s.behaviour.discount_click_weight == 2.0);
  CHECK(s.behaviour.intent_sd == 1.0);

  REQUIRE(s.arms.size() == 2);
  const ArmConfig& baseline = s.arms[0];
  CHECK(baseline.name == "baseline");
  CHECK(baseline.recommender.name == "popularity");
  CHECK(baseline.recommender.params.real("decay") == 0.9);
  CHECK(baseline.recommender.params.integer("window_hours") == 24);
  CHECK(baseline.recommender.params.choice("mode") == "all_time");
  CHECK(baseline.intent_model.name == "none");
  CHECK(baseline.intent_model.params.entries().empty());
  CHECK(baseline.pricing_policy.name == "list_price");
  const ArmConfig& discounted = s.arms[1];
  CHECK(discounted.recommender.params.integer("window_hours") == 12);
  CHECK(discounted.recommender.params.choice("mode") == "windowed");
  CHECK(discounted.intent_model.name == "recency_frequency");
  CHECK(discounted.pricing_policy.name == "fixed_discount");
  CHECK(discounted.pricing_policy.params.real("discount") == 0.2);
  CHECK(discounted.pricing_policy.params.real("max_intent") == 1.0);
  CHECK(discounted.pricing_policy.params.boolean("round_prices"));
  // Every declared parameter, in declaration order, whatever order the YAML gave them in.
  std::vector<std::string> names;
  for (const auto& e : discounted.recommender.params.entries()) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"decay", "window_hours", "mode"});

  CHECK(s.output.path == "results/full.db");
  CHECK(s.output.metrics_by == "day");
  CHECK(s.output.event_sample == 0.1);
}

TEST_CASE("a minimal scenario takes every declared default", "[scenario]") {
  const Scenario s = resolve_text(kMinimal);
  CHECK(s.seed == 1);
  CHECK(s.replicates == 3);
  CHECK(s.shards == 64);
  CHECK(s.description.empty());
  CHECK(s.plugin_paths.empty());
  CHECK(s.catalog.categories == 20);
  CHECK(s.catalog.price.family == Distribution::Family::kLognormal);
  CHECK(s.catalog.price.a == 100.0);
  CHECK(s.catalog.price.b == 0.8);
  CHECK(s.catalog.margin_rate.family == Distribution::Family::kUniform);
  CHECK(s.catalog.margin_rate.a == 0.15);
  CHECK(s.catalog.margin_rate.b == 0.45);
  CHECK(s.population.history_days == 7);
  REQUIRE(s.population.segments.size() == 1);
  CHECK(s.population.segments[0].name == "everyone");
  CHECK(s.population.segments[0].share == 1.0);
  CHECK(s.population.segments[0].visit_rate == 0.3);
  CHECK(s.timeline.tick_minutes == 60);
  CHECK(s.timeline.start_date.empty());
  CHECK(std::isinf(s.discount_budget));
  CHECK(s.behaviour.slate_size == 10);
  CHECK(s.behaviour.click_bias == -4.3);
  CHECK(s.arms[0].intent_model.name == "none");
  CHECK(s.arms[0].pricing_policy.name == "list_price");
  CHECK(s.output.path == "results/minimal.db");
  CHECK(s.output.metrics_by == "tick");
  CHECK(s.output.event_sample == 0.0);
}

TEST_CASE("resolved_yaml writes every key and re-loads to an identical scenario", "[scenario]") {
  for (const std::string& path : {fixture("full.yaml"), write_scenario(kMinimal)}) {
    INFO(path);
    const Scenario first = resolve_file(path);
    // Stored elsewhere, as a run's configuration is: plugin folders are already absolute.
    const Scenario again = resolve_file(write_scenario(first.resolved_yaml, "elsewhere/resolved.yaml"));
    check_same_scenario(first, again);

    const YAML::Node resolved = YAML::Load(first.resolved_yaml);
    CHECK_FALSE(resolved["sweep"].IsDefined());  // sweeps are written out as the arms they generate
    for (const KeySpec& spec : scenario_keys()) {
      if (std::string_view(spec.path).starts_with("sweep")) continue;
      // Walk the key's path through the first list entry and the arm's recommender slot; full.yaml
      // gives every list an entry.
      YAML::Node node = resolved;
      std::string rest = spec.path;
      for (std::size_t dot = 0; dot != std::string::npos && node.IsDefined();) {
        dot = rest.find('.');
        std::string key = rest.substr(0, dot);
        rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
        if (key == "<slot>") key = "recommender";
        const bool entry = key.ends_with("[]");
        node.reset(node[key.substr(0, entry ? key.size() - 2 : key.size())]);
        if (entry && node.IsSequence() && node.size() == 0) break;  // an empty list (its default) has no entry to walk
        if (entry) node.reset(node[0]);
      }
      INFO("declared key " << spec.path);
      CHECK(node.IsDefined());
    }
  }
}

TEST_CASE("overrides change nested values and list entries", "[scenario]") {
  const Scenario s = resolve_file(fixture("full.yaml"), {"catalog.items=800", "arms.1.pricing_policy.params.discount=0.3",
                                                         "population.segments.0.share=0.5",
                                                         "population.segments.1.share=0.5",
                                                         "arms.0.recommender={name: popularity, params: {decay: 0.5}}",
                                                         "budget.discount=unlimited", "shards=8"});
  CHECK(s.catalog.items == 800);
  CHECK(s.arms[1].pricing_policy.params.real("discount") == 0.3);
  CHECK(s.population.segments[0].share == 0.5);
  CHECK(s.arms[0].recommender.params.real("decay") == 0.5);
  CHECK(std::isinf(s.discount_budget));
  CHECK(s.shards == 8);
  // A key the file does not have, inside a map the file does not have.
  const Scenario created = resolve_text(kMinimal, {"behaviour.slate_size=4", "output.path=out/x.db"});
  CHECK(created.behaviour.slate_size == 4);
  CHECK(created.output.path == "out/x.db");
  // A parameter of a plugin the file chose by bare name.
  CHECK(resolve_file(fixture("full.yaml"), {"arms.0.recommender.params.decay=0.25"})
            .arms[0]
            .recommender.params.real("decay") == 0.25);
}

TEST_CASE("malformed overrides are all reported at --set", "[scenario]") {
  CHECK(errors_of(kMinimal, {"seed", "arms.3.name=b", "catalog..items=5", "seed=[1,", "name.first=x", "=3"}) ==
        std::vector<std::string>{
            "--set seed: 'seed' is not path=value; write e.g. --set seed=7 or --set arms.0.name=base",
            "--set arms[3]: arms has 1 entry; use an index from 0 to 0, e.g. arms.0",
            "--set catalog..items: empty key in 'catalog..items'; separate keys with single dots, e.g. catalog.items",
            "--set seed: the value '[1,' is not valid YAML (end of sequence flow not found); quote it or fix it, "
            "e.g. --set 'name=\"a: b\"'",
            "--set name.first: cannot set 'first' inside name, which is a single value; set name as a whole "
            "instead, e.g. --set 'name={...}'",
            "--set =3: '=3' is not path=value; write e.g. --set seed=7 or --set arms.0.name=base",
        });
}

TEST_CASE("an invalid value set by an override is located at --set", "[scenario]") {
  const std::string path = write_scenario(kMinimal);
  try {
    resolve_file(path, {"replicates=0", "arms.0.recommender=popularty"});
    FAIL("resolved");
  } catch (const ScenarioError& e) {
    CHECK(std::string(e.what()) ==
          path + ":--set: replicates: 0 is below the minimum 1; use a value in [1, 1000]\n" + path +
              ":--set: arms[0].recommender: unknown recommender plugin 'popularty' (did you mean 'popularity'?); "
              "available: popularity, random; `promosim plugins` lists them\n2 errors in " + path);
  }
}

TEST_CASE("plugin_paths are available, absolute, before resolving", "[scenario]") {
  const std::string path = write_scenario("plugin_paths: [mine, ../theirs, /abs]\n", "sub/s.yaml");
  const std::filesystem::path folder = std::filesystem::absolute(scratch_folder() / "sub");
  CHECK(ScenarioLoader(path, {}).plugin_paths() ==
        std::vector<std::string>{(folder / "mine").string(), (scratch_folder() / "theirs").string(), "/abs"});
  CHECK(ScenarioLoader(write_scenario("plugin_paths: 3\n"), {}).plugin_paths().empty());
  CHECK(ScenarioLoader(write_scenario("name: x\n"), {}).plugin_paths().empty());
}

TEST_CASE("unreadable and malformed files are reported with their location", "[scenario]") {
  const std::string missing = (scratch_folder() / "missing.yaml").string();
  CHECK_THROWS_WITH(ScenarioLoader(missing, {}),
                    missing + ": cannot read the scenario file (No such file or directory); check the path\n"
                              "1 error in " + missing);
  const std::string bad = write_scenario("name: x\nseed: 1\n  bad: 2\n");
  try {
    ScenarioLoader(bad, {});
    FAIL("parsed");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].line == 3);
    CHECK(e.diagnostics()[0].column == 6);
    CHECK(e.diagnostics()[0].message ==
          "malformed YAML: illegal map value; fix the syntax here (indentation, brackets, quotes)");
  }
  const std::string empty = write_scenario(" \n");
  CHECK_THROWS_WITH(ScenarioLoader(empty, {}),
                    empty + ": the scenario file is empty; start from scenarios/quickstart.yaml\n1 error in " + empty);
  // A file with only a comment is not empty: every required key is reported missing.
  CHECK(errors_of("# nothing yet\n") == std::vector<std::string>{
                             "1:1 name: missing required key 'name' (a name of letters, digits, '_' and '-'); add it",
                             "1:1 catalog: missing required key 'catalog' (a map of keys); add it",
                             "1:1 population: missing required key 'population' (a map of keys); add it",
                             "1:1 timeline: missing required key 'timeline' (a map of keys); add it",
                             "1:1 arms: no arms and no sweep; add a list of arms, or a sweep that generates them",
                         });
}

TEST_CASE("a segment preset fills the keys the segment leaves out; given keys win", "[scenario]") {
  const Scenario s = resolve_text(
      "name: presets\ncatalog: {items: 100}\npopulation:\n  shoppers: 10\n  segments:\n"
      "    - {name: hunters, share: 0.5, preset: bargain_hunter, base_intent: 0.3}\n"
      "    - {name: plain, share: 0.5}\n"
      "timeline: {phases: [{name: p, days: 1}]}\narms: [{name: a, recommender: random}]\n");
  const SegmentConfig& hunters = s.population.segments[0];
  CHECK(hunters.price_elasticity == 2.5);  // the preset's
  CHECK(hunters.promotion_sensitivity == 2.0);
  CHECK(hunters.patience == 1.5);
  CHECK(hunters.base_intent == 0.3);  // given
  const SegmentConfig& plain = s.population.segments[1];
  CHECK(plain.price_elasticity == 1.5);  // the schema default
  CHECK(plain.patience == 1.0);
  // The resolved YAML says what was used, so a stored run re-loads to the same values.
  const YAML::Node resolved = YAML::Load(s.resolved_yaml);
  CHECK(resolved["population"]["segments"][0]["price_elasticity"].as<double>() == 2.5);
  CHECK(resolved["population"]["segments"][0]["base_intent"].as<double>() == 0.3);
}
