#include "media/media_store.h"

#include <charconv>

#include "storage/sql.h"

namespace hoptac::media {
namespace {

using storage::Connection;
using storage::Int;
using storage::Row;
using storage::Text;

bool Postgres(const Connection& conn) { return conn.backend() == storage::Backend::kPostgres; }

std::string S(const storage::Value& v) {
  const std::string* s = std::get_if<std::string>(&v);
  return s ? *s : std::string();
}
int64_t I(const storage::Value& v) {
  if (const int64_t* i = std::get_if<int64_t>(&v)) return *i;
  if (const std::string* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

// The extension of a stored content type ("jpg" for image/jpeg).
std::string_view ExtensionOf(std::string_view content_type) {
  if (content_type == "image/jpeg") return "jpg";
  if (content_type == "image/png") return "png";
  if (content_type == "image/webp") return "webp";
  if (content_type == "application/pdf") return "pdf";
  return "bin";
}

// The bytes for an INSERT: PostgreSQL's text parameters cannot hold NUL bytes (base64 there).
storage::Value Bytes(const Connection& conn, std::string_view bytes) {
  return Text(Postgres(conn) ? attachments::Base64(bytes) : std::string(bytes));
}
const char* BytesIn(const Connection& conn, int n) {
  static const char* kPg[] = {"",
                              "decode($1, 'base64')",
                              "decode($2, 'base64')",
                              "decode($3, 'base64')",
                              "decode($4, 'base64')",
                              "decode($5, 'base64')",
                              "decode($6, 'base64')",
                              "decode($7, 'base64')",
                              "decode($8, 'base64')"};
  static const char* kSqlite[] = {"",
                                  "CAST($1 AS BLOB)",
                                  "CAST($2 AS BLOB)",
                                  "CAST($3 AS BLOB)",
                                  "CAST($4 AS BLOB)",
                                  "CAST($5 AS BLOB)",
                                  "CAST($6 AS BLOB)",
                                  "CAST($7 AS BLOB)",
                                  "CAST($8 AS BLOB)"};
  return Postgres(conn) ? kPg[n] : kSqlite[n];
}

bool ParseInt(std::string_view text, int64_t& out) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

bool LowerHex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

constexpr const char* kColumns = "id, name, content_type, width, height, bytes, sha256, created_by, created_at_ms";

Image FromRow(const Row& r) {
  Image m;
  m.ref.id = I(r[0]);
  m.name = S(r[1]);
  m.ref.content_type = S(r[2]);
  m.ref.width = static_cast<int>(I(r[3]));
  m.ref.height = static_cast<int>(I(r[4]));
  m.bytes = I(r[5]);
  m.sha256 = S(r[6]);
  m.created_by = S(r[7]);
  m.created_at_ms = I(r[8]);
  m.ref.url = OriginalUrl(m.ref.id, m.sha256, m.ref.content_type);
  return m;
}

}  // namespace

std::string OriginalUrl(int64_t id, std::string_view sha256, std::string_view content_type) {
  return "/media/" + std::to_string(id) + "-" + std::string(sha256.substr(0, 8)) + "." +
         std::string(ExtensionOf(content_type));
}

std::string VariantUrl(int64_t id, std::string_view sha256, int width) {
  return "/media/" + std::to_string(id) + "-" + std::string(sha256.substr(0, 8)) + "-" + std::to_string(width) +
         ".webp";
}

Result<Image> Insert(Connection& conn, const Prepared& file, std::string_view bytes, const std::string& created_by,
                     int64_t created_at_ms) {
  const bool image = !file.variants.empty() || file.width > 0;
  const std::string sql = std::string(
                              "INSERT INTO media_images (name, content_type, width, height, bytes, sha256, data, "
                              "created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, ") +
                          BytesIn(conn, 7) + ", $8, $9) RETURNING id";
  HOPTAC_ASSIGN_OR_RETURN(
      auto row, conn.QueryOne(sql, {Text(file.name), Text(file.content_type), image ? Int(file.width) : storage::Null(),
                                    image ? Int(file.height) : storage::Null(), Int(static_cast<int64_t>(bytes.size())),
                                    Text(file.sha256), Bytes(conn, bytes), Text(created_by), Int(created_at_ms)}));
  if (!row) return Error::Internal("INSERT INTO media_images … RETURNING id returned nothing");
  Image m;
  m.ref.id = I((*row)[0]);
  m.ref.content_type = file.content_type;
  m.ref.url = OriginalUrl(m.ref.id, file.sha256, file.content_type);
  m.ref.width = file.width;
  m.ref.height = file.height;
  m.name = file.name;
  m.bytes = static_cast<int64_t>(bytes.size());
  m.sha256 = file.sha256;
  m.created_by = created_by;
  m.created_at_ms = created_at_ms;
  const std::string variant_sql =
      std::string("INSERT INTO media_variants (image_id, width, content_type, data) VALUES ($1, $2, $3, ") +
      BytesIn(conn, 4) + ")";
  for (const Variant& v : file.variants) {
    HOPTAC_TRY(conn.Exec(variant_sql, {Int(m.ref.id), Int(v.width), Text("image/webp"), Bytes(conn, v.data)}));
    m.ref.variants.push_back({v.width, VariantUrl(m.ref.id, file.sha256, v.width)});
  }
  return m;
}

Result<std::optional<Image>> Find(Connection& conn, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(
      auto row, conn.QueryOne(std::string("SELECT ") + kColumns + " FROM media_images WHERE id = $1", {Int(id)}));
  if (!row) return std::optional<Image>();
  Image m = FromRow(*row);
  HOPTAC_ASSIGN_OR_RETURN(
      auto widths, conn.QueryAll("SELECT width FROM media_variants WHERE image_id = $1 ORDER BY width", {Int(id)}));
  for (const Row& w : widths) {
    const int width = static_cast<int>(I(w[0]));
    m.ref.variants.push_back({width, VariantUrl(id, m.sha256, width)});
  }
  return std::optional<Image>(std::move(m));
}

Result<std::map<int64_t, ImageRef>> ImageRefs(Connection& conn, std::span<const int64_t> ids) {
  std::map<int64_t, ImageRef> out;
  if (ids.empty()) return out;
  std::vector<storage::Value> params;
  const std::string list = storage::AppendInList(params, ids);
  HOPTAC_TRY(
      conn.Query("SELECT i.id, i.content_type, i.width, i.height, i.sha256, v.width FROM media_images i "
                 "LEFT JOIN media_variants v ON v.image_id = i.id WHERE i.id IN (" +
                     list + ") ORDER BY i.id, v.width",
                 params, [&](const storage::RowView& row) -> Status {
                   const int64_t id = row.GetInt(0);
                   const std::string sha256(row.GetText(4));
                   auto [it, added] = out.try_emplace(id);
                   ImageRef& ref = it->second;
                   if (added) {
                     ref.id = id;
                     ref.content_type = std::string(row.GetText(1));
                     ref.url = OriginalUrl(id, sha256, ref.content_type);
                     ref.width = row.IsNull(2) ? 0 : static_cast<int>(row.GetInt(2));
                     ref.height = row.IsNull(3) ? 0 : static_cast<int>(row.GetInt(3));
                   }
                   if (!row.IsNull(5)) {
                     const int width = static_cast<int>(row.GetInt(5));
                     ref.variants.push_back({width, VariantUrl(id, sha256, width)});
                   }
                   return Ok();
                 }));
  return out;
}

Result<std::optional<MediaFile>> LoadFile(Connection& conn, std::string_view name) {
  // {id}-{hash8}.{ext} or {id}-{hash8}-{width}.webp
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return std::optional<MediaFile>();
  const std::string_view stem = name.substr(0, dot), extension = name.substr(dot + 1);
  const size_t first = stem.find('-');
  if (first == std::string_view::npos) return std::optional<MediaFile>();
  int64_t id = 0, width = 0;
  if (!ParseInt(stem.substr(0, first), id)) return std::optional<MediaFile>();
  std::string_view rest = stem.substr(first + 1);
  const std::string_view hash = rest.substr(0, 8);
  if (hash.size() != 8 || !LowerHex(hash)) return std::optional<MediaFile>();
  rest.remove_prefix(8);
  if (!rest.empty()) {
    if (rest[0] != '-' || !ParseInt(rest.substr(1), width) || extension != "webp") return std::optional<MediaFile>();
  }
  const bool postgres = Postgres(conn);
  std::optional<MediaFile> out;
  auto read = [&](const storage::RowView& row) -> Status {
    const std::string_view sha256 = row.GetText(2);
    if (sha256.substr(0, 8) != hash) return Ok();
    MediaFile f;
    f.content_type = std::string(row.GetText(0));
    f.name = std::string(row.GetText(1));
    if (width == 0 && ExtensionOf(f.content_type) != extension) return Ok();
    f.etag = "\"" + std::string(sha256) + (width ? "-" + std::to_string(width) : std::string()) + "\"";
    if (postgres) {
      HOPTAC_ASSIGN_OR_RETURN(f.data, attachments::FromBase64(row.GetText(3)));
    } else {
      f.data = std::string(row.GetText(3));
    }
    out = std::move(f);
    return Ok();
  };
  const char* data = postgres ? "encode(%s.data, 'base64')" : "%s.data";
  std::string column = data;
  column.replace(column.find("%s"), 2, width ? "v" : "i");
  if (width == 0) {
    HOPTAC_TRY(conn.Query("SELECT i.content_type, i.name, i.sha256, " + column + " FROM media_images i WHERE i.id = $1",
                          std::initializer_list<storage::Value>{Int(id)}, read));
  } else {
    HOPTAC_TRY(conn.Query("SELECT v.content_type, i.name, i.sha256, " + column +
                              " FROM media_images i JOIN media_variants v ON v.image_id = i.id "
                              "WHERE i.id = $1 AND v.width = $2",
                          std::initializer_list<storage::Value>{Int(id), Int(width)}, read));
  }
  return out;
}

Status ReadImageNames(Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& names) {
  if (ids.empty()) return Ok();
  std::vector<storage::Value> params;
  const std::string list = storage::AppendInList(params, ids);
  return conn.Query("SELECT id, name FROM media_images WHERE id IN (" + list + ")", params,
                    [&](const storage::RowView& row) -> Status {
                      names[row.GetInt(0)] = std::string(row.GetText(1));
                      return Ok();
                    });
}

}  // namespace hoptac::media
