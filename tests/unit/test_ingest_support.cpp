// The pieces every log adapter stands on: the streaming line reader, the CSV splitter, UTC
// timestamps and the keyed shopper pseudonym.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "csv_fields.hpp"
#include "log_line_reader.hpp"
#include "log_time.hpp"
#include "shopper_pseudonym.hpp"
#include "user_error.hpp"

using namespace promosim;
using Catch::Matchers::Contains;

namespace {
std::string write_temp(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / ("promosim-ingest-" + std::to_string(::getpid()) + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}
}  // namespace

TEST_CASE("LogLineReader strips LF and CRLF, numbers lines and flags an unterminated last line") {
  const std::string path = write_temp("lines.txt", "a,b\r\nc\n\nlast");
  LogLineReader reader(path);
  std::string_view line;
  REQUIRE(reader.next(line));
  CHECK(line == "a,b");
  CHECK_FALSE(reader.unterminated());
  REQUIRE(reader.next(line));
  CHECK(line == "c");
  REQUIRE(reader.next(line));
  CHECK(line.empty());
  REQUIRE(reader.next(line));
  CHECK(line == "last");
  CHECK(reader.line_number() == 4);
  CHECK(reader.unterminated());
  CHECK_FALSE(reader.next(line));
  std::filesystem::remove(path);
}

TEST_CASE("LogLineReader keeps memory bounded on a line longer than its cap") {
  std::string bytes(LogLineReader::kMaxLineBytes + 1000, 'x');
  bytes += "\nnext\n";
  const std::string path = write_temp("long.txt", bytes);
  LogLineReader reader(path);
  std::string_view line;
  REQUIRE(reader.next(line));
  CHECK(reader.overlong());
  CHECK(line.size() == LogLineReader::kMaxLineBytes);
  REQUIRE(reader.next(line));
  CHECK(line == "next");
  CHECK_FALSE(reader.overlong());
  std::filesystem::remove(path);
}

TEST_CASE("LogLineReader reports a missing file as a user error with the path") {
  CHECK_THROWS_WITH(LogLineReader("/no/such/log.csv"), Contains("/no/such/log.csv") && Contains("check the path"));
}

TEST_CASE("CsvFields splits quoted fields with delimiters and doubled quotes") {
  CsvFields fields(',');
  REQUIRE(fields.split(R"(1,"acme, inc","say ""hi""",,end)"));
  REQUIRE(fields.size() == 5);
  CHECK(fields[1] == "acme, inc");
  CHECK(fields[2] == "say \"hi\"");
  CHECK(fields[3].empty());
  CHECK(fields[4] == "end");
  REQUIRE(fields.split("a,"));
  CHECK(fields.size() == 2);
  CHECK_FALSE(fields.split(R"(1,"open)"));
  CsvFields tabs('\t');
  REQUIRE(tabs.split("1\t2,3"));
  CHECK(tabs.size() == 2);
}

TEST_CASE("parse_utc_datetime reads the logs' timestamp forms and rejects others") {
  CHECK(parse_utc_datetime("1970-01-01") == 0);
  CHECK(parse_utc_datetime("2019-10-01 00:00:00 UTC") == 1569888000);
  CHECK(parse_utc_datetime("2019-11-24 00:03:13.442536+00:00") == 1574553793);
  CHECK(parse_utc_datetime("2019-11-24T00:03:13Z") == 1574553793);
  CHECK(parse_utc_datetime("2000-02-29 12:00:00") == 951825600);
  CHECK_FALSE(parse_utc_datetime("2019-13-01 00:00:00 UTC"));
  CHECK_FALSE(parse_utc_datetime("2019-10-01 00:00:00+02:00"));
  CHECK_FALSE(parse_utc_datetime("2016/05/11"));
  CHECK_FALSE(parse_utc_datetime(""));
}

TEST_CASE("SipHash-2-4 matches the reference vector of Aumasson and Bernstein") {
  // Key 00..0f, message 00..0e (15 bytes): appendix A of the SipHash paper.
  unsigned char message[15];
  for (int i = 0; i < 15; ++i) message[i] = static_cast<unsigned char>(i);
  const std::uint64_t k0 = 0x0706050403020100ULL;
  const std::uint64_t k1 = 0x0f0e0d0c0b0a0908ULL;
  CHECK(ShopperPseudonym::siphash24(k0, k1, message, 15) == 0xa129ca6149be45e5ULL);
  // The empty message: first entry of the reference implementation's vectors.h.
  CHECK(ShopperPseudonym::siphash24(k0, k1, message, 0) == 0x726fdb47dd0e0e31ULL);
}

TEST_CASE("Shopper pseudonyms are stable under one key, change with the key and do not reveal the id") {
  const ShopperPseudonym a = ShopperPseudonym::from_secret("a secret of enough length");
  const ShopperPseudonym b = ShopperPseudonym::from_secret("another secret, also long");
  CHECK(a("541312140") == a("541312140"));
  CHECK(a("541312140") != a("541312141"));
  CHECK(a("541312140") != b("541312140"));
  // The pseudonym is not the id itself nor an unkeyed function of it.
  const std::uint64_t p = a("541312140");
  CHECK(p != 541312140ULL);
  CHECK(p != ShopperPseudonym::siphash24(0, 0, "541312140", 9));
  CHECK(a.derived(1)("x") != a("x"));
}

TEST_CASE("The pseudonym key must be long enough and comes from the caller or the environment") {
  CHECK_THROWS_AS(ShopperPseudonym::from_secret("short"), UserError);
  CHECK_THROWS_WITH(ShopperPseudonym::from_secret("short"), Contains("at least 16"));
  ::unsetenv(ShopperPseudonym::kKeyVariable);
  CHECK_THROWS_WITH(ShopperPseudonym::resolve(""), Contains("PROMOSIM_PSEUDONYM_KEY"));
  ::setenv(ShopperPseudonym::kKeyVariable, "environment secret 0123", 1);
  CHECK(ShopperPseudonym::resolve("")("u") == ShopperPseudonym::from_secret("environment secret 0123")("u"));
  CHECK(ShopperPseudonym::resolve("caller secret 0123456")("u") ==
        ShopperPseudonym::from_secret("caller secret 0123456")("u"));
  ::unsetenv(ShopperPseudonym::kKeyVariable);
}
