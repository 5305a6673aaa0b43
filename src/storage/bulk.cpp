#include "storage/bulk.h"

namespace hoptac::storage {

Result<std::vector<std::string>> DropSecondaryIndexes(Connection& conn, std::string_view table) {
  std::vector<std::string> statements;
  std::vector<std::string> names;
  // Indexes behind PRIMARY KEY and UNIQUE constraints stay: SQLite gives them no SQL of
  // their own; PostgreSQL names them in pg_constraint.conindid.
  const char* sql = conn.backend() == Backend::kSqlite
                        ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT "
                          "NULL ORDER BY name"
                        : "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = "
                          "i.indexrelid WHERE i.indrelid = to_regclass($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint "
                          "k WHERE k.conindid = i.indexrelid) ORDER BY c.relname";
  HOPTAC_TRY(conn.Query(sql, std::initializer_list<Value>{Text(std::string(table))}, [&](const RowView& row) -> Status {
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
