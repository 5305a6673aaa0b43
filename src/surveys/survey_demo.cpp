#include "surveys/survey_demo.h"

#include <algorithm>

namespace hoptac::surveys {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kVietnamOffsetMs = 7 * 3'600'000;

int64_t MsOf(Date d, int hour) { return int64_t{d.days()} * kDayMs - kVietnamOffsetMs + int64_t{hour} * 3'600'000; }

Question Likert(std::string name, Text label) {
  Question q;
  q.name = std::move(name);
  q.type = QuestionType::kLikert;
  q.label = std::move(label);
  q.required = true;
  q.list_name = "muc_do";
  q.choices = {{"1", {"Rất không hài lòng", "Very dissatisfied"}},
               {"2", {"Không hài lòng", "Dissatisfied"}},
               {"3", {"Bình thường", "Neutral"}},
               {"4", {"Hài lòng", "Satisfied"}},
               {"5", {"Rất hài lòng", "Very satisfied"}}};
  return q;
}

Questionnaire Form() {
  Questionnaire q;
  q.form_id = kDemoFormId;
  q.version = "2025";
  q.title = {"Khảo sát mức độ hài lòng của HTX (Chương trình phối hợp Tỉnh đoàn – Liên minh HTX tỉnh Bắc Giang)",
             "Cooperatives' satisfaction survey (Bắc Giang youth union and cooperative alliance programme)"};
  Section rating;
  rating.name = "danh_gia";
  rating.label = {"Đánh giá sự hỗ trợ", "Rating the support"};
  rating.questions = {
      Likert("ht_xa", {"Mức độ hài lòng với sự hỗ trợ của chính quyền cấp xã",
                       "Satisfaction with the support of the commune authorities"}),
      Likert("ht_huyen", {"Mức độ hài lòng với sự hỗ trợ của chính quyền cấp huyện (trước 01/7/2025)",
                          "Satisfaction with the support of the district authorities (before 1 July 2025)"}),
      Likert("ht_tinh", {"Mức độ hài lòng với sự hỗ trợ của các sở, ngành cấp tỉnh",
                         "Satisfaction with the support of the provincial departments"}),
      Likert("thu_tuc", {"Mức độ hài lòng với thủ tục hành chính (đăng ký, thay đổi, báo cáo)",
                         "Satisfaction with administrative procedures (registration, changes, reporting)"}),
      Likert("tin_dung", {"Mức độ hài lòng về khả năng tiếp cận vốn tín dụng", "Satisfaction with access to credit"}),
      Likert("dat_dai", {"Mức độ hài lòng về tiếp cận đất đai, mặt bằng sản xuất",
                         "Satisfaction with access to land and production sites"})};
  Section support;
  support.name = "ho_tro";
  support.label = {"Hỗ trợ đã nhận", "Support received"};
  Question received;
  received.name = "nhan_ho_tro";
  received.type = QuestionType::kYesNo;
  received.label = {"Trong năm 2025, HTX có nhận được hỗ trợ nào của Nhà nước không?",
                    "Did the cooperative receive any public support in 2025?"};
  received.required = true;
  received.list_name = "co_khong";
  received.choices = {{"yes", {"Có", "Yes"}}, {"no", {"Không", "No"}}};
  Question what;
  what.name = "ho_tro_gi";
  what.type = QuestionType::kMultiple;
  what.label = {"HTX đã nhận được những hỗ trợ nào?", "What support did the cooperative receive?"};
  what.hint = {"Chọn tất cả các hỗ trợ đã nhận.", "Choose every kind of support received."};
  what.required = true;
  what.list_name = "loai_ho_tro";
  what.relevant = "${nhan_ho_tro} = 'yes'";
  what.choices = {{"von", {"Vốn, tín dụng ưu đãi", "Credit, preferential loans"}},
                  {"dao_tao", {"Đào tạo, bồi dưỡng", "Training"}},
                  {"thi_truong", {"Xúc tiến thương mại, thị trường", "Trade promotion, markets"}},
                  {"ky_thuat", {"Khoa học, kỹ thuật, chuyển đổi số", "Technology, digital transformation"}},
                  {"dat_dai", {"Đất đai, mặt bằng", "Land, premises"}},
                  {"khac", {"Khác", "Other"}}};
  support.questions = {received, what};
  Section about;
  about.name = "thong_tin";
  about.label = {"Thông tin và kiến nghị", "About the cooperative, suggestions"};
  Question members;
  members.name = "so_thanh_vien";
  members.type = QuestionType::kInteger;
  members.label = {"Số thành viên hiện nay của HTX", "Number of members today"};
  Question suggestions;
  suggestions.name = "kien_nghi";
  suggestions.type = QuestionType::kLongText;
  suggestions.label = {"Kiến nghị, đề xuất với các cấp chính quyền và Liên minh HTX",
                       "Suggestions to the authorities and the cooperative alliance"};
  about.questions = {members, suggestions};
  q.sections = {rating, support, about};
  return q;
}

const char* const kSuggestions[] = {
    "Đề nghị đơn giản hóa thủ tục vay vốn tại Ngân hàng Chính sách xã hội.",
    "Mong được hỗ trợ quảng bá sản phẩm vải thiều trên các sàn thương mại điện tử.",
    "Cần hỗ trợ thuê đất làm nhà sơ chế, kho lạnh.",
    "Đề nghị tổ chức thêm lớp tập huấn về kế toán HTX.",
    "",
    "Mong Liên minh HTX tỉnh kết nối tiêu thụ sản phẩm với doanh nghiệp.",
};
const char* const kSupport[] = {"von", "dao_tao", "thi_truong", "ky_thuat", "dat_dai", "khac"};

// Varied, repeatable answers for the i-th respondent; later years a little more satisfied.
Answers AnswersOf(size_t i, int year) {
  Answers a;
  const int base = 2 + static_cast<int>((i * 7 + 3) % 4) + (year >= 2026 && i % 3 == 0 ? 1 : 0);
  const char* names[] = {"ht_xa", "ht_huyen", "ht_tinh", "thu_tuc", "tin_dung", "dat_dai"};
  for (size_t k = 0; k < 6; ++k) {
    int v = base + static_cast<int>((i + k * 5) % 3) - 1;
    if (k >= 4) v -= 1;  // credit and land: the usual complaints
    a[names[k]] = static_cast<double>(std::clamp(v, 1, 5));
  }
  const bool received = (i * 5 + static_cast<size_t>(year)) % 3 != 0;
  a["nhan_ho_tro"] = std::string(received ? "yes" : "no");
  if (received) {
    std::vector<std::string> what{kSupport[i % 6]};
    if (i % 4 == 1) what.emplace_back(kSupport[(i + 2) % 6]);
    a["ho_tro_gi"] = what;
  }
  a["so_thanh_vien"] = static_cast<double>(7 + (i * 13) % 60);
  if (const char* s = kSuggestions[i % 6]; *s) a["kien_nghi"] = std::string(s);
  return a;
}

}  // namespace

Result<DemoSurveys> LoadDemoSurveys(SurveyService& service, const auth::Principal& who) {
  DemoSurveys counts;
  HOPTAC_ASSIGN_OR_RETURN(auto existing, service.ListQuestionnaires(who));
  for (const StoredQuestionnaire& q : existing)
    if (q.definition.form_id == kDemoFormId) return counts;
  HOPTAC_ASSIGN_OR_RETURN(StoredQuestionnaire form, service.CreateQuestionnaire(who, Form()));
  const int64_t now = service.NowMsValue();
  struct Plan {
    int year;
    Date opens, closes;
    size_t every;  // one target in `every` does not answer (0: a third answer)
  };
  for (const Plan& plan : {Plan{2025, Date::FromCivil(2025, 11, 1), Date::FromCivil(2025, 12, 15), 6},
                           Plan{2026, Date::FromCivil(2026, 10, 1), Date::FromCivil(2026, 12, 31), 0}}) {
    CampaignInput in;
    in.questionnaire_id = form.id;
    in.title = Text{"Khảo sát mức độ hài lòng của HTX năm " + std::to_string(plan.year),
                    "Cooperatives' satisfaction survey " + std::to_string(plan.year)};
    in.year = plan.year;
    in.opens_on = plan.opens;
    in.closes_on = plan.closes;
    in.province = "24";  // Bắc Giang, within today's Bắc Ninh (24) since 2025-07-01
    in.kinds = "cooperative";
    auto made = service.CreateCampaign(who, in);
    if (!made.ok()) {
      if (made.error().key == "field.campaign_no_targets") continue;  // a registry without Bắc Giang
      return made.error();
    }
    ++counts.campaigns;
    HOPTAC_ASSIGN_OR_RETURN(TargetPage targets, service.Targets(who, made->id, std::nullopt, 0, 100'000));
    for (size_t i = 0; i < targets.items.size(); ++i) {
      // 2025: all but one in six; 2026 (still open): about a third so far.
      const bool answers = plan.every ? i % plan.every != 5 : i % 3 == 0;
      if (!answers) continue;
      const Date day = Date::FromDays(plan.opens.days() + static_cast<int>((i * 11) % 40));
      const int64_t at = std::min(MsOf(day, 8 + static_cast<int>(i % 9)), now);
      HOPTAC_TRY(service.RecordResponse(who, made->id, targets.items[i].target.entity_id, AnswersOf(i, plan.year), at));
      ++counts.responses;
    }
  }
  return counts;
}

}  // namespace hoptac::surveys
