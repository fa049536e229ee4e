#include "ope_policy.hpp"

#include <algorithm>
#include <cmath>

#include "did_you_mean.hpp"
#include "ingest_run.hpp"
#include "user_error.hpp"

namespace promosim {

namespace {

const char* kPolicyKinds =
    "uniform, always:ACTION, logged:PATH, rules:COND&COND->ACTION;...;->ACTION or recommender:PLUGIN (with --train)";

std::string quoted_list(const std::vector<std::string>& names, std::size_t most = 12) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > most) out += ", ... (" + std::to_string(names.size()) + " in all)";
  return out;
}

std::uint32_t action_named(const std::string& name, const OpeLog& log, const std::string& spec) {
  if (const auto index = log.action_index(name)) return *index;
  throw UserError("--policy " + spec + ": no action '" + name + "' in " + log.source().path +
                  did_you_mean(name, log.actions()) + "; actions are the log's raw ids: " + quoted_list(log.actions()));
}

void uniform_policy(PolicyOnLog& policy, const OpeLog& log) {
  const std::size_t actions = log.actions().size(), slots = log.positions().size();
  policy.class_probability.assign(slots * actions, 0.0);
  for (std::uint32_t s = 0; s < slots; ++s) {
    double logged = 0;
    for (std::uint32_t a = 0; a < actions; ++a) logged += log.logged_at(s, a);
    for (std::uint32_t a = 0; a < actions; ++a)
      if (log.logged_at(s, a)) policy.class_probability[s * actions + a] = 1.0 / logged;
  }
  for (const OpeRow& row : log.rows()) policy.row_class.push_back(row.slot);
}

void always_policy(PolicyOnLog& policy, const OpeLog& log, const std::string& name) {
  policy.class_probability.assign(log.actions().size(), 0.0);
  policy.class_probability[action_named(name, log, policy.spec)] = 1.0;
  policy.row_class.assign(log.rows().size(), 0);
}

void logged_policy(PolicyOnLog& policy, const OpeLog& log, const std::string& path) {
  OpeLogSource source = log.source();
  source.path = path;
  OpeLog other = [&] {
    try {
      return OpeLog::read(source);
    } catch (const UserError& e) {
      throw UserError("--policy " + policy.spec + ": " + e.what());
    }
  }();
  const std::size_t actions = log.actions().size(), slots = log.positions().size();
  std::vector<double> count(slots * actions, 0.0), rows_at(slots, 0.0);
  for (const OpeRow& row : other.rows()) {
    const auto slot = log.slot_index(other.positions()[row.slot]);
    if (!slot)
      throw UserError("--policy " + policy.spec + ": " + path + " logs position " +
                      std::to_string(other.positions()[row.slot]) + ", which " + log.source().path +
                      " never does; evaluate logs of the same campaign and layout");
    rows_at[*slot] += 1;
    // An action the evaluated log never took keeps its share out of the vector: unsupported mass.
    if (const auto action = log.action_index(other.actions()[row.action])) count[*slot * actions + *action] += 1;
  }
  for (std::uint32_t s = 0; s < slots; ++s) {
    if (rows_at[s] == 0)
      throw UserError("--policy " + policy.spec + ": " + path + " has no rows at position " +
                      std::to_string(log.positions()[s]) + ", which " + log.source().path +
                      " logs; evaluate logs of the same campaign and layout");
    for (std::uint32_t a = 0; a < actions; ++a) count[s * actions + a] /= rows_at[s];
  }
  policy.class_probability = std::move(count);
  for (const OpeRow& row : log.rows()) policy.row_class.push_back(row.slot);
  policy.truth = other.mean_outcome();
  policy.truth_rows = other.rows().size();
}

struct Condition {
  std::size_t feature = 0;
  char op = '=';  // '=', '!' (not equal), '<', '>'
  std::string value;
  double number = 0.0;
};

struct Rule {
  std::vector<Condition> conditions;
  std::uint32_t action = 0;
};

// Spaces around names are for readability ("mens = 1 -> Mens E-Mail"); values keep inner spaces.
std::string trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> split(const std::string& text, char delimiter) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(delimiter, start);
    parts.push_back(trimmed(text.substr(start, end - start)));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

Condition parse_condition(const std::string& text, const OpeLog& log, const std::string& spec) {
  const std::size_t at = text.find_first_of("!=<>");
  if (at == std::string::npos || at == 0)
    throw UserError("--policy " + spec + ": condition '" + text +
                    "' is not feature=value, feature!=value, feature<number or feature>number");
  Condition condition;
  const std::string name = trimmed(text.substr(0, at));
  const auto feature = log.feature_index(name);
  if (!feature)
    throw UserError("--policy " + spec + ": no feature '" + name + "' in a " + log.source().format + " log" +
                    did_you_mean(name, log.feature_names()) + "; features are " +
                    (log.feature_names().empty() ? std::string("none for this format") : quoted_list(log.feature_names())));
  condition.feature = *feature;
  condition.op = text[at];
  std::size_t value_at = at + 1;
  if (condition.op == '!') {
    if (text.compare(at, 2, "!=") != 0) throw UserError("--policy " + spec + ": write '!=' in '" + text + "'");
    value_at = at + 2;
  }
  condition.value = trimmed(text.substr(value_at));
  if (condition.op == '<' || condition.op == '>') {
    if (!parse_number(condition.value, condition.number))
      throw UserError("--policy " + spec + ": '" + text + "' compares with '" + condition.value +
                      "', which is not a number; < and > are for numeric features");
  } else {
    const auto& levels = log.feature_levels(condition.feature);
    if (std::find(levels.begin(), levels.end(), condition.value) == levels.end())
      throw UserError("--policy " + spec + ": feature '" + name + "' never has the value '" + condition.value +
                      "' in " + log.source().path + did_you_mean(condition.value, levels) +
                      "; its values are " + quoted_list(levels));
  }
  return condition;
}

std::vector<Rule> parse_rules(const std::string& text, const OpeLog& log, const std::string& spec) {
  std::vector<Rule> rules;
  for (const std::string& part : split(text, ';')) {
    const std::size_t arrow = part.rfind("->");
    if (arrow == std::string::npos)
      throw UserError("--policy " + spec + ": rule '" + part + "' has no '->ACTION'; write COND&COND->ACTION");
    Rule rule;
    rule.action = action_named(trimmed(part.substr(arrow + 2)), log, spec);
    if (arrow > 0)
      for (const std::string& condition : split(part.substr(0, arrow), '&'))
        rule.conditions.push_back(parse_condition(condition, log, spec));
    rules.push_back(std::move(rule));
  }
  return rules;
}

bool matches(const Condition& c, const OpeLog& log, std::size_t row, const std::vector<double>& numeric) {
  const std::uint32_t code = log.feature_code(row, c.feature);
  const std::string& value = log.feature_levels(c.feature)[code];
  switch (c.op) {
    case '=': return value == c.value;
    case '!': return value != c.value;
    case '<': return numeric[code] < c.number;
    case '>': return numeric[code] > c.number;
  }
  return false;
}

void rules_policy(PolicyOnLog& policy, const OpeLog& log, const std::string& text) {
  const std::vector<Rule> rules = parse_rules(text, log, policy.spec);
  // Numeric values of every feature level, parsed once; a non-number never passes < or >.
  std::vector<std::vector<double>> numeric(log.feature_names().size());
  for (std::size_t f = 0; f < numeric.size(); ++f)
    for (const std::string& level : log.feature_levels(f)) {
      double value = std::nan("");
      parse_number(level, value);
      numeric[f].push_back(value);
    }
  // One class per rule: the rule's action with probability 1.
  const std::size_t actions = log.actions().size();
  policy.class_probability.assign(rules.size() * actions, 0.0);
  for (std::size_t k = 0; k < rules.size(); ++k) policy.class_probability[k * actions + rules[k].action] = 1.0;
  std::size_t unmatched = 0;
  for (std::size_t r = 0; r < log.rows().size(); ++r) {
    const Rule* chosen = nullptr;
    for (const Rule& rule : rules) {
      bool all = true;
      for (const Condition& c : rule.conditions) all = all && matches(c, log, r, numeric[c.feature]);
      if (all) {
        chosen = &rule;
        break;
      }
    }
    if (!chosen) {
      ++unmatched;
      continue;
    }
    policy.row_class.push_back(static_cast<std::uint32_t>(chosen - rules.data()));
  }
  if (unmatched > 0)
    throw UserError("--policy " + policy.spec + ": " + std::to_string(unmatched) + " of " +
                    std::to_string(log.rows().size()) +
                    " rows match no rule; end the rules with a default such as ';->" + log.actions().front() + "'");
}

}  // namespace

void measure_support(PolicyOnLog& policy, const OpeLog& log) {
  const std::size_t actions = log.actions().size();
  double total = 0.0;
  for (std::size_t r = 0; r < log.rows().size(); ++r) {
    const double* p = policy.probabilities(r, actions);
    double supported = 0.0;
    for (std::uint32_t a = 0; a < actions; ++a)
      if (log.logged_at(log.rows()[r].slot, a)) supported += p[a];
    total += std::max(0.0, 1.0 - supported);
  }
  policy.unsupported = total / static_cast<double>(log.rows().size());
}

PolicyOnLog make_policy(const std::string& spec, const OpeLog& log) {
  PolicyOnLog policy;
  policy.spec = spec;
  const std::size_t colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  const std::string argument = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (kind == "uniform" && colon == std::string::npos) {
    uniform_policy(policy, log);
  } else if (kind == "always" && !argument.empty()) {
    always_policy(policy, log, argument);
  } else if (kind == "logged" && !argument.empty()) {
    logged_policy(policy, log, argument);
  } else if (kind == "rules" && !argument.empty()) {
    rules_policy(policy, log, argument);
  } else if (kind == "recommender") {
    throw std::logic_error("recommender: policies are built by make_plugin_policy");
  } else {
    throw UserError("--policy '" + spec + "' is not a policy" +
                    did_you_mean(kind, {"uniform", "always", "logged", "rules", "recommender"}) + "; use " + kPolicyKinds);
  }
  measure_support(policy, log);
  return policy;
}

}  // namespace promosim
