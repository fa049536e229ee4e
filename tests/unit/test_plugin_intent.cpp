// The shipped intent models: none is a constant 0.5; recency_frequency learns that frequent,
// recent buyers buy more, from the history (fit) and online (observe), and stays in [0, 1].
#include <catch2/catch.hpp>
#include <limits>

#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

SessionView shopper_record(ShopperId s, std::uint32_t visits, std::uint32_t purchases, TickIndex last_visit,
                           TickIndex last_purchase) {
  SessionView v = session(s);
  v.visits = visits;
  v.purchases = purchases;
  v.last_visit_tick = last_visit;
  v.last_purchase_tick = last_purchase;
  return v;
}

/// Sessions at `tick` of 1000 shoppers where a shopper with v earlier visits (0..19, having
/// bought v / 4 units, last visit and purchase in the previous tick) buys with probability
/// v / 20, decided by a fixed hash so the stream is the same every run.
std::vector<SessionOutcome> frequent_buyers_buy_more(TickIndex tick) {
  std::vector<SessionOutcome> out;
  for (ShopperId s = 0; s < 1000; ++s) {
    const std::uint32_t visits = s % 20;
    const std::uint32_t purchases = visits / 4;
    const TickIndex previous = tick == 0 ? 0 : tick - 1;
    SessionOutcome o;
    o.view = shopper_record(s, visits, purchases, visits > 0 ? previous : kNever, purchases > 0 ? previous : kNever);
    o.tick = tick;
    o.purchases = ((s * 2654435761u) >> 16) % 20 < visits ? 1 : 0;
    out.push_back(o);
  }
  return out;
}

TEST_CASE("plugins: the none intent model scores every session 0.5", "[plugins]") {
  const TestCatalog catalog(4);
  TestPlugin<IntentModel> model(shipped<IntentModel>("none"), catalog);
  CHECK(predict(model, catalog, 3, {session(1), shopper_record(2, 40, 9, 2, 1)}) == std::vector<float>{0.5f, 0.5f});
}

TEST_CASE("plugins: recency_frequency scores frequent shoppers above new ones once it has learned", "[plugins]") {
  const TestCatalog catalog(4);
  TestPlugin<IntentModel> model(shipped<IntentModel>("recency_frequency"), catalog);
  const SessionView frequent = shopper_record(1, 16, 4, 4, 4);
  const SessionView newcomer = shopper_record(2, 0, 0, kNever, kNever);
  CHECK(predict(model, catalog, 5, {frequent, newcomer}) == std::vector<float>{0.5f, 0.5f});  // nothing learned

  SECTION("from the history in fit") {
    const auto history = frequent_buyers_buy_more(0);
    model->fit(learn_context(catalog, 0, history), {});
  }
  SECTION("online in observe") {
    for (TickIndex tick = 0; tick < 5; ++tick) {
      const auto sessions = frequent_buyers_buy_more(tick);
      model->observe(learn_context(catalog, tick, sessions), {});
    }
  }
  const std::vector<float> intent = predict(model, catalog, 5, {frequent, newcomer});
  INFO("frequent " << intent[0] << ", new " << intent[1]);
  CHECK(intent[0] > 0.5f);
  CHECK(intent[1] < 0.2f);
}

TEST_CASE("plugins: recency_frequency outputs stay in [0, 1] for extreme records", "[plugins]") {
  const TestCatalog catalog(4);
  constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
  // A large step size makes the weights big; extreme records then push the logit far out.
  TestPlugin<IntentModel> model(shipped<IntentModel>("recency_frequency"), catalog, {{"learning_rate", 1.0}});
  const auto history = frequent_buyers_buy_more(0);
  model->fit(learn_context(catalog, 0, history), {});
  const std::vector<SessionView> extremes = {
      shopper_record(1, kMax, kMax, 7, 7),          // everything, just now
      shopper_record(2, kMax, 0, 0, kNever),        // visits forever, never buys
      shopper_record(3, 0, 0, kNever, kNever),      // first visit
      shopper_record(4, 1, kMax, kNever - 1, 0),    // last visit in the "future"
  };
  for (const float p : predict(model, catalog, 7, extremes)) {
    INFO("intent " << p);
    CHECK((p >= 0.0f && p <= 1.0f));
  }
}

}  // namespace
}  // namespace promosim::test
