#include "item_knn_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

ItemKnnModel::ItemKnnModel(std::uint32_t item_count, const ItemKnnConfig& config)
    : item_count_(item_count),
      config_(config),
      engagements_(item_count, 0),
      values_(item_count, 0.0),
      priors_(item_count, 1.0f),
      cooccurrences_(item_count),
      neighbour_count_(item_count, 0) {
  if (config_.neighbours < 1) throw std::invalid_argument("item_knn: neighbours must be at least 1");
  if (!(config_.shrinkage >= 0.0)) throw std::invalid_argument("item_knn: shrinkage must be >= 0");
  if (!(config_.popularity_exponent >= 0.0)) throw std::invalid_argument("item_knn: popularity_exponent must be >= 0");
  if (!(config_.recency_decay >= 0.0 && config_.recency_decay <= 1.0)) {
    throw std::invalid_argument("item_knn: recency_decay must be in [0, 1]");
  }
  if (config_.max_partners < 1) throw std::invalid_argument("item_knn: max_partners must be at least 1");
  neighbours_.resize(static_cast<std::size_t>(item_count) * config_.neighbours);
}

void ItemKnnModel::check_item(ItemId item) const {
  if (item >= item_count_) {
    throw std::out_of_range("item " + std::to_string(item) + " outside the catalog of " + std::to_string(item_count_) +
                            " items");
  }
}

void ItemKnnModel::collect_pairs(const ShopperVisit& visit, std::vector<RowAdd>& adds) {
  const ItemId* earlier_end = visit.earlier + visit.earlier_count;
  for (const ItemId* e = visit.earlier; e != earlier_end; ++e) check_item(*e);
  for (std::size_t i = 0; i < visit.item_count; ++i) check_item(visit.items[i]);
  const auto is_new = [&](ItemId item) { return std::find(visit.earlier, earlier_end, item) == earlier_end; };
  const auto pair = [&](ItemId a, ItemId b) {
    adds.push_back({a, b});
    adds.push_back({b, a});
  };
  for (std::size_t i = 0; i < visit.item_count; ++i) {
    const ItemId item = visit.items[i];
    if (!is_new(item)) continue;
    // Slices of visits are collected in parallel; a count is the same whatever the order.
    std::atomic_ref<std::uint32_t>(engagements_[item]).fetch_add(1, std::memory_order_relaxed);
    for (const ItemId* e = visit.earlier; e != earlier_end; ++e) pair(item, *e);
    for (std::size_t j = 0; j < i; ++j) {
      if (is_new(visit.items[j])) pair(item, visit.items[j]);
    }
  }
}

void ItemKnnModel::apply_pairs(std::size_t slices) {
  // The slices' adds bucketed by row, each row keeping their order (a stable counting sort,
  // itself parallel: each slice counts its rows, the prefix sums give every (row, slice) its
  // place, each slice scatters its adds), then the rows in parallel. A capped row's counts
  // depend only on its own sequence of adds, so this equals applying them one by one.
  const std::size_t rows = item_count_;
  std::vector<std::uint32_t>& place = slice_places_;  // slice * rows + row
  place.assign(slices * rows, 0);
  tbb::parallel_for(std::size_t{0}, slices, [&](std::size_t slice) {
    for (const RowAdd& add : slice_adds_[slice]) ++place[slice * rows + add.row];
  });
  std::vector<std::uint32_t> first(rows + 1);
  std::uint32_t total = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    first[row] = total;
    for (std::size_t slice = 0; slice < slices; ++slice) {
      const std::uint32_t count = place[slice * rows + row];
      place[slice * rows + row] = total;
      total += count;
    }
  }
  first[rows] = total;
  std::vector<ItemId>& partners = partners_scratch_;
  partners.resize(total);
  tbb::parallel_for(std::size_t{0}, slices, [&](std::size_t slice) {
    for (const RowAdd& add : slice_adds_[slice]) partners[place[slice * rows + add.row]++] = add.partner;
  });
  const std::size_t cap = config_.max_partners;
  tbb::parallel_for(tbb::blocked_range<ItemId>(0, item_count_, 64), [&](const tbb::blocked_range<ItemId>& range) {
    for (ItemId row = range.begin(); row != range.end(); ++row) {
      cooccurrences_[row].add(partners.data() + first[row], first[row + 1] - first[row], cap);
    }
  });
}

void ItemKnnModel::learn(const ShopperVisit& visit) {
  slice_adds_.resize(1);
  slice_adds_[0].clear();
  collect_pairs(visit, slice_adds_[0]);
  apply_pairs(1);
}

void ItemKnnModel::learn(const ShopperVisits& visits) {
  // In blocks of visits, so the buffered adds stay small however long the history; a block's
  // visits in a fixed number of slices, collected in parallel.
  constexpr std::size_t kBlock = 1 << 18, kSlices = 16;
  slice_adds_.resize(kSlices);
  for (std::size_t begin = 0; begin < visits.size(); begin += kBlock) {
    const std::size_t size = std::min(visits.size() - begin, kBlock);
    std::exception_ptr errors[kSlices];
    tbb::parallel_for(std::size_t{0}, kSlices, [&](std::size_t slice) {
      std::vector<RowAdd>& adds = slice_adds_[slice];
      adds.clear();
      try {
        for (std::size_t v = begin + size * slice / kSlices; v < begin + size * (slice + 1) / kSlices; ++v) {
          collect_pairs(visits[v], adds);
        }
      } catch (...) {
        errors[slice] = std::current_exception();
      }
    });
    // The first failing slice's error, which one-by-one learning would have met first.
    for (const std::exception_ptr& error : errors) {
      if (error) std::rethrow_exception(error);
    }
    apply_pairs(kSlices);
  }
}

void ItemKnnModel::learn_values(EventSpan events) {
  for (const Event& e : events) {
    check_item(e.item);
    switch (e.type) {
      case EventType::kClick: values_[e.item] += kClickValue; break;
      case EventType::kCart: values_[e.item] += kCartValue; break;
      case EventType::kPurchase: values_[e.item] += kPurchaseValue; break;
      default: throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(e.type)));
    }
  }
}

double ItemKnnModel::similarity(std::uint32_t c, std::uint32_t n_a, std::uint32_t n_b) const {
  if (c == 0) return 0.0;
  const double cd = c;
  const double cosine = cd / std::sqrt(static_cast<double>(std::max(n_a, c)) * std::max(n_b, c));
  return cosine * cd / (cd + config_.shrinkage);
}

double ItemKnnModel::similarity(ItemId a, ItemId b) const {
  check_item(a);
  check_item(b);
  if (a == b) return 0.0;
  return similarity(cooccurrences_[a].count(b), engagements_[a], engagements_[b]);
}

std::uint32_t ItemKnnModel::cooccurrences(ItemId a, ItemId b) const {
  check_item(a);
  check_item(b);
  return cooccurrences_[a].count(b);
}

std::uint32_t ItemKnnModel::engagements(ItemId item) const {
  check_item(item);
  return engagements_[item];
}

double ItemKnnModel::value(ItemId item) const {
  check_item(item);
  return values_[item];
}

float ItemKnnModel::prior(ItemId item) const {
  check_item(item);
  return priors_[item];
}

void ItemKnnModel::rebuild() {
  const double exponent = config_.popularity_exponent;
  for (ItemId item = 0; item < item_count_; ++item) {
    priors_[item] = static_cast<float>(std::pow(1.0 + values_[item], exponent));
  }
  const std::size_t n_max = config_.neighbours;
  tbb::parallel_for(tbb::blocked_range<ItemId>(0, item_count_, 256), [&](const tbb::blocked_range<ItemId>& range) {
    TopK best(n_max);
    for (ItemId item = range.begin(); item != range.end(); ++item) {
      best.clear();
      for (const CappedCounts::Entry& e : cooccurrences_[item].entries()) {
        const double sim = similarity(e.count, engagements_[item], engagements_[e.item]);
        best.push(static_cast<float>(sim * priors_[e.item]), e.item);
      }
      Neighbour* list = neighbours_.data() + static_cast<std::size_t>(item) * n_max;
      for (std::size_t r = 0; r < best.size(); ++r) {
        const ItemId partner = best.item(r);
        list[r] = {partner, static_cast<float>(similarity(cooccurrences_[item].count(partner), engagements_[item],
                                                          engagements_[partner]))};
      }
      neighbour_count_[item] = static_cast<std::uint32_t>(best.size());
    }
  });
}

std::span<const Neighbour> ItemKnnModel::neighbours(ItemId item) const {
  check_item(item);
  return {neighbours_.data() + static_cast<std::size_t>(item) * config_.neighbours, neighbour_count_[item]};
}

double ItemKnnModel::score(const SessionView& session, float weight, CandidateScores& scores) const {
  double weight_sum = 0.0;
  float recency = 1.0f;
  for (std::size_t k = 0; k < std::min<std::size_t>(session.recent_count, kRecentItems); ++k) {
    const ItemId recent = session.recent_items[k];
    if (recent == kNoItem) continue;
    check_item(recent);
    const float w = weight * recency;
    for (const Neighbour& nb : neighbours(recent)) scores.add(nb.item, w * nb.similarity);
    weight_sum += recency;
    recency *= static_cast<float>(config_.recency_decay);
  }
  return weight_sum;
}

void ItemKnnModel::apply_prior(CandidateScores& scores) const {
  scores.scale(priors_.data());
}

double ItemKnnModel::mean_neighbours() const {
  if (item_count_ == 0) return 0.0;
  return static_cast<double>(std::accumulate(neighbour_count_.begin(), neighbour_count_.end(), std::uint64_t{0})) /
         item_count_;
}

std::size_t ItemKnnModel::stored_counts() const {
  std::size_t total = 0;
  for (const CappedCounts& row : cooccurrences_) total += row.size();
  return total;
}

}  // namespace promosim::plugins
