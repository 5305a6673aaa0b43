#include "registry/import/import_job_json.h"

#include <string>
#include <utility>

namespace hoptac::registry {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr ErrorCode kErrorCodes[] = {ErrorCode::kInvalidArgument,  ErrorCode::kNotFound,
                                     ErrorCode::kMethodNotAllowed, ErrorCode::kConflict,
                                     ErrorCode::kUnauthenticated,  ErrorCode::kPermissionDenied,
                                     ErrorCode::kTooManyRequests,  ErrorCode::kPayloadTooLarge,
                                     ErrorCode::kUnavailable,      ErrorCode::kInternal};

value Ms(int64_t ms) { return ms ? value(ms) : value(); }

array Strings(const std::vector<std::string>& items) {
  array out;
  for (const std::string& item : items) out.emplace_back(item);
  return out;
}

object ErrorJson(const Error& error) {
  array fields;
  for (const FieldError& f : error.fields)
    fields.push_back(object{{"field", f.field}, {"code", f.code}, {"key", f.key}, {"args", Strings(f.args)}});
  return {{"code", ErrorCodeName(error.code)},
          {"key", error.key},
          {"args", Strings(error.args)},
          {"fields", std::move(fields)}};
}

array ColumnsJson(const std::vector<DetectedColumn>& columns) {
  array out;
  for (const DetectedColumn& c : columns)
    out.push_back(object{{"header", c.header}, {"column", c.column}, {"scale", c.scale}});
  return out;
}

array PreviewJson(const std::vector<PreviewRow>& preview) {
  array out;
  for (const PreviewRow& row : preview) {
    array values;
    for (const auto& [column, text] : row.values) values.push_back(array{value(column), value(text)});
    out.push_back(object{{"row", row.row},
                         {"values", std::move(values)},
                         {"worst", SeverityName(row.worst)},
                         {"problems", row.problems}});
  }
  return out;
}

object CountsJson(const ImportCounts& c) {
  return {{"rows_read", c.rows_read},       {"created", c.created},          {"updated", c.updated},
          {"unchanged", c.unchanged},       {"bad_rows", c.bad_rows},        {"unconfirmed_rows", c.unconfirmed_rows},
          {"warning_rows", c.warning_rows}, {"events_added", c.events_added}};
}

object ResultJson(const ImportResult& r, size_t max_problems) {
  std::span<const ImportProblem> problems(r.problems);
  return {{"type", FileTypeName(r.type)},
          {"outcome", ImportOutcomeName(r.outcome)},
          {"counts", CountsJson(r.counts)},
          {"columns", ColumnsJson(r.columns)},
          {"unknown_headers", Strings(r.unknown_headers)},
          {"preview", PreviewJson(r.preview)},
          {"problems", ImportProblemsJson(problems.first(std::min(max_problems, problems.size())))},
          {"problems_total", r.problems_total},
          {"registry_version", r.registry_version},
          {"import_id", r.import_id},
          {"file_sha256", r.file_sha256}};
}

// Reads the members of a snapshot; the first member missing or of the wrong type makes
// the whole reading fail (ok() false, what() names it).
class Reader {
 public:
  explicit Reader(const value* json, std::string where) : where_(std::move(where)) {
    object_ = json ? json->if_object() : nullptr;
    if (!object_) Fail("");
  }
  // Only collects the failures of nested readers.
  explicit Reader(std::string where) : where_(std::move(where)) {}
  bool ok() const { return failed_.empty(); }
  const std::string& what() const { return failed_; }

  int64_t Int(std::string_view key) {
    const value* v = Find(key);
    if (v && v->is_null()) return 0;
    if (const int64_t* i = v ? v->if_int64() : nullptr) return *i;
    if (const uint64_t* u = v ? v->if_uint64() : nullptr) return static_cast<int64_t>(*u);
    Fail(key);
    return 0;
  }
  bool Bool(std::string_view key) {
    const value* v = Find(key);
    if (const bool* b = v ? v->if_bool() : nullptr) return *b;
    Fail(key);
    return false;
  }
  std::string Text(std::string_view key) {
    const value* v = Find(key);
    if (const boost::json::string* s = v ? v->if_string() : nullptr) return std::string(*s);
    Fail(key);
    return {};
  }
  // Null when the member is null.
  const value* Nullable(std::string_view key) {
    const value* v = Find(key);
    if (!v) Fail(key);
    return v && !v->is_null() ? v : nullptr;
  }
  const array& Array(std::string_view key) {
    static const array kEmpty;
    const value* v = Find(key);
    if (const array* a = v ? v->if_array() : nullptr) return *a;
    Fail(key);
    return kEmpty;
  }
  std::vector<std::string> Strings(std::string_view key) {
    std::vector<std::string> out;
    for (const value& item : Array(key)) {
      if (!item.is_string()) {
        Fail(key);
        break;
      }
      out.emplace_back(item.get_string());
    }
    return out;
  }
  // Takes a nested reader's failure.
  void Absorb(const Reader& nested) {
    if (ok() && !nested.ok()) failed_ = nested.failed_;
  }
  void Fail(std::string_view key) {
    if (ok()) failed_ = where_ + (key.empty() ? " is not an object" : "." + std::string(key) + " is missing or wrong");
  }

 private:
  const value* Find(std::string_view key) const { return object_ ? object_->if_contains(key) : nullptr; }

  const object* object_ = nullptr;
  std::string where_;
  std::string failed_;
};

Severity SeverityFromName(Reader& r, std::string_view key) {
  std::string name = r.Text(key);
  if (name == "error") return Severity::kError;
  if (name != "warning") r.Fail(key);
  return Severity::kWarning;
}

Error ErrorFromJson(const value& json, Reader& parent) {
  Reader r(&json, "error");
  Error error;
  std::string code = r.Text("code");
  bool known = false;
  for (ErrorCode c : kErrorCodes) {
    if (code == ErrorCodeName(c)) {
      error.code = c;
      known = true;
    }
  }
  if (!known) r.Fail("code");
  error.key = r.Text("key");
  error.args = r.Strings("args");
  for (const value& item : r.Array("fields")) {
    Reader f(&item, "error.fields[]");
    FieldError field;
    field.field = f.Text("field");
    field.code = f.Text("code");
    field.key = f.Text("key");
    field.args = f.Strings("args");
    r.Absorb(f);
    error.fields.push_back(std::move(field));
  }
  parent.Absorb(r);
  return error;
}

std::vector<DetectedColumn> ColumnsFromJson(Reader& parent, std::string_view key) {
  std::vector<DetectedColumn> out;
  for (const value& item : parent.Array(key)) {
    Reader r(&item, std::string(key) + "[]");
    DetectedColumn c;
    c.header = r.Text("header");
    c.column = r.Text("column");
    c.scale = r.Int("scale");
    parent.Absorb(r);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<PreviewRow> PreviewFromJson(Reader& parent, std::string_view key) {
  std::vector<PreviewRow> out;
  for (const value& item : parent.Array(key)) {
    Reader r(&item, std::string(key) + "[]");
    PreviewRow row;
    row.row = static_cast<int>(r.Int("row"));
    for (const value& pair : r.Array("values")) {
      const array* a = pair.if_array();
      if (!a || a->size() != 2 || !(*a)[0].is_string() || !(*a)[1].is_string()) {
        r.Fail("values");
        break;
      }
      row.values.emplace_back(std::string((*a)[0].get_string()), std::string((*a)[1].get_string()));
    }
    row.worst = SeverityFromName(r, "worst");
    row.problems = static_cast<int>(r.Int("problems"));
    parent.Absorb(r);
    out.push_back(std::move(row));
  }
  return out;
}

bool ReadProblems(const array& items, std::vector<ImportProblem>& out, Reader& parent) {
  out.reserve(items.size());
  for (const value& item : items) {
    Reader r(&item, "problems[]");
    ImportProblem p;
    p.row = static_cast<int>(r.Int("row"));
    p.column = r.Text("column");
    p.field = r.Text("field");
    p.value = r.Text("value");
    p.severity = SeverityFromName(r, "severity");
    p.code = r.Text("code");
    p.key = r.Text("key");
    p.args = r.Strings("args");
    parent.Absorb(r);
    if (!r.ok()) return false;
    out.push_back(std::move(p));
  }
  return true;
}

std::shared_ptr<const ImportResult> ResultFromJson(const value& json, Reader& parent) {
  Reader r(&json, "result");
  auto result = std::make_shared<ImportResult>();
  if (auto type = FileTypeFromName(r.Text("type"))) {
    result->type = *type;
  } else {
    r.Fail("type");
  }
  std::string outcome = r.Text("outcome");
  bool known = false;
  for (ImportOutcome o :
       {ImportOutcome::kCommitted, ImportOutcome::kRejected, ImportOutcome::kDryRun, ImportOutcome::kCancelled}) {
    if (outcome == ImportOutcomeName(o)) {
      result->outcome = o;
      known = true;
    }
  }
  if (!known) r.Fail("outcome");
  if (const value* counts = r.Nullable("counts")) {
    Reader c(counts, "result.counts");
    ImportCounts& n = result->counts;
    n.rows_read = c.Int("rows_read");
    n.created = c.Int("created");
    n.updated = c.Int("updated");
    n.unchanged = c.Int("unchanged");
    n.bad_rows = c.Int("bad_rows");
    n.unconfirmed_rows = c.Int("unconfirmed_rows");
    n.warning_rows = c.Int("warning_rows");
    n.events_added = c.Int("events_added");
    r.Absorb(c);
  } else {
    r.Fail("counts");
  }
  result->columns = ColumnsFromJson(r, "columns");
  result->unknown_headers = r.Strings("unknown_headers");
  result->preview = PreviewFromJson(r, "preview");
  ReadProblems(r.Array("problems"), result->problems, r);
  result->problems_total = r.Int("problems_total");
  result->registry_version = r.Int("registry_version");
  result->import_id = r.Int("import_id");
  result->file_sha256 = r.Text("file_sha256");
  parent.Absorb(r);
  return result;
}

Result<value> Parse(std::string_view text, const char* what) {
  boost::system::error_code ec;
  value json = boost::json::parse(text, ec);
  if (ec) return Error::Internal(std::string(what) + " is not JSON: " + ec.message());
  return json;
}

}  // namespace

boost::json::array ImportProblemsJson(std::span<const ImportProblem> problems) {
  array out;
  out.reserve(problems.size());
  for (const ImportProblem& p : problems)
    out.push_back(object{{"row", p.row},
                         {"column", p.column},
                         {"field", p.field},
                         {"value", p.value},
                         {"severity", SeverityName(p.severity)},
                         {"code", p.code},
                         {"key", p.key},
                         {"args", Strings(p.args)}});
  return out;
}

Result<std::vector<ImportProblem>> ImportProblemsFromJson(std::string_view text) {
  HOPTAC_ASSIGN_OR_RETURN(value json, Parse(text, "an import job's problems"));
  const array* items = json.if_array();
  if (!items) return Error::Internal("an import job's problems are not an array");
  std::vector<ImportProblem> out;
  Reader collector("problems");
  if (!ReadProblems(*items, out, collector)) return Error::Internal("an import job's " + collector.what());
  return out;
}

boost::json::object ImportJobJson(const ImportJob& job, size_t max_problems) {
  return {{"id", job.id},
          {"owner_user_id", job.owner_user_id},
          {"owner_name", job.owner_name},
          {"type", FileTypeName(job.type)},
          {"dry_run", job.dry_run},
          {"skip_bad_rows", job.skip_bad_rows},
          {"confirm_warnings", job.confirm_warnings},
          {"as_of", job.as_of ? value(job.as_of->ToIso()) : value()},
          {"file_name", job.file_name},
          {"format", job.format},
          {"bytes", job.bytes},
          {"state", JobStateName(job.state)},
          {"rows_read", job.rows_read},
          {"submitted_at_ms", job.submitted_at_ms},
          {"started_at_ms", Ms(job.started_at_ms)},
          {"finished_at_ms", Ms(job.finished_at_ms)},
          {"error", job.error ? value(ErrorJson(*job.error)) : value()},
          {"columns", ColumnsJson(job.columns)},
          {"preview", PreviewJson(job.preview)},
          {"result", job.result ? value(ResultJson(*job.result, max_problems)) : value()}};
}

Result<ImportJob> ImportJobFromJson(std::string_view text) {
  HOPTAC_ASSIGN_OR_RETURN(value json, Parse(text, "an import job's snapshot"));
  Reader r(&json, "job");
  ImportJob job;
  job.id = r.Text("id");
  job.owner_user_id = r.Int("owner_user_id");
  job.owner_name = r.Text("owner_name");
  if (auto type = FileTypeFromName(r.Text("type"))) {
    job.type = *type;
  } else {
    r.Fail("type");
  }
  job.dry_run = r.Bool("dry_run");
  job.skip_bad_rows = r.Bool("skip_bad_rows");
  job.confirm_warnings = r.Bool("confirm_warnings");
  if (const value* as_of = r.Nullable("as_of")) {
    job.as_of = as_of->is_string() ? Date::ParseIso(as_of->get_string()) : std::nullopt;
    if (!job.as_of) r.Fail("as_of");
  }
  job.file_name = r.Text("file_name");
  job.format = r.Text("format");
  job.bytes = r.Int("bytes");
  if (auto state = JobStateFromName(r.Text("state"))) {
    job.state = *state;
  } else {
    r.Fail("state");
  }
  job.rows_read = r.Int("rows_read");
  job.submitted_at_ms = r.Int("submitted_at_ms");
  job.started_at_ms = r.Int("started_at_ms");
  job.finished_at_ms = r.Int("finished_at_ms");
  if (const value* error = r.Nullable("error")) job.error = ErrorFromJson(*error, r);
  job.columns = ColumnsFromJson(r, "columns");
  job.preview = PreviewFromJson(r, "preview");
  if (const value* result = r.Nullable("result")) job.result = ResultFromJson(*result, r);
  if (!r.ok()) return Error::Internal("an import job's snapshot: " + r.what());
  return job;
}

}  // namespace hoptac::registry
