#include <iostream>

#include "commands.hpp"
#include "ingest_policy.hpp"
#include "log_adapter.hpp"

namespace promosim::cli {

int ingest_command(const IngestArgs& args) {
  // The key comes from the environment only: a key on the command line would land in shell history.
  IngestPolicy policy{parse_on_bad_row(args.on_bad_row), ShopperPseudonym::resolve(""), args.limit};
  std::unique_ptr<LogAdapter> adapter = make_log_adapter(args.format, args.mapping);
  IngestSummary summary;
  adapter->read(args.log, policy, [](const LoggedEvent&) {}, summary);
  std::cout << summary.to_text();
  return kExitOk;
}

}  // namespace promosim::cli
