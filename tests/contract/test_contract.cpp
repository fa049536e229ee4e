// The plugin contract, checked for every plugin in the library given by --plugin: a valid
// manifest and descriptors, defaults that build a parameter set, and a full life cycle on a
// tiny world (create, fit, decisions at ticks 0..4 with observe between them, destroy) whose
// outputs must be well-shaped, finite, repeatable and the same when called from two threads.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <exception>
#include <latch>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "contract_options.hpp"
#include "parameter_defaults.hpp"
#include "plugin_instance.hpp"
#include "plugin_library.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr std::uint32_t kItems = 60;
constexpr std::uint32_t kCategories = 4;
constexpr std::uint32_t kBrands = 12;        // three per category
constexpr std::uint32_t kLateItems = 5;      // the last kLateItems items launch at kLateLaunchTick
constexpr TickIndex kLateLaunchTick = 3;
constexpr std::uint32_t kShoppers = 500;
constexpr std::uint32_t kSegments = 2;
constexpr std::size_t kSlate = 10;
constexpr std::size_t kBatch = 32;
constexpr TickIndex kTicks = 5;
constexpr double kBudget = 5000.0;
constexpr std::uint64_t kRandomKey = derive_key(2024, 0);
constexpr int kConcurrentRepeats = 50;  // calls per thread, so the two threads really overlap

const std::shared_ptr<const PluginLibrary>& library() {
  static const std::shared_ptr<const PluginLibrary> loaded = PluginLibrary::load(contract::plugin_path());
  return loaded;
}

/// The tiny world every plugin is run in: catalog, sessions, history and per-tick feedback,
/// all deterministic functions of their indices.
struct ContractWorld {
  std::vector<float> price, cost;
  std::vector<CategoryId> category;
  std::vector<BrandId> brand;
  std::vector<TickIndex> launch;
  std::vector<PhaseView> phases = {{"warm_up", 0, 2, 1.0}, {"peak", 2, 2, 4.0}, {"cool_down", 4, 1, 0.8}};
  std::vector<std::uint32_t> stock;   // every seventh item sold out
  std::vector<float> flash_discount;  // a flash sale on every eleventh item from tick 2
  CatalogView catalog;
  std::vector<Event> history_events;
  std::vector<SessionOutcome> history_sessions;

  ContractWorld() {
    for (ItemId i = 0; i < kItems; ++i) {
      price.push_back(5.0f + static_cast<float>(i * 37 % 100));
      cost.push_back(0.6f * price.back());
      category.push_back(static_cast<CategoryId>(i % kCategories));
      brand.push_back(static_cast<BrandId>(category.back() + kCategories * ((i / kCategories) % 3)));
      launch.push_back(i >= kItems - kLateItems ? kLateLaunchTick : 0);
      stock.push_back(i % 7 == 0 ? 0 : 10);
      flash_discount.push_back(i % 11 == 0 ? 0.5f : 0.0f);
    }
    catalog = {kItems, kCategories, kBrands, price.data(), cost.data(), category.data(), brand.data(), launch.data()};
    for (ShopperId s = 0; s < 200; ++s) {
      const bool bought = s % 5 == 0;
      history_events.push_back(event(s, (s * 7) % (kItems - kLateItems), 0, EventType::kClick));
      if (bought) history_events.push_back(event(s, (s * 7) % (kItems - kLateItems), 0, EventType::kPurchase));
      history_sessions.push_back(outcome(session(s, 0), 0, 0.0f, bought));
    }
  }

  static Event event(ShopperId s, ItemId item, TickIndex tick, EventType type) {
    return {s, item, tick, 10.0f, 0.0f, type, 255, static_cast<SegmentId>(s % kSegments)};
  }

  static SessionOutcome outcome(const SessionView& view, TickIndex tick, float intent, bool bought) {
    SessionOutcome o;
    o.view = view;
    o.tick = tick;
    o.intent = intent;
    o.clicks = 1;
    o.purchases = bought ? 1 : 0;
    o.spend = bought ? 10.0f : 0.0f;
    return o;
  }

  /// A shopper's record as of `tick`: returning shoppers with varied frequency and recency.
  static SessionView session(ShopperId s, TickIndex tick) {
    SessionView v;
    v.shopper = s;
    v.segment = static_cast<SegmentId>(s % kSegments);
    v.visits = s % 7;
    v.purchases = v.visits / 3;
    v.last_visit_tick = v.visits == 0 ? kNever : tick / 2;
    v.last_purchase_tick = v.purchases == 0 ? kNever : tick / 3;
    v.recent_count = static_cast<std::uint8_t>(s % 4);
    for (std::uint8_t r = 0; r < v.recent_count; ++r) v.recent_items[r] = (s + r * 13u) % (kItems - kLateItems);
    return v;
  }

  /// 32 distinct shoppers for `tick`; `salt` picks another, disjoint-looking batch.
  static std::vector<SessionView> sessions(TickIndex tick, std::uint32_t salt) {
    std::vector<SessionView> out;
    for (std::size_t i = 0; i < kBatch; ++i) {
      out.push_back(session(static_cast<ShopperId>((salt * 131 + tick * 53 + i * 15) % kShoppers), tick));
    }
    return out;
  }

  DecisionContext decision_context(TickIndex tick) const {
    DecisionContext c;
    c.catalog = &catalog;
    c.tick = tick;
    c.tick_count = kTicks;
    while (c.phase + 1u < phases.size() && phases[c.phase + 1u].first_tick <= tick) ++c.phase;
    c.phase_name = phases[c.phase].name;
    c.budget_remaining = kBudget - 500.0 * tick;
    c.random_key = kRandomKey;
    c.stock = stock.data();
    c.flash_discount = tick >= 2 ? flash_discount.data() : nullptr;
    return c;
  }
};

/// Collects what a plugin emits during fit/observe, checked after the call.
struct EmitSink {
  const PluginDescriptor* plugin;
  std::vector<std::string> problems;
  static void record(void* sink, std::uint32_t metric, double value) {
    auto* self = static_cast<EmitSink*>(sink);
    if (metric >= self->plugin->metric_count) {
      self->problems.push_back("emitted metric " + std::to_string(metric) + " but declares " +
                               std::to_string(self->plugin->metric_count));
    } else if (!std::isfinite(value)) {
      self->problems.push_back(std::string("emitted a non-finite value for ") + self->plugin->metrics[metric].name);
    }
  }
};

LearnContext learn_context(const ContractWorld& world, TickIndex tick, const std::vector<SessionOutcome>& sessions,
                           EmitSink& sink) {
  LearnContext c;
  c.catalog = &world.catalog;
  c.tick = tick;
  c.sessions = sessions.data();
  c.session_count = sessions.size();
  c.emit_fn = &EmitSink::record;
  c.sink = &sink;
  return c;
}

// Inputs the engine would hand a pricing policy: a slate per session (the last two slots of
// odd sessions empty) and intents spread over [0, 1].
ItemId input_slate(std::size_t session, std::size_t slot) {
  if (session % 2 == 1 && slot + 2 >= kSlate) return kNoItem;
  return static_cast<ItemId>((session * 3 + slot * 5) % (kItems - kLateItems));
}
float input_intent(std::size_t session) { return static_cast<float>(session % 11) / 10.0f; }

// One decision call per kind, into a buffer pre-filled with values a correct plugin would
// never leave there, so unwritten slots are caught.
std::vector<ItemId> decide(const Recommender& plugin, const SessionBatch& batch) {
  std::vector<ItemId> slates(batch.size * kSlate, kItems + 7);
  plugin.recommend(batch, kSlate, slates.data());
  return slates;
}
std::vector<float> decide(const IntentModel& plugin, const SessionBatch& batch) {
  std::vector<float> intent(batch.size, std::numeric_limits<float>::quiet_NaN());
  plugin.predict(batch, intent.data());
  return intent;
}
struct PricingOutput {
  std::vector<float> discounts;
  std::vector<CouponOffer> coupons;
  bool operator==(const PricingOutput& other) const {
    const auto same = [](const CouponOffer& a, const CouponOffer& b) {
      return std::equal(a.threshold, a.threshold + kCouponTiers, b.threshold) &&
             std::equal(a.value, a.value + kCouponTiers, b.value);
    };
    return discounts == other.discounts &&
           std::equal(coupons.begin(), coupons.end(), other.coupons.begin(), other.coupons.end(), same);
  }
};
PricingOutput decide(const PricingPolicy& plugin, const SessionBatch& batch) {
  std::vector<ItemId> slates(batch.size * kSlate);
  std::vector<float> intent(batch.size);
  for (std::size_t i = 0; i < batch.size; ++i) {
    intent[i] = input_intent(i);
    for (std::size_t j = 0; j < kSlate; ++j) slates[i * kSlate + j] = input_slate(i, j);
  }
  // The engine zero-fills both outputs; NaN-filled discounts would not catch a policy that
  // relies on that, so the contract hands over exactly what the engine does.
  PricingOutput out{std::vector<float>(batch.size * kSlate, 0.0f), std::vector<CouponOffer>(batch.size)};
  plugin.price(batch, intent.data(), kSlate, slates.data(), out.discounts.data(), out.coupons.data());
  return out;
}

void check(const Recommender&, const ContractWorld& world, TickIndex tick, const std::vector<ItemId>& slates) {
  for (std::size_t i = 0; i < kBatch; ++i) {
    INFO("session " << i);
    const auto row = slates.begin() + static_cast<std::ptrdiff_t>(i * kSlate);
    const auto padding = std::find(row, row + kSlate, kNoItem);
    CHECK(std::all_of(padding, row + kSlate, [](ItemId item) { return item == kNoItem; }));
    for (auto it = row; it != padding; ++it) {
      INFO("item " << *it);
      REQUIRE(*it < kItems);
      CHECK(world.launch[*it] <= tick);
      CHECK(std::find(row, it, *it) == it);
    }
  }
}
void check(const IntentModel&, const ContractWorld&, TickIndex, const std::vector<float>& intent) {
  for (const float p : intent) {
    INFO("intent " << p);
    CHECK((p >= 0.0f && p <= 1.0f));  // also false for NaN
  }
}
void check(const PricingPolicy&, const ContractWorld&, TickIndex, const PricingOutput& out) {
  const std::vector<float>& discounts = out.discounts;
  for (std::size_t i = 0; i < kBatch; ++i) {
    const CouponOffer& coupon = out.coupons[i];
    for (std::size_t t = 0; t < kCouponTiers; ++t) {
      INFO("session " << i << " coupon tier " << t << ": spend " << coupon.threshold[t] << " get "
                      << coupon.value[t] << " off");
      CHECK(coupon.value[t] >= 0.0f);  // also false for NaN
      if (coupon.value[t] > 0.0f) CHECK((std::isfinite(coupon.threshold[t]) && coupon.value[t] < coupon.threshold[t]));
    }
    for (std::size_t j = 0; j < kSlate; ++j) {
      const float d = discounts[i * kSlate + j];
      INFO("session " << i << " slot " << j << " discount " << d);
      CHECK((d >= 0.0f && d < 1.0f));
      if (input_slate(i, j) == kNoItem) CHECK(d == 0.0f);
    }
  }
}

template <class Interface>
void run_life_cycle(const PluginDescriptor& descriptor) {
  const ContractWorld world;
  const ParameterSet params = default_parameters(descriptor);
  CreateContext create;
  create.params = &params;
  create.catalog = &world.catalog;
  create.shopper_count = kShoppers;
  create.segment_count = kSegments;
  create.slate_size = kSlate;
  create.tick_count = kTicks;
  create.random_key = kRandomKey;
  create.phases = world.phases.data();
  create.phase_count = static_cast<std::uint32_t>(world.phases.size());
  create.discount_budget = kBudget;
  EmitSink sink{&descriptor, {}};
  {
    PluginInstance<Interface> plugin(library(), descriptor, create, "contract test");
    if (plugin.has(kLearnsFromHistory)) {
      plugin->fit(learn_context(world, 0, world.history_sessions, sink),
                  {world.history_events.data(), world.history_events.size()});
    }
    for (TickIndex tick = 0; tick < kTicks; ++tick) {
      INFO("tick " << tick);
      const DecisionContext context = world.decision_context(tick);
      const std::vector<SessionView> sessions_a = ContractWorld::sessions(tick, 0);
      const std::vector<SessionView> sessions_b = ContractWorld::sessions(tick, 1);
      const SessionBatch a{&context, sessions_a.data(), sessions_a.size()};
      const SessionBatch b{&context, sessions_b.data(), sessions_b.size()};
      const Interface& decider = plugin.get();

      const auto first = decide(decider, a);
      using Output = std::remove_const_t<decltype(first)>;
      check(decider, world, tick, first);
      CHECK(decide(decider, a) == first);
      const auto sequential_b = decide(decider, b);
      check(decider, world, tick, sequential_b);

      // Two threads released together, each repeating its call; Catch assertions are not
      // thread-safe, so results and errors are compared after the join.
      std::vector<Output> results_a(kConcurrentRepeats), results_b(kConcurrentRepeats);
      std::exception_ptr error_a, error_b;
      std::latch start(2);
      const auto worker = [&](const SessionBatch& batch, std::vector<Output>& results,
                              std::exception_ptr& error) {
        start.arrive_and_wait();
        try {
          for (auto& r : results) r = decide(decider, batch);
        } catch (...) {
          error = std::current_exception();
        }
      };
      std::thread thread_a([&] { worker(a, results_a, error_a); });
      std::thread thread_b([&] { worker(b, results_b, error_b); });
      thread_a.join();
      thread_b.join();
      if (error_a) std::rethrow_exception(error_a);
      if (error_b) std::rethrow_exception(error_b);
      CHECK(std::all_of(results_a.begin(), results_a.end(), [&](const auto& r) { return r == first; }));
      CHECK(std::all_of(results_b.begin(), results_b.end(), [&](const auto& r) { return r == sequential_b; }));

      if (plugin.has(kLearnsOnline)) {
        // Feedback for the tick: every session clicked, every fourth bought.
        std::vector<Event> events;
        std::vector<SessionOutcome> outcomes;
        for (std::size_t i = 0; i < kBatch; ++i) {
          const SessionView& view = sessions_a[i];
          const bool bought = i % 4 == 0;
          const ItemId item = input_slate(i, 0);
          events.push_back(ContractWorld::event(view.shopper, item, tick, EventType::kClick));
          if (bought) events.push_back(ContractWorld::event(view.shopper, item, tick, EventType::kPurchase));
          outcomes.push_back(ContractWorld::outcome(view, tick, input_intent(i), bought));
        }
        plugin->observe(learn_context(world, tick, outcomes, sink), {events.data(), events.size()});
      }
    }
  }
  for (const std::string& problem : sink.problems) FAIL_CHECK(problem);
  CHECK(library().use_count() == 1);  // the destroyed instance released its library
}

bool choice_allowed(std::string_view choices, std::string_view value) {
  for (std::size_t start = 0;;) {
    const std::size_t bar = choices.find('|', start);
    if (choices.substr(start, bar - start) == value) return true;
    if (bar == std::string_view::npos) return false;
    start = bar + 1;
  }
}

const PluginManifest& manifest() { return library()->manifest(); }

TEST_CASE("the manifest matches this build") {
  CHECK(check_manifest(manifest()) == "");
  CHECK(manifest().descriptor_count > 0);
}

TEST_CASE("every descriptor is complete and its defaults are valid") {
  for (std::uint32_t p = 0; p < manifest().descriptor_count; ++p) {
    const PluginDescriptor& d = manifest().descriptors[p];
    INFO("plugin '" << d.name << "'");
    CHECK(std::string_view(d.name) != "");
    CHECK(std::string_view(d.version) != "");
    CHECK(std::string_view(d.description) != "");
    CHECK((d.capabilities & ~std::uint32_t{kLearnsFromHistory | kLearnsOnline | kUsesRandomness | kReadsIntent}) == 0);
    if (d.kind != PluginKind::kPricingPolicy) CHECK((d.capabilities & kReadsIntent) == 0);
    for (std::uint32_t i = 0; i < d.param_count; ++i) {
      const ParamSpec& spec = d.params[i];
      INFO("parameter '" << spec.name << "'");
      CHECK(std::string_view(spec.doc) != "");
      if (spec.type == ParamType::kChoice) {
        CHECK(choice_allowed(spec.choices, spec.default_choice));
      } else {
        CHECK(spec.min <= spec.default_number);
        CHECK(spec.default_number <= spec.max);
      }
      if (spec.type == ParamType::kInteger) CHECK(std::floor(spec.default_number) == spec.default_number);
    }
    for (std::uint32_t i = 0; i < d.metric_count; ++i) {
      INFO("metric " << i);
      CHECK(std::string_view(d.metrics[i].name) != "");
      CHECK(std::string_view(d.metrics[i].doc) != "");
    }
    const ParameterSet defaults = default_parameters(d);
    REQUIRE(defaults.entries().size() == d.param_count);
    for (std::uint32_t i = 0; i < d.param_count; ++i) CHECK(defaults.entries()[i].name == d.params[i].name);
  }
}

TEST_CASE("every plugin lives through create, fit, decisions, observe and destroy") {
  for (std::uint32_t p = 0; p < manifest().descriptor_count; ++p) {
    const PluginDescriptor& d = manifest().descriptors[p];
    INFO(to_string(d.kind) << " plugin '" << d.name << "'");
    switch (d.kind) {
      case PluginKind::kRecommender: run_life_cycle<Recommender>(d); break;
      case PluginKind::kIntentModel: run_life_cycle<IntentModel>(d); break;
      case PluginKind::kPricingPolicy: run_life_cycle<PricingPolicy>(d); break;
    }
  }
}

}  // namespace
}  // namespace promosim
