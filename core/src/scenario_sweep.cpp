#include "scenario_sweep.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "did_you_mean.hpp"
#include "parameter_defaults.hpp"
#include "scenario_plugin_choice.hpp"
#include "scenario_schema.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

struct Slot {
  const char* key;
  PluginKind kind;
  PluginChoice ArmConfig::*member;
};
constexpr std::array<Slot, 3> kSlots{{
    {"recommender", PluginKind::kRecommender, &ArmConfig::recommender},
    {"intent_model", PluginKind::kIntentModel, &ArmConfig::intent_model},
    {"pricing_policy", PluginKind::kPricingPolicy, &ArmConfig::pricing_policy},
}};

std::vector<std::string> slot_keys() {
  std::vector<std::string> keys;
  for (const Slot& slot : kSlots) keys.emplace_back(slot.key);
  return keys;
}

/// One value that a grid combination or a case sets in its arms, and where it was written.
struct SweepValue {
  std::size_t slot = 0;    ///< index into kSlots
  std::string param;       ///< "" when the value chooses the slot's plugin
  YAML::Node value;        ///< a scalar, once checked
  YAML::Mark key_mark;     ///< where an undeclared parameter is reported
  YAML::Mark value_mark;   ///< where a bad value is reported
  std::string key_path;    ///< "sweep[0].grid.pricing_policy.params.discount"
  std::string value_path;  ///< "sweep[0].grid.pricing_policy.params.discount[2]"
  std::string label;       ///< its part of the arm names: "discount-0p05"
};

/// The slot and parameter an arm path names ("pricing_policy.params.discount"), or why it names none.
struct ArmPath {
  std::size_t slot = 0;
  std::string param;    ///< "" for the plugin choice
  std::string problem;  ///< cause and fix; "" for a valid path
};

ArmPath parse_arm_path(const std::string& text) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  ArmPath path;
  const std::vector<std::string> slots = slot_keys();
  const auto slot = std::find(slots.begin(), slots.end(), parts[0]);
  if (slot == slots.end()) {
    path.problem = "unknown slot '" + parts[0] + "' in arm path '" + text + "'" + did_you_mean(parts[0], slots) +
                   "; a path starts with one of: " + join(slots);
    return path;
  }
  path.slot = static_cast<std::size_t>(slot - slots.begin());
  if (parts.size() == 1) return path;
  if (parts.size() == 3 && parts[1] == "params" && !parts[2].empty()) {
    path.param = parts[2];
    return path;
  }
  // "pricing_policy.discount" most likely means the parameter: suggest it by name.
  const bool named = parts.size() == 2 && !parts[1].empty() && parts[1] != "params" && parts[1] != "name";
  path.problem = "'" + text + "' is not an arm path; write " + parts[0] + " to choose the plugin, or " + parts[0] +
                 ".params." + (named ? parts[1] : "NAME") + " to set one of its parameters";
  return path;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

/// `text` with every character that a name may not hold made '_'.
std::string name_safe(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return !is_name_char(c); }, '_');
  return text;
}

/// A value as written, as part of an arm name (letters, digits, '_' and '-' only): '.' becomes
/// 'p' and '-' 'm', as in file names of sweeps (0.05 -> 0p05, -1.5 -> m1p5), so that the numbers
/// stay readable; any other character becomes '_'.
std::string value_part(const std::string& text) {
  std::string part;
  for (char c : text) part += c == '.' ? 'p' : c == '-' ? 'm' : is_name_char(c) ? c : '_';
  return part;
}

/// Why `v` cannot be a sweep value, or "": it is a single value, and one that chooses a plugin
/// names a plugin of the slot's kind.
std::string value_problem(const SweepValue& v, const PluginLookup& plugins) {
  const Slot& slot = kSlots[v.slot];
  if (!v.value.IsScalar()) {
    return "found " + describe_node(v.value) + " where a single value is expected; a sweep value is a plugin name "
           "or one parameter's value: set each parameter by its own path, " + slot.key + ".params.NAME";
  }
  if (v.param.empty() && plugins.find(slot.kind, v.value.Scalar()) == nullptr) {
    return unknown_plugin(v.value.Scalar(), slot.kind, plugins);
  }
  return "";
}

/// Reports the keys of `map` given twice (the first is used) and those that are not names;
/// returns false if there were any.
bool check_repeated_keys(ScenarioDiagnostics& diagnostics, const YAML::Node& map, const std::string& path) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  bool clean = true;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar() || !seen.insert(entry.first.Scalar()).second) clean = false;
    if (entry.first.IsScalar()) keys.push_back(entry.first.Scalar());
  }
  diagnostics.check_keys(map, path, keys, "path");
  return clean;
}

/// The first entry of each scalar key of `map`, in order: what check_repeated_keys() leaves.
std::vector<std::pair<YAML::Node, YAML::Node>> first_entries(const YAML::Node& map) {
  std::vector<std::pair<YAML::Node, YAML::Node>> entries;
  std::set<std::string> seen;
  for (const auto& entry : map) {
    if (entry.first.IsScalar() && seen.insert(entry.first.Scalar()).second) entries.emplace_back(entry.first, entry.second);
  }
  return entries;
}

/// The plugin choice a sweep entry makes for one slot, which its arms start from.
struct BaseSlot {
  bool given = false;                        ///< false only for a recommender left to the grid or cases
  PluginChoice choice;                       ///< every parameter filled in
  const PluginDescriptor* plugin = nullptr;  ///< nullptr if unknown (already reported)
};

/// A sweep entry as read: its values grouped by grid path or by case.
struct SweepEntry {
  std::string name;
  std::string path;  ///< "sweep[0]"
  bool grid = true;
  bool expand = false;  ///< read without problems: its arms can be generated and checked
  std::array<BaseSlot, kSlots.size()> base;
  std::vector<std::vector<SweepValue>> groups;  ///< one per grid path, or one per case
  std::vector<YAML::Mark> case_marks;
  YAML::Mark name_mark;

  /// Arms it generates; counted from what was read, so also for an entry with problems.
  double arm_count() const {
    if (!grid) return static_cast<double>(groups.size());
    double count = groups.empty() ? 0.0 : 1.0;
    for (const std::vector<SweepValue>& values : groups) count *= static_cast<double>(values.size());
    return count;
  }
};

/// Reads one grid path and its list of values into `entry`; returns false after reporting a problem.
bool read_grid_path(ScenarioDiagnostics& diagnostics, const YAML::Node& key, const YAML::Node& list,
                    const std::string& grid_path, const PluginLookup& plugins, SweepEntry& entry) {
  const std::string key_path = grid_path + "." + key.Scalar();
  const ArmPath path = parse_arm_path(key.Scalar());
  if (!path.problem.empty()) {
    diagnostics.report(key.Mark(), key_path, path.problem);
    return false;
  }
  const YAML::Mark list_mark = list.IsNull() ? key.Mark() : list.Mark();
  if (!list.IsSequence()) {
    diagnostics.report(list_mark, key_path,
                       "found " + describe_node(list) + " where a list of values is expected; use a list, e.g. [" +
                           (list.IsScalar() ? list.Scalar() : std::string("a, b")) + "]");
    return false;
  }
  if (list.size() == 0) {
    diagnostics.report(list_mark, key_path, "the list is empty; give at least 1 value");
    return false;
  }
  bool clean = true;
  std::vector<SweepValue> values;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    SweepValue v{path.slot, path.param, item, key.Mark(), item.IsNull() ? list_mark : item.Mark(), key_path,
                 key_path + "[" + std::to_string(i) + "]", ""};
    if (const std::string problem = value_problem(v, plugins); !problem.empty()) {
      diagnostics.report(v.value_mark, v.value_path, problem);
      clean = false;
      continue;
    }
    // Two values with one name part would give two arms one name.
    for (std::size_t j = 0; j < values.size(); ++j) {
      if (value_part(values[j].value.Scalar()) != value_part(item.Scalar())) continue;
      const std::string other = values[j].value_path.substr(key_path.size());
      diagnostics.report(v.value_mark, v.value_path,
                         values[j].value.Scalar() == item.Scalar()
                             ? "'" + item.Scalar() + "' is given twice (also " + other + "); give each value once"
                             : "'" + item.Scalar() + "' and '" + values[j].value.Scalar() + "' (" + other +
                                   ") give arms the same name; give each value once");
      clean = false;
      break;
    }
    values.push_back(std::move(v));
  }
  entry.groups.push_back(std::move(values));
  return clean;
}

bool read_grid(ScenarioMapReader& e, SweepEntry& entry, const PluginLookup& plugins) {
  const ScenarioMapReader::Field& f = e.field("grid");
  if (!f.node.IsMap() || f.node.size() == 0) {
    e.error("grid", f.node.IsMap() || f.node.IsNull()
                        ? "the grid is empty; give at least one arm path with a list of values, e.g. "
                          "{pricing_policy.params.discount: [0.1, 0.2]}"
                        : "found " + describe_node(f.node) + " where a map is expected; use " + key_expectation(*f.spec));
    return false;
  }
  bool clean = check_repeated_keys(e.diagnostics(), f.node, f.path);
  for (const auto& [key, list] : first_entries(f.node)) {
    clean = read_grid_path(e.diagnostics(), key, list, f.path, plugins, entry) && clean;
  }
  return clean;
}

bool read_cases(ScenarioMapReader& e, SweepEntry& entry, const PluginLookup& plugins) {
  entry.grid = false;
  const ScenarioMapReader::Field& f = e.field("cases");
  if (!f.node.IsSequence() || f.node.size() == 0) {
    e.error("cases", f.node.IsSequence() || f.node.IsNull()
                         ? "the list is empty; add at least 1 case, e.g. {recommender: popularity}"
                         : "found " + describe_node(f.node) + " where a list is expected; use " +
                               key_expectation(*f.spec));
    return false;
  }
  ScenarioDiagnostics& diagnostics = e.diagnostics();
  bool clean = true;
  for (std::size_t i = 0; i < f.node.size(); ++i) {
    const YAML::Node item = f.node[i];
    const std::string case_path = f.path + "[" + std::to_string(i) + "]";
    const YAML::Mark case_mark = item.IsNull() ? f.mark : item.Mark();
    entry.case_marks.push_back(case_mark);
    std::vector<SweepValue>& values = entry.groups.emplace_back();
    if (!item.IsMap()) {
      diagnostics.report(case_mark, case_path,
                         "found " + describe_node(item) + " where a map is expected; use a map of arm paths to "
                         "values, e.g. {recommender: popularity}");
      clean = false;
      continue;
    }
    clean = check_repeated_keys(diagnostics, item, case_path) && clean;
    for (const auto& [key, value] : first_entries(item)) {
      const std::string path_text = case_path + "." + key.Scalar();
      const ArmPath path = parse_arm_path(key.Scalar());
      if (!path.problem.empty()) {
        diagnostics.report(key.Mark(), path_text, path.problem);
        clean = false;
        continue;
      }
      SweepValue v{path.slot, path.param, value, key.Mark(), value.IsNull() ? key.Mark() : value.Mark(),
                   path_text, path_text, ""};
      if (const std::string problem = value_problem(v, plugins); !problem.empty()) {
        diagnostics.report(v.value_mark, v.value_path, problem);
        clean = false;
        continue;
      }
      values.push_back(std::move(v));
    }
  }
  return clean;
}

/// Gives each value its part of the arm names, "KEY-VALUE": KEY is the parameter's name, the
/// slot's for a plugin choice, or SLOT_PARAM where the entry sets parameters of one name in two
/// slots (or one named like a slot), so that names never leave the slot in doubt.
void label_values(std::vector<std::vector<SweepValue>>& groups) {
  std::map<std::string, std::set<std::size_t>> slots_of;
  for (const std::vector<SweepValue>& values : groups) {
    for (const SweepValue& v : values) {
      if (!v.param.empty()) slots_of[v.param].insert(v.slot);
    }
  }
  const std::vector<std::string> slots = slot_keys();
  for (std::vector<SweepValue>& values : groups) {
    for (SweepValue& v : values) {
      const bool ambiguous = !v.param.empty() && (slots_of[v.param].size() > 1 ||
                                                  std::find(slots.begin(), slots.end(), v.param) != slots.end());
      const std::string key = v.param.empty() ? slots[v.slot] : ambiguous ? slots[v.slot] + "_" + v.param : v.param;
      v.label = name_safe(key) + "-" + value_part(v.value.Scalar());
    }
  }
}

SweepEntry read_entry(ScenarioMapReader& e, const PluginLookup& plugins) {
  SweepEntry entry;
  entry.path = e.path();
  entry.name = e.text("name");
  entry.name_mark = e.field("name").mark;
  if (!e.readable()) return entry;  // not a map: already reported
  bool clean = e.ok("name");
  for (std::size_t s = 0; s < kSlots.size(); ++s) {
    // A missing recommender may be chosen by the grid or the cases: checked below.
    if (s == 0 && !e.given(kSlots[s].key)) continue;
    BaseSlot& base = entry.base[s];
    base.given = true;
    base.choice = read_plugin_choice(e, kSlots[s].key, kSlots[s].kind, plugins);
    base.plugin = plugins.find(kSlots[s].kind, base.choice.name);
  }
  const bool grid = e.given("grid");
  const bool cases = e.given("cases");
  if (grid && cases) {
    e.field("cases");
    e.error("cases", "grid and cases are both given; keep one: grid for every combination of values, cases for a "
                     "list of arms");
    return entry;
  }
  if (!grid && !cases) {
    e.diagnostics().report(e.mark(), e.path(),
                           "no grid and no cases; add grid (arm paths, each with a list of values: an arm for every "
                           "combination) or cases (a list of maps of arm paths to values: an arm for each)");
    return entry;
  }
  clean = (grid ? read_grid(e, entry, plugins) : read_cases(e, entry, plugins)) && clean;
  if (clean && !entry.base[0].given) {
    const auto chooses_recommender = [](const std::vector<SweepValue>& values) {
      return std::any_of(values.begin(), values.end(), [](const SweepValue& v) { return v.slot == 0 && v.param.empty(); });
    };
    const bool chosen = grid ? std::any_of(entry.groups.begin(), entry.groups.end(), chooses_recommender)
                             : std::all_of(entry.groups.begin(), entry.groups.end(), chooses_recommender);
    if (!chosen) {
      e.diagnostics().report(e.mark(), e.path() + ".recommender",
                             "missing required key 'recommender' (" + key_expectation(scenario_key("sweep[].recommender")) +
                                 "); add it, or choose it in the grid or in every case");
      clean = false;
    }
  }
  label_values(entry.groups);
  entry.expand = clean;
  return entry;
}

/// What one generated arm is made of, and where to point if its name is taken.
struct ArmRecipe {
  std::string name;
  std::vector<const SweepValue*> values;
  YAML::Mark mark;
  std::string path;    ///< "sweep[0].name" for a grid's arms, "sweep[0].cases[2]" for a case's
  std::string origin;  ///< how a duplicate name elsewhere refers to this arm
};

std::vector<ArmRecipe> recipes(const SweepEntry& entry) {
  std::vector<ArmRecipe> out;
  const auto add = [&](std::vector<const SweepValue*> values, const YAML::Mark& mark, const std::string& path) {
    std::string name = entry.name;
    for (const SweepValue* v : values) name += "-" + v->label;
    out.push_back({name, std::move(values), mark, path, "generated by " + (entry.grid ? entry.path : path)});
  };
  if (!entry.grid) {
    for (std::size_t c = 0; c < entry.groups.size(); ++c) {
      std::vector<const SweepValue*> values;
      for (const SweepValue& v : entry.groups[c]) values.push_back(&v);
      add(std::move(values), entry.case_marks[c], entry.path + ".cases[" + std::to_string(c) + "]");
    }
    return out;
  }
  // An odometer over the grid paths: the last varies fastest.
  std::vector<std::size_t> at(entry.groups.size(), 0);
  for (bool more = true; more;) {
    std::vector<const SweepValue*> values;
    for (std::size_t g = 0; g < entry.groups.size(); ++g) values.push_back(&entry.groups[g][at[g]]);
    add(std::move(values), entry.name_mark, entry.path + ".name");
    more = false;
    for (std::size_t g = entry.groups.size(); g-- > 0;) {
      if (++at[g] < entry.groups[g].size()) {
        more = true;
        break;
      }
      at[g] = 0;
    }
  }
  return out;
}

/// Problems in generated arms, each reported once however many arms share it (a bad grid value
/// is in every combination with it), naming the first of those arms and counting the others.
class ArmProblems {
 public:
  void add(const YAML::Mark& mark, const std::string& path, const std::string& message, const std::string& arm) {
    for (Problem& p : problems_) {
      if (p.mark.line == mark.line && p.mark.column == mark.column && p.path == path && p.message == message) {
        ++p.more;
        return;
      }
    }
    problems_.push_back({mark, path, message, arm, 0});
  }

  void report_to(ScenarioDiagnostics& diagnostics) const {
    for (const Problem& p : problems_) {
      diagnostics.report(p.mark, p.path,
                         p.message + (p.more == 0 ? " (in generated arm '" + p.arm + "')"
                                                  : " (in generated arms '" + p.arm + "' and " +
                                                        std::to_string(p.more) + " more)"));
    }
  }

 private:
  struct Problem {
    YAML::Mark mark;
    std::string path;
    std::string message;
    std::string arm;       ///< the first arm it was found in
    std::size_t more = 0;  ///< other arms with it
  };
  std::vector<Problem> problems_;
};

void add_entry(ParameterSet& params, const ParameterSet::Entry& entry) {
  if (entry.type == ParamType::kChoice) {
    params.set_choice(entry.name, entry.choice);
  } else {
    params.set_number(entry.name, entry.type, entry.number);
  }
}

/// The arm `recipe` makes of `entry`: its plugin choices with the recipe's values set, checked
/// against the plugins' declarations as an arm's params are.
ArmConfig build_arm(const SweepEntry& entry, const ArmRecipe& recipe, const PluginLookup& plugins,
                    ArmProblems& problems) {
  ArmConfig arm;
  arm.name = recipe.name;
  arm.sweep = entry.name;
  for (std::size_t s = 0; s < kSlots.size(); ++s) {
    const Slot& slot = kSlots[s];
    PluginChoice& choice = arm.*slot.member;
    const BaseSlot& base = entry.base[s];
    const SweepValue* chosen = nullptr;
    for (const SweepValue* v : recipe.values) {
      if (v->slot == s && v->param.empty()) chosen = v;
    }
    choice.name = chosen != nullptr ? chosen->value.Scalar() : base.choice.name;
    const PluginDescriptor* plugin = plugins.find(slot.kind, choice.name);
    if (plugin == nullptr) continue;  // reported where the name is written
    // The entry's params belong to the entry's plugin: a slot switched to another plugin starts
    // from that plugin's defaults.
    const ParameterSet start = base.plugin == plugin ? base.choice.params : default_parameters(*plugin);
    std::vector<std::string> declared;
    for (std::uint32_t i = 0; i < plugin->param_count; ++i) declared.emplace_back(plugin->params[i].name);
    for (const SweepValue* v : recipe.values) {
      if (v->slot != s || v->param.empty() || std::find(declared.begin(), declared.end(), v->param) != declared.end()) {
        continue;
      }
      problems.add(v->key_mark, v->key_path,
                   unknown_key_message(v->param, declared, "parameter",
                                       std::string(" for ") + to_string(slot.kind) + " '" + choice.name + "'"),
                   arm.name);
    }
    for (std::uint32_t i = 0; i < plugin->param_count; ++i) {
      const ParamSpec& spec = plugin->params[i];
      const auto given = std::find_if(recipe.values.begin(), recipe.values.end(), [&](const SweepValue* v) {
        return v->slot == s && v->param == spec.name;
      });
      if (given != recipe.values.end()) {
        const std::string problem = add_given(choice.params, spec, (*given)->value);
        if (problem.empty()) continue;
        problems.add((*given)->value_mark, (*given)->value_path, problem, arm.name);
      }
      add_entry(choice.params, start.entries().at(i));  // keeps the set complete; a problem rejects the scenario
    }
  }
  return arm;
}

/// `arm` as the resolved YAML lists it under `arms`, in the order an arm written by hand is.
YAML::Node resolved_arm(const ArmConfig& arm) {
  YAML::Node out(YAML::NodeType::Map);
  out["name"] = arm.name;
  for (const Slot& slot : kSlots) {
    const PluginChoice& choice = arm.*slot.member;
    YAML::Node resolved(YAML::NodeType::Map);
    resolved["name"] = choice.name;
    resolved["params"] = resolved_params(choice.params);
    resolved.SetStyle(YAML::EmitterStyle::Flow);
    out[slot.key] = resolved;
  }
  out["sweep"] = arm.sweep;
  return out;
}

/// "5 x 10 values" or "7 cases": how an entry's count of arms comes about.
std::string count_source(const SweepEntry& entry) {
  if (!entry.grid) return std::to_string(entry.groups.size()) + (entry.groups.size() == 1 ? " case" : " cases");
  std::string text;
  for (const std::vector<SweepValue>& values : entry.groups) text += (text.empty() ? "" : " x ") + std::to_string(values.size());
  return text + (entry.groups.size() == 1 && entry.groups[0].size() == 1 ? " value" : " values");
}

/// Reports more than kMaxArms arms in all; returns false if there are.
bool check_arm_count(ScenarioMapReader& top, std::size_t written, const std::vector<SweepEntry>& sweeps) {
  double generated = 0.0;
  std::vector<std::string> parts;
  if (written > 0) parts.push_back(std::to_string(written) + " under arms");
  for (const SweepEntry& entry : sweeps) {
    const double count = entry.arm_count();
    if (count == 0.0) continue;
    generated += count;
    parts.push_back(format_number(count) + " from sweep '" + entry.name + "' (" + count_source(entry) + ")");
  }
  const double total = static_cast<double>(written) + generated;
  if (total <= static_cast<double>(kMaxArms)) return true;
  std::string listed;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    listed += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  const std::string limit = "; at most " + std::to_string(kMaxArms) + " arms are allowed; ";
  if (generated == 0.0) {
    top.error("arms", format_number(total) + " arms" + limit + "split the scenario into several");
  } else {
    top.error("sweep", format_number(total) + " arms in all: " + listed + limit +
                           "use fewer values or cases, or split the scenario into several");
  }
  return false;
}

}  // namespace

std::vector<ArmConfig> read_sweeps(ScenarioMapReader& top, const std::vector<ArmConfig>& written,
                                   const PluginLookup& plugins) {
  std::vector<ScenarioMapReader> entries = top.list("sweep");
  if (written.empty() && entries.empty() && top.ok("arms") && top.ok("sweep")) {
    top.error("arms", top.defaulted("arms") ? "no arms and no sweep; add a list of arms, or a sweep that generates them"
                                            : "the list is empty; add at least 1 arm, or a sweep that generates arms");
  }
  std::vector<SweepEntry> sweeps;
  for (ScenarioMapReader& e : entries) sweeps.push_back(read_entry(e, plugins));
  // Unique sweep names keep `arms[].sweep` a label of one sweep.
  for (std::size_t i = 0; i < sweeps.size(); ++i) {
    for (std::size_t j = 0; j < i && entries[i].ok("name"); ++j) {
      if (!entries[j].ok("name") || sweeps[j].name != sweeps[i].name) continue;
      entries[i].error("name", "duplicate sweep name '" + sweeps[i].name + "' (also " + sweeps[j].path +
                                   "); give each sweep its own name");
      sweeps[i].expand = false;
    }
  }
  if (!check_arm_count(top, written.size(), sweeps)) return {};

  std::vector<std::pair<std::string, std::string>> taken;  // name, what it names
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (!written[i].name.empty()) taken.emplace_back(written[i].name, "arms[" + std::to_string(i) + "]");
  }
  YAML::Node arms_out = top.out()["arms"];
  std::vector<ArmConfig> arms;
  ArmProblems problems;
  for (const SweepEntry& entry : sweeps) {
    if (!entry.expand) continue;
    // A grid whose name clashes clashes for many arms: the first is reported, the rest counted.
    std::string clash;
    YAML::Mark clash_mark;
    std::string clash_path;
    std::size_t more_clashes = 0;
    const auto report_clash = [&] {
      if (clash.empty()) return;
      top.diagnostics().report(clash_mark, clash_path,
                               clash + (more_clashes == 0 ? "" : " and " + std::to_string(more_clashes) + " more") +
                                   "; give each arm its own name");
      clash.clear();
      more_clashes = 0;
    };
    for (const ArmRecipe& recipe : recipes(entry)) {
      ArmConfig arm = build_arm(entry, recipe, plugins, problems);
      const auto other = std::find_if(taken.begin(), taken.end(), [&](const auto& t) { return t.first == arm.name; });
      if (other != taken.end()) {
        if (!clash.empty() && clash_path != recipe.path) report_clash();
        if (clash.empty()) {
          clash = "duplicate arm name '" + arm.name + "' (also " + other->second + ")";
          clash_mark = recipe.mark;
          clash_path = recipe.path;
        } else {
          ++more_clashes;
        }
      }
      taken.emplace_back(arm.name, recipe.origin);
      if (arms_out.IsSequence()) arms_out.push_back(resolved_arm(arm));
      arms.push_back(std::move(arm));
    }
    report_clash();
  }
  problems.report_to(top.diagnostics());
  return arms;
}

}  // namespace promosim
