#include "products/product_demo.h"

#include <set>

namespace hoptac::products {
namespace {

struct Demo {
  std::string province;  // preferred; any cooperative when the province has none
  std::string keywords;  // of the cooperative's name ("Nuôi ong"), preferred
  std::string name, category, description, unit;
  std::optional<int64_t> price_min, price_max;
  std::optional<Ocop> ocop;
  std::vector<std::string> certifications;
  std::vector<Place> where_to_buy;
  bool approve = true;
};

}  // namespace

Result<int> LoadDemoProducts(ProductService& service, registry::EntityService& entities, const auth::Principal& who) {
  {
    ProductQuery q;
    q.limit = 1;
    HOPTAC_ASSIGN_OR_RETURN(ProductPage existing, service.Search(who, q));
    if (existing.total > 0) return 0;
  }
  const std::vector<Demo> demos = {
      {"33",
       "Nuôi ong",
       "Mật ong hoa nhãn",
       "food",
       "Mật ong nguyên chất từ vườn nhãn lồng Hưng Yên, thu hoạch vào mùa hoa nhãn tháng 3–4.\n\nKhông pha đường, "
       "không chất bảo quản; đóng chai thủy tinh 500 ml.",
       "chai 500 ml",
       150000,
       180000,
       Ocop{4, "1125/QĐ-UBND", 2024, Date::FromCivil(2027, 6, 30)},
       {"vietgap"},
       {{"online", "Shopee", "https://shopee.vn/", ""},
        {"shop", "Cửa hàng giới thiệu sản phẩm OCOP", "", "Số 8 Chùa Chuông, phường Hiến Nam, Hưng Yên"}},
       true},
      {"19",
       "Chè",
       "Chè Tân Cương Thái Nguyên",
       "beverage",
       "Chè búp được hái một tôm hai lá, sao bằng chảo gang theo cách truyền thống của vùng chè Tân Cương.",
       "gói 200 g",
       120000,
       250000,
       Ocop{4, "2231/QĐ-UBND", 2022, Date::FromCivil(2025, 12, 31)},
       {"vietgap", "geographical_indication"},
       {{"online", "Sàn thương mại điện tử Postmart", "https://postmart.vn/", ""}},
       true},
      {"01",
       "Lúa gạo",
       "Gạo hữu cơ nếp cái hoa vàng",
       "agriculture",
       "Gạo nếp cái hoa vàng trồng theo tiêu chuẩn hữu cơ, hạt tròn, dẻo thơm; dùng đồ xôi, làm bánh, nấu rượu.",
       "túi 2 kg",
       90000,
       110000,
       Ocop{3, "4521/QĐ-UBND", 2024, Date::FromCivil(2027, 10, 15)},
       {"organic"},
       {{"online", "Voso", "https://voso.vn/", ""}},
       true},
      {"20",
       "Nông nghiệp",
       "Na Chi Lăng",
       "agriculture",
       "Na dai Chi Lăng trồng trên núi đá vôi, quả to, múi dày, vị ngọt đậm; mùa vụ từ tháng 7 đến tháng 9.",
       "kg",
       60000,
       90000,
       Ocop{4, "1608/QĐ-UBND", 2023, Date::FromCivil(2026, 12, 31)},
       {"vietgap", "geographical_indication"},
       {{"shop", "Chợ Đồng Mỏ", "", "Thị trấn Đồng Mỏ, Chi Lăng, Lạng Sơn"}},
       true},
      {"01",
       "Gốm",
       "Bộ ấm chén gốm men lam Bát Tràng",
       "handicraft",
       "Bộ ấm chén 6 chén vẽ tay men lam, nung ở 1.250 °C tại làng gốm Bát Tràng.",
       "bộ",
       450000,
       650000,
       Ocop{3, "3112/QĐ-UBND", 2023, std::nullopt},
       {},
       {{"online", "Tiki", "https://tiki.vn/", ""}},
       true},
      {"20",
       "Nông nghiệp",
       "Miến dong Bình Gia",
       "food",
       "Miến dong làm từ tinh bột củ dong riềng trồng tại Bình Gia, phơi nắng tự nhiên.",
       "gói 500 g",
       55000,
       std::nullopt,
       std::nullopt,
       {},
       {},
       false},
  };
  std::set<int64_t> used;
  // A cooperative of the province whose name has the keywords, not used yet; else of any province;
  // else any cooperative not used yet; else one already used.
  auto entity_for = [&](const Demo& d) -> int64_t {
    const std::pair<std::string, std::string> tries[] = {
        {d.province, d.keywords}, {"", d.keywords}, {d.province, ""}, {"", ""}};
    for (bool fresh : {true, false})
      for (const auto& [province, keywords] : tries) {
        registry::EntityFilters f;
        f.kind = domain::EntityKind::kCooperative;
        f.province = province;
        f.q = keywords;
        f.limit = 20;
        auto page = entities.List(who, f);
        if (!page.ok()) continue;
        for (const registry::EntityRecord& r : page->items)
          if (used.insert(r.entity.id).second || !fresh) return r.entity.id;
      }
    return 0;
  };
  int added = 0;
  for (const Demo& d : demos) {
    const int64_t entity = entity_for(d);
    if (entity == 0) break;  // no cooperatives: nothing to show
    ProductInput in;
    in.entity_id = entity;
    in.name = d.name;
    in.category = d.category;
    in.description = d.description;
    in.unit = d.unit;
    in.price_min = d.price_min;
    in.price_max = d.price_max;
    in.ocop = d.ocop;
    in.certifications = d.certifications;
    in.where_to_buy = d.where_to_buy;
    HOPTAC_ASSIGN_OR_RETURN(ProductView made, service.Create(who, in));
    if (d.approve) HOPTAC_TRY(service.Approve(who, made.product.id));
    ++added;
  }
  return added;
}

}  // namespace hoptac::products
