// The products' model (src/products/product.h): validation (each error's field and message key),
// the folded word-prefix search of names, the slug, and the workflow's moves.
#include "products/product.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hoptac::products {
namespace {

const std::vector<std::string> kCodes = {"agriculture", "food",       "beverage", "seafood",
                                         "herbal",      "handicraft", "tourism",  "other"};
const Date kToday = Date::FromCivil(2026, 12, 6);

Product Honey() {
  Product p;
  p.entity_id = 345;
  p.name = "  Mật ong hoa nhãn ";
  p.category = "food";
  p.unit = "chai 500 ml";
  p.price_min = 150000;
  p.price_max = 180000;
  p.ocop = Ocop{4, "123/QĐ-UBND", 2023, Date::FromCivil(2026, 5, 1)};
  p.certifications = {"vietgap", "organic", "vietgap"};
  p.photos = {{9, "Chai mật ong 500 ml"}};
  p.where_to_buy = {{"online", "Shopee", "https://shopee.vn/mat-ong", ""},
                    {"shop", "Cửa hàng OCOP", "", "Số 8 Chùa Chuông, Hưng Yên"}};
  p.fair_activity_ids = {12, 12, 14};
  return p;
}

// "field:key" of every error, in order.
std::vector<std::string> Problems(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const FieldError& e : errors) out.push_back(e.field + ":" + e.key);
  return out;
}

std::vector<std::string> Check(Product p) { return Problems(Validate(p, kCodes, kToday)); }

TEST(ProductValidation, AValidProductIsNormalisedAndDeduplicated) {
  Product p = Honey();
  EXPECT_TRUE(Validate(p, kCodes, kToday).empty());
  EXPECT_EQ(p.name, "Mật ong hoa nhãn");
  EXPECT_EQ(p.certifications, (std::vector<std::string>{"vietgap", "organic"}));
  EXPECT_EQ(p.fair_activity_ids, (std::vector<int64_t>{12, 14}));
}

TEST(ProductValidation, NameIsRequiredAndAtMost200Characters) {
  Product p = Honey();
  p.name = " \t ";
  EXPECT_EQ(Check(p), (std::vector<std::string>{"name:field.required"}));
  // 200 Vietnamese letters (400 bytes) are fine; 201 are too many.
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ậ";
  p.name = name;
  EXPECT_TRUE(Check(p).empty());
  p.name = name + "a";
  std::vector<FieldError> errors = [&] {
    Product q = p;
    return Validate(q, kCodes, kToday);
  }();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[0].key, "field.too_long");
  EXPECT_EQ(errors[0].args, (std::vector<std::string>{"200"}));
}

TEST(ProductValidation, CategoryComesFromTheList) {
  Product p = Honey();
  p.category = "cars";
  EXPECT_EQ(Check(p), (std::vector<std::string>{"category:field.invalid_enum"}));
  p.category = "";
  EXPECT_EQ(Check(p), (std::vector<std::string>{"category:field.required"}));
}

TEST(ProductValidation, PricesAreWholeDongNotNegativeAndOrdered) {
  Product p = Honey();
  p.price_min = -1;
  EXPECT_EQ(Check(p), (std::vector<std::string>{"price_min:field.product_price"}));
  p = Honey();
  p.price_min = 200000;
  p.price_max = 180000;
  std::vector<FieldError> errors = Validate(p, kCodes, kToday);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "price_max");
  EXPECT_EQ(errors[0].key, "field.product_price_range");
  EXPECT_EQ(errors[0].args, (std::vector<std::string>{"180000", "200000"}));
  // Equal prices, one price only, none: fine.
  p.price_max = 200000;
  EXPECT_TRUE(Check(p).empty());
  p.price_max.reset();
  EXPECT_TRUE(Check(p).empty());
  p.price_min.reset();
  EXPECT_TRUE(Check(p).empty());
}

TEST(ProductValidation, OcopStarsYearAndExpiry) {
  Product p = Honey();
  p.ocop->stars = 6;
  EXPECT_EQ(Check(p), (std::vector<std::string>{"ocop.stars:field.product_ocop_stars"}));
  p.ocop->stars = 0;
  EXPECT_EQ(Check(p), (std::vector<std::string>{"ocop.stars:field.product_ocop_stars"}));
  p = Honey();
  p.ocop->year = 2017;
  std::vector<FieldError> errors = Validate(p, kCodes, kToday);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "ocop.year");
  EXPECT_EQ(errors[0].args, (std::vector<std::string>{"2017", "2018", "2026"}));
  p = Honey();
  p.ocop->year = 2027;  // next year
  EXPECT_EQ(Check(p), (std::vector<std::string>{"ocop.year:field.product_ocop_year"}));
  p.ocop->year = 2026;
  p.ocop->expires_on = Date::FromCivil(2026, 1, 1);  // not after the year's start
  EXPECT_EQ(Check(p), (std::vector<std::string>{"ocop.expires_on:field.product_ocop_expires"}));
  p.ocop->expires_on = Date::FromCivil(2026, 1, 2);
  EXPECT_TRUE(Check(p).empty());
  p.ocop->certificate = "";
  EXPECT_EQ(Check(p), (std::vector<std::string>{"ocop.certificate:field.required"}));
  // Expired: the day after expires_on.
  Ocop o{4, "x", 2023, Date::FromCivil(2026, 5, 1)};
  EXPECT_FALSE(OcopExpired(o, Date::FromCivil(2026, 5, 1)));
  EXPECT_TRUE(OcopExpired(o, Date::FromCivil(2026, 5, 2)));
  o.expires_on.reset();
  EXPECT_FALSE(OcopExpired(o, kToday));
}

TEST(ProductValidation, CertificationsPhotosPlacesAndFairs) {
  Product p = Honey();
  p.certifications = {"vietgap", "iso9001"};
  EXPECT_EQ(Check(p), (std::vector<std::string>{"certifications[1]:field.invalid_enum"}));
  p = Honey();
  p.photos = {{9, "Chai"}, {10, "  "}, {0, "Nhãn"}};
  EXPECT_EQ(Check(p),
            (std::vector<std::string>{"photos[1].alt:field.product_photo_alt", "photos[2].id:field.product_image_id"}));
  p = Honey();
  p.where_to_buy = {{"online", "Shopee", "javascript:alert(1)", ""},
                    {"online", "Tiki", "", ""},
                    {"shop", "Cửa hàng", "ftp://x", ""},
                    {"market", "", "https://a.vn", ""}};
  EXPECT_EQ(Check(p), (std::vector<std::string>{
                          "where_to_buy[0].url:field.product_url", "where_to_buy[1].url:field.required",
                          "where_to_buy[2].url:field.product_url", "where_to_buy[2].address:field.required",
                          "where_to_buy[3].kind:field.invalid_enum", "where_to_buy[3].name:field.required"}));
  p = Honey();
  p.fair_activity_ids = {5, -2};
  EXPECT_EQ(Check(p), (std::vector<std::string>{"fair_activity_ids[1]:field.product_activity_id"}));
}

TEST(ProductValidation, WebAddresses) {
  EXPECT_TRUE(ValidWebUrl("https://shopee.vn/mat-ong-hoa-nhan"));
  EXPECT_TRUE(ValidWebUrl("HTTP://example.com"));
  EXPECT_TRUE(ValidWebUrl("https://shop.vn:8443/a?b=c#d"));
  EXPECT_FALSE(ValidWebUrl("javascript:alert(1)"));
  EXPECT_FALSE(ValidWebUrl("data:text/html,x"));
  EXPECT_FALSE(ValidWebUrl("//shopee.vn"));
  EXPECT_FALSE(ValidWebUrl("https://"));
  EXPECT_FALSE(ValidWebUrl("https:///path"));
  EXPECT_FALSE(ValidWebUrl("https://shop .vn"));
  EXPECT_FALSE(ValidWebUrl("https://a.vn/\"onmouseover=x"));
}

TEST(ProductSearch, EveryQueryWordBeginsAWordOfTheFoldedName) {
  const std::vector<std::string> name = NameWords("Mật ong hoa nhãn");
  EXPECT_EQ(name, (std::vector<std::string>{"mat", "ong", "hoa", "nhan"}));
  auto matches = [&](const char* q) {
    std::vector<std::string> words = NameWords(q);
    return NameMatches(name, words);
  };
  EXPECT_TRUE(matches("mat ong"));
  EXPECT_TRUE(matches("Mật ong"));
  EXPECT_TRUE(matches("mật"));
  EXPECT_TRUE(matches("ong mat"));
  EXPECT_TRUE(matches("MAT   NHA"));
  EXPECT_TRUE(matches(""));
  EXPECT_FALSE(matches("mat ong rung"));  // "rung" begins no word
  EXPECT_FALSE(matches("at"));            // inside a word, not its beginning
  EXPECT_FALSE(matches("matong"));
  // đ folds to d.
  EXPECT_TRUE(NameMatches(NameWords("Đặc sản Điện Biên"), NameWords("dac san dien")));
}

TEST(ProductSlug, FoldedWordsAndTheId) {
  EXPECT_EQ(Slug("Mật ong hoa nhãn", 7), "mat-ong-hoa-nhan-7");
  EXPECT_EQ(Slug("Chè Tân Cương (Thái Nguyên) – 200 g", 12), "che-tan-cuong-thai-nguyen-200-g-12");
  EXPECT_EQ(Slug("???", 3), "san-pham-3");
  EXPECT_EQ(IdOfSlug("mat-ong-hoa-nhan-7"), 7);
  EXPECT_EQ(IdOfSlug("7"), 7);
  EXPECT_EQ(IdOfSlug("mat-ong"), 0);
  EXPECT_EQ(IdOfSlug("mat-ong-"), 0);
  EXPECT_EQ(IdOfSlug("mat-ong-0"), 0);
  // At most 80 characters before the id, cut at a word.
  std::string long_name;
  for (int i = 0; i < 30; ++i) long_name += "nhãn ";
  const std::string slug = Slug(long_name, 9);
  EXPECT_EQ(slug.size(), 79u + 2u);  // 16 × "nhan" joined by 15 '-' = 79, then "-9"
  EXPECT_EQ(slug.substr(slug.size() - 2), "-9");
}

TEST(ProductWorkflow, Moves) {
  EXPECT_TRUE(MayMove("pending", "approved"));
  EXPECT_TRUE(MayMove("rejected", "approved"));
  EXPECT_FALSE(MayMove("approved", "approved"));
  EXPECT_FALSE(MayMove("withdrawn", "approved"));
  EXPECT_TRUE(MayMove("pending", "rejected"));
  EXPECT_TRUE(MayMove("approved", "rejected"));
  EXPECT_FALSE(MayMove("rejected", "rejected"));
  for (const char* from : {"pending", "approved", "rejected"}) {
    EXPECT_TRUE(MayMove(from, "withdrawn")) << from;
    EXPECT_TRUE(MayMove(from, "edited")) << from;
  }
  EXPECT_FALSE(MayMove("withdrawn", "withdrawn"));
  EXPECT_FALSE(MayMove("withdrawn", "edited"));
  EXPECT_FALSE(MayMove("pending", "published"));
}

}  // namespace
}  // namespace hoptac::products
