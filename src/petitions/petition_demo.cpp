#include "petitions/petition_demo.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "petitions/petition_json.h"
#include "petitions/petition_store.h"
#include "storage/audit.h"

namespace hoptac::petitions {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }
int64_t At(Date day, int hour) { return (int64_t{day.days()} * 24 + hour - 7) * 3'600'000; }

std::vector<int64_t> EntitiesOf(registry::EntityService& entities, const auth::Principal& who,
                                const std::string& province, int limit) {
  registry::EntityFilters f;
  f.kind = domain::EntityKind::kCooperative;
  f.province = province;
  f.limit = limit;
  std::vector<int64_t> out;
  auto page = entities.List(who, f);
  if (page.ok())
    for (const registry::EntityRecord& r : page->items) out.push_back(r.entity.id);
  return out;
}

struct Demo {
  std::string province, theme, content, kind, name;
  Date raised;
  int entity_from = 0, entity_count = 1;
  bool from_dialogue = false;
  // The workflow: assigned to an agency on `assigned` due `due`; answered on `answered`
  // (public or not); closed on `closed`. A default date: not reached.
  std::string agency;
  std::optional<Date> assigned, due, answered, closed;
  std::string answer;
  bool answer_public = false;
};

}  // namespace

Result<int> LoadDemoPetitions(PetitionService& service, registry::EntityService& entities, const auth::Principal& who,
                              int64_t dialogue) {
  {
    PetitionQuery q;
    q.limit = 1;
    HOPTAC_ASSIGN_OR_RETURN(PetitionPage existing, service.List(who, q));
    if (existing.total > 0) return 0;
  }
  const Date today = service.Today();
  const Date recent = Date::FromDays(today.days() - 12);
  std::vector<Demo> demos = {
      {"20", "land",
       "Nhiều HTX thiếu mặt bằng để mở rộng sản xuất, xây dựng nhà xưởng và kho bảo quản; đề nghị tỉnh bố trí quỹ đất "
       "và hướng dẫn thủ tục thuê đất cho HTX.",
       "people_committee", "UBND tỉnh Lạng Sơn", D(2024, 6, 18), 0, 3, true, "Sở Nông nghiệp và Môi trường",
       D(2024, 6, 25), D(2024, 7, 25), std::nullopt, std::nullopt, "", false},
      {"20", "market",
       "Công tác xúc tiến thương mại, quảng bá sản phẩm của HTX còn yếu; đề nghị hỗ trợ HTX tham gia hội chợ và đưa "
       "sản "
       "phẩm lên sàn thương mại điện tử.",
       "department", "Sở Công Thương", D(2024, 6, 18), 3, 2, true, "Sở Công Thương", D(2024, 6, 25), D(2024, 7, 25),
       D(2024, 7, 12), D(2024, 7, 22),
       "Sở Công Thương sẽ hỗ trợ 100% chi phí gian hàng cho HTX tham gia Hội chợ nông sản tỉnh và phối hợp mở gian "
       "hàng "
       "HTX Lạng Sơn trên các sàn thương mại điện tử trong năm 2024.",
       true},
      {"20", "quality",
       "Sức cạnh tranh của sản phẩm HTX còn thấp do chưa có nhãn hiệu, mã vạch, truy xuất nguồn gốc; đề nghị hỗ trợ "
       "chứng nhận chất lượng và OCOP.",
       "alliance", "Liên minh HTX tỉnh Lạng Sơn", D(2024, 6, 18), 5, 2, true, "Liên minh HTX tỉnh Lạng Sơn",
       D(2024, 6, 25), D(2024, 7, 25), D(2024, 8, 6), std::nullopt,
       "Liên minh HTX tỉnh phối hợp Sở Khoa học và Công nghệ hướng dẫn HTX đăng ký nhãn hiệu tập thể, cấp mã truy xuất "
       "nguồn gốc và hỗ trợ hồ sơ đánh giá sản phẩm OCOP.",
       true},
      {"20", "technology",
       "HTX chậm ứng dụng khoa học kỹ thuật và chuyển đổi số vì thiếu vốn và cán bộ kỹ thuật; đề nghị có chương trình "
       "chuyển giao công nghệ cho HTX.",
       "department", "Sở Khoa học và Công nghệ", D(2024, 6, 18), 7, 2, true, "", std::nullopt, std::nullopt,
       std::nullopt, std::nullopt, "", false},
      {"20", "credit",
       "Khó tiếp cận vốn vay ưu đãi do không có tài sản bảo đảm; đề nghị Quỹ hỗ trợ phát triển HTX tăng hạn mức cho "
       "vay không bảo đảm.",
       "alliance", "Quỹ hỗ trợ phát triển HTX tỉnh", recent, 9, 1, false, "Quỹ hỗ trợ phát triển HTX tỉnh",
       Date::FromDays(recent.days() + 2), Date::FromDays(recent.days() + 32), std::nullopt, std::nullopt, "", false},
      {"24", "policy",
       "Thủ tục hồ sơ hưởng chính sách hỗ trợ HTX còn phức tạp, nhiều giấy tờ; đề nghị đơn giản hoá và hướng dẫn "
       "trực tuyến.",
       "department", "Sở Tài chính", D(2025, 3, 10), 0, 1, false, "Sở Tài chính", D(2025, 3, 12), D(2025, 4, 11),
       D(2025, 3, 28), D(2025, 4, 2),
       "Sở Tài chính đã ban hành bộ hướng dẫn thủ tục một cửa và mẫu hồ sơ điện tử trên Cổng dịch vụ công của tỉnh.",
       true},
      {"01", "infrastructure",
       "Đường giao thông nội đồng và hệ thống thủy lợi tại vùng sản xuất của HTX xuống cấp; đề nghị đầu tư nâng cấp.",
       "people_committee", "UBND thành phố Hà Nội", Date::FromDays(today.days() - 5), 0, 1, false, "", std::nullopt,
       std::nullopt, std::nullopt, std::nullopt, "", false},
      {"79", "human_resources",
       "HTX khó tuyển lao động trẻ có trình độ; đề nghị hỗ trợ đào tạo và đưa cán bộ trẻ về làm việc tại HTX.",
       "ministry", "Bộ Nông nghiệp và Môi trường", D(2025, 9, 15), 0, 1, false, "Sở Nội vụ", D(2025, 9, 20),
       D(2025, 10, 20), std::nullopt, std::nullopt, "", false},
  };
  std::map<std::string, std::vector<int64_t>> coops;
  for (const char* province : {"20", "24", "01", "79"}) coops[province] = EntitiesOf(entities, who, province, 40);
  int added = 0;
  HOPTAC_TRY(service.db().Write([&](storage::Connection& conn) -> Status {
    for (const Demo& d : demos) {
      Petition p;
      p.raised_on = d.raised;
      p.province_code = d.province;
      p.current_province_code =
          registry::CurrentProvinceCode(service.units(), d.province, d.raised, today).value_or(d.province);
      p.theme = d.theme;
      p.content = d.content;
      p.addressed_kind = d.kind;
      p.addressed_name = d.name;
      p.activity_id = d.from_dialogue ? dialogue : 0;
      p.source = "officer";
      const std::vector<int64_t>& of = coops[d.province];
      for (int i = 0; i < d.entity_count && !of.empty(); ++i)
        p.entity_ids.push_back(of[static_cast<size_t>(d.entity_from + i) % of.size()]);
      std::sort(p.entity_ids.begin(), p.entity_ids.end());
      p.entity_ids.erase(std::unique(p.entity_ids.begin(), p.entity_ids.end()), p.entity_ids.end());
      p.created_by = who.user_id;
      p.created_at_ms = p.updated_at_ms = At(d.raised, 16);
      std::vector<Step> steps = {{"received", p.created_at_ms, who.user_id, who.AuditName(), ""}};
      if (d.assigned) {
        p.status = "assigned";
        p.agency = d.agency;
        p.assigned_on = d.assigned;
        p.due_on = d.due;
        steps.push_back(
            {"assigned", At(*d.assigned, 9), who.user_id, who.AuditName(), d.agency + " — " + d.due->ToIso()});
      }
      if (d.answered) {
        p.status = "answered";
        p.answer_text = d.answer;
        p.answer_public = d.answer_public;
        p.answered_at_ms = At(*d.answered, 10);
        steps.push_back({"answered", p.answered_at_ms, who.user_id, who.AuditName(), d.answer});
      }
      if (d.closed) {
        p.status = "closed";
        p.closed_at_ms = At(*d.closed, 15);
        steps.push_back({"closed", p.closed_at_ms, who.user_id, who.AuditName(), ""});
      }
      p.updated_at_ms = steps.back().at_ms;
      HOPTAC_ASSIGN_OR_RETURN(p.code, NextCode(conn, p.raised_on.year()));
      HOPTAC_TRY(InsertPetition(conn, p));
      for (const Step& s : steps) HOPTAC_TRY(AppendStep(conn, p.id, s));
      storage::AuditRecord a;
      a.at_ms = p.created_at_ms;
      a.actor_user_id = who.user_id;
      a.actor_name = who.AuditName();
      a.address = who.address;
      a.action = "petition.create";
      a.object_type = "petition";
      a.object_id = std::to_string(p.id);
      a.province_code = p.current_province_code;
      a.after_json = boost::json::serialize(PetitionJson(p));
      HOPTAC_TRY(storage::AppendAudit(conn, a));
      ++added;
    }
    return Ok();
  }));
  return added;
}

}  // namespace hoptac::petitions
