// promosim: the command-line entry point. Parses arguments with CLI11 and dispatches to the
// subcommands; turns user errors into one line on stderr and a non-zero exit.
#include <CLI/CLI.hpp>
#include <iostream>
#include <new>

#include "commands.hpp"
#include "huge_pages.hpp"
#include "plugin_error.hpp"
#include "user_error.hpp"

namespace {

/// The options every logged-data command shares: the log file, its format and column mapping,
/// and (where the command has one) what to do with a bad row.
void add_log_options(CLI::App* command, std::string& log, std::string& format, std::string& mapping,
                     std::string* on_bad_row) {
  command->add_option("log", log, "Log file")->required();
  command->add_option("--format", format, "generic, rees46, diginetica, obd, hillstrom or movielens")->required();
  command->add_option("--mapping", mapping, "Column mapping YAML (--format generic; see docs/event-log.md)");
  if (on_bad_row != nullptr) {
    command->add_option("--on-bad-row", *on_bad_row, "skip (count and go on, default) or fail (stop at the first)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace promosim::cli;
  restart_with_huge_pages(argv);
  CLI::App app{"promosim: compare e-commerce promotion strategies by simulation"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "promosim 0.1.0");

  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a scenario and store its results");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("--threads", run.threads, "Worker threads (0 = all cores); results do not depend on it")
      ->check(CLI::Range(0u, 1024u));
  run_cmd->add_option("--out", run.out, "Results database (default: the scenario's output.path)");
  run_cmd->add_option("--set", run.overrides, "Override a scenario value: dotted.path=value (repeatable)");
  run_cmd->add_flag("--no-compare", run.no_compare, "Do not print the comparison table at the end");
  run_cmd->add_flag("--independent", run.independent,
                    "Give every arm its own world and random numbers instead of common random numbers (to measure "
                    "what pairing gains; compare then reports unpaired lifts)");

  std::string validate_path;
  std::vector<std::string> validate_overrides;
  CLI::App* validate_cmd = app.add_subcommand("validate", "Check a scenario and report every error in it");
  validate_cmd->add_option("scenario", validate_path, "Scenario YAML file")->required();
  validate_cmd->add_option("--set", validate_overrides, "Override a scenario value: dotted.path=value");

  std::string plugin_name;
  std::vector<std::string> plugin_paths;
  CLI::App* plugins_cmd = app.add_subcommand("plugins", "List plugins, or describe one with its parameters");
  plugins_cmd->add_option("name", plugin_name, "Plugin to describe");
  plugins_cmd->add_option("--plugin-path", plugin_paths, "Extra folder to search for plugins (repeatable)");

  CompareArgs compare;
  CLI::App* compare_cmd =
      app.add_subcommand("compare", "Compare the arms of stored runs with confidence intervals and a verdict");
  compare_cmd->add_option("results", compare.databases,
                          "Results database(s); several: each one's newest run, all of one scenario")
      ->required();
  compare_cmd->add_option("--run", compare.options.runs, "Run id (repeatable; default: the newest run)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  compare_cmd->add_option("--baseline", compare.options.baseline, "Baseline arm (default: the first arm)");
  compare_cmd->add_option("--format", compare.options.format, "Output format: table, markdown, csv or json");
  compare_cmd->add_option("--by", compare.options.by, "Break every lift down by phase, day, hour (of day) or segment");
  compare_cmd->add_option("--metrics", compare.options.metrics, "Metrics to show (comma-separated; default: all)")
      ->delimiter(',');
  compare_cmd->add_option("--correction", compare.options.correction,
                          "Multiple-testing correction across arms x metrics: holm (default), bh or none");
  compare_cmd->add_option("--primary", compare.options.primary, "The metric the decision is about (default: revenue)");
  compare_cmd->add_option("--guardrails", compare.options.guardrails,
                          "Metrics a winner must not lose on (comma-separated; default: margin,discount_cost)")
      ->delimiter(',');
  compare_cmd->add_option("--detect", compare.options.detect,
                          "Relative lift the replicates-needed column is computed for (default 0.01 = 1%)");

  ReportArgs report;
  CLI::App* report_cmd =
      app.add_subcommand("report", "Write a run's comparison as one self-contained HTML file (charts, opens offline)");
  report_cmd->add_option("results", report.database, "Results database")->required();
  report_cmd->add_option("-o,--out", report.out, "HTML file to write")->required();
  report_cmd->add_option("--run", report.run, "Run id (default: the newest run)");
  report_cmd->add_option("--baseline", report.options.baseline, "Baseline arm (default: the first arm)");
  report_cmd->add_option("--primary", report.options.primary, "The metric the decision is about (default: revenue)");
  report_cmd->add_option("--correction", report.options.correction, "holm (default), bh or none");

  IngestArgs ingest;
  CLI::App* ingest_cmd = app.add_subcommand(
      "ingest", "Read a logged-data file (events with pseudonymised shoppers) and print what it holds");
  add_log_options(ingest_cmd, ingest.log, ingest.format, ingest.mapping, &ingest.on_bad_row);
  ingest_cmd->add_option("--limit", ingest.limit, "Read at most N data rows (default: all)");

  EvaluateArgs evaluate;
  CLI::App* evaluate_cmd = app.add_subcommand(
      "evaluate", "Score recommender plugins on a real log: hold out each shopper's last item, report HR@k and NDCG@k");
  add_log_options(evaluate_cmd, evaluate.log, evaluate.format, evaluate.mapping, &evaluate.on_bad_row);
  evaluate_cmd
      ->add_option("--recommender", evaluate.recommenders,
                   "Recommender to score: a name or '{name: N, params: {...}}' (repeatable; the first is the baseline "
                   "the others are compared with)")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  evaluate_cmd->add_option("--k", evaluate.k, "Cut-off of HR@k and NDCG@k (default 10)");
  evaluate_cmd->add_option("--negatives", evaluate.negatives,
                           "Rank the held-out item among N sampled unseen items instead of the whole catalog");
  evaluate_cmd->add_option("--seed", evaluate.seed, "Random key of the plugins and of the sampled negatives (default 1)");
  evaluate_cmd->add_option("--limit", evaluate.limit, "Read at most N data rows (default: all)");
  evaluate_cmd->add_option("--plugin-path", evaluate.plugin_paths, "Extra folder to search for plugins (repeatable)");

  OpeArgs ope;
  CLI::App* ope_cmd = app.add_subcommand(
      "ope", "Estimate what other policies would have earned on a log with propensities (off-policy evaluation)");
  add_log_options(ope_cmd, ope.log, ope.format, ope.mapping, &ope.on_bad_row);
  ope_cmd->add_option("--policy", ope.policies,
                      "Target policy (repeatable): uniform, always:ACTION, logged:PATH, rules:COND&COND->ACTION;... or "
                      "recommender:PLUGIN (fitted on --train)")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  ope_cmd->add_option("--outcome", ope.outcome, "reward (default), click or purchase");
  ope_cmd->add_option("--bootstrap", ope.bootstrap, "Bootstrap resamples for the intervals (default 1000; 0 = none)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
  ope_cmd->add_option("--seed", ope.seed, "Seed of the bootstrap resamples and recommender: plugins' random key (default 1)");
  ope_cmd->add_option("--switch-threshold", ope.switch_threshold,
                      "Switch-DR: rows with importance weight above this use DM alone (default 100)");
  ope_cmd->add_option("--model-features", ope.model_features,
                      "Categorical features that stratify DM's reward model (comma-separated; default none)")
      ->delimiter(',');
  ope_cmd->add_option("--output-format", ope.output_format, "table (default), csv or json");
  ope_cmd->add_option("--train", ope.train, "Log (same format) that recommender: policies are fitted on");
  ope_cmd->add_option("--plugin-path", ope.plugin_paths, "Extra folder to search for plugins (repeatable)");

  CalibrateArgs calibrate;
  CLI::App* calibrate_cmd = app.add_subcommand(
      "calibrate", "Fit behaviour-model values to a log's marginals and write them as a scenario fragment");
  add_log_options(calibrate_cmd, calibrate.log, calibrate.format, calibrate.mapping, nullptr);
  calibrate_cmd->add_option("--out", calibrate.out, "Scenario fragment (YAML) to write")->required();
  calibrate_cmd->add_option("--scenario", calibrate.scenario,
                            "Base scenario to simulate (its first arm; default: a small built-in one)");
  calibrate_cmd->add_option("--seed", calibrate.seed, "Seed of the calibration simulations (default: the scenario's)");

  app.add_subcommand("schema", "Print the scenario reference (every key, type, default, range)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitBadInput;
  }
  try {
    if (*run_cmd) return run_command(run);
    if (*validate_cmd) return validate_command(validate_path, validate_overrides);
    if (*plugins_cmd) return plugins_command(plugin_name, plugin_paths);
    if (*compare_cmd) return compare_command(compare);
    if (*report_cmd) return report_command(report);
    if (*ingest_cmd) return ingest_command(ingest);
    if (*evaluate_cmd) return evaluate_command(evaluate);
    if (*ope_cmd) return ope_command(ope);
    if (*calibrate_cmd) return calibrate_command(calibrate);
    return schema_command();
  } catch (const promosim::PluginError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitRunFailed;
  } catch (const promosim::UserError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: not enough memory; for a scenario reduce population.shoppers, catalog.items, "
                 "catalog.factor_dim or output.event_sample; for a log use a smaller one (or, for evaluate, no "
                 "--negatives)\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\nThis is a bug in promosim; please report it with the scenario.\n";
    return kExitRunFailed;
  }
}
