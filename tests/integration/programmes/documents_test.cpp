// Documents attached to a programme (src/programmes/README.md, src/attachments/) through the real
// server, on the backend named by HOPTAC_TEST_BACKEND: an upload (the raw body, its name in
// ?filename=) answers the item, the list shows it, the download gives the same bytes with the
// content type found from them, Content-Disposition (RFC 6266) and nosniff, the delete removes it;
// scope as the programme's (another province's: 404; a national programme to a province: 403);
// refused files named by field in both languages; a body over the route's limit and a file over
// 10 MiB answer 413; nothing refused is stored; every write audited without the bytes.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "attachments/attachment.h"
#include "base/log.h"
#include "storage/audit.h"
#include "support/attachment_files.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

std::string PercentEncoded(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

class DocumentsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    province_ = CreateProgramme("po20", R"({"code":"LS-TN-2023","title":"Chương trình phối hợp Tỉnh đoàn 2023–2025",)"
                                        R"("kind":"coordination_programme","from":"2023-01-01","to":"2025-12-31"})");
    national_ = CreateProgramme("nat", R"({"code":"QD01-2023","title":"Kế hoạch thực hiện Quyết định 01/QĐ-TTg",)"
                                       R"("kind":"plan","from":"2023-01-03","to":"2030-12-31"})");
    ASSERT_GT(province_, 0);
    ASSERT_GT(national_, 0);
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* lang = "en", const char* content_type = "application/octet-stream") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  int64_t CreateProgramme(const std::string& as, const std::string& body) {
    Reply r = Call(bhttp::verb::post, "/api/v1/programmes", as, body, "en", "application/json");
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  static std::string Documents(int64_t programme) {
    return "/api/v1/programmes/" + std::to_string(programme) + "/documents";
  }

  Reply Upload(int64_t programme, const std::string& as, const std::string& name, const std::string& bytes,
               const char* lang = "en") {
    return Call(bhttp::verb::post, Documents(programme) + "?filename=" + PercentEncoded(name), as, bytes, lang);
  }

  size_t Listed(int64_t programme) {
    Reply r = Call(bhttp::verb::get, Documents(programme), "nat");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200 ? r.Json().at("items").as_array().size() : 0;
  }

  std::vector<storage::AuditRecord> Audit(int64_t programme) {
    storage::AuditQuery q;
    q.object_type = "programme";
    q.object_id = std::to_string(programme);
    auto rows = storage::QueryAudit(*db_, q);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<storage::AuditRecord>{};
  }

  int64_t province_ = 0, national_ = 0;
};

TEST_F(DocumentsTest, UploadListDownloadAndDeleteKeepTheBytesAndAuditWithoutThem) {
  const std::string pdf = testing::MinimalPdf(), docx = testing::MinimalDocx(), png = testing::MinimalPng();
  ASSERT_FALSE(docx.empty());
  // The declared type is ignored: the content decides.
  Reply a = Upload(province_, "po20", "Quyết định 01.pdf", pdf);
  ASSERT_EQ(a.status, 201u) << a.body;
  EXPECT_EQ(std::string(a.Json().at("name").as_string()), "Quyết định 01.pdf");
  EXPECT_EQ(std::string(a.Json().at("content_type").as_string()), "application/pdf");
  EXPECT_EQ(a.Json().at("size").as_int64(), static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(std::string(a.Json().at("sha256").as_string()), attachments::Sha256Hex(pdf));
  EXPECT_EQ(std::string(a.Json().at("created_by").as_string()), "po20");
  EXPECT_GT(a.Json().at("created_at_ms").as_int64(), 0);
  const int64_t pdf_id = a.Json().at("id").as_int64();
  EXPECT_EQ(std::string(a.headers[bhttp::field::location]), Documents(province_) + "/" + std::to_string(pdf_id));
  Reply b = Upload(province_, "po20", "Kế hoạch triển khai.docx", docx);
  ASSERT_EQ(b.status, 201u) << b.body;
  EXPECT_EQ(std::string(b.Json().at("content_type").as_string()),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // A picture named .pdf is kept as the PNG it is, its name ending in .png.
  Reply c = Upload(province_, "po20", "C:\\Ảnh\\lễ ký kết.pdf", png);
  ASSERT_EQ(c.status, 201u) << c.body;
  EXPECT_EQ(std::string(c.Json().at("name").as_string()), "lễ ký kết.pdf.png");
  const int64_t png_id = c.Json().at("id").as_int64();

  Reply list = Call(bhttp::verb::get, Documents(province_), "po20");
  ASSERT_EQ(list.status, 200u) << list.body;
  const json::array& items = list.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("id").as_int64(), pdf_id);
  EXPECT_EQ(std::string(items[1].at("name").as_string()), "Kế hoạch triển khai.docx");
  EXPECT_EQ(std::string(items[2].at("content_type").as_string()), "image/png");
  EXPECT_FALSE(items[0].as_object().contains("data"));

  // The same bytes (the PNG holds NUL bytes), the stored type, an attachment, nosniff.
  Reply got = Call(bhttp::verb::get, Documents(province_) + "/" + std::to_string(png_id), "po20");
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.body, png);
  EXPECT_EQ(std::string(got.headers[bhttp::field::content_type]), "image/png");
  EXPECT_EQ(std::string(got.headers["X-Content-Type-Options"]), "nosniff");
  EXPECT_EQ(std::string(got.headers[bhttp::field::content_disposition]),
            "attachment; filename=\"l___ k__ k___t.pdf.png\"; "
            "filename*=UTF-8''l%E1%BB%85%20k%C3%BD%20k%E1%BA%BFt.pdf.png");
  Reply got_pdf = Call(bhttp::verb::get, Documents(province_) + "/" + std::to_string(pdf_id), "nat");
  ASSERT_EQ(got_pdf.status, 200u);
  EXPECT_EQ(got_pdf.body, pdf);
  EXPECT_EQ(std::string(got_pdf.headers[bhttp::field::content_type]), "application/pdf");

  EXPECT_EQ(Call(bhttp::verb::delete_, Documents(province_) + "/" + std::to_string(pdf_id), "po20").status, 204u);
  EXPECT_EQ(Call(bhttp::verb::get, Documents(province_) + "/" + std::to_string(pdf_id), "po20").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::delete_, Documents(province_) + "/" + std::to_string(pdf_id), "po20").status, 404u);
  EXPECT_EQ(Listed(province_), 2u);
  // A document is reached only through its programme.
  EXPECT_EQ(Call(bhttp::verb::get, Documents(national_) + "/" + std::to_string(png_id), "nat").status, 404u);

  // Audited in the programme's province: name, size, SHA-256; never the bytes.
  std::vector<std::string> actions;
  for (const storage::AuditRecord& r : Audit(province_)) {
    if (r.action.rfind("programme.document_", 0) != 0) continue;
    actions.push_back(r.action);
    EXPECT_EQ(r.province_code, "20");
    EXPECT_EQ(r.actor_name, "po20");
    const std::string& row = r.action == "programme.document_add" ? r.after_json : r.before_json;
    json::object o = json::parse(row).as_object();
    EXPECT_TRUE(o.contains("sha256") && o.contains("size") && o.contains("name")) << row;
    EXPECT_LT(row.size(), 600u) << row;
    EXPECT_EQ(row.find("%PDF"), std::string::npos);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"programme.document_delete", "programme.document_add",
                                               "programme.document_add", "programme.document_add"}));
}

TEST_F(DocumentsTest, ScopeIsTheProgrammes) {
  Reply made = Upload(province_, "po20", "a.pdf", testing::MinimalPdf());
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string doc = Documents(province_) + "/" + std::to_string(made.Json().at("id").as_int64());
  // Another province's programme does not exist for po01.
  EXPECT_EQ(Call(bhttp::verb::get, Documents(province_), "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, doc, "po01").status, 404u);
  EXPECT_EQ(Upload(province_, "po01", "b.pdf", testing::MinimalPdf()).status, 404u);
  EXPECT_EQ(Call(bhttp::verb::delete_, doc, "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, doc, "").status, 401u);

  // A national programme: a province account reads its documents, may not add or remove them.
  Reply national = Upload(national_, "nat", "Kế hoạch 01.pdf", testing::MinimalPdf());
  ASSERT_EQ(national.status, 201u) << national.body;
  const std::string national_doc = Documents(national_) + "/" + std::to_string(national.Json().at("id").as_int64());
  EXPECT_EQ(Call(bhttp::verb::get, Documents(national_), "po01").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::get, national_doc, "po01").status, 200u);
  Reply refused = Upload(national_, "po01", "c.pdf", testing::MinimalPdf());
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(Call(bhttp::verb::delete_, national_doc, "po01").status, 403u);
  EXPECT_EQ(Listed(national_), 1u);
  EXPECT_EQ(Listed(province_), 1u);
}

TEST_F(DocumentsTest, RefusedFilesAreNamedByFieldInBothLanguagesAndNothingIsStored) {
  // An HTML page and a Windows program, named as documents.
  for (const std::string& bytes : {std::string("<!DOCTYPE html><html><body>Xin chào</body></html>"),
                                   std::string("MZ\x90\x00\x03\x00\x00\x00", 8) + "This program cannot be run",
                                   testing::ZipOf({{"readme.txt", "Không phải tài liệu Word"}})}) {
    Reply en = Upload(province_, "po20", "Quyết định.docx", bytes, "en");
    ASSERT_EQ(en.status, 400u) << en.body;
    EXPECT_EQ(en.Code(), "invalid_argument");
    const json::object& error = en.Json().at("error").as_object();
    EXPECT_NE(std::string(error.at("message").as_string()).find("PDF, DOCX, XLSX, PNG, JPEG, WebP"), std::string::npos)
        << en.body;
    ASSERT_EQ(error.at("fields").as_array().size(), 1u);
    EXPECT_EQ(std::string(error.at("fields").at(0).at("field").as_string()), "file");
    EXPECT_EQ(std::string(error.at("fields").at(0).at("code").as_string()), "unsupported_type");
    Reply vi = Upload(province_, "po20", "Quyết định.docx", bytes, "vi");
    ASSERT_EQ(vi.status, 400u);
    EXPECT_NE(std::string(vi.Json().at("error").at("message").as_string()).find("Loại tệp không được nhận"),
              std::string::npos)
        << vi.body;
  }
  Reply empty = Call(bhttp::verb::post, Documents(province_) + "?filename=a.pdf", "po20");
  ASSERT_EQ(empty.status, 400u) << empty.body;
  EXPECT_EQ(std::string(empty.Json().at("error").at("fields").at(0).at("code").as_string()), "empty");
  EXPECT_NE(std::string(empty.Json().at("error").at("message").as_string()).find("empty"), std::string::npos);
  Reply unknown = Call(bhttp::verb::post, Documents(province_) + "?name=a.pdf", "po20", testing::MinimalPdf());
  EXPECT_EQ(unknown.status, 400u) << unknown.body;
  EXPECT_EQ(Listed(province_), 0u);
  for (const storage::AuditRecord& r : Audit(province_)) EXPECT_NE(r.action, "programme.document_add");
}

TEST_F(DocumentsTest, AFileOverTenMebibytesAndABodyOverTheRoutesLimitAnswer413) {
  // Within the route's limit but over the file limit: the attachments' own error.
  std::string over = testing::MinimalPdf();
  over.resize(attachments::kMaxBytes + 1, ' ');
  Reply file = Upload(province_, "po20", "lon.pdf", over);
  ASSERT_EQ(file.status, 413u) << file.body.substr(0, 500);
  EXPECT_EQ(file.Code(), "payload_too_large");
  EXPECT_NE(std::string(file.Json().at("error").at("message").as_string()).find("10 MiB"), std::string::npos)
      << file.body;
  EXPECT_EQ(std::string(file.Json().at("error").at("fields").at(0).at("code").as_string()), "too_large");
  // Over the route's limit (11 MiB): the server answers 413 as soon as it reads the header's
  // Content-Length, before the body and the handler (a client that goes on sending more than the
  // server drains, 8 MiB, is cut off: so the body is not sent here).
  {
    namespace net = boost::asio;
    net::io_context io;
    net::ip::tcp::socket socket(io);
    socket.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), system_.port()));
    const std::string head = "POST " + Documents(province_) +
                             "?filename=rat-lon.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n"
                             "Authorization: Bearer " +
                             system_.tokens()["po20"] + "\r\nContent-Type: application/pdf\r\nContent-Length: " +
                             std::to_string(attachments::kMaxBytes + (size_t{2} << 20)) + "\r\n\r\n";
    net::write(socket, net::buffer(head));
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    boost::beast::error_code ec;
    bhttp::read(socket, buffer, response, ec);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(response.result_int(), 413u) << response.body();
    EXPECT_NE(response.body().find("payload_too_large"), std::string::npos) << response.body();
  }
  EXPECT_EQ(Listed(province_), 0u);
  // Exactly 10 MiB is kept.
  std::string limit = testing::MinimalPdf();
  limit.resize(attachments::kMaxBytes, ' ');
  Reply kept = Upload(province_, "po20", "vua-du.pdf", limit);
  ASSERT_EQ(kept.status, 201u) << kept.body.substr(0, 500);
  EXPECT_EQ(Listed(province_), 1u);
  Reply back =
      Call(bhttp::verb::get, Documents(province_) + "/" + std::to_string(kept.Json().at("id").as_int64()), "po20");
  ASSERT_EQ(back.status, 200u);
  EXPECT_EQ(back.body.size(), attachments::kMaxBytes);
  EXPECT_EQ(back.body == limit, true);
}

}  // namespace
}  // namespace hoptac
