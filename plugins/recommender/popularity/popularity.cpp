// Popularity recommender: every shopper sees the items with the most recent weighted
// engagement (clicks, carts, purchases), a strong non-personalised baseline that any
// personalised strategy has to beat.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::choice("mode", "decayed", "decayed|windowed",
                      "how old engagement fades: exponential decay (decayed) or a sliding window (windowed)"),
    ParamSpec::real("half_life_hours", 24, 0.01, 8760, "hours",
                    "decayed mode: age at which an event counts half as much as a fresh one"),
    ParamSpec::integer("window_hours", 72, 1, 8760, "hours",
                       "windowed mode: events older than this stop counting (rounded up to whole ticks)"),
    ParamSpec::real("click_weight", 1, 0, kUnbounded, "score per event", "score a click adds to its item"),
    ParamSpec::real("cart_weight", 3, 0, kUnbounded, "score per event", "score an add-to-cart adds to its item"),
    ParamSpec::real("purchase_weight", 10, 0, kUnbounded, "score per event",
                    "score a purchased unit adds to its item"),
    ParamSpec::boolean("exclude_recent", true,
                       "skip items the shopper clicked recently, unless nothing else is left to show"),
};

constexpr MetricSpec kMetrics[] = {
    {"active_items", "items", "items with a positive popularity score after the tick's events"},
};

/// Learning tick the pre-timeline history is filed under: it ends just before tick 0, so the
/// first observe() ages it by one tick and a window drops it like any other old tick.
constexpr std::int64_t kHistoryTick = -1;

/// Decayed scores below this fraction of the largest event weight count as zero, so items
/// whose engagement has faded away leave `active_items` instead of lingering as denormals.
constexpr double kForgottenFraction = 1e-9;

class Popularity final : public Recommender {
 public:
  explicit Popularity(const CreateContext& context)
      : catalog_(context.catalog),
        windowed_(context.params->choice("mode") == "windowed"),
        exclude_recent_(context.params->boolean("exclude_recent")),
        weights_{context.params->real("click_weight"), context.params->real("cart_weight"),
                 context.params->real("purchase_weight")},
        list_size_(std::min<std::size_t>(context.slate_size + kRecentItems, context.catalog->item_count)),
        scores_(context.catalog->item_count, 0.0),
        order_(context.catalog->item_count) {
    const double tick_hours = 24.0 / context.ticks_per_day;
    decay_per_tick_ = std::pow(0.5, tick_hours / context.params->real("half_life_hours"));
    forgotten_below_ = kForgottenFraction * *std::max_element(weights_.begin(), weights_.end());
    // Whole ticks covering window_hours: a 12-hour window with daily ticks keeps one tick.
    window_ticks_ = (context.params->integer("window_hours") * context.ticks_per_day + 23) / 24;
    if (windowed_) counts_.assign(context.catalog->item_count, {0, 0, 0});
    rank();
  }

  void fit(const LearnContext& /*context*/, EventSpan history) override { learn(kHistoryTick, history); }

  void observe(const LearnContext& context, EventSpan events) override {
    learn(context.tick, events);
    const auto active = std::count_if(scores_.begin(), scores_.end(), [](double s) { return s > 0.0; });
    context.emit(0, static_cast<double>(active));
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    for (std::size_t i = 0; i < batch.size; ++i) {
      fill_slate(batch.sessions[i], *batch.context, slate_size, slates + i * slate_size);
    }
  }

 private:
  void learn(std::int64_t tick, EventSpan events) {
    if (windowed_) {
      // Buckets older than the window leave by exact integer subtraction, so an item's
      // count returns to precisely zero once its last event is out of the window.
      while (!buckets_.empty() && buckets_.front().tick <= tick - window_ticks_) {
        for (const auto& [item, type] : buckets_.front().events) --counts_[item][type];
        buckets_.pop_front();
      }
      Bucket& bucket = buckets_.emplace_back(Bucket{tick, {}});
      bucket.events.reserve(events.size);
      for (const Event& e : events) {
        const std::size_t type = type_index(e);
        ++counts_[e.item][type];
        bucket.events.emplace_back(e.item, type);
      }
      for (std::size_t i = 0; i < scores_.size(); ++i) {
        scores_[i] = weights_[0] * static_cast<double>(counts_[i][0]) +
                     weights_[1] * static_cast<double>(counts_[i][1]) +
                     weights_[2] * static_cast<double>(counts_[i][2]);
      }
    } else {
      if (tick > as_of_) {
        const double decay = std::pow(decay_per_tick_, static_cast<double>(tick - as_of_));
        for (double& s : scores_) s = s * decay < forgotten_below_ ? 0.0 : s * decay;
      }
      for (const Event& e : events) {
        const std::size_t type = type_index(e);
        scores_[e.item] += weights_[type];
      }
    }
    as_of_ = std::max(as_of_, tick);
    rank();
  }

  /// Index into weights_ of an event's type; rejects events the engine should never send.
  std::size_t type_index(const Event& e) const {
    if (e.item >= scores_.size()) {
      throw std::out_of_range("event for item " + std::to_string(e.item) + " outside the catalog of " +
                              std::to_string(scores_.size()) + " items");
    }
    switch (e.type) {
      case EventType::kClick: return 0;
      case EventType::kCart: return 1;
      case EventType::kPurchase: return 2;
    }
    throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(e.type)));
  }

  /// Precomputes the best list_size_ items (score descending, lower id first on ties): enough
  /// for a full slate after skipping every recent item, so recommend() is normally a copy.
  void rank() {
    std::iota(order_.begin(), order_.end(), ItemId{0});
    const auto middle = order_.begin() + static_cast<std::ptrdiff_t>(list_size_);
    std::partial_sort(order_.begin(), middle, order_.end(), [this](ItemId a, ItemId b) {
      return scores_[a] > scores_[b] || (scores_[a] == scores_[b] && a < b);
    });
    top_.assign(order_.begin(), middle);
  }

  void fill_slate(const SessionView& session, const DecisionContext& context, std::size_t slate_size,
                  ItemId* slate) const {
    const TickIndex tick = context.tick;
    const ItemId* recent_begin = session.recent_items;
    const ItemId* recent_end = recent_begin + std::min<std::size_t>(session.recent_count, kRecentItems);
    // "Launched" here means showable: on sale already and, when stock is limited, not sold out.
    const std::uint32_t* stock = context.stock;
    const auto launched = [&](ItemId item) {
      return catalog_->launch_tick[item] <= tick && (stock == nullptr || stock[item] > 0);
    };
    const auto recent = [&](ItemId item) { return std::find(recent_begin, recent_end, item) != recent_end; };
    std::size_t filled = 0;
    const auto taken = [&](ItemId item) { return std::find(slate, slate + filled, item) != slate + filled; };

    for (const ItemId item : top_) {
      if (filled == slate_size) break;
      if (launched(item) && !(exclude_recent_ && recent(item))) slate[filled++] = item;
    }
    // Reached only when the precomputed list runs short: items in it are not launched yet or
    // the slate is longer than at create. Id order is the ranking's tie rule, exact for the
    // usual remainder of zero-score items (scores come from events, events from launched items).
    for (ItemId item = 0; filled < slate_size && item < catalog_->item_count; ++item) {
      if (launched(item) && !(exclude_recent_ && recent(item)) && !taken(item)) slate[filled++] = item;
    }
    // Recent items after all, rather than empty slots, when the catalog has nothing else.
    for (const ItemId* r = recent_begin; exclude_recent_ && filled < slate_size && r != recent_end; ++r) {
      if (*r < catalog_->item_count && launched(*r) && !taken(*r)) slate[filled++] = *r;
    }
    std::fill(slate + filled, slate + slate_size, kNoItem);
  }

  /// The events of one learning tick, kept by windowed mode until they leave the window.
  struct Bucket {
    std::int64_t tick;
    std::vector<std::pair<ItemId, std::size_t>> events;  // (item, index into weights_)
  };

  const CatalogView* catalog_;
  bool windowed_;
  bool exclude_recent_;
  std::array<double, 3> weights_;  // click, cart, purchase
  std::size_t list_size_;
  double decay_per_tick_ = 1.0;
  double forgotten_below_ = 0.0;
  std::int64_t window_ticks_ = 1;
  std::int64_t as_of_ = kHistoryTick;  // tick the scores are aged to
  std::vector<double> scores_;
  std::vector<std::array<std::uint64_t, 3>> counts_;  // windowed: events per item and type
  std::deque<Bucket> buckets_;                        // windowed: oldest first
  std::vector<ItemId> order_;  // scratch for rank()
  std::vector<ItemId> top_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::Popularity>(
    {"popularity", "1.0.0", "most engaged-with items first (decayed or windowed weighted event counts)"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
