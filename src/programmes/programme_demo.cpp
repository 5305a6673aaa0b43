#include "programmes/programme_demo.h"

namespace hoptac::programmes {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

TargetInput Count(int content, std::string title, Date deadline, int64_t target, Filters filters) {
  TargetInput t;
  t.content = content;
  t.title = std::move(title);
  t.deadline = deadline;
  t.target = target;
  t.source = "entities";
  t.filters = std::move(filters);
  return t;
}

TargetInput Figure(int content, std::string title, Date deadline, int64_t target, std::string measure,
                   Filters filters) {
  TargetInput t = Count(content, std::move(title), deadline, target, std::move(filters));
  t.source = "figures";
  t.measure = std::move(measure);
  return t;
}

TargetInput Manual(int content, std::string title, Date deadline, int64_t target, bool yearly) {
  TargetInput t;
  t.content = content;
  t.title = std::move(title);
  t.deadline = deadline;
  t.target = target;
  t.cadence = yearly ? "yearly" : "once";
  t.source = "manual";
  return t;
}

// Measured from the activities of `programme` (activities.activities) or its placements.
TargetInput FromActivities(int content, std::string title, Date deadline, int64_t target, bool yearly,
                           std::string source, std::string measure, Filters filters, int64_t programme) {
  TargetInput t;
  t.content = content;
  t.title = std::move(title);
  t.deadline = deadline;
  t.target = target;
  t.cadence = yearly ? "yearly" : "once";
  t.source = std::move(source);
  t.measure = std::move(measure);
  filters.emplace_back("programme", std::to_string(programme));
  t.filters = std::move(filters);
  return t;
}

// Creates the partner unless one of that name exists in that scope; its id.
Result<int64_t> PartnerOf(ProgrammeService& service, const auth::Principal& who, const std::string& name,
                          const std::string& kind, const std::string& province, std::vector<Contact> contacts) {
  HOPTAC_ASSIGN_OR_RETURN(auto partners, service.ListPartners(who));
  for (const Partner& p : partners)
    if (p.name == name && p.province_code == province) return p.id;
  PartnerInput in;
  in.name = name;
  in.kind = kind;
  in.province = province;
  in.contacts = std::move(contacts);
  HOPTAC_ASSIGN_OR_RETURN(Partner made, service.CreatePartner(who, in));
  return made.id;
}

struct Value {
  Date on;
  int64_t value;
  const char* evidence;
};

Status AddTargets(ProgrammeService& service, const auth::Principal& who, int64_t programme,
                  const std::vector<std::pair<TargetInput, std::vector<Value>>>& targets, DemoProgrammes& counts) {
  for (const auto& [input, values] : targets) {
    HOPTAC_ASSIGN_OR_RETURN(TargetView made, service.CreateTarget(who, programme, input));
    ++counts.targets;
    for (const Value& v : values) {
      auto added = service.AddValue(who, programme, made.target.id, {v.on, v.value, v.evidence});
      if (!added.ok()) return std::move(added).error();
    }
  }
  return Ok();
}

bool Exists(ProgrammeService& service, const auth::Principal& who, const std::string& code) {
  return service.GetProgrammeByCode(who, code).ok();
}

}  // namespace

Result<DemoProgrammes> LoadDemoProgrammes(ProgrammeService& service, const auth::Principal& who) {
  DemoProgrammes counts;
  const Date today = service.Today();
  if (!Exists(service, who, "QD01-TTg-2023")) {
    HOPTAC_ASSIGN_OR_RETURN(int64_t women, PartnerOf(service, who, "Hội Liên hiệp Phụ nữ Việt Nam", "womens_union", "",
                                                     {{"Ban Kinh tế", "Ban chuyên môn", "024 3971 3436", ""}}));
    ProgrammeInput p;
    p.code = "QD01-TTg-2023";
    p.title =
        "Kế hoạch thực hiện Đề án hỗ trợ phát triển hợp tác xã do phụ nữ tham gia quản lý, tạo việc làm cho lao "
        "động nữ đến năm 2030";
    p.title_en = "Plan for the scheme supporting women-managed cooperatives and jobs for women to 2030";
    p.kind = "plan";
    p.province = "";
    p.from = D(2023, 1, 3);
    p.to = D(2030, 12, 31);
    p.signed_on = D(2023, 1, 3);
    p.signatories = "Thủ tướng Chính phủ; Liên minh Hợp tác xã Việt Nam; Hội Liên hiệp Phụ nữ Việt Nam";
    p.review = std::vector<std::string>{"year", "end_of_phase"};
    p.legal_basis = std::vector<LegalDocument>{
        {"01/QĐ-TTg", D(2023, 1, 3), "Thủ tướng Chính phủ",
         "Phê duyệt Đề án hỗ trợ phát triển hợp tác xã do phụ nữ tham gia quản lý, tạo việc làm cho lao động nữ "
         "đến năm 2030"}};
    p.contents =
        std::vector<Content>{{1, "Tuyên truyền, nâng cao nhận thức về vai trò của phụ nữ trong kinh tế tập thể"},
                             {2, "Hỗ trợ thành lập, củng cố và phát triển HTX, THT do phụ nữ tham gia quản lý"},
                             {3, "Tạo việc làm cho lao động nữ trong HTX và THT"},
                             {4, "Đào tạo, bồi dưỡng cán bộ quản lý nữ của HTX"},
                             {5, "Tiếp cận vốn từ Quỹ hỗ trợ phát triển HTX"}};
    p.partners = std::vector<int64_t>{women};
    HOPTAC_ASSIGN_OR_RETURN(Programme made, service.CreateProgramme(who, p));
    ++counts.programmes;
    const Filters htx_women{{"kind", "cooperative"}, {"women_managed", "true"}, {"status", "active"}};
    const Filters tht_women{{"kind", "group"}, {"women_managed", "true"}, {"status", "active"}};
    HOPTAC_TRY(AddTargets(
        service, who, made.id,
        {
            {Count(2, "Ít nhất 750 HTX do phụ nữ tham gia quản lý hoạt động (2025)", D(2025, 12, 31), 750, htx_women),
             {}},
            {Count(2, "Ít nhất 5.000 THT do phụ nữ tham gia quản lý (2025)", D(2025, 12, 31), 5000, tht_women), {}},
            {Figure(3, "15.000 lao động nữ làm việc trong HTX (2025)", D(2025, 12, 31), 15000, "workers_female",
                    {{"kind", "cooperative"}}),
             {}},
            {Count(2, "Ít nhất 1.500 HTX do phụ nữ tham gia quản lý hoạt động (2030)", D(2030, 12, 31), 1500,
                   htx_women),
             {}},
            {Count(2, "Ít nhất 10.000 THT do phụ nữ tham gia quản lý (2030)", D(2030, 12, 31), 10000, tht_women), {}},
            {Figure(3, "30.000 lao động nữ làm việc trong HTX (2030)", D(2030, 12, 31), 30000, "workers_female",
                    {{"kind", "cooperative"}}),
             {}},
            {FromActivities(4, "Bồi dưỡng 1.000 lượt cán bộ quản lý nữ của HTX (2030)", D(2030, 12, 31), 1000, false,
                            "activities", "female", {{"type", "training"}}, made.id),
             {}},
            {Manual(4, "100% cán bộ quản lý nữ của HTX được bồi dưỡng (%)", D(2030, 12, 31), 100, false),
             {{D(2024, 12, 31), 38, "Báo cáo sơ kết năm 2024 của Liên minh HTX Việt Nam"},
              {std::min(today, D(2025, 12, 31)), 52, "Báo cáo tổng kết năm 2025"}}},
        },
        counts));
  }
  if (!Exists(service, who, "BG-TN-2023-2025")) {
    HOPTAC_ASSIGN_OR_RETURN(
        int64_t youth, PartnerOf(service, who, "Tỉnh đoàn Bắc Giang", "youth_union", "24",
                                 {{"Văn phòng Tỉnh đoàn", "Văn phòng", "0204 3854 321", "tinhdoan@bacgiang.gov.vn"}}));
    ProgrammeInput p;
    p.code = "BG-TN-2023-2025";
    p.title =
        "Chương trình phối hợp giữa Tỉnh đoàn và Liên minh HTX tỉnh về phát triển kinh tế tập thể giai đoạn "
        "2023–2025";
    p.title_en = "Coordination programme of the provincial Youth Union and Cooperative Alliance, 2023–2025";
    p.kind = "coordination_programme";
    p.province = "24";
    p.from = D(2023, 1, 1);
    p.to = D(2025, 12, 31);
    p.signed_on = D(2023, 3, 20);
    p.signatories = "Bí thư Tỉnh đoàn; Chủ tịch Liên minh HTX tỉnh";
    p.review = std::vector<std::string>{"year", "end_of_phase"};
    p.legal_basis = std::vector<LegalDocument>{
        {"20-NQ/TW", D(2022, 6, 16), "Ban Chấp hành Trung ương",
         "Về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới"},
        {"38-CTr/TU", D(2022, 10, 10), "Tỉnh uỷ", "Chương trình hành động thực hiện Nghị quyết 20-NQ/TW"},
        {"641/KH-UBND", std::nullopt, "Uỷ ban nhân dân tỉnh", "Kế hoạch thực hiện Nghị quyết 20-NQ/TW"}};
    p.contents = std::vector<Content>{
        {1, "Tuyên truyền về kinh tế tập thể và các chủ trương, chính sách phát triển HTX trong đoàn viên, thanh niên"},
        {2, "Tổ chức ít nhất một lớp bồi dưỡng sáng lập viên HTX mỗi năm"},
        {3, "Hỗ trợ thành lập mới ít nhất 6 HTX thanh niên đến năm 2025"},
        {4, "Xúc tiến thương mại: hội chợ, sàn thương mại điện tử cho sản phẩm của HTX thanh niên"},
        {5, "Phản biện chính sách; khảo sát mức độ hài lòng của HTX hằng năm"},
        {6, "Giới thiệu lao động trẻ vào làm việc tại HTX"}};
    p.partners = std::vector<int64_t>{youth};
    HOPTAC_ASSIGN_OR_RETURN(Programme made, service.CreateProgramme(who, p));
    ++counts.programmes;
    HOPTAC_TRY(AddTargets(service, who, made.id,
                          {
                              {FromActivities(2, "Mỗi năm ít nhất một lớp bồi dưỡng sáng lập viên HTX", D(2025, 12, 31),
                                              1, true, "activities", "count", {{"type", "training"}}, made.id),
                               {}},
                              {Count(3, "Ít nhất 6 HTX thanh niên thành lập mới", D(2025, 12, 31), 6,
                                     {{"kind", "cooperative"},
                                      {"youth", "true"},
                                      {"founded_from", "2023-01-01"},
                                      {"founded_to", "2025-12-31"}}),
                               {}},
                              {FromActivities(5, "Khảo sát mức độ hài lòng của HTX mỗi năm", D(2025, 12, 31), 1, true,
                                              "activities", "count", {{"type", "survey"}}, made.id),
                               {}},
                              {FromActivities(6, "Giới thiệu 150 lao động trẻ vào làm việc tại HTX", D(2025, 12, 31),
                                              150, false, "placements", "count", {}, made.id),
                               {}},
                          },
                          counts));
  }
  return counts;
}

}  // namespace hoptac::programmes
