#include "scenario_schema.hpp"

#include <stdexcept>

#include "scenario_diagnostics.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

constexpr KeySpec kKeys[] = {
    {.path = "name", .type = KeyType::kName,
     .doc = "Scenario name: labels the run and names the default output file."},
    {.path = "description", .type = KeyType::kText, .default_yaml = "\"\"",
     .doc = "Free text stored with each run."},
    {.path = "seed", .type = KeyType::kInteger, .default_yaml = "1", .min = 0,
     .doc = "Master seed of all randomness, up to 2^63-1; the same seed and scenario give bit-identical results."},
    {.path = "replicates", .type = KeyType::kInteger, .default_yaml = "3", .min = 1, .max = 1000,
     .doc = "Independent repetitions of every arm, each with a freshly drawn catalog and population shared by all arms."},
    {.path = "shards", .type = KeyType::kInteger, .default_yaml = "64", .min = 1, .max = 4096,
     .doc = "Fixed shopper shards: the unit of parallelism and of statistics. Results do not depend on the thread "
            "count; they do depend on `shards`."},
    {.path = "plugin_paths", .type = KeyType::kTextList, .default_yaml = "[]",
     .doc = "Folders searched for plugins before `PROMOSIM_PLUGIN_PATH` and the default folder; relative to the scenario file."},

    {.path = "catalog", .type = KeyType::kMap, .doc = "The synthetic item catalog."},
    {.path = "catalog.items", .type = KeyType::kInteger, .min = 10, .max = 50'000'000,
     .doc = "Number of items. Not given with a logged population: the log's items are the catalog."},
    {.path = "catalog.categories", .type = KeyType::kInteger, .default_yaml = "20", .min = 1, .max = 65'535,
     .doc = "Number of item categories; at most `items`."},
    {.path = "catalog.factor_dim", .type = KeyType::kInteger, .default_yaml = "8", .min = 1, .max = 64,
     .doc = "Dimensions of the latent factors that match shoppers' preferences to items."},
    {.path = "catalog.price", .type = KeyType::kDistribution,
     .default_yaml = "{dist: lognormal, median: 100, sigma: 0.8}", .min = 0, .min_open = true,
     .doc = "List price of an item, currency units; draws are clamped to [0.01, 10,000,000]; a normal is "
            "refused because it can yield negative prices."},
    {.path = "catalog.margin_rate", .type = KeyType::kDistribution, .default_yaml = "{dist: uniform, min: 0.15, max: 0.45}",
     .min = 0, .max = 1, .min_open = true, .max_open = true,
     .doc = "Margin as a share of the list price, (price - cost) / price."},
    {.path = "catalog.category_spread", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 10,
     .doc = "Spread of items' factors around their category's centre; 0 makes the items of a category alike."},
    {.path = "catalog.quality_sd", .type = KeyType::kReal, .default_yaml = "0.25", .min = 0, .max = 5,
     .doc = "Standard deviation of the item quality term that raises or lowers every shopper's interest (logit scale)."},
    {.path = "catalog.quality_price_slope", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 10,
     .doc = "How much better dearer items are: quality rises by this much per unit of log(price / category median "
            "price), offsetting part of the price elasticity, so shoppers do not all flock to the cheapest items "
            "and baskets reach realistic sizes. 0 makes quality independent of price."},
    {.path = "catalog.brands_per_category", .type = KeyType::kInteger, .default_yaml = "5", .min = 1, .max = 1000,
     .doc = "Brands in each category; every item belongs to one brand of its category (plugins see the brand)."},
    {.path = "catalog.brand_sd", .type = KeyType::kReal, .default_yaml = "0.3", .min = 0, .max = 5,
     .doc = "Standard deviation of a brand's appeal, added to the quality of all its items (logit scale): what "
            "lets attribute-based recommenders judge an item nobody has seen yet."},
    {.path = "catalog.launches", .type = KeyType::kList, .default_yaml = "[]",
     .doc = "New items going on sale during the timeline, drawn like the others and numbered after them; "
            "recommenders may not show an item before its launch."},
    {.path = "catalog.launches[].items", .type = KeyType::kInteger, .min = 1, .max = 50'000'000,
     .doc = "Number of items launched together."},
    {.path = "catalog.launches[].phase", .type = KeyType::kName, .doc = "Phase in which they launch."},
    {.path = "catalog.launches[].after_days", .type = KeyType::kReal, .default_yaml = "0", .min = 0, .max = 3650,
     .doc = "Days after the phase starts, rounded down to a tick; must fall inside the phase."},
    {.path = "catalog.stock_per_item", .type = KeyType::kBudget, .default_yaml = "unlimited", .min = 0,
     .doc = "Units of every item at the start of the timeline; a sold-out item can still be shown but not bought, "
            "and recommenders see what is left. `unlimited` for no stock limit."},

    {.path = "population", .type = KeyType::kMap, .doc = "The shoppers: synthetic, or replayed from a log."},
    {.path = "population.source", .type = KeyType::kChoice, .default_yaml = "synthetic", .choices = "synthetic|logged",
     .doc = "Where shoppers come from: `synthetic` generates them from the segments; `logged` replays the shoppers "
            "of `population.log` (who came when), with preferences fitted from their logged history "
            "(docs/logged-population.md)."},
    {.path = "population.shoppers", .type = KeyType::kInteger, .min = 1, .max = 100'000'000,
     .doc = "Number of shoppers. Not given with a logged population: the log's shoppers are the population."},
    {.path = "population.log", .type = KeyType::kMap, .default_yaml = "{}",
     .doc = "The log a `logged` population comes from; its `path` is required with `source: logged` and not allowed otherwise."},
    {.path = "population.log.path", .type = KeyType::kText, .default_yaml = "\"\"",
     .doc = "Log file, relative to the scenario file."},
    {.path = "population.log.format", .type = KeyType::kChoice, .default_yaml = "generic",
     .choices = "generic|rees46|diginetica|obd|hillstrom|movielens",
     .doc = "The log's format, as for `promosim ingest --format` (docs/event-log.md)."},
    {.path = "population.log.mapping", .type = KeyType::kText, .default_yaml = "\"\"",
     .doc = "Column mapping YAML for format `generic`, relative to the scenario file."},
    {.path = "population.log.history_share", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 0.95,
     .doc = "Share of the log's time span that lies before the timeline: its events are the shoppers' history "
            "(their preferences are fitted to it, plugins' `fit` gets it); the rest is replayed as arrivals."},
    {.path = "population.log.replay", .type = KeyType::kChoice, .default_yaml = "stretch", .choices = "stretch|clock",
     .doc = "How logged times map onto ticks: `stretch` spreads the replayed part of the log over the whole "
            "timeline, keeping order and relative pace; `clock` keeps real time from tick 0 (one tick per "
            "`timeline.tick_minutes`) and drops what falls after the timeline."},
    {.path = "population.history_days", .type = KeyType::kInteger, .default_yaml = "7", .min = 0, .max = 365,
     .doc = "Days of organic browsing simulated before the timeline and handed to plugins' `fit`."},
    {.path = "population.segments", .type = KeyType::kList, .default_yaml = "[{name: everyone, share: 1}]",
     .min = 1, .doc = "Shopper segments; their shares must sum to 1."},
    {.path = "population.segments[].name", .type = KeyType::kText,
     .doc = "Segment name, unique; labels per-segment results."},
    {.path = "population.segments[].share", .type = KeyType::kReal, .min = 0, .max = 1, .min_open = true,
     .doc = "Fraction of the shoppers in this segment."},
    {.path = "population.segments[].visit_rate", .type = KeyType::kReal, .default_yaml = "0.3",
     .min = 0, .max = 24, .min_open = true,
     .doc = "Expected visits per shopper per day at traffic multiplier 1."},
    {.path = "population.segments[].price_elasticity", .type = KeyType::kReal, .default_yaml = "1.5",
     .min = 0, .max = 10,
     .doc = "Weight of log(price paid / reference price) against carting: higher means more price sensitive."},
    {.path = "population.segments[].promotion_sensitivity", .type = KeyType::kReal, .default_yaml = "1.0",
     .min = 0, .max = 10, .doc = "Weight of the discount depth on clicks and carts (the pull of \"x% off\")."},
    {.path = "population.segments[].base_intent", .type = KeyType::kReal, .default_yaml = "0.3",
     .min = 0, .max = 1, .min_open = true, .max_open = true,
     .doc = "Probability that a carted item is bought, for a typical session of the segment."},
    {.path = "population.segments[].preference_strength", .type = KeyType::kReal, .default_yaml = "1.0",
     .min = 0, .max = 10, .doc = "Weight of the shopper-item factor match: how much taste drives clicks."},
    {.path = "population.segments[].brand_sensitivity", .type = KeyType::kReal, .default_yaml = "1.0",
     .min = 0, .max = 10, .doc = "Weight of a brand's appeal in how much the segment likes an item."},
    {.path = "population.segments[].patience", .type = KeyType::kReal, .default_yaml = "1.0", .min = 0, .max = 10,
     .doc = "How much the segment holds purchases back for a known peak (multiplies `behaviour.waiting_strength`)."},
    {.path = "population.segments[].preset", .type = KeyType::kChoice, .default_yaml = "custom",
     .choices = "custom|bargain_hunter|loyal_regular|brand_driven|new_shopper",
     .doc = "A segment library entry whose values replace the defaults of the keys above that the segment does not "
            "set (see docs/behaviour-model.md for each preset's values and why); `custom` keeps the plain defaults."},
    {.path = "population.new_shoppers", .type = KeyType::kList, .default_yaml = "[]",
     .doc = "Shoppers who first come during the timeline (no history, so cold for every model), numbered after "
            "the others and drawn from the same segments."},
    {.path = "population.new_shoppers[].shoppers", .type = KeyType::kInteger, .min = 1, .max = 100'000'000,
     .doc = "Number of new shoppers."},
    {.path = "population.new_shoppers[].phase", .type = KeyType::kName,
     .doc = "Phase over which they join, uniformly; each visits from its joining tick on."},

    {.path = "timeline", .type = KeyType::kMap, .doc = "The promotion calendar."},
    {.path = "timeline.tick_minutes", .type = KeyType::kInteger, .default_yaml = "60", .min = 1, .max = 1440,
     .doc = "Length of a tick, the step at which plugins learn and metrics are recorded; must divide 1440 (a day)."},
    {.path = "timeline.start_date", .type = KeyType::kDate, .default_yaml = "\"\"",
     .doc = "Calendar date of the first tick, YYYY-MM-DD, for labels only; empty for none."},
    {.path = "timeline.start_hour", .type = KeyType::kInteger, .default_yaml = "0", .min = 0, .max = 23,
     .doc = "Hour of day (0-23) the first tick starts at; with `start_date`, it dates every phase to the hour."},
    {.path = "timeline.hourly_traffic", .type = KeyType::kRealList,
     .default_yaml = "[0.6, 0.35, 0.2, 0.15, 0.12, 0.15, 0.3, 0.55, 0.8, 1.0, 1.15, 1.2, 1.15, 1.1, 1.1, 1.1, 1.1, "
                     "1.15, 1.25, 1.45, 1.7, 1.85, 1.6, 1.1]",
     .min = 0, .max = 100, .min_open = true,
     .doc = "Relative traffic in each hour of the day, 24 numbers from 00:00; rescaled to average 1, so a day's "
            "visits stay `visit_rate` x phase traffic. The default is a typical retail-web curve: quiet nights, "
            "an evening high. Use 24 equal numbers for a flat day."},
    {.path = "timeline.flash_sales", .type = KeyType::kList, .default_yaml = "[]",
     .doc = "Flash sales: a few items deeply discounted for a short time with few units. The platform runs and "
            "funds them, the same in every arm: outside the arms' discount budgets."},
    {.path = "timeline.flash_sales[].phase", .type = KeyType::kName, .doc = "Phase in which the sale runs."},
    {.path = "timeline.flash_sales[].after_hours", .type = KeyType::kReal, .default_yaml = "0", .min = 0,
     .max = 87600, .doc = "Hours after the phase starts that the sale opens, rounded down to a tick."},
    {.path = "timeline.flash_sales[].hours", .type = KeyType::kReal, .default_yaml = "1", .min = 0, .max = 87600,
     .min_open = true, .doc = "How long it lasts, rounded up to whole ticks."},
    {.path = "timeline.flash_sales[].items", .type = KeyType::kInteger, .default_yaml = "20", .min = 1,
     .max = 1'000'000, .doc = "Items on sale, drawn at random from those launched when it opens."},
    {.path = "timeline.flash_sales[].discount", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 1,
     .min_open = true, .max_open = true,
     .doc = "Discount off the list price; the default is near the median depth of the Ponpare daily-deal coupons "
            "(53%)."},
    {.path = "timeline.flash_sales[].reach", .type = KeyType::kReal, .default_yaml = "0.3", .min = 0, .max = 1,
     .doc = "Share of visits during the sale that also open its page, where the shopper sees up to four of its "
            "items with units left (beside the recommender's slate)."},
    {.path = "timeline.flash_sales[].stock", .type = KeyType::kInteger, .default_yaml = "50", .min = 1,
     .max = 1'000'000'000, .doc = "Discounted units of each item; when they are gone the item is back at its usual price."},
    {.path = "timeline.coupon_drops", .type = KeyType::kList, .default_yaml = "[]", .max = 8,
     .doc = "Scheduled platform coupon drops (at most 8): the same in every arm, funded outside the arms' budgets, "
            "stacking with a pricing policy's coupon."},
    {.path = "timeline.coupon_drops[].phase", .type = KeyType::kName, .doc = "Phase of the drop."},
    {.path = "timeline.coupon_drops[].after_hours", .type = KeyType::kReal, .default_yaml = "0", .min = 0,
     .max = 87600, .doc = "Hours after the phase starts, rounded down to a tick."},
    {.path = "timeline.coupon_drops[].share", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 1,
     .min_open = true, .doc = "Share of the shoppers who receive the coupon."},
    {.path = "timeline.coupon_drops[].threshold", .type = KeyType::kReal, .default_yaml = "150", .min = 0,
     .max = 1e7, .min_open = true,
     .doc = "Spend the coupon needs, currency units. With the default catalog prices (median 100), 150 off 20 "
            "is redeemed by about 8% of the receivers in scenarios/double11.yaml, the rate of the dunnhumby "
            "coupon campaigns of types B and C (7.9%, 7.7%); Double-11's own \"every 300, 40 off\" suits a "
            "catalog priced about twice as high."},
    {.path = "timeline.coupon_drops[].value", .type = KeyType::kReal, .default_yaml = "20", .min = 0, .max = 1e7,
     .min_open = true, .doc = "Money off once the threshold is reached; below the threshold."},
    {.path = "timeline.coupon_drops[].valid_hours", .type = KeyType::kReal, .default_yaml = "72", .min = 0,
     .max = 87600, .min_open = true, .doc = "How long the coupon can be used, rounded up to whole ticks."},
    {.path = "timeline.coupon_drops[].visit_lift", .type = KeyType::kReal, .default_yaml = "0.077", .min = 0,
     .max = 1,
     .doc = "Share of the receivers who come to the shop within a day because of it. The default is the visit lift "
            "of the Hillstrom e-mail campaign (18.3% of the Mens e-mail group visited against 10.6% without)."},
    {.path = "timeline.presales", .type = KeyType::kList, .default_yaml = "[]", .max = 100,
     .doc = "Pre-sales with a deposit (Double-11's 付定金): items reserved against a deposit in one phase, their "
            "balance paid in a later one. Run by the platform, the same in every arm."},
    {.path = "timeline.presales[].deposit_phase", .type = KeyType::kName,
     .doc = "Phase in which deposits are taken: a pre-sale item shown then is at the pre-sale price, and "
            "\"buying\" it pays the deposit."},
    {.path = "timeline.presales[].balance_phase", .type = KeyType::kName,
     .doc = "Later phase in which the balance is paid, on the shopper's first visit there."},
    {.path = "timeline.presales[].items", .type = KeyType::kInteger, .default_yaml = "100", .min = 1,
     .max = 1'000'000, .doc = "Items on pre-sale, drawn at random from those launched when deposits open."},
    {.path = "timeline.presales[].price_cut", .type = KeyType::kReal, .default_yaml = "0.2", .min = 0, .max = 1,
     .max_open = true, .doc = "Pre-sale price as a cut off the list price (DOMAIN: 1000 with 200 off is 0.2)."},
    {.path = "timeline.presales[].deposit", .type = KeyType::kReal, .default_yaml = "0.1", .min = 0, .max = 1,
     .min_open = true, .max_open = true, .doc = "Deposit as a share of the pre-sale price."},
    {.path = "timeline.presales[].reach", .type = KeyType::kReal, .default_yaml = "0.2", .min = 0, .max = 1,
     .doc = "Share of visits in the deposit phase that also open the pre-sale's page, where the shopper sees up "
            "to four of its items (beside the recommender's slate)."},
    {.path = "timeline.presales[].balance_rate", .type = KeyType::kReal, .default_yaml = "0.9", .min = 0, .max = 1,
     .doc = "Chance that a depositor who visits in the balance phase pays the balance; otherwise, and for "
            "depositors who do not come back in it, the deposit is forfeited."},
    {.path = "timeline.phases", .type = KeyType::kList, .min = 1,
     .doc = "The campaign's phases, in calendar order."},
    {.path = "timeline.phases[].name", .type = KeyType::kName, .doc = "Phase name, unique; labels per-phase results."},
    {.path = "timeline.phases[].days", .type = KeyType::kReal, .min = 0, .max = 3650, .min_open = true,
     .doc = "Length in days; must be a whole number of ticks."},
    {.path = "timeline.phases[].traffic", .type = KeyType::kReal, .default_yaml = "1", .min = 0, .max = 100,
     .doc = "Multiplier on every segment's visit rate."},
    {.path = "timeline.phases[].price_sensitivity", .type = KeyType::kReal, .default_yaml = "1",
     .min = 0, .max = 10, .doc = "Multiplier on every segment's price elasticity."},
    {.path = "timeline.phases[].promotion_sensitivity", .type = KeyType::kReal, .default_yaml = "1",
     .min = 0, .max = 10, .doc = "Multiplier on every segment's promotion sensitivity."},
    {.path = "timeline.phases[].peak", .type = KeyType::kChoice, .default_yaml = "false", .choices = "false|true",
     .doc = "A sale shoppers know is coming: before it they hold purchases back (`behaviour.waiting_strength`), in "
            "it they release them, and pre-heat carts convert."},
    {.path = "timeline.phases[].pre_heat", .type = KeyType::kChoice, .default_yaml = "false", .choices = "false|true",
     .doc = "Items carted and not bought in this phase stay in the shopper's cart for the next peak phase "
            "(`behaviour.cart_ahead_conversion`)."},
    {.path = "timeline.phases[].opening_surge", .type = KeyType::kReal, .default_yaml = "1", .min = 1, .max = 100,
     .doc = "Traffic multiplier over the phase's first `surge_hours`: the rush when a sale opens at midnight."},
    {.path = "timeline.phases[].surge_hours", .type = KeyType::kReal, .default_yaml = "1", .min = 0, .max = 24,
     .min_open = true, .doc = "How long the opening surge lasts, hours (rounded to whole ticks, at least one)."},

    {.path = "budget", .type = KeyType::kMap, .default_yaml = "{}", .doc = "Spending limits of each arm."},
    {.path = "budget.discount", .type = KeyType::kBudget, .default_yaml = "unlimited", .min = 0,
     .doc = "Discount budget per arm and replicate, currency units; once spent, no more discounts are given."},

    {.path = "budget.per_shopper", .type = KeyType::kBudget, .default_yaml = "unlimited", .min = 0,
     .doc = "Most discount money one shopper may receive from the arm over the run (discounts and coupons, "
            "reserved at their worst case like the budget)."},
    {.path = "budget.pools", .type = KeyType::kList, .default_yaml = "[]",
     .doc = "Budget pools: offers to sessions in a phase and/or by a segment must also fit the pool's amount, e.g. "
            "most of the money kept for the peak, or a cap on what bargain hunters get."},
    {.path = "budget.pools[].phase", .type = KeyType::kText, .default_yaml = "\"\"",
     .doc = "Phase the pool covers; empty for every phase."},
    {.path = "budget.pools[].segment", .type = KeyType::kText, .default_yaml = "\"\"",
     .doc = "Segment the pool covers; empty for every segment."},
    {.path = "budget.pools[].amount", .type = KeyType::kReal, .min = 0, .max = 1e15,
     .doc = "Currency units per arm and replicate."},

    {.path = "behaviour", .type = KeyType::kMap, .default_yaml = "{}",
     .doc = "Parameters of the shopper behaviour model shared by all segments."},
    {.path = "behaviour.slate_size", .type = KeyType::kInteger, .default_yaml = "10", .min = 1, .max = 50,
     .doc = "Items shown per recommendation slate."},
    {.path = "behaviour.position_decay", .type = KeyType::kReal, .default_yaml = "0.85",
     .min = 0, .max = 1, .min_open = true,
     .doc = "Examination probability ratio between consecutive slate positions."},
    {.path = "behaviour.click_bias", .type = KeyType::kReal, .default_yaml = "-4.3", .min = -20, .max = 20,
     .doc = "Logit intercept of a click on an examined item."},
    {.path = "behaviour.cart_bias", .type = KeyType::kReal, .default_yaml = "-3", .min = -20, .max = 20,
     .doc = "Logit intercept of carting a clicked item."},
    {.path = "behaviour.discount_click_weight", .type = KeyType::kReal, .default_yaml = "2.0",
     .min = 0, .max = 20,
     .doc = "Logit gain of a click per unit of discount depth times promotion sensitivity."},
    {.path = "behaviour.intent_sd", .type = KeyType::kReal, .default_yaml = "1.0", .min = 0, .max = 10,
     .doc = "Standard deviation of a session's purchase intent around its segment's (logit scale)."},
    {.path = "behaviour.anticipation_days", .type = KeyType::kReal, .default_yaml = "3", .min = 0, .max = 60,
     .doc = "How many days before a peak phase shoppers start holding purchases back for it."},
    {.path = "behaviour.waiting_strength", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 10,
     .doc = "Strategic waiting: purchase intent (logit) held back before a peak, rising linearly over "
            "`anticipation_days`, and added back during the peak (x the segment's `patience`). 0 turns it off."},
    {.path = "behaviour.satiation", .type = KeyType::kReal, .default_yaml = "1", .min = 0, .max = 10,
     .doc = "Purchase intent (logit) lost right after a purchase, fading with `satiation_half_life_days`: the "
            "post-peak hangover of shoppers who stocked up. 0 turns it off."},
    {.path = "behaviour.satiation_half_life_days", .type = KeyType::kReal, .default_yaml = "3", .min = 0,
     .max = 365, .min_open = true, .doc = "Days after a purchase at which half the satiation is left."},
    {.path = "behaviour.cart_ahead_conversion", .type = KeyType::kReal, .default_yaml = "0.3", .min = 0, .max = 1,
     .doc = "Chance that an item carted and not bought in a `pre_heat` phase is bought on the shopper's first visit "
            "in the next peak phase, at list price (up to two items are remembered). 0 turns it off."},
    {.path = "behaviour.reference_half_life_days", .type = KeyType::kReal, .default_yaml = "14", .min = 0,
     .max = 365,
     .doc = "Reference-price memory: shoppers judge a discount against the price they remember for the item, which "
            "moves toward the prices shown with this half-life, so a discount that never ends stops looking like "
            "one. 0 turns it off (the list price is always the reference)."},
    {.path = "behaviour.padding_reach", .type = KeyType::kReal, .default_yaml = "0.2", .min = 0, .max = 1,
     .doc = "Basket padding: a shopper whose purchases fall short of a coupon tier by at most this share of its "
            "threshold may add an item to reach it. 0 turns it off."},
    {.path = "behaviour.padding_probability", .type = KeyType::kReal, .default_yaml = "0.5", .min = 0, .max = 1,
     .doc = "Chance that a shopper within `padding_reach` of a tier pads the basket (with the cheapest shown item "
            "that reaches it)."},
    {.path = "behaviour.coupon_fatigue", .type = KeyType::kReal, .default_yaml = "0.15", .min = 0, .max = 10,
     .doc = "Coupon fatigue: a coupon's pull is multiplied by exp(-coupon_fatigue x coupons the shopper was offered "
            "recently, fading with `fatigue_half_life_days`). 0 turns it off."},
    {.path = "behaviour.fatigue_half_life_days", .type = KeyType::kReal, .default_yaml = "7", .min = 0, .max = 365,
     .min_open = true, .doc = "Days after which a coupon counts half towards fatigue."},
    {.path = "behaviour.churn_per_visit", .type = KeyType::kReal, .default_yaml = "0.01", .min = 0, .max = 1,
     .doc = "Chance that a visit without a purchase is the shopper's last in the timeline. 0 turns churn off."},
    {.path = "behaviour.purchase_return_boost", .type = KeyType::kReal, .default_yaml = "1.5", .min = 0, .max = 100,
     .min_open = true, .doc = "Visit-rate multiplier for the wait after a visit with a purchase (return visits of "
                              "satisfied shoppers); 1 turns it off."},

    {.path = "arms", .type = KeyType::kList, .default_yaml = "[]",
     .doc = "The strategies compared: each arm combines a recommender, an intent model and a pricing policy. A "
            "scenario needs at least one arm, written here or generated by `sweep`; at most 256 in all."},
    {.path = "arms[].name", .type = KeyType::kName, .doc = "Arm name, unique; labels results and comparisons."},
    {.path = "arms[].recommender", .type = KeyType::kPluginChoice, .doc = "Recommender plugin that fills the slate."},
    {.path = "arms[].intent_model", .type = KeyType::kPluginChoice, .default_yaml = "none",
     .doc = "Purchase-intent model plugin whose scores pricing policies may read."},
    {.path = "arms[].pricing_policy", .type = KeyType::kPluginChoice, .default_yaml = "list_price",
     .doc = "Pricing policy plugin that sets the price of each slate item."},
    {.path = "arms[].<slot>.name", .type = KeyType::kName,
     .doc = "Plugin name, as listed by `promosim plugins`."},
    {.path = "arms[].<slot>.params", .type = KeyType::kParams, .default_yaml = "{}",
     .doc = "The plugin's parameters; those not given take their defaults. `promosim plugins NAME` lists them with "
            "types, defaults and ranges."},
    // Declared after the slots, whose map form is declared under arms[].<slot>: the arms[] table
    // keeps the keys a scenario writer sets first.
    {.path = "arms[].sweep", .type = KeyType::kText, .default_yaml = "\"\"",
     .doc = "Name of the sweep that generated the arm, written by promosim into the resolved configuration of a "
            "run; `\"\"` for an arm written by hand. A label only: leave it out when writing arms."},

    {.path = "sweep", .type = KeyType::kList, .default_yaml = "[]",
     .doc = "Parameter sweeps: each entry generates arms from a grid of values or a list of cases; they follow "
            "the arms written under `arms`, in this order."},
    {.path = "sweep[].name", .type = KeyType::kName,
     .doc = "Sweep name, unique: begins the names of the arms it generates and labels them (`arms[].sweep`)."},
    {.path = "sweep[].recommender", .type = KeyType::kPluginChoice,
     .doc = "Recommender of every generated arm, as in an arm; required unless the grid or every case chooses it."},
    {.path = "sweep[].intent_model", .type = KeyType::kPluginChoice, .default_yaml = "none",
     .doc = "Intent model of every generated arm, as in an arm."},
    {.path = "sweep[].pricing_policy", .type = KeyType::kPluginChoice, .default_yaml = "list_price",
     .doc = "Pricing policy of every generated arm, as in an arm."},
    {.path = "sweep[].grid", .type = KeyType::kSweepGrid, .default_yaml = "{}",
     .doc = "Arm paths, each with a list of values: one arm for every combination, the paths varying in the "
            "order given, the last fastest. Give `grid` or `cases`, not both."},
    {.path = "sweep[].cases", .type = KeyType::kSweepCases, .default_yaml = "[]",
     .doc = "A list of cases, each a map of arm paths to single values: one arm per case, in order. Give `grid` "
            "or `cases`, not both."},

    {.path = "output", .type = KeyType::kMap, .default_yaml = "{}", .doc = "Where and how results are stored."},
    {.path = "output.path", .type = KeyType::kText, .default_yaml = "results/<name>.db",
     .doc = "Results database (SQLite), relative to the working directory; `<name>` stands for the scenario name."},
    {.path = "output.metrics_by", .type = KeyType::kChoice, .default_yaml = "tick", .choices = "tick|day",
     .doc = "Granularity of stored metric rows."},
    {.path = "output.event_sample", .type = KeyType::kReal, .default_yaml = "0", .min = 0, .max = 1,
     .doc = "Fraction of shoppers whose individual events are stored."},
    {.path = "output.oracle_sample", .type = KeyType::kReal, .default_yaml = "0.05", .min = 0, .max = 1,
     .doc = "Fraction of shoppers (the same in every arm) whose sessions are scored against an oracle pricing "
            "policy that knows each shopper's true response: the expected margin of the prices shown against the "
            "best discount per slot (0 to 50%). Costs about 2 microseconds per scored session; 0 turns it off."},
};

}  // namespace

std::span<const KeySpec> scenario_keys() { return kKeys; }

const KeySpec& scenario_key(std::string_view path) {
  for (const KeySpec& spec : kKeys) {
    if (path == spec.path) return spec;
  }
  throw std::logic_error("scenario key '" + std::string(path) + "' is not declared in the schema");
}

std::vector<std::string> scenario_child_keys(std::string_view parent) {
  std::vector<std::string> keys;
  for (const KeySpec& spec : kKeys) {
    if (parent_path(spec.path) == parent) keys.emplace_back(leaf_key(spec.path));
  }
  return keys;
}

std::string_view parent_path(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : path.substr(0, dot);
}

std::string_view leaf_key(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

std::string key_expectation(const KeySpec& spec) {
  switch (spec.type) {
    case KeyType::kText: return "text";
    case KeyType::kName: return "a name of letters, digits, '_' and '-'";
    case KeyType::kDate: return "a date YYYY-MM-DD";
    case KeyType::kInteger: return number_expectation(ParamType::kInteger, spec.range());
    case KeyType::kReal: return number_expectation(ParamType::kReal, spec.range());
    case KeyType::kChoice: return "one of: " + join(split_choices(spec.choices));
    case KeyType::kBudget: return number_expectation(ParamType::kReal, spec.range()) + " or unlimited";
    case KeyType::kDistribution: return std::string("a distribution such as ") + spec.default_yaml;
    case KeyType::kTextList: return "a list of text, e.g. [a, b]";
    case KeyType::kRealList: return "a list of numbers, each " + number_expectation(ParamType::kReal, spec.range());
    case KeyType::kMap: return "a map of keys";
    case KeyType::kList: return "a list of maps";
    case KeyType::kPluginChoice: return "a plugin name or {name: NAME, params: {...}}";
    case KeyType::kParams: return "a map of parameters";
    case KeyType::kSweepGrid: return "a map of arm paths to lists of values, e.g. {pricing_policy.params.discount: [0.1, 0.2]}";
    case KeyType::kSweepCases:
      return "a list of maps of arm paths to values, e.g. [{recommender: popularity}, {recommender: random}]";
  }
  return "?";
}

}  // namespace promosim
