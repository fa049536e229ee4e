// `promosim evaluate`: leave-last-out next-item evaluation of recommender plugins on a real log.
#include <algorithm>
#include <iostream>
#include <memory>

#include "aligned_columns.hpp"
#include "commands.hpp"
#include "leave_last_out.hpp"
#include "log_recommender.hpp"
#include "log_adapter.hpp"
#include "next_item_evaluation.hpp"
#include "number_format.hpp"
#include "statistics.hpp"
#include "user_error.hpp"

namespace promosim::cli {

namespace {

std::string with_interval(const Interval& i, bool sign = false) {
  const std::string estimate = fixed_decimals(i.estimate, 4, sign);
  if (!i.available) return estimate + " [n/a]";
  return estimate + " [" + fixed_decimals(i.low, 4, sign) + ", " + fixed_decimals(i.high, 4, sign) + "]";
}

/// HR is a proportion of shoppers: Wilson interval.
Interval hit_rate(const std::vector<double>& hits) {
  std::uint64_t found = 0;
  for (const double h : hits) found += h > 0.0 ? 1 : 0;
  return wilson_interval(found, hits.size());
}

/// NDCG@k lies in [0, 1]; so does its interval.
Interval mean_ndcg(const std::vector<double>& ndcg) {
  Interval i = t_interval(ndcg);
  i.low = std::max(0.0, i.low);
  i.high = std::min(1.0, i.high);
  return i;
}

Interval paired_difference(const std::vector<double>& arm, const std::vector<double>& base) {
  std::vector<double> difference(arm.size());
  for (std::size_t i = 0; i < arm.size(); ++i) difference[i] = arm[i] - base[i];
  return t_interval(difference);
}


}  // namespace

int evaluate_command(const EvaluateArgs& args) {
  if (args.k == 0) throw UserError("--k 0 ranks nothing; pass a cut-off of at least 1, e.g. --k 10");
  const PluginRegistry registry = PluginRegistry::discover(PluginRegistry::search_path(args.plugin_paths));
  std::vector<PluginChoice> choices;
  for (const std::string& text : args.recommenders) choices.push_back(plugin_choice_from_text(text, PluginKind::kRecommender, registry, "--recommender"));

  IngestPolicy policy{parse_on_bad_row(args.on_bad_row), ShopperPseudonym::throwaway(), args.limit};
  std::unique_ptr<LogAdapter> adapter = make_log_adapter(args.format, args.mapping);
  IngestSummary summary;
  const LoggedInteractions log = LoggedInteractions::read(*adapter, args.log, policy, summary);
  const LogCatalog catalog(log);
  const LeaveLastOut split = split_leave_last_out(log, catalog.view());
  if (split.cases.empty()) {
    throw UserError(args.log + ": no shopper has two or more interactions with a new last item, so there is nothing "
                    "to hold out; evaluate needs a log with repeat shoppers");
  }
  const RankingOptions options{args.k, args.negatives, args.seed};

  std::cout << "leave-last-out on " << args.log << " (" << args.format << "): " << with_separators(log.size())
            << " interactions, " << with_separators(log.shopper_count()) << " shoppers, "
            << with_separators(log.item_count()) << " items\n"
            << "tested:  " << with_separators(static_cast<double>(split.cases.size()))
            << " shoppers (not tested: " << with_separators(split.single_interaction)
            << " with one interaction, " << with_separators(split.repeated_target)
            << " whose last item repeats an earlier one)\n"
            << "ranking: "
            << (args.negatives > 0 ? "the held-out item among " + std::to_string(args.negatives) +
                                         " sampled unseen items"
                                   : std::string("the whole catalog"))
            << ", items in the shopper's history excluded\n"
            << "baseline: " << args.recommenders.front()
            << " (differences are paired over the tested shoppers); [95% CIs over shoppers]\n\n";

  const std::string k = std::to_string(args.k);
  std::vector<std::vector<std::string>> rows{
      {"recommender", "HR@" + k, "NDCG@" + k, "HR@" + k + " - baseline", "NDCG@" + k + " - baseline", "fit s", "rank s"}};
  std::vector<RankingScores> scores;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const PluginChoice& choice = choices[i];
    scores.push_back(
        evaluate_next_item(*registry.entry(PluginKind::kRecommender, choice.name), choice, catalog, log, split, options));
    const RankingScores& s = scores.back();
    const bool baseline = i == 0;
    rows.push_back({args.recommenders[i], with_interval(hit_rate(s.hit)), with_interval(mean_ndcg(s.ndcg)),
                    baseline ? "" : with_interval(paired_difference(s.hit, scores.front().hit), true),
                    baseline ? "" : with_interval(paired_difference(s.ndcg, scores.front().ndcg), true),
                    fixed_decimals(s.fit_seconds, 2), fixed_decimals(s.rank_seconds, 2)});
  }
  std::cout << aligned_columns(rows);
  return kExitOk;
}

}  // namespace promosim::cli
