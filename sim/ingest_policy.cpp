#include "ingest_policy.hpp"

#include "user_error.hpp"

namespace promosim {

OnBadRow parse_on_bad_row(const std::string& text) {
  if (text == "skip") return OnBadRow::kSkip;
  if (text == "fail") return OnBadRow::kFail;
  throw UserError("--on-bad-row '" + text + "' is not skip or fail; pass one of them");
}

}  // namespace promosim
