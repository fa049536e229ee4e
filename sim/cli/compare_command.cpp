#include <iostream>
#include <memory>

#include "commands.hpp"
#include "comparison.hpp"
#include "results_reader.hpp"

namespace promosim::cli {

int compare_command(const CompareArgs& args) {
  std::vector<std::unique_ptr<ResultsReader>> readers;
  std::vector<const ResultsReader*> databases;
  for (const std::string& path : args.databases) {
    readers.push_back(std::make_unique<ResultsReader>(path));
    databases.push_back(readers.back().get());
  }
  std::cout << compare_results(databases, args.options);
  return kExitOk;
}

}  // namespace promosim::cli
