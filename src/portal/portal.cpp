#include "portal/portal.h"

#include <charconv>

#include "portal/render.h"

namespace hoptac::portal {

// --- pages.h ---

PageParams ReadParams(PageKind kind, const std::vector<std::pair<std::string, std::string>>& query) {
  PageParams p;
  auto first = [&](std::string_view name) -> const std::string* {
    for (const auto& [n, v] : query)
      if (n == name) return &v;
    return nullptr;
  };
  auto integer = [](const std::string* text, int low, int high) -> int {
    if (!text) return 0;
    int value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < low || value > high) return 0;
    return value;
  };
  auto slug = [](const std::string* text) -> std::string {
    if (!text || text->size() > 100) return {};
    for (char c : *text)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return {};
    return *text;
  };
  auto code = [](const std::string* text) -> std::string {
    if (!text || text->empty() || text->size() > 5) return {};
    for (char c : *text)
      if (c < '0' || c > '9') return {};
    return *text;
  };
  auto words = [](const std::string* text) -> std::string {
    if (!text) return {};
    // Spaces at the ends and runs of spaces do not make another page.
    std::string out;
    for (char c : *text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > 100) out.clear();  // nobody types that much: not a query
    return out;
  };
  if (const std::string* lang = first("lang")) {
    if (*lang == "en") p.lang = i18n::Lang::kEn;
    if (*lang == "vi") p.lang = i18n::Lang::kVi;
  }
  switch (kind) {
    case PageKind::kNewsList:
      p.page = std::max(1, integer(first("trang"), 1, 10000));
      p.category = slug(first("chuyen-muc"));
      p.keyword = words(first("tu-khoa"));
      p.province = code(first("tinh"));
      break;
    case PageKind::kProducts:
      p.page = std::max(1, integer(first("trang"), 1, 10000));
      p.category = slug(first("loai"));
      p.province = code(first("tinh"));
      p.q = words(first("q"));
      p.stars = integer(first("sao"), 1, 5);
      break;
    default: break;
  }
  return p;
}

std::string Key(PageKind kind, std::string_view param, const PageParams& p) {
  std::string key = std::to_string(static_cast<int>(kind));
  key += '|';
  key += param;
  key += '|';
  key += p.lang ? i18n::LangCode(*p.lang) : "";
  key += '|' + std::to_string(p.page) + '|' + p.category + '|' + p.province + '|' + std::to_string(p.stars) + '|';
  key += p.keyword;
  key += '|';
  key += p.q;
  return key;
}

Result<Rendered> Render(Content& content, const PortalOptions& options, PageKind kind, std::string_view param,
                        const PageParams& params) {
  using namespace internal;
  i18n::Lang lang = params.lang.value_or(i18n::Lang::kVi);
  Writer w(&content, options, lang);
  switch (kind) {
    case PageKind::kHome: return HomePage(w);
    case PageKind::kNewsList: return NewsListPage(w, params);
    case PageKind::kArticle: return ArticlePage(content, options, param, params);
    case PageKind::kProducts: return ProductsPage(w, params);
    case PageKind::kProduct: return ProductPage(w, param);
    case PageKind::kEntity: return EntityPage(w, param);
    case PageKind::kProvince: return ProvincePage(w, param);
    case PageKind::kStats: return StatsPage(w, param);
    case PageKind::kOpenData: return OpenDataPage(w);
    case PageKind::kRss: return RssFeed(content, options, lang, param);
    case PageKind::kSitemapIndex: return SitemapIndex(content, options);
    case PageKind::kSitemap: return SitemapFile(content, options, param);
    case PageKind::kRobots: return Robots(options);
    case PageKind::kCss: {
      Rendered r;
      r.content_type = "text/css; charset=utf-8";
      r.body = std::string(StyleSheet());
      r.cache_control = "public, max-age=3600";
      return r;
    }
    case PageKind::kNotFound: return NotFound(options, lang);
  }
  return NotFound(options, lang);
}

Rendered RenderNotFound(const PortalOptions& options, i18n::Lang lang) { return internal::NotFound(options, lang); }
Rendered RenderUnavailable(const PortalOptions& options, i18n::Lang lang) {
  return internal::Unavailable(options, lang);
}

std::optional<OpenDataFile> FindOpenDataFile(std::string_view name) {
  struct File {
    const char* name;
    OpenDataSet set;
    DataFormat format;
    const char* download;
  };
  static constexpr File kFiles[] = {
      {"htx.csv", OpenDataSet::kEntities, DataFormat::kCsv, "hoptac-htx.csv"},
      {"htx.xlsx", OpenDataSet::kEntities, DataFormat::kXlsx, "hoptac-htx.xlsx"},
      {"thong-ke.csv", OpenDataSet::kStatistics, DataFormat::kCsv, "hoptac-thong-ke.csv"},
      {"thong-ke.xlsx", OpenDataSet::kStatistics, DataFormat::kXlsx, "hoptac-thong-ke.xlsx"},
  };
  for (const auto& f : kFiles) {
    if (name != f.name) continue;
    return OpenDataFile{f.set, f.format, f.download,
                        f.format == DataFormat::kCsv
                            ? "text/csv; charset=utf-8"
                            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  }
  return std::nullopt;
}

// --- portal.h ---

Portal::Portal(Content& content, PortalOptions options, std::function<int64_t()> clock)
    : content_(content), options_(std::move(options)), clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
}

std::shared_ptr<const Rendered> Portal::Find(const std::string& key, uint64_t generation, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  Entry& entry = *it->second;
  if (entry.generation != generation || now - entry.rendered_at_ms >= options_.cache_ttl.count()) {
    bytes_ -= entry.page->body.size();
    lru_.erase(it->second);
    index_.erase(it);
    ++misses_;
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  ++hits_;
  return entry.page;
}

void Portal::Keep(const std::string& key, std::shared_ptr<const Rendered> page, uint64_t generation, int64_t now) {
  size_t size = page->body.size();
  if (size > options_.cache_bytes) return;
  std::lock_guard lock(mutex_);
  // Another generation: every page kept is stale.
  if (!lru_.empty() && lru_.front().generation != generation) {
    lru_.clear();
    index_.clear();
    bytes_ = 0;
  }
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->page->body.size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  while (!lru_.empty() && (lru_.size() >= options_.cache_entries || bytes_ + size > options_.cache_bytes)) {
    bytes_ -= lru_.back().page->body.size();
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
  lru_.push_front(Entry{key, std::move(page), generation, now});
  index_.emplace(key, lru_.begin());
  bytes_ += size;
}

Portal::Stats Portal::CacheStats() const {
  std::lock_guard lock(mutex_);
  return {hits_, misses_, lru_.size(), bytes_};
}

Answer Portal::Make(const Rendered& page, bool hit) const {
  Answer answer;
  answer.status = page.status;
  answer.content_type = page.content_type;
  answer.body = page.body;
  answer.cache_hit = hit;
  answer.headers.emplace_back("Cache-Control", page.cache_control.empty() ? "public, max-age=60" : page.cache_control);
  if (!page.location.empty()) answer.headers.emplace_back("Location", page.location);
  return answer;
}

Result<std::shared_ptr<const Rendered>> Portal::RenderOnce(PageKind kind, std::string_view param,
                                                           const PageParams& params, const std::string& key,
                                                           uint64_t generation, int64_t now) {
  std::string flight_key = key + '#' + std::to_string(generation);
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = flights_.try_emplace(flight_key);
    if (inserted) it->second = std::make_shared<Flight>();
    flight = it->second;
    leader = inserted;
  }
  if (!leader) {
    std::unique_lock lock(flight->mutex);
    flight->done_cv.wait(lock, [&] { return flight->done; });
    return flight->result;
  }
  Result<std::shared_ptr<const Rendered>> result = std::shared_ptr<const Rendered>();
  try {
    Result<Rendered> rendered = Render(content_, options_, kind, param, params);
    if (rendered.ok()) {
      auto page = std::make_shared<const Rendered>(std::move(rendered).value());
      if (page->status == 200) Keep(key, page, generation, now);
      result = std::move(page);
    } else {
      result = std::move(rendered).error();
    }
  } catch (const std::exception& e) {
    result = Error::Internal(std::string("portal: ") + e.what());
  }
  {
    std::lock_guard lock(flight->mutex);
    flight->result = result;
    flight->done = true;
  }
  flight->done_cv.notify_all();
  {
    std::lock_guard lock(mutex_);
    flights_.erase(flight_key);
  }
  return result;
}

Answer Portal::Serve(PageKind kind, std::string_view param, const Visit& visit) {
  PageParams params = ReadParams(kind, visit.query);
  if (kind == PageKind::kCss) {
    // The stylesheet never changes while the server runs: its versioned address is immutable.
    Rendered css;
    css.content_type = "text/css; charset=utf-8";
    css.body = std::string(StyleSheet());
    bool versioned = false;
    for (const auto& [name, value] : visit.query)
      if (name == "v" && value == StyleVersion()) versioned = true;
    css.cache_control = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
    return Make(css, false);
  }
  std::string key = Key(kind, param, params);
  uint64_t generation = content_.Generation();
  int64_t now = clock_();
  std::shared_ptr<const Rendered> page = Find(key, generation, now);
  bool hit = page != nullptr;
  if (!hit) {
    Result<std::shared_ptr<const Rendered>> rendered = RenderOnce(kind, param, params, key, generation, now);
    if (!rendered.ok()) {
      if (rendered.error().code == ErrorCode::kNotFound) {
        return Make(RenderNotFound(options_, params.lang.value_or(i18n::Lang::kVi)), false);
      }
      Answer failed = Make(RenderUnavailable(options_, params.lang.value_or(i18n::Lang::kVi)), false);
      failed.headers.emplace_back("Retry-After", "30");
      return failed;
    }
    page = std::move(rendered).value();
  }
  if (page->article_id > 0 && visit.count_view) {
    std::string reader = visit.remote_address + " " + visit.user_agent;
    content_.CountView(page->article_id, reader, visit.user_agent);
  }
  return Make(*page, hit);
}

}  // namespace hoptac::portal
