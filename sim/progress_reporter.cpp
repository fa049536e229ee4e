#include "progress_reporter.hpp"

#include <cstdio>
#include <string>

namespace promosim {
namespace {

std::string format_duration(double seconds) {
  char buf[32];
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, s / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

ProgressReporter::ProgressReporter(std::ostream& out, std::uint64_t total_ticks, bool interactive)
    : out_(out), total_ticks_(total_ticks), interactive_(interactive), start_(Clock::now()), last_draw_(start_) {}

double ProgressReporter::seconds() const {
  return std::chrono::duration<double>((finished_ ? end_ : Clock::now()) - start_).count();
}

double ProgressReporter::sessions_per_second() const {
  const double s = seconds();
  return s > 0.0 ? static_cast<double>(sessions_) / s : 0.0;
}

void ProgressReporter::tick(std::uint64_t sessions) {
  ++ticks_;
  sessions_ += sessions;
  const Clock::time_point now = Clock::now();
  if (interactive_) {
    if (now - last_draw_ >= std::chrono::milliseconds(100) || ticks_ == total_ticks_) {
      last_draw_ = now;
      draw();
    }
  } else if (ticks_ >= next_line_tick_) {
    next_line_tick_ = ticks_ + (total_ticks_ + 9) / 10;
    draw();
  }
}

void ProgressReporter::draw() {
  drawn_tick_ = ticks_;
  const double fraction = total_ticks_ == 0 ? 1.0 : static_cast<double>(ticks_) / total_ticks_;
  const double elapsed = seconds();
  const double eta = fraction > 0.0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  char line[160];
  if (interactive_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::snprintf(line, sizeof line, "\r[%s] %3.0f%%  ticks %llu/%llu  %.0f sessions/s  ETA %s   ", bar.c_str(),
                  100.0 * fraction, static_cast<unsigned long long>(ticks_),
                  static_cast<unsigned long long>(total_ticks_), sessions_per_second(), format_duration(eta).c_str());
    out_ << line << std::flush;
  } else {
    std::snprintf(line, sizeof line, "progress: %3.0f%%  ticks %llu/%llu  %.0f sessions/s  elapsed %s  ETA %s\n",
                  100.0 * fraction, static_cast<unsigned long long>(ticks_),
                  static_cast<unsigned long long>(total_ticks_), sessions_per_second(),
                  format_duration(elapsed).c_str(), format_duration(eta).c_str());
    out_ << line << std::flush;
  }
}

void ProgressReporter::finish() {
  if (finished_) return;
  end_ = Clock::now();
  finished_ = true;
  if (interactive_) {
    out_ << "\n";
  } else if (drawn_tick_ != ticks_) {
    draw();  // the last line shows where the run ended, 100% or not
  }
}

}  // namespace promosim
