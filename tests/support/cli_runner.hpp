#pragma once
// Runs the promosim CLI as a user would and captures what it says. Shared by the
// integration and golden suites.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace promosim::test {

struct CliResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// Single-quotes `arg` for /bin/sh.
inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A fresh, empty folder under the system temp folder, unique per call.
inline std::filesystem::path fresh_folder(const std::string& name) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("promosim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Runs `promosim args...` with stdin closed; returns exit code, stdout and stderr. A
/// `launcher` (e.g. mpirun -np 2) is put in front of the binary.
inline CliResult run_cli(const std::vector<std::string>& args, const std::vector<std::string>& launcher = {}) {
  const auto dir = fresh_folder("cli");
  std::string command;
  for (const std::string& word : launcher) command += shell_quote(word) + " ";
  command += shell_quote(PROMOSIM_BIN);
  for (const std::string& a : args) command += " " + shell_quote(a);
  command += " </dev/null >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(dir / "out");
  result.err = read_file(dir / "err");
  std::filesystem::remove_all(dir);
  return result;
}

/// Path of a file under the tests/ source folder.
inline std::string source_path(const std::string& relative) {
  return (std::filesystem::path(PROMOSIM_TEST_SOURCE_DIR) / relative).string();
}

}  // namespace promosim::test
