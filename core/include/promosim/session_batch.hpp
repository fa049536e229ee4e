#pragma once
#include "promosim/catalog_view.hpp"
#include "promosim/types.hpp"

namespace promosim {

/// How many recent items the engine remembers per shopper (most recent first).
inline constexpr std::size_t kRecentItems = 5;

/// One shopper visit that needs decisions. The fields are the engine's observable record
/// of the shopper as of the start of the tick (updated only at tick barriers).
struct SessionView {
  ShopperId shopper = 0;
  SegmentId segment = 0;
  std::uint8_t recent_count = 0;           ///< valid entries in recent_items
  std::uint8_t reserved = 0;
  std::uint32_t visits = 0;                ///< earlier visits (history included)
  std::uint32_t purchases = 0;             ///< earlier purchased units
  TickIndex last_visit_tick = kNever;      ///< kNever if this is the first visit
  TickIndex last_purchase_tick = kNever;   ///< kNever if the shopper never bought
  ItemId recent_items[kRecentItems] = {kNoItem, kNoItem, kNoItem, kNoItem, kNoItem};  ///< clicked or carted, newest first
};

/// Facts shared by every session of a batch.
struct DecisionContext {
  const CatalogView* catalog = nullptr;
  TickIndex tick = 0;
  TickIndex tick_count = 0;        ///< ticks in the timeline
  std::uint32_t ticks_per_day = 24;
  std::uint16_t phase = 0;         ///< index of the current phase in the scenario
  const char* phase_name = "";
  double budget_remaining = 0.0;   ///< discount budget left at tick start; +inf if unlimited
  std::uint64_t random_key = 0;    ///< key for promosim::RandomStream; the same in every arm
  /// Units left of each item at tick start (catalog.item_count entries), or nullptr when the
  /// scenario sets no stock. An item at 0 can be shown but not bought.
  const std::uint32_t* stock = nullptr;
  /// Flash-sale discount of each item this tick (catalog.item_count entries, 0 for items not on
  /// flash sale), or nullptr when none is running. The engine shows the larger of it and the
  /// pricing policy's discount while flash units last; the platform funds it, outside the
  /// arm's budget.
  const float* flash_discount = nullptr;
};

/// A batch of sessions from one shard and one tick. Memory is owned by the engine and valid
/// only during the call.
struct SessionBatch {
  const DecisionContext* context = nullptr;
  const SessionView* sessions = nullptr;
  std::size_t size = 0;
};

/// What came of one session, handed to plugins' fit() and observe() so that models can learn
/// from sessions that ended without any event as well as from those that did.
struct SessionOutcome {
  SessionView view;               ///< the session exactly as the plugins saw it
  TickIndex tick = 0;             ///< tick of the session (0 for history sessions)
  float intent = 0.0f;            ///< the intent model's score for it (0 for history sessions)
  std::uint16_t clicks = 0;
  std::uint16_t carts = 0;
  std::uint16_t purchases = 0;    ///< units bought
  std::uint16_t reserved = 0;
  float spend = 0.0f;             ///< sum of prices paid, currency units (after any coupon)
  float coupon_value = 0.0f;      ///< money the session's coupon took off (0 if none or not reached)
};

}  // namespace promosim
