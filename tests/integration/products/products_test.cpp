// Products (src/products/README.md) through the real server, on the backend named by
// HOPTAC_TEST_BACKEND: a cooperative account adds a product with an OCOP rating for its own entity
// (another entity: 403; another cooperative's pending product: 404); it waits for review, invisible
// to anonymous callers; another province's officer gets 404; the entity's province officer approves
// it and the public finds it by "mat ong"; the cooperative's edit sends it back for review, a staff
// edit keeps its status; a rejection needs a note; a withdrawn product takes no step (409); every
// step is in the audit log, named by the product's name; the search's order (OCOP stars, then the
// name in Vietnamese order) and paging; every bad input named by field; the demo products. The
// clock is 2026-06-30 10:00 (UTC+7).
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "base/log.h"
#include "products/product_demo.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using testing::Reply;

// 2026-06-30 10:00 in Vietnam.
constexpr int64_t kStartMs = 1782788400000;

constexpr const char* kHoney =
    R"({"name":"Mật ong hoa nhãn","category":"food","description":"Mật ong nguyên chất.\n\nThu hoạch tháng 3.",
        "unit":"chai 500 ml","price_min":150000,"price_max":180000,
        "ocop":{"stars":4,"certificate":"123/QĐ-UBND","year":2024,"expires_on":"2027-05-01"},
        "certifications":["vietgap","organic"],"photos":[{"id":9,"alt":"Chai mật ong 500 ml"}],
        "where_to_buy":[{"kind":"online","name":"Shopee","url":"https://shopee.vn/mat-ong"},
                        {"kind":"shop","name":"Cửa hàng OCOP","address":"Số 8 Chùa Chuông"}],
        "fair_activity_ids":[31]})";

class ProductsTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    app::SystemOptions options = testing::FastSystemOptions();
    options.programme_clock = [] { return kStartMs; };
    ASSERT_TRUE(CreateSystem(std::move(options)));
    ASSERT_TRUE(system_.Serve());
    system_.AddUser("nat", "national_officer");
    system_.AddUser("adm", "national_admin");
    system_.AddUser("po20", "province_officer", "20");
    system_.AddUser("po01", "province_officer", "01");
    system_.AddUser("partner1", "partner");
    coop_a_ = AddCooperative("LS-A", "20");
    coop_b_ = AddCooperative("LS-B", "20");
    coop_hn_ = AddCooperative("HN-C", "01");
    system_.AddUser("coop_a", "cooperative", "", coop_a_);
    system_.AddUser("coop_b", "cooperative", "", coop_b_);
  }

  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* lang = "en") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, lang);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + system_.tokens()[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(system_.port(), std::move(req));
  }

  int64_t Created(const Reply& r) {
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  int64_t AddCooperative(const std::string& code, const std::string& province) {
    auto made = system_.system().entities().Create(auth::Principal::Cli("test"), [&] {
      domain::Entity e;
      e.kind = domain::EntityKind::kCooperative;
      e.name = "Hợp tác xã " + code;
      e.registration_code = code;
      e.province_code = province;
      e.founded_on = Date::FromCivil(2020, 1, 1);
      return e;
    }());
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->entity.id : 0;
  }

  // A product of `entity` with `stars` OCOP stars (0: none), added and approved by a national officer.
  int64_t Approved(const std::string& name, int stars, int64_t entity) {
    std::string body = R"({"name":")" + name + R"(","category":"food","entity_id":)" + std::to_string(entity);
    if (stars > 0) body += R"(,"ocop":{"stars":)" + std::to_string(stars) + R"(,"certificate":"1/QĐ","year":2025})";
    const int64_t id = Created(Call(bhttp::verb::post, "/api/v1/products", "nat", body + "}"));
    EXPECT_EQ(Call(bhttp::verb::post, Path(id, "approve"), "nat").status, 200u);
    return id;
  }

  static std::string Path(int64_t id, const std::string& step = "") {
    return "/api/v1/products/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
  }

  static std::vector<std::string> Names(const Reply& r) {
    std::vector<std::string> out;
    for (const json::value& v : r.Json().at("items").as_array()) out.emplace_back(v.at("name").as_string());
    return out;
  }

  static std::vector<std::string> Fields(const Reply& r) {
    std::vector<std::string> out;
    for (const json::value& f : r.Json().at("error").at("fields").as_array())
      out.emplace_back(f.at("field").as_string());
    return out;
  }

  int64_t coop_a_ = 0, coop_b_ = 0, coop_hn_ = 0;
};

TEST_F(ProductsTest, ACooperativesProductIsReviewedThenFoundByTheSearchWithoutDiacritics) {
  Reply made = Call(bhttp::verb::post, "/api/v1/products", "coop_a", kHoney);
  const int64_t id = Created(made);
  ASSERT_GT(id, 0);
  const json::value& p = made.Json();
  EXPECT_EQ(p.at("status"), "pending");
  EXPECT_EQ(p.at("entity_id"), coop_a_);
  EXPECT_EQ(p.at("entity_name"), "Hợp tác xã LS-A");
  EXPECT_EQ(p.at("province"), "20");
  EXPECT_EQ(p.at("province_name"), "Lạng Sơn");
  EXPECT_EQ(p.at("slug").as_string(), "mat-ong-hoa-nhan-" + std::to_string(id));
  EXPECT_EQ(p.at("url").as_string(), "/san-pham/mat-ong-hoa-nhan-" + std::to_string(id));
  EXPECT_EQ(p.at("price_min"), 150000);
  EXPECT_EQ(p.at("price_max"), 180000);
  EXPECT_EQ(p.at("ocop").at("stars"), 4);
  EXPECT_EQ(p.at("ocop").at("certificate"), "123/QĐ-UBND");
  EXPECT_EQ(p.at("ocop").at("year"), 2024);
  EXPECT_EQ(p.at("ocop").at("expires_on"), "2027-05-01");
  EXPECT_EQ(p.at("ocop").at("expired"), false);
  EXPECT_EQ(p.at("certifications"), json::parse(R"(["vietgap","organic"])"));
  EXPECT_EQ(p.at("photos"), json::parse(R"([{"id":9,"alt":"Chai mật ong 500 ml"}])"));
  EXPECT_EQ(p.at("where_to_buy").at(0).at("url"), "https://shopee.vn/mat-ong");
  EXPECT_EQ(p.at("where_to_buy").at(1).at("address"), "Số 8 Chùa Chuông");
  EXPECT_EQ(p.at("fair_activity_ids"), json::parse("[31]"));
  EXPECT_EQ(p.at("created_at"), "2026-06-30T03:00:00Z");
  EXPECT_TRUE(p.at("approved_at").is_null());

  // Its own entity only: another is refused (403); another cooperative's pending product is not found.
  Reply other_entity = Call(bhttp::verb::post, "/api/v1/products", "coop_a",
                            R"({"name":"Chè","category":"beverage","entity_id":)" + std::to_string(coop_hn_) + "}");
  EXPECT_EQ(other_entity.status, 403u) << other_entity.body;
  const int64_t hanoi =
      Created(Call(bhttp::verb::post, "/api/v1/products", "po01",
                   R"({"name":"Gốm men lam","category":"handicraft","entity_id":)" + std::to_string(coop_hn_) + "}"));
  EXPECT_EQ(Call(bhttp::verb::patch, Path(hanoi), "coop_a", R"({"unit":"bộ"})").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(hanoi), "coop_a").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "coop_b").status, 404u);

  // Pending: invisible to anonymous callers and partners, and to another province's officer (404).
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?q=mat%20ong", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "partner1").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "approve"), "po01").status, 404u);
  // The cooperative cannot approve its own product (403).
  Reply self = Call(bhttp::verb::post, Path(id, "approve"), "coop_a");
  EXPECT_EQ(self.status, 403u) << self.body;
  // The province's review queue holds it.
  Reply queue = Call(bhttp::verb::get, "/api/v1/products?status=pending", "po20");
  EXPECT_EQ(queue.Json().at("total"), 1);
  EXPECT_EQ(Names(queue), (std::vector<std::string>{"Mật ong hoa nhãn"}));

  // The entity's province officer approves it: the public finds it by name without diacritics.
  Reply approved = Call(bhttp::verb::post, Path(id, "approve"), "po20");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.Json().at("status"), "approved");
  EXPECT_EQ(approved.Json().at("approved_at"), "2026-06-30T03:00:00Z");
  for (const char* q : {"mat%20ong", "ong%20mat", "m%E1%BA%ADt", "MAT%20NHA"}) {
    Reply found = Call(bhttp::verb::get, std::string("/api/v1/products?q=") + q, "");
    ASSERT_EQ(found.status, 200u) << found.body;
    EXPECT_EQ(found.Json().at("total"), 1) << q;
    EXPECT_EQ(Names(found), (std::vector<std::string>{"Mật ong hoa nhãn"})) << q;
  }
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?q=mat%20ong%20rung", "").Json().at("total"), 0);
  EXPECT_EQ(
      Call(bhttp::verb::get, "/api/v1/products?q=ong&ocop_min=4&province=20&category=food", "").Json().at("total"), 1);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?ocop_min=5", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?province=01", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?entity_id=" + std::to_string(coop_a_), "").Json().at("total"), 1);
  // Anonymous: approved only, whatever status it asks for (the Hà Nội product is pending).
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?status=pending", "").Json().at("total"), 0);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "").status, 200u);
  // The portal's methods see it too.
  auto& svc = system_.system().products();
  auto by_slug = svc.PublicGetBySlug("mat-ong-cu-" + std::to_string(id));
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(by_slug->slug, "mat-ong-hoa-nhan-" + std::to_string(id));
  EXPECT_EQ(svc.PublicOfEntity(coop_a_)->size(), 1u);
  EXPECT_FALSE(svc.PublicGet(hanoi).ok());

  // Another province's officer may read it now, not change it (404); the province's officer's edit
  // keeps it approved.
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "po01").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::patch, Path(id), "po01", R"({"unit":"chai"})").status, 404u);
  const uint64_t generation = svc.Generation();
  Reply staff_edit = Call(bhttp::verb::patch, Path(id), "po20", R"j({"unit":"chai 500 ml (thủy tinh)"})j");
  ASSERT_EQ(staff_edit.status, 200u) << staff_edit.body;
  EXPECT_EQ(staff_edit.Json().at("status"), "approved");
  EXPECT_NE(svc.Generation(), generation);

  // The cooperative's edit sends it back for review: the public no longer sees it.
  Reply edited = Call(bhttp::verb::patch, Path(id), "coop_a", R"({"price_max":200000,"ocop":null})");
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(edited.Json().at("status"), "pending");
  EXPECT_EQ(edited.Json().at("price_max"), 200000);
  EXPECT_TRUE(edited.Json().at("ocop").is_null());
  EXPECT_EQ(edited.Json().at("unit"), "chai 500 ml (thủy tinh)");
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?q=mat%20ong", "").Json().at("total"), 0);

  // A rejection needs a note (field "note", in Vietnamese too).
  Reply no_note = Call(bhttp::verb::post, Path(id, "reject"), "po20", R"({"note":"  "})", "vi");
  ASSERT_EQ(no_note.status, 400u) << no_note.body;
  EXPECT_EQ(Fields(no_note), (std::vector<std::string>{"note"}));
  EXPECT_EQ(no_note.Json().at("error").at("fields").at(0).at("message"),
            "Hãy nêu lý do từ chối sản phẩm: hợp tác xã sẽ đọc lý do này.");
  Reply rejected = Call(bhttp::verb::post, Path(id, "reject"), "po20", R"({"note":"Thiếu ảnh nhãn chai"})");
  ASSERT_EQ(rejected.status, 200u) << rejected.body;
  EXPECT_EQ(rejected.Json().at("status"), "rejected");
  EXPECT_EQ(rejected.Json().at("review_note"), "Thiếu ảnh nhãn chai");
  EXPECT_EQ(Call(bhttp::verb::post, Path(id, "reject"), "po20", R"({"note":"Lần nữa"})").status, 409u);

  // Withdrawn by the cooperative: kept, and no step is taken any more (409 naming the status).
  Reply withdrawn = Call(bhttp::verb::delete_, Path(id), "coop_a");
  ASSERT_EQ(withdrawn.status, 200u) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json().at("status"), "withdrawn");
  Reply late = Call(bhttp::verb::post, Path(id, "approve"), "po20");
  ASSERT_EQ(late.status, 409u) << late.body;
  EXPECT_EQ(late.Json().at("error").at("fields").at(0).at("field"), "from");
  EXPECT_EQ(late.Json().at("error").at("fields").at(0).at("message"), "Withdrawn");
  EXPECT_EQ(Call(bhttp::verb::patch, Path(id), "coop_a", R"({"unit":"chai"})").status, 409u);
  EXPECT_EQ(Call(bhttp::verb::get, Path(id), "coop_a").Json().at("status"), "withdrawn");

  // Every step in the audit log, named by the product's name, in its province.
  Reply audit = Call(bhttp::verb::get, "/api/v1/audit?object=product:" + std::to_string(id), "adm");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  std::vector<std::string> actions;
  for (const json::value& row : audit.Json().at("items").as_array()) {
    actions.emplace_back(row.at("action").as_string());
    EXPECT_EQ(row.at("object_name"), "Mật ong hoa nhãn");
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"product.withdraw", "product.reject", "product.update", "product.update",
                                               "product.approve", "product.create"}));
  EXPECT_EQ(audit.Json().at("items").at(2).at("before").at("status"), "approved");
  EXPECT_EQ(audit.Json().at("items").at(2).at("after").at("status"), "pending");
  EXPECT_EQ(audit.Json().at("items").at(5).at("actor_name"), "coop_a");
  EXPECT_EQ(audit.Json().at("items").at(5).at("province_code"), "20");
}

TEST_F(ProductsTest, TheSearchSortsByOcopStarsThenTheNameInVietnameseOrderAndPages) {
  Approved("Bánh chưng", 0, coop_a_);
  Approved("Ăn liền miến", 0, coop_b_);
  Approved("An Phú gạo", 0, coop_hn_);
  Approved("Xoài cát", 5, coop_a_);
  Approved("Đậu phộng", 3, coop_a_);
  Approved("Dưa hấu", 3, coop_hn_);
  Reply all = Call(bhttp::verb::get, "/api/v1/products", "");
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(all.Json().at("total"), 6);
  // Vietnamese order: An < Ăn < B, D < Đ (byte order would put Ă and Đ last).
  EXPECT_EQ(Names(all),
            (std::vector<std::string>{"Xoài cát", "Dưa hấu", "Đậu phộng", "An Phú gạo", "Ăn liền miến", "Bánh chưng"}));
  Reply page2 = Call(bhttp::verb::get, "/api/v1/products?limit=4&page=2", "");
  EXPECT_EQ(page2.Json().at("total"), 6);
  EXPECT_EQ(page2.Json().at("page"), 2);
  EXPECT_EQ(Names(page2), (std::vector<std::string>{"Ăn liền miến", "Bánh chưng"}));
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?limit=4&page=3", "").Json().at("items").as_array().size(), 0u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?limit=101", "").status, 400u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?ocop_min=6", "").status, 400u);
  EXPECT_EQ(Call(bhttp::verb::get, "/api/v1/products?status=draft", "").status, 400u);
  // The portal's search: the same filters, approved only.
  products::ProductQuery q;
  q.q = "dau";
  auto found = system_.system().products().PublicSearch(q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].product.name, "Đậu phộng");
  EXPECT_EQ(found->items[0].entity_name, "Hợp tác xã LS-A");
  // Categories: public, in their order.
  Reply categories = Call(bhttp::verb::get, "/api/v1/product-categories", "");
  ASSERT_EQ(categories.status, 200u);
  EXPECT_EQ(categories.Json().at("items").as_array().size(), 8u);
  EXPECT_EQ(categories.Json().at("items").at(0), json::parse(R"({"code":"agriculture","name":"Nông sản",
                                                                  "name_en":"Agricultural produce"})"));
  EXPECT_EQ(categories.Json().at("items").at(6).at("name"), "Du lịch – dịch vụ");
}

TEST_F(ProductsTest, EveryBadInputIsNamedByField) {
  Reply bad = Call(bhttp::verb::post, "/api/v1/products", "coop_a",
                   R"j({"name":"","category":"cars","price_min":200000,"price_max":100000,
                       "ocop":{"stars":6,"certificate":"1","year":2017},
                       "certifications":["iso9001"],"photos":[{"id":3}],
                       "where_to_buy":[{"kind":"online","name":"Shop","url":"javascript:alert(1)"}]})j");
  ASSERT_EQ(bad.status, 400u) << bad.body;
  EXPECT_EQ(Fields(bad), (std::vector<std::string>{"name", "category", "price_max", "ocop.stars", "ocop.year",
                                                   "certifications[0]", "photos[0].alt", "where_to_buy[0].url"}));
  // Types: a price with a fraction of a đồng, an unknown member.
  Reply types = Call(bhttp::verb::post, "/api/v1/products", "coop_a",
                     R"({"name":"Chè","category":"beverage","price_min":1500.5,"colour":"xanh"})");
  ASSERT_EQ(types.status, 400u) << types.body;
  EXPECT_EQ(Fields(types), (std::vector<std::string>{"price_min", "colour"}));
  // Staff name the entity: required, in the registry, of their province.
  EXPECT_EQ(Fields(Call(bhttp::verb::post, "/api/v1/products", "nat", R"({"name":"Chè","category":"beverage"})")),
            (std::vector<std::string>{"entity_id"}));
  EXPECT_EQ(Fields(Call(bhttp::verb::post, "/api/v1/products", "nat",
                        R"({"name":"Chè","category":"beverage","entity_id":999999})")),
            (std::vector<std::string>{"entity_id"}));
  Reply other = Call(bhttp::verb::post, "/api/v1/products", "po01",
                     R"({"name":"Chè","category":"beverage","entity_id":)" + std::to_string(coop_a_) + "}");
  EXPECT_EQ(other.status, 403u) << other.body;
  // Partners add nothing.
  EXPECT_EQ(Call(bhttp::verb::post, "/api/v1/products", "partner1", R"({"name":"Chè","category":"beverage"})").status,
            403u);
}

TEST_F(ProductsTest, TheDemoProductsAreApprovedAndFoundByThePublic) {
  auto added = products::LoadDemoProducts(system_.system().products(), system_.system().entities(),
                                          auth::Principal::Cli("test"));
  ASSERT_TRUE(added.ok()) << added.error().key;
  EXPECT_EQ(*added, 6);
  Reply all = Call(bhttp::verb::get, "/api/v1/products", "");
  EXPECT_EQ(all.Json().at("total"), 5);  // the sixth waits for review
  Reply honey = Call(bhttp::verb::get, "/api/v1/products?q=mat%20ong", "");
  ASSERT_EQ(Names(honey), (std::vector<std::string>{"Mật ong hoa nhãn"}));
  EXPECT_EQ(honey.Json().at("items").at(0).at("ocop").at("stars"), 4);
  // The tea's rating expired on 2025-12-31: still shown, marked expired.
  Reply tea = Call(bhttp::verb::get, "/api/v1/products?q=che%20tan%20cuong", "");
  ASSERT_EQ(tea.Json().at("total"), 1);
  EXPECT_EQ(tea.Json().at("items").at(0).at("ocop").at("expired"), true);
  // Idempotent.
  auto again = products::LoadDemoProducts(system_.system().products(), system_.system().entities(),
                                          auth::Principal::Cli("test"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace hoptac
