#pragma once
// Every problem found in a scenario, reported together: a user fixing a YAML file wants the
// whole list at once, not one error per run.
#include <string>
#include <vector>

#include "user_error.hpp"

namespace promosim {

/// One problem in a scenario. `line` and `column` are 1-based; both are 0 when the value came
/// from a --set override, or when the problem concerns the whole file (then `yaml_path` is
/// empty as well, e.g. an unreadable file).
struct Diagnostic {
  std::string file;
  std::string yaml_path;  ///< e.g. "arms[1].recommender.params.decay"; "" for the file itself
  int line = 0;
  int column = 0;
  std::string message;    ///< the cause, then what to do
};

/// Thrown once per load or resolve with every diagnostic found. what() has one line per
/// diagnostic, "FILE:LINE:COL: YAML.PATH: message" ("--set" replaces LINE:COL for override
/// values; an empty path is left out), then a last line "N error(s) in FILE".
class ScenarioError : public UserError {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  /// One diagnostic as a line of what(), without a trailing newline.
  static std::string format(const Diagnostic& diagnostic);

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace promosim
