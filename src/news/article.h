// News (tin tức): articles of the national and provincial alliances — the model and its rules;
// no I/O (README.md says what the capability promises).
//
// An article is in one language (vi or en; an English version is another article whose
// translation_of is the Vietnamese one's id), in a category (news_categories), of a province or
// national (no province), with keywords, a Markdown body rendered to sanitised HTML on every save
// (markdown.h), links to entities, programmes and activities (ids), an optional cover image (a
// media id with its alt text). Workflow: draft → in_review (submit) → published (publish, maybe
// at a future time: scheduled); in_review → draft (return, with a note); published → draft
// (unpublish); a draft may be deleted. Its slug (the title folded) is fixed once first published.
//
// Thread-safety: plain values and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"

namespace hoptac::news {

inline constexpr std::string_view kStatuses[] = {"draft", "in_review", "published"};
inline constexpr std::string_view kLangs[] = {"vi", "en"};
// The workflow's moves (the routes' last segment; "delete" is DELETE /articles/{id}).
inline constexpr std::string_view kMoves[] = {"submit", "publish", "return", "unpublish", "delete"};
// The built-in categories (news_categories is seeded with them; national admins add more).
inline constexpr std::string_view kBuiltinCategories[] = {"activities", "policy", "models",
                                                          "training",   "trade",  "international"};

inline constexpr size_t kMaxTitleLength = 300;  // bytes, after normalisation
inline constexpr size_t kMaxSummaryLength = 1000;
inline constexpr size_t kMaxBodyLength = 200'000;
inline constexpr size_t kMaxKeywords = 20;
inline constexpr size_t kMaxKeywordLength = 100;
inline constexpr size_t kMaxLinks = 100;  // entity, programme and activity ids, each
inline constexpr size_t kMaxAltLength = 300;
inline constexpr size_t kMaxNoteLength = 2000;
inline constexpr size_t kMaxCategoryNameLength = 200;
inline constexpr size_t kMaxSlugLength = 80;

bool OneOf(std::span<const std::string_view> names, std::string_view name);
std::string NamesText(std::span<const std::string_view> names);  // "a, b, c"

struct Category {
  std::string code;     // "activities"
  std::string name;     // Vietnamese: "Hoạt động"
  std::string name_en;  // "Activities"
  std::string slug;     // the Vietnamese name folded: "hoat-dong" (/tin-tuc?chuyen-muc=hoat-dong)
  bool builtin = false;
  int64_t position = 0;
};
// A category code: 2–40 characters of a–z, 0–9 and "_", starting with a letter.
bool ValidCategoryCode(std::string_view code);

struct Article {
  int64_t id = 0;
  std::string slug;
  std::string lang = "vi";     // kLangs
  int64_t translation_of = 0;  // 0: none (the id of the Vietnamese article this translates)
  std::string title, summary;
  std::string body;                   // Markdown
  std::string body_html;              // RenderMarkdown(body), stored
  std::string category;               // a code of news_categories
  std::vector<std::string> keywords;  // as written, normalised, unique by folded form
  std::string province_code;          // "" national
  int64_t cover_image_id = 0;         // 0 none (a media image id)
  std::string cover_alt;
  std::vector<int64_t> entity_ids, programme_ids, activity_ids;  // sorted, unique
  std::string status = "draft";                                  // kStatuses
  int64_t published_at_ms = 0;  // 0 never; with status published, a future value is scheduled
  bool slug_fixed = false;      // published once: the slug no longer follows the title
  std::string review_note;      // the note of the last return; "" none
  int64_t author_user_id = 0;   // 0 the command line
  std::string author;           // the author's username (audit name)
  int64_t views = 0;            // stored (flushed) views
  int64_t created_at_ms = 0, updated_at_ms = 0;
};

// The public URL of an article: "/tin-tuc/<slug>".
std::string ArticleUrl(std::string_view slug);

// Public: published and published_at ≤ now.
bool Visible(const Article& a, int64_t now_ms);
// Published with a time still to come.
bool Scheduled(const Article& a, int64_t now_ms);

// Whether an article in status `from` may take `move` (kMoves).
bool MayMove(std::string_view from, std::string_view move);
// The status a move leads to ("submit" → "in_review", "publish" → "published", "return" and
// "unpublish" → "draft"; "delete": "").
std::string StatusAfter(std::string_view move);

// The slug of a title: text::Fold (accents dropped, đ → d, lower case), every run of other than
// a–z and 0–9 becomes one '-', no '-' at the ends; at most kMaxSlugLength bytes, cut at a '-'
// (a single word longer than that is cut at the limit). "" when nothing is left.
// "Liên minh HTX tỉnh gặp mặt, đối thoại với HTX" → "lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx".
std::string Slugify(std::string_view title);
// The first of `base`, `base-2`, `base-3` … that `taken` refuses (`base` "" reads "bai-viet").
// The suffix is kept within kMaxSlugLength by shortening the base at a '-' when needed.
std::string UniqueSlug(std::string_view base, const std::function<bool(const std::string&)>& taken);

// The folded form of a keyword (text::Fold, spaces collapsed): how keywords are matched.
std::string FoldKeyword(std::string_view keyword);

// The day in Việt Nam (UTC+07:00) of an instant in Unix epoch milliseconds.
Date DayOf(int64_t ms);
// "2026-12-05T09:30:00Z"
std::string InstantText(int64_t ms);
// An ISO 8601 time with an offset or Z ("2026-12-24T08:00:00+07:00", "2026-12-24T01:00:00Z",
// seconds and fractions optional) → Unix ms; nullopt for anything else. A date alone
// ("2026-12-24") is midnight in Việt Nam.
std::optional<int64_t> ParseInstant(std::string_view text);

}  // namespace hoptac::news
