#include "storage/bulk.h"

namespace hoptac::storage {

Result<std::vector<std::string>> DropSecondaryIndexes(Connection& conn, std::string_view table) {
  std::vector<std::string> statements;
  if (conn.backend() != Backend::kSqlite) return statements;
  std::vector<std::string> names;
  // Indexes behind PRIMARY KEY and UNIQUE constraints have no SQL of their own.
  HOPTAC_TRY(
      conn.Query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL "
                 "ORDER BY name",
                 std::initializer_list<Value>{Text(std::string(table))}, [&](const RowView& row) -> Status {
                   names.emplace_back(row.GetText(0));
                   statements.emplace_back(row.GetText(1));
                   return Ok();
                 }));
  for (const std::string& name : names) {
    // The name comes from the schema itself; quoted as an identifier all the same.
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"') quoted.push_back('"');
      quoted.push_back(c);
    }
    quoted.push_back('"');
    HOPTAC_TRY(conn.ExecScript("DROP INDEX " + quoted));
  }
  return statements;
}

Status CreateIndexes(Connection& conn, const std::vector<std::string>& statements) {
  for (const std::string& statement : statements) HOPTAC_TRY(conn.ExecScript(statement));
  return Ok();
}

}  // namespace hoptac::storage
