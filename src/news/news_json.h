// The only JSON of articles and news categories: the API's answers, the audit rows and the
// reading of request bodies (every type error a field error with its path).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "base/result.h"
#include "news/article.h"
#include "news/news_service.h"

namespace hoptac::news {

// POST (creating) and PATCH bodies: title, summary, body, category, keywords, province (null:
// national), cover_image ({id, alt} or null), entity_ids, programme_ids, activity_ids; creating
// also lang and translation_of.
Result<ArticleInput> ReadArticleInput(const boost::json::object& body, bool creating);
// The publish body: {"at": "2026-12-24T08:00:00+07:00"} (optional; absent or null: now).
Result<std::optional<int64_t>> ReadPublishAt(const boost::json::object& body);
// {"note"} (required).
Result<std::string> ReadNote(const boost::json::object& body);
// {"body"} of the preview.
Result<std::string> ReadPreviewBody(const boost::json::object& body);
// {"code", "name", "name_en"}.
Result<Category> ReadNewCategory(const boost::json::object& body);

// The article's own fields (the audit row): the record without body_html and the names.
boost::json::object ArticleJson(const Article& a);
// The contract's article record (issue 19).
boost::json::object ArticleViewJson(const ArticleView& v);
boost::json::object CategoryJson(const Category& c);

}  // namespace hoptac::news
