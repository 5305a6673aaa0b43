#include "text/i18n.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace hoptac::i18n {

// Defined in messages_vi.cpp / messages_en.cpp.
extern const std::pair<std::string_view, std::string_view> kMessagesVi[];
extern const size_t kMessagesViCount;
extern const std::pair<std::string_view, std::string_view> kMessagesEn[];
extern const size_t kMessagesEnCount;

namespace {

using Catalogue = std::unordered_map<std::string_view, std::string_view>;

const Catalogue& CatalogueFor(Lang lang) {
  static const Catalogue vi(kMessagesVi, kMessagesVi + kMessagesViCount);
  static const Catalogue en(kMessagesEn, kMessagesEn + kMessagesEnCount);
  return lang == Lang::kEn ? en : vi;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<Lang> Supported(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (primary == "vi") return Lang::kVi;
  if (primary == "en") return Lang::kEn;
  return std::nullopt;
}

}  // namespace

const char* LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "vi"; }

Lang FromCode(std::string_view code, Lang fallback) {
  auto lang = Supported(Trim(code));
  return lang ? *lang : fallback;
}

Lang FromAcceptLanguage(std::string_view header) {
  // Pick the supported language with the highest q; ties keep header order.
  std::optional<Lang> best;
  double best_q = -1;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    double q = 1.0;
    size_t semi = item.find(';');
    std::string_view tag = Trim(item.substr(0, semi));
    if (semi != std::string_view::npos) {
      std::string_view params = Trim(item.substr(semi + 1));
      if (params.starts_with("q=")) q = std::strtod(std::string(params.substr(2)).c_str(), nullptr);
    }
    if (q <= 0) continue;
    if (auto lang = Supported(tag); lang && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best.value_or(Lang::kVi);
}

std::string Translate(Lang lang, std::string_view key, std::span<const std::string> args) {
  const Catalogue& catalogue = CatalogueFor(lang);
  auto it = catalogue.find(key);
  std::string_view tmpl = it == catalogue.end() ? key : it->second;
  std::string out;
  out.reserve(tmpl.size() + 16);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 2 < tmpl.size() && std::isdigit(static_cast<unsigned char>(tmpl[i + 1])) &&
        tmpl[i + 2] == '}') {
      size_t index = static_cast<size_t>(tmpl[i + 1] - '0');
      if (index < args.size()) out += args[index];
      i += 2;
      continue;
    }
    out.push_back(tmpl[i]);
  }
  return out;
}

bool HasKey(Lang lang, std::string_view key) { return CatalogueFor(lang).contains(key); }

std::vector<std::string_view> Keys(Lang lang) {
  std::vector<std::string_view> keys;
  const auto* table = lang == Lang::kEn ? kMessagesEn : kMessagesVi;
  size_t count = lang == Lang::kEn ? kMessagesEnCount : kMessagesViCount;
  for (size_t i = 0; i < count; ++i) keys.push_back(table[i].first);
  return keys;
}

}  // namespace hoptac::i18n
