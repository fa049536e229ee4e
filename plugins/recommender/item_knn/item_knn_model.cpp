#include "item_knn_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
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
    ++engagements_[item];
    for (const ItemId* e = visit.earlier; e != earlier_end; ++e) pair(item, *e);
    for (std::size_t j = 0; j < i; ++j) {
      if (is_new(visit.items[j])) pair(item, visit.items[j]);
    }
  }
}

void ItemKnnModel::apply_pairs(const std::vector<RowAdd>& adds) {
  // Bucketed by row, each row keeping its adds' order (a stable counting sort), then the
  // rows in parallel: a capped row's counts depend only on its own sequence of adds, so this
  // equals applying them one by one, for any thread count.
  std::vector<std::uint32_t> first(static_cast<std::size_t>(item_count_) + 1, 0);
  for (const RowAdd& add : adds) ++first[add.row + 1];
  for (std::size_t row = 0; row < item_count_; ++row) first[row + 1] += first[row];
  std::vector<ItemId>& partners = partners_scratch_;
  partners.resize(adds.size());
  std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
  for (const RowAdd& add : adds) partners[next[add.row]++] = add.partner;
  const std::size_t cap = config_.max_partners;
  tbb::parallel_for(tbb::blocked_range<ItemId>(0, item_count_, 64), [&](const tbb::blocked_range<ItemId>& rows) {
    for (ItemId row = rows.begin(); row != rows.end(); ++row) {
      cooccurrences_[row].add(partners.data() + first[row], first[row + 1] - first[row], cap);
    }
  });
}

void ItemKnnModel::learn(const ShopperVisit& visit) {
  std::vector<RowAdd>& adds = adds_scratch_;
  adds.clear();
  collect_pairs(visit, adds);
  apply_pairs(adds);
}

void ItemKnnModel::learn(const ShopperVisits& visits) {
  // In blocks of visits, so the buffered adds stay small however long the history.
  constexpr std::size_t kBlock = 1 << 18;
  std::vector<RowAdd>& adds = adds_scratch_;
  for (std::size_t begin = 0; begin < visits.size(); begin += kBlock) {
    adds.clear();
    for (std::size_t v = begin; v < std::min(visits.size(), begin + kBlock); ++v) collect_pairs(visits[v], adds);
    apply_pairs(adds);
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
