#pragma once
// Shows how far a run is: on a terminal a bar redrawn in place (ticks done, sessions/s,
// ETA); otherwise plain lines every tenth of the work, so logs stay readable.
#include <chrono>
#include <cstdint>
#include <ostream>

namespace promosim {

class ProgressReporter {
 public:
  /// total_ticks: ticks over all arms and replicates. interactive: redraw a bar in place.
  ProgressReporter(std::ostream& out, std::uint64_t total_ticks, bool interactive);

  /// One tick finished with `sessions` sessions.
  void tick(std::uint64_t sessions);
  /// Closes the bar (newline) and freezes the clock.
  void finish();

  std::uint64_t sessions() const { return sessions_; }
  double seconds() const;
  double sessions_per_second() const;

 private:
  void draw();
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  std::uint64_t total_ticks_, ticks_ = 0, sessions_ = 0;
  bool interactive_;
  Clock::time_point start_, last_draw_, end_;
  bool finished_ = false;
  std::uint64_t next_line_tick_ = 0;
  std::uint64_t drawn_tick_ = 0;  // ticks_ when the last line or bar was drawn
};

}  // namespace promosim
