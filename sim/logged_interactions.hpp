#pragma once
// A log's interactions grouped by shopper, in time order: what offline evaluation (and any
// model fitted to a real population) needs. Shoppers and items get dense indices in order of
// first appearance, so the same file always gives the same numbering.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "event_log.hpp"
#include "ingest_policy.hpp"
#include "ingest_summary.hpp"
#include "log_adapter.hpp"

namespace promosim {

/// One thing a shopper did with an item.
struct LoggedInteraction {
  std::int64_t time = kNoTime;
  std::uint32_t item = 0;
  EventKind kind = EventKind::kView;
};

class LoggedInteractions {
 public:
  /// Streams `path` through `adapter`. Views, clicks, carts and purchases are interactions, and
  /// so are impressions with a positive reward (a clicked bandit impression); impressions
  /// without one are not: the shopper did nothing with the item. Holds every interaction in
  /// memory (12 bytes each plus 4 per shopper). Throws UserError for an unreadable file or a
  /// log without any interaction.
  static LoggedInteractions read(LogAdapter& adapter, const std::string& path, const IngestPolicy& policy,
                                 IngestSummary& summary);

  std::uint32_t shopper_count() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  std::uint32_t item_count() const { return static_cast<std::uint32_t>(item_price_.size()); }
  std::size_t size() const { return interactions_.size(); }
  /// The shopper's interactions, oldest first; events with equal times keep file order.
  std::span<const LoggedInteraction> of(std::uint32_t shopper) const {
    return {interactions_.data() + offsets_[shopper], interactions_.data() + offsets_[shopper + 1]};
  }
  /// Mean logged price of each item; NaN for an item the log never priced.
  const std::vector<double>& item_price() const { return item_price_; }

 private:
  std::vector<LoggedInteraction> interactions_;  ///< grouped by shopper
  std::vector<std::uint32_t> offsets_{0};        ///< shopper s owns [offsets_[s], offsets_[s+1])
  std::vector<double> item_price_;
};

}  // namespace promosim
