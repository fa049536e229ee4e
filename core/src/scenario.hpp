#pragma once
// The resolved scenario: every default filled in, every value checked. Produced only by
// ScenarioLoader; the engine reads nothing else.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "distribution.hpp"
#include "promosim/parameter_set.hpp"
#include "promosim/plugin_kind.hpp"

namespace promosim {

/// Items that go on sale during the timeline: `items` new items launched `after_days` into `phase`.
struct LaunchConfig {
  std::uint32_t items = 0;
  std::uint16_t phase = 0;           ///< index into TimelineConfig::phases
  double after_days = 0.0;
};

struct CatalogConfig {
  std::uint32_t items = 0;
  std::uint32_t categories = 0;
  std::uint32_t factor_dim = 0;      ///< latent preference dimensions
  Distribution price;                ///< list price, currency units
  Distribution margin_rate;          ///< (price - cost) / price
  double category_spread = 0.0;      ///< spread of items' factors around their category's
  double quality_sd = 0.0;           ///< sd of the item quality term (logit scale)
  double quality_price_slope = 0.0;  ///< quality gained per unit of log(price / category median)
  std::uint32_t brands_per_category = 1;
  double brand_sd = 0.0;             ///< sd of a brand's appeal, shared by its items (logit scale)
  std::vector<LaunchConfig> launches;///< items after the first `items`, in this order
  double stock_per_item = 0.0;       ///< units of every item at the start; +inf if unlimited
};

struct SegmentConfig {
  std::string name;
  double share = 0.0;                 ///< of the population, shares sum to 1
  double visit_rate = 0.0;            ///< expected visits per day at traffic multiplier 1
  double price_elasticity = 0.0;      ///< weight of log(price paid / reference price)
  double promotion_sensitivity = 0.0; ///< weight of discount depth (salience of "x% off")
  double base_intent = 0.0;           ///< probability a carted item is bought at neutral price
  double preference_strength = 0.0;  ///< weight of shopper-item factor match
  double brand_sensitivity = 1.0;    ///< weight of the brand's appeal
  double patience = 1.0;             ///< how much the segment waits for a known peak (x waiting_strength)
};

/// Shoppers who first come during the timeline: `shoppers` join at ticks spread evenly over `phase`.
struct NewShopperConfig {
  std::uint32_t shoppers = 0;
  std::uint16_t phase = 0;           ///< index into TimelineConfig::phases
};

/// Where a logged population comes from (population.log); see docs/logged-population.md.
struct LoggedPopulationConfig {
  std::string path;             ///< absolute
  std::string format;           ///< an ingest --format name
  std::string mapping;          ///< absolute; "" unless format is generic
  double history_share = 0.5;   ///< share of the log's span before the timeline (history)
  bool stretch = true;          ///< replay: true spreads the rest over the timeline, false keeps real time
};

struct PopulationConfig {
  bool logged = false;          ///< source: logged (shoppers, items and arrivals come from `log`)
  LoggedPopulationConfig log;
  std::uint32_t shoppers = 0;   ///< synthetic only
  std::uint32_t history_days = 0;    ///< organic sessions simulated before the timeline for fit()
  std::vector<SegmentConfig> segments;
  std::vector<NewShopperConfig> new_shoppers;  ///< shoppers after the first `shoppers`, in this order
};

struct PhaseConfig {
  std::string name;
  double days = 0.0;                 ///< a whole number of ticks
  double traffic = 1.0;              ///< multiplier on visit rates
  double price_sensitivity = 1.0;    ///< multiplier on price elasticity
  double promotion_sensitivity = 1.0;///< multiplier on promotion sensitivity
  bool peak = false;                 ///< a sale shoppers know is coming: they wait for it
  bool pre_heat = false;             ///< items carted and not bought are kept for the next peak
  double opening_surge = 1.0;        ///< traffic multiplier over the phase's first surge_hours
  double surge_hours = 1.0;
};

/// A flash sale: `items` random launched items at `discount` off for `hours`, from `after_hours`
/// into `phase`, `stock` discounted units each.
struct FlashSaleConfig {
  std::uint16_t phase = 0;
  double after_hours = 0.0;
  double hours = 1.0;
  std::uint32_t items = 0;
  double discount = 0.0;
  std::uint32_t stock = 0;
  double reach = 0.0;                ///< share of visits during the sale that open its page
};

/// A coupon drop: at `after_hours` into `phase`, a `share` of the shoppers receive a one-use
/// platform coupon "spend threshold, get value off", valid for `valid_hours`; a `visit_lift`
/// share of the receivers come to use it within a day.
struct CouponDropConfig {
  std::uint16_t phase = 0;
  double after_hours = 0.0;
  double share = 0.0;
  double threshold = 0.0;
  double value = 0.0;
  double valid_hours = 0.0;
  double visit_lift = 0.0;
};

/// A pre-sale: during `deposit_phase`, `items` random items sell at `price_cut` off against a
/// deposit (a `deposit` share of the pre-sale price); the balance is due in `balance_phase`,
/// paid on the shopper's first visit there with probability `balance_rate`, else the deposit
/// is forfeited.
struct PresaleConfig {
  std::uint16_t deposit_phase = 0;
  std::uint16_t balance_phase = 0;
  std::uint32_t items = 0;
  double price_cut = 0.0;
  double deposit = 0.0;
  double balance_rate = 0.0;
  double reach = 0.0;                ///< share of visits in the deposit phase that open its page
};

struct TimelineConfig {
  std::uint32_t tick_minutes = 60;
  std::string start_date;            ///< ISO date of tick 0, "" if not given (labels only)
  std::uint32_t start_hour = 0;      ///< hour of day tick 0 starts at
  std::vector<double> hourly_traffic;///< 24 relative traffic levels by hour of day (any scale)
  std::vector<FlashSaleConfig> flash_sales;
  std::vector<CouponDropConfig> coupon_drops;
  std::vector<PresaleConfig> presales;
  std::vector<PhaseConfig> phases;
};

struct BehaviourConfig {
  std::uint32_t slate_size = 10;
  double position_decay = 0.0;       ///< examination probability ratio between slots p+1 and p
  double click_bias = 0.0;           ///< logit intercept of a click on an examined item
  double cart_bias = 0.0;            ///< logit intercept of carting a clicked item
  double discount_click_weight = 0.0;///< how much a shown discount raises clicks (x promotion sensitivity)
  double intent_sd = 0.0;            ///< sd of a session's intent around the segment's (logit scale)
  double anticipation_days = 0.0;    ///< how far ahead shoppers see a peak coming
  double waiting_strength = 0.0;     ///< intent logit held back before a peak and released at it
  double satiation = 0.0;            ///< intent logit lost right after a purchase
  double satiation_half_life_days = 1.0;
  double cart_ahead_conversion = 0.0;///< chance a pre-heat cart item is bought at the peak
  double reference_half_life_days = 0.0;  ///< remembered-price adaptation; 0: prices are never re-anchored
  double padding_reach = 0.0;        ///< share of a coupon tier within which shoppers pad the basket
  double padding_probability = 0.0;
  double coupon_fatigue = 0.0;       ///< coupon pull lost per recent coupon (log scale)
  double fatigue_half_life_days = 1.0;
  double churn_per_visit = 0.0;      ///< chance a visit without a purchase is the shopper's last
  double purchase_return_boost = 1.0;///< visit-rate multiplier for the gap after a purchase
};

struct PluginChoice {
  std::string name;
  ParameterSet params;               ///< every declared parameter, defaults filled in
};

struct ArmConfig {
  std::string name;
  PluginChoice recommender;
  PluginChoice intent_model;
  PluginChoice pricing_policy;
  std::string sweep;                 ///< name of the sweep entry that generated the arm; "" if written by hand
};

struct OutputConfig {
  std::string path;                  ///< results database, resolved against the working directory
  std::string metrics_by;            ///< "tick" or "day": granularity of metric rows
  double event_sample = 0.0;         ///< fraction of shoppers whose events are stored
  double oracle_sample = 0.0;        ///< fraction of shoppers whose sessions are scored against the oracle
};

/// A discount budget pool: offers to sessions in `phase` (or any phase, -1) by shoppers of
/// `segment` (or any, -1) must also fit it.
struct BudgetPoolConfig {
  int phase = -1;
  int segment = -1;
  double amount = 0.0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_path;           ///< the YAML file it came from
  std::uint64_t seed = 0;
  std::uint32_t replicates = 1;
  std::uint32_t shards = 64;         ///< fixed shopper shards: the unit of parallelism and of statistics
  double discount_budget = 0.0;      ///< per arm and replicate, currency units; +inf if unlimited
  double per_shopper_budget = 0.0;   ///< per shopper over the run; +inf if unlimited
  std::vector<BudgetPoolConfig> budget_pools;
  std::vector<std::string> plugin_paths;  ///< extra plugin folders, absolute
  CatalogConfig catalog;
  PopulationConfig population;
  TimelineConfig timeline;
  BehaviourConfig behaviour;
  std::vector<ArmConfig> arms;
  OutputConfig output;
  std::string resolved_yaml;         ///< the whole resolved configuration, stored with each run
};

}  // namespace promosim
