#pragma once
// Helpers for the [plugins] unit tests: the shipped plugins loaded from the build's plugin
// folder, a small hand-made catalog, an instance made with chosen parameters, its decisions,
// and checks every recommender of a kind must pass.
#include <algorithm>
#include <catch2/catch.hpp>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include "parameter_defaults.hpp"
#include "plugin_instance.hpp"
#include "plugin_registry.hpp"
#include "promosim/sdk.hpp"

namespace promosim::test {

/// The registry entry of shipped plugin `name` of Interface's kind.
template <class Interface>
const PluginEntry& shipped(const char* name) {
  static const PluginRegistry registry = PluginRegistry::discover({PROMOSIM_PLUGIN_DIR});
  const PluginEntry* entry = registry.entry(Interface::kKind, name);
  if (entry == nullptr) throw std::logic_error(std::string("plugin '") + name + "' is not in " PROMOSIM_PLUGIN_DIR);
  return *entry;
}

/// A catalog of `items` items priced 10, 20, 30, ... (cost 60%), in 4 categories and 8 brands (two per category), all
/// launched at tick 0 unless set otherwise through `launch`.
struct TestCatalog {
  std::vector<float> price, cost;
  std::vector<CategoryId> category;
  std::vector<BrandId> brand;
  std::vector<TickIndex> launch;
  CatalogView view;

  explicit TestCatalog(std::uint32_t items) : launch(items, 0) {
    for (std::uint32_t i = 0; i < items; ++i) {
      price.push_back(10.0f * static_cast<float>(i + 1));
      cost.push_back(0.6f * price.back());
      category.push_back(static_cast<CategoryId>(i % 4));
      brand.push_back(static_cast<BrandId>(i % 8));
    }
    view = {items, 4, 8, price.data(), cost.data(), category.data(), brand.data(), launch.data()};
  }
};

/// A parameter value that differs from the declared default.
struct ParamValue {
  const char* name;
  double number = 0.0;
  const char* choice = nullptr;
};

/// A plugin instance created with its defaults except `overrides`. Keeps the parameter set
/// and the create context alive as long as the instance, as the engine does.
template <class Interface>
class TestPlugin {
 public:
  TestPlugin(const PluginEntry& entry, const TestCatalog& catalog, std::initializer_list<ParamValue> overrides = {},
             std::uint32_t slate_size = 10, std::uint32_t ticks_per_day = 24) {
    const PluginDescriptor& d = *entry.descriptor;
    for (std::uint32_t i = 0; i < d.param_count; ++i) {
      const ParamSpec& spec = d.params[i];
      const ParamValue* value = nullptr;
      for (const ParamValue& o : overrides) {
        if (spec.name == std::string(o.name)) value = &o;
      }
      if (value == nullptr) {
        add_default(params_, spec);
      } else if (spec.type == ParamType::kChoice) {
        params_.set_choice(spec.name, value->choice);
      } else {
        params_.set_number(spec.name, spec.type, value->number);
      }
    }
    context_.params = &params_;
    context_.catalog = &catalog.view;
    context_.shopper_count = 1000;
    context_.segment_count = 1;
    context_.slate_size = slate_size;
    context_.tick_count = 1000;
    context_.ticks_per_day = ticks_per_day;
    instance_ = PluginInstance<Interface>(entry.library, d, context_, "unit test");
  }
  TestPlugin(TestPlugin&&) = delete;  // the instance may hold pointers into context_

  Interface* operator->() const { return instance_.operator->(); }
  const PluginDescriptor& descriptor() const { return instance_.descriptor(); }

 private:
  ParameterSet params_;
  CreateContext context_;
  PluginInstance<Interface> instance_;
};

/// A session of `shopper` with the given record; recent items newest first.
inline SessionView session(ShopperId shopper, std::initializer_list<ItemId> recent = {}) {
  SessionView v;
  v.shopper = shopper;
  for (const ItemId item : recent) v.recent_items[v.recent_count++] = item;
  return v;
}

inline DecisionContext decision_context(const TestCatalog& catalog, TickIndex tick, std::uint64_t random_key = 1) {
  DecisionContext c;
  c.catalog = &catalog.view;
  c.tick = tick;
  c.random_key = random_key;
  return c;
}

/// Records every value a plugin emits in fit/observe.
struct EmittedMetrics {
  std::vector<std::pair<std::uint32_t, double>> values;
  static void record(void* sink, std::uint32_t metric, double value) {
    static_cast<EmittedMetrics*>(sink)->values.emplace_back(metric, value);
  }
};

inline LearnContext learn_context(const TestCatalog& catalog, TickIndex tick,
                                  const std::vector<SessionOutcome>& sessions = {},
                                  EmittedMetrics* metrics = nullptr) {
  LearnContext c;
  c.catalog = &catalog.view;
  c.tick = tick;
  c.sessions = sessions.data();
  c.session_count = sessions.size();
  if (metrics != nullptr) {
    c.emit_fn = &EmittedMetrics::record;
    c.sink = metrics;
  }
  return c;
}

inline Event event(ItemId item, EventType type, TickIndex tick = 0, ShopperId shopper = 0) {
  return {shopper, item, tick, 10.0f, 0.0f, type, 0, 0};
}

inline EventSpan span(const std::vector<Event>& events) { return {events.data(), events.size()}; }

/// The slates `recommender` gives `sessions` at `tick`, row-major.
inline std::vector<ItemId> recommend(const TestPlugin<Recommender>& recommender, const TestCatalog& catalog,
                                     TickIndex tick, const std::vector<SessionView>& sessions,
                                     std::size_t slate_size = 10, std::uint64_t random_key = 1) {
  const DecisionContext context = decision_context(catalog, tick, random_key);
  std::vector<ItemId> slates(sessions.size() * slate_size, 0);
  recommender->recommend({&context, sessions.data(), sessions.size()}, slate_size, slates.data());
  return slates;
}

/// The purchase probabilities `model` gives `sessions` at `tick`.
inline std::vector<float> predict(const TestPlugin<IntentModel>& model, const TestCatalog& catalog, TickIndex tick,
                                  const std::vector<SessionView>& sessions) {
  const DecisionContext context = decision_context(catalog, tick);
  std::vector<float> intent(sessions.size(), -1.0f);
  model->predict({&context, sessions.data(), sessions.size()}, intent.data());
  return intent;
}

/// Checks that two instances of recommender `name` (with `overrides`), fitted on the same
/// clicks, give the same slates, again on a repeated call, with no item twice in a slate.
inline void check_repeatable_slates(const char* name, std::initializer_list<ParamValue> overrides = {}) {
  const TestCatalog catalog(30);
  std::vector<Event> events;
  for (ShopperId s = 0; s < 60; ++s) {
    for (ItemId k = 0; k < 4; ++k) events.push_back(event((s * 7 + k * 11) % 30, EventType::kClick, 0, s));
  }
  TestPlugin<Recommender> a(shipped<Recommender>(name), catalog, overrides);
  TestPlugin<Recommender> b(shipped<Recommender>(name), catalog, overrides);
  a->fit(learn_context(catalog, 0), span(events));
  b->fit(learn_context(catalog, 0), span(events));
  std::vector<SessionView> sessions;
  for (ShopperId s = 0; s < 40; ++s) sessions.push_back(session(s, {s % 30, (s * 3 + 1) % 30}));
  const std::vector<ItemId> first = recommend(a, catalog, 2, sessions);
  CHECK(recommend(a, catalog, 2, sessions) == first);
  CHECK(recommend(b, catalog, 2, sessions) == first);
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const auto row = first.begin() + static_cast<std::ptrdiff_t>(i * 10);
    std::vector<ItemId> sorted(row, row + 10);
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // no item twice
  }
}

}  // namespace promosim::test
