#pragma once
// Everything a plugin needs, in one include.
#include "promosim/intent_model.hpp"
#include "promosim/plugin_manifest.hpp"
#include "promosim/pricing_policy.hpp"
#include "promosim/random_stream.hpp"
#include "promosim/recommender.hpp"
#include "promosim/top_k.hpp"
