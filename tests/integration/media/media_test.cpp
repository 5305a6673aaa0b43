// The media files through the real server (src/media/README.md), on the backend named by
// HOPTAC_TEST_BACKEND: an upload (the raw body, ?filename=) answers the record with its URLs, GET
// /api/v1/images/{id} the same; each /media/ file (the original and every copy) comes with its
// content type, the immutable cache headers, nosniff and an ETag that answers 304; a wrong hash
// part, a wrong extension or a width that was not made is 404; a signed-in reader gets the same
// cacheable answer; anonymous uploads 401, a read-only token 403; refused files name the field in
// both languages and keep nothing; the upload is audited without the bytes; ImageRefs reads many
// ids in one query.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "attachments/attachment.h"
#include "base/log.h"
#include "media/media_store.h"
#include "storage/audit.h"
#include "support/attachment_files.h"
#include "support/http_client.h"
#include "support/media_files.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::ImageFormat;
using testing::Reply;

class MediaTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("partner", "partner");
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* lang = "en", std::vector<std::pair<std::string, std::string>> headers = {}) {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    for (auto& [name, value] : headers) req.set(name, value);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/octet-stream");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  Reply Upload(const std::string& name, const std::string& bytes, const std::string& as = "po20",
               const char* lang = "en") {
    return Call(bhttp::verb::post, "/api/v1/images?filename=" + name, as, bytes, lang);
  }

  int64_t Count(const char* table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                     HOPTAC_ASSIGN_OR_RETURN(auto row, conn.QueryOne(std::string("SELECT COUNT(*) FROM ") + table));
                     n = std::get<int64_t>((*row)[0]);
                     return Ok();
                   })
                    .ok());
    return n;
  }
};

std::string Header(const Reply& r, const char* name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : std::string(it->value());
}

TEST_F(MediaTest, UploadAnswersTheRecordAndEveryFileIsServedWithCacheHeadersAndItsEtag) {
  const std::string jpeg = testing::MakeImage(ImageFormat::kJpeg, 1600, 1067);
  const std::string hash = attachments::Sha256Hex(jpeg);
  Reply up = Upload("hoi-nghi.jpg", jpeg);
  ASSERT_EQ(up.status, 201u) << up.body;
  json::object o = up.Json().as_object();
  const int64_t id = o.at("id").as_int64();
  const std::string base = "/media/" + std::to_string(id) + "-" + hash.substr(0, 8);
  EXPECT_EQ(Header(up, "Location"), "/api/v1/images/" + std::to_string(id));
  json::object expected{{"id", id},
                        {"content_type", "image/jpeg"},
                        {"width", 1600},
                        {"height", 1067},
                        {"bytes", static_cast<int64_t>(jpeg.size())},
                        {"name", "hoi-nghi.jpg"},
                        {"url", base + ".jpg"},
                        {"variants", json::array{json::object{{"width", 320}, {"url", base + "-320.webp"}},
                                                 json::object{{"width", 640}, {"url", base + "-640.webp"}},
                                                 json::object{{"width", 1280}, {"url", base + "-1280.webp"}}}}};
  EXPECT_EQ(o, expected) << up.body;
  // The same record by its id, for any signed-in account.
  Reply got = Call(bhttp::verb::get, "/api/v1/images/" + std::to_string(id), "partner");
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.Json().as_object(), expected);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/images/" + std::to_string(id + 1), "partner").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/images/" + std::to_string(id), "").status, 401u);

  // The original: the same bytes.
  Reply original = Call(bhttp::verb::get, base + ".jpg", "");
  ASSERT_EQ(original.status, 200u) << original.body;
  EXPECT_EQ(original.body, jpeg);
  EXPECT_EQ(Header(original, "Content-Type"), "image/jpeg");
  EXPECT_EQ(Header(original, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(original, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Header(original, "ETag"), "\"" + hash + "\"");
  EXPECT_EQ(Header(original, "Content-Disposition"), "");
  // Each copy: WebP of its width, its own ETag.
  const std::vector<std::pair<int, int>> sizes = {{320, 213}, {640, 427}, {1280, 854}};
  for (auto [width, height] : sizes) {
    const std::string url = base + "-" + std::to_string(width) + ".webp";
    Reply v = Call(bhttp::verb::get, url, "");
    ASSERT_EQ(v.status, 200u) << url << " " << v.body;
    EXPECT_EQ(Header(v, "Content-Type"), "image/webp");
    EXPECT_EQ(Header(v, "Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(Header(v, "X-Content-Type-Options"), "nosniff");
    const std::string etag = "\"" + hash + "-" + std::to_string(width) + "\"";
    EXPECT_EQ(Header(v, "ETag"), etag);
    testing::Decoded d = testing::Decode(v.body);
    EXPECT_EQ(d.width, width);
    EXPECT_NEAR(d.height, height, 1);
    // Revalidation: 304 without the bytes, with the cache headers.
    Reply again = Call(bhttp::verb::get, url, "", "", "en", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(Header(again, "ETag"), etag);
    EXPECT_EQ(Header(again, "Cache-Control"), "public, max-age=31536000, immutable");
    // Another tag: the bytes again; a list holding it, or W/: 304.
    EXPECT_EQ(Call(bhttp::verb::get, url, "", "", "en", {{"If-None-Match", "\"" + hash + "\""}}).status, 200u);
    EXPECT_EQ(Call(bhttp::verb::get, url, "", "", "en", {{"If-None-Match", "\"x\", W/" + etag}}).status, 304u);
  }
  // A signed-in reader (a token here, a session cookie in the browser) gets the same cacheable
  // answer: the route reads no credentials.
  Reply signed_in = Call(bhttp::verb::get, base + "-320.webp", "po20");
  ASSERT_EQ(signed_in.status, 200u);
  EXPECT_EQ(Header(signed_in, "Cache-Control"), "public, max-age=31536000, immutable");

  // Names the server did not give: 404.
  const std::string wrong_hash = hash.substr(0, 7) + (hash[7] == '0' ? "1" : "0");
  for (const std::string& bad :
       {"/media/" + std::to_string(id) + "-" + wrong_hash + ".jpg", base + ".png", base + ".webp", base + "-320.jpg",
        base + "-100.webp", base + "-0320.webp", "/media/" + std::to_string(id + 1) + "-" + hash.substr(0, 8) + ".jpg",
        base + "-320", base, "/media/0" + std::to_string(id) + "-" + hash.substr(0, 8) + ".jpg",
        "/media/" + std::to_string(id) + "-" + hash.substr(0, 9) + ".jpg"}) {
    Reply r = Call(bhttp::verb::get, bad, "");
    EXPECT_EQ(r.status, 404u) << bad;
  }

  // Audited once, without the bytes.
  storage::AuditQuery q;
  q.object_type = "image";
  q.object_id = std::to_string(id);
  auto rows = storage::QueryAudit(*db_, q);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].action, "image.upload");
  EXPECT_EQ((*rows)[0].actor_name, "po20");
  EXPECT_EQ((*rows)[0].province_code, "20");
  EXPECT_EQ(json::parse((*rows)[0].after_json).as_object(), expected);
}

TEST_F(MediaTest, PdfIsKeptAsAnAttachmentWithoutCopies) {
  const std::string pdf = testing::MinimalPdf();
  const std::string hash = attachments::Sha256Hex(pdf);
  Reply up = Upload("Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf", pdf);  // "Quyết định.pdf"
  ASSERT_EQ(up.status, 201u) << up.body;
  json::object o = up.Json().as_object();
  const std::string url = "/media/" + std::to_string(o.at("id").as_int64()) + "-" + hash.substr(0, 8) + ".pdf";
  EXPECT_EQ(o.at("content_type").as_string(), "application/pdf");
  EXPECT_TRUE(o.at("width").is_null());
  EXPECT_TRUE(o.at("height").is_null());
  EXPECT_EQ(o.at("variants").as_array().size(), 0u);
  EXPECT_EQ(o.at("name").as_string(), "Quyết định.pdf");
  EXPECT_EQ(o.at("url").as_string(), url);
  Reply r = Call(bhttp::verb::get, url, "");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, pdf);
  EXPECT_EQ(Header(r, "Content-Type"), "application/pdf");
  EXPECT_EQ(Header(r, "Content-Disposition"),
            "attachment; filename=\"Quy___t _____nh.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf");
  EXPECT_EQ(Header(r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(MediaTest, RefusedUploadsNameTheFieldInBothLanguagesAndKeepNothing) {
  // Anonymous: 401; a read-only token: 403.
  const std::string png = testing::MakeImage(ImageFormat::kPng, 400, 300);
  EXPECT_EQ(Upload("a.png", png, "").status, 401u);
  // An HTML page named .jpg.
  Reply html = Upload("anh.jpg", "<html><body onload=alert(1)>x</body></html>");
  ASSERT_EQ(html.status, 400u) << html.body;
  json::object e = html.Json().at("error").as_object();
  EXPECT_EQ(e.at("message").as_string(),
            "This kind of file is not accepted. Accepted: JPEG, PNG, WebP, PDF (recognised by its content, not its "
            "name).");
  EXPECT_EQ(e.at("fields").as_array()[0].at("field").as_string(), "file");
  EXPECT_EQ(e.at("fields").as_array()[0].at("code").as_string(), "unsupported_type");
  Reply vi = Upload("anh.jpg", "<html></html>", "po20", "vi");
  EXPECT_EQ(vi.Json().at("error").at("fields").as_array()[0].at("message").as_string(),
            "Chỉ nhận ảnh hoặc tệp JPEG, PNG, WebP, PDF.");
  // A truncated JPEG.
  const std::string jpeg = testing::MakeImage(ImageFormat::kJpeg, 900, 600);
  Reply cut = Upload("cut.jpg", jpeg.substr(0, jpeg.size() / 2), "po20", "vi");
  ASSERT_EQ(cut.status, 400u) << cut.body;
  EXPECT_EQ(cut.Json().at("error").at("message").as_string(),
            "Không đọc được ảnh JPEG: tệp bị hỏng hoặc tải lên chưa hết. Hãy chọn lại tệp.");
  EXPECT_EQ(cut.Json().at("error").at("fields").as_array()[0].at("code").as_string(), "corrupt");
  // 48 megapixels claimed.
  Reply big = Upload("big.jpg", testing::JpegClaiming(6000, 8000));
  ASSERT_EQ(big.status, 400u) << big.body;
  EXPECT_EQ(big.Json().at("error").at("message").as_string(),
            "The image is too large: 6000×8000 pixels (48.0 megapixels); images up to 40.0 megapixels are accepted. "
            "Make it smaller and upload it again.");
  EXPECT_EQ(big.Json().at("error").at("fields").as_array()[0].at("code").as_string(), "too_many_pixels");
  // Over 10 MiB (inside the route's body limit): 413 from the media's own check.
  std::string large = jpeg;
  large.resize(media::kMaxBytes + 10, '\0');
  Reply too_large = Upload("large.jpg", large);
  EXPECT_EQ(too_large.status, 413u) << too_large.body;
  EXPECT_EQ(too_large.Json().at("error").at("fields").as_array()[0].at("code").as_string(), "too_large");
  EXPECT_EQ(Count("media_images"), 0);
  EXPECT_EQ(Count("media_variants"), 0);
}

TEST_F(MediaTest, ReadOnlyTokensCannotUpload) {
  auto user = accounts_->FindUser(auth::Principal::Cli("test"), "partner");
  ASSERT_TRUE(user.ok());
  auth::Principal who = auth::Principal::Cli("test");
  who.user_id = user->id;
  who.username = "partner";
  who.role = user->role;
  who.credential = auth::Credential::kApiToken;
  auto token = accounts_->CreateToken(who, "read", 30, true);
  ASSERT_TRUE(token.ok()) << token.error().key;
  system_.tokens()["reader"] = token->second;
  Reply r = Upload("a.png", testing::MakeImage(ImageFormat::kPng, 10, 10), "reader");
  EXPECT_EQ(r.status, 403u) << r.body;
  // A partner's account uploads.
  EXPECT_EQ(Upload("a.png", testing::MakeImage(ImageFormat::kPng, 10, 10), "partner").status, 201u);
}

TEST_F(MediaTest, ImageRefsReadsManyIdsInOneQuery) {
  std::vector<int64_t> ids;
  std::vector<std::string> hashes;
  for (auto [format, width] :
       {std::pair{ImageFormat::kJpeg, 700}, {ImageFormat::kWebp, 300}, {ImageFormat::kPng, 1300}}) {
    const std::string bytes = testing::MakeImage(format, width, 100);
    Reply r = Upload("x", bytes);
    ASSERT_EQ(r.status, 201u) << r.body;
    ids.push_back(r.Json().at("id").as_int64());
    hashes.push_back(attachments::Sha256Hex(bytes).substr(0, 8));
  }
  const std::vector<int64_t> asked = {ids[2], ids[0], 999999, ids[1], ids[0]};
  std::map<int64_t, media::ImageRef> refs;
  ASSERT_TRUE(db_->Read([&](storage::Connection& conn) -> Status {
                   HOPTAC_ASSIGN_OR_RETURN(refs, media::ImageRefs(conn, asked));
                   return Ok();
                 })
                  .ok());
  ASSERT_EQ(refs.size(), 3u);
  const media::ImageRef& a = refs.at(ids[0]);
  EXPECT_EQ(a.url, "/media/" + std::to_string(ids[0]) + "-" + hashes[0] + ".jpg");
  EXPECT_EQ(a.width, 700);
  EXPECT_EQ(a.height, 100);
  ASSERT_EQ(a.variants.size(), 2u);
  EXPECT_EQ(a.variants[0].width, 320);
  EXPECT_EQ(a.variants[1].url, "/media/" + std::to_string(ids[0]) + "-" + hashes[0] + "-640.webp");
  EXPECT_EQ(refs.at(ids[1]).url, "/media/" + std::to_string(ids[1]) + "-" + hashes[1] + ".webp");
  EXPECT_TRUE(refs.at(ids[1]).variants.empty());  // 300 wide: narrower than every copy
  EXPECT_EQ(refs.at(ids[2]).variants.size(), 3u);
  EXPECT_EQ(refs.at(ids[2]).content_type, "image/png");
  // Through the service too, and nothing for no ids.
  auto through = system_.system().media().Refs(asked);
  ASSERT_TRUE(through.ok());
  EXPECT_EQ(through->size(), 3u);
  auto none = system_.system().media().Refs({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

// The time to upload and resize a 12-megapixel JPEG (4000 × 3000), median of 5 (a measurement,
// run by hand: --gtest_also_run_disabled_tests --gtest_filter='*TwelveMegapixel*').
TEST_F(MediaTest, DISABLED_TwelveMegapixelUploadTime) {
  const std::string jpeg = testing::MakeImage(ImageFormat::kJpeg, 4000, 3000);
  std::vector<double> seconds;
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    Reply r = Upload("photo.jpg", jpeg);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    ASSERT_EQ(r.status, 201u) << r.body;
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("12 MP JPEG (%zu bytes): upload and resize median %.3f s (min %.3f, max %.3f)\n", jpeg.size(), seconds[2],
              seconds[0], seconds[4]);
}

}  // namespace
}  // namespace hoptac
