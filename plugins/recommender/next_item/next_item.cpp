// next_item: session-aware next-item recommendation. Shows what shoppers went on to after the
// item this shopper just engaged with (first- or second-order Markov transition counts),
// backs off to item_knn neighbours where transitions are unseen, then to the fallback.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "content_scorer.hpp"
#include "fallback_params.hpp"
#include "item_knn_params.hpp"
#include "next_item_model.hpp"
#include "promosim/sdk.hpp"
#include "sampled_replay.hpp"
#include "shopper_visits.hpp"
#include "slate_filler.hpp"

namespace promosim {
namespace {

constexpr ParamSpec kParams[] = {
    ParamSpec::integer("order", 1, 1, 2, "items",
                       "Markov order: 1 keys on the newest recent item, 2 on the newest two (backing off to 1 when "
                       "the pair is unseen)"),
    ParamSpec::integer("max_successors", 100, 1, 10000, "items",
                       "successor counts kept per item; when full, the lower-count half is dropped (bounds memory)"),
    ParamSpec::real("knn_blend", 0.8, 0, 1, "weight",
                    "score = prior * ((1 - knn_blend) * P / P_max + knn_blend * A / A_max): weight of item_knn "
                    "affinity A against transition probability P"),
    plugins::kNeighboursParam,
    plugins::kShrinkageParam, plugins::kPopularityExponentParam,
    plugins::kRecencyDecayParam,
    plugins::kRefreshHoursParam,
    plugins::kMaxPartnersParam,
    plugins::kFallbackParam,
    plugins::kColdSlotsParam,
};

constexpr MetricSpec kMetrics[] = {
    {"transition_share", "share of slots",
     "share of slate slots holding an item seen to follow the session's context, replayed at the tick's end on the "
     "sessions of every 8th shopper, stock not considered"},
    {"knn_share", "share of slots", "share holding an item_knn candidate with no seen transition, same replay"},
    {"fallback_share", "share of slots", "share filled by the fallback (cold slots included), same replay"},
    {"transition_counts", "counts", "transition counts stored, first and second order: the model's memory"},
};

plugins::NextItemConfig next_item_config(const ParameterSet& params) {
  plugins::NextItemConfig c;
  c.order = static_cast<std::uint32_t>(params.integer("order"));
  c.max_successors = static_cast<std::uint32_t>(params.integer("max_successors"));
  c.knn_blend = params.real("knn_blend");
  return c;
}

class NextItem final : public Recommender {
 public:
  explicit NextItem(const CreateContext& context)
      : model_(context.catalog->item_count, next_item_config(*context.params),
               plugins::item_knn_config(*context.params)),
        scorer_(*context.catalog, context.segment_count),
        filler_(plugins::slate_filler(*context.catalog, scorer_, *context.params)),
        refresh_ticks_(plugins::refresh_ticks(*context.params, context.ticks_per_day)),
        item_count_(context.catalog->item_count),
        slate_size_(context.slate_size) {}

  void fit(const LearnContext& /*context*/, EventSpan history) override {
    model_.learn(plugins::ShopperVisits::from_history(history, item_count_), history);
    scorer_.learn(history);
    rebuild();
  }

  void observe(const LearnContext& context, EventSpan events) override {
    emit_shares(context);
    model_.learn(plugins::ShopperVisits::from_tick(context.sessions, context.session_count, events, item_count_), events);
    scorer_.learn(events);
    if ((context.tick + 1) % refresh_ticks_ == 0) rebuild();
    context.emit(3, static_cast<double>(model_.transitions().stored_counts()));
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    Scratch scratch = make_scratch(slate_size);
    for (std::size_t i = 0; i < batch.size; ++i) {
      fill_slate(batch.sessions[i], *batch.context, scratch, slate_size, slates + i * slate_size);
    }
  }

 private:
  struct Scratch {
    plugins::CandidateScores scores, affinity;
    TopK best;
  };
  Scratch make_scratch(std::size_t slate_size) const {
    return {plugins::CandidateScores(model_.max_candidates()), plugins::CandidateScores(model_.max_candidates()),
            TopK(filler_.model_slots(slate_size))};
  }

  void rebuild() {
    model_.rebuild();
    scorer_.refresh();
  }

  /// Returns how many slots the model filled; the fallback filled the rest it could.
  std::size_t fill_slate(const SessionView& session, const DecisionContext& context, Scratch& scratch,
                         std::size_t slate_size, ItemId* slate) const {
    scratch.scores.clear();
    scratch.affinity.clear();
    model_.score(session, scratch.scores, scratch.affinity);
    return filler_.fill(scratch.scores, session, context, scratch.best, slate_size, slate).model;
  }

  /// Called before the tick's learning, so the model is the one the tick's sessions saw.
  void emit_shares(const LearnContext& context) const {
    struct Tally {
      std::size_t slots = 0, transitions = 0, similar = 0, fallback = 0;
      Tally& operator+=(const Tally& other) {
        slots += other.slots;
        transitions += other.transitions;
        similar += other.similar;
        fallback += other.fallback;
        return *this;
      }
    };
    const Tally tally = plugins::replay_sampled_sessions<Tally>(
        context, slate_size_, [&] { return make_scratch(slate_size_); },
        [&](const SessionView& session, const DecisionContext& decision, Scratch& scratch, ItemId* slate, Tally& t) {
          const std::size_t model_filled = fill_slate(session, decision, scratch, slate_size_, slate);
          const plugins::CappedCounts* row = model_.transitions().context(session);
          const auto followed = static_cast<std::size_t>(std::count_if(
              slate, slate + model_filled, [&](ItemId item) { return row != nullptr && row->count(item) > 0; }));
          t.transitions += followed;
          t.similar += model_filled - followed;
          t.fallback += static_cast<std::size_t>(
              std::count_if(slate + model_filled, slate + slate_size_, [](ItemId item) { return item != kNoItem; }));
          t.slots += slate_size_;
        });
    if (tally.slots == 0) return;
    const double n = static_cast<double>(tally.slots);
    context.emit(0, static_cast<double>(tally.transitions) / n);
    context.emit(1, static_cast<double>(tally.similar) / n);
    context.emit(2, static_cast<double>(tally.fallback) / n);
  }

  plugins::NextItemModel model_;
  plugins::ContentScorer scorer_;
  plugins::SlateFiller filler_;
  TickIndex refresh_ticks_;
  std::uint32_t item_count_;
  std::size_t slate_size_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::NextItem>(
    {"next_item", "1.0.0", "what shoppers went on to after the shopper's newest items (Markov transitions, item_knn back-off)"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
