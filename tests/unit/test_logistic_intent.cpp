// logistic_intent: the regression recovers known coefficients and its loss falls with training;
// the features encode unknown times as unknown; the event-derived cart state follows carts and
// purchases; the plugin learns the phase online and its scores are probabilities, repeatable.
#include <Eigen/LU>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "logistic_intent_model.hpp"
#include "online_logistic_regression.hpp"
#include "shopper_activity.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::LogisticIntentConfig;
using plugins::LogisticIntentModel;
using plugins::OnlineLogisticRegression;

/// n rows of (1, x1, x2, x3) with x ~ N(0, 1) and labels drawn from σ(w_true · x), all from
/// RandomStream so every run sees the same data.
struct SyntheticRows {
  std::vector<float> x;
  std::vector<std::uint8_t> y;
};
SyntheticRows synthetic_rows(std::size_t n, const Eigen::Vector4d& w_true, std::uint32_t salt) {
  SyntheticRows rows;
  for (std::size_t r = 0; r < n; ++r) {
    const RandomStream stream(7, 100 + salt, static_cast<std::uint32_t>(r), 0);
    const auto u = stream.uniform4(0);
    const auto v = stream.uniform4(1);
    const Eigen::Vector4d x(1.0, standard_normal(u[0], u[1]), standard_normal(u[2], u[3]), standard_normal(v[0], v[1]));
    for (int j = 0; j < 4; ++j) rows.x.push_back(static_cast<float>(x[j]));
    rows.y.push_back(v[2] < OnlineLogisticRegression::sigmoid(w_true.dot(x)) ? 1 : 0);
  }
  return rows;
}

TEST_CASE("plugins: logistic regression recovers known coefficients by Newton's method", "[plugins]") {
  const Eigen::Vector4d w_true(-1.0, 0.8, -0.5, 0.3);
  constexpr std::size_t kRows = 20000;
  const SyntheticRows rows = synthetic_rows(kRows, w_true, 0);
  OnlineLogisticRegression regression(4, 0.0);
  const int iterations = regression.fit_newton(rows.x, rows.y, 50, 1e-10);
  CHECK(iterations < 50);
  // Tolerance from the sample size: 4 standard errors, from the inverse Fisher information
  // at the true weights, sqrt(diag((Σ p(1−p) x xᵀ)⁻¹)).
  Eigen::Matrix4d fisher = Eigen::Matrix4d::Zero();
  for (std::size_t r = 0; r < kRows; ++r) {
    const Eigen::Vector4d x = Eigen::Map<const Eigen::Vector4f>(rows.x.data() + 4 * r).cast<double>();
    const double p = OnlineLogisticRegression::sigmoid(w_true.dot(x));
    fisher += p * (1.0 - p) * x * x.transpose();
  }
  const Eigen::Vector4d standard_error = fisher.inverse().diagonal().cwiseSqrt();
  for (int j = 0; j < 4; ++j) {
    INFO("weight " << j << ": fitted " << regression.weights()[j] << ", true " << w_true[j] << ", se "
                   << standard_error[j]);
    CHECK(std::abs(regression.weights()[j] - w_true[j]) < 4.0 * standard_error[j]);
    CHECK(standard_error[j] < 0.05);  // the sample is large enough for the check to mean something
  }
}

TEST_CASE("plugins: logistic regression's log-loss falls with SGD steps toward the Newton optimum", "[plugins]") {
  const Eigen::Vector4d w_true(-1.0, 0.8, -0.5, 0.3);
  const SyntheticRows rows = synthetic_rows(5000, w_true, 1);
  OnlineLogisticRegression sgd(4, 1e-4);
  const double untrained = sgd.mean_log_loss(rows.x, rows.y);
  CHECK(untrained == Approx(std::log(2.0)));  // weights start at 0: every p is 0.5
  // Loss over the whole sample after 100, 400 and 1600 steps, then after four passes.
  std::vector<double> losses;
  std::vector<double> row(4);
  const std::vector<std::size_t> checkpoints = {100, 400, 1600, 4 * rows.y.size()};
  for (std::size_t step = 0, next = 0; next < checkpoints.size(); ++step) {
    const std::size_t r = step % rows.y.size();
    for (std::size_t j = 0; j < 4; ++j) row[j] = rows.x[4 * r + j];
    sgd.sgd_step(row.data(), rows.y[r] != 0, 0.01);
    if (step + 1 == checkpoints[next]) {
      losses.push_back(sgd.mean_log_loss(rows.x, rows.y));
      ++next;
    }
  }
  OnlineLogisticRegression newton(4, 1e-4);
  newton.fit_newton(rows.x, rows.y, 50, 1e-10);
  const double optimum = newton.mean_log_loss(rows.x, rows.y);
  INFO("untrained " << untrained << ", after 100/400/1600 steps and 4 passes " << losses[0] << " " << losses[1] << " "
                    << losses[2] << " " << losses[3] << ", Newton " << optimum);
  CHECK(losses[0] < untrained);
  CHECK(losses[1] < losses[0]);
  CHECK(losses[2] < losses[1]);
  CHECK(losses[3] >= optimum - 1e-9);  // nothing beats the optimum of the same objective
  CHECK(losses[3] < optimum + 0.005);
}

TEST_CASE("plugins: logistic regression's SGD step follows the documented update", "[plugins]") {
  OnlineLogisticRegression regression(3, 0.1);
  Eigen::VectorXd w(3);
  w << 0.5, 1.0, -2.0;
  regression.set_weights(w);
  const double x[3] = {1.0, 2.0, 0.5};
  // z = 0.5 + 2 − 1 = 1.5; p = σ(1.5); label 1: error p − 1.
  const double p = OnlineLogisticRegression::sigmoid(1.5);
  CHECK(regression.sgd_step(x, true, 0.2) == Approx(p));
  const double e = p - 1.0;
  CHECK(regression.weights()[0] == Approx(0.5 - 0.2 * e));  // the bias carries no penalty
  CHECK(regression.weights()[1] == Approx(1.0 - 0.2 * (e * 2.0 + 0.1 * 1.0)));
  CHECK(regression.weights()[2] == Approx(-2.0 - 0.2 * (e * 0.5 + 0.1 * -2.0)));
}

LogisticIntentConfig test_config() {
  LogisticIntentConfig c;
  c.learning_rate = 0.05;
  c.l2 = 1e-4;
  c.newton_iterations = 30;
  c.recency_half_life_hours = 72;
  c.activity_half_life_hours = 24;
  return c;
}

const std::vector<PhaseView> kPhases = {{"warm_up", 0, 48, 1.0}, {"peak", 48, 24, 4.0}};

TEST_CASE("plugins: logistic_intent encodes unknown recency as unknown, not as an age", "[plugins]") {
  const TestCatalog catalog(8);
  const LogisticIntentModel model(catalog.view, 10, 2, kPhases.data(), 2, 24, test_config());
  std::vector<double> x(model.feature_count());
  using F = LogisticIntentModel;

  SECTION("a first visit") {
    model.encode(session(1), 5, 0, x.data());
    CHECK(x[F::kFirstVisit] == 1.0);
    CHECK(x[F::kVisitUndated] == 0.0);
    CHECK(x[F::kNeverBought] == 1.0);
    CHECK(x[F::kPurchaseUndated] == 0.0);
    CHECK(x[F::kLogDaysSinceVisit] == 0.0);
    CHECK(x[F::kPurchaseRecency] == 0.0);
  }
  SECTION("a returning shopper known only from the undated history") {
    SessionView v = session(1);
    v.visits = 3;
    v.purchases = 1;  // last_visit_tick and last_purchase_tick stay kNever
    model.encode(v, 5, 0, x.data());
    CHECK(x[F::kFirstVisit] == 0.0);
    CHECK(x[F::kVisitUndated] == 1.0);
    CHECK(x[F::kNeverBought] == 0.0);
    CHECK(x[F::kPurchaseUndated] == 1.0);
    CHECK(x[F::kLogDaysSinceVisit] == 0.0);
    CHECK(x[F::kLogDaysSincePurchase] == 0.0);
    CHECK(x[F::kPurchaseRecency] == 0.0);
    CHECK(x[F::kLogVisits] == Approx(std::log(4.0)));
  }
  SECTION("a dated visit and purchase: two days and one day ago, hourly ticks") {
    SessionView v = session(1);
    v.visits = 3;
    v.purchases = 1;
    v.last_visit_tick = 12;
    v.last_purchase_tick = 36;
    model.encode(v, 60, 1, x.data());
    CHECK(x[F::kVisitUndated] == 0.0);
    CHECK(x[F::kPurchaseUndated] == 0.0);
    CHECK(x[F::kLogDaysSinceVisit] == Approx(std::log(3.0)));
    CHECK(x[F::kLogDaysSincePurchase] == Approx(std::log(2.0)));
    CHECK(x[F::kPurchaseRecency] == Approx(std::pow(0.5, 24.0 / 72.0)));
  }
  SECTION("phase and segment one-hots, with the phase's progress") {
    SessionView v = session(1);
    v.segment = 1;
    model.encode(v, 53, 1, x.data());  // 5.5 of the peak's 24 ticks
    const std::size_t phases = F::kPhaseFeatures;
    CHECK(x[phases + 0] == 0.0);
    CHECK(x[phases + 1] == 1.0);
    CHECK(x[phases + 2] == 0.0);
    CHECK(x[phases + 3] == Approx(5.5 / 24.0));
    CHECK(x[phases + 4] == 0.0);
    CHECK(x[phases + 5] == 1.0);
    CHECK(model.feature_count() == phases + 6);
    model.encode(v, 0, plugins::kHistoryPhase, x.data());  // the history has no phase
    CHECK(x[phases + 0] + x[phases + 1] + x[phases + 2] + x[phases + 3] == 0.0);
  }
  SECTION("unknown shoppers and segments are rejected") {
    CHECK_THROWS_AS(model.encode(session(10), 0, 0, x.data()), std::out_of_range);
    SessionView v = session(1);
    v.segment = 2;
    CHECK_THROWS_AS(model.encode(v, 0, 0, x.data()), std::out_of_range);
  }
}

TEST_CASE("plugins: logistic_intent's activity log follows carts, purchases and prices", "[plugins]") {
  const TestCatalog catalog(8);  // category c holds items c and c + 4, priced 10(c+1) and 10(c+5)
  plugins::ShopperActivityLog log(catalog.view, 4, 0.5, 0.5);
  const auto at = [](ItemId item, EventType type, TickIndex tick) {
    Event e = event(item, type, tick, 2);
    e.discount = type == EventType::kClick ? 0.2f : 0.0f;
    return e;
  };
  log.apply(at(1, EventType::kClick, 0), plugins::kHistoryPhase);
  log.apply(at(1, EventType::kCart, 0), plugins::kHistoryPhase);
  log.apply(at(5, EventType::kCart, 3), 0);
  log.apply(at(6, EventType::kCart, 3), 0);
  log.apply(at(5, EventType::kPurchase, 4), 1);
  const plugins::ShopperActivity& a = log.at(2);
  CHECK(a.open_count == 2);  // items 6 and 1 are still in the cart, newest first
  CHECK(a.open_items[0] == 6);
  CHECK(a.open_items[1] == 1);
  CHECK(a.open_from_earlier_phase(1) == 1);  // item 6, carted in phase 0; item 1 is history
  CHECK(a.open_from_earlier_phase(0) == 0);
  CHECK(a.events == 5);
  // Counts halve every tick: the history cart is worth 0.5³ at tick 3, plus two carts there,
  // 2.125, halved again by tick 4; the history click is worth 0.5⁶ at tick 6.
  CHECK(log.decayed(a.carts, a.as_of, 4) == Approx(1.0625));
  CHECK(log.decayed(a.clicks, a.as_of, 6) == Approx(1.0 / 64.0));
  // Category 1 holds items 1 (20) and 5 (60): median 40.
  CHECK(log.log_relative_price(1) == Approx(std::log(0.5)));
  CHECK(log.log_relative_price(5) == Approx(std::log(1.5)));
  CHECK_THROWS_AS(log.apply(event(8, EventType::kClick, 0, 2), 0), std::out_of_range);
  CHECK_THROWS_AS(log.apply(event(1, EventType::kClick, 0, 4), 0), std::out_of_range);
}

TEST_CASE("plugins: logistic_intent's activity log takes a span of events as one after another", "[plugins]") {
  const TestCatalog catalog(8);
  // Interleaved shoppers (out of order, so no slice can rely on runs), several events each.
  std::vector<Event> events;
  for (std::uint32_t i = 0; i < 400; ++i) {
    const auto type = static_cast<EventType>(1 + i % 3);
    Event e = event(static_cast<ItemId>((i * 5) % 8), type, i / 50, (i * 37) % 100);
    e.discount = type == EventType::kClick ? 0.1f * static_cast<float>(i % 4) : 0.0f;
    events.push_back(e);
  }
  plugins::ShopperActivityLog one_by_one(catalog.view, 100, 0.9, 0.3), spanned(catalog.view, 100, 0.9, 0.3);
  for (const Event& e : events) one_by_one.apply(e, 1);
  spanned.apply(EventSpan{events.data(), events.size()}, 1);
  for (ShopperId s = 0; s < 100; ++s) {
    const plugins::ShopperActivity& a = one_by_one.at(s);
    const plugins::ShopperActivity& b = spanned.at(s);
    CHECK(a.events == b.events);
    CHECK(a.clicks == b.clicks);
    CHECK(a.carts == b.carts);
    CHECK(a.price_level == b.price_level);
    CHECK(a.discount_level == b.discount_level);
    CHECK(a.open_count == b.open_count);
    CHECK(std::equal(a.open_items, a.open_items + a.open_count, b.open_items));
  }
  // A bad event anywhere is reported before any is recorded.
  events.push_back(event(9, EventType::kClick, 9, 3));
  plugins::ShopperActivityLog untouched(catalog.view, 100, 0.9, 0.3);
  CHECK_THROWS_AS(untouched.apply(EventSpan{events.data(), events.size()}, 1), std::out_of_range);
  CHECK(untouched.at(3).events == 0);
}

/// History where segment 1 buys on 60% of its visits and segment 0 on 10%; each session has
/// its click and, when it bought, a purchase event.
struct SegmentHistory {
  std::vector<SessionOutcome> sessions;
  std::vector<Event> events;
};
SegmentHistory segment_history(std::uint32_t shoppers) {
  SegmentHistory h;
  for (ShopperId s = 0; s < shoppers; ++s) {
    SessionOutcome o;
    o.view = session(s);
    o.view.segment = static_cast<SegmentId>(s % 2);
    const double rate = s % 2 == 1 ? 0.6 : 0.1;
    o.clicks = 1;
    o.purchases = RandomStream(3, 200, s, 0).uniform(0) < rate ? 1 : 0;
    h.sessions.push_back(o);
    h.events.push_back(event(s % 8, EventType::kClick, 0, s));
    if (o.purchases > 0) h.events.push_back(event(s % 8, EventType::kPurchase, 0, s));
  }
  return h;
}

TEST_CASE("plugins: logistic_intent is calibrated by segment after the history fit", "[plugins]") {
  const TestCatalog catalog(8);
  // Shoppers 0..3999 make the history; 4000 and 4001 are newcomers whose first session has
  // exactly the features the history's sessions had, so the maximum-likelihood fit scores them
  // at their segment's observed rate (up to the tiny L2 penalty).
  LogisticIntentModel model(catalog.view, 4002, 2, kPhases.data(), 2, 24, test_config());
  const SegmentHistory history = segment_history(4000);
  model.fit_history(history.sessions.data(), history.sessions.size(), {history.events.data(), history.events.size()});
  double observed[2] = {0, 0};
  for (const SessionOutcome& o : history.sessions) {
    observed[o.view.segment] += o.purchases > 0 ? 1.0 / 2000 : 0.0;  // 2000 sessions per segment
  }
  for (SegmentId g = 0; g < 2; ++g) {
    SessionView newcomer = session(4000 + g);
    newcomer.segment = g;
    const double predicted = model.probability(newcomer, 0, plugins::kHistoryPhase);
    INFO("segment " << g << ": predicted " << predicted << ", observed " << observed[g]);
    CHECK(predicted == Approx(observed[g]).margin(0.005));
  }
  CHECK(observed[0] == Approx(0.1).margin(0.03));
  CHECK(observed[1] == Approx(0.6).margin(0.03));
}

TEST_CASE("plugins: logistic_intent learns a phase's purchase rate online", "[plugins]") {
  const TestCatalog catalog(8);
  LogisticIntentModel model(catalog.view, 1000, 2, kPhases.data(), 2, 24, test_config());
  const SegmentHistory history = segment_history(1000);
  model.fit_history(history.sessions.data(), history.sessions.size(), {history.events.data(), history.events.size()});
  // During the peak (phase 1) every session buys: its indicator must take the score up.
  SessionView probe = session(7);
  probe.segment = 1;
  const double before = model.probability(probe, 50, 1);
  double first_loss = 0.0, last_loss = 0.0;
  for (TickIndex tick = 48; tick < 58; ++tick) {
    std::vector<SessionOutcome> sessions;
    for (ShopperId s = 0; s < 100; ++s) {
      SessionOutcome o;
      o.view = session(s);
      o.view.segment = static_cast<SegmentId>(s % 2);
      o.tick = tick;
      o.purchases = 1;
      sessions.push_back(o);
    }
    const auto summary = model.learn_tick(tick, 1, sessions.data(), sessions.size(), {});
    CHECK(summary.purchase_rate == 1.0);
    if (tick == 48) first_loss = summary.log_loss;
    last_loss = summary.log_loss;
  }
  const double after = model.probability(probe, 58, 1);
  INFO("before " << before << ", after " << after << "; log-loss " << first_loss << " -> " << last_loss);
  CHECK(after > before + 0.2);
  CHECK(last_loss < 0.5 * first_loss);
  CHECK(model.probability(probe, 10, 0) < after);  // the warm-up keeps its own level
}

TEST_CASE("plugins: logistic_intent scores are probabilities and repeat exactly", "[plugins]") {
  const TestCatalog catalog(8);
  const SegmentHistory history = segment_history(1000);
  std::vector<SessionOutcome> for_plugin = history.sessions;
  for (SessionOutcome& o : for_plugin) o.view.segment = 0;  // TestPlugin declares one segment
  constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
  std::vector<SessionView> views = {session(1), session(2, {3, 4, 5})};
  SessionView extreme = session(3);
  extreme.visits = kMax;
  extreme.purchases = kMax;
  extreme.last_visit_tick = 0;
  extreme.last_purchase_tick = kNever - 1;  // "in the future"
  views.push_back(extreme);
  std::vector<std::vector<float>> runs;
  for (int run = 0; run < 2; ++run) {
    TestPlugin<IntentModel> model(shipped<IntentModel>("logistic_intent"), catalog, {{"learning_rate", 1.0}});
    model->fit(learn_context(catalog, 0, for_plugin), span(history.events));
    const DecisionContext context = decision_context(catalog, 40);
    std::vector<float> intent(views.size(), -1.0f);
    model->predict({&context, views.data(), views.size()}, intent.data());
    runs.push_back(intent);
  }
  for (const float p : runs[0]) {
    INFO("intent " << p);
    CHECK((p >= 0.0f && p <= 1.0f));
  }
  CHECK(runs[0] == runs[1]);
}

TEST_CASE("plugins: logistic_intent rejects a history whose events do not match its sessions", "[plugins]") {
  const TestCatalog catalog(8);
  LogisticIntentModel model(catalog.view, 10, 1, nullptr, 0, 24, test_config());
  std::vector<SessionOutcome> sessions(1);
  sessions[0].view = session(1);
  sessions[0].clicks = 1;
  const std::vector<Event> wrong_shopper = {event(0, EventType::kClick, 0, 2)};
  CHECK_THROWS_AS(model.fit_history(sessions.data(), 1, span(wrong_shopper)), std::invalid_argument);
}

}  // namespace
}  // namespace promosim::test
