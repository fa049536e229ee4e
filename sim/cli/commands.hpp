#pragma once
// The promosim subcommands. Each returns the process exit code; user errors are thrown as
// UserError and turned into one line on stderr by main().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace promosim::cli {

/// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;   ///< a plugin or the run failed
inline constexpr int kExitBadInput = 2;    ///< the user's input (scenario, path, arguments) is wrong
inline constexpr int kExitInterrupted = 130;

struct RunArgs {
  std::string scenario;
  unsigned threads = 0;
  std::string out;
  std::vector<std::string> overrides;
  bool no_compare = false;
};
int run_command(const RunArgs& args);

int validate_command(const std::string& scenario, const std::vector<std::string>& overrides);

int plugins_command(const std::string& name, const std::vector<std::string>& plugin_paths);

struct CompareArgs {
  std::string database;
  std::optional<std::int64_t> run;
  std::string baseline;
  std::string format = "table";
};
int compare_command(const CompareArgs& args);

int schema_command();

}  // namespace promosim::cli
