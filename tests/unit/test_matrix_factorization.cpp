// matrix_factorization: the weighted least-squares step against a dense solve of its
// definition, ALS and BPR on planted low-rank data (loss going down, held-out ranking close to
// the planted truth's, thread-count invariance), fold-in (exactly training's shopper step for
// ALS; close to the trained vector for BPR), the candidate lists, and the loaded plugin:
// seen items never shown, launch ticks respected, new shoppers folded in at the barrier.
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "als_trainer.hpp"
#include "bpr_trainer.hpp"
#include "candidate_index.hpp"
#include "factor_matrix.hpp"
#include "implicit_feedback.hpp"
#include "matrix_factorization_model.hpp"
#include "test_plugin_support.hpp"
#include "weighted_least_squares.hpp"

namespace promosim::test {
namespace {

using plugins::AlsConfig;
using plugins::AlsTrainer;
using plugins::BprConfig;
using plugins::BprPurposes;
using plugins::BprTrainer;
using plugins::FactorMatrix;
using plugins::ImplicitFeedback;
using plugins::Interaction;
using plugins::ItemGroups;
using plugins::SparseRows;
using plugins::WeightedLeastSquares;

constexpr std::uint32_t kPurpose = static_cast<std::uint32_t>(Purpose::kPluginPurposeBase);
constexpr BprPurposes kBprPurposes{kPurpose + 2, kPurpose + 3, kPurpose + 4};

double normal(std::uint64_t key, std::uint32_t a, std::uint32_t b) {
  const auto u = RandomStream(key, kPurpose + 9, a, b).uniform4(0);
  return standard_normal(u[0], u[1]);
}

/// Shoppers and items with planted rank-3 factors. Each shopper engages with the 12 items of
/// highest 2·⟨u, v⟩ + Gumbel noise, with weight 1 (weight 11 for the best, as if bought); the
/// 2nd and 7th of those are held out as the test set.
struct PlantedData {
  static constexpr std::uint32_t kShoppers = 300, kItems = 120, kRank = 3, kPicks = 12;
  Eigen::MatrixXd truth_shoppers = Eigen::MatrixXd(kShoppers, kRank), truth_items = Eigen::MatrixXd(kItems, kRank);
  ImplicitFeedback train{kShoppers, kItems};
  std::vector<std::vector<ItemId>> held_out = std::vector<std::vector<ItemId>>(kShoppers);

  PlantedData() {
    for (std::uint32_t s = 0; s < kShoppers; ++s)
      for (std::uint32_t f = 0; f < kRank; ++f) truth_shoppers(s, f) = normal(1, s, f);
    for (std::uint32_t i = 0; i < kItems; ++i)
      for (std::uint32_t f = 0; f < kRank; ++f) truth_items(i, f) = normal(2, i, f);
    for (ShopperId s = 0; s < kShoppers; ++s) {
      const RandomStream noise(3, kPurpose, s, 0);
      TopK picks(kPicks);
      for (ItemId i = 0; i < kItems; ++i) {
        const double gumbel = -std::log(-std::log(noise.uniform(i)));
        picks.push(static_cast<float>(2.0 * truth_shoppers.row(s).dot(truth_items.row(i)) + gumbel), i);
      }
      for (std::size_t r = 0; r < picks.size(); ++r) {
        if (r == 1 || r == 6) {
          held_out[s].push_back(picks.item(r));
        } else {
          train.add(s, picks.item(r), r == 0 ? 11.0f : 1.0f);
        }
      }
    }
  }

  /// Mean over held-out pairs of the share of items the shopper never engaged with that
  /// `score` ranks below the held-out item (ties count half): 0.5 is chance.
  template <class Score>
  double held_out_auc(const Score& score) const {
    double sum = 0.0;
    std::size_t pairs = 0;
    for (ShopperId s = 0; s < kShoppers; ++s) {
      for (const ItemId positive : held_out[s]) {
        const double p = score(s, positive);
        double below = 0.0;
        std::size_t negatives = 0;
        for (ItemId j = 0; j < kItems; ++j) {
          if (train.contains(s, j) || std::find(held_out[s].begin(), held_out[s].end(), j) != held_out[s].end()) continue;
          const double n = score(s, j);
          below += n < p ? 1.0 : (n == p ? 0.5 : 0.0);
          ++negatives;
        }
        sum += below / static_cast<double>(negatives);
        ++pairs;
      }
    }
    return sum / static_cast<double>(pairs);
  }

  double truth_auc() const {
    return held_out_auc([&](ShopperId s, ItemId i) { return truth_shoppers.row(s).dot(truth_items.row(i)); });
  }
  /// The non-personalised reference: items ranked by how many shoppers engaged with them.
  double popularity_auc() const {
    std::vector<double> count(kItems, 0.0);
    const SparseRows rows = train.by_item();
    for (ItemId i = 0; i < kItems; ++i) count[i] = static_cast<double>(rows.row(i).size());
    return held_out_auc([&](ShopperId, ItemId i) { return count[i]; });
  }
};

const PlantedData& planted() {
  static const PlantedData data;
  return data;
}

double factor_score(const FactorMatrix& x, const FactorMatrix& y, const std::vector<float>& bias, ShopperId s,
                    ItemId i) {
  return x.row(s).dot(y.row(i)) + bias[i];
}

TEST_CASE("plugins: matrix_factorization's least-squares step solves its definition exactly", "[plugins]") {
  // Five fixed rows of three factors, offsets o, a prior, λ = 0.7, α = 2; the row interacts
  // with rows 1 (weight 3) and 4 (weight 0.5).
  FactorMatrix f(5, 3);
  f << 0.3f, -1.2f, 0.5f, 1.0f, 0.2f, -0.4f, -0.7f, 0.9f, 0.1f, 0.0f, 0.4f, 1.1f, 0.6f, -0.3f, -0.8f;
  const std::vector<float> offsets{0.2f, -0.1f, 0.4f, 0.0f, 0.3f};
  const std::vector<float> prior{0.5f, -0.2f, 0.1f};
  const std::vector<Interaction> row{{1, 3.0f}, {4, 0.5f}};
  const double lambda = 0.7, alpha = 2.0;
  // Normal equations of Σ_j c_j (p_j − o_j − x·f_j)² + λ|x − prior|² written out over all rows.
  Eigen::MatrixXd a = lambda * Eigen::MatrixXd::Identity(3, 3);
  Eigen::VectorXd b = lambda * Eigen::Map<const Eigen::VectorXf>(prior.data(), 3).cast<double>();
  for (Eigen::Index j = 0; j < 5; ++j) {
    double c = 1.0, p = 0.0;
    for (const Interaction& e : row) {
      if (e.index == j) {
        c = 1.0 + alpha * e.weight;
        p = 1.0;
      }
    }
    const Eigen::VectorXd fj = f.row(j).transpose().cast<double>();
    a += c * fj * fj.transpose();
    b += c * (p - offsets[static_cast<std::size_t>(j)]) * fj;
  }
  const Eigen::VectorXd expected = a.ldlt().solve(b);

  const WeightedLeastSquares solver(f, offsets, lambda, alpha);
  WeightedLeastSquares::Workspace workspace(3);
  std::vector<float> x(3);
  solver.solve(row, x.data(), workspace, prior.data());
  for (int k = 0; k < 3; ++k) CHECK(x[k] == Approx(expected(k)).epsilon(1e-5));

  SECTION("without prior and offsets a row without interactions is outside the model") {
    const WeightedLeastSquares plain(f, {}, lambda, alpha);
    solver.solve({}, x.data(), workspace, prior.data());
    CHECK(x != std::vector<float>(3, 0.0f));  // with a prior, the prior still pulls
    plain.solve({}, x.data(), workspace);
    CHECK(x == std::vector<float>(3, 0.0f));
  }
  SECTION("interactions outside the fixed rows are rejected") {
    const std::vector<Interaction> bad{{5, 1.0f}};
    CHECK_THROWS_AS(solver.solve(bad, x.data(), workspace), std::out_of_range);
  }
}

TEST_CASE("plugins: matrix_factorization's group means average each category's rows", "[plugins]") {
  FactorMatrix rows(4, 2);
  rows << 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f;
  const std::vector<CategoryId> category{0, 1, 0, 1};
  const FactorMatrix means = plugins::group_means({category, 3}, rows);
  FactorMatrix expected(3, 2);
  expected << 3.0f, 4.0f, 5.0f, 6.0f, 0.0f, 0.0f;  // group 2 has no items
  CHECK(means == expected);
  const std::vector<CategoryId> short_list{0, 1};
  CHECK_THROWS_AS(plugins::group_means({short_list, 2}, rows), std::invalid_argument);
}

TEST_CASE("plugins: matrix_factorization's ALS lowers its loss and recovers planted factors", "[plugins]") {
  const PlantedData& data = planted();
  const SparseRows by_shopper = data.train.by_shopper(), by_item = data.train.by_item();
  // The planted rank is 3; the paper's model has no item bias, so it gets one more factor for
  // the items' overall appeal.
  const AlsTrainer trainer({4, 12, 1.0, 5.0, false});
  FactorMatrix x, y;
  std::vector<float> bias;
  const std::vector<double> losses = trainer.train(by_shopper, by_item, {}, 11, kPurpose + 1, x, y, bias);
  REQUIRE(losses.size() == 12);
  // Every step is an exact minimiser of the loss over one block, so it never goes up.
  for (std::size_t i = 1; i < losses.size(); ++i) CHECK(losses[i] <= losses[i - 1] * (1.0 + 1e-9));
  CHECK(losses.back() < 0.8 * losses.front());
  CHECK(trainer.loss(by_shopper, {}, x, y, {}) == Approx(losses.back()));

  const double truth = data.truth_auc(), popularity = data.popularity_auc();
  const double als = data.held_out_auc([&](ShopperId s, ItemId i) { return factor_score(x, y, bias, s, i); });
  INFO("held-out AUC: truth " << truth << ", ALS " << als << ", popularity " << popularity);
  CHECK(als > truth - 0.03);
  CHECK(als > popularity + 0.1);
}

TEST_CASE("plugins: matrix_factorization's ALS with biases and category prior also recovers them", "[plugins]") {
  const PlantedData& data = planted();
  const SparseRows by_shopper = data.train.by_shopper(), by_item = data.train.by_item();
  std::vector<CategoryId> category(PlantedData::kItems);
  for (ItemId i = 0; i < PlantedData::kItems; ++i) category[i] = static_cast<CategoryId>(i % 4);
  const ItemGroups groups{category, 4};
  const AlsTrainer trainer({3, 12, 1.0, 5.0, true});
  FactorMatrix x, y;
  std::vector<float> bias;
  const std::vector<double> losses = trainer.train(by_shopper, by_item, groups, 11, kPurpose + 1, x, y, bias);
  for (std::size_t i = 1; i < losses.size(); ++i) CHECK(losses[i] <= losses[i - 1] * (1.0 + 1e-9));
  CHECK(trainer.loss(by_shopper, groups, x, y, bias) == Approx(losses.back()));
  CHECK(std::any_of(bias.begin(), bias.end(), [](float b) { return b != 0.0f; }));
  const double als = data.held_out_auc([&](ShopperId s, ItemId i) { return factor_score(x, y, bias, s, i); });
  INFO("held-out AUC: truth " << data.truth_auc() << ", ALS " << als);
  CHECK(als > data.truth_auc() - 0.03);
}

TEST_CASE("plugins: matrix_factorization's ALS gives the same factors on any thread count", "[plugins]") {
  const PlantedData& data = planted();
  const SparseRows by_shopper = data.train.by_shopper(), by_item = data.train.by_item();
  const AlsTrainer trainer({4, 3, 1.0, 5.0, true});
  FactorMatrix x1, y1, x4, y4;
  std::vector<float> b1, b4;
  std::vector<double> l1, l4;
  tbb::task_arena(1).execute([&] { l1 = trainer.train(by_shopper, by_item, {}, 5, kPurpose + 1, x1, y1, b1); });
  tbb::task_arena(4).execute([&] { l4 = trainer.train(by_shopper, by_item, {}, 5, kPurpose + 1, x4, y4, b4); });
  CHECK(x1 == x4);
  CHECK(y1 == y4);
  CHECK(b1 == b4);
  CHECK(l1 == l4);
}

TEST_CASE("plugins: matrix_factorization's ALS fold-in is exactly training's shopper step", "[plugins]") {
  const PlantedData& data = planted();
  const SparseRows by_shopper = data.train.by_shopper(), by_item = data.train.by_item();
  const AlsConfig config{3, 6, 1.0, 5.0, true};
  FactorMatrix x, y;
  std::vector<float> bias;
  AlsTrainer(config).train(by_shopper, by_item, {}, 11, kPurpose + 1, x, y, bias);
  // Training ends with the shoppers solved against the final items, so folding any shopper
  // in against those items reproduces its trained factors bit for bit.
  const WeightedLeastSquares fold_in(y, bias, config.regularisation, config.alpha);
  WeightedLeastSquares::Workspace workspace(3);
  std::vector<float> folded(3);
  for (ShopperId s = 0; s < PlantedData::kShoppers; ++s) {
    fold_in.solve(data.train.row(s), folded.data(), workspace);
    INFO("shopper " << s);
    CHECK(Eigen::Map<const Eigen::RowVectorXf>(folded.data(), 3) == x.row(s));
  }
}

TEST_CASE("plugins: matrix_factorization's BPR lowers its ranking loss and recovers planted factors", "[plugins]") {
  const PlantedData& data = planted();
  const SparseRows by_shopper = data.train.by_shopper();
  const BprTrainer trainer({3, 60, 0.05, 0.01, false});
  FactorMatrix x, y;
  std::vector<float> bias;
  const std::vector<double> losses =
      trainer.train(by_shopper, PlantedData::kItems, {}, 13, kBprPurposes, x, y, bias);
  REQUIRE(losses.size() == 60);
  // Stochastic steps: the loss on the fixed triples falls overall, not necessarily every epoch.
  CHECK(losses.front() > 0.6);  // near ln 2 after one epoch from small random factors
  CHECK(losses.back() < 0.7 * losses.front());
  std::size_t rises = 0;
  for (std::size_t i = 1; i < losses.size(); ++i) rises += losses[i] > losses[i - 1] ? 1 : 0;
  CHECK(rises < losses.size() / 4);
  CHECK(trainer.loss(by_shopper, PlantedData::kItems, 13, kBprPurposes, x, y, bias) == Approx(losses.back()));

  const double bpr = data.held_out_auc([&](ShopperId s, ItemId i) { return factor_score(x, y, bias, s, i); });
  INFO("held-out AUC: truth " << data.truth_auc() << ", BPR " << bpr << ", popularity " << data.popularity_auc());
  CHECK(bpr > data.truth_auc() - 0.05);
  CHECK(bpr > data.popularity_auc() + 0.1);
}

TEST_CASE("plugins: matrix_factorization's BPR fold-in finds the trained shopper's direction", "[plugins]") {
  const PlantedData& data = planted();
  const SparseRows by_shopper = data.train.by_shopper();
  const BprTrainer trainer({3, 60, 0.05, 0.01, true});
  FactorMatrix x, y;
  std::vector<float> bias;
  trainer.train(by_shopper, PlantedData::kItems, {}, 13, kBprPurposes, x, y, bias);
  // Each shopper refit from zero on their own interactions with the items fixed, as a new
  // shopper would be: the same objective as training, so nearly the same direction and a
  // held-out ranking about as good.
  FactorMatrix folded = FactorMatrix::Zero(x.rows(), x.cols());
  double cosine = 0.0;
  for (ShopperId s = 0; s < PlantedData::kShoppers; ++s) {
    trainer.fold_in(data.train.row(s), y, bias, 13, kPurpose + 5, s, 0, folded.row(s).data());
    cosine += folded.row(s).dot(x.row(s)) / (folded.row(s).norm() * x.row(s).norm());
  }
  cosine /= PlantedData::kShoppers;
  const double trained = data.held_out_auc([&](ShopperId s, ItemId i) { return factor_score(x, y, bias, s, i); });
  const double refit = data.held_out_auc([&](ShopperId s, ItemId i) { return factor_score(folded, y, bias, s, i); });
  INFO("mean cosine " << cosine << ", held-out AUC trained " << trained << ", folded in " << refit);
  CHECK(cosine > 0.9);
  CHECK(refit > trained - 0.02);
}

TEST_CASE("plugins: matrix_factorization's candidates are cosine neighbours and a pool for the mean shopper",
          "[plugins]") {
  FactorMatrix y(5, 2);
  y << 1.0f, 0.0f, 0.9f, 0.1f, 0.0f, 1.0f, -1.0f, 0.0f, 0.0f, 0.0f;  // item 4 has no factors
  const std::vector<float> bias{0.0f, 0.5f, 0.0f, 0.0f, 9.0f};
  const plugins::CandidateIndex index(y, bias, Eigen::Vector2f(1.0f, 1.0f), 2, 3);
  const auto list = [](std::span<const ItemId> items) { return std::vector<ItemId>(items.begin(), items.end()); };
  // Cosines with item 0: item 1 0.994, item 2 0, item 3 −1.
  CHECK(list(index.near(0)) == std::vector<ItemId>{1, 2});
  CHECK(list(index.near(3)) == std::vector<ItemId>{2, 1});  // cos 0 beats item 1's −0.994
  CHECK(index.near(4).empty());
  CHECK(index.near(99).empty());
  // Scores for (1, 1) plus bias: item 1 1.5, items 0 and 2 1 (lower id first), item 3 −1; item 4
  // has no factors, so its bias alone does not make it a candidate.
  CHECK(list(index.pool()) == std::vector<ItemId>{1, 0, 2});
}

/// The planted data as history events of clicks (and carts and purchases for weight 11) on a
/// 120-item TestCatalog, leaving out `skip`'s events.
std::vector<Event> planted_history(ShopperId skip) {
  std::vector<Event> events;
  for (ShopperId s = 0; s < PlantedData::kShoppers; ++s) {
    if (s == skip) continue;
    for (const Interaction& e : planted().train.row(s)) {
      events.push_back(event(e.index, EventType::kClick, 0, s));
      if (e.weight > 1.0f) {
        events.push_back(event(e.index, EventType::kCart, 0, s));
        events.push_back(event(e.index, EventType::kPurchase, 0, s));
      }
    }
  }
  return events;
}

TEST_CASE("plugins: matrix_factorization folds a new shopper in at the barrier with the least-squares answer",
          "[plugins]") {
  const TestCatalog catalog(PlantedData::kItems);
  CreateContext context;
  context.catalog = &catalog.view;
  context.shopper_count = PlantedData::kShoppers;
  context.segment_count = 1;
  context.slate_size = 10;
  context.random_key = 17;
  plugins::MatrixFactorizationConfig config;
  config.als = {3, 6, 1.0, 5.0, true};
  config.category_prior = true;
  config.bpr = {3, 1, 0.05, 0.01, true};
  config.event_weights = {1.0f, 3.0f, 10.0f};
  config.item_neighbours = 10;
  config.pool_size = 20;
  config.fallback = plugins::FallbackMode::kNone;
  plugins::MatrixFactorizationModel model(context, config);
  const ShopperId newcomer = 7;
  const std::vector<Event> history = planted_history(newcomer);
  model.fit(span(history));
  CHECK_FALSE(model.has_factors(newcomer));

  std::vector<Event> clicks;
  for (const Interaction& e : planted().train.row(newcomer)) clicks.push_back(event(e.index, EventType::kClick, 0, newcomer));
  std::vector<SessionOutcome> sessions(1);
  sessions[0].view = session(newcomer);
  const auto summary = model.observe(0, sessions.data(), sessions.size(), span(clicks));
  CHECK(summary.folded_in == 1);
  CHECK(summary.coverage == 0.0);
  REQUIRE(model.has_factors(newcomer));

  // The dense normal equations of the shopper's problem against the trained items (weights 1,
  // confidence 1 + 5, λ = 1, item biases as offsets).
  const FactorMatrix& y = model.item_factors();
  const std::vector<float>& b = model.item_bias();
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(3, 3);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(3);
  for (ItemId i = 0; i < PlantedData::kItems; ++i) {
    const bool clicked = planted().train.contains(newcomer, i);
    const double c = clicked ? 6.0 : 1.0;
    const Eigen::VectorXd yi = y.row(i).transpose().cast<double>();
    a += c * yi * yi.transpose();
    rhs += c * ((clicked ? 1.0 : 0.0) - b[i]) * yi;
  }
  const Eigen::VectorXd expected = a.ldlt().solve(rhs);
  for (int k = 0; k < 3; ++k) CHECK(model.shopper_factors()(newcomer, k) == Approx(expected(k)).epsilon(1e-4));
}

TEST_CASE("plugins: matrix_factorization never shows seen or unlaunched items and serves new shoppers after "
          "their first barrier",
          "[plugins]") {
  TestCatalog catalog(PlantedData::kItems);
  for (ItemId i = 100; i < PlantedData::kItems; ++i) catalog.launch[i] = 5;
  TestPlugin<Recommender> plugin(shipped<Recommender>("matrix_factorization"), catalog,
                                 {{"factors", 3}, {"regularisation", 1.0}, {"alpha", 5.0}, {"fallback", 0, "none"}});
  const ShopperId newcomer = 7;
  plugin->fit(learn_context(catalog, 0), span(planted_history(newcomer)));

  std::vector<SessionView> sessions;
  for (ShopperId s = 0; s < PlantedData::kShoppers; ++s) sessions.push_back(session(s, {planted().train.row(s)[0].index}));
  const std::vector<ItemId> slates = recommend(plugin, catalog, 0, sessions);
  for (ShopperId s = 0; s < PlantedData::kShoppers; ++s) {
    INFO("shopper " << s);
    const auto first = slates.begin() + static_cast<std::ptrdiff_t>(s) * 10;
    if (s == newcomer) {
      CHECK(std::all_of(first, first + 10, [](ItemId i) { return i == kNoItem; }));  // no factors yet
      continue;
    }
    CHECK(std::none_of(first, first + 10, [](ItemId i) { return i == kNoItem; }));
    for (auto it = first; it != first + 10; ++it) {
      CHECK_FALSE(planted().train.contains(s, *it));
      CHECK(*it < 100);
    }
  }

  std::vector<Event> clicks;
  for (const Interaction& e : planted().train.row(newcomer)) clicks.push_back(event(e.index, EventType::kClick, 0, newcomer));
  EmittedMetrics metrics;
  plugin->observe(learn_context(catalog, 0, {}, &metrics), span(clicks));
  CHECK(metrics.values == std::vector<std::pair<std::uint32_t, double>>{{1, 1.0}, {2, 0.0}});
  const std::vector<ItemId> after = recommend(plugin, catalog, 1, {session(newcomer, {clicks[0].item})});
  CHECK(std::none_of(after.begin(), after.end(), [](ItemId i) { return i == kNoItem; }));
  for (const ItemId item : after) CHECK_FALSE(planted().train.contains(newcomer, item));
}

}  // namespace
}  // namespace promosim::test
