// What offline evaluation builds from a log (tests/fixtures/logs/rees46_priced.csv): shoppers'
// interactions in time order (ties in file order), the catalog priced from the log, and the
// leave-last-out split.
#include <catch2/catch.hpp>
#include <cmath>

#include "leave_last_out.hpp"
#include "log_catalog.hpp"
#include "logged_interactions.hpp"

using namespace promosim;

namespace {
LoggedInteractions read_fixture() {
  auto adapter = make_log_adapter("rees46", "");
  IngestSummary summary;
  const IngestPolicy policy{OnBadRow::kFail, ShopperPseudonym::from_secret("unit-test secret key"), 0};
  return LoggedInteractions::read(*adapter, std::string(PROMOSIM_TEST_SOURCE_DIR) + "/fixtures/logs/rees46_priced.csv",
                                  policy, summary);
}
}  // namespace

TEST_CASE("Logged interactions are grouped by shopper in time order, ties in file order") {
  const LoggedInteractions log = read_fixture();
  REQUIRE(log.shopper_count() == 2);
  REQUIRE(log.item_count() == 3);  // A, B, C in order of first appearance
  const auto first = log.of(0);
  REQUIRE(first.size() == 3);
  CHECK(first[0].item == 1);  // B at 00:00:00
  CHECK(first[1].item == 0);  // A at 00:00:10, before C at the same second (file order)
  CHECK(first[2].item == 2);
  CHECK(first[2].kind == EventKind::kCart);
  CHECK(log.item_price()[0] == 15.0);  // mean of 10 and 20
  CHECK(log.item_price()[1] == 40.0);
  CHECK(std::isnan(log.item_price()[2]));  // logged at price 0: unpriced
}

TEST_CASE("The log's catalog prices unpriced items at the median and costs at 70%") {
  const LoggedInteractions log = read_fixture();
  const LogCatalog catalog(log);
  const CatalogView& view = catalog.view();
  REQUIRE(view.item_count == 3);
  CHECK(view.list_price[0] == 15.0f);
  CHECK(view.list_price[2] == 40.0f);  // the upper median of {15, 40}
  CHECK(view.unit_cost[1] == Approx(28.0));
  CHECK(view.category_count == 1);
  CHECK(view.launch_tick[2] == 0);
}

TEST_CASE("Leave-last-out holds out each shopper's last item and trains on the rest") {
  const LoggedInteractions log = read_fixture();
  const LogCatalog catalog(log);
  const LeaveLastOut split = split_leave_last_out(log, catalog.view());
  REQUIRE(split.cases.size() == 2);
  CHECK(split.cases[0].shopper == 0);
  CHECK(split.cases[0].target == 2);
  CHECK(split.cases[1].target == 1);
  REQUIRE(split.training.size() == 3);
  CHECK(split.training[0].item == 1);
  CHECK(split.training[0].type == EventType::kClick);
  CHECK(split.training[0].tick == 0);
  CHECK(split.training[2].shopper == 1);
  CHECK(split.training[2].price_paid == 15.0f);
  CHECK(split.single_interaction == 0);
  CHECK(split.repeated_target == 0);
}
