#include "ope_plugin_policy.hpp"

#include "leave_last_out.hpp"
#include "log_adapter.hpp"
#include "log_recommender.hpp"
#include "logged_interactions.hpp"
#include "plugin_error.hpp"

namespace promosim {

namespace {
constexpr const char* kWhere = "promosim ope";
}

PolicyOnLog make_plugin_policy(const PluginPolicySource& source, const PluginRegistry& plugins, const OpeLog& log) {
  const PluginChoice choice = plugin_choice_from_text(source.plugin, PluginKind::kRecommender, plugins, "--policy");
  const PluginEntry& entry = *plugins.entry(PluginKind::kRecommender, choice.name);
  std::unique_ptr<LogAdapter> adapter = make_log_adapter(log.source().format, log.source().mapping);
  const IngestPolicy ingest{log.source().on_bad_row, ShopperPseudonym::throwaway(), 0};
  IngestSummary summary;
  const LoggedInteractions train = LoggedInteractions::read(*adapter, source.train_path, ingest, summary);
  const LogCatalog catalog(train);

  // One slate for a shopper with no history (the id after the training log's shoppers), with a
  // slot for every logged position.
  const std::size_t slots = log.positions().size();
  const auto slate_size = static_cast<std::uint32_t>(slots);
  const ShopperId newcomer = train.shopper_count();
  const PluginInstance<Recommender> recommender = fit_log_recommender(
      entry, choice, catalog, history_events(train, catalog.view()), {newcomer + 1, slate_size, source.seed, kWhere});
  const DecisionContext decision = log_decision_context(catalog, source.seed);
  SessionView session;
  session.shopper = newcomer;
  const SessionBatch batch{&decision, &session, 1};
  std::vector<ItemId> slate(slate_size, kNoItem);
  guarded_call(*entry.descriptor, "recommend", kWhere, [&] { recommender->recommend(batch, slate_size, slate.data()); });
  check_slate_items(*entry.descriptor, slate.data(), slate.size(), catalog.view().item_count, kWhere);

  PolicyOnLog policy;
  policy.spec = source.spec;
  const std::size_t actions = log.actions().size();
  policy.class_probability.assign(slots * actions, 0.0);
  for (std::size_t s = 0; s < slots; ++s) {
    // A shown item the evaluated log never took keeps its probability out: unsupported mass.
    if (slate[s] == kNoItem) continue;
    if (const auto action = log.action_index(adapter->item_ids()[slate[s]])) {
      policy.class_probability[s * actions + *action] = 1.0;
    }
  }
  for (const OpeRow& row : log.rows()) policy.row_class.push_back(row.slot);
  measure_support(policy, log);
  return policy;
}

}  // namespace promosim
