// Demo data: the Vietnamese names — vocabularies of cooperatives' and groups'
// trades, brand names, people's names — and the small text helpers built on them.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "registry/demo/demo_internal.h"

namespace hoptac::registry::demo_internal {

using domain::Sector;

namespace {

constexpr std::array<std::string_view, 36> kAgricultureCores = {"Nông nghiệp",
                                                                "Dịch vụ Nông nghiệp",
                                                                "Nông nghiệp và Dịch vụ",
                                                                "Dịch vụ Nông nghiệp Tổng hợp",
                                                                "Sản xuất Kinh doanh Dịch vụ Nông nghiệp",
                                                                "Nông nghiệp Công nghệ cao",
                                                                "Nông nghiệp Hữu cơ",
                                                                "Trồng trọt",
                                                                "Chăn nuôi",
                                                                "Chăn nuôi Bò sữa",
                                                                "Chăn nuôi Lợn",
                                                                "Rau an toàn",
                                                                "Rau sạch",
                                                                "Trồng rau Hữu cơ",
                                                                "Lúa gạo",
                                                                "Sản xuất Lúa giống",
                                                                "Chè",
                                                                "Cà phê",
                                                                "Hồ tiêu",
                                                                "Cây ăn quả",
                                                                "Bưởi",
                                                                "Xoài",
                                                                "Thanh long",
                                                                "Nhãn",
                                                                "Vải thiều",
                                                                "Cam",
                                                                "Sầu riêng",
                                                                "Dược liệu",
                                                                "Nấm",
                                                                "Hoa và Cây cảnh",
                                                                "Mía",
                                                                "Điều",
                                                                "Dừa",
                                                                "Ca cao",
                                                                "Nuôi ong",
                                                                "Nông sản Sạch"};
constexpr std::array<std::string_view, 6> kForestryCores = {"Lâm nghiệp", "Trồng rừng",         "Lâm sản",
                                                            "Quế",        "Dịch vụ Lâm nghiệp", "Hồi"};
constexpr std::array<std::string_view, 8> kFisheriesCores = {
    "Thủy sản", "Dịch vụ Thủy sản", "Nuôi trồng Thủy sản", "Khai thác Hải sản",
    "Nuôi tôm", "Nuôi cá",          "Đánh bắt Xa bờ",      "Nuôi Nghêu"};
constexpr std::array<std::string_view, 3> kSaltCores = {"Muối", "Sản xuất Muối", "Diêm nghiệp"};
constexpr std::array<std::string_view, 16> kIndustryCores = {"Tiểu thủ công nghiệp",
                                                             "Mây tre đan",
                                                             "Gốm",
                                                             "Dệt may",
                                                             "Dệt thổ cẩm",
                                                             "Mộc",
                                                             "Cơ khí",
                                                             "Thêu ren",
                                                             "Làm nón",
                                                             "Chế biến Nông sản",
                                                             "Chế biến Thực phẩm",
                                                             "Nước mắm",
                                                             "Bánh tráng",
                                                             "Chiếu cói",
                                                             "Sơn mài",
                                                             "Đá mỹ nghệ"};
constexpr std::array<std::string_view, 4> kConstructionCores = {"Xây dựng", "Xây dựng và Dịch vụ", "Xây dựng Tổng hợp",
                                                                "Vật liệu Xây dựng"};
constexpr std::array<std::string_view, 9> kTradeCores = {"Thương mại",        "Thương mại Dịch vụ", "Dịch vụ Tổng hợp",
                                                         "Du lịch Cộng đồng", "Dịch vụ Du lịch",    "Kinh doanh Chợ",
                                                         "Dịch vụ Điện năng", "Điện năng",          "Nước sạch"};
constexpr std::array<std::string_view, 6> kTransportCores = {"Vận tải",      "Vận tải Hành khách", "Vận tải Hàng hóa",
                                                             "Vận tải Thủy", "Dịch vụ Vận tải",    "Xe buýt"};
constexpr std::array<std::string_view, 4> kEnvironmentCores = {"Môi trường", "Vệ sinh Môi trường", "Dịch vụ Môi trường",
                                                               "Thu gom Rác thải"};
constexpr std::array<std::string_view, 2> kHousingCores = {"Nhà ở", "Phát triển Nhà ở"};
constexpr std::array<std::string_view, 3> kOtherCores = {"Dịch vụ", "Tổng hợp", "Đa ngành"};
// Names some cooperatives take instead of their commune's.
constexpr std::array<std::string_view, 12> kBrandNames = {"Thành Công", "Phát Đạt", "Hưng Thịnh", "Thịnh Phát",
                                                          "An Phú",     "Xanh",     "Bình An",    "Phú Quý",
                                                          "Tân Tiến",   "Đoàn Kết", "Hòa Bình",   "Quyết Thắng"};

}  // namespace

std::string_view SectorCore(Rng& rng, Sector sector) {
  switch (sector) {
    case Sector::kAgriculture: return rng.Pick(kAgricultureCores);
    case Sector::kForestry: return rng.Pick(kForestryCores);
    case Sector::kFisheries: return rng.Pick(kFisheriesCores);
    case Sector::kSalt: return rng.Pick(kSaltCores);
    case Sector::kIndustryHandicraft: return rng.Pick(kIndustryCores);
    case Sector::kConstruction: return rng.Pick(kConstructionCores);
    case Sector::kTradeServices: return rng.Pick(kTradeCores);
    case Sector::kTransport: return rng.Pick(kTransportCores);
    case Sector::kEnvironment: return rng.Pick(kEnvironmentCores);
    case Sector::kHousing: return rng.Pick(kHousingCores);
    case Sector::kCredit:
    case Sector::kOther: return rng.Pick(kOtherCores);
  }
  return "Dịch vụ";
}

constexpr std::array<std::string_view, 10> kGroupAgriculture = {
    "trồng rau an toàn", "sản xuất lúa giống", "chăn nuôi bò", "nuôi ong lấy mật", "trồng nấm",
    "trồng bưởi",        "sản xuất chè",       "chăn nuôi gà", "trồng hoa",        "dịch vụ cơ giới hóa nông nghiệp"};
constexpr std::array<std::string_view, 5> kGroupFisheries = {"nuôi tôm", "khai thác thủy sản", "đánh bắt hải sản",
                                                             "nuôi cá lồng", "nuôi nghêu"};
constexpr std::array<std::string_view, 3> kGroupForestry = {"trồng rừng", "trồng quế", "khai thác lâm sản"};
constexpr std::array<std::string_view, 6> kGroupIndustry = {"mây tre đan", "dệt thổ cẩm", "làm bánh tráng",
                                                            "may mặc",     "làm nón lá",  "chế biến nông sản"};
constexpr std::array<std::string_view, 4> kGroupOther = {"dịch vụ tổng hợp", "thu gom rác", "xây dựng", "vận tải"};

std::string_view GroupActivity(Rng& rng, Sector sector) {
  switch (sector) {
    case Sector::kAgriculture: return rng.Pick(kGroupAgriculture);
    case Sector::kFisheries: return rng.Pick(kGroupFisheries);
    case Sector::kForestry: return rng.Pick(kGroupForestry);
    case Sector::kSalt: return "sản xuất muối";
    case Sector::kIndustryHandicraft: return rng.Pick(kGroupIndustry);
    case Sector::kConstruction: return "xây dựng";
    case Sector::kTransport: return "vận tải";
    case Sector::kEnvironment: return "thu gom rác";
    case Sector::kTradeServices: return "dịch vụ tổng hợp";
    default: return rng.Pick(kGroupOther);
  }
}

std::string_view BrandName(Rng& rng) { return rng.Pick(kBrandNames); }

namespace {

// Family names with rough frequencies (per mille).
struct Weighted {
  std::string_view text;
  int weight;
};
constexpr Weighted kFamilyNames[] = {
    {"Nguyễn", 310}, {"Trần", 110}, {"Lê", 95},   {"Phạm", 70}, {"Hoàng", 40}, {"Huỳnh", 30}, {"Phan", 45},
    {"Vũ", 30},      {"Võ", 35},    {"Đặng", 20}, {"Bùi", 20},  {"Đỗ", 15},    {"Hồ", 13},    {"Ngô", 13},
    {"Dương", 10},   {"Lý", 5},     {"Đinh", 10}, {"Đào", 8},   {"Lương", 6},  {"Trịnh", 6},  {"Mai", 5},
    {"Cao", 5},      {"Tạ", 3},     {"Hà", 6},    {"Lò", 3},    {"Vi", 2},     {"Nông", 3},   {"Triệu", 3}};
constexpr std::array<std::string_view, 14> kMaleMiddle = {"Văn",  "Văn",  "Văn",   "Hữu",  "Đức",   "Công", "Quang",
                                                          "Minh", "Xuân", "Thanh", "Đình", "Trọng", "Quốc", "Văn"};
constexpr std::array<std::string_view, 14> kFemaleMiddle = {"Thị", "Thị",  "Thị",  "Thị", "Ngọc", "Thu",    "Thanh",
                                                            "Kim", "Hồng", "Minh", "Mỹ",  "Bích", "Phương", "Thị"};
constexpr std::array<std::string_view, 36> kMaleGiven = {
    "Hùng",  "Dũng", "Nam",  "Tuấn",  "Minh",  "Hải",   "Sơn",  "Thắng", "Long",  "Quân", "Phong", "Bình",
    "Cường", "Hòa",  "Toàn", "Trung", "Tài",   "Lộc",   "Phúc", "Thành", "Tâm",   "Hiếu", "Khoa",  "Huy",
    "Đạt",   "Vinh", "Hưng", "Tùng",  "Chiến", "Thịnh", "Lâm",  "Bảo",   "Khánh", "Tiến", "Nghĩa", "Sang"};
constexpr std::array<std::string_view, 35> kFemaleGiven = {
    "Lan",   "Hương", "Hoa", "Mai",  "Hằng", "Thảo",   "Trang", "Linh",  "Nga",  "Hạnh",  "Nhung", "Yến",
    "Loan",  "Thủy",  "Hà",  "Hiền", "Oanh", "Phương", "Vân",   "Tuyết", "Dung", "Liên",  "Ngọc",  "Anh",
    "Huyền", "Nhàn",  "Thu", "Xuân", "Cúc",  "Hồng",   "Châu",  "Ngân",  "Thơ",  "Quyên", "Diệp"};

}  // namespace

std::string PersonName(Rng& rng, domain::Sex sex) {
  std::array<int, std::size(kFamilyNames)> weights{};
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = kFamilyNames[i].weight;
  std::string name(kFamilyNames[rng.Weighted(weights)].text);
  bool female = sex == domain::Sex::kFemale;
  name += ' ';
  name += female ? rng.Pick(kFemaleMiddle) : rng.Pick(kMaleMiddle);
  name += ' ';
  name += female ? rng.Pick(kFemaleGiven) : rng.Pick(kMaleGiven);
  return name;
}

// "Xã Tân Phú" → "xã Tân Phú"; "Đặc khu Côn Đảo" → "đặc khu Côn Đảo".
std::string LowerFirst(std::string_view text) {
  std::string out(text);
  if (out.starts_with("\xC4\x90")) {  // Đ
    out[1] = '\x91';                  // đ
  } else if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  }
  return out;
}

std::string Digits(Rng& rng, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + rng.Below(10));
  return out;
}

std::string Padded(int64_t value, int width) {
  std::string digits = std::to_string(value);
  return std::string(static_cast<size_t>(std::max(0, width - static_cast<int>(digits.size()))), '0') + digits;
}

}  // namespace hoptac::registry::demo_internal
