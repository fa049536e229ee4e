// The framework-free baseline of DESIGN §11, measured beside the platform's session loop:
//   bare_loop/threads:N   the same per-session work as scenarios/bench.yaml's arm in one plain
//                         loop on N TBB threads: item-kNN candidates from the shopper's 5
//                         recent items x 20 neighbours, a top-10 slate, position-biased
//                         examination and clicks, a price-sensitive purchase of clicked items
//                         at a discount, and the shopper's recent items updated with the clicks.
// Scale: bench.yaml's, 1,000,000 shoppers and 20,000 items (each with a fixed 20-neighbour
// list and a price), and as many sessions as the platform's run makes, split over the same
// 12 ticks by the same phase traffic (1, 3, 0.8). Within a tick each session's shopper is
// drawn uniformly without repeats (a random offset and a stride coprime to the shopper
// count), so no shopper has two sessions in one tick, as on the platform, and the sessions
// of a tick can run in parallel without locks. Random numbers are Philox4x32 keyed by
// (shopper, tick), so the results do not depend on the thread count.
// Not done here, and done by the platform: plugin calls through the ABI, intent scores,
// per-item pricing decisions, event and outcome buffers, the tick barrier's merge, online
// learning and metrics by segment. That difference is what the ratio measures.
// Time: the ticks' sessions only (the shoppers' recent items are reset between iterations,
// outside timing). Counter: sessions/s; clicks/session and purchases/session as a sanity check.
// Run: build/bin/promosim_bench --benchmark_filter='session_loop|bare_loop'
#include <Random123/philox.h>
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace {

constexpr std::uint32_t kShoppers = 1'000'000;
constexpr std::uint32_t kItems = 20'000;
constexpr std::size_t kRecent = 5;
constexpr std::size_t kNeighbours = 20;
constexpr std::size_t kSlate = 10;
// bench.yaml's run makes this many sessions (session_loop's `sessions` counter).
constexpr double kSessions = 1'365'252;
// bench.yaml's ticks: four six-hour ticks per phase, traffic 1 (warm-up), 3 (peak), 0.8.
constexpr std::array<double, 12> kTickTraffic = {1, 1, 1, 1, 3, 3, 3, 3, 0.8, 0.8, 0.8, 0.8};
constexpr std::uint32_t kStride = 999'983;  // prime, so coprime to kShoppers: j -> shopper is one-to-one

// Behaviour: examination falls by kPositionDecay per slot; clicks follow the candidate score
// and the discount, purchases the price paid relative to the catalog's median price. The
// biases are set so a session makes about as many clicks (0.8) and purchases (0.125) as
// session_loop's run does, so both loops update as much history.
constexpr double kPositionDecay = 0.85;
constexpr double kClickBias = -2.75, kScoreWeight = 0.8, kDiscountClickWeight = 2.0;
constexpr double kPurchaseBias = -2.05, kPriceSensitivity = 1.0, kMedianPrice = 120.0;

using ItemId = std::uint32_t;
enum Purpose : std::uint32_t { kCatalog = 1, kShopperHistory = 2, kTickOffset = 3, kSession = 4 };

/// Four uniforms in (0, 1) addressed by (a, b, purpose, block): a pure function, like the engine's RandomStream.
std::array<double, 4> uniform4(std::uint32_t a, std::uint32_t b, std::uint32_t purpose, std::uint32_t block) {
  const r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type out = philox({{a, b, purpose, block}}, {{0x5eed, 0x7}});
  return {(out[0] + 0.5) * 0x1p-32, (out[1] + 0.5) * 0x1p-32, (out[2] + 0.5) * 0x1p-32, (out[3] + 0.5) * 0x1p-32};
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Neighbour {
  ItemId item;
  float similarity;
};

/// The catalog and the shoppers' starting histories, built once.
struct BareWorld {
  std::vector<Neighbour> neighbours;  // kNeighbours per item, most similar first
  std::vector<float> price, discount;
  std::vector<std::array<ItemId, kRecent>> recent;  // per shopper, newest first

  BareWorld() : neighbours(std::size_t{kItems} * kNeighbours), price(kItems), discount(kItems), recent(kShoppers) {
    for (ItemId item = 0; item < kItems; ++item) {
      Neighbour* list = &neighbours[std::size_t{item} * kNeighbours];
      for (std::uint32_t k = 0; k < kNeighbours; ++k) {
        const auto u = uniform4(item, k, kCatalog, 0);
        // Another item than `item` itself, uniformly.
        list[k] = {(item + 1 + static_cast<ItemId>(u[0] * (kItems - 1))) % kItems, static_cast<float>(u[1])};
      }
      std::sort(list, list + kNeighbours, [](const Neighbour& a, const Neighbour& b) { return a.similarity > b.similarity; });
      const auto u = uniform4(item, 0, kCatalog, 1);
      // Lognormal prices (median 120, sigma 0.9) as in bench.yaml; a third of items at 10% off, a third at 20%.
      const double normal = std::sqrt(-2.0 * std::log(u[0])) * std::cos(6.283185307179586 * u[1]);
      price[item] = static_cast<float>(kMedianPrice * std::exp(0.9 * normal));
      discount[item] = static_cast<float>(0.1 * std::floor(u[2] * 3.0));
    }
    for (std::uint32_t s = 0; s < kShoppers; ++s) {
      for (std::size_t r = 0; r < kRecent; ++r) {
        recent[s][r] = static_cast<ItemId>(uniform4(s, static_cast<std::uint32_t>(r), kShopperHistory, 0)[0] * kItems);
      }
    }
  }

  static const BareWorld& get() {
    static const BareWorld instance;
    return instance;
  }
};

/// One thread's buffers, reused across sessions: a dense score per item (zero when not a
/// candidate) with the list of items touched, so resetting costs only the touched entries.
struct alignas(64) Scratch {
  std::vector<float> score = std::vector<float>(kItems, 0.0f);
  std::vector<ItemId> touched;
  std::vector<std::pair<float, ItemId>> candidates;
  std::uint64_t clicks = 0, purchases = 0;
  double revenue = 0.0;
};

/// Moves `item` to the front of the recent items (newest first, no repeats), as the engine does.
void remember(std::array<ItemId, kRecent>& recent, ItemId item) {
  std::size_t pos = 0;
  while (pos < kRecent - 1 && recent[pos] != item) ++pos;
  for (; pos > 0; --pos) recent[pos] = recent[pos - 1];
  recent[0] = item;
}

void simulate_session(const BareWorld& world, std::array<ItemId, kRecent>& recent, std::uint32_t shopper,
                      std::uint32_t tick, Scratch& scratch) {
  // Candidates: every neighbour of every recent item, scored by summed similarity.
  for (const ItemId seen : recent) {
    const Neighbour* list = &world.neighbours[std::size_t{seen} * kNeighbours];
    for (std::size_t k = 0; k < kNeighbours; ++k) {
      float& score = scratch.score[list[k].item];
      if (score == 0.0f) scratch.touched.push_back(list[k].item);
      score += list[k].similarity;
    }
  }
  scratch.candidates.clear();
  for (const ItemId item : scratch.touched) {
    if (std::find(recent.begin(), recent.end(), item) == recent.end()) scratch.candidates.emplace_back(scratch.score[item], item);
    scratch.score[item] = 0.0f;
  }
  scratch.touched.clear();
  // The top-10 slate, best first.
  auto& c = scratch.candidates;
  const std::size_t shown = std::min(kSlate, c.size());
  std::partial_sort(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(shown), c.end(), std::greater<>());
  // The shopper's response, slot by slot; clicked items become recent after the session.
  std::array<ItemId, kSlate> clicked;
  std::size_t click_count = 0;
  double examine = 1.0;
  for (std::size_t slot = 0; slot < shown; ++slot, examine *= kPositionDecay) {
    const auto [score, item] = c[slot];
    const auto u = uniform4(shopper, tick, kSession, static_cast<std::uint32_t>(slot));
    if (u[0] >= examine) continue;
    const double d = world.discount[item];
    if (u[1] >= sigmoid(kClickBias + kScoreWeight * score + kDiscountClickWeight * d)) continue;
    clicked[click_count++] = item;
    const double paid = world.price[item] * (1.0 - d);
    if (u[2] < sigmoid(kPurchaseBias - kPriceSensitivity * std::log(paid / kMedianPrice))) {
      ++scratch.purchases;
      scratch.revenue += paid;
    }
  }
  scratch.clicks += click_count;
  for (std::size_t k = click_count; k > 0; --k) remember(recent, clicked[k - 1]);  // newest (last clicked) first
}

void bare_loop(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const BareWorld& world = BareWorld::get();
  double traffic = 0.0;
  for (const double t : kTickTraffic) traffic += t;
  std::uint64_t sessions = 0, clicks = 0, purchases = 0;
  double seconds = 0.0, revenue = 0.0;
  for (auto _ : state) {
    std::vector<std::array<ItemId, kRecent>> recent = world.recent;  // every run starts from the same histories
    tbb::enumerable_thread_specific<Scratch> scratch;
    const auto start = std::chrono::steady_clock::now();
    for (std::uint32_t tick = 0; tick < kTickTraffic.size(); ++tick) {
      const auto count = static_cast<std::uint32_t>(kSessions * kTickTraffic[tick] / traffic);
      const auto offset = static_cast<std::uint32_t>(uniform4(tick, 0, kTickOffset, 0)[0] * kShoppers);
      tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, count, 1024), [&](const tbb::blocked_range<std::uint32_t>& r) {
        Scratch& mine = scratch.local();
        for (std::uint32_t j = r.begin(); j != r.end(); ++j) {
          const auto shopper = static_cast<std::uint32_t>((offset + std::uint64_t{j} * kStride) % kShoppers);
          simulate_session(world, recent[shopper], shopper, tick, mine);
        }
      });
      sessions += count;
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(elapsed);
    seconds += elapsed;
    for (const Scratch& s : scratch) {
      clicks += s.clicks;
      purchases += s.purchases;
      revenue += s.revenue;
    }
    benchmark::DoNotOptimize(revenue);
  }
  state.counters["sessions/s"] = static_cast<double>(sessions) / seconds;
  state.counters["sessions"] = static_cast<double>(sessions) / static_cast<double>(state.iterations());
  state.counters["clicks/session"] = static_cast<double>(clicks) / static_cast<double>(sessions);
  state.counters["purchases/session"] = static_cast<double>(purchases) / static_cast<double>(sessions);
}
BENCHMARK(bare_loop)->ArgName("threads")->Arg(1)->Arg(2)->Iterations(3)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace
