// The JSON of an import job's snapshot (registry/import/import_job_json.h), as the
// table import_jobs keeps it: every field comes back, errors and problems stay keys and
// arguments (translated only when answering), malformed snapshots are refused.
#include "registry/import/import_job_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace hoptac::registry {
namespace {

ImportProblem Problem(int row, Severity severity, std::string code, std::vector<std::string> args) {
  ImportProblem p;
  p.row = row;
  p.column = "Ngày thành lập";
  p.field = "founded_on";
  p.value = "31/02/2020 \"x\"";
  p.severity = severity;
  p.code = std::move(code);
  p.key = "field." + p.code;
  p.args = std::move(args);
  return p;
}

// A job with every field set to something other than its default.
ImportJob FullJob() {
  ImportJob job;
  job.id = "a0123456789abcdef0123456789abcde";
  job.owner_user_id = 42;
  job.owner_name = "po01";
  job.type = FileType::kFigures;
  job.dry_run = true;
  job.skip_bad_rows = true;
  job.confirm_warnings = true;
  job.as_of = Date::ParseIso("2020-07-01");
  job.file_name = "Lai Châu 2020.xlsx";
  job.format = "xlsx";
  job.bytes = 123456;
  job.state = JobState::kFailed;
  job.rows_read = 5000;
  job.submitted_at_ms = 1'700'000'000'000;
  job.started_at_ms = 1'700'000'000'100;
  job.finished_at_ms = 1'700'000'009'000;
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.import_missing_columns", {"registration_code", "x"});
  error.fields.push_back({"as_of", "date_in_future", "field.date_in_future", {"2999-01-01"}});
  error.detail = "for the log only";
  job.error = error;
  job.columns = {
      {"Mã số HTX", "registration_code", 1}, {"Doanh thu (triệu đồng)", "revenue_vnd", 1'000'000}, {"Ghi chú", "", 1}};
  PreviewRow row;
  row.row = 2;
  row.values = {{"registration_code", "HTX-1"}, {"revenue_vnd", "3800000"}, {"name", ""}};
  row.worst = Severity::kError;
  row.problems = 2;
  PreviewRow clean;
  clean.row = 3;
  clean.values = {{"registration_code", "HTX-2"}};
  job.preview = {row, clean};
  auto result = std::make_shared<ImportResult>();
  result->type = FileType::kFigures;
  result->outcome = ImportOutcome::kRejected;
  result->counts = {5000, 10, 20, 30, 40, 5, 7, 3};
  result->columns = job.columns;
  result->unknown_headers = {"Ghi chú"};
  result->preview = job.preview;
  result->problems = {Problem(2, Severity::kError, "invalid_date", {"31/02/2020"}),
                      Problem(2, Severity::kWarning, "income_too_high", {"250000000", "100000000"}),
                      Problem(0, Severity::kError, "import_missing", {})};
  result->problems_total = 250'000;
  result->registry_version = 77;
  result->import_id = 12;
  result->file_sha256 = std::string(64, 'f');
  job.result = result;
  return job;
}

void ExpectSameProblems(const std::vector<ImportProblem>& a, const std::vector<ImportProblem>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].row, b[i].row);
    EXPECT_EQ(a[i].column, b[i].column);
    EXPECT_EQ(a[i].field, b[i].field);
    EXPECT_EQ(a[i].value, b[i].value);
    EXPECT_EQ(a[i].severity, b[i].severity);
    EXPECT_EQ(a[i].code, b[i].code);
    EXPECT_EQ(a[i].key, b[i].key);
    EXPECT_EQ(a[i].args, b[i].args);
  }
}

void ExpectSameColumns(const std::vector<DetectedColumn>& a, const std::vector<DetectedColumn>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].header, b[i].header);
    EXPECT_EQ(a[i].column, b[i].column);
    EXPECT_EQ(a[i].scale, b[i].scale);
  }
}

void ExpectSamePreview(const std::vector<PreviewRow>& a, const std::vector<PreviewRow>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].row, b[i].row);
    EXPECT_EQ(a[i].values, b[i].values);
    EXPECT_EQ(a[i].worst, b[i].worst);
    EXPECT_EQ(a[i].problems, b[i].problems);
  }
}

void ExpectSameJob(const ImportJob& a, const ImportJob& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.owner_user_id, b.owner_user_id);
  EXPECT_EQ(a.owner_name, b.owner_name);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.dry_run, b.dry_run);
  EXPECT_EQ(a.skip_bad_rows, b.skip_bad_rows);
  EXPECT_EQ(a.confirm_warnings, b.confirm_warnings);
  EXPECT_EQ(a.as_of, b.as_of);
  EXPECT_EQ(a.file_name, b.file_name);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.rows_read, b.rows_read);
  EXPECT_EQ(a.submitted_at_ms, b.submitted_at_ms);
  EXPECT_EQ(a.started_at_ms, b.started_at_ms);
  EXPECT_EQ(a.finished_at_ms, b.finished_at_ms);
  ASSERT_EQ(a.error.has_value(), b.error.has_value());
  if (a.error) {
    EXPECT_EQ(a.error->code, b.error->code);
    EXPECT_EQ(a.error->key, b.error->key);
    EXPECT_EQ(a.error->args, b.error->args);
    ASSERT_EQ(a.error->fields.size(), b.error->fields.size());
    for (size_t i = 0; i < a.error->fields.size(); ++i) {
      EXPECT_EQ(a.error->fields[i].field, b.error->fields[i].field);
      EXPECT_EQ(a.error->fields[i].code, b.error->fields[i].code);
      EXPECT_EQ(a.error->fields[i].key, b.error->fields[i].key);
      EXPECT_EQ(a.error->fields[i].args, b.error->fields[i].args);
    }
  }
  ExpectSameColumns(a.columns, b.columns);
  ExpectSamePreview(a.preview, b.preview);
  ASSERT_EQ(a.result != nullptr, b.result != nullptr);
  if (!a.result) return;
  const ImportResult &x = *a.result, &y = *b.result;
  EXPECT_EQ(x.type, y.type);
  EXPECT_EQ(x.outcome, y.outcome);
  EXPECT_EQ(x.counts.rows_read, y.counts.rows_read);
  EXPECT_EQ(x.counts.created, y.counts.created);
  EXPECT_EQ(x.counts.updated, y.counts.updated);
  EXPECT_EQ(x.counts.unchanged, y.counts.unchanged);
  EXPECT_EQ(x.counts.bad_rows, y.counts.bad_rows);
  EXPECT_EQ(x.counts.unconfirmed_rows, y.counts.unconfirmed_rows);
  EXPECT_EQ(x.counts.warning_rows, y.counts.warning_rows);
  EXPECT_EQ(x.counts.events_added, y.counts.events_added);
  ExpectSameColumns(x.columns, y.columns);
  EXPECT_EQ(x.unknown_headers, y.unknown_headers);
  ExpectSamePreview(x.preview, y.preview);
  ExpectSameProblems(x.problems, y.problems);
  EXPECT_EQ(x.problems_total, y.problems_total);
  EXPECT_EQ(x.registry_version, y.registry_version);
  EXPECT_EQ(x.import_id, y.import_id);
  EXPECT_EQ(x.file_sha256, y.file_sha256);
}

Result<ImportJob> RoundTrip(const ImportJob& job, size_t max_problems = 1000) {
  return ImportJobFromJson(boost::json::serialize(ImportJobJson(job, max_problems)));
}

TEST(ImportJobJson, EveryFieldComesBack) {
  ImportJob job = FullJob();
  auto back = RoundTrip(job);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  ExpectSameJob(job, *back);
  EXPECT_TRUE(back->error->detail.empty());  // the log's detail is not kept
}

TEST(ImportJobJson, AJobWithoutResultErrorOrDatesComesBack) {
  for (JobState state : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded, JobState::kCancelled}) {
    ImportJob job;
    job.id = "b0000000000000000000000000000000";
    job.state = state;
    job.format = "csv";
    job.submitted_at_ms = 1;
    auto back = RoundTrip(job);
    ASSERT_TRUE(back.ok()) << back.error().detail;
    ExpectSameJob(job, *back);
  }
}

TEST(ImportJobJson, ErrorsAndProblemsStayKeysAndArguments) {
  ImportJob job = FullJob();
  boost::json::object json = ImportJobJson(job, 1000);
  EXPECT_EQ(json.at("error").at("code"), "invalid_argument");
  EXPECT_EQ(json.at("error").at("key"), "error.import_missing_columns");
  EXPECT_FALSE(json.at("error").as_object().contains("message"));
  const auto& problem = json.at("result").at("problems").as_array()[1];
  EXPECT_EQ(problem.at("key"), "field.income_too_high");
  EXPECT_EQ(problem.at("args").as_array().size(), 2u);
  EXPECT_FALSE(problem.as_object().contains("message"));
}

TEST(ImportJobJson, TheSnapshotKeepsTheFirstProblemsAndTheirTotal) {
  ImportJob job = FullJob();
  auto back = RoundTrip(job, 2);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  ASSERT_EQ(back->result->problems.size(), 2u);
  EXPECT_EQ(back->result->problems[1].code, "income_too_high");
  EXPECT_EQ(back->result->problems_total, 250'000);

  // Every problem, apart: the report's.
  auto problems = ImportProblemsFromJson(boost::json::serialize(ImportProblemsJson(job.result->problems)));
  ASSERT_TRUE(problems.ok()) << problems.error().detail;
  ExpectSameProblems(job.result->problems, *problems);
}

TEST(ImportJobJson, MalformedSnapshotsAreRefused) {
  std::string good = boost::json::serialize(ImportJobJson(FullJob(), 1000));
  EXPECT_TRUE(ImportJobFromJson(good).ok());
  auto refused = [&](const std::function<void(boost::json::object&)>& change) {
    boost::json::object json = boost::json::parse(good).as_object();
    change(json);
    auto back = ImportJobFromJson(boost::json::serialize(json));
    return back.ok() ? std::string("accepted") : back.error().detail;
  };
  EXPECT_NE(refused([](auto& j) { j["state"] = "sleeping"; }).find("job.state"), std::string::npos);
  EXPECT_NE(refused([](auto& j) { j.erase("owner_user_id"); }).find("job.owner_user_id"), std::string::npos);
  EXPECT_NE(refused([](auto& j) { j["as_of"] = "31/02/2020"; }).find("job.as_of"), std::string::npos);
  EXPECT_NE(refused([](auto& j) { j["error"].as_object()["code"] = "teapot"; }).find("error.code"), std::string::npos);
  EXPECT_NE(refused([](auto& j) { j["result"].as_object()["outcome"] = "maybe"; }).find("result.outcome"),
            std::string::npos);
  EXPECT_NE(refused([](auto& j) {
              j["result"].as_object()["problems"].as_array()[0].as_object()["severity"] = "fatal";
            }).find("problems[].severity"),
            std::string::npos);
  EXPECT_NE(refused([](auto& j) {
              j["preview"].as_array()[0].as_object()["values"] = boost::json::array{1};
            }).find("preview[].values"),
            std::string::npos);
  EXPECT_FALSE(ImportJobFromJson("not json").ok());
  EXPECT_FALSE(ImportJobFromJson("[]").ok());
  EXPECT_FALSE(ImportProblemsFromJson("{}").ok());
  EXPECT_FALSE(ImportProblemsFromJson("[{\"row\": 1}]").ok());
}

}  // namespace
}  // namespace hoptac::registry
