#include "news/news_json.h"

#include "io/json_reader.h"

namespace hoptac::news {
namespace json = boost::json;
using Reader = io::JsonReader;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
json::value IdOrNull(int64_t id) { return id == 0 ? json::value(nullptr) : json::value(id); }

json::array Ids(const std::vector<int64_t>& ids) {
  json::array out;
  for (int64_t id : ids) out.push_back(id);
  return out;
}

json::array Texts(const std::vector<std::string>& texts) {
  json::array out;
  for (const std::string& t : texts) out.push_back(json::string(t));
  return out;
}

// An array of ids: every element an integer (a field error per other element).
std::optional<std::vector<int64_t>> ReadIds(Reader& r, const json::object& body, std::string_view name) {
  const json::array* list = r.Array(body, name, std::string(name));
  if (!list) {
    if (const json::value* v = body.if_contains(name); v && v->is_null()) return std::vector<int64_t>{};
    return std::nullopt;
  }
  std::vector<int64_t> out;
  for (size_t i = 0; i < list->size(); ++i) {
    json::object holder{{"id", (*list)[i]}};
    if (auto id = r.Integer(holder, "id", std::string(name) + "[" + std::to_string(i) + "]", true)) out.push_back(*id);
  }
  return out;
}

}  // namespace

Result<ArticleInput> ReadArticleInput(const json::object& body, bool creating) {
  Reader r;
  ArticleInput in;
  in.title = r.String(body, "title", "title");
  in.summary = r.String(body, "summary", "summary");
  in.body = r.String(body, "body", "body");
  in.category = r.String(body, "category", "category");
  if (const json::array* list = r.Array(body, "keywords", "keywords")) {
    in.keywords.emplace();
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].is_string())
        in.keywords->emplace_back((*list)[i].as_string());
      else
        r.Type("keywords[" + std::to_string(i) + "]", "string");
    }
  } else if (const json::value* v = body.if_contains("keywords"); v && v->is_null()) {
    in.keywords.emplace();
  }
  if (const json::value* v = body.if_contains("province")) {
    if (v->is_null())
      in.province = "";
    else
      in.province = r.String(body, "province", "province");
  }
  if (const json::value* v = body.if_contains("cover_image")) {
    if (v->is_null()) {
      in.cover_image = CoverImage{};
    } else if (const json::object* o = r.Object(*v, "cover_image")) {
      CoverImage c;
      c.id = r.Integer(*o, "id", "cover_image.id", true).value_or(0);
      c.alt = r.String(*o, "alt", "cover_image.alt").value_or("");
      r.Unknown(*o, {"id", "alt"}, "cover_image");
      in.cover_image = std::move(c);
    }
  }
  in.entity_ids = ReadIds(r, body, "entity_ids");
  in.programme_ids = ReadIds(r, body, "programme_ids");
  in.activity_ids = ReadIds(r, body, "activity_ids");
  if (creating) {
    in.lang = r.String(body, "lang", "lang");
    if (const json::value* v = body.if_contains("translation_of")) {
      if (v->is_null())
        in.translation_of = 0;
      else
        in.translation_of = r.Integer(body, "translation_of", "translation_of");
    }
    r.Unknown(body,
              {"title", "summary", "body", "category", "keywords", "province", "cover_image", "entity_ids",
               "programme_ids", "activity_ids", "lang", "translation_of"},
              "");
  } else {
    r.Unknown(body,
              {"title", "summary", "body", "category", "keywords", "province", "cover_image", "entity_ids",
               "programme_ids", "activity_ids"},
              "");
  }
  HOPTAC_TRY(r.Finish());
  return in;
}

Result<std::optional<int64_t>> ReadPublishAt(const json::object& body) {
  Reader r;
  std::optional<std::string> at = r.String(body, "at", "at");
  r.Unknown(body, {"at"}, "");
  std::optional<int64_t> out;
  if (at) {
    out = ParseInstant(*at);
    if (!out) r.Add({"at", "invalid_time", "field.article_at", {*at}});
  }
  HOPTAC_TRY(r.Finish());
  return out;
}

Result<std::string> ReadNote(const json::object& body) {
  Reader r;
  std::string note = r.String(body, "note", "note", true).value_or("");
  r.Unknown(body, {"note"}, "");
  HOPTAC_TRY(r.Finish());
  return note;
}

Result<std::string> ReadPreviewBody(const json::object& body) {
  Reader r;
  std::string text = r.String(body, "body", "body").value_or("");
  r.Unknown(body, {"body"}, "");
  HOPTAC_TRY(r.Finish());
  return text;
}

Result<Category> ReadNewCategory(const json::object& body) {
  Reader r;
  Category c;
  c.code = r.String(body, "code", "code", true).value_or("");
  c.name = r.String(body, "name", "name", true).value_or("");
  c.name_en = r.String(body, "name_en", "name_en", true).value_or("");
  r.Unknown(body, {"code", "name", "name_en"}, "");
  HOPTAC_TRY(r.Finish());
  return c;
}

json::object ArticleJson(const Article& a) {
  json::value cover = nullptr;
  if (a.cover_image_id != 0) cover = json::object{{"id", a.cover_image_id}, {"alt", a.cover_alt}};
  return {{"id", a.id},
          {"slug", a.slug},
          {"lang", a.lang},
          {"translation_of", IdOrNull(a.translation_of)},
          {"title", a.title},
          {"summary", a.summary},
          {"body", a.body},
          {"category", a.category},
          {"keywords", Texts(a.keywords)},
          {"province", TextOrNull(a.province_code)},
          {"cover_image", std::move(cover)},
          {"entity_ids", Ids(a.entity_ids)},
          {"programme_ids", Ids(a.programme_ids)},
          {"activity_ids", Ids(a.activity_ids)},
          {"status", a.status},
          {"published_at", a.published_at_ms == 0 ? json::value(nullptr) : json::value(InstantText(a.published_at_ms))},
          {"review_note", TextOrNull(a.review_note)},
          {"author", a.author},
          {"created_at", InstantText(a.created_at_ms)},
          {"updated_at", InstantText(a.updated_at_ms)}};
}

json::object ArticleViewJson(const ArticleView& v) {
  const Article& a = v.article;
  json::array translations;
  for (const TranslationRef& t : v.translations)
    translations.push_back(json::object{{"id", t.id}, {"lang", t.lang}, {"slug", t.slug}});
  json::value cover = nullptr;
  if (a.cover_image_id != 0) cover = json::object{{"id", a.cover_image_id}, {"alt", a.cover_alt}};
  // published_at: shown while published (scheduled or not); an unpublished draft shows null.
  json::value published_at = nullptr;
  if (a.status == "published" && a.published_at_ms != 0) published_at = InstantText(a.published_at_ms);
  return {{"id", a.id},
          {"slug", a.slug},
          {"url", v.url},
          {"lang", a.lang},
          {"translation_of", IdOrNull(a.translation_of)},
          {"translations", std::move(translations)},
          {"title", a.title},
          {"summary", a.summary},
          {"body", a.body},
          {"body_html", a.body_html},
          {"category", a.category},
          {"keywords", Texts(a.keywords)},
          {"province", TextOrNull(a.province_code)},
          {"province_name", TextOrNull(v.province_name)},
          {"cover_image", std::move(cover)},
          {"entity_ids", Ids(a.entity_ids)},
          {"programme_ids", Ids(a.programme_ids)},
          {"activity_ids", Ids(a.activity_ids)},
          {"status", a.status},
          {"scheduled", v.scheduled},
          {"published_at", std::move(published_at)},
          {"review_note", TextOrNull(a.review_note)},
          {"author", a.author},
          {"views", v.views},
          {"created_at", InstantText(a.created_at_ms)},
          {"updated_at", InstantText(a.updated_at_ms)}};
}

json::object CategoryJson(const Category& c) {
  return {{"code", c.code}, {"name", c.name}, {"name_en", c.name_en}, {"slug", c.slug}, {"builtin", c.builtin}};
}

}  // namespace hoptac::news
