// sequence_intent: the GRU's backpropagation through time matches finite differences in every
// parameter block; it learns a rule that only the order of events reveals; the shopper
// sequences encode price bands and time gaps as documented; the plugin's scores are
// probabilities, repeat exactly, and follow each shopper's new events.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sequence_gru.hpp"
#include "sequence_gru_trainer.hpp"
#include "sequence_intent_model.hpp"
#include "shopper_sequences.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::SequenceExample;
using plugins::SequenceGru;
using plugins::SequenceGruTrainer;
using plugins::SequenceStep;

SequenceStep step(CategoryId category, std::uint8_t type, std::uint8_t band, float gap = 0.0f, bool dated = false) {
  SequenceStep s;
  s.category = category;
  s.type = type;
  s.band = band;
  s.dated = dated ? 1 : 0;
  s.gap = gap;
  return s;
}

/// Every parameter set to a draw in ±0.8, so no block (biases, gap weights) sits at a special value.
void randomise(SequenceGru& gru) {
  const RandomStream stream(11, 500, 0, 0);
  for (Eigen::Index k = 0; k < gru.parameters().size(); ++k) {
    gru.parameters()[k] = 1.6 * stream.uniform(static_cast<std::uint32_t>(k)) - 0.8;
  }
}

double loss_of(const SequenceGru& gru, const std::vector<SequenceStep>& steps, std::uint16_t phase, SegmentId segment,
               bool label) {
  SequenceGru::Workspace work;
  Eigen::VectorXd ignored = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(gru.parameter_count()));
  return gru.accumulate_gradient(steps.data(), steps.size(), phase, segment, label, work, ignored);
}

TEST_CASE("plugins: the GRU's gradients match central finite differences in every block", "[plugins]") {
  SequenceGru gru({3, 4, 2, 2}, 1, 2);
  randomise(gru);
  // Dated and undated steps, every type, repeated categories.
  const std::vector<SequenceStep> steps = {step(0, 0, 1), step(2, 1, 4), step(2, 0, 0, 0.4f, true),
                                           step(3, 2, 2, 0.0f, true), step(1, 1, 3, 1.2f, true)};
  const bool label = GENERATE(false, true);
  INFO("label " << label);
  SequenceGru::Workspace work;
  Eigen::VectorXd analytic = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(gru.parameter_count()));
  gru.accumulate_gradient(steps.data(), steps.size(), 1, 1, label, work, analytic);
  constexpr double kStep = 1e-6;
  Eigen::VectorXd numeric(analytic.size());
  for (Eigen::Index k = 0; k < analytic.size(); ++k) {
    const double saved = gru.parameters()[k];
    gru.parameters()[k] = saved + kStep;
    const double up = loss_of(gru, steps, 1, 1, label);
    gru.parameters()[k] = saved - kStep;
    const double down = loss_of(gru, steps, 1, 1, label);
    gru.parameters()[k] = saved;
    numeric[k] = (up - down) / (2 * kStep);
  }
  REQUIRE(gru.blocks().size() == 7);
  for (const SequenceGru::Block& block : gru.blocks()) {
    const auto a = analytic.segment(static_cast<Eigen::Index>(block.offset), static_cast<Eigen::Index>(block.size));
    const auto n = numeric.segment(static_cast<Eigen::Index>(block.offset), static_cast<Eigen::Index>(block.size));
    const double relative = (a - n).norm() / std::max(a.norm() + n.norm(), 1e-12);
    INFO("block " << block.name << ": |analytic| " << a.norm() << ", relative error " << relative);
    CHECK(a.norm() > 1e-6);  // every block takes part (phase 1 and segment 1 are used)
    CHECK(relative < 1e-4);
  }
}

TEST_CASE("plugins: the GRU's state follows the documented update from h0 = 0", "[plugins]") {
  // One hidden unit, one category: z = σ(w_z·x + b_z), r irrelevant at h0 = 0,
  // n = tanh(w_n·x + b_n), h1 = (1 − z)·n.
  SequenceGru gru({1, 1, 0, 1}, 1, 2);
  gru.parameters().setZero();
  const std::size_t d = gru.input_size();  // W is 3 × d, column-major: rows z, r, n
  gru.parameters()[0 * 3 + 0] = 0.5;       // click column, update gate
  gru.parameters()[0 * 3 + 2] = 1.0;       // click column, candidate
  const std::size_t gate_biases = 3 * d + 3;
  gru.parameters()[static_cast<Eigen::Index>(gate_biases + 2)] = 0.25;  // candidate bias
  const std::vector<SequenceStep> one = {step(0, 0, 0)};
  SequenceGru::Workspace work;
  Eigen::VectorXd h(1);
  gru.final_state(one.data(), 1, work, h);
  CHECK(h[0] == Approx((1.0 - SequenceGru::sigmoid(0.5)) * std::tanh(1.25)));
  gru.final_state(one.data(), 0, work, h);
  CHECK(h[0] == 0.0);
}

/// A sequence of 3..7 clicks and carts over 3 categories; it buys iff some cart is followed,
/// later on, by a click in the same category (the shopper came back to compare).
std::vector<SequenceStep> rule_sequence(std::uint32_t index, bool& buys) {
  const RandomStream stream(5, 600, index, 0);
  const auto length = 3 + static_cast<std::size_t>(stream.uniform(0) * 5);
  std::vector<SequenceStep> steps;
  for (std::size_t t = 0; t < length; ++t) {
    const auto u = stream.uniform4(1 + static_cast<std::uint32_t>(t));
    steps.push_back(step(static_cast<CategoryId>(u[0] * 3), u[1] < 0.3 ? 1 : 0, static_cast<std::uint8_t>(u[2] * 5)));
  }
  buys = false;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    for (std::size_t j = i + 1; j < steps.size(); ++j) {
      if (steps[i].type == 1 && steps[j].type == 0 && steps[j].category == steps[i].category) buys = true;
    }
  }
  return steps;
}

struct RuleData {
  std::vector<SequenceStep> steps;
  std::vector<SequenceExample> examples;
};
RuleData rule_data(std::uint32_t first, std::uint32_t count) {
  RuleData data;
  for (std::uint32_t i = first; i < first + count; ++i) {
    bool buys = false;
    const std::vector<SequenceStep> s = rule_sequence(i, buys);
    SequenceExample e;
    e.offset = data.steps.size();
    e.length = static_cast<std::uint16_t>(s.size());
    e.label = buys;
    data.examples.push_back(e);
    data.steps.insert(data.steps.end(), s.begin(), s.end());
  }
  return data;
}

TEST_CASE("plugins: the GRU learns that a cart followed by a view of its category buys", "[plugins]") {
  const RuleData train = rule_data(0, 3000);
  const RuleData test = rule_data(100000, 1000);
  SequenceGru gru({8, 3, 0, 1}, 3, 4);
  const SequenceGruTrainer trainer(3, 5);
  plugins::SequenceTrainingConfig config;
  config.epochs = 30;
  config.batch_size = 32;
  config.learning_rate = 0.02;
  const double before = SequenceGruTrainer::mean_log_loss(gru, test.steps, test.examples);
  trainer.train(gru, train.steps, train.examples, config, 0);
  std::size_t correct = 0, positives = 0;
  SequenceGru::Workspace work;
  Eigen::VectorXd h(8);
  for (const SequenceExample& e : test.examples) {
    gru.final_state(test.steps.data() + e.offset, e.length, work, h);
    const bool predicted = SequenceGru::sigmoid(gru.output_logit(h.data(), SequenceGru::kNoPhase, 0)) > 0.5;
    correct += predicted == e.label ? 1 : 0;
    positives += e.label ? 1 : 0;
  }
  const double accuracy = static_cast<double>(correct) / 1000;
  const double majority = std::max(positives, 1000 - positives) / 1000.0;
  const double after = SequenceGruTrainer::mean_log_loss(gru, test.steps, test.examples);
  INFO("held-out accuracy " << accuracy << ", majority class " << majority << ", log-loss " << before << " -> "
                            << after);
  CHECK(majority < 0.7);  // the rule is not a foregone conclusion
  CHECK(accuracy > 0.9);
  CHECK(accuracy > majority + 0.2);
  CHECK(after < 0.5 * before);
}

TEST_CASE("plugins: GRU training is the same on any number of threads and every run", "[plugins]") {
  const RuleData train = rule_data(0, 300);
  plugins::SequenceTrainingConfig config;
  config.epochs = 2;
  config.batch_size = 50;  // not a multiple of the chunk size
  config.learning_rate = 0.01;
  std::vector<Eigen::VectorXd> results;
  for (int run = 0; run < 2; ++run) {
    SequenceGru gru({4, 3, 0, 1}, 9, 4);
    SequenceGruTrainer(9, 5).train(gru, train.steps, train.examples, config, 0);
    results.push_back(gru.parameters());
  }
  CHECK(results[0] == results[1]);
}

TEST_CASE("plugins: shopper sequences keep the last events with price bands and gaps", "[plugins]") {
  // TestCatalog(20): category c holds items c, c+4, ..., c+16 priced 10(c+1), 10(c+5), ... —
  // five items per category, one per price quintile.
  const TestCatalog catalog(20);
  plugins::ShopperSequences sequences(catalog.view, 3, 4, 24);
  for (ItemId item = 1; item < 20; item += 4) CHECK(sequences.price_band(item) == item / 4);
  SECTION("undated history events, then a dated event after them, then a dated gap") {
    sequences.append(event(5, EventType::kClick, 0, 1), false);
    sequences.append(event(5, EventType::kCart, 0, 1), false);
    sequences.append(event(9, EventType::kClick, 30, 1), true);
    sequences.append(event(13, EventType::kPurchase, 54, 1), true);
    std::vector<SequenceStep> out(4);
    REQUIRE(sequences.copy(1, out.data()) == 4);
    CHECK(out[0].type == 0);
    CHECK(out[1].type == 1);
    CHECK(out[2].type == 0);
    CHECK(out[3].type == 2);
    CHECK(out[1].category == 1);
    CHECK(out[1].band == 1);
    CHECK(out[2].band == 2);
    CHECK(out[0].dated == 0);
    CHECK(out[1].dated == 0);
    CHECK(out[2].dated == 0);  // the event before it has no time
    CHECK(out[3].dated == 1);
    CHECK(out[3].gap == Approx(std::log(25.0) / std::log(169.0)));  // 24 hours
  }
  SECTION("the oldest events fall out, order kept") {
    for (ItemId item = 0; item < 6; ++item) sequences.append(event(item, EventType::kClick, item, 2), true);
    std::vector<SequenceStep> out(4);
    REQUIRE(sequences.copy(2, out.data()) == 4);
    for (std::size_t k = 0; k < 4; ++k) CHECK(out[k].category == (k + 2) % 4);
    CHECK(sequences.copy(0, out.data()) == 0);
  }
  SECTION("unknown shoppers and items are rejected") {
    CHECK_THROWS_AS(sequences.append(event(0, EventType::kClick, 0, 3), true), std::out_of_range);
    CHECK_THROWS_AS(sequences.append(event(20, EventType::kClick, 0, 0), true), std::out_of_range);
  }
}

/// Sessions and events of `shoppers` shoppers: odd shoppers cart and buy on their second visit
/// (after carting on the first), even ones only click.
struct History {
  std::vector<SessionOutcome> sessions;
  std::vector<Event> events;
};
History cart_history(std::uint32_t shoppers) {
  History h;
  for (ShopperId s = 0; s < shoppers; ++s) {
    const bool buyer = s % 2 == 1;
    for (std::uint32_t visit = 0; visit < 2; ++visit) {
      SessionOutcome o;
      o.view = session(s);
      o.view.visits = visit;
      o.clicks = 1;
      h.events.push_back(event(s % 20, EventType::kClick, 0, s));
      if (buyer) {
        o.carts = 1;
        h.events.push_back(event(s % 20, EventType::kCart, 0, s));
      }
      if (buyer && visit == 1) {
        o.purchases = 1;
        h.events.push_back(event(s % 20, EventType::kPurchase, 0, s));
      }
      h.sessions.push_back(o);
    }
  }
  return h;
}

TEST_CASE("plugins: sequence_intent scores carting shoppers higher, repeatably, within [0, 1]", "[plugins]") {
  const TestCatalog catalog(20);
  const History history = cart_history(400);
  const std::vector<SessionView> probes = {session(10), session(11)};
  std::vector<std::vector<float>> runs;
  for (int run = 0; run < 2; ++run) {
    TestPlugin<IntentModel> model(shipped<IntentModel>("sequence_intent"), catalog, {{"epochs", 10}});
    model->fit(learn_context(catalog, 0, history.sessions), span(history.events));
    runs.push_back(predict(model, catalog, 0, probes));
  }
  INFO("clicker " << runs[0][0] << ", carter " << runs[0][1]);
  for (const float p : runs[0]) CHECK((p >= 0.0f && p <= 1.0f));
  CHECK(runs[0][1] > runs[0][0] + 0.2f);
  CHECK(runs[0] == runs[1]);
}

TEST_CASE("plugins: sequence_intent updates a shopper's state from the tick's events", "[plugins]") {
  const TestCatalog catalog(20);
  const History history = cart_history(400);
  TestPlugin<IntentModel> model(shipped<IntentModel>("sequence_intent"), catalog, {{"epochs", 10}});
  model->fit(learn_context(catalog, 0, history.sessions), span(history.events));
  // Shopper 600 is new: empty sequence. After clicking and carting at tick 0 it looks like
  // the history's carting shoppers.
  const float before = predict(model, catalog, 1, {session(600)})[0];
  std::vector<SessionOutcome> tick_sessions(1);
  tick_sessions[0].view = session(600);
  tick_sessions[0].clicks = tick_sessions[0].carts = 1;
  const std::vector<Event> events = {event(3, EventType::kClick, 0, 600), event(3, EventType::kCart, 0, 600)};
  EmittedMetrics metrics;
  model->observe(learn_context(catalog, 0, tick_sessions, &metrics), span(events));
  const float after = predict(model, catalog, 1, {session(600)})[0];
  INFO("before " << before << ", after " << after);
  CHECK(after > before + 0.1f);
  REQUIRE(metrics.values.size() == 3);
  CHECK(metrics.values[1].second == Approx(before));  // mean prediction, scored before the update
  CHECK(metrics.values[2].second == 0.0);             // purchase rate
  CHECK(metrics.values[0].second == Approx(-std::log(1.0 - before)));
}

TEST_CASE("plugins: sequence_intent retrains on a sample of the timeline when due", "[plugins]") {
  const TestCatalog catalog(20);
  const History history = cart_history(200);
  plugins::SequenceIntentConfig config;
  config.sequence_length = 8;
  config.hidden_size = 4;
  config.fit.epochs = 2;
  config.fit.batch_size = 16;
  config.fit.learning_rate = 0.01;
  config.refit_every_ticks = 3;
  config.refit_sessions = 50;
  config.refit_epochs = 1;
  plugins::SequenceIntentModel model(catalog.view, 200, 1, 1, 24, 1, config);
  model.fit_history(history.sessions.data(), history.sessions.size(), span(history.events));
  std::vector<SessionOutcome> sessions;
  for (ShopperId s = 0; s < 100; ++s) {
    SessionOutcome o;
    o.view = session(s);
    o.purchases = s % 3 == 0 ? 1 : 0;
    sessions.push_back(o);
  }
  const float* state = model.hidden_state(0);
  const std::vector<float> state_before(state, state + 4);
  for (TickIndex tick = 0; tick < 2; ++tick) model.learn_tick(tick, 0, sessions.data(), sessions.size(), {});
  CHECK(model.refits() == 0);
  CHECK(std::vector<float>(state, state + 4) == state_before);  // no event, no retraining: same state
  model.learn_tick(2, 0, sessions.data(), sessions.size(), {});
  CHECK(model.refits() == 1);
  CHECK(std::vector<float>(state, state + 4) != state_before);  // re-run with the retrained network
}

}  // namespace
}  // namespace promosim::test
