// The outputs of reporting through the real server, on the backend named by HOPTAC_TEST_BACKEND.
// /api/v1/reports/table (reporting/national_table.h): the provinces in force at the period's end
// side by side, with the registry's values beside the reported ones and the sums, as JSON and XLSX.
// /api/v1/dataValueSets (reporting/data_value_sets.h): a province report exported in DHIS2's shape and imported back is
// a no-op (nothing written, not even an audit row); a DHIS2-shaped set creates the report and
// fills it; an entity report is addressed by its registration code; an unknown data element, a
// value its field refuses, another report's value or a period the form is not filed for are
// refused naming them, with nothing written; a submitted report is locked.
// /api/v1/reports/{id}/export and /import (reporting/report_document.h): the report as on paper,
// read back (as exported: a no-op; edited in a spreadsheet: the changed values saved; a bad cell,
// another report's file or not a report: refused, nothing written). Report answers carry names.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>

#include "base/log.h"
#include "io/xlsx.h"
#include "io/xlsx_stream.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "support/http_client.h"
#include "support/temp_files.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

class ReportOutputsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    coop_ = Entity("Hợp tác xã Nông nghiệp Hữu Lũng", "LS-01", "2015-01-01");
    Entity("Hợp tác xã Hồi Xứ Lạng", "LS-02", "2018-06-01");
    domain::Figures f;
    f.members_total = 20;
    ASSERT_TRUE(
        figures_
            ->Put(auth::Principal::Cli("test"), coop_, domain::Period::Year(2022), f, domain::Confirmation::kConfirmed)
            .ok());
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("coop", "cooperative", "", coop_);
    system_.AddUser("nat", "national_officer");
  }

  int64_t Entity(const char* name, const char* code, const char* founded) {
    domain::Entity e;
    e.kind = domain::EntityKind::kCooperative;
    e.name = name;
    e.registration_code = code;
    e.province_code = "20";
    e.founded_on = Date::ParseIso(founded);
    auto created = entities_->Create(auth::Principal::Cli("test"), e);
    EXPECT_TRUE(created.ok()) << created.error().key;
    return created.ok() ? created->entity.id : 0;
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const std::string& content_type = "application/json") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, "en");
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(sql));
                     n = std::get<int64_t>((*row)[0]);
                     return Ok();
                   })
                    .ok());
    return n;
  }
  // What a refused request must leave as it was.
  std::string Written() {
    return std::to_string(Count("SELECT COUNT(*) FROM reports")) + "/" +
           std::to_string(Count("SELECT COUNT(*) FROM audit_log")) + "/" +
           std::to_string(Count("SELECT COALESCE(MAX(updated_at_ms), 0) FROM reports"));
  }

  static std::set<std::string> Fields(const Reply& r) {
    std::set<std::string> out;
    if (!r.Json().is_object() || !r.Json().as_object().contains("error")) return out;
    for (const auto& f : r.Json().at("error").at("fields").as_array())
      out.insert(std::string(f.at("field").as_string()) + ":" + std::string(f.at("code").as_string()));
    return out;
  }

  static std::map<std::string, std::string> Values(const json::object& set) {
    std::map<std::string, std::string> out;
    for (const auto& dv : set.at("dataValues").as_array())
      out[std::string(dv.at("dataElement").as_string())] = std::string(dv.at("value").as_string());
    return out;
  }

  int64_t coop_ = 0;
};

TEST_F(ReportOutputsTest, AProvinceReportExportedAndImportedBackIsANoOp) {
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                       R"({"form":"province_development","period":"2023M01-09","province":"20"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = std::to_string(created.Json().at("id").as_int64());
  Reply put = Call(bhttp::verb::put, "/api/v1/reports/" + id, "po20",
                   R"({"values":{"coops_total":3,"income_min_vnd":3800000,"income_max_vnd":5500000,
                       "results":"Thành lập mới 2 HTX; tổ chức 1 lớp tập huấn."},
                       "notes":{"coops_total":"Thêm 1 HTX đăng ký ngày 28/9, sổ chưa cập nhật."}})");
  ASSERT_EQ(put.status, 200u) << put.body;

  Reply exported =
      Call(bhttp::verb::get, "/api/v1/dataValueSets?dataSet=province_development&period=2023M01-09&orgUnit=20", "po20");
  ASSERT_EQ(exported.status, 200u) << exported.body;
  json::object set = exported.Json().as_object();
  EXPECT_EQ(set.at("dataSet").as_string(), "province_development");
  EXPECT_EQ(set.at("period").as_string(), "2023M01-09");
  EXPECT_EQ(set.at("orgUnit").as_string(), "20");
  auto values = Values(set);
  EXPECT_EQ(values["coops_total"], "3");
  EXPECT_EQ(values["income_min_vnd"], "3800000");
  EXPECT_EQ(values["results"], "Thành lập mới 2 HTX; tổ chức 1 lớp tập huấn.");
  EXPECT_EQ(values["coop_members_total"], "20");  // the prefill: LS-01's figures of 2022
  bool commented = false;
  for (const auto& dv : set.at("dataValues").as_array())
    if (dv.at("dataElement") == "coops_total")
      commented = dv.at("comment") == "Thêm 1 HTX đăng ký ngày 28/9, sổ chưa cập nhật.";
  EXPECT_TRUE(commented);

  const std::string before = Written();
  Reply again = Call(bhttp::verb::post, "/api/v1/dataValueSets", "po20", json::serialize(set));
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.Json().at("status").as_string(), "SUCCESS");
  EXPECT_EQ(again.Json().at("report_created").as_bool(), false);
  const json::object& count = again.Json().at("importCount").as_object();
  EXPECT_EQ(count.at("imported").as_int64(), 0);
  EXPECT_EQ(count.at("updated").as_int64(), 0);
  EXPECT_EQ(count.at("deleted").as_int64(), 0);
  EXPECT_EQ(count.at("ignored").as_int64(), static_cast<int64_t>(values.size()));
  EXPECT_EQ(Written(), before) << "an import of the export wrote something";
}

TEST_F(ReportOutputsTest, ADhis2SetCreatesTheReportAndFillsIt) {
  const std::string before = Written();
  Reply r = Call(bhttp::verb::post, "/api/v1/dataValueSets", "po20",
                 R"({"dataSet":"province_development","period":"2024S1","orgUnit":"20","dataValues":[
                      {"dataElement":"income_min_vnd","value":"4000000"},
                      {"dataElement":"income_max_vnd","value":6000000,"period":"2024S1","orgUnit":"20"},
                      {"dataElement":"difficulties","value":"Thiếu đất mở rộng sản xuất.","comment":"Từ hội nghị đối thoại"}]})");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.Json().at("report_created").as_bool());
  EXPECT_EQ(r.Json().at("importCount").at("imported").as_int64(), 3);
  EXPECT_NE(Written(), before);
  std::string id = std::to_string(r.Json().at("report_id").as_int64());
  Reply report = Call(bhttp::verb::get, "/api/v1/reports/" + id, "po20");
  ASSERT_EQ(report.status, 200u) << report.body;
  EXPECT_EQ(report.Json().at("period").as_string(), "2024S1");
  EXPECT_EQ(report.Json().at("values").at("income_min_vnd").as_int64(), 4000000);
  EXPECT_EQ(report.Json().at("values").at("income_max_vnd").as_int64(), 6000000);
  EXPECT_EQ(report.Json().at("notes").at("difficulties").as_string(), "Từ hội nghị đối thoại");
  EXPECT_EQ(report.Json().at("values").at("coops_total").as_int64(), 2);  // prefilled on creation
  // A second set changes one value and clears another.
  Reply changed = Call(bhttp::verb::post, "/api/v1/dataValueSets", "po20",
                       R"({"dataSet":"province_development","period":"2024S1","orgUnit":"20","dataValues":[
                            {"dataElement":"income_min_vnd","value":"4200000"},
                            {"dataElement":"income_max_vnd","value":"6000000"},
                            {"dataElement":"difficulties","value":""}]})");
  ASSERT_EQ(changed.status, 200u) << changed.body;
  const json::value& count = changed.Json().at("importCount");
  EXPECT_EQ(count.at("updated").as_int64(), 1);
  EXPECT_EQ(count.at("ignored").as_int64(), 1);
  EXPECT_EQ(count.at("deleted").as_int64(), 1);
}

TEST_F(ReportOutputsTest, BadSetsAreRefusedNamingWhatIsWrongAndWriteNothing) {
  ASSERT_EQ(Call(bhttp::verb::post, "/api/v1/reports", "po20",
                 R"({"form":"province_development","period":"2023","province":"20"})")
                .status,
            201u);
  const std::string before = Written();
  struct Case {
    const char* body;
    const char* field;  // "field:code" expected among the field errors
  } cases[] = {
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"coops_totl","value":"3"}]})",
       "dataValues[0].dataElement:unknown_data_element"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"results","value":"x"},{"dataElement":"coops_total","value":"ba"}]})",
       "dataValues[1].value:invalid_value"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"coops_total","value":"-1"}]})",
       "dataValues[0].value:report_below_min"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"coops_total","value":"3","orgUnit":"01"}]})",
       "dataValues[0].orgUnit:other_report"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"coops_total","value":"3","period":"2023S1"}]})",
       "dataValues[0].period:other_report"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"coops_total","value":"3"},{"dataElement":"coops_total","value":"4"}]})",
       "dataValues[1].dataElement:duplicate"},
      {R"({"dataSet":"province_development","period":"202309","orgUnit":"20","dataValues":[]})", "period:"},
      {R"({"dataSet":"province_development","period":"2024","orgUnit":"99","dataValues":[{"dataElement":"results","value":"x"}]})",
       "orgUnit:"},
      {R"({"dataSet":"province_development","period":"2023X","orgUnit":"20","dataValues":[]})",
       "period:invalid_period"},
      {R"({"dataSet":"province_development","orgUnit":"20","dataValues":[]})", "period:required"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":{}})",
       "dataValues:invalid_type"},
      {R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[],"categoryOptionCombo":"x"})",
       "categoryOptionCombo:unknown_parameter"},
  };
  for (const Case& c : cases) {
    Reply r = Call(bhttp::verb::post, "/api/v1/dataValueSets", "po20", c.body);
    EXPECT_EQ(r.status, 400u) << c.body << ": " << r.body;
    std::string expected = c.field;
    bool named = false;
    for (const std::string& f : Fields(r)) named = named || f.rfind(expected, 0) == 0;
    EXPECT_TRUE(named) << expected << " not in " << r.body;
  }
  // The error names the unknown data element and the form in words.
  Reply unknown = Call(bhttp::verb::post, "/api/v1/dataValueSets", "po20", cases[0].body);
  EXPECT_NE(unknown.body.find("coops_totl"), std::string::npos) << unknown.body;
  // An unknown form, and a province out of scope.
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/dataValueSets", "po20",
                 R"({"dataSet":"nope","period":"2023","orgUnit":"20","dataValues":[]})")
                .status,
            404u);
  Reply other = Call(
      bhttp::verb::post, "/api/v1/dataValueSets", "po01",
      R"({"dataSet":"province_development","period":"2023","orgUnit":"20","dataValues":[{"dataElement":"coops_total","value":"3"}]})");
  EXPECT_GE(other.status, 400u) << other.body;
  EXPECT_LT(other.status, 500u) << other.body;
  EXPECT_EQ(Written(), before);
}

TEST_F(ReportOutputsTest, AnEntityReportIsAddressedByItsRegistrationCode) {
  Reply r = Call(bhttp::verb::post, "/api/v1/dataValueSets", "coop",
                 R"({"dataSet":"coop_annual_update","period":"2025","orgUnit":"ls-01","dataValues":[
                      {"dataElement":"members_total","value":"25"},{"dataElement":"women_managed","value":"true"}]})");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.Json().at("report_created").as_bool());
  Reply exported =
      Call(bhttp::verb::get, "/api/v1/dataValueSets?dataSet=coop_annual_update&period=2025&orgUnit=LS-01", "coop");
  ASSERT_EQ(exported.status, 200u) << exported.body;
  auto values = Values(exported.Json().as_object());
  EXPECT_EQ(values["members_total"], "25");
  EXPECT_EQ(values["women_managed"], "true");
  // A code nobody has, and another cooperative's code, are not found.
  Reply none =
      Call(bhttp::verb::get, "/api/v1/dataValueSets?dataSet=coop_annual_update&period=2025&orgUnit=XX-99", "coop");
  EXPECT_EQ(none.status, 404u) << none.body;
  Reply theirs =
      Call(bhttp::verb::get, "/api/v1/dataValueSets?dataSet=coop_annual_update&period=2025&orgUnit=LS-02", "coop");
  EXPECT_EQ(theirs.status, 404u) << theirs.body;
  // A report not yet created answers an empty set, as DHIS2 does.
  Reply empty =
      Call(bhttp::verb::get, "/api/v1/dataValueSets?dataSet=coop_annual_update&period=2024&orgUnit=LS-01", "coop");
  ASSERT_EQ(empty.status, 200u) << empty.body;
  EXPECT_TRUE(empty.Json().at("dataValues").as_array().empty());
}

TEST_F(ReportOutputsTest, ASubmittedReportIsLocked) {
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                       R"({"form":"province_development","period":"2023S1","province":"20"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = std::to_string(created.Json().at("id").as_int64());
  Reply submitted = Call(bhttp::verb::post, "/api/v1/reports/" + id + "/submit", "po20");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  const std::string before = Written();
  Reply r = Call(
      bhttp::verb::post, "/api/v1/dataValueSets", "po20",
      R"({"dataSet":"province_development","period":"2023S1","orgUnit":"20","dataValues":[{"dataElement":"results","value":"Sửa sau khi gửi"}]})");
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(Written(), before);
}

TEST_F(ReportOutputsTest, TheNationalTableShowsEveryProvinceWithTheRegistryBesideTheReport) {
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                       R"({"form":"province_development","period":"2023","province":"20"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = std::to_string(created.Json().at("id").as_int64());
  ASSERT_EQ(created.Json().at("values").at("coops_total").as_int64(), 2);
  Reply put = Call(bhttp::verb::put, "/api/v1/reports/" + id, "po20",
                   R"({"values":{"coops_total":3},"notes":{"coops_total":"Một HTX đăng ký cuối tháng 12."}})");
  ASSERT_EQ(put.status, 200u) << put.body;
  ASSERT_EQ(Call(bhttp::verb::post, "/api/v1/reports/" + id + "/submit", "po20").status, 200u);

  Reply table = Call(bhttp::verb::get, "/api/v1/reports/table?form=province_development&period=2023", "nat");
  ASSERT_EQ(table.status, 200u) << table.body;
  const json::object& t = table.Json().as_object();
  EXPECT_EQ(t.at("expected").as_int64(), 63);  // the provinces of 2023
  EXPECT_EQ(t.at("reported").as_int64(), 1);
  EXPECT_EQ(t.at("rows").as_array().size(), 63u);
  bool found = false;
  for (const auto& row : t.at("rows").as_array()) {
    if (row.at("province") != "20") {
      EXPECT_TRUE(row.at("status").is_null());
      continue;
    }
    found = true;
    EXPECT_EQ(row.at("province_name").as_string(), "Lạng Sơn");
    EXPECT_EQ(row.at("status").as_string(), "submitted");
    EXPECT_EQ(row.at("values").at("coops_total").as_int64(), 3);
    EXPECT_EQ(row.at("registry").at("coops_total").as_int64(), 2);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(t.at("sums").at("coops_total").as_int64(), 3);
  EXPECT_EQ(t.at("registry_sums").at("coops_total").as_int64(), 2);
  // The period of 2025-07-01 onwards has the 34 provinces.
  Reply now = Call(bhttp::verb::get, "/api/v1/reports/table?form=province_development&period=2025S2", "nat");
  ASSERT_EQ(now.status, 200u) << now.body;
  EXPECT_EQ(now.Json().at("expected").as_int64(), 34);
  // A province account sees its own row.
  Reply own = Call(bhttp::verb::get, "/api/v1/reports/table?form=province_development&period=2023", "po01");
  ASSERT_EQ(own.status, 200u) << own.body;
  ASSERT_EQ(own.Json().at("rows").as_array().size(), 1u);
  EXPECT_EQ(own.Json().at("rows").at(0).at("province").as_string(), "01");
  // As a workbook.
  Reply xlsx = Call(bhttp::verb::get, "/api/v1/reports/table?form=province_development&period=2023&format=xlsx", "nat");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // Refusals name the parameter.
  Reply entity = Call(bhttp::verb::get, "/api/v1/reports/table?form=coop_annual_update&period=2025", "nat");
  EXPECT_EQ(entity.status, 400u);
  EXPECT_TRUE(Fields(entity).count("form:province_forms_only")) << entity.body;
  Reply half = Call(bhttp::verb::get, "/api/v1/reports/table?form=province_development&period=2023Q1", "nat");
  EXPECT_EQ(half.status, 400u) << half.body;
  Reply format =
      Call(bhttp::verb::get, "/api/v1/reports/table?form=province_development&period=2023&format=pdf", "nat");
  EXPECT_TRUE(Fields(format).count("format:invalid_enum")) << format.body;
}

// The rows of a report file as a spreadsheet shows them (no header, every non-blank row).
std::vector<std::vector<std::string>> SheetRows(const std::string& bytes) {
  io::XlsxReadOptions options;
  options.no_header = true;
  auto reader = io::XlsxReader::FromString(bytes, options);
  EXPECT_TRUE(reader.ok()) << reader.error().key;
  std::vector<std::vector<std::string>> rows;
  if (!reader.ok()) return rows;
  std::vector<std::string> cells;
  int number = 0;
  while (true) {
    auto more = (*reader)->Next(cells, number);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    cells.resize(std::max<size_t>(cells.size(), 7));
    rows.push_back(cells);
  }
  return rows;
}

// The row whose column C is `code`.
const std::vector<std::string>* FieldRow(const std::vector<std::vector<std::string>>& rows, const std::string& code) {
  for (const auto& row : rows)
    if (row[2] == code) return &row;
  return nullptr;
}

// A file as an official might type it from scratch in the layout, with `rows` after the
// identification block.
std::string TypedFile(const std::string& form, const std::string& period, const std::string& unit,
                      const std::vector<std::vector<std::string>>& rows) {
  auto path = testing::TempDir("hoptac_report_document") / "typed.xlsx";
  auto writer = io::XlsxStreamWriter::Create(path.string());
  EXPECT_TRUE(writer.ok());
  std::vector<std::vector<std::string>> all = {{"BÁO CÁO"},
                                               {"Mã biểu mẫu / Form:", "", form},
                                               {"Kỳ báo cáo / Period:", "", period},
                                               {"Đơn vị / Unit:", "", unit}};
  all.insert(all.end(), rows.begin(), rows.end());
  for (const auto& row : all) EXPECT_TRUE((*writer)->WriteRow(std::span<const std::string>(row)).ok());
  EXPECT_TRUE((*writer)->Close().ok());
  return testing::ReadFile(path);
}

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

TEST_F(ReportOutputsTest, AReportExportsLaidOutLikeThePaperForm) {
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                       R"({"form":"province_development","period":"2023M01-09","province":"20"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Json().at("province_name"), "Lạng Sơn");
  EXPECT_EQ(created.Json().at("form_name"), "Report on the development of the collective economy");
  EXPECT_TRUE(created.Json().at("entity_name").is_null());
  std::string id = std::to_string(created.Json().at("id").as_int64());
  Reply put = Call(bhttp::verb::put, "/api/v1/reports/" + id, "po20",
                   R"({"values":{"coops_total":3,"income_min_vnd":3800000,
                       "results":"Thành lập mới 2 HTX.\nTổ chức 1 lớp tập huấn."},
                       "notes":{"coops_total":"Thêm 1 HTX đăng ký ngày 28/9."}})");
  ASSERT_EQ(put.status, 200u) << put.body;

  Reply file = Call(bhttp::verb::get, "/api/v1/reports/" + id + "/export?format=xlsx", "po20");
  ASSERT_EQ(file.status, 200u) << file.body;
  EXPECT_EQ(std::string(file.headers[bhttp::field::content_type]), kXlsxType);
  EXPECT_NE(std::string(file.headers[bhttp::field::content_disposition])
                .find("hoptac-province_development-2023M01-09-20.xlsx"),
            std::string::npos);
  auto rows = SheetRows(file.body);
  ASSERT_GT(rows.size(), 20u);
  EXPECT_EQ(rows[0][0], "LIÊN MINH HỢP TÁC XÃ TỈNH LẠNG SƠN");
  EXPECT_EQ(rows[0][4], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(rows[1][4], "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(rows[3][0], "BÁO CÁO TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ");
  EXPECT_EQ(rows[4][0], "9 tháng đầu năm 2023");
  EXPECT_EQ(rows[5][0], "Mã biểu mẫu / Form:");
  EXPECT_EQ(rows[5][2], "province_development");
  EXPECT_EQ(rows[6][2], "2023M01-09");
  EXPECT_EQ(rows[7][2], "20");
  const auto* coops = FieldRow(rows, "coops_total");
  ASSERT_NE(coops, nullptr);
  EXPECT_EQ((*coops)[3], "HTX");
  EXPECT_EQ((*coops)[4], "3");
  EXPECT_EQ((*coops)[5], "2");  // the registry's: two cooperatives of Lạng Sơn on 2023-09-30
  EXPECT_EQ((*coops)[6], "Thêm 1 HTX đăng ký ngày 28/9.");
  const auto* income = FieldRow(rows, "income_min_vnd");
  ASSERT_NE(income, nullptr);
  EXPECT_EQ((*income)[4], "3800000");
  const auto* results = FieldRow(rows, "results");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ((*results)[3], "Thành lập mới 2 HTX.\nTổ chức 1 lớp tập huấn.");
  bool signature = false;
  for (const auto& row : rows) signature = signature || row[4] == "THỦ TRƯỞNG ĐƠN VỊ";
  EXPECT_TRUE(signature);

  // Out of scope: another province's officer, a cooperative account.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/reports/" + id + "/export", "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/reports/" + id + "/export", "coop").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/reports/" + id + "/export?format=pdf", "po20").status, 400u);

  // The list and the due items name the form and the province.
  Reply list = Call(bhttp::verb::get, "/api/v1/reports?form=province_development", "nat");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.Json().at("items").at(0).at("province_name"), "Lạng Sơn");
  Reply due = Call(bhttp::verb::get, "/api/v1/reports/due", "po20");
  ASSERT_EQ(due.status, 200u) << due.body;
  ASSERT_FALSE(due.Json().at("items").as_array().empty());
  EXPECT_FALSE(due.Json().at("items").at(0).at("form_name").as_string().empty());
}

TEST_F(ReportOutputsTest, AReportFileReadsBackIntoTheReport) {
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "po20",
                       R"({"form":"province_development","period":"2023M01-09","province":"20"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  std::string id = std::to_string(created.Json().at("id").as_int64());
  ASSERT_EQ(Call(bhttp::verb::put, "/api/v1/reports/" + id, "po20",
                 R"({"values":{"results":"Kết quả\nhai dòng  "},"notes":{"coops_total":"Ghi chú"}})")
                .status,
            200u);
  const std::string import = "/api/v1/reports/" + id + "/import";

  // As exported: nothing written, not even an audit row.
  Reply file = Call(bhttp::verb::get, "/api/v1/reports/" + id + "/export", "po20");
  ASSERT_EQ(file.status, 200u);
  std::string before = Written();
  Reply same = Call(bhttp::verb::post, import, "po20", file.body, kXlsxType);
  ASSERT_EQ(same.status, 200u) << same.body;
  EXPECT_EQ(Written(), before) << "importing the export wrote something";

  // Typed in a spreadsheet the Vietnamese way: grouped thousands, a decimal comma, a cleared note.
  std::string typed = TypedFile("province_development", "2023m01-09", "20",
                                {{"1", "Số HTX", "coops_total", "HTX", "3", "2", ""},
                                 {"2", "Thu nhập thấp nhất", "income_min_vnd", "đồng", "3.800.000"},
                                 {"3", "Khó khăn", "difficulties", "Thiếu đất sản xuất."}});
  Reply saved = Call(bhttp::verb::post, import, "po20", typed, kXlsxType);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  const json::value& values = saved.Json().at("values");
  EXPECT_EQ(values.at("coops_total").as_int64(), 3);
  EXPECT_EQ(values.at("income_min_vnd").as_int64(), 3800000);
  EXPECT_EQ(values.at("difficulties"), "Thiếu đất sản xuất.");
  EXPECT_EQ(values.at("results"), "Kết quả\nhai dòng  ");  // not in the file: unchanged
  EXPECT_FALSE(saved.Json().at("notes").as_object().contains("coops_total"));
  EXPECT_EQ(saved.Json().at("entered").at("income_min_vnd").at("by"), "po20");

  // Bad cells are named by field, and nothing is written.
  before = Written();
  Reply bad = Call(bhttp::verb::post, import, "po20",
                   TypedFile("province_development", "2023M01-09", "20",
                             {{"1", "Số HTX", "coops_total", "HTX", "ba"},
                              {"2", "Số THT", "groups_total", "THT", "-4"},
                              {"3", "Chỉ tiêu lạ", "no_such_field", "", "1"},
                              {"4", "Số HTX (lần 2)", "coops_total", "HTX", "4"}}),
                   kXlsxType);
  EXPECT_EQ(bad.status, 400u) << bad.body;
  EXPECT_TRUE(Fields(bad).count("coops_total:report_invalid_type")) << bad.body;
  EXPECT_TRUE(Fields(bad).count("no_such_field:report_unknown_field")) << bad.body;
  EXPECT_EQ(Written(), before);
  Reply below = Call(
      bhttp::verb::post, import, "po20",
      TypedFile("province_development", "2023M01-09", "20", {{"1", "Số THT", "groups_total", "THT", "-4"}}), kXlsxType);
  EXPECT_EQ(below.status, 400u) << below.body;
  EXPECT_TRUE(Fields(below).count("groups_total:report_below_min")) << below.body;
  // Another period's file, another province's, another form's: refused as such.
  for (auto [form, period, unit] :
       {std::tuple{"province_development", "2023", "20"}, std::tuple{"province_development", "2023M01-09", "01"},
        std::tuple{"women_coop_plan", "2023M01-09", "20"}}) {
    Reply other = Call(bhttp::verb::post, import, "po20", TypedFile(form, period, unit, {}), kXlsxType);
    EXPECT_EQ(other.status, 400u) << other.body;
    EXPECT_EQ(other.Json().at("error").at("reason"), "report_xlsx_mismatch") << other.body;
  }
  // Not a report, not a workbook, nothing at all.
  std::vector<std::vector<std::string>> table = {{"ma_so", "ten"}, {"1", "x"}};
  auto plain = testing::TempDir("hoptac_report_document") / "plain.xlsx";
  {
    auto writer = io::XlsxStreamWriter::Create(plain.string());
    ASSERT_TRUE(writer.ok());
    for (const auto& row : table) ASSERT_TRUE((*writer)->WriteRow(std::span<const std::string>(row)).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  Reply not_report = Call(bhttp::verb::post, import, "po20", testing::ReadFile(plain), kXlsxType);
  EXPECT_EQ(not_report.status, 400u);
  EXPECT_EQ(not_report.Json().at("error").at("reason"), "report_xlsx_not_a_report") << not_report.body;
  Reply garbage = Call(bhttp::verb::post, import, "po20", "not a zip at all", kXlsxType);
  EXPECT_EQ(garbage.status, 400u) << garbage.body;
  EXPECT_EQ(Call(bhttp::verb::post, import, "po20").status, 400u);
  EXPECT_EQ(Written(), before);

  // Someone who may not fill it; a submitted report.
  EXPECT_EQ(Call(bhttp::verb::post, import, "nat", file.body, kXlsxType).status, 403u);
  ASSERT_EQ(
      Call(bhttp::verb::put, "/api/v1/reports/" + id, "po20", R"({"notes":{"coops_total":"Một HTX mới đăng ký."}})")
          .status,
      200u);
  Reply submitted = Call(bhttp::verb::post, "/api/v1/reports/" + id + "/submit", "po20");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  Reply locked = Call(bhttp::verb::post, import, "po20", typed, kXlsxType);
  EXPECT_EQ(locked.status, 409u) << locked.body;
}

TEST_F(ReportOutputsTest, AnEntityReportFileNamesTheCooperative) {
  Reply created = Call(bhttp::verb::post, "/api/v1/reports", "coop",
                       R"({"form":"coop_annual_update","period":"2025","entity_id":)" + std::to_string(coop_) + "}");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Json().at("entity_name"), "Hợp tác xã Nông nghiệp Hữu Lũng");
  EXPECT_EQ(created.Json().at("entity_code"), "LS-01");
  std::string id = std::to_string(created.Json().at("id").as_int64());
  Reply file = Call(bhttp::verb::get, "/api/v1/reports/" + id + "/export", "coop");
  ASSERT_EQ(file.status, 200u) << file.body;
  auto rows = SheetRows(file.body);
  ASSERT_GT(rows.size(), 10u);
  EXPECT_EQ(rows[0][0], "HỢP TÁC XÃ NÔNG NGHIỆP HỮU LŨNG");
  EXPECT_EQ(rows[4][0], "Năm 2025");
  EXPECT_EQ(rows[7][2], "LS-01");
  const auto* members = FieldRow(rows, "members_total");
  ASSERT_NE(members, nullptr);
  EXPECT_EQ((*members)[4], "20");  // prefilled from the 2022 figures
  // Yes/no typed as "x", then read back.
  Reply saved = Call(bhttp::verb::post, "/api/v1/reports/" + id + "/import", "coop",
                     TypedFile("coop_annual_update", "2025", "LS-01",
                               {{"1", "Số thành viên", "members_total", "người", "25"},
                                {"2", "Phụ nữ làm chủ", "women_managed", "", "x"}}),
                     kXlsxType);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.Json().at("values").at("members_total").as_int64(), 25);
  EXPECT_EQ(saved.Json().at("values").at("women_managed"), true);
  Reply other = Call(bhttp::verb::post, "/api/v1/reports/" + id + "/import", "coop",
                     TypedFile("coop_annual_update", "2025", "LS-02", {}), kXlsxType);
  EXPECT_EQ(other.status, 400u) << other.body;
}

}  // namespace
}  // namespace hoptac
