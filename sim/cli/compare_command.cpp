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
  CompareOptions options;
  options.runs = args.runs;
  options.baseline = args.baseline;
  options.format = args.format;
  options.metrics = args.metrics;
  options.by = args.by;
  options.correction = args.correction;
  options.primary = args.primary;
  options.guardrails = args.guardrails;
  options.detect = args.detect;
  std::cout << compare_results(databases, options);
  return kExitOk;
}

}  // namespace promosim::cli
