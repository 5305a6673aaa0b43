// Structured logging: one JSON object per line on stderr.
//
// Every line carries "ts" (UTC, RFC 3339 with milliseconds), "level" and "msg",
// plus the caller's fields. The HTTP access log uses the same writer.
//
// Info lines are buffered for up to 50 ms and written by a background thread;
// warnings and errors are written at once; everything is flushed at exit.
//
// Thread-safety: all functions may be called from any thread; lines never interleave.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace hoptac::log {

enum class Level { kDebug, kInfo, kWarn, kError };

using FieldValue = std::variant<std::string_view, long long, double, bool>;
using Field = std::pair<std::string_view, FieldValue>;

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});
inline void Info(std::string_view msg, std::initializer_list<Field> fields = {}) { Write(Level::kInfo, msg, fields); }
inline void Warn(std::string_view msg, std::initializer_list<Field> fields = {}) { Write(Level::kWarn, msg, fields); }
inline void Error(std::string_view msg, std::initializer_list<Field> fields = {}) { Write(Level::kError, msg, fields); }

// Lines below this level are dropped (default kInfo; HOPTAC_LOG_LEVEL=debug|info|warn|error).
void SetMinLevel(Level level);
// Writes buffered lines now (info lines are buffered up to 50 ms).
void Flush();
// Silences all output (tests).
void SetQuiet(bool quiet);

// Appends `s` to `out` as a JSON string literal (with quotes), escaping as needed.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace hoptac::log
