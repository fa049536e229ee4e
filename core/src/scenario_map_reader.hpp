#pragma once
// Reads one YAML map of a scenario against its schema declarations: unknown and duplicate
// keys, types, ranges and missing required keys are reported to ScenarioDiagnostics (never
// thrown), missing optional keys take their declared default, and every value read is written
// in resolved form to an output node, which becomes Scenario::resolved_yaml.
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "distribution.hpp"
#include "scenario_diagnostics.hpp"
#include "scenario_key_spec.hpp"

namespace promosim {

class ScenarioMapReader {
 public:
  /// A key's value as found, or its default, and where to point problems with it.
  struct Field {
    const KeySpec* spec = nullptr;
    YAML::Node node;         ///< the value (the parsed default when defaulted); undefined when missing
    YAML::Mark mark;         ///< the value; its key when empty; the map when defaulted
    std::string path;        ///< e.g. "arms[1].recommender"
    bool defaulted = false;  ///< the value is (inside) a schema default
  };

  /// Reads the map `node` at `path`, declared in the schema under `schema_path` ("" for the
  /// top level, "arms[]" for an arm). `mark` locates the map for missing keys; `defaulted`
  /// says the map is itself a default, so problems inside it are located at `mark`. An empty
  /// value reads as an empty map. Unknown and duplicate keys are reported at once. Resolved
  /// values are written into `out`, a handle onto a node of the resolved document.
  ScenarioMapReader(ScenarioDiagnostics& diagnostics, const YAML::Node& node, const YAML::Mark& mark,
                    bool defaulted, std::string path, std::string schema_path, YAML::Node out);

  /// The value of `key` (declared under this map); the first call reports a missing required
  /// key, later calls return the same field. The caller writes the resolved value with out().
  /// The reference stays valid for the reader's lifetime.
  const Field& field(std::string_view key);

  /// kText, kName, kDate or kChoice.
  std::string text(std::string_view key);
  /// kInteger.
  long long integer(std::string_view key);
  /// kReal, or kBudget (+infinity for "unlimited").
  double real(std::string_view key);
  /// kDistribution; every value it can yield must lie within the key's range.
  Distribution distribution(std::string_view key);
  /// kTextList.
  std::vector<std::string> texts(std::string_view key);
  /// kMap.
  /// kRealList: every entry checked against the key's range (each bad entry reported).
  std::vector<double> reals(std::string_view key);
  ScenarioMapReader map(std::string_view key);
  /// kList: one reader per entry, in order (entries that are not maps give readers that
  /// report nothing further).
  std::vector<ScenarioMapReader> list(std::string_view key);

  /// False if `key` was missing, malformed or reported by error().
  bool ok(std::string_view key) const { return !failed_.contains(key); }
  /// True if the map has `key`, without reading it (nothing is reported): for keys whose
  /// absence another key may make up for.
  bool given(std::string_view key) const;
  /// False if the value is not a map (already reported) or missing: nothing inside it is read.
  bool readable() const { return !broken_; }
  /// Where the map is, for problems with the map as a whole.
  const YAML::Mark& mark() const { return mark_; }
  /// True if `key` took its declared default.
  bool defaulted(std::string_view key) const;
  /// Reports a problem with `key` (already read) at its location.
  void error(std::string_view key, std::string message);

  ScenarioDiagnostics& diagnostics() { return *diagnostics_; }
  const std::string& path() const { return path_; }
  /// The resolved values written so far, in reading order.
  YAML::Node out() const { return out_; }

 private:
  const Field& read(std::string_view key, std::initializer_list<KeyType> types);
  /// Reads a list of scalars: convert(item, spec, written) checks one entry, keeps its value and
  /// sets the text the resolved YAML gets; it returns a problem, or "" for none.
  template <class Convert>
  void scalar_list(std::string_view key, KeyType type, const Convert& convert);
  void fail(const Field& field, std::string message);
  std::string type_error(const Field& field) const;

  ScenarioDiagnostics* diagnostics_;
  YAML::Node node_;
  YAML::Mark mark_;
  bool defaulted_;
  bool broken_ = false;  ///< the value is not a map: its keys are not looked at
  std::string path_;
  std::string schema_path_;
  YAML::Node out_;
  std::map<std::string, Field, std::less<>> fields_;
  std::set<std::string, std::less<>> failed_;
};

}  // namespace promosim
