// item_knn: item-based collaborative filtering. Items engaged with by the same shoppers close
// together are neighbours (cosine with shrinkage on co-occurrence counts); a session is shown
// the neighbours of what it engaged with recently, and the content fallback fills the rest.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "content_scorer.hpp"
#include "fallback_params.hpp"
#include "item_knn_model.hpp"
#include "item_knn_params.hpp"
#include "promosim/sdk.hpp"
#include "sampled_replay.hpp"
#include "shopper_visits.hpp"
#include "slate_filler.hpp"

namespace promosim {
namespace {

constexpr ParamSpec kParams[] = {
    plugins::kNeighboursParam,  plugins::kShrinkageParam, plugins::kPopularityExponentParam, plugins::kRecencyDecayParam, plugins::kRefreshHoursParam,
    plugins::kMaxPartnersParam, plugins::kFallbackParam,  plugins::kColdSlotsParam,
};

constexpr MetricSpec kMetrics[] = {
    {"mean_neighbours", "items", "mean neighbour-list length over the catalog after the tick"},
    {"fallback_share", "share of slots",
     "share of slate slots filled by the fallback (cold slots included), replayed at the tick's end on the sessions "
     "of every 8th shopper, stock not considered"},
    {"cooccurrence_counts", "counts", "co-occurrence counts stored, each pair in both items' rows: the model's memory"},
};

class ItemKnn final : public Recommender {
 public:
  explicit ItemKnn(const CreateContext& context)
      : model_(context.catalog->item_count, plugins::item_knn_config(*context.params)),
        scorer_(*context.catalog, context.segment_count),
        filler_(plugins::slate_filler(*context.catalog, scorer_, *context.params)),
        refresh_ticks_(plugins::refresh_ticks(*context.params, context.ticks_per_day)),
        slate_size_(context.slate_size) {}

  void fit(const LearnContext& /*context*/, EventSpan history) override {
    model_.learn(plugins::ShopperVisits::from_history(history, model_.item_count()));
    model_.learn_values(history);
    scorer_.learn(history);
    rebuild();
  }

  void observe(const LearnContext& context, EventSpan events) override {
    emit_fallback_share(context);
    model_.learn(plugins::ShopperVisits::from_tick(context.sessions, context.session_count, events, model_.item_count()));
    model_.learn_values(events);
    scorer_.learn(events);
    if ((context.tick + 1) % refresh_ticks_ == 0) rebuild();
    context.emit(0, model_.mean_neighbours());
    context.emit(2, static_cast<double>(model_.stored_counts()));
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    Scratch scratch = make_scratch(slate_size);
    for (std::size_t i = 0; i < batch.size; ++i) {
      fill_slate(batch.sessions[i], *batch.context, scratch, slate_size, slates + i * slate_size);
    }
  }

 private:
  struct Scratch {
    plugins::CandidateScores scores;
    TopK best;
  };
  Scratch make_scratch(std::size_t slate_size) const {
    return {plugins::CandidateScores(model_.max_candidates()), TopK(filler_.model_slots(slate_size))};
  }

  void rebuild() {
    model_.rebuild();
    scorer_.refresh();
  }

  /// Returns how many slots the fallback filled.
  std::size_t fill_slate(const SessionView& session, const DecisionContext& context, Scratch& scratch,
                         std::size_t slate_size, ItemId* slate) const {
    scratch.scores.clear();
    model_.score(session, 1.0f, scratch.scores);
    model_.apply_prior(scratch.scores);
    return filler_.fill(scratch.scores, session, context, scratch.best, slate_size, slate).fallback;
  }

  /// Called before the tick's learning, so the lists are those the tick's sessions saw.
  void emit_fallback_share(const LearnContext& context) const {
    struct Tally {
      std::size_t slots = 0, fallback = 0;
      Tally& operator+=(const Tally& other) {
        slots += other.slots;
        fallback += other.fallback;
        return *this;
      }
    };
    const Tally tally = plugins::replay_sampled_sessions<Tally>(
        context, slate_size_, [&] { return make_scratch(slate_size_); },
        [&](const SessionView& session, const DecisionContext& decision, Scratch& scratch, ItemId* slate, Tally& t) {
          t.fallback += fill_slate(session, decision, scratch, slate_size_, slate);
          t.slots += slate_size_;
        });
    if (tally.slots > 0) context.emit(1, static_cast<double>(tally.fallback) / static_cast<double>(tally.slots));
  }

  plugins::ItemKnnModel model_;
  plugins::ContentScorer scorer_;
  plugins::SlateFiller filler_;
  TickIndex refresh_ticks_;
  std::size_t slate_size_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::ItemKnn>(
    {"item_knn", "1.0.0", "neighbours (cosine with shrinkage on co-engagement) of the shopper's recent items"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
