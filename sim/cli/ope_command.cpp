#include <algorithm>
#include <iostream>
#include <optional>
#include <string_view>

#include "commands.hpp"
#include "did_you_mean.hpp"
#include "ingest_policy.hpp"
#include "ope_plugin_policy.hpp"
#include "ope_report.hpp"
#include "user_error.hpp"

namespace promosim::cli {

namespace {

std::vector<std::size_t> model_feature_indices(const std::vector<std::string>& names, const OpeLog& log) {
  std::vector<std::size_t> indices;
  for (const std::string& name : names) {
    const auto index = log.feature_index(name);
    if (!index) {
      std::string known;
      for (const std::string& f : log.feature_names()) known += (known.empty() ? "" : ", ") + f;
      throw UserError("--model-features: no feature '" + name + "' in a " + log.source().format + " log" +
                      did_you_mean(name, log.feature_names()) + "; use " +
                      (known.empty() ? std::string("none (this format exposes no features)") : known));
    }
    indices.push_back(*index);
  }
  return indices;
}

}  // namespace

int ope_command(const OpeArgs& args) {
  const OpeLogSource source{args.log, args.format, args.mapping, parse_on_bad_row(args.on_bad_row),
                            parse_ope_outcome(args.outcome)};
  if (!(args.switch_threshold > 0))
    throw UserError("--switch-threshold must be a positive weight (default 100); pass e.g. --switch-threshold 50");
  check_ope_output_format(args.output_format);
  const OpeLog log = OpeLog::read(source);
  OpeSettings settings;
  settings.resamples = args.bootstrap;
  settings.seed = args.seed;
  settings.switch_threshold = args.switch_threshold;
  settings.model_features = model_feature_indices(args.model_features, log);
  // Every policy is parsed before any is evaluated, so a typo in the last one costs no waiting.
  const bool plugin_policy = std::any_of(args.policies.begin(), args.policies.end(),
                                         [](const std::string& spec) { return spec.starts_with("recommender:"); });
  if (!args.train.empty() && !plugin_policy) {
    throw UserError("--train " + args.train + " is only read for recommender: policies, and none is given; add "
                    "--policy recommender:PLUGIN or drop --train");
  }
  std::vector<OpePolicyResult> results;
  std::optional<PluginRegistry> plugins;
  constexpr std::string_view kPluginKind = "recommender:";
  for (const std::string& spec : args.policies) {
    if (!spec.starts_with(kPluginKind)) {
      results.push_back({make_policy(spec, log), {}});
      continue;
    }
    if (args.train.empty()) {
      throw UserError("--policy " + spec + " needs --train LOG: a log of the same format to fit the plugin on (fitting "
                      "it on the evaluated log would let its outcomes leak into the policy)");
    }
    if (!plugins) plugins = PluginRegistry::discover(PluginRegistry::search_path(args.plugin_paths));
    results.push_back(
        {make_plugin_policy({spec, spec.substr(kPluginKind.size()), args.train, args.seed}, *plugins, log), {}});
  }
  for (OpePolicyResult& result : results) result.evaluation = evaluate_policy(log, result.policy, settings);
  std::cout << render_ope(log, settings, results, args.output_format);
  return kExitOk;
}

}  // namespace promosim::cli
