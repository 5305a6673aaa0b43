#include "activities/activity_demo.h"

namespace hoptac::activities {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

// Vietnamese names for the generated trainees and workers: family, middle and given names.
constexpr const char* kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ",
                                   "Đặng",   "Bùi",  "Đỗ", "Ngô",  "Dương", "Lý"};
constexpr const char* kMiddleF[] = {"Thị", "Thu", "Ngọc", "Minh", "Thanh"};
constexpr const char* kMiddleM[] = {"Văn", "Đức", "Minh", "Quốc", "Hữu"};
constexpr const char* kGivenF[] = {"Hoa", "Lan", "Hương", "Mai", "Trang", "Linh", "Hà", "Thảo", "Nhung", "Yến"};
constexpr const char* kGivenM[] = {"Hùng", "Dũng", "Nam", "Tuấn", "Long", "Phong", "Khánh", "Sơn", "Thắng", "Hiếu"};

template <size_t N>
const char* Pick(const char* const (&names)[N], int i) {
  return names[static_cast<size_t>(i) % N];
}

std::string NameOf(int i, bool female) {
  return std::string(Pick(kFamily, i * 7 + 3)) + " " + (female ? Pick(kMiddleF, i) : Pick(kMiddleM, i)) + " " +
         (female ? Pick(kGivenF, i * 3 + 1) : Pick(kGivenM, i * 3 + 1));
}

// Up to `limit` entities of a province, optionally youth cooperatives only.
std::vector<int64_t> EntitiesOf(registry::EntityService& entities, const auth::Principal& who,
                                const std::string& province, bool youth, int limit) {
  registry::EntityFilters f;
  f.kind = domain::EntityKind::kCooperative;
  f.province = province;
  if (youth) f.youth = true;
  f.limit = limit;
  std::vector<int64_t> out;
  auto page = entities.List(who, f);
  if (page.ok())
    for (const registry::EntityRecord& r : page->items) out.push_back(r.entity.id);
  return out;
}

ActivityInput NewActivity(std::string type, std::string title, Date from, Date to, std::string province,
                          std::string organiser, std::string place) {
  ActivityInput in;
  in.type = std::move(type);
  in.title = std::move(title);
  in.from = from;
  in.to = to;
  in.province = std::move(province);
  in.organiser = std::move(organiser);
  in.place = std::move(place);
  return in;
}

}  // namespace

Result<DemoActivities> LoadDemoActivities(ActivityService& service, registry::EntityService& entities,
                                          const auth::Principal& who, const DemoProgrammeIds& programmes) {
  DemoActivities counts;
  if (programmes.youth != 0) {
    ActivityQuery q;
    q.programme = programmes.youth;
    q.limit = 1;
    HOPTAC_ASSIGN_OR_RETURN(ActivityPage existing, service.List(who, q));
    if (existing.total > 0) return counts;
  }
  auto add = [&](ActivityInput in) -> Result<int64_t> {
    HOPTAC_ASSIGN_OR_RETURN(auto made, service.Create(who, in));
    ++counts.activities;
    return made.id;
  };
  // Bắc Giang (code 24 before 2025-07-01, now part of Bắc Ninh, code 24): the youth programme.
  if (programmes.youth != 0) {
    const std::vector<int64_t> youth_coops = EntitiesOf(entities, who, "24", true, 12);
    auto of = [&](std::vector<int> contents) {
      return std::vector<ProgrammeLink>{{programmes.youth, std::move(contents)}};
    };
    ActivityInput signing =
        NewActivity("signing", "Lễ ký kết Chương trình phối hợp giữa Tỉnh đoàn và Liên minh HTX tỉnh", D(2023, 3, 20),
                    D(2023, 3, 20), "24", "province", "Trụ sở Tỉnh đoàn");
    signing.programmes = of({});
    signing.participants = Counts{60, 22, 35};
    HOPTAC_TRY(add(signing));
    ActivityInput class23 =
        NewActivity("training", "Lớp bồi dưỡng sáng lập viên HTX thanh niên năm 2023", D(2023, 9, 12), D(2023, 9, 14),
                    "24", "province", "Hội trường Liên minh HTX tỉnh");
    class23.programmes = of({2});
    class23.participants = Counts{45, 19, 38};
    class23.outcomes = "45 học viên hoàn thành lớp; 7 nhóm xây dựng phương án thành lập HTX.";
    HOPTAC_TRY(add(class23));
    ActivityInput class24 =
        NewActivity("training", "Lớp bồi dưỡng sáng lập viên HTX thanh niên năm 2024", D(2024, 10, 8), D(2024, 10, 10),
                    "24", "province", "Trung tâm Hoạt động thanh thiếu nhi tỉnh");
    class24.programmes = of({2});
    class24.outcomes = "52 học viên; 4 HTX thanh niên thành lập trong 6 tháng sau lớp học.";
    HOPTAC_ASSIGN_OR_RETURN(int64_t class24_id, add(class24));
    // Its trainees, with their cooperatives: the counts come from the list.
    std::vector<Participant> trainees;
    for (int i = 0; i < 52; ++i) {
      Participant p;
      const bool female = i % 9 < 4;
      p.name = NameOf(i, female);
      p.sex = female ? "female" : "male";
      p.birth_year = 1990 + (i * 5) % 16;
      if (!youth_coops.empty() && i % 3 == 0) p.entity_id = youth_coops[static_cast<size_t>(i) % youth_coops.size()];
      p.job_title = i % 3 == 0 ? "Thành viên sáng lập" : "Đoàn viên";
      trainees.push_back(std::move(p));
    }
    HOPTAC_TRY(service.SetParticipants(who, class24_id, std::move(trainees)));
    for (auto [year, month, day, answered] :
         {std::tuple{2023, 12, 15, 120}, {2024, 12, 20, 134}, {2025, 12, 18, 141}}) {
      ActivityInput survey = NewActivity("survey",
                                         "Khảo sát mức độ hài lòng của HTX năm " + std::to_string(year) + " (" +
                                             std::to_string(answered) + " HTX trả lời)",
                                         D(year, month, day), D(year, month, day), "24", "province", "");
      survey.programmes = of({5});
      HOPTAC_TRY(add(survey));
    }
    ActivityInput fair = NewActivity("trade_fair", "Hội chợ sản phẩm HTX thanh niên và OCOP", D(2024, 11, 22),
                                     D(2024, 11, 25), "24", "province", "Quảng trường 3/2");
    fair.programmes = of({4});
    fair.entities = youth_coops;
    fair.participants = Counts{80, 36, 51};
    HOPTAC_TRY(add(fair));
    // Young workers placed in cooperatives of the province (content 6).
    const std::vector<int64_t> coops = EntitiesOf(entities, who, "24", false, 30);
    for (int i = 0; i < 96 && !coops.empty(); ++i) {
      PlacementInput p;
      const bool female = i % 5 < 2;
      p.worker_name = NameOf(i + 100, female);
      p.sex = female ? "female" : "male";
      p.birth_year = 1996 + i % 9;
      p.entity = coops[static_cast<size_t>(i) % coops.size()];
      p.start = i < 40 ? D(2023, 3 + i % 9, 1 + i % 27) : D(2024, 1 + (i - 40) % 12, 1 + i % 27);
      p.programme = programmes.youth;
      p.job_title = i % 4 == 0 ? "Kế toán" : i % 4 == 1 ? "Kỹ thuật viên" : i % 4 == 2 ? "Bán hàng" : "Lao động";
      HOPTAC_TRY(service.CreatePlacement(who, p));
      ++counts.placements;
    }
  }
  // The national plan for women-managed cooperatives: training of women managers.
  if (programmes.women != 0) {
    for (auto [year, month, province, place, total, female] :
         {std::tuple{2024, 5, "01", "Hà Nội", 120, 104}, {2025, 8, "92", "Cần Thơ", 96, 88}}) {
      ActivityInput in =
          NewActivity("training", "Bồi dưỡng cán bộ quản lý nữ HTX năm " + std::to_string(year) + " tại " + place,
                      D(year, month, 14), D(year, month, 16), province, "national", "");
      in.programmes = std::vector<ProgrammeLink>{{programmes.women, {4}}};
      in.participants = Counts{total, female, total / 3};
      HOPTAC_TRY(add(in));
    }
  }
  // A dialogue of the Lạng Sơn alliance with 40 cooperatives, and the ILO's visit to Yên Bái.
  {
    ActivityInput dialogue = NewActivity("dialogue", "Hội nghị gặp mặt, đối thoại giữa Liên minh HTX tỉnh với 40 HTX",
                                         D(2024, 6, 18), D(2024, 6, 18), "20", "province", "Thành phố Lạng Sơn");
    dialogue.entities = EntitiesOf(entities, who, "20", false, 40);
    dialogue.participants = Counts{65, 21, 12};
    dialogue.outcomes = "Tiếp nhận 18 kiến nghị về đất đai, vốn tín dụng và tiêu thụ sản phẩm.";
    HOPTAC_TRY(add(dialogue));
    ActivityInput visit =
        NewActivity("working_visit", "Tổ chức Lao động Quốc tế (ILO) làm việc với Liên minh HTX tỉnh Yên Bái",
                    D(2024, 4, 16), D(2024, 4, 16), "15", "national", "Thành phố Yên Bái");
    visit.participants = Counts{18, 7, 2};
    HOPTAC_TRY(add(visit));
  }
  return counts;
}

}  // namespace hoptac::activities
