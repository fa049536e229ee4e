// SIGINT during a run: the run stops at a tick boundary, exits 130, and the database is
// consistent with the run marked interrupted.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "../support/cli_runner.hpp"

using promosim::test::fresh_folder;
using promosim::test::read_file;
using promosim::test::source_path;

TEST_CASE("an interrupted run is stored as interrupted", "[cli][interrupt]") {
  const auto dir = fresh_folder("interrupt");
  const std::string db = (dir / "r.db").string();
  const std::string scenario = source_path("fixtures/scenarios/tiny.yaml");
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int out = open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    // Enough replicates that the run is far from done when the first progress line appears.
    execl(PROMOSIM_BIN, PROMOSIM_BIN, "run", scenario.c_str(), "--out", db.c_str(), "--threads", "1", "--set",
          "replicates=400", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for the run to be under way (its first progress line), bounded to a minute.
  for (int i = 0; i < 600 && read_file(dir / "err").find("progress:") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(read_file(dir / "err").find("progress:") != std::string::npos);
  kill(child, SIGINT);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(read_file(dir / "out").find("interrupted") != std::string::npos);

  SQLite::Database database(db, SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(database.execAndGet("SELECT status FROM run WHERE id = 1").getString() == "interrupted");
  // Whatever was stored is whole (arm, replicate) units: every stored pair has all its shards.
  CHECK(database.execAndGet("SELECT COUNT(*) FROM (SELECT arm_index, replicate, COUNT(*) AS n FROM shard_total "
                            "WHERE run = 1 GROUP BY arm_index, replicate) WHERE n != 16").getInt() == 0);
  const auto compare = promosim::test::run_cli({"compare", db});
  // Either the partial comparison, labelled, or "no results yet" naming the status.
  CHECK((compare.out + compare.err).find("interrupted") != std::string::npos);
}
