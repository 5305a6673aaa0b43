#include "news/news_demo.h"

#include <string>
#include <vector>

namespace hoptac::news {
namespace {

// 08:00 in Việt Nam, `days` days before today (the demo's news stays recent whenever it is loaded).
int64_t At(int days) { return (int64_t{Date::Today().days() - days} * 24 + 8 - 7) * 3'600'000; }

struct Demo {
  const char* title;
  const char* summary;
  const char* body;
  const char* category;
  std::vector<std::string> keywords;
  const char* province;  // "" national
  int64_t at;
  const char* entity_province = "";  // links the first cooperatives of this province
  int entity_count = 0;
};

std::vector<Demo> Articles() {
  return {
      {"Liên minh HTX tỉnh Lạng Sơn gặp mặt, đối thoại với 40 hợp tác xã",
       "Lãnh đạo tỉnh lắng nghe khó khăn về đất đai, vốn, tiêu thụ sản phẩm và chuyển đổi số của các hợp tác xã.",
       "Sáng nay, Liên minh Hợp tác xã tỉnh Lạng Sơn phối hợp với các sở, ngành tổ chức hội nghị **gặp mặt, đối "
       "thoại** với đại diện 40 hợp tác xã tiêu biểu trên địa bàn tỉnh.\n\n"
       "## Những kiến nghị chính\n\n"
       "- Thiếu mặt bằng để mở rộng sản xuất;\n- Công tác quảng bá sản phẩm còn yếu;\n"
       "- Khó tiếp cận vốn vay ưu đãi;\n- Ứng dụng công nghệ còn chậm.\n\n"
       "Các kiến nghị đã được ghi nhận và chuyển đến cơ quan chức năng để trả lời trong thời hạn quy định.",
       "activities",
       {"đối thoại", "hợp tác xã", "Lạng Sơn"},
       "20",
       At(79),
       "20",
       3},
      {"Ký kết chương trình phối hợp với Hội Liên hiệp Phụ nữ Việt Nam giai đoạn 2023–2027",
       "Hai bên phối hợp hỗ trợ phụ nữ thành lập, quản lý hợp tác xã và tiếp cận Quỹ hỗ trợ phát triển hợp tác xã.",
       "Liên minh Hợp tác xã Việt Nam và Hội Liên hiệp Phụ nữ Việt Nam đã ký kết **chương trình phối hợp** "
       "triển khai Quyết định 01/QĐ-TTg về hỗ trợ phụ nữ tham gia hợp tác xã.\n\n"
       "Mục tiêu đến năm 2027: mỗi năm hỗ trợ thành lập mới hợp tác xã do phụ nữ quản lý, đào tạo cán bộ quản "
       "lý và kết nối thị trường cho sản phẩm.",
       "policy",
       {"phụ nữ", "chương trình phối hợp"},
       "",
       At(273)},
      {"Tập huấn nâng cao năng lực quản trị cho cán bộ hợp tác xã năm 2026",
       "120 học viên là giám đốc, kế toán hợp tác xã của tỉnh Thái Nguyên tham gia lớp tập huấn ba ngày.",
       "Lớp tập huấn gồm các chuyên đề: Luật Hợp tác xã 2023, quản trị tài chính, xây dựng kế hoạch kinh "
       "doanh và **chuyển đổi số** trong hợp tác xã.\n\n"
       "Kết thúc khóa học, 96% học viên đánh giá nội dung thiết thực và mong muốn được tập huấn tiếp.",
       "training",
       {"tập huấn", "quản trị", "chuyển đổi số"},
       "19",
       At(177)},
      {"Hợp tác xã ong mật Tam Đảo có sản phẩm đạt OCOP 4 sao",
       "Mật ong hoa nhãn của hợp tác xã được Hội đồng đánh giá cấp tỉnh công nhận sản phẩm OCOP 4 sao.",
       "Sau ba năm chuẩn hóa quy trình nuôi ong và đóng gói, sản phẩm **mật ong hoa nhãn** của hợp tác xã đã đạt "
       "OCOP 4 sao.\n\nHợp tác xã hiện có 45 thành viên, trong đó 28 thành viên là nữ, liên kết với hơn 200 hộ "
       "nuôi ong trong vùng.",
       "models",
       {"OCOP", "mật ong", "mô hình hay"},
       "25",
       At(65),
       "25",
       1},
      {"Hội chợ sản phẩm OCOP và hợp tác xã tiêu biểu thu hút hơn 200 gian hàng",
       "Hội chợ là dịp để các hợp tác xã giới thiệu sản phẩm, tìm kiếm đối tác và kết nối tiêu thụ.",
       "Hội chợ diễn ra trong năm ngày với hơn 200 gian hàng của hợp tác xã đến từ 20 tỉnh, thành phố.\n\n"
       "Nhiều hợp đồng tiêu thụ nông sản đã được ký kết ngay tại hội chợ.",
       "trade",
       {"hội chợ", "OCOP", "xúc tiến thương mại"},
       "",
       At(16)},
      {"Tổng kết dự án hỗ trợ hợp tác xã nông nghiệp với Tổ chức Lao động Quốc tế (ILO)",
       "Dự án đã hỗ trợ 60 hợp tác xã cải thiện điều kiện làm việc và thu nhập cho người lao động.",
       "Liên minh Hợp tác xã Việt Nam phối hợp với **Tổ chức Lao động Quốc tế (ILO)** tổng kết dự án sau ba năm "
       "triển khai tại các tỉnh Tây Nguyên.\n\nCác hợp tác xã tham gia đã nâng thu nhập bình quân của người lao "
       "động thêm 18%.",
       "international",
       {"ILO", "hợp tác quốc tế", "lao động"},
       "66",
       At(100)},
      {"Luật Hợp tác xã 2023: những điểm mới về tổ chức và hoạt động",
       "Luật Hợp tác xã số 17/2023/QH15 có hiệu lực từ ngày 01/7/2024 với nhiều điểm mới quan trọng.",
       "Luật Hợp tác xã 2023 quy định rõ hơn về **tổ hợp tác**, thành viên liên kết góp vốn, quỹ chung không "
       "chia và các chính sách hỗ trợ của Nhà nước.\n\n"
       "Hợp tác xã cần rà soát điều lệ, đăng ký lại thông tin theo quy định mới.",
       "policy",
       {"Luật Hợp tác xã", "chính sách"},
       "",
       At(325)},
  };
}

std::vector<int64_t> FirstCooperatives(registry::EntityService& entities, const auth::Principal& who,
                                       const std::string& province, int count) {
  std::vector<int64_t> out;
  if (count <= 0) return out;
  registry::EntityFilters f;
  f.kind = domain::EntityKind::kCooperative;
  f.province = province;
  f.limit = count;
  if (auto page = entities.List(who, f); page.ok())
    for (const auto& r : page->items) out.push_back(r.entity.id);
  return out;
}

}  // namespace

Result<int> LoadDemoArticles(NewsService& service, registry::EntityService& entities, const auth::Principal& who) {
  ArticleQuery any;
  any.limit = 1;
  HOPTAC_ASSIGN_OR_RETURN(ArticlePage existing, service.List(who, any));
  if (existing.total > 0) return 0;
  int added = 0;
  int64_t law_id = 0;
  for (const Demo& d : Articles()) {
    ArticleInput in;
    in.title = d.title;
    in.summary = d.summary;
    in.body = d.body;
    in.category = d.category;
    in.keywords = d.keywords;
    in.province = d.province;
    in.lang = "vi";
    if (d.entity_count > 0) in.entity_ids = FirstCooperatives(entities, who, d.entity_province, d.entity_count);
    HOPTAC_ASSIGN_OR_RETURN(ArticleView made, service.Create(who, in));
    HOPTAC_ASSIGN_OR_RETURN(ArticleView published, service.Publish(who, made.article.id, d.at));
    (void)published;
    if (std::string(d.category) == "policy" && std::string(d.title).rfind("Luật", 0) == 0) law_id = made.article.id;
    ++added;
  }
  if (law_id > 0) {
    ArticleInput en;
    en.title = "The 2023 Law on Cooperatives: what changes in their organisation and work";
    en.summary = "Law No. 17/2023/QH15, in force since 1 July 2024, brings important changes.";
    en.body =
        "The 2023 Law on Cooperatives sets clearer rules for **cooperative groups**, associate members who "
        "contribute capital, the indivisible common fund and the State's support policies.\n\n"
        "Cooperatives should review their charters and update their registration under the new rules.";
    en.category = "policy";
    en.keywords = std::vector<std::string>{"cooperative law", "policy"};
    en.province = "";
    en.lang = "en";
    en.translation_of = law_id;
    HOPTAC_ASSIGN_OR_RETURN(ArticleView made, service.Create(who, en));
    HOPTAC_ASSIGN_OR_RETURN(ArticleView published, service.Publish(who, made.article.id, At(324)));
    (void)published;
    ++added;
  }
  return added;
}

}  // namespace hoptac::news
