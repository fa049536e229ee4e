// Scale-out (DESIGN §10): a run spread over MPI ranks stores exactly what one process stores.
// Built only with -DPROMOSIM_MPI=ON, which CI uses (scripts/test.sh).
#ifdef PROMOSIM_MPIEXEC
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <iomanip>
#include <sstream>

#include "../support/cli_runner.hpp"

using promosim::test::fresh_folder;
using promosim::test::run_cli;
using promosim::test::source_path;

namespace {

/// mpirun with `ranks` processes on this machine, whatever its core count and user.
std::vector<std::string> mpirun(int ranks) {
  std::vector<std::string> launcher{PROMOSIM_MPIEXEC, "-np", std::to_string(ranks), "--oversubscribe",
                                    // containers often forbid the cross-process copy shared memory uses
                                    "--mca", "btl_vader_single_copy_mechanism", "none"};
  if (::geteuid() == 0) launcher.push_back("--allow-run-as-root");
  return launcher;
}

/// Runs `scenario` (path under the repository) into a fresh database, under `launcher` if given.
std::string run_into_database(const std::string& scenario, const std::vector<std::string>& launcher,
                              const std::vector<std::string>& extra = {}) {
  const std::string db = (fresh_folder("mpi") / "results.db").string();
  std::vector<std::string> args{"run", source_path("../" + scenario), "--threads", "1", "--out", db, "--no-compare"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto result = run_cli(args, launcher);
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  return db;
}

/// Every row of every results table but `run` (which holds timings and the thread count), in
/// table order, doubles in hexadecimal (exact bits).
std::string results_dump(const std::string& db) {
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  SQLite::Statement tables(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                                     "('run', 'sqlite_sequence', 'schema_version') ORDER BY name");
  std::ostringstream out;
  while (tables.executeStep()) {
    const std::string table = tables.getColumn(0).getString();
    // Sorted on every column: some tables have no rowid, and row order is not a result.
    std::string columns;
    SQLite::Statement info(database, "SELECT count(*) FROM pragma_table_info('" + table + "')");
    info.executeStep();
    for (int c = 1; c <= info.getColumn(0).getInt(); ++c) columns += (c > 1 ? ", " : "") + std::to_string(c);
    SQLite::Statement rows(database, "SELECT * FROM " + table + " ORDER BY " + columns);
    out << table << '\n';
    while (rows.executeStep()) {
      for (int c = 0; c < rows.getColumnCount(); ++c) {
        const SQLite::Column column = rows.getColumn(c);
        if (column.isFloat()) {
          out << std::hexfloat << column.getDouble() << ' ';
        } else {
          out << column.getString() << ' ';
        }
      }
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("mpirun -np 2 on the quickstart scenario stores the single-process results exactly", "[golden][mpi]") {
  const std::string single = results_dump(run_into_database("scenarios/quickstart.yaml", {}));
  const std::string spread = results_dump(run_into_database("scenarios/quickstart.yaml", mpirun(2)));
  REQUIRE(single.size() > 10000);  // sanity: the dump has rows
  CHECK(single == spread);
}

TEST_CASE("every promotion mechanic and plugin gives identical results on 1, 2 and 3 ranks", "[golden][mpi]") {
  // tiny.yaml: stock, flash sales, pre-sales, coupon drops, budget pools and caps (tight ticks
  // run serially), price memory and every shipped plugin; 16 shards split unevenly over 3 ranks.
  const std::vector<std::string> sampled{"--set", "output.event_sample=0.2"};
  const std::string single = results_dump(run_into_database("tests/fixtures/scenarios/tiny.yaml", {}, sampled));
  REQUIRE(single.size() > 10000);
  CHECK(single == results_dump(run_into_database("tests/fixtures/scenarios/tiny.yaml", mpirun(2), sampled)));
  CHECK(single == results_dump(run_into_database("tests/fixtures/scenarios/tiny.yaml", mpirun(3), sampled)));
}
#endif
