#include "neighbour_lists.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <limits>
#include <stdexcept>
#include <string>

#include "promosim/top_k.hpp"

namespace promosim::plugins {

NeighbourLists::NeighbourLists(std::uint32_t shopper_count, std::size_t per_shopper)
    : per_shopper_(per_shopper),
      lists_(static_cast<std::size_t>(shopper_count) * per_shopper),
      counts_(shopper_count, 0) {
  if (per_shopper == 0 || per_shopper > std::numeric_limits<std::uint16_t>::max()) {
    throw std::invalid_argument("neighbour lists need 1 to 65535 entries per shopper, got " +
                                std::to_string(per_shopper));
  }
}

void NeighbourLists::recompute(std::span<const ShopperId> shoppers, const InteractionMatrix& matrix,
                               const UserSimilarity& similarity) {
  // Per thread: the dot products with every shopper met so far (0 = not met: every product
  // of two positive weights is positive) and the shoppers met.
  struct Scratch {
    std::vector<double> dot;
    std::vector<ShopperId> met;
  };
  tbb::enumerable_thread_specific<Scratch> scratch(
      [&] { return Scratch{std::vector<double>(matrix.shopper_count(), 0.0), {}}; });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shoppers.size(), 64), [&](const tbb::blocked_range<std::size_t>& r) {
    Scratch& s = scratch.local();
    // TopK ranks ids of type ItemId; shopper ids are the same 32-bit type and the same tie rule
    // (lower id first) is what the lists promise.
    TopK best(per_shopper_);
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      const ShopperId u = shoppers[k];
      if (u >= counts_.size()) {
        throw std::out_of_range("shopper " + std::to_string(u) + " outside the population of " +
                                std::to_string(counts_.size()) + " shoppers");
      }
      for (const ItemWeight& e : matrix.row(u)) {
        for (const ShopperId v : matrix.posting(e.item)) {
          if (v == u) continue;
          if (s.dot[v] == 0.0) s.met.push_back(v);
          s.dot[v] += static_cast<double>(e.weight) * matrix.weight(v, e.item);
        }
      }
      best.clear();
      for (const ShopperId v : s.met) {
        const double sim = similarity.from_dot(u, v, s.dot[v]);
        s.dot[v] = 0.0;
        if (sim > 0.0) best.push(static_cast<float>(sim), v);
      }
      s.met.clear();
      SimilarShopper* list = lists_.data() + static_cast<std::size_t>(u) * per_shopper_;
      for (std::size_t n = 0; n < best.size(); ++n) list[n] = {best.item(n), best.score(n)};
      counts_[u] = static_cast<std::uint16_t>(best.size());
    }
  });
}

}  // namespace promosim::plugins
