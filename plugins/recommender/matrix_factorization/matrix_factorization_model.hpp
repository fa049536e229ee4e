#pragma once
// Implicit-feedback matrix factorization recommender: shopper and item factors trained on the
// history in fit() (weighted ALS or BPR), shoppers folded in at every barrier as their
// interactions grow (new shoppers included), and each session ranked over a small candidate
// set (CandidateIndex) by its shopper's factors · the item's factors + the item's bias.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "als_trainer.hpp"
#include "bpr_trainer.hpp"
#include "candidate_index.hpp"
#include "changed_shoppers.hpp"
#include "content_scorer.hpp"
#include "event_weights.hpp"
#include "implicit_feedback.hpp"
#include "promosim/sdk.hpp"
#include "weighted_least_squares.hpp"

namespace promosim::plugins {

enum class FactorMethod { kAls, kBpr };

/// The `method` parameter's choices and their parsing.
inline constexpr const char* kMethodChoices = "als|bpr";
FactorMethod parse_method(std::string_view name);

struct MatrixFactorizationConfig {
  FactorMethod method = FactorMethod::kAls;
  /// ALS training and fold-in.
  AlsConfig als;
  bool category_prior = false;  ///< shrink item factors toward their category's mean
  BprConfig bpr;  ///< BPR training and fold-in
  EventWeights event_weights;
  std::size_t item_neighbours = 0;       ///< candidates per recent item
  std::size_t pool_size = 0;             ///< globally strong candidates
  FallbackMode fallback = FallbackMode::kContent;
  std::size_t cold_slots = 0;            ///< slots for cold items, content fallback only
};

class MatrixFactorizationModel {
 public:
  MatrixFactorizationModel(const CreateContext& context, const MatrixFactorizationConfig& config);

  /// Learns the history, trains the factors and builds the candidate lists.
  void fit(EventSpan history);

  struct TickSummary {
    std::size_t folded_in = 0;  ///< shoppers whose factors were solved again at this barrier
    double coverage = 0.0;      ///< share of the tick's sessions whose shopper had factors
  };
  /// Learns the events of tick `tick` and folds in every shopper whose interactions changed,
  /// with the item side fixed: ALS solves the shopper's exact weighted least-squares problem
  /// (the same solve as training's last shopper step); BPR runs the shopper's part of its
  /// SGD from the current factors (BprTrainer::fold_in).
  TickSummary observe(TickIndex tick, const SessionOutcome* sessions, std::size_t session_count, EventSpan events);

  /// One slate per session, assembled by RankedSlateFiller; see recommender.hpp. const and
  /// thread-safe.
  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const;

  bool has_factors(ShopperId shopper) const { return has_factors_.at(shopper) != 0; }

  const FactorMatrix& shopper_factors() const { return shoppers_; }
  const FactorMatrix& item_factors() const { return items_; }
  /// b per item; all 0 without item biases.
  const std::vector<float>& item_bias() const { return item_bias_; }
  /// The training loss after each ALS iteration or BPR epoch of fit().
  const std::vector<double>& training_loss() const { return training_loss_; }

 private:
  /// Scratch of one recommend() call.
  struct Scratch;
  void learn(EventSpan events);
  void fold_in(const std::vector<ShopperId>& shoppers, TickIndex tick);
  /// Scores the session's candidates (CandidateIndex) by x_shopper · y_item + b_item into
  /// scratch.best; nothing for a shopper without factors.
  void rank_for(const SessionView& session, const DecisionContext& context, std::uint32_t stamp,
                Scratch& scratch) const;

  const CatalogView& catalog_;
  MatrixFactorizationConfig config_;
  std::uint64_t random_key_;
  ImplicitFeedback feedback_;
  FactorMatrix shoppers_, items_;
  std::vector<float> item_bias_;
  std::vector<std::uint8_t> has_factors_;  // per shopper: a non-zero factor vector
  std::optional<WeightedLeastSquares> fold_in_;  // ALS: against items_ and item_bias_, rebuilt after fit
  CandidateIndex candidates_;
  ContentScorer content_;
  std::vector<double> training_loss_;
  ChangedShoppers changed_;  // shoppers with new interactions since the last solve
};

}  // namespace promosim::plugins
