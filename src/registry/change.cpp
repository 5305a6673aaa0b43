#include "registry/change.h"

#include <charconv>
#include <string>

#include "storage/sql.h"

namespace hoptac::registry {

using storage::Int;
using storage::Value;

namespace {
Result<int64_t> ParseVersion(const std::optional<storage::Row>& row) {
  if (!row || row->empty()) return Error::Internal("meta.registry_version is missing");
  const auto* text = std::get_if<std::string>(&(*row)[0]);
  if (!text) return Error::Internal("meta.registry_version is not text");
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size())
    return Error::Internal("meta.registry_version is not a number: " + *text);
  return value;
}
}  // namespace

Result<int64_t> NextRegistryVersion(storage::Connection& conn) {
  // The UPDATE takes the row lock first (PostgreSQL), so the read below sees the latest value.
  HOPTAC_ASSIGN_OR_RETURN(
      auto row,
      conn.QueryOne("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'registry_version' "
                    "RETURNING value",
                    {}));
  return ParseVersion(row);
}

Result<int64_t> RegistryVersion(storage::Connection& conn) {
  HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT value FROM meta WHERE key = 'registry_version'", {}));
  return ParseVersion(row);
}

Status StampEntities(storage::Connection& conn, std::span<const int64_t> ids, int64_t version) {
  constexpr size_t kBatch = 500;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    size_t end = std::min(ids.size(), start + kBatch);
    std::vector<Value> params{Int(version)};
    std::string in = storage::AppendInList(params, ids.subspan(start, end - start));
    HOPTAC_TRY(conn.Exec("UPDATE entities SET change_seq = $1 WHERE id IN (" + in + ")", params));
  }
  return Ok();
}

}  // namespace hoptac::registry
