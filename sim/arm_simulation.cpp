#include "arm_simulation.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <string>

#include "arm_shard.hpp"
#include "arrival_process.hpp"
#include "plugin_error.hpp"
#include "promosim/random_stream.hpp"
#include "shard_range.hpp"

namespace promosim {

namespace {

struct EmitTarget {
  const PluginDescriptor* plugin;
  std::uint32_t arm, replicate;
  TickIndex tick;
  std::vector<PluginMetricRecord>* out;
};

void emit_metric(void* sink, std::uint32_t metric, double value) {
  auto* target = static_cast<EmitTarget*>(sink);
  if (metric >= target->plugin->metric_count) {
    throw std::out_of_range("emitted metric index " + std::to_string(metric) + " but declares " +
                            std::to_string(target->plugin->metric_count) + " metrics");
  }
  target->out->push_back({target->arm, target->replicate, target->tick, to_string(target->plugin->kind),
                          target->plugin->name, target->plugin->metrics[metric].name, value});
}

}  // namespace

ArmSimulation::ArmSimulation(const Scenario& scenario, const Timeline& timeline, const World& world,
                             std::uint32_t arm, std::uint32_t replicate, ArmPlugins& plugins,
                             const ProcessGroup& group)
    : scenario_(scenario),
      timeline_(timeline),
      world_(world),
      arm_(arm),
      replicate_(replicate),
      plugins_(plugins),
      group_(group),
      owned_(ShardRange::of(static_cast<std::uint32_t>(group.rank()), static_cast<std::uint32_t>(group.size()),
                            scenario.shards)),
      learns_online_(plugins.recommender.has(kLearnsOnline) || plugins.intent_model.has(kLearnsOnline) ||
                     plugins.pricing_policy.has(kLearnsOnline)),
      fatigue_decay_per_tick_(std::pow(0.5, timeline.tick_days() / scenario.behaviour.fatigue_half_life_days)) {
}

ArmSimulation::~ArmSimulation() = default;

std::string ArmSimulation::where(TickIndex tick) const {
  return "arm '" + scenario_.arms[arm_].name + "', replicate " + std::to_string(replicate_) + ", tick " +
         std::to_string(tick);
}

ArmOutput ArmSimulation::run(const std::function<void(std::uint64_t)>& on_tick, const std::atomic<bool>& stop) {
  ArmOutput out;
  plugin_metrics_ = &out.records.plugin_metrics;
  shoppers_ = world_.initial_state();
  shards_ = std::vector<Shard>(scenario_.shards);
  breakdown_.emplace(scenario_.shards, static_cast<std::uint32_t>(timeline_.phase_count()), timeline_.tick_count(), timeline_.ticks_per_day(),
                     scenario_.timeline.start_hour, static_cast<std::uint32_t>(scenario_.population.segments.size()));
  for (Shard& shard : shards_) shard.segments.resize(scenario_.population.segments.size());
  ledger_.emplace(scenario_, static_cast<std::uint32_t>(shoppers_.size()));
  inventory_.emplace(world_.catalog().item_count(), scenario_.catalog.stock_per_item, world_.flash_sales(),
                     scenario_.shards);
  shelves_.assign(scenario_.shards, Inventory::Shelf{});
  drops_used_.assign(world_.coupon_drops().empty() ? 0 : shoppers_.size(), 0);
  pending_deposit_.assign(world_.presales().empty() ? 0 : shoppers_.size(), kNoItem);
  price_memory_.emplace(world_.catalog().view(), scenario_.behaviour.reference_half_life_days, timeline_.tick_days());

  StageClock clock;
  StageTimes& times = out.times;
  learn(0, /*history=*/true);
  clock.lap(times.fit);
  for (TickIndex tick = 0; tick < timeline_.tick_count(); ++tick) {
    if (group_.any(stop.load(std::memory_order_relaxed))) throw RunInterrupted{};
    const std::uint16_t phase = timeline_.phase(tick);
    ledger_->start_tick(phase);
    const double remaining = ledger_->remaining();
    DecisionContext context;
    context.catalog = &world_.catalog().view();
    context.tick = tick;
    context.tick_count = timeline_.tick_count();
    context.ticks_per_day = timeline_.ticks_per_day();
    context.phase = phase;
    context.phase_name = timeline_.phase_config(phase).name.c_str();
    context.budget_remaining = std::max(0.0, remaining);
    context.random_key = world_.key();
    lure_drop_receivers(tick);
    inventory_->start_tick(tick, shelves_);
    context.stock = inventory_->stock();
    context.flash_discount = inventory_->flash_discount();
    // Decide in parallel, grant offers and stock in shard order, then let the shoppers respond
    // in parallel: only the cheap middle step is serial.
    clock.lap(times.barrier);
    for_each_shard([&](Shard& shard, std::uint32_t index) { decide_shard(shard, index, tick, context); });
    clock.lap(times.decide);
    grant_offers(tick);
    if (group_.distributed() && ledger_->limited()) share_decisions();
    if (reserve_budget()) {
      clock.lap(times.barrier);
      for_each_shard([&](Shard& shard, std::uint32_t index) { simulate_shard(shard, index, tick, false); });
      clock.lap(times.respond);
      if (group_.distributed()) share_outcomes();
    } else {
      // The tick's offers do not all fit: shoppers respond one after another, each offer
      // reserved just before its session and released as soon as the session has paid. Every
      // rank does this for every shard, so all end the same without an exchange.
      for (std::uint32_t index = 0; index < shards_.size(); ++index) simulate_shard(shards_[index], index, tick, true);
      clock.lap(times.respond);
    }
    inventory_->settle(shelves_);
    const std::uint64_t sessions = record_tick(tick, out);
    if (price_memory_->enabled()) remember_prices();
    learn(tick, /*history=*/false);
    clock.lap(times.barrier);
    on_tick(sessions);
  }
  if (group_.distributed()) share_totals();
  for (std::uint32_t s = 0; s < scenario_.shards; ++s) {
    out.records.shards.push_back({arm_, replicate_, s, shards_[s].total});
    out.sessions += shards_[s].total.sessions;
  }
  out.records.breakdowns = breakdown_->records(arm_, replicate_);
  out.records.calibration = calibration();
  return out;
}

template <class Work>
void ArmSimulation::for_each_shard(const Work& work) {
  tbb::parallel_for(owned_.begin, owned_.end, [&](std::uint32_t index) {
    Shard& shard = shards_[index];
    try {
      work(shard, index);
    } catch (...) {
      shard.error = std::current_exception();
    }
  });
  rethrow_first_error();
}

void ArmSimulation::decide_shard(Shard& shard, std::uint32_t index, TickIndex tick, const DecisionContext& context) {
  const ShardRange range = ShardRange::of(index, scenario_.shards, static_cast<std::uint32_t>(shoppers_.size()));
  shard.start_tick();
  for (ShopperId s = range.begin; s < range.end; ++s) {
    if (shoppers_[s].next_arrival == tick) shard.sessions.push_back(shoppers_[s].view);
  }
  const std::size_t count = shard.sessions.size();
  if (count == 0) return;
  const std::size_t k = scenario_.behaviour.slate_size;
  shard.slates.assign(count * k, kNoItem);
  shard.intent.assign(count, 0.0f);
  shard.discounts.assign(count * k, 0.0f);
  shard.coupons.assign(count, CouponOffer{});
  const SessionBatch batch{&context, shard.sessions.data(), count};
  const auto at = [&] { return where(tick); };
  guarded_call(plugins_.recommender.descriptor(), "recommend", at,
               [&] { plugins_.recommender->recommend(batch, k, shard.slates.data()); });
  guarded_call(plugins_.intent_model.descriptor(), "predict", at,
               [&] { plugins_.intent_model->predict(batch, shard.intent.data()); });
  guarded_call(plugins_.pricing_policy.descriptor(), "price", at, [&] {
    plugins_.pricing_policy->price(batch, shard.intent.data(), k, shard.slates.data(), shard.discounts.data(),
                                     shard.coupons.data());
  });
  check_outputs(shard, tick, count);
}

void ArmSimulation::grant_offers(TickIndex tick) {
  const Inventory& inventory = *inventory_;
  const bool flash = inventory.flash_running();
  const bool stocked = inventory.limited();
  const Presales& presales = world_.presales();
  const std::uint16_t phase = timeline_.phase(tick);
  const bool deposits = presales.any_deposits(phase);
  if (!flash && !stocked && !deposits) return;
  const std::size_t k = scenario_.behaviour.slate_size;
  for (std::uint32_t index = owned_.begin; index < owned_.end; ++index) {
    Shard& shard = shards_[index];
    const Inventory::Shelf& shelf = shelves_[index];
    const std::size_t sessions = shard.sessions.size();
    shard.slot_flags.assign(flash || stocked || deposits ? sessions * k : 0, 0);
    shard.deposit_shares.assign(deposits ? sessions * k : 0, 0.0f);
    const bool pages = flash || deposits;
    shard.featured.assign(pages ? sessions * FlashSales::kPageItems : 0, kNoItem);
    shard.featured_discount.assign(pages ? sessions : 0, 0.0f);
    shard.featured_flags.assign(pages ? sessions : 0, 0);
    shard.featured_deposit.assign(pages ? sessions : 0, 0.0f);
    for (std::size_t i = 0; i < sessions; ++i) {
      for (std::size_t slot = i * k; slot < (i + 1) * k; ++slot) {
        const ItemId item = shard.slates[slot];
        if (item == kNoItem) continue;
        float& discount = shard.discounts[slot];
        // A pre-sale item taking deposits is sold at its pre-sale price, against a deposit.
        if (const int presale = deposits ? presales.presale_of(item) : -1;
            presale >= 0 && presales.taking_deposits(presale, phase)) {
          discount = static_cast<float>(presales.config(presale).price_cut);
          shard.slot_flags[slot] |= kPresale;
          shard.deposit_shares[slot] = static_cast<float>(presales.config(presale).deposit);
        } else if (const float flash_discount = flash ? shelf.flash_discount(item) : 0.0f; flash_discount > discount) {
          discount = flash_discount;
          shard.slot_flags[slot] |= kFlashSale;
        }
        if (stocked && !shelf.in_stock(item)) shard.slot_flags[slot] |= kSoldOut;
      }
      if (!(flash && feature_flash_sale(shard, shelf, i, tick)) && deposits) feature_presale(shard, shelf, i, tick);
    }
  }
}

bool ArmSimulation::feature_flash_sale(Shard& shard, const Inventory::Shelf& shelf, std::size_t i, TickIndex tick) {
  const ShopperId shopper = shard.sessions[i].shopper;
  const RandomStream stream(world_.key(), Purpose::kFlashSale, shopper, tick);
  const std::vector<FlashSales::Sale>& sales = world_.flash_sales().sales();
  for (std::uint32_t s = 0; s < sales.size(); ++s) {
    const FlashSales::Sale& sale = sales[s];
    if (tick < sale.first_tick || tick >= sale.end_tick || stream.uniform(2 * s) >= sale.reach) continue;
    fill_page(shard, i, sale.items, stream.uniform(2 * s + 1), [&](ItemId item) {
      return shelf.flash_discount(item) == sale.discount && shelf.in_stock(item);
    });
    shard.featured_discount[i] = sale.discount;
    shard.featured_flags[i] = kFlashSale;
    return true;  // one sale page per visit
  }
  return false;
}

void ArmSimulation::feature_presale(Shard& shard, const Inventory::Shelf& shelf, std::size_t i, TickIndex tick) {
  const Presales& presales = world_.presales();
  const std::uint16_t phase = timeline_.phase(tick);
  const RandomStream stream(world_.key(), Purpose::kPresale, shard.sessions[i].shopper, tick);
  for (int p = 0; p < presales.count(); ++p) {
    const PresaleConfig& config = presales.config(p);
    if (!presales.taking_deposits(p, phase) || stream.uniform(2 * p + 1) >= config.reach) continue;
    fill_page(shard, i, presales.items(p), stream.uniform(2 * p + 2), [&](ItemId item) { return shelf.in_stock(item); });
    shard.featured_discount[i] = static_cast<float>(config.price_cut);
    shard.featured_flags[i] = kPresale;
    shard.featured_deposit[i] = static_cast<float>(config.deposit);
    return;
  }
}

template <class Available>
void ArmSimulation::fill_page(Shard& shard, std::size_t i, const std::vector<ItemId>& items, double start_draw,
                              const Available& available) {
  // The page lists the sale's items from a place of the shopper's own, those still available.
  const std::size_t n = items.size();
  if (n == 0) return;
  const auto start = std::min(n - 1, static_cast<std::size_t>(start_draw * static_cast<double>(n)));
  ItemId* page = shard.featured.data() + i * FlashSales::kPageItems;
  std::size_t shown = 0;
  for (std::size_t m = 0; m < n && shown < FlashSales::kPageItems; ++m) {
    const ItemId item = items[(start + m) % n];
    if (available(item)) page[shown++] = item;
  }
}

bool ArmSimulation::reserve_offers(BudgetLedger& ledger, Shard& shard, std::size_t i, bool withdraw) const {
  // A shown discount costs at most list price x discount (one unit per item) and a coupon its
  // top tier, so reserving that worst case before the shopper sees it keeps spend within every
  // limit whatever is bought. Flash-sale and pre-sale prices are the platform's.
  const std::size_t k = scenario_.behaviour.slate_size;
  const Catalog& catalog = world_.catalog();
  ledger.start_session(shard.sessions[i].shopper, shard.sessions[i].segment);
  bool all = true;
  for (std::size_t slot = i * k; slot < (i + 1) * k; ++slot) {
    float& discount = shard.discounts[slot];
    const bool platform = !shard.slot_flags.empty() && (shard.slot_flags[slot] & (kFlashSale | kPresale)) != 0;
    if (discount <= 0.0f || platform || shard.slates[slot] == kNoItem) continue;
    if (ledger.reserve(static_cast<double>(catalog.list_price(shard.slates[slot])) * discount)) continue;
    all = false;
    if (!withdraw) return false;
    discount = 0.0f;  // shown at its list price
  }
  CouponOffer& coupon = shard.coupons[i];
  if (coupon.offered() && !ledger.reserve(coupon.max_value())) {
    all = false;
    if (withdraw) coupon = CouponOffer{};
  }
  return all;
}

bool ArmSimulation::reserve_budget() {
  if (!ledger_->limited()) return true;
  // Most ticks every offer fits: reserve them all (in shard and session order) and let shoppers
  // respond in parallel. Tried on a copy, so a tick that does not fit leaves nothing reserved.
  BudgetLedger trial = *ledger_;
  for (Shard& shard : shards_) {
    for (std::size_t i = 0; i < shard.sessions.size(); ++i) {
      if (!reserve_offers(trial, shard, i, false)) return false;
    }
  }
  *ledger_ = std::move(trial);
  return true;
}

void ArmSimulation::lure_drop_receivers(TickIndex tick) {
  const CouponDrops& drops = world_.coupon_drops();
  for (std::size_t d = 0; d < drops.drops().size(); ++d) {
    if (drops.drops()[d].first_tick != tick || drops.drops()[d].visit_lift <= 0.0) continue;
    const auto shoppers = static_cast<ShopperId>(shoppers_.size());
    tbb::parallel_for(ShopperId{0}, shoppers, [&](ShopperId s) {
      if (world_.population().join_tick(s) > tick || !drops.receives(s, d)) return;
      const TickIndex visit = drops.lured_visit(s, d, timeline_.ticks_per_day());
      TickIndex& next = shoppers_[s].next_arrival;
      if (visit < next) next = visit;  // also brings back a shopper who had churned
    });
  }
}

TickIndex ArmSimulation::next_arrival(ShopperId shopper, TickIndex tick, std::uint32_t purchases,
                                      const ArrivalProcess& arrivals) const {
  const Population& population = world_.population();
  // A replayed shopper comes back when the log says, whatever happened in this visit.
  if (population.replays_arrivals()) return population.next_logged_arrival(shopper, tick);
  // Satisfied shoppers come back sooner; a visit without a purchase may be the last.
  const BehaviourConfig& config = scenario_.behaviour;
  const double rate = population.visit_rate(shopper) * (purchases > 0 ? config.purchase_return_boost : 1.0);
  const bool churned = purchases == 0 && config.churn_per_visit > 0.0 &&
                       RandomStream(world_.key(), Purpose::kChurn, shopper, tick).uniform(0) < config.churn_per_visit;
  return churned ? kNever : arrivals.after(shopper, tick, rate);
}

void ArmSimulation::simulate_shard(Shard& shard, std::uint32_t index, TickIndex tick, bool serial) {
  const std::size_t count = shard.sessions.size();
  const std::size_t k = scenario_.behaviour.slate_size;
  const BehaviourModel& behaviour = world_.behaviour();
  const ArrivalProcess arrivals(timeline_, world_.key());
  const bool pre_heat = timeline_.phase_config(timeline_.phase(tick)).pre_heat;
  const bool peak = timeline_.in_peak(tick);
  const std::vector<float> no_discounts(k, 0.0f);
  for (std::size_t i = 0; i < count; ++i) {
    const SessionView& view = shard.sessions[i];
    if (serial) reserve_offers(*ledger_, shard, i, true);
    ShopperState& state = shoppers_[view.shopper];
    MetricCounters& counters = shard.segments[view.segment];
    const MetricCounters before = counters;
    const std::size_t first_event = shard.events.size();
    SessionInput in;
    in.shopper = view.shopper;
    in.tick = tick;
    in.slate = shard.slates.data() + i * k;
    in.discounts = shard.discounts.data() + i * k;
    in.slot_flags = shard.slot_flags.empty() ? nullptr : shard.slot_flags.data() + i * k;
    in.slate_size = k;
    in.coupon = &shard.coupons[i];
    in.last_purchase_tick = view.last_purchase_tick;
    in.recent_coupons = state.coupons_at(tick, fatigue_decay_per_tick_);
    in.held = state.held;
    in.held_count = state.held_count();
    if (inventory_->limited() || inventory_->flash_running()) in.shelf = &shelves_[index];
    if (!shard.deposit_shares.empty()) in.deposit_shares = shard.deposit_shares.data() + i * k;
    if (!pending_deposit_.empty()) settle_deposit_input(view.shopper, tick, in);
    if (!shard.featured.empty()) {
      in.featured = shard.featured.data() + i * FlashSales::kPageItems;
      in.featured_count = static_cast<std::size_t>(
          std::find(in.featured, in.featured + FlashSales::kPageItems, kNoItem) - in.featured);
      in.featured_discount = shard.featured_discount[i];
      in.featured_flags = shard.featured_flags[i];
      in.featured_deposit = shard.featured_deposit[i];
    }
    in.remembered_price = price_memory_->prices();
    const int drop = drops_used_.empty() ? -1 : world_.coupon_drops().usable(view.shopper, tick, drops_used_[view.shopper]);
    if (drop >= 0) in.drop_coupon = &world_.coupon_drops().drops()[static_cast<std::size_t>(drop)].coupon;
    const SessionResult r = behaviour.simulate(in, shard.events, counters);
    shard.intent_histogram.add(shard.intent[i], r.purchases > 0);
    if (r.drop_coupon_value > 0.0f) drops_used_[view.shopper] |= static_cast<std::uint8_t>(1u << drop);
    if (r.settled_deposit) pending_deposit_[view.shopper] = kNoItem;
    if (r.deposit_item != kNoItem) pending_deposit_[view.shopper] = r.deposit_item;
    // Flash sales, coupon drops and pre-sales are the platform's, not the arm's budget.
    const double spent = counters.own_discount_cost - before.own_discount_cost;
    if (serial) {
      ledger_->settle_session(spent);
    } else if (spent != 0.0) {
      shard.spends.push_back({i, spent});
    }
    record_no_promotion(shard, in, no_discounts, before, counters);
    if (scored_by_oracle(view.shopper)) {
      const BehaviourModel::PricingTruth truth = behaviour.pricing_truth(in);
      ++counters.oracle_sessions;
      counters.expected_margin += truth.expected_margin;
      counters.oracle_margin += truth.oracle_margin;
    }

    ItemId engaged[kRecentItems];
    std::size_t engaged_count = 0;
    for (std::size_t e = first_event; e < shard.events.size(); ++e) {
      const Event& event = shard.events[e];
      if (event.type == EventType::kClick && engaged_count < kRecentItems) engaged[engaged_count++] = event.item;
    }
    state.record_visit(tick, engaged, engaged_count, r.purchases);
    if (in.coupon->offered()) state.add_coupon(tick, fatigue_decay_per_tick_);
    if (peak) state.clear_held();  // the first peak visit settles the pre-heat cart
    if (pre_heat) state.hold(r.left_in_cart, r.left_count);
    state.next_arrival = next_arrival(view.shopper, tick, r.purchases, arrivals);
    if (learns_online_) {
      shard.outcomes.push_back({view, tick, shard.intent[i], r.clicks, r.carts, r.purchases, 0, r.spend, r.coupon_value});
    }
  }
  for (const MetricCounters& c : shard.segments) shard.total.add(c);
}

bool ArmSimulation::scored_by_oracle(ShopperId shopper) const {
  const double sample = scenario_.output.oracle_sample;
  return sample > 0.0 && RandomStream(world_.key(), Purpose::kEventSample, shopper, 1).uniform(0) < sample;
}

void ArmSimulation::settle_deposit_input(ShopperId shopper, TickIndex tick, SessionInput& in) const {
  const Presales& presales = world_.presales();
  const ItemId item = pending_deposit_[shopper];
  in.can_deposit = item == kNoItem;
  if (item == kNoItem) return;
  const int presale = presales.presale_of(item);
  if (!presales.collecting_balance(presale, timeline_.phase(tick))) return;
  const PresaleConfig& config = presales.config(presale);
  const double price = world_.catalog().list_price(item) * (1.0 - config.price_cut);
  in.pending_deposit = item;
  in.balance = static_cast<float>(price * (1.0 - config.deposit));
  in.presale_cut = static_cast<float>(config.price_cut);
  in.balance_rate = static_cast<float>(config.balance_rate);
}

void ArmSimulation::record_no_promotion(Shard& shard, const SessionInput& in, const std::vector<float>& no_discounts,
                                        const MetricCounters& before, MetricCounters& counters) const {
  const bool promoted = in.coupon->offered() || in.drop_coupon != nullptr || in.featured_count > 0 ||
                        in.pending_deposit != kNoItem ||
                        std::any_of(in.discounts, in.discounts + in.slate_size, [](float d) { return d > 0.0f; });
  if (!promoted) {
    counters.no_promotion_purchases += counters.purchases - before.purchases;
    counters.no_promotion_revenue += counters.revenue - before.revenue;
    counters.no_promotion_margin += counters.margin - before.margin;
    return;
  }
  // Replayed on the same random numbers into scratch buffers: nothing of it is kept but the totals.
  SessionInput plain = in;
  const CouponOffer none;
  plain.discounts = no_discounts.data();
  plain.coupon = &none;
  plain.drop_coupon = nullptr;
  plain.featured_count = 0;
  plain.pending_deposit = kNoItem;
  plain.can_deposit = false;
  plain.shelf = nullptr;  // the replay takes no real stock
  if (in.slot_flags != nullptr) {  // no flash or pre-sale slots in a world without promotions
    shard.scratch_flags.resize(in.slate_size);
    for (std::size_t j = 0; j < in.slate_size; ++j) shard.scratch_flags[j] = in.slot_flags[j] & kSoldOut;
    plain.slot_flags = shard.scratch_flags.data();
  }
  shard.scratch_events.clear();
  MetricCounters replay;
  world_.behaviour().simulate(plain, shard.scratch_events, replay);
  counters.no_promotion_purchases += replay.purchases;
  counters.no_promotion_revenue += replay.revenue;
  counters.no_promotion_margin += replay.margin;
}

void ArmSimulation::check_outputs(const Shard& shard, TickIndex tick, std::size_t count) const {
  const std::size_t k = scenario_.behaviour.slate_size;
  const CatalogView& catalog = world_.catalog().view();
  // Messages are built only on failure: this runs for every session.
  const auto fail = [&](const PluginDescriptor& plugin, const char* method, std::size_t session,
                        const std::string& what) {
    throw PluginError(plugin, method, where(tick),
                      what + " for shopper " + std::to_string(shard.sessions[session].shopper));
  };
  for (std::size_t i = 0; i < count; ++i) {
    const ItemId* slate = shard.slates.data() + i * k;
    for (std::size_t j = 0; j < k; ++j) {
      const ItemId item = slate[j];
      if (item == kNoItem) continue;
      if (item >= catalog.item_count) {
        fail(plugins_.recommender.descriptor(), "recommend", i,
             "returned item " + std::to_string(item) + " outside the catalog [0, " +
                 std::to_string(catalog.item_count) + ")");
      }
      if (catalog.launch_tick[item] > tick) {
        fail(plugins_.recommender.descriptor(), "recommend", i,
             "returned item " + std::to_string(item) + " before its launch tick");
      }
      if (std::find(slate, slate + j, item) != slate + j) {
        fail(plugins_.recommender.descriptor(), "recommend", i,
             "returned item " + std::to_string(item) + " twice in one slate");
      }
      const float d = shard.discounts[i * k + j];
      if (!(d >= 0.0f && d < 1.0f)) {
        fail(plugins_.pricing_policy.descriptor(), "price", i,
             "returned discount " + std::to_string(d) + " outside [0, 1)");
      }
    }
    const CouponOffer& coupon = shard.coupons[i];
    for (std::size_t t = 0; t < kCouponTiers; ++t) {
      const float value = coupon.value[t], threshold = coupon.threshold[t];
      if (value == 0.0f) continue;
      if (!(value > 0.0f && value < threshold && std::isfinite(threshold))) {
        fail(plugins_.pricing_policy.descriptor(), "price", i,
             "returned a coupon tier 'spend " + std::to_string(threshold) + ", get " + std::to_string(value) +
                 " off' (a tier needs 0 < value < threshold)");
      }
    }
    const float p = shard.intent[i];
    if (!(p >= 0.0f && p <= 1.0f)) {
      fail(plugins_.intent_model.descriptor(), "predict", i, "returned intent " + std::to_string(p) + " outside [0, 1]");
    }
  }
}

void ArmSimulation::learn(TickIndex tick, bool history) {
  const EventSpan events = history ? EventSpan{world_.history_events().data(), world_.history_events().size()}
                                   : EventSpan{tick_events_.data(), tick_events_.size()};
  const std::vector<SessionOutcome>& sessions = history ? world_.history_sessions() : tick_sessions_;
  const Capability needed = history ? kLearnsFromHistory : kLearnsOnline;
  const auto teach = [&](auto& instance) {
    if (!instance.has(needed)) return;
    EmitTarget target{&instance.descriptor(), arm_, replicate_, tick, plugin_metrics_};
    LearnContext context;
    context.catalog = &world_.catalog().view();
    context.tick = tick;
    context.phase = timeline_.phase(tick);
    context.ticks_per_day = timeline_.ticks_per_day();
    context.sessions = sessions.data();
    context.session_count = sessions.size();
    context.emit_fn = emit_metric;
    context.sink = &target;
    guarded_call(instance.descriptor(), history ? "fit" : "observe", where(tick), [&] {
      if (history) {
        instance->fit(context, events);
      } else {
        instance->observe(context, events);
      }
    });
  };
  // Fixed order, single-threaded: every run replays the same learning sequence.
  teach(plugins_.recommender);
  teach(plugins_.intent_model);
  teach(plugins_.pricing_policy);
}

template <class T, class Buffer>
void ArmSimulation::concatenate_shards(std::vector<T>& all, const Buffer& buffer) const {
  // Each shard's part copied into place in parallel: the tick's buffers run to megabytes.
  std::vector<std::size_t> offset(shards_.size() + 1, 0);
  for (std::size_t index = 0; index < shards_.size(); ++index) {
    offset[index + 1] = offset[index] + buffer(shards_[index]).size();
  }
  all.resize(offset.back());
  tbb::parallel_for(std::size_t{0}, shards_.size(), [&](std::size_t index) {
    const std::vector<T>& part = buffer(shards_[index]);
    std::copy(part.begin(), part.end(), all.begin() + static_cast<std::ptrdiff_t>(offset[index]));
  });
}

std::uint64_t ArmSimulation::record_tick(TickIndex tick, ArmOutput& out) {
  const std::uint16_t phase = timeline_.phase(tick);
  const std::uint32_t period = scenario_.output.metrics_by == "day" ? tick / timeline_.ticks_per_day() : tick;
  const std::size_t segment_count = scenario_.population.segments.size();
  // Rows of one (period, phase) are contiguous, one per segment; a new pair opens new rows.
  std::vector<MetricRecord>& metrics = out.records.metrics;
  if (metrics.empty() || metrics.back().period != period || metrics.back().phase != phase) {
    for (std::size_t s = 0; s < segment_count; ++s) {
      metrics.push_back({arm_, replicate_, period, phase, static_cast<std::uint32_t>(s), MetricCounters{}});
    }
  }
  MetricRecord* rows = &metrics[metrics.size() - segment_count];
  const double sample = scenario_.output.event_sample;
  std::uint64_t sessions = 0;
  for (std::uint32_t index = 0; index < shards_.size(); ++index) {
    Shard& shard = shards_[index];
    for (std::size_t s = 0; s < segment_count; ++s) {
      rows[s].counters.add(shard.segments[s]);
      breakdown_->add(index, tick, phase, static_cast<std::uint32_t>(s), shard.segments[s]);
      sessions += shard.segments[s].sessions;
    }
    for (const auto& [i, amount] : shard.spends) {
      ledger_->spend(shard.sessions[i].shopper, shard.sessions[i].segment, amount);
    }
  }
  if (learns_online_ || sample > 0.0) {
    concatenate_shards(tick_events_, [](const Shard& shard) -> const std::vector<Event>& { return shard.events; });
  } else {
    tick_events_.clear();
  }
  concatenate_shards(tick_sessions_,
                     [](const Shard& shard) -> const std::vector<SessionOutcome>& { return shard.outcomes; });
  if (sample > 0.0) {
    for (const Event& e : tick_events_) {
      if (RandomStream(world_.key(), Purpose::kEventSample, e.shopper, 0).uniform(0) < sample) {
        out.records.events.push_back({arm_, replicate_, e});
      }
    }
  }
  return sessions;
}

void ArmSimulation::remember_prices() {
  // Shards in order, so the memory is the same for any thread count.
  const std::size_t k = scenario_.behaviour.slate_size;
  for (const Shard& shard : shards_) {
    for (std::size_t slot = 0; slot < shard.sessions.size() * k; ++slot) {
      if (shard.slates[slot] != kNoItem) price_memory_->see(shard.slates[slot], shard.discounts[slot]);
    }
  }
  price_memory_->end_tick();
}

std::vector<CalibrationRecord> ArmSimulation::calibration() const {
  IntentHistogram all;
  for (const Shard& shard : shards_) all.merge(shard.intent_histogram);
  return all.deciles(arm_, replicate_);
}

}  // namespace promosim
