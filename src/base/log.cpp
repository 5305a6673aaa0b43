#include "base/log.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>

namespace hoptac::log {
namespace {

// Lines are buffered and written by a background thread (every 50 ms or when
// 64 KiB accumulate), so the access log costs no system call per request.
// Warnings and errors are written at once; the buffer is flushed at exit.
class Sink {
 public:
  Sink() : thread_([this] { Loop(); }) {}
  ~Sink() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
    FlushLocked();
  }
  void Append(const std::string& line, bool urgent) {
    std::unique_lock lock(mutex_);
    buffer_ += line;
    if (urgent || buffer_.size() >= kFlushBytes) FlushLocked();
  }
  void Flush() {
    std::lock_guard lock(mutex_);
    FlushLocked();
  }

 private:
  static constexpr size_t kFlushBytes = 64 << 10;
  void FlushLocked() {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stderr);
    std::fflush(stderr);
    buffer_.clear();
  }
  void Loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      wake_.wait_for(lock, std::chrono::milliseconds(50));
      FlushLocked();
    }
  }
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string buffer_;
  bool stop_ = false;
  std::thread thread_;
};

Sink& GetSink() {
  static Sink sink;
  return sink;
}
Level g_min_level = [] {
  const char* env = std::getenv("HOPTAC_LOG_LEVEL");
  if (!env) return Level::kInfo;
  if (std::strcmp(env, "debug") == 0) return Level::kDebug;
  if (std::strcmp(env, "warn") == 0) return Level::kWarn;
  if (std::strcmp(env, "error") == 0) return Level::kError;
  return Level::kInfo;
}();
bool g_quiet = false;

const char* LevelName(Level l) {
  switch (l) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

void SetMinLevel(Level level) { g_min_level = level; }
void SetQuiet(bool quiet) { g_quiet = quiet; }

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (g_quiet || level < g_min_level) return;
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char ts[64];
  std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  std::string line;
  line.reserve(256);
  line += "{\"ts\":\"";
  line += ts;
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"msg\":";
  AppendJsonString(line, msg);
  for (const auto& [key, value] : fields) {
    line.push_back(',');
    AppendJsonString(line, key);
    line.push_back(':');
    if (auto* s = std::get_if<std::string_view>(&value)) {
      AppendJsonString(line, *s);
    } else if (auto* i = std::get_if<long long>(&value)) {
      line += std::to_string(*i);
    } else if (auto* d = std::get_if<double>(&value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", *d);
      line += buf;
    } else if (auto* b = std::get_if<bool>(&value)) {
      line += *b ? "true" : "false";
    }
  }
  line += "}\n";
  GetSink().Append(line, level >= Level::kWarn);
}

void Flush() { GetSink().Flush(); }

}  // namespace hoptac::log
