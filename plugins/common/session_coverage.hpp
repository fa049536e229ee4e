#pragma once
// For the recommenders that keep state per shopper (user_knn: neighbour lists,
// matrix_factorization: factors): the check that a session's shopper is in the population the
// model was made for, and the share of a tick's sessions whose shopper the model could serve.
#include <cstddef>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

/// Throws std::out_of_range unless `shopper` < `shopper_count`.
void check_shopper(ShopperId shopper, std::size_t shopper_count);

/// The share of the sessions whose shopper `served(shopper)` holds for, 0 without sessions;
/// every shopper is checked with check_shopper() first.
template <class Served>
double served_share(const SessionOutcome* sessions, std::size_t session_count, std::size_t shopper_count,
                    Served served) {
  std::size_t covered = 0;
  for (std::size_t i = 0; i < session_count; ++i) {
    const ShopperId s = sessions[i].view.shopper;
    check_shopper(s, shopper_count);
    covered += served(s) ? 1 : 0;
  }
  return session_count > 0 ? static_cast<double>(covered) / static_cast<double>(session_count) : 0.0;
}

}  // namespace promosim::plugins
