#include "text/json_text.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

namespace hoptac::text {
namespace {

template <typename Integer>
void AppendInteger(std::string& out, Integer number) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  out.append(buffer, end);
}

// Quoted, with the escapes boost::json::serialize writes; UTF-8 passes through.
void AppendString(std::string& out, boost::json::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

void Append(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: AppendInteger(out, value.get_int64()); break;
    case boost::json::kind::uint64: AppendInteger(out, value.get_uint64()); break;
    case boost::json::kind::double_: AppendJsonNumber(out, value.get_double()); break;
    case boost::json::kind::string: AppendString(out, value.get_string()); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        Append(out, item);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        AppendString(out, member.key());
        out += ':';
        Append(out, member.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

void AppendJsonNumber(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  // Whole numbers that a double holds exactly print as integers.
  if (number == std::trunc(number) && std::fabs(number) < 9007199254740992.0) {
    AppendInteger(out, static_cast<long long>(number));
    return;
  }
  char buffer[400];  // the longest fixed-notation double (about 1e308) fits
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
  if (ec != std::errc()) {
    out += "null";
    return;
  }
  out.append(buffer, end);
}

std::string JsonText(const boost::json::value& value) {
  std::string out;
  out.reserve(4096);
  Append(out, value);
  return out;
}

}  // namespace hoptac::text
