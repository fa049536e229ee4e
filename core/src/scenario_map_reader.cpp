#include "scenario_map_reader.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include "did_you_mean.hpp"
#include "scenario_distribution_form.hpp"
#include "scenario_schema.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

std::string name_problem(const std::string& value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), is_name_char)) return "";
  std::string suggestion = value;
  std::replace_if(suggestion.begin(), suggestion.end(), [](char c) { return !is_name_char(c); }, '_');
  return "'" + value + "' is not a valid name; use only letters, digits, '_' and '-'" +
         (suggestion.empty() ? "" : ", e.g. '" + suggestion + "'");
}

std::string date_problem(const std::string& value) {
  const auto digits = [&](std::size_t from, std::size_t count) {
    return std::all_of(value.begin() + from, value.begin() + from + count,
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if (value.empty()) return "";
  if (value.size() == 10 && value[4] == '-' && value[7] == '-' && digits(0, 4) && digits(5, 2) && digits(8, 2)) {
    const std::chrono::year_month_day date{std::chrono::year(std::stoi(value.substr(0, 4))),
                                           std::chrono::month(static_cast<unsigned>(std::stoi(value.substr(5, 2)))),
                                           std::chrono::day(static_cast<unsigned>(std::stoi(value.substr(8, 2))))};
    if (date.ok()) return "";
    return "'" + value + "' is not a calendar date; use a real date YYYY-MM-DD, e.g. 2026-11-11";
  }
  return "'" + value + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-11, or \"\" for none";
}

const char* type_noun(KeyType type) {
  switch (type) {
    case KeyType::kText: return "text";
    case KeyType::kName: return "a name";
    case KeyType::kDate: return "a date";
    case KeyType::kInteger: return "an integer";
    case KeyType::kReal: return "a number";
    case KeyType::kChoice: return "a single value";
    case KeyType::kBudget: return "a number";
    case KeyType::kDistribution: return "a distribution map";
    case KeyType::kTextList: return "a list";
    case KeyType::kRealList: return "a list of numbers";
    case KeyType::kMap: return "a map";
    case KeyType::kList: return "a list";
    case KeyType::kPluginChoice: return "a plugin";
    case KeyType::kParams: return "a map";
    case KeyType::kSweepGrid: return "a map";
    case KeyType::kSweepCases: return "a list";
  }
  return "?";
}

/// Why `d` can yield a value outside `range`, or "".
std::string support_problem(const Distribution& d, const ValueRange& range) {
  using Family = Distribution::Family;
  switch (d.family) {
    case Family::kConstant:
      return range.contains(d.a) ? "" : "the constant is " + format_number(d.a);
    case Family::kUniform:
      return range.contains(d.a) && range.contains(d.b)
                 ? ""
                 : "this uniform spans [" + format_number(d.a) + ", " + format_number(d.b) + "]";
    case Family::kNormal:
      return range.bounded_below() || range.bounded_above() ? "a normal distribution can yield any value" : "";
    case Family::kLognormal:
      if (range.bounded_above()) return "a lognormal distribution is unbounded above";
      return range.min > 0 ? "a lognormal distribution can yield values close to 0" : "";
  }
  return "";
}

/// The forms that stay within `range`, as a fix: "a lognormal, a uniform with min and max > 0,
/// or a constant > 0".
std::string allowed_forms(const ValueRange& range) {
  std::vector<std::string> forms;
  if (!range.bounded_above() && range.min <= 0) forms.emplace_back("a lognormal");
  if (!range.bounded_below() && !range.bounded_above()) forms.emplace_back("a normal");
  forms.push_back("a uniform with min and max " + range.phrase());
  forms.push_back("a constant " + range.phrase());
  std::string text;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == forms.size() ? ", or " : ", ") + forms[i];
  }
  return text;
}

}  // namespace

ScenarioMapReader::ScenarioMapReader(ScenarioDiagnostics& diagnostics, const YAML::Node& node,
                                     const YAML::Mark& mark, bool defaulted, std::string path,
                                     std::string schema_path, YAML::Node out)
    : diagnostics_(&diagnostics),
      node_(node),
      mark_(mark),
      defaulted_(defaulted),
      path_(std::move(path)),
      schema_path_(std::move(schema_path)),
      out_(out) {
  if (!node_.IsDefined()) {
    broken_ = true;  // missing and required: already reported by the parent
  } else if (!node_.IsMap() && !node_.IsNull()) {
    broken_ = true;
    diagnostics_->report(mark_, path_, "found " + describe_node(node_) + " where a map is expected; use a map of keys");
  } else {
    diagnostics_->check_keys(node_, path_, scenario_child_keys(schema_path_));
  }
}

const ScenarioMapReader::Field& ScenarioMapReader::field(std::string_view key) {
  if (const auto it = fields_.find(key); it != fields_.end()) return it->second;
  Field f;
  f.spec = &scenario_key(schema_path_.empty() ? std::string(key) : schema_path_ + "." + std::string(key));
  f.path = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  const auto [value, key_node] = find_entry(node_, key);
  // reset() rebinds the handle; operator= would write into the node it refers to.
  if (!broken_ && value.IsDefined()) {
    f.node.reset(value);
    f.mark = defaulted_ ? mark_ : value.IsNull() ? key_node.Mark() : value.Mark();
    f.defaulted = defaulted_;
  } else if (f.spec->default_yaml != nullptr) {
    f.node.reset(YAML::Load(f.spec->default_yaml));
    f.mark = mark_;
    f.defaulted = true;
  } else {
    f.node.reset(YAML::Node(YAML::NodeType::Undefined));
    f.mark = mark_;
    failed_.emplace(key);
    if (!broken_) {
      diagnostics_->report(mark_, f.path,
                           "missing required key '" + std::string(key) + "' (" + key_expectation(*f.spec) +
                               "); add it");
    }
  }
  return fields_.insert_or_assign(std::string(key), f).first->second;
}

const ScenarioMapReader::Field& ScenarioMapReader::read(std::string_view key, std::initializer_list<KeyType> types) {
  const Field& f = field(key);
  if (std::find(types.begin(), types.end(), f.spec->type) == types.end()) {
    throw std::logic_error("scenario key '" + f.path + "' is not read as its declared type");
  }
  return f;
}

void ScenarioMapReader::fail(const Field& field, std::string message) {
  failed_.emplace(leaf_key(field.spec->path));
  diagnostics_->report(field.mark, field.path, std::move(message));
}

std::string ScenarioMapReader::type_error(const Field& field) const {
  return "found " + describe_node(field.node) + " where " + type_noun(field.spec->type) + " is expected; use " +
         key_expectation(*field.spec);
}

bool ScenarioMapReader::given(std::string_view key) const {
  return !broken_ && find_entry(node_, key).first.IsDefined();
}

bool ScenarioMapReader::defaulted(std::string_view key) const {
  const auto it = fields_.find(key);
  return it != fields_.end() && it->second.defaulted;
}

void ScenarioMapReader::error(std::string_view key, std::string message) {
  const auto it = fields_.find(key);
  if (it == fields_.end()) throw std::logic_error("error() on unread scenario key '" + std::string(key) + "'");
  fail(it->second, std::move(message));
}

std::string ScenarioMapReader::text(std::string_view key) {
  const Field& f = read(key, {KeyType::kText, KeyType::kName, KeyType::kDate, KeyType::kChoice});
  if (!f.node.IsDefined()) return "";
  if (!f.node.IsScalar()) {
    fail(f, type_error(f));
    return "";
  }
  const std::string& value = f.node.Scalar();
  std::string problem;
  if (f.spec->type == KeyType::kName) problem = name_problem(value);
  if (f.spec->type == KeyType::kDate) problem = date_problem(value);
  if (f.spec->type == KeyType::kChoice) {
    const std::vector<std::string> choices = split_choices(f.spec->choices);
    if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
      problem = "unknown value '" + value + "'" + did_you_mean(value, choices) + "; use one of: " + join(choices);
    }
  }
  if (!problem.empty()) {
    fail(f, problem);
    return "";
  }
  out_[std::string(key)] = value;
  return value;
}

long long ScenarioMapReader::integer(std::string_view key) {
  const Field& f = read(key, {KeyType::kInteger});
  if (!f.node.IsDefined()) return 0;
  const ScalarNumber n = read_number(f.node, ParamType::kInteger, f.spec->range());
  if (!n.problem.empty()) {
    fail(f, n.problem);
    return 0;
  }
  out_[std::string(key)] = std::to_string(n.integer);
  return n.integer;
}

double ScenarioMapReader::real(std::string_view key) {
  const Field& f = read(key, {KeyType::kReal, KeyType::kBudget});
  if (!f.node.IsDefined()) return 0.0;
  const bool budget = f.spec->type == KeyType::kBudget;
  if (budget && f.node.IsScalar() && f.node.Tag() != "!" && f.node.Scalar() == "unlimited") {
    out_[std::string(key)] = "unlimited";
    return std::numeric_limits<double>::infinity();
  }
  const ScalarNumber n = read_number(f.node, ParamType::kReal, f.spec->range());
  if (!n.problem.empty()) {
    const bool not_a_number = f.node.IsScalar() && !parse_real(f.node.Scalar());
    fail(f, budget && not_a_number ? describe_node(f.node) + " is neither a number nor unlimited; use " +
                                         key_expectation(*f.spec)
                                   : n.problem);
    return 0.0;
  }
  out_[std::string(key)] = format_number(n.value);
  return n.value;
}

Distribution ScenarioMapReader::distribution(std::string_view key) {
  const Field& f = read(key, {KeyType::kDistribution});
  Distribution d;
  if (!f.node.IsDefined()) return d;
  if (!f.node.IsMap()) {
    fail(f, type_error(f));
    return d;
  }
  const auto at = [&](const YAML::Node& node) { return f.defaulted || node.IsNull() ? f.mark : node.Mark(); };
  const auto forms = distribution_forms();
  std::vector<std::string> form_names;
  for (const DistributionForm& form : forms) form_names.emplace_back(form.name);
  const std::string choices = "use one of: " + join(form_names);

  const auto [dist, dist_key] = find_entry(f.node, "dist");
  if (!dist.IsDefined()) {
    fail(f, "missing required key 'dist'; add it, " + choices);
    return d;
  }
  const auto form = std::find_if(forms.begin(), forms.end(), [&](const DistributionForm& candidate) {
    return dist.IsScalar() && dist.Scalar() == candidate.name;
  });
  if (form == forms.end()) {
    failed_.emplace(key);
    const std::string word = dist.IsScalar() ? dist.Scalar() : describe_node(dist);
    diagnostics_->report(at(dist), f.path + ".dist",
                         "unknown distribution '" + word + "'" + did_you_mean(word, form_names) + "; " + choices);
    return d;
  }
  d.family = form->family;
  std::vector<std::string> keys{"dist", form->a_key};
  if (form->b_key != nullptr) keys.emplace_back(form->b_key);
  diagnostics_->check_keys(f.node, f.path, keys, "key", std::string(" in a ") + form->name + " distribution");

  YAML::Node resolved(YAML::NodeType::Map);
  resolved["dist"] = form->name;
  bool valid = true;
  const auto parameter = [&](const char* name, const ValueRange& range, double& target) {
    if (name == nullptr) return;
    const auto [value, value_key] = find_entry(f.node, name);
    if (!value.IsDefined()) {
      valid = false;
      diagnostics_->report(f.mark, f.path + "." + name,
                           std::string("missing required key '") + name + "'; a " + form->name +
                               " distribution needs: " + join(std::vector<std::string>(keys.begin() + 1, keys.end())));
      return;
    }
    const ScalarNumber n = read_number(value, ParamType::kReal, range);
    if (!n.problem.empty()) {
      valid = false;
      diagnostics_->report(at(value), f.path + "." + name, n.problem);
      return;
    }
    target = n.value;
    resolved[name] = format_number(n.value);
  };
  parameter(form->a_key, form->a_range, d.a);
  parameter(form->b_key, form->b_range, d.b);
  if (valid && d.family == Distribution::Family::kUniform && d.a > d.b) {
    valid = false;
    diagnostics_->report(f.mark, f.path,
                         "min " + format_number(d.a) + " is above max " + format_number(d.b) + "; swap them");
  }
  if (valid) {
    if (const std::string why = support_problem(d, f.spec->range()); !why.empty()) {
      valid = false;
      diagnostics_->report(f.mark, f.path,
                           "values must be " + f.spec->range().phrase() + ", but " + why + "; use " +
                               allowed_forms(f.spec->range()));
    }
  }
  if (!valid) {
    failed_.emplace(key);
    return d;
  }
  resolved.SetStyle(YAML::EmitterStyle::Flow);
  out_[std::string(key)] = resolved;
  return d;
}

template <class Convert>
void ScenarioMapReader::scalar_list(std::string_view key, KeyType type, const Convert& convert) {
  const Field& f = read(key, {type});
  if (!f.node.IsDefined() || f.node.IsNull()) return;
  if (!f.node.IsSequence()) {
    fail(f, type_error(f));
    return;
  }
  YAML::Node resolved(YAML::NodeType::Sequence);
  for (std::size_t i = 0; i < f.node.size(); ++i) {
    const YAML::Node item = f.node[i];
    std::string written;
    if (const std::string problem = convert(item, *f.spec, written); !problem.empty()) {
      failed_.emplace(key);
      diagnostics_->report(f.defaulted ? f.mark : item.Mark(), f.path + "[" + std::to_string(i) + "]", problem);
      continue;
    }
    resolved.push_back(written);
  }
  resolved.SetStyle(YAML::EmitterStyle::Flow);
  out_[std::string(key)] = resolved;
}

std::vector<std::string> ScenarioMapReader::texts(std::string_view key) {
  std::vector<std::string> values;
  scalar_list(key, KeyType::kTextList, [&](const YAML::Node& item, const KeySpec& spec, std::string& written) -> std::string {
    if (!item.IsScalar()) return "found " + describe_node(item) + " where text is expected; use " + key_expectation(spec);
    values.push_back(written = item.Scalar());
    return "";
  });
  return values;
}

std::vector<double> ScenarioMapReader::reals(std::string_view key) {
  std::vector<double> values;
  scalar_list(key, KeyType::kRealList, [&](const YAML::Node& item, const KeySpec& spec, std::string& written) -> std::string {
    const ScalarNumber n = read_number(item, ParamType::kReal, spec.range());
    if (!n.problem.empty()) return n.problem;
    values.push_back(n.value);
    written = format_number(n.value);
    return "";
  });
  return values;
}

ScenarioMapReader ScenarioMapReader::map(std::string_view key) {
  const Field& f = read(key, {KeyType::kMap});
  ScenarioMapReader child(*diagnostics_, f.node, f.mark, f.defaulted, f.path, f.spec->path, out_[std::string(key)]);
  if (child.broken_) failed_.emplace(key);
  return child;
}

std::vector<ScenarioMapReader> ScenarioMapReader::list(std::string_view key) {
  const Field& f = read(key, {KeyType::kList});
  std::vector<ScenarioMapReader> entries;
  if (!f.node.IsDefined()) return entries;
  if (!f.node.IsSequence() && !f.node.IsNull()) {
    fail(f, type_error(f));
    return entries;
  }
  const std::size_t size = f.node.IsSequence() ? f.node.size() : 0;
  if (static_cast<double>(size) < f.spec->range().min) {
    fail(f, "the list is empty; add at least " + format_number(f.spec->range().min) + " entry");
  }
  if (static_cast<double>(size) > f.spec->range().max) {
    fail(f, "the list has " + std::to_string(size) + " entries; keep at most " + format_number(f.spec->range().max));
  }
  // Entries of scalars only (segments, phases) print one per line in the resolved YAML.
  const std::string entry_schema = std::string(f.spec->path) + "[]";
  const auto scenario = scenario_keys();
  const bool flat = std::none_of(scenario.begin(), scenario.end(), [&](const KeySpec& child) {
    return parent_path(child.path) == entry_schema &&
           (child.type == KeyType::kMap || child.type == KeyType::kList || child.type == KeyType::kPluginChoice);
  });
  YAML::Node resolved = out_[std::string(key)];
  if (size == 0) resolved = YAML::Node(YAML::NodeType::Sequence);  // an empty list is written as []
  for (std::size_t i = 0; i < size; ++i) {
    const YAML::Node item = f.node[i];
    YAML::Node entry_out(YAML::NodeType::Map);
    if (flat) entry_out.SetStyle(YAML::EmitterStyle::Flow);
    resolved.push_back(entry_out);
    entries.emplace_back(*diagnostics_, item, f.defaulted || item.IsNull() ? f.mark : item.Mark(), f.defaulted,
                         f.path + "[" + std::to_string(i) + "]", entry_schema, resolved[i]);
  }
  return entries;
}

}  // namespace promosim
