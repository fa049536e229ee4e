#pragma once
// Where a run's wall time goes, by stage, so a slow run says what is slow: building the
// worlds, fitting the plugins on the history, the plugins' decisions, the shoppers'
// responses, and the serial tick barrier (offers, budget, rank exchange, merge, observe).
#include <chrono>

namespace promosim {

struct StageTimes {
  double world = 0.0, fit = 0.0, decide = 0.0, respond = 0.0, barrier = 0.0;  // seconds

  /// The session loop: everything after the fit.
  double loop() const { return decide + respond + barrier; }
  void add(const StageTimes& other) {
    world += other.world;
    fit += other.fit;
    decide += other.decide;
    respond += other.respond;
    barrier += other.barrier;
  }
};

/// Charges the time since the previous lap (or construction) to one stage.
class StageClock {
 public:
  void lap(double& stage) {
    const auto now = std::chrono::steady_clock::now();
    stage += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace promosim
