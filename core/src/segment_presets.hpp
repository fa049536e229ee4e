#pragma once
// The segment library: named shopper types whose values replace the schema defaults of the
// segment keys a scenario leaves out (docs/behaviour-model.md explains each choice).
#include <string_view>

namespace promosim {

struct SegmentPreset {
  const char* name;
  double visit_rate, price_elasticity, promotion_sensitivity, base_intent, preference_strength, brand_sensitivity,
      patience;
};

inline constexpr SegmentPreset kSegmentPresets[] = {
    // name             visits elastic promo  intent taste  brand  patience
    {"bargain_hunter",  0.35,  2.5,    2.0,   0.22,  0.8,   0.5,   1.5},
    {"loyal_regular",   0.50,  0.8,    0.6,   0.45,  1.2,   1.0,   0.3},
    {"brand_driven",    0.25,  1.0,    0.8,   0.35,  1.0,   2.5,   0.8},
    {"new_shopper",     0.15,  1.8,    1.5,   0.18,  1.0,   1.0,   0.5},
};

/// The preset called `name`, or nullptr (for "custom").
inline const SegmentPreset* find_segment_preset(std::string_view name) {
  for (const SegmentPreset& p : kSegmentPresets) {
    if (name == p.name) return &p;
  }
  return nullptr;
}

}  // namespace promosim
