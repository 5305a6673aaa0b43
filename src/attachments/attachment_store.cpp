#include "attachments/attachment_store.h"

namespace hoptac::attachments {
namespace {

using storage::Connection;
using storage::Int;
using storage::Row;
using storage::Text;

constexpr const char* kColumns =
    "id, owner_type, owner_id, name, content_type, size, sha256, created_by, created_at_ms";

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

Attachment FromRow(const Row& r) {
  Attachment a;
  a.id = I(r[0]);
  a.owner_type = S(r[1]);
  a.owner_id = I(r[2]);
  a.name = S(r[3]);
  a.content_type = S(r[4]);
  a.size = I(r[5]);
  a.sha256 = S(r[6]);
  a.created_by = S(r[7]);
  a.created_at_ms = I(r[8]);
  return a;
}

}  // namespace

Result<Attachment> Store(Connection& conn, const NewAttachment& file) {
  HOPTAC_ASSIGN_OR_RETURN(Checked checked, Check(file.name, file.bytes));
  Attachment a;
  a.owner_type = file.owner_type;
  a.owner_id = file.owner_id;
  a.name = checked.name;
  a.content_type = ContentType(checked.kind);
  a.size = static_cast<int64_t>(file.bytes.size());
  a.sha256 = Sha256Hex(file.bytes);
  a.created_by = file.created_by;
  a.created_at_ms = file.created_at_ms;
  const bool postgres = Postgres(conn);
  const char* sql = postgres ? "INSERT INTO attachments (owner_type, owner_id, name, content_type, size, sha256, "
                               "data, created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, decode($7, "
                               "'base64'), $8, $9) RETURNING id"
                             : "INSERT INTO attachments (owner_type, owner_id, name, content_type, size, sha256, "
                               "data, created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS BLOB), "
                               "$8, $9) RETURNING id";
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql, {Text(a.owner_type), Int(a.owner_id), Text(a.name),
                                                        Text(a.content_type), Int(a.size), Text(a.sha256),
                                                        Text(postgres ? Base64(file.bytes) : std::string(file.bytes)),
                                                        Text(a.created_by), Int(a.created_at_ms)}));
  if (!row) return Error::Internal("INSERT INTO attachments … RETURNING id returned nothing");
  a.id = I((*row)[0]);
  return a;
}

Result<std::vector<Attachment>> List(Connection& conn, std::string_view owner_type, int64_t owner_id) {
  HOPTAC_ASSIGN_OR_RETURN(auto rows, conn.QueryAll(std::string("SELECT ") + kColumns +
                                                       " FROM attachments WHERE owner_type = $1 AND owner_id = $2 "
                                                       "ORDER BY created_at_ms, id",
                                                   {Text(std::string(owner_type)), Int(owner_id)}));
  std::vector<Attachment> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<Attachment>> Find(Connection& conn, std::string_view owner_type, int64_t owner_id, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(std::string("SELECT ") + kColumns +
                                                      " FROM attachments WHERE id = $1 AND owner_type = $2 AND "
                                                      "owner_id = $3",
                                                  {Int(id), Text(std::string(owner_type)), Int(owner_id)}));
  if (!row) return std::optional<Attachment>();
  return std::optional<Attachment>(FromRow(*row));
}

Result<std::optional<std::string>> LoadBytes(Connection& conn, std::string_view owner_type, int64_t owner_id,
                                             int64_t id) {
  const bool postgres = Postgres(conn);
  std::optional<std::string> out;
  Status status = conn.Query(
      postgres ? "SELECT encode(data, 'base64') FROM attachments WHERE id = $1 AND owner_type = $2 AND owner_id = $3"
               : "SELECT data FROM attachments WHERE id = $1 AND owner_type = $2 AND owner_id = $3",
      std::initializer_list<storage::Value>{Int(id), Text(std::string(owner_type)), Int(owner_id)},
      [&](const storage::RowView& row) -> Status {
        if (postgres) {
          HOPTAC_ASSIGN_OR_RETURN(std::string bytes, FromBase64(row.GetText(0)));
          out = std::move(bytes);
        } else {
          out = std::string(row.GetText(0));
        }
        return Ok();
      });
  if (!status.ok()) return std::move(status).error();
  return out;
}

Result<bool> Remove(Connection& conn, std::string_view owner_type, int64_t owner_id, int64_t id) {
  HOPTAC_ASSIGN_OR_RETURN(int64_t removed,
                          conn.Exec("DELETE FROM attachments WHERE id = $1 AND owner_type = $2 AND owner_id = $3",
                                    {Int(id), Text(std::string(owner_type)), Int(owner_id)}));
  return removed > 0;
}

}  // namespace hoptac::attachments
