// Activities' files (src/activities/activity_files.h) through the real server, on the backend
// named by HOPTAC_TEST_BACKEND: a trainee list sent as a CSV with a byte-order mark and CRLF
// (checked by a dry run that writes nothing, then applied: the counts become the list's), as an
// XLSX with headings without diacritics or in English, a file with bad rows named by row and
// column with nothing written, the export that imports back unchanged (CSV and XLSX), scope
// (another province 404, a partner 403), and the activities' own export and import. The clock
// of programmes is fixed on 2026-06-30 (UTC+7).
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "base/log.h"
#include "io/xlsx_stream.h"
#include "support/http_client.h"
#include "support/temp_files.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

constexpr int64_t kNowMs = 1782788400000;  // 2026-06-30 10:00 in Vietnam
constexpr const char* kBom = "\xEF\xBB\xBF";

class ActivityFilesTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [] { return kNowMs; };
    ASSERT_TRUE(CreateSystem(std::move(options)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* lang = "en", const char* content_type = "application/json") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }
  Reply Upload(const std::string& target, const std::string& as, const std::string& bytes, const char* lang = "en") {
    return Call(bhttp::verb::post, target, as, bytes, lang, "application/octet-stream");
  }

  int64_t Created(const Reply& r) {
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  int64_t AddCooperative(const std::string& code, const std::string& province = "20") {
    return Created(Call(bhttp::verb::post, "/api/v1/entities", "nat",
                        R"({"kind":"cooperative","name":"Hợp tác xã )" + code + R"(","registration_code":")" + code +
                            R"(","province_code":")" + province + R"(","founded_on":"2020-01-01"})"));
  }

  // A training class of Lạng Sơn (20) held in 2024.
  std::string Class(const std::string& title = "Lớp bồi dưỡng khởi sự HTX") {
    const int64_t id =
        Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
                     R"({"type":"training","title":")" + title +
                         R"(","from":"2024-05-10","to":"2024-05-12","province":"20","place":"Hội trường"})"));
    return "/api/v1/activities/" + std::to_string(id);
  }

  // An XLSX file's bytes, written by the one XLSX writer.
  static std::string Xlsx(const std::vector<std::vector<std::string>>& rows) {
    static int n = 0;
    auto path = testing::TempDir("hoptac_activity_files") / ("list-" + std::to_string(++n) + ".xlsx");
    auto writer = io::XlsxStreamWriter::Create(path.string());
    EXPECT_TRUE(writer.ok());
    if (!writer.ok()) return "";
    EXPECT_TRUE((*writer)->WriteHeader(std::span<const std::string>(rows.front())).ok());
    for (size_t i = 1; i < rows.size(); ++i)
      EXPECT_TRUE((*writer)->WriteRow(std::span<const std::string>(rows[i])).ok());
    EXPECT_TRUE((*writer)->Close().ok());
    return testing::ReadFile(path);
  }

  json::array Items(const std::string& at) {
    Reply r = Call(bhttp::verb::get, at + "/participants", "po20");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200 ? r.Json().at("items").as_array() : json::array();
  }
  std::string Counts(const std::string& at) {
    Reply r = Call(bhttp::verb::get, at, "po20");
    return r.status == 200 ? json::serialize(r.Json().at("participants")) : r.body;
  }
  // The errors of a report as "row:column:field", in order.
  static std::string Errors(const Reply& r) {
    std::string out;
    for (const json::value& e : r.Json().at("errors").as_array()) {
      if (!out.empty()) out += " ";
      out += std::to_string(e.at("row").as_int64()) + ":" +
             (e.at("column").is_null() ? std::string("-") : std::string(e.at("column").as_string())) + ":" +
             (e.at("field").is_null() ? std::string("-") : std::string(e.at("field").as_string()));
    }
    return out;
  }
};

TEST_F(ActivityFilesTest, ACsvTraineeListIsCheckedByADryRunThenApplied) {
  AddCooperative("LS-01");
  const std::string at = Class();
  // As Excel saves "CSV UTF-8": a byte-order mark, CRLF, a row-number column, an empty row, a
  // column hoptac does not read, a date of birth, "nữ" in lower case.
  const std::string csv = std::string(kBom) +
                          "STT,Họ và tên,Giới tính,Năm sinh,Mã HTX,Đơn vị,Chức vụ,Điện thoại,Email,Ghi chú\r\n"
                          "1,Nguyễn Thị An,Nữ,1998,LS-01,HTX LS-01,Giám đốc,0912 345 678,an@example.vn,\r\n"
                          "2,Trần Văn Bình,Nam,15/03/1970,,,,,,đến muộn\r\n"
                          ",,,,,,,,,\r\n"
                          "3,Lò Thị Cúc,nữ,,,,,,,\r\n";
  Reply dry = Upload(at + "/participants/import?filename=ds.csv&dry_run=true", "po20", csv);
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_EQ(dry.Json().at("rows").as_int64(), 3);
  EXPECT_EQ(Errors(dry), "");
  EXPECT_FALSE(dry.Json().at("applied").as_bool());
  ASSERT_EQ(dry.Json().at("warnings").as_array().size(), 1u) << dry.body;
  EXPECT_EQ(std::string(dry.Json().at("warnings").at(0).at("column").as_string()), "Ghi chú");
  EXPECT_EQ(json::serialize(dry.Json().at("participants")), R"({"total":3,"female":2,"youth":1})");
  EXPECT_EQ(dry.Json().at("items").as_array().size(), 3u);
  EXPECT_EQ(dry.Json().at("items").at(1).at("birth_year").as_int64(), 1970);
  EXPECT_TRUE(Items(at).empty());  // a dry run writes nothing

  Reply applied = Upload(at + "/participants/import?filename=ds.csv", "po20", csv);
  ASSERT_EQ(applied.status, 200u) << applied.body;
  EXPECT_TRUE(applied.Json().at("applied").as_bool());
  EXPECT_EQ(Counts(at), R"({"total":3,"female":2,"youth":1})");
  json::array items = Items(at);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(std::string(items[0].at("name").as_string()), "Nguyễn Thị An");
  EXPECT_EQ(std::string(items[0].at("sex").as_string()), "female");
  EXPECT_EQ(std::string(items[0].at("position").as_string()), "Giám đốc");
  EXPECT_GT(items[0].at("entity").as_int64(), 0);
  EXPECT_EQ(std::string(items[1].at("sex").as_string()), "male");

  // A file in a legacy encoding is refused as a whole, naming the encoding.
  Reply legacy = Upload(at + "/participants/import", "po20", "H\xd9 v\xe0 t\xean\r\nNguy\xean\r\n");
  EXPECT_EQ(legacy.status, 400u) << legacy.body;
  EXPECT_NE(legacy.body.find("file_not_utf8"), std::string::npos) << legacy.body;
  // A file without a name column is refused as a whole.
  Reply nameless = Upload(at + "/participants/import", "po20", "Giới tính,Năm sinh\r\nNữ,1990\r\n", "vi");
  EXPECT_EQ(nameless.status, 400u) << nameless.body;
  EXPECT_NE(nameless.body.find("Họ và tên"), std::string::npos) << nameless.body;
  EXPECT_EQ(Items(at).size(), 3u);
}

TEST_F(ActivityFilesTest, XlsxHeadingsWithoutDiacriticsOrInEnglishAndBadRowsNamedWithNothingWritten) {
  AddCooperative("LS-02");
  const std::string at = Class();
  Reply english = Upload(at + "/participants/import?filename=trainees.xlsx", "po20",
                         Xlsx({{"Name", "SEX", "birth_year", "Entity", "Position"},
                               {"Hà Văn Dũng", "M", "2001", "LS-02", "Kế toán"},
                               {"Vi Thị Én", "female", "1995-02-01", "", ""},
                               {"", "", "", "", ""}}));
  ASSERT_EQ(english.status, 200u) << english.body;
  EXPECT_EQ(Errors(english), "");
  EXPECT_TRUE(english.Json().at("applied").as_bool()) << english.body;
  EXPECT_EQ(Counts(at), R"({"total":2,"female":1,"youth":2})");

  // Headings without diacritics; bad rows: an unknown sex, a birth in 2090, an unknown code.
  const std::string bad = Xlsx({{"Ho va ten", "Gioi tinh", "Nam sinh", "Ma HTX"},
                                {"Nông Văn Giang", "Nam", "1990", "LS-02"},
                                {"Lục Thị Hạnh", "X", "1991", ""},
                                {"Đàm Văn Ích", "Nam", "2090", ""},
                                {"Mã Thị Kim", "Nữ", "1992", "KHONG-CO"}});
  Reply r = Upload(at + "/participants/import?filename=ds.xlsx", "po20", bad, "vi");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.Json().at("applied").as_bool());
  EXPECT_EQ(r.Json().at("rows").as_int64(), 4);
  EXPECT_EQ(Errors(r), "3:Gioi tinh:sex 4:Nam sinh:birth_year 5:Ma HTX:entity") << r.body;
  EXPECT_NE(r.body.find("Giới tính \\\"X\\\" không rõ"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("KHONG-CO"), std::string::npos) << r.body;
  // Nothing written: the list is the English file's.
  EXPECT_EQ(Items(at).size(), 2u);
  EXPECT_EQ(Counts(at), R"({"total":2,"female":1,"youth":2})");
  // In English too.
  Reply en = Upload(at + "/participants/import?dry_run=true", "po20", bad);
  EXPECT_NE(en.body.find("Unknown sex"), std::string::npos) << en.body;
}

TEST_F(ActivityFilesTest, AnExportedListImportsBackUnchanged) {
  const int64_t coop = AddCooperative("LS-03");
  const std::string at = Class();
  Reply put =
      Call(bhttp::verb::put, at + "/participants", "po20",
           R"({"items":[{"name":"Nguyễn Thị An","sex":"female","birth_year":1998,"entity":)" + std::to_string(coop) +
               R"(,"organisation":"HTX, \"Bình An\"","position":"Giám đốc","phone":"+84 912 345 678",)"
               R"("email":"an@example.vn"},{"name":"Trần Văn Bình","sex":"male","birth_year":1970},)"
               R"({"name":"=Lò Thị Cúc"}]})");
  ASSERT_EQ(put.status, 200u) << put.body;
  const json::array before = Items(at);
  for (const char* format : {"csv", "xlsx"}) {
    SCOPED_TRACE(format);
    Reply file = Call(bhttp::verb::get, at + "/participants/export?format=" + std::string(format), "po20");
    ASSERT_EQ(file.status, 200u) << file.body;
    const std::string disposition(file.headers[bhttp::field::content_disposition]);
    EXPECT_NE(disposition.find("danh-sach-hoc-vien-" + at.substr(at.rfind('/') + 1) + "." + format), std::string::npos)
        << disposition;
    if (std::string(format) == "csv") {
      EXPECT_EQ(file.body.rfind(std::string(kBom) + "Họ và tên,Giới tính,Năm sinh,Mã HTX,", 0), 0u) << file.body;
      EXPECT_NE(file.body.find("\r\n"), std::string::npos);
      EXPECT_NE(file.body.find(",Nữ,1998,LS-03,"), std::string::npos) << file.body;
    } else {
      EXPECT_EQ(file.body.rfind("PK", 0), 0u);
    }
    const std::string other = Class("Lớp thứ hai");
    Reply back = Upload(other + "/participants/import?filename=back." + std::string(format), "po20", file.body);
    ASSERT_EQ(back.status, 200u) << back.body;
    EXPECT_EQ(Errors(back), "") << back.body;
    EXPECT_EQ(back.Json().at("warnings").as_array().size(), 0u) << back.body;
    EXPECT_TRUE(back.Json().at("applied").as_bool());
    EXPECT_EQ(json::serialize(Items(other)), json::serialize(before));
  }
}

TEST_F(ActivityFilesTest, ListsAreImportedAndExportedInScopeOnly) {
  const std::string at = Class();
  const std::string csv = "Họ và tên\r\nNguyễn Thị An\r\n";
  EXPECT_EQ(Upload(at + "/participants/import", "po01", csv).status, 404u);
  EXPECT_EQ(Upload(at + "/participants/import", "partner1", csv).status, 403u);
  EXPECT_EQ(Upload(at + "/participants/import", "", csv).status, 401u);
  EXPECT_EQ(Call(bhttp::verb::get, at + "/participants/export", "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, at + "/participants/export", "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::get, at + "/participants/export?format=pdf", "po20").status, 400u);
  EXPECT_EQ(Upload(at + "/participants/import?dry_run=maybe", "po20", csv).status, 400u);
  EXPECT_EQ(Upload("/api/v1/activities/999999/participants/import", "nat", csv).status, 404u);
  // Two columns naming one field, and an empty body, are refused as a whole.
  Reply twice = Upload(at + "/participants/import", "po20", "Họ và tên,Name\r\nA,B\r\n");
  EXPECT_EQ(twice.status, 400u) << twice.body;
  EXPECT_NE(twice.body.find("import_duplicate_column"), std::string::npos) << twice.body;
  EXPECT_EQ(Upload(at + "/participants/import", "po20", "").status, 400u);
  EXPECT_TRUE(Items(at).empty());
  // The national officer may.
  Reply nat = Upload(at + "/participants/import", "nat", csv);
  ASSERT_EQ(nat.status, 200u) << nat.body;
  EXPECT_TRUE(nat.Json().at("applied").as_bool());
}

TEST_F(ActivityFilesTest, ActivitiesExportAndImportBackAllOrNothing) {
  const int64_t programme =
      Created(Call(bhttp::verb::post, "/api/v1/programmes", "po20",
                   R"({"code":"LS-TN","title":"Chương trình phối hợp 2023–2026","kind":"coordination_programme",)"
                   R"("from":"2023-01-01","to":"2026-12-31","contents":[{"number":1,"text":"Tuyên truyền"},)"
                   R"({"number":2,"text":"Mỗi năm ít nhất một lớp bồi dưỡng"}]})"));
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
               R"({"type":"training","title":"Lớp khởi sự","from":"2024-05-10","to":"2024-05-12","province":"20",)"
               R"("place":"Hội trường","programmes":[{"programme":)" +
                   std::to_string(programme) +
                   R"(,"contents":[1,2]}],"participants":{"total":30,"female":12,"youth":20},"outcomes":"Tốt"})"));
  Created(Call(bhttp::verb::post, "/api/v1/activities", "po20",
               R"({"type":"dialogue","title":"Đối thoại với 40 HTX","from":"2025-03-01","province":"20"})"));
  Created(
      Call(bhttp::verb::post, "/api/v1/activities", "nat",
           R"({"type":"training","title":"Lớp ở Hà Nội","from":"2025-04-01","province":"01","organiser":"province"})"));

  Reply csv = Call(bhttp::verb::get, "/api/v1/activities/export?format=csv&province=20", "po20");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(std::string(csv.headers["X-Export-Rows"]), "2");
  EXPECT_EQ(csv.body.rfind(std::string(kBom) +
                               "Mã,Loại,Tên hoạt động,Trạng thái,Từ ngày,Đến ngày,Tỉnh,Xã,Địa điểm,Đơn vị tổ chức,"
                               "Chương trình,Số tổ chức tham gia,Tổng số người,Nữ,Thanh niên,Kết quả\r\n",
                           0),
            0u)
      << csv.body;
  EXPECT_NE(
      csv.body.find(
          ",Tập huấn,Lớp khởi sự,Đã tổ chức,10/05/2024,12/05/2024,20,,Hội trường,Tỉnh,\"LS-TN:1,2\",0,30,12,20,Tốt"),
      std::string::npos)
      << csv.body;
  // The list's filters apply; another province's activities are not the province's to export.
  Reply filtered = Call(bhttp::verb::get, "/api/v1/activities/export?format=xlsx&type=dialogue", "po20");
  ASSERT_EQ(filtered.status, 200u);
  EXPECT_EQ(std::string(filtered.headers["X-Export-Rows"]), "1");
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/activities/export?type=party", "po20").status, 400u);
  Reply national = Call(bhttp::verb::get, "/api/v1/activities/export?format=csv", "nat");
  EXPECT_EQ(std::string(national.headers["X-Export-Rows"]), "3");

  // The export imports back: a dry run checks each row and writes nothing, then all are created.
  for (const std::string& bytes :
       {csv.body, Call(bhttp::verb::get, "/api/v1/activities/export?province=20", "po20").body}) {
    Reply dry = Upload("/api/v1/activities/import?filename=hd.csv&dry_run=true", "po20", bytes);
    ASSERT_EQ(dry.status, 200u) << dry.body;
    EXPECT_EQ(Errors(dry), "") << dry.body;
    EXPECT_EQ(dry.Json().at("items").as_array().size(), 2u);
    EXPECT_FALSE(dry.Json().at("applied").as_bool());
  }
  Reply listed = Call(bhttp::verb::get, "/api/v1/activities?province=20", "po20");
  EXPECT_EQ(listed.Json().at("total").as_int64(), 2);
  Reply applied = Upload("/api/v1/activities/import?filename=hd.csv", "po20", csv.body);
  ASSERT_EQ(applied.status, 200u) << applied.body;
  EXPECT_TRUE(applied.Json().at("applied").as_bool());
  listed = Call(bhttp::verb::get,
                "/api/v1/activities?province=20&programme=" + std::to_string(programme) + "&content=2", "po20");
  EXPECT_EQ(listed.Json().at("total").as_int64(), 2) << listed.body;
  listed = Call(bhttp::verb::get, "/api/v1/activities?province=20", "po20");
  EXPECT_EQ(listed.Json().at("total").as_int64(), 4);

  // Bad rows: an unknown type, an impossible date, an unknown programme, another province; nothing created.
  const std::string bad =
      "Loai,Ten hoat dong,Tu ngay,Tinh,Chuong trinh\r\n"
      "Hoi nghi,Hội nghị sơ kết,01/07/2025,20,LS-TN:1\r\n"
      "Tiệc,Liên hoan,01/07/2025,20,\r\n"
      "training,Lớp A,32/13/2025,20,\r\n"
      "Tập huấn,Lớp B,01/07/2025,20,KHONG-CO\r\n"
      "Tập huấn,Lớp C,01/07/2025,01,\r\n";
  Reply r = Upload("/api/v1/activities/import?filename=bad.csv", "po20", bad, "vi");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.Json().at("applied").as_bool());
  EXPECT_EQ(Errors(r), "3:Loai:type 4:Tu ngay:from 5:Chuong trinh:programmes 6:Tinh:province") << r.body;
  listed = Call(bhttp::verb::get, "/api/v1/activities?province=20", "po20");
  EXPECT_EQ(listed.Json().at("total").as_int64(), 4);
  // Partners may not import; a file without the required columns is refused.
  EXPECT_EQ(Upload("/api/v1/activities/import", "partner1", bad).status, 403u);
  EXPECT_EQ(Upload("/api/v1/activities/import", "po20", "Tên hoạt động\r\nLớp\r\n").status, 400u);
}

}  // namespace
}  // namespace hoptac
