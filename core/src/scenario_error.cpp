#include "scenario_error.hpp"

namespace promosim {
namespace {

std::string format_all(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += ScenarioError::format(d) + "\n";
  const std::size_t n = diagnostics.size();
  const std::string file = diagnostics.empty() ? std::string() : diagnostics.front().file;
  return text + std::to_string(n) + (n == 1 ? " error in " : " errors in ") + file;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : UserError(format_all(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string ScenarioError::format(const Diagnostic& d) {
  // Built with append(): GCC 12 reports a false -Wrestrict on chains of "x" + std::string.
  std::string text = d.file;
  if (d.line > 0) {
    text.append(":").append(std::to_string(d.line)).append(":").append(std::to_string(d.column));
  } else if (!d.yaml_path.empty()) {
    text.append(":--set");
  }
  if (!d.yaml_path.empty()) text.append(": ").append(d.yaml_path);
  return text.append(": ").append(d.message);
}

}  // namespace promosim
