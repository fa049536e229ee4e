#include "session_coverage.hpp"

#include <stdexcept>
#include <string>

namespace promosim::plugins {

void check_shopper(ShopperId shopper, std::size_t shopper_count) {
  if (shopper >= shopper_count) {
    throw std::out_of_range("session of shopper " + std::to_string(shopper) + " outside the population of " +
                            std::to_string(shopper_count) + " shoppers");
  }
}

}  // namespace promosim::plugins
