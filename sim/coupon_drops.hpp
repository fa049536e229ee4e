#pragma once
// The scenario's coupon drops as ticks: who receives each (a share of the shoppers, drawn from
// the replicate's key, so the same in every arm), when it can be used, and its coupon.
#include <cstdint>
#include <vector>

#include "promosim/coupon_offer.hpp"
#include "promosim/types.hpp"
#include "scenario.hpp"
#include "timeline.hpp"

namespace promosim {

class CouponDrops {
 public:
  struct Drop {
    TickIndex first_tick = 0;
    TickIndex end_tick = 0;  ///< one past the last tick it can be used
    double share = 0.0;
    double visit_lift = 0.0;
    CouponOffer coupon;
  };

  CouponDrops(const std::vector<CouponDropConfig>& config, const Timeline& timeline, std::uint64_t key);

  bool empty() const { return drops_.empty(); }
  const std::vector<Drop>& drops() const { return drops_; }
  bool receives(ShopperId s, std::size_t drop) const;
  /// Index of the first drop shopper s holds at tick t and has not used (bit d of `used`), or -1.
  int usable(ShopperId s, TickIndex t, std::uint8_t used) const;
  /// If drop d lures shopper s to the shop, the tick of that visit (within a day of the drop);
  /// kNever otherwise.
  TickIndex lured_visit(ShopperId s, std::size_t drop, std::uint32_t ticks_per_day) const;

 private:
  std::uint64_t key_;
  std::vector<Drop> drops_;
};

}  // namespace promosim
