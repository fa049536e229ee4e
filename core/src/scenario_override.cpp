#include "scenario_override.hpp"

#include <algorithm>
#include <cctype>

#include "scenario_schema.hpp"

namespace promosim {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> keys;
  for (std::size_t start = 0;;) {
    const std::size_t dot = path.find('.', start);
    keys.emplace_back(path.substr(start, dot - start));
    if (dot == std::string_view::npos) return keys;
    start = dot + 1;
  }
}

bool is_index(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

/// True if `path` ("arms[0].recommender", "sweep[1].cases[0]") is declared as a key of `type`;
/// a list entry ("...[0]" last) counts as its list.
bool is_declared_as(std::string path, KeyType type) {
  if (path.ends_with(']')) path.erase(path.rfind('['));
  std::string schema_path;  // "arms[].recommender"
  for (std::size_t i = 0; i < path.size(); ++i) {
    schema_path += path[i];
    if (path[i] == '[') i = path.find(']', i) - 1;
  }
  const auto keys = scenario_keys();
  return std::any_of(keys.begin(), keys.end(), [&](const KeySpec& spec) {
    return spec.type == type && schema_path == spec.path;
  });
}

}  // namespace

std::optional<std::string> apply_override(YAML::Node& root, std::string_view text, ScenarioDiagnostics& diagnostics) {
  const YAML::Mark nowhere = YAML::Mark::null_mark();
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    const std::string whole(text);
    diagnostics.report(nowhere, whole, "'" + whole + "' is not path=value; write e.g. --set seed=7 or --set arms.0.name=base");
    return std::nullopt;
  }
  const std::string dotted(text.substr(0, equals));
  const std::string value_text(text.substr(equals + 1));
  const std::vector<std::string> keys = split_path(dotted);
  if (std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.empty(); })) {
    diagnostics.report(nowhere, dotted, "empty key in '" + dotted + "'; separate keys with single dots, e.g. catalog.items");
    return std::nullopt;
  }
  YAML::Node value;
  try {
    value = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    diagnostics.report(nowhere, dotted, "the value '" + value_text + "' is not valid YAML (" + e.msg +
                                            "); quote it or fix it, e.g. --set 'name=\"a: b\"'");
    return std::nullopt;
  }
  if (!root.IsMap() && !root.IsNull()) {
    diagnostics.report(nowhere, dotted, "the scenario file is not a map of keys, so nothing can be set in it; fix the file first");
    return std::nullopt;
  }

  std::string path;   // diagnostic form of the keys walked so far: "arms[0].pricing_policy"
  std::string given;  // the same in --set form: "arms.0.pricing_policy"
  YAML::Node current = root;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string key = keys[i];
    bool last = i + 1 == keys.size();
    // A sweep's grid and cases are keyed by arm paths ("pricing_policy.params.discount"): below
    // them the rest of the override's path is one key.
    if ((current.IsMap() || current.IsNull()) &&
        (is_declared_as(path, KeyType::kSweepGrid) ||
         (path.ends_with(']') && is_declared_as(path, KeyType::kSweepCases)))) {
      for (std::size_t rest = i + 1; rest < keys.size(); ++rest) key += "." + keys[rest];
      i = keys.size() - 1;
      last = true;
    }
    YAML::Node next;
    if (current.IsScalar() && !path.ends_with(']') && is_declared_as(path, KeyType::kPluginChoice)) {
      // A plugin chosen by bare name: "arms.0.recommender.params.decay=0.5" sets its map form.
      YAML::Node expanded(YAML::NodeType::Map);
      expanded["name"] = current.Scalar();
      current = expanded;  // assigns through the handle, replacing the value inside the tree
    }
    if (current.IsSequence()) {
      const std::size_t size = current.size();
      if (!is_index(key) || std::stoull(key) >= size) {
        std::string message = path;  // appended: GCC 12 reports a false -Wrestrict on "x" + temporaries
        if (size == 0) {
          message.append(" is an empty list; add entries in the file first");
        } else {
          message.append(" has ").append(std::to_string(size)).append(size == 1 ? " entry" : " entries");
          message.append("; use an index from 0 to ").append(std::to_string(size - 1));
          message.append(", e.g. ").append(given).append(".0");
        }
        diagnostics.report(nowhere, path + "[" + key + "]", message);
        return std::nullopt;
      }
      path += "[" + key + "]";
      next.reset(current[std::stoull(key)]);
    } else if (current.IsMap() || current.IsNull()) {
      path += (path.empty() ? "" : ".") + key;
      next.reset(current[key]);
    } else {
      diagnostics.report(nowhere, path + "." + key,
                         "cannot set '" + key + "' inside " + path + ", which is a single value; set " + given +
                             " as a whole instead, e.g. --set '" + given + "={...}'");
      return std::nullopt;
    }
    given += (given.empty() ? "" : ".") + key;
    if (last) {
      next = value;  // assigns through the handle, replacing the value inside the tree
    } else if (!next.IsDefined()) {
      next = YAML::Node(YAML::NodeType::Map);
    }
    current.reset(next);
  }
  return path;
}

}  // namespace promosim
