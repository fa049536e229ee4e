// Slate selection, the top-k hot spot of DESIGN §11:
//   stage/top_k/candidates:N          TopK (threshold insertion) picking 10 of N scored
//                                     candidates: 100 is item_knn's 5 recent items x 20
//                                     neighbours, 200 the size DESIGN §11 quotes, 20000 a
//                                     whole-catalog scan
//   stage/top_k_partial_sort/candidates:N   the same selection with std::partial_sort, the
//                                     alternative DESIGN §11 compares against; its time
//                                     includes copying the candidates, since it reorders
//                                     them (a recommender builds that vector anyway)
// Time is per selection of 10; items_per_second counts candidates.
// The recommender's whole decision is plugin/recommender/item_knn/decide (bench_plugins.cpp).
// Run: build/bin/promosim_bench --benchmark_filter=stage/top_k
#include <benchmark/benchmark.h>

#include <algorithm>
#include <functional>
#include <random>
#include <utility>
#include <vector>

#include "promosim/top_k.hpp"

namespace {

using namespace promosim;

constexpr std::size_t kSlate = 10;

/// 64 candidate sets of n (score, item) pairs, so successive selections do not see the same
/// data; scores are item-kNN-like sums of similarities, items distinct within a set.
std::vector<std::vector<std::pair<float, ItemId>>> candidate_sets(std::size_t n) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> score(0.0f, 5.0f);
  std::vector<std::vector<std::pair<float, ItemId>>> sets(64);
  for (auto& set : sets) {
    for (std::size_t i = 0; i < n; ++i) set.emplace_back(score(rng), static_cast<ItemId>(i * 7919 % 20011));
  }
  return sets;
}

void top_k(benchmark::State& state) {
  const auto sets = candidate_sets(static_cast<std::size_t>(state.range(0)));
  TopK best(kSlate);
  std::size_t next = 0;
  for (auto _ : state) {
    best.clear();
    for (const auto& [score, item] : sets[next++ % sets.size()]) best.push(score, item);
    benchmark::DoNotOptimize(best.item(0));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(top_k)->Name("stage/top_k")->ArgName("candidates")->Arg(100)->Arg(200)->Arg(20000);

void top_k_partial_sort(benchmark::State& state) {
  const auto sets = candidate_sets(static_cast<std::size_t>(state.range(0)));
  std::vector<std::pair<float, ItemId>> work;
  std::size_t next = 0;
  for (auto _ : state) {
    work = sets[next++ % sets.size()];  // partial_sort reorders its input; TopK only reads it
    std::partial_sort(work.begin(), work.begin() + kSlate, work.end(), std::greater<>());
    benchmark::DoNotOptimize(work.front());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(top_k_partial_sort)->Name("stage/top_k_partial_sort")->ArgName("candidates")->Arg(100)->Arg(200)->Arg(20000);

}  // namespace
