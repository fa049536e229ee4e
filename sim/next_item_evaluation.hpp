#pragma once
// Offline next-item evaluation of a recommender plugin on a real log (`promosim evaluate`):
// fit on each shopper's history but the last item, rank for every held-out shopper, score
// where the held-out item lands. Protocol in docs/offline-evaluation.md.
#include <cstdint>
#include <vector>

#include "leave_last_out.hpp"
#include "log_catalog.hpp"
#include "plugin_registry.hpp"
#include "scenario.hpp"

namespace promosim {

struct RankingOptions {
  std::uint32_t k = 10;          ///< cut-off of HR@k and NDCG@k
  std::uint32_t negatives = 0;   ///< 0: rank the whole catalog; N: rank the target among N sampled unseen items
  std::uint64_t seed = 1;        ///< plugins' random key and the negatives' stream
};

/// One value per held-out case, in LeaveLastOut::cases order, so recommenders can be paired.
struct RankingScores {
  std::vector<double> hit;   ///< 1 if the target ranks within k, else 0
  std::vector<double> ndcg;  ///< 1 / log2(rank + 1) within k, else 0 (one relevant item, so IDCG = 1)
  std::uint32_t slate_size = 0;  ///< items asked of the plugin per shopper
  double fit_seconds = 0.0;
  double rank_seconds = 0.0;
};

/// Creates the recommender `choice` (from `entry`) on `catalog`, fits it on `split.training` if
/// it learns from history, and ranks for every case; seen (training) items are skipped. A
/// plugin that throws or returns an item outside the catalog raises PluginError.
RankingScores evaluate_next_item(const PluginEntry& entry, const PluginChoice& choice, const LogCatalog& catalog,
                                 const LoggedInteractions& log, const LeaveLastOut& split,
                                 const RankingOptions& options);

}  // namespace promosim
