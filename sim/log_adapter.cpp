#include "log_adapter.hpp"

#include "diginetica_adapter.hpp"
#include "generic_csv_adapter.hpp"
#include "hillstrom_adapter.hpp"
#include "movielens_recbole_adapter.hpp"
#include "open_bandit_adapter.hpp"
#include "rees46_adapter.hpp"
#include "user_error.hpp"

namespace promosim {

std::string log_format_names() { return "generic, rees46, diginetica, obd, hillstrom, movielens"; }

std::unique_ptr<LogAdapter> make_log_adapter(const std::string& format, const std::string& mapping) {
  if (format == "generic") return std::make_unique<GenericCsvAdapter>(mapping);
  if (!mapping.empty()) throw UserError("--mapping is only for --format generic; drop it or use --format generic");
  if (format == "rees46") return std::make_unique<Rees46Adapter>();
  if (format == "diginetica") return std::make_unique<DigineticaAdapter>();
  if (format == "obd") return std::make_unique<OpenBanditAdapter>();
  if (format == "hillstrom") return std::make_unique<HillstromAdapter>();
  if (format == "movielens") return std::make_unique<MovielensRecboleAdapter>();
  throw UserError("unknown log format '" + format + "'; use one of " + log_format_names());
}

}  // namespace promosim
