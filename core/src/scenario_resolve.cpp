#include "scenario_resolve.hpp"

#include <cmath>
#include <filesystem>

#include "did_you_mean.hpp"
#include "scenario_map_reader.hpp"
#include "scenario_plugin_choice.hpp"
#include "scenario_sweep.hpp"
#include "segment_presets.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
std::string absolute_scenario_path(const std::string& scenario_file, const std::string& path) {
  const std::filesystem::path base = std::filesystem::path(scenario_file).parent_path();
  return std::filesystem::absolute(base / path).lexically_normal().string();
}

namespace {

constexpr int kMinutesPerDay = 1440;
/// Tolerance on sums and tick counts computed from decimal YAML numbers.
constexpr double kRoundingSlack = 1e-6;

/// Reports the second and later uses of a name in a list (`names[i]` read from `entries[i]`).
void check_unique(std::vector<ScenarioMapReader>& entries, const std::vector<std::string>& names,
                  const std::string& noun) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (std::size_t j = 0; j < i && entries[i].ok("name"); ++j) {
      if (entries[j].ok("name") && names[j] == names[i]) {
        entries[i].error("name", "duplicate " + noun + " name '" + names[i] + "' (also " + entries[j].path() +
                                     "); give each " + noun + " its own name");
      }
    }
  }
}

/// Reports `key` of `m` if the scenario gives it although a logged population decides it.
void reject_with_logged_population(ScenarioMapReader& m, std::string_view key, const std::string& why) {
  if (!m.given(key)) return;
  m.field(key);  // read, so the error can point at the value
  m.error(key, "not used with population.source: logged (" + why + "); remove it");
}

CatalogConfig read_catalog(ScenarioMapReader m, bool logged_population) {
  CatalogConfig c;
  if (logged_population) {
    reject_with_logged_population(m, "items", "the log's items are the catalog");
  } else {
    c.items = static_cast<std::uint32_t>(m.integer("items"));
  }
  c.categories = static_cast<std::uint32_t>(m.integer("categories"));
  if (!logged_population && m.ok("items") && m.ok("categories") && c.categories > c.items) {
    const std::string items = std::to_string(c.items);
    m.error("categories", std::to_string(c.categories) + " categories" + (m.defaulted("categories") ? " (the default)" : "") +
                              " exceed the " + items + " items; set categories to at most " + items);
  }
  c.factor_dim = static_cast<std::uint32_t>(m.integer("factor_dim"));
  c.price = m.distribution("price");
  c.margin_rate = m.distribution("margin_rate");
  c.category_spread = m.real("category_spread");
  c.quality_sd = m.real("quality_sd");
  c.quality_price_slope = m.real("quality_price_slope");
  c.brands_per_category = static_cast<std::uint32_t>(m.integer("brands_per_category"));
  c.brand_sd = m.real("brand_sd");
  c.stock_per_item = m.real("stock_per_item");
  constexpr std::uint64_t kMaxBrands = 65'535;  // brand ids are 16-bit
  if (m.ok("categories") && m.ok("brands_per_category") &&
      std::uint64_t{c.categories} * c.brands_per_category > kMaxBrands) {
    m.error("brands_per_category", std::to_string(c.categories) + " categories x " +
                                       std::to_string(c.brands_per_category) + " brands exceed " +
                                       std::to_string(kMaxBrands) + " brands; set brands_per_category to at most " +
                                       std::to_string(kMaxBrands / c.categories));
  }
  return c;
}

/// A list entry that names a phase (launches, new shoppers), kept until the timeline is read.
struct PhaseReference {
  ScenarioMapReader entry;
  std::string phase;
};

/// Index of the phase `ref` names (read from its entry's `key`), or 0 after reporting an unknown name.
std::uint16_t phase_index(PhaseReference& ref, const TimelineConfig& timeline, const char* key = "phase") {
  std::vector<std::string> names;
  for (std::size_t p = 0; p < timeline.phases.size(); ++p) {
    if (timeline.phases[p].name == ref.phase) return static_cast<std::uint16_t>(p);
    names.push_back(timeline.phases[p].name);
  }
  if (ref.entry.ok(key) && !names.empty()) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    ref.entry.error(key, "unknown phase '" + ref.phase + "'" + did_you_mean(ref.phase, names) +
                                 "; use one of the timeline's phases: " + list);
  }
  return 0;
}

std::vector<LaunchConfig> read_launches(std::vector<ScenarioMapReader> entries, std::vector<PhaseReference>& refs) {
  std::vector<LaunchConfig> launches;
  for (ScenarioMapReader& e : entries) {
    LaunchConfig l;
    l.items = static_cast<std::uint32_t>(e.integer("items"));
    l.after_days = e.real("after_days");
    std::string phase = e.text("phase");  // read before the copy, which must know it was read
    refs.push_back({e, std::move(phase)});
    launches.push_back(l);
  }
  return launches;
}

void resolve_launch_phases(std::vector<LaunchConfig>& launches, std::vector<PhaseReference>& refs,
                           const TimelineConfig& timeline) {
  for (std::size_t i = 0; i < launches.size(); ++i) {
    launches[i].phase = phase_index(refs[i], timeline);
    if (!refs[i].entry.ok("phase") || !refs[i].entry.ok("after_days") || timeline.phases.empty()) continue;
    const double days = timeline.phases[launches[i].phase].days;
    if (launches[i].after_days >= days) {
      refs[i].entry.error("after_days", format_number(launches[i].after_days) + " days is not inside phase '" +
                                            refs[i].phase + "', which lasts " + format_number(days) +
                                            " days; use a value below " + format_number(days));
    }
  }
}

LoggedPopulationConfig read_population_log(ScenarioMapReader m, const std::string& scenario_file, bool logged) {
  LoggedPopulationConfig log;
  const std::string path = m.text("path");
  if (logged && m.ok("path") && path.empty()) {
    m.error("path", "a logged population needs its log file; set population.log.path (relative to the scenario)");
  }
  log.path = path.empty() ? "" : absolute_scenario_path(scenario_file, path);
  log.format = m.text("format");
  const std::string mapping = m.text("mapping");
  if (logged && log.format == "generic" && m.ok("mapping") && mapping.empty()) {
    m.error("mapping", "format generic needs a column mapping; set population.log.mapping to its YAML file "
                       "(docs/event-log.md)");
  }
  log.mapping = mapping.empty() ? "" : absolute_scenario_path(scenario_file, mapping);
  log.history_share = m.real("history_share");
  log.stretch = m.text("replay") == "stretch";
  return log;
}

PopulationConfig read_population(ScenarioMapReader m, std::vector<PhaseReference>& refs, const std::string& file) {
  PopulationConfig p;
  p.logged = m.text("source") == "logged";
  p.log = read_population_log(m.map("log"), file, p.logged);
  if (!p.logged && !p.log.path.empty()) {
    m.error("log", "a log is only replayed with population.source: logged; set source: logged or remove log.path");
  }
  if (p.logged) {
    reject_with_logged_population(m, "shoppers", "the log's shoppers are the population");
    reject_with_logged_population(m, "history_days", "the log's first history_share is the history");
    reject_with_logged_population(m, "new_shoppers", "the log says when each shopper first comes");
  } else {
    p.shoppers = static_cast<std::uint32_t>(m.integer("shoppers"));
    p.history_days = static_cast<std::uint32_t>(m.integer("history_days"));
  }
  std::vector<ScenarioMapReader> entries = m.list("segments");
  std::vector<std::string> names;
  double share_sum = 0.0;
  bool shares_ok = true;
  for (ScenarioMapReader& e : entries) {
    SegmentConfig s;
    s.name = e.text("name");
    s.share = e.real("share");
    const SegmentPreset* preset = find_segment_preset(e.text("preset"));
    // A key the segment leaves out takes the preset's value, written into the resolved YAML.
    const auto value = [&](const char* key, double SegmentPreset::*field) {
      const double given = e.real(key);
      if (preset == nullptr || !e.defaulted(key)) return given;
      e.out()[key] = format_number(preset->*field);
      return preset->*field;
    };
    s.visit_rate = value("visit_rate", &SegmentPreset::visit_rate);
    s.price_elasticity = value("price_elasticity", &SegmentPreset::price_elasticity);
    s.promotion_sensitivity = value("promotion_sensitivity", &SegmentPreset::promotion_sensitivity);
    s.base_intent = value("base_intent", &SegmentPreset::base_intent);
    s.preference_strength = value("preference_strength", &SegmentPreset::preference_strength);
    s.brand_sensitivity = value("brand_sensitivity", &SegmentPreset::brand_sensitivity);
    s.patience = value("patience", &SegmentPreset::patience);
    names.push_back(s.name);
    share_sum += s.share;
    shares_ok = shares_ok && e.ok("share");
    p.segments.push_back(std::move(s));
  }
  check_unique(entries, names, "segment");
  for (ScenarioMapReader& e : p.logged ? std::vector<ScenarioMapReader>{} : m.list("new_shoppers")) {
    NewShopperConfig n;
    n.shoppers = static_cast<std::uint32_t>(e.integer("shoppers"));
    std::string phase = e.text("phase");
    refs.push_back({e, std::move(phase)});
    p.new_shoppers.push_back(n);
  }
  if (!entries.empty() && shares_ok && std::fabs(share_sum - 1.0) > kRoundingSlack) {
    m.error("segments", "segment shares sum to " + format_number(std::round(share_sum * 1e9) / 1e9) +
                            "; make them sum to 1");
  }
  return p;
}

/// Why a tick of `minutes` does not fit a day, or "".
std::string tick_problem(int minutes) {
  if (kMinutesPerDay % minutes == 0) return "";
  int below = minutes - 1;
  while (kMinutesPerDay % below != 0) --below;
  int above = minutes + 1;
  while (kMinutesPerDay % above != 0) ++above;
  return std::to_string(minutes) + " does not divide a day (1440 minutes); use a divisor of 1440 such as " +
         std::to_string(below) + " or " + std::to_string(above);
}

/// Why `days` is not a whole number of `tick_minutes` ticks, or "".
std::string days_problem(double days, int tick_minutes) {
  const double ticks = days * kMinutesPerDay / tick_minutes;
  if (std::fabs(ticks - std::round(ticks)) <= kRoundingSlack) return "";
  const auto fitting = [&](double count) {
    return "days: " + format_number(count * tick_minutes / kMinutesPerDay) + " (" + format_number(count) +
           (count == 1 ? " tick)" : " ticks)");
  };
  const double below = std::floor(ticks);
  return format_number(days) + " days is " + format_number(std::round(ticks * 1e4) / 1e4) + " ticks of " +
         std::to_string(tick_minutes) + " minutes; use a whole number of ticks, e.g. " +
         (below >= 1 ? fitting(below) + " or " : "") + fitting(below + 1);
}

TimelineConfig read_timeline(ScenarioMapReader m) {
  TimelineConfig t;
  t.tick_minutes = static_cast<std::uint32_t>(m.integer("tick_minutes"));
  if (m.ok("tick_minutes")) {
    if (const std::string problem = tick_problem(static_cast<int>(t.tick_minutes)); !problem.empty()) {
      m.error("tick_minutes", problem);
    }
  }
  t.start_date = m.text("start_date");
  t.start_hour = static_cast<std::uint32_t>(m.integer("start_hour"));
  t.hourly_traffic = m.reals("hourly_traffic");
  if (m.ok("hourly_traffic") && t.hourly_traffic.size() != 24) {
    m.error("hourly_traffic", std::to_string(t.hourly_traffic.size()) +
                                  " numbers given; give 24, one per hour of the day from 00:00");
  }
  std::vector<ScenarioMapReader> entries = m.list("phases");
  std::vector<std::string> names;
  for (ScenarioMapReader& e : entries) {
    PhaseConfig phase;
    phase.name = e.text("name");
    phase.days = e.real("days");
    if (m.ok("tick_minutes") && e.ok("days")) {
      if (const std::string problem = days_problem(phase.days, static_cast<int>(t.tick_minutes)); !problem.empty()) {
        e.error("days", problem);
      }
    }
    phase.traffic = e.real("traffic");
    phase.price_sensitivity = e.real("price_sensitivity");
    phase.promotion_sensitivity = e.real("promotion_sensitivity");
    phase.peak = e.text("peak") == "true";
    phase.pre_heat = e.text("pre_heat") == "true";
    phase.opening_surge = e.real("opening_surge");
    phase.surge_hours = e.real("surge_hours");
    names.push_back(phase.name);
    t.phases.push_back(std::move(phase));
  }
  check_unique(entries, names, "phase");
  for (ScenarioMapReader& e : m.list("flash_sales")) {
    FlashSaleConfig sale;
    std::string phase = e.text("phase");  // read before the copy, which must know it was read
    PhaseReference ref{e, std::move(phase)};
    sale.phase = phase_index(ref, t);
    sale.after_hours = e.real("after_hours");
    sale.hours = e.real("hours");
    sale.items = static_cast<std::uint32_t>(e.integer("items"));
    sale.discount = e.real("discount");
    sale.stock = static_cast<std::uint32_t>(e.integer("stock"));
    sale.reach = e.real("reach");
    if (e.ok("phase") && e.ok("after_hours") && !t.phases.empty() && sale.after_hours >= 24.0 * t.phases[sale.phase].days) {
      e.error("after_hours", format_number(sale.after_hours) + " hours is not inside phase '" + ref.phase +
                                 "', which lasts " + format_number(24.0 * t.phases[sale.phase].days) +
                                 " hours; use a smaller value");
    }
    t.flash_sales.push_back(sale);
  }
  for (ScenarioMapReader& e : m.list("coupon_drops")) {
    CouponDropConfig drop;
    std::string phase = e.text("phase");
    PhaseReference ref{e, std::move(phase)};
    drop.phase = phase_index(ref, t);
    drop.after_hours = e.real("after_hours");
    drop.share = e.real("share");
    drop.threshold = e.real("threshold");
    drop.value = e.real("value");
    drop.valid_hours = e.real("valid_hours");
    drop.visit_lift = e.real("visit_lift");
    if (e.ok("value") && e.ok("threshold") && drop.value >= drop.threshold) {
      e.error("value", format_number(drop.value) + " off is not below the threshold " + format_number(drop.threshold) +
                           "; use a value below the threshold");
    }
    t.coupon_drops.push_back(drop);
  }
  for (ScenarioMapReader& e : m.list("presales")) {
    PresaleConfig presale;
    std::string deposit_phase = e.text("deposit_phase");
    std::string balance_phase = e.text("balance_phase");
    // Each phase name is checked through its own reference, so an error points at its key.
    PhaseReference deposit_ref{e, std::move(deposit_phase)};
    presale.deposit_phase = phase_index(deposit_ref, t, "deposit_phase");
    PhaseReference balance_ref{e, std::move(balance_phase)};
    presale.balance_phase = phase_index(balance_ref, t, "balance_phase");
    presale.items = static_cast<std::uint32_t>(e.integer("items"));
    presale.price_cut = e.real("price_cut");
    presale.deposit = e.real("deposit");
    presale.balance_rate = e.real("balance_rate");
    presale.reach = e.real("reach");
    if (e.ok("deposit_phase") && e.ok("balance_phase") && presale.balance_phase <= presale.deposit_phase) {
      e.error("balance_phase", "balance phase '" + balance_ref.phase + "' does not come after deposit phase '" +
                                   deposit_ref.phase + "'; name a later phase");
    }
    t.presales.push_back(presale);
  }
  return t;
}

BehaviourConfig read_behaviour(ScenarioMapReader m) {
  BehaviourConfig b;
  b.slate_size = static_cast<std::uint32_t>(m.integer("slate_size"));
  b.position_decay = m.real("position_decay");
  b.click_bias = m.real("click_bias");
  b.cart_bias = m.real("cart_bias");
  b.discount_click_weight = m.real("discount_click_weight");
  b.intent_sd = m.real("intent_sd");
  b.anticipation_days = m.real("anticipation_days");
  b.waiting_strength = m.real("waiting_strength");
  b.satiation = m.real("satiation");
  b.satiation_half_life_days = m.real("satiation_half_life_days");
  b.cart_ahead_conversion = m.real("cart_ahead_conversion");
  b.reference_half_life_days = m.real("reference_half_life_days");
  b.padding_reach = m.real("padding_reach");
  b.padding_probability = m.real("padding_probability");
  b.coupon_fatigue = m.real("coupon_fatigue");
  b.fatigue_half_life_days = m.real("fatigue_half_life_days");
  b.churn_per_visit = m.real("churn_per_visit");
  b.purchase_return_boost = m.real("purchase_return_boost");
  return b;
}

/// Index of `name` among `names` (-1 for ""), reporting an unknown name at `key`.
int named_index(ScenarioMapReader& entry, const char* key, const std::string& name, const std::vector<std::string>& names,
                const char* noun) {
  if (name.empty()) return -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  if (entry.ok(key) && !names.empty()) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    entry.error(key, "unknown " + std::string(noun) + " '" + name + "'" + did_you_mean(name, names) + "; use one of: " +
                         list + ", or leave it empty for all");
  }
  return -1;
}

std::vector<BudgetPoolConfig> read_pools(std::vector<ScenarioMapReader> entries, const TimelineConfig& timeline,
                                         const PopulationConfig& population) {
  std::vector<std::string> phases, segments;
  for (const PhaseConfig& p : timeline.phases) phases.push_back(p.name);
  for (const SegmentConfig& s : population.segments) segments.push_back(s.name);
  std::vector<BudgetPoolConfig> pools;
  for (ScenarioMapReader& e : entries) {
    BudgetPoolConfig pool;
    pool.phase = named_index(e, "phase", e.text("phase"), phases, "phase");
    pool.segment = named_index(e, "segment", e.text("segment"), segments, "segment");
    pool.amount = e.real("amount");
    pools.push_back(pool);
  }
  return pools;
}

std::vector<ArmConfig> read_arms(std::vector<ScenarioMapReader> entries, const PluginLookup& plugins) {
  std::vector<ArmConfig> arms;
  std::vector<std::string> names;
  for (ScenarioMapReader& e : entries) {
    ArmConfig arm;
    arm.name = e.text("name");
    arm.recommender = read_plugin_choice(e, "recommender", PluginKind::kRecommender, plugins);
    arm.intent_model = read_plugin_choice(e, "intent_model", PluginKind::kIntentModel, plugins);
    arm.pricing_policy = read_plugin_choice(e, "pricing_policy", PluginKind::kPricingPolicy, plugins);
    arm.sweep = e.text("sweep");
    names.push_back(arm.name);
    arms.push_back(std::move(arm));
  }
  check_unique(entries, names, "arm");
  return arms;
}

OutputConfig read_output(ScenarioMapReader m, const std::string& scenario_name) {
  OutputConfig o;
  o.path = m.text("path");
  if (const std::size_t at = o.path.find("<name>"); at != std::string::npos) {
    o.path.replace(at, 6, scenario_name);
    if (m.ok("path")) m.out()["path"] = o.path;
  }
  o.metrics_by = m.text("metrics_by");
  o.event_sample = m.real("event_sample");
  o.oracle_sample = m.real("oracle_sample");
  return o;
}

}  // namespace


Scenario resolve_scenario(const std::string& file, const YAML::Node& root,
                          const std::vector<std::string>& override_paths, const PluginLookup& plugins) {
  ScenarioDiagnostics diagnostics(file, override_paths);
  YAML::Node out(YAML::NodeType::Map);
  // An empty file has no mark; its problems are located at its start.
  const YAML::Mark start = root.Mark().is_null() ? YAML::Mark() : root.Mark();
  ScenarioMapReader top(diagnostics, root, start, false, "", "", out);

  Scenario s;
  s.source_path = file;
  s.name = top.text("name");
  s.description = top.text("description");
  s.seed = static_cast<std::uint64_t>(top.integer("seed"));
  s.replicates = static_cast<std::uint32_t>(top.integer("replicates"));
  s.shards = static_cast<std::uint32_t>(top.integer("shards"));
  for (const std::string& folder : top.texts("plugin_paths")) {
    s.plugin_paths.push_back(absolute_scenario_path(file, folder));
  }
  if (top.ok("plugin_paths")) {
    YAML::Node folders(YAML::NodeType::Sequence);
    for (const std::string& folder : s.plugin_paths) folders.push_back(folder);
    folders.SetStyle(YAML::EmitterStyle::Flow);
    top.out()["plugin_paths"] = folders;
  }
  ScenarioMapReader catalog = top.map("catalog");
  // The population's source decides whether the catalog's size is given; peek at it first.
  bool logged_population = false;
  if (root.IsMap()) {
    const YAML::Node population = root["population"];
    if (population.IsDefined() && population.IsMap()) {
      const YAML::Node source = population["source"];
      logged_population = source.IsDefined() && source.IsScalar() && source.Scalar() == "logged";
    }
  }
  s.catalog = read_catalog(catalog, logged_population);
  std::vector<PhaseReference> launch_phases, new_shopper_phases;
  s.catalog.launches = read_launches(catalog.list("launches"), launch_phases);
  s.population = read_population(top.map("population"), new_shopper_phases, file);
  s.timeline = read_timeline(top.map("timeline"));
  resolve_launch_phases(s.catalog.launches, launch_phases, s.timeline);
  for (std::size_t i = 0; i < s.population.new_shoppers.size(); ++i) {
    s.population.new_shoppers[i].phase = phase_index(new_shopper_phases[i], s.timeline);
  }
  ScenarioMapReader budget = top.map("budget");
  s.discount_budget = budget.real("discount");
  s.per_shopper_budget = budget.real("per_shopper");
  s.budget_pools = read_pools(budget.list("pools"), s.timeline, s.population);
  s.behaviour = read_behaviour(top.map("behaviour"));
  s.arms = read_arms(top.list("arms"), plugins);
  for (ArmConfig& arm : read_sweeps(top, s.arms, plugins)) s.arms.push_back(std::move(arm));
  // The generated arms are listed under arms, so a stored run re-loads to the same arms; the
  // sweep would generate them a second time.
  out.remove("sweep");
  s.output = read_output(top.map("output"), s.name);
  diagnostics.throw_if_any();

  YAML::Emitter emitter;
  emitter << out;
  s.resolved_yaml = std::string(emitter.c_str()) + "\n";
  return s;
}

}  // namespace promosim
