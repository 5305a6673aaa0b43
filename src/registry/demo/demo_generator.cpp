#include "registry/demo/demo.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <span>
#include <string_view>
#include <unordered_map>

#include "registry/entity_service.h"
#include "storage/audit.h"
#include "text/fold.h"

namespace hoptac::registry {

using domain::EntityKind;
using domain::EventType;
using domain::Figures;
using domain::Period;
using domain::Sector;
using domain::StatusEvent;

namespace {

// ---- Randomness: SplitMix64 and integer-only draws, the same on every platform ----

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift with rejection: unbiased).
  uint64_t Below(uint64_t n) {
    unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
    auto low = static_cast<uint64_t>(m);
    if (low < n) {
      uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(Next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }
  // Uniform in [low, high]; low when high < low.
  int64_t Between(int64_t low, int64_t high) {
    if (high <= low) return low;
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }
  // True with probability per_mille / 1000.
  bool PerMille(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }
  // An index drawn with the given integer weights (not all zero).
  size_t Weighted(std::span<const int> weights) {
    int64_t total = 0;
    for (int w : weights) total += w;
    auto r = static_cast<int64_t>(Below(static_cast<uint64_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }
  Date DateBetween(Date from, Date to) { return Date::FromDays(static_cast<int>(Between(from.days(), to.days()))); }

 private:
  uint64_t state_;
};

// Independent streams per entity and purpose.
enum class Stream : uint64_t { kEntity = 1, kFigures = 2 };

Rng StreamOf(uint64_t seed, EntityKind kind, int64_t index, Stream stream) {
  uint64_t h = Mix(seed ^ 0x686f70746163ULL);  // "hoptac"
  h = Mix(h ^ (static_cast<uint64_t>(kind) + 1) * 0x100000001b3ULL);
  h = Mix(h ^ static_cast<uint64_t>(index));
  return Rng(Mix(h ^ static_cast<uint64_t>(stream)));
}

// ---- Provinces -------------------------------------------------------------------

// The 63 provinces before 2025-07-01 with relative weights for cooperatives
// (and unions, credit funds) and for cooperative groups: a rough picture of
// where the country's cooperatives are (alliance reports 2020–2023), heavier in
// the Red River delta, the north-central provinces and the Mekong delta; groups
// are even more concentrated in the deltas.
struct ProvinceWeight {
  const char* code;
  int cooperatives;
  int groups;
};

constexpr ProvinceWeight kProvinceWeights[] = {
    {"01", 1900, 2600}, {"02", 700, 700},   {"04", 300, 400},  {"06", 250, 300},  {"08", 300, 600},  {"10", 500, 500},
    {"11", 300, 300},   {"12", 250, 200},   {"14", 900, 800},  {"15", 400, 500},  {"17", 400, 600},  {"19", 600, 900},
    {"20", 400, 500},   {"22", 500, 500},   {"24", 700, 1200}, {"25", 500, 900},  {"26", 400, 900},  {"27", 400, 900},
    {"30", 600, 1500},  {"31", 400, 1000},  {"33", 400, 1200}, {"34", 550, 2000}, {"35", 250, 800},  {"36", 500, 1800},
    {"37", 300, 900},   {"38", 1100, 3000}, {"40", 900, 3500}, {"42", 800, 2500}, {"44", 400, 1200}, {"45", 400, 1000},
    {"46", 250, 800},   {"48", 100, 150},   {"49", 400, 1000}, {"51", 250, 900},  {"52", 300, 1100}, {"54", 200, 700},
    {"56", 200, 500},   {"58", 150, 400},   {"60", 200, 600},  {"62", 200, 400},  {"64", 400, 800},  {"66", 400, 1000},
    {"67", 250, 500},   {"68", 500, 800},   {"70", 250, 400},  {"72", 200, 600},  {"74", 150, 250},  {"75", 400, 700},
    {"77", 150, 300},   {"79", 500, 500},   {"80", 400, 1800}, {"82", 350, 2500}, {"83", 300, 2000}, {"84", 300, 1500},
    {"86", 250, 1500},  {"87", 450, 3000},  {"89", 500, 2500}, {"91", 500, 2000}, {"92", 250, 1200}, {"93", 300, 1200},
    {"94", 300, 1500},  {"95", 200, 900},   {"96", 400, 1500},
};

// ---- Names -----------------------------------------------------------------------

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

// ---- Shares per kind ----------------------------------------------------------------

// Sector weights in kSectors order: agriculture, forestry, fisheries, salt,
// industry_handicraft, construction, trade_services, transport, credit,
// environment, housing, other.
constexpr std::array<int, 12> kCooperativeSectors = {620, 20, 45, 4, 80, 30, 80, 50, 0, 35, 3, 33};
constexpr std::array<int, 12> kGroupSectors = {780, 30, 70, 6, 60, 10, 20, 8, 0, 8, 0, 8};
constexpr std::array<int, 12> kUnionSectors = {450, 10, 40, 0, 80, 30, 200, 150, 0, 20, 0, 20};

// Founding-year weights from 1997 on (the last entry repeats for later years):
// cooperatives re-registered in numbers under the 1996 law, then again since 2013.
constexpr int kCooperativeYears[] = {12, 10, 6, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4,
                                     4,  5,  5, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8, 8, 8};
constexpr int kGroupYears[] = {1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 5, 5, 5, 5, 5, 5, 7};
constexpr int kUnionYears[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4};
constexpr int kCreditFundYears[] = {10, 10, 10, 10, 10, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1};

std::span<const int> YearWeights(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCooperative: return kCooperativeYears;
    case EntityKind::kGroup: return kGroupYears;
    case EntityKind::kUnion: return kUnionYears;
    case EntityKind::kCreditFund: return kCreditFundYears;
  }
  return kCooperativeYears;
}

constexpr int kFirstYear = 1997;

// The first day of the 34 provinces.
Date Reform() { return Date::FromCivil(2025, 7, 1); }

// ---- Figures ---------------------------------------------------------------------------

// A figure drawn from weighted ranges [low, high].
struct Band {
  int weight;
  int64_t low, high;
};

int64_t Draw(Rng& rng, std::span<const Band> bands) {
  std::array<int, 8> weights{};
  for (size_t i = 0; i < bands.size(); ++i) weights[i] = bands[i].weight;
  const Band& band = bands[rng.Weighted(std::span<const int>(weights.data(), bands.size()))];
  return rng.Between(band.low, band.high);
}

constexpr int64_t kMillion = 1'000'000;
constexpr int64_t kBillion = 1'000'000'000;

struct FigureProfile {
  std::array<Band, 5> members;
  std::array<Band, 4> workers;
  std::array<Band, 5> revenue;
  std::array<Band, 3> capital;      // weight 0: no charter capital
  int64_t income_low, income_high;  // VND a month in 2015
  bool member_shares;               // female and youth members are counted
};

const FigureProfile& ProfileOf(EntityKind kind) {
  static const FigureProfile cooperative = {
      {{{300, 7, 15}, {350, 15, 40}, {220, 40, 150}, {100, 150, 800}, {30, 800, 3000}}},
      {{{400, 3, 8}, {350, 8, 20}, {180, 20, 60}, {70, 60, 300}}},
      {{{250, 150 * kMillion, 600 * kMillion},
        {350, 600 * kMillion, 2 * kBillion},
        {280, 2 * kBillion, 8 * kBillion},
        {110, 8 * kBillion, 40 * kBillion},
        {10, 40 * kBillion, 200 * kBillion}}},
      {{{500, 50 * kMillion, 1 * kBillion}, {400, 1 * kBillion, 5 * kBillion}, {100, 5 * kBillion, 30 * kBillion}}},
      3'200'000,
      5'500'000,
      true};
  static const FigureProfile group = {{{{500, 3, 8}, {380, 8, 20}, {120, 20, 60}, {0, 0, 0}, {0, 0, 0}}},
                                      {{{700, 2, 6}, {300, 6, 20}, {0, 0, 0}, {0, 0, 0}}},
                                      {{{500, 50 * kMillion, 300 * kMillion},
                                        {400, 300 * kMillion, 1500 * kMillion},
                                        {100, 1500 * kMillion, 5 * kBillion},
                                        {0, 0, 0},
                                        {0, 0, 0}}},
                                      {{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}},
                                      2'600'000,
                                      4'500'000,
                                      true};
  static const FigureProfile union_profile = {
      {{{1, 4, 20}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}},  // replaced by the union's member count
      {{{600, 5, 15}, {400, 15, 40}, {0, 0, 0}, {0, 0, 0}}},
      {{{500, 2 * kBillion, 10 * kBillion},
        {400, 10 * kBillion, 50 * kBillion},
        {100, 50 * kBillion, 200 * kBillion},
        {0, 0, 0},
        {0, 0, 0}}},
      {{{500, 1 * kBillion, 5 * kBillion}, {400, 5 * kBillion, 20 * kBillion}, {100, 20 * kBillion, 50 * kBillion}}},
      5'000'000,
      8'000'000,
      false};
  static const FigureProfile credit_fund = {
      {{{500, 300, 1500}, {400, 1500, 5000}, {100, 5000, 15000}, {0, 0, 0}, {0, 0, 0}}},
      {{{700, 5, 12}, {300, 12, 30}, {0, 0, 0}, {0, 0, 0}}},
      {{{700, 3 * kBillion, 20 * kBillion}, {300, 20 * kBillion, 80 * kBillion}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}},
      {{{600, 1 * kBillion, 5 * kBillion}, {400, 5 * kBillion, 20 * kBillion}, {0, 0, 0}}},
      6'500'000,
      10'000'000,
      true};
  switch (kind) {
    case EntityKind::kCooperative: return cooperative;
    case EntityKind::kGroup: return group;
    case EntityKind::kUnion: return union_profile;
    case EntityKind::kCreditFund: return credit_fund;
  }
  return cooperative;
}

// value · (1000 + per_mille) / 1000, kept within [low, high].
int64_t Grow(int64_t value, int64_t per_mille, int64_t low, int64_t high) {
  int64_t grown = value + value * per_mille / 1000;
  return std::clamp(grown, low, high);
}

// The state of an entity's figures in one year.
struct YearState {
  int64_t members, workers, revenue, income, capital;
};

}  // namespace

// ---- Generator --------------------------------------------------------------------------

struct DemoGenerator::Impl {
  struct Province {
    std::string code;          // as before the reform
    std::string name;          // before the reform
    Date valid_from;           // first day of the code on record
    std::string current_code;  // its successor in force today
    int cooperative_weight = 0, group_weight = 0;
  };
  struct Commune {
    std::string code, name, full_name;
  };
  struct Union {
    std::string current_province_code;
    std::string registration_code;
    int64_t slots = 0;  // member cooperatives it takes
  };

  std::shared_ptr<const geo::AdminUnitDirectory> units;
  DemoOptions options;
  Date today;
  DemoCounts planned;
  std::vector<Province> provinces;
  std::vector<int> cooperative_weights, group_weights;
  std::unordered_map<std::string, std::vector<Commune>> communes;  // by current province code
  std::unordered_map<std::string, std::string> current_names;      // current province code → full name
  std::unordered_map<std::string, int64_t> serials;                // "<kind>/<code>" → last serial
  std::vector<Union> unions;
  std::unordered_map<std::string, std::vector<int64_t>> unions_by_province;

  EntityKind kind = EntityKind::kUnion;
  int64_t index = 0;  // within kind

  int64_t CountOf(EntityKind k) const {
    switch (k) {
      case EntityKind::kCooperative: return planned.cooperatives;
      case EntityKind::kUnion: return planned.unions;
      case EntityKind::kGroup: return planned.groups;
      case EntityKind::kCreditFund: return planned.credit_funds;
    }
    return 0;
  }

  Status Prepare() {
    Date before_reform = Date::FromDays(Reform().days() - 1);
    for (const ProvinceWeight& weight : kProvinceWeights) {
      const geo::AdminUnit* unit = units->Find(geo::AdminLevel::kProvince, weight.code, before_reform);
      if (!unit) return Error::Internal(std::string("demo: no province ") + weight.code + " before 2025-07-01");
      auto current = CurrentProvinceCode(*units, unit->code, before_reform, today);
      if (!current) return Error::Internal(std::string("demo: no successor of province ") + weight.code);
      provinces.push_back({unit->code, unit->name, unit->valid_from, *current, weight.cooperatives, weight.groups});
      cooperative_weights.push_back(weight.cooperatives);
      group_weights.push_back(weight.groups);
      if (!communes.contains(*current)) {
        auto& list = communes[*current];
        for (const geo::AdminUnit* commune : units->CommunesOf(*current, today))
          list.push_back({commune->code, commune->name, commune->full_name});
        if (list.empty()) return Error::Internal("demo: no commune in province " + *current);
        const geo::AdminUnit* province = units->Find(geo::AdminLevel::kProvince, *current, today);
        current_names[*current] = province ? province->full_name : *current;
      }
    }
    return Ok();
  }

  // A founding date of this kind: a year by weight (the current year by the part of
  // it that has passed), then a day of that year up to today.
  Date Founding(Rng& rng) {
    std::span<const int> weights = YearWeights(kind);
    std::vector<int> years;
    for (int year = kFirstYear; year <= today.year(); ++year) {
      size_t i = std::min(static_cast<size_t>(year - kFirstYear), weights.size() - 1);
      int w = weights[i] * 366;
      if (year == today.year()) w = weights[i] * (today.days() - Date::FromCivil(year, 1, 1).days() + 1);
      years.push_back(w);
    }
    int year = kFirstYear + static_cast<int>(rng.Weighted(years));
    Date last = std::min(Date::FromCivil(year, 12, 31), today);
    return rng.DateBetween(Date::FromCivil(year, 1, 1), last);
  }

  std::string NextCode(const std::string& province_code) {
    int64_t serial = ++serials[std::to_string(static_cast<int>(kind)) + "/" + province_code];
    switch (kind) {
      case EntityKind::kCooperative: return province_code + "07" + Padded(serial, 6);
      case EntityKind::kUnion: return province_code + "08" + Padded(serial, 6);
      case EntityKind::kCreditFund: return province_code + "09" + Padded(serial, 6);
      case EntityKind::kGroup: return "THT-" + province_code + "-" + Padded(serial, 6);
    }
    return "";
  }

  static std::string Hamlet(Rng& rng, const std::string& province_code) {
    bool south = province_code >= "70";
    int n = static_cast<int>(rng.Between(1, 12));
    if (south) return (rng.PerMille(800) ? "ấp " : "khóm ") + std::to_string(n);
    return (rng.PerMille(700) ? "thôn " : "xóm ") + std::to_string(n);
  }

  static std::string Capitalised(std::string text) {
    if (text.starts_with("\xE1\xBA\xA5")) return "\xE1\xBA\xA4" + text.substr(3);  // ấ → Ấ
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
  }

  std::string Name(Rng& rng, Sector sector, const Commune& place, const Province& province,
                   const std::string& current_code, const std::string& hamlet, const std::optional<Date>& founded) {
    switch (kind) {
      case EntityKind::kCooperative: {
        std::string name = "Hợp tác xã ";
        if (rng.PerMille(80)) name += "Sản xuất và Tiêu thụ ";
        name += SectorCore(rng, sector);
        name += ' ';
        name += rng.PerMille(120) ? std::string(rng.Pick(kBrandNames)) : place.name;
        if (rng.PerMille(50)) name += " " + std::to_string(rng.Between(2, 5));
        return name;
      }
      case EntityKind::kGroup: {
        std::string name = "Tổ hợp tác ";
        name += GroupActivity(rng, sector);
        if (rng.PerMille(400)) name += " " + hamlet;
        return name + " " + place.name;
      }
      case EntityKind::kCreditFund: return "Quỹ tín dụng nhân dân " + LowerFirst(place.full_name);
      case EntityKind::kUnion: {
        std::string name = "Liên hiệp Hợp tác xã ";
        name += SectorCore(rng, sector);
        name += ' ';
        // Named after its province as it was when founded.
        const geo::AdminUnit* unit = nullptr;
        if (!(*founded < Reform())) unit = units->Find(geo::AdminLevel::kProvince, current_code, today);
        name += unit ? unit->name : province.name;
        return name;
      }
    }
    return "";
  }

  std::vector<StatusEvent> History(Rng& rng, Date founded) {
    std::vector<StatusEvent> events;
    events.push_back({founded, EventType::kEstablished, "Đăng ký thành lập", std::nullopt});
    Date first = Date::FromDays(founded.days() + 180);
    if (first > today) return events;
    Date base = first;
    // Cooperatives registered before the 2012 law re-organised under it.
    if (kind == EntityKind::kCooperative && founded < Date::FromCivil(2013, 7, 1) && rng.PerMille(200)) {
      Date from = std::max(first, Date::FromCivil(2013, 7, 1));
      Date to = std::min(today, Date::FromCivil(2016, 12, 31));
      if (from <= to) {
        Date on = rng.DateBetween(from, to);
        events.push_back({on, EventType::kReorganised, "Tổ chức lại theo Luật Hợp tác xã năm 2012", std::nullopt});
        base = Date::FromDays(on.days() + 1);
      }
    }
    if (kind == EntityKind::kCreditFund && rng.PerMille(30)) {
      Date on = rng.DateBetween(base, today);
      events.push_back({on, EventType::kReorganised, "Sáp nhập quỹ tín dụng nhân dân lân cận", std::nullopt});
      base = Date::FromDays(on.days() + 1);
    }
    if (base > today) return events;
    // Fates, per mille: suspended and resumed, suspended, stopped, stopped then
    // dissolved, dissolved, bankrupt, converted; the rest stay active.
    std::array<int, 8> fates{};
    switch (kind) {
      case EntityKind::kCooperative: fates = {50, 35, 55, 40, 45, 4, 6, 0}; break;
      case EntityKind::kGroup: fates = {30, 30, 90, 40, 60, 0, 20, 0}; break;
      case EntityKind::kUnion: fates = {30, 20, 60, 20, 30, 0, 0, 0}; break;
      case EntityKind::kCreditFund: fates = {10, 5, 0, 0, 20, 3, 0, 0}; break;
    }
    fates[7] = 1000;
    for (size_t i = 0; i < 7; ++i) fates[7] -= fates[i];
    size_t fate = rng.Weighted(fates);
    auto add = [&](Date on, EventType type, std::string note, std::optional<EntityKind> to = std::nullopt) {
      events.push_back({on, type, std::move(note), to});
    };
    Date late = Date::FromDays(today.days() - 60);
    switch (fate) {
      case 0: {  // suspended, resumed
        if (base > late) break;
        Date on = rng.DateBetween(base, late);
        add(on, EventType::kSuspended, "Tạm ngừng hoạt động theo đề nghị của Hội đồng quản trị");
        add(rng.DateBetween(Date::FromDays(on.days() + 30), std::min(today, Date::FromDays(on.days() + 730))),
            EventType::kResumed, "Hoạt động trở lại");
        break;
      }
      case 1:
        add(rng.DateBetween(base, today), EventType::kSuspended,
            rng.PerMille(500) ? "Tạm ngừng hoạt động do thiếu vốn" : "Tạm ngừng hoạt động để củng cố tổ chức");
        break;
      case 2:
        add(rng.DateBetween(base, today), EventType::kStopped, "Ngừng hoạt động, chưa làm thủ tục giải thể");
        break;
      case 3: {  // stopped, then dissolved
        if (base > late) break;
        Date on = rng.DateBetween(base, late);
        add(on, EventType::kStopped, "Ngừng hoạt động");
        add(rng.DateBetween(Date::FromDays(on.days() + 60), today), EventType::kDissolved,
            "Giải thể bắt buộc theo quyết định của Ủy ban nhân dân");
        break;
      }
      case 4:
        add(rng.DateBetween(base, today), EventType::kDissolved,
            "Giải thể tự nguyện theo nghị quyết Đại hội thành viên");
        break;
      case 5:
        add(rng.DateBetween(base, today), EventType::kBankrupt, "Tuyên bố phá sản theo quyết định của Tòa án nhân dân");
        break;
      case 6:
        if (kind == EntityKind::kGroup) {
          add(rng.DateBetween(base, today), EventType::kConverted, "Chuyển đổi thành hợp tác xã",
              EntityKind::kCooperative);
        } else {
          add(rng.DateBetween(base, today), EventType::kConverted, "Chuyển đổi thành doanh nghiệp");
        }
        break;
      default: break;
    }
    return events;
  }

  std::vector<std::pair<Period, Figures>> FiguresOf(Rng& rng, const DemoEntity& demo) {
    const FigureProfile& profile = ProfileOf(kind);
    const domain::Entity& e = demo.entity;
    Date founded = *e.founded_on;
    int64_t minimum = domain::MinimumMembers(kind).value_or(1);
    YearState state;
    state.members = kind == EntityKind::kUnion ? unions[static_cast<size_t>(index)].slots : Draw(rng, profile.members);
    state.members = std::max(state.members, minimum + 2);
    state.workers = Draw(rng, profile.workers);
    state.revenue = Draw(rng, profile.revenue);
    state.income = rng.Between(profile.income_low, profile.income_high);
    bool has_capital = profile.capital[0].weight > 0 && rng.PerMille(850);
    state.capital = has_capital ? Draw(rng, profile.capital) : 0;
    int64_t female_members = e.women_managed ? rng.Between(400, 750) : rng.Between(150, 550);
    int64_t youth_members = e.youth ? rng.Between(500, 900) : rng.Between(30, 250);
    int64_t female_workers = e.women_managed ? rng.Between(400, 800) : rng.Between(150, 600);
    int64_t member_workers = kind == EntityKind::kCreditFund ? 0 : rng.Between(300, 950);
    int64_t with_members = rng.Between(200, 850);
    bool reports_with_members = kind != EntityKind::kGroup || rng.PerMille(500);
    int64_t margin = rng.PerMille(150) ? rng.Between(-100, -5) : rng.Between(15, 140);
    int64_t member_growth = kind == EntityKind::kUnion ? 0 : rng.Between(-30, 80);
    int64_t revenue_growth = rng.Between(-60, 140);
    int64_t capital_growth = rng.Between(0, 60);

    auto year_figures = [&](const YearState& s, int64_t revenue, int64_t income) {
      Figures f;
      f.members_total = s.members;
      if (profile.member_shares) {
        f.members_female = s.members * female_members / 1000;
        if (kind != EntityKind::kCreditFund) f.members_youth = s.members * youth_members / 1000;
      }
      f.workers_total = s.workers;
      f.workers_female = s.workers * female_workers / 1000;
      f.workers_members = kind == EntityKind::kCreditFund ? std::min(s.workers, s.members)
                                                          : std::min(s.workers * member_workers / 1000, s.members);
      f.revenue_vnd = revenue;
      if (reports_with_members) f.revenue_with_members_vnd = revenue * with_members / 1000;
      f.profit_vnd = revenue * margin / 1000;
      f.avg_income_vnd_month = income;
      if (has_capital) f.charter_capital_vnd = s.capital;
      return f;
    };

    std::vector<std::pair<Period, Figures>> out;
    std::vector<StatusEvent> sorted = demo.events;
    domain::SortEvents(sorted);
    auto active_on = [&](Date day) {
      return founded <= day && day <= today &&
             domain::StatusOn(sorted, founded, day) == std::optional(domain::EntityStatus::kActive);
    };
    // Groups (THT) are not surveyed every year: a third of them report, in the survey years 2020 and 2024.
    // This keeps scale 10 near 20 million figure values, as the issue sizes it.
    const bool group = kind == EntityKind::kGroup;
    const bool group_reports = group && rng.PerMille(333);
    int first_year = std::max(2015, founded.year());
    for (int year = first_year; year <= today.year(); ++year) {
      if (year > first_year) {
        state.members =
            Grow(state.members, member_growth + rng.Between(-20, 20), minimum + 2, domain::kMaxPlausiblePeople / 2);
        state.workers = Grow(state.workers, member_growth + rng.Between(-50, 50), 1, domain::kMaxPlausiblePeople / 2);
        state.revenue = Grow(state.revenue, revenue_growth + rng.Between(-100, 100), 20 * kMillion, 500 * kBillion);
        state.income = Grow(state.income, 55 + rng.Between(-30, 30), 1'500'000, 60'000'000);
        state.capital = Grow(state.capital, capital_growth, 0, 100 * kBillion);
      }
      // Revenue per worker stays plausible (well under the 50-billion warning).
      int64_t revenue = std::min(state.revenue, state.workers * 10 * kBillion);
      if (group && (!group_reports || (year != 2020 && year != 2024))) continue;
      Period s1 = Period::Half(year, 1);
      if (!group && year >= 2025 && active_on(s1.End())) {
        int64_t half = revenue * rng.Between(400, 550) / 1000;
        out.emplace_back(s1, year_figures(state, half, state.income * rng.Between(950, 1050) / 1000));
      }
      Period whole = Period::Year(year);
      if (active_on(whole.End())) out.emplace_back(whole, year_figures(state, revenue, state.income));
    }
    return out;
  }

  void Generate(DemoEntity& out) {
    out = DemoEntity();
    Rng rng = StreamOf(options.seed, kind, index, Stream::kEntity);
    domain::Entity& e = out.entity;
    e.kind = kind;
    Date founded = Founding(rng);
    e.founded_on = founded;
    const Province& province =
        provinces[rng.Weighted(kind == EntityKind::kGroup ? group_weights : cooperative_weights)];
    if (founded < Reform()) {
      e.province_code = province.code;
      e.province_as_of = std::max(founded, province.valid_from);
    } else {
      e.province_code = province.current_code;
      e.province_as_of = founded;
    }
    out.current_province_code =
        CurrentProvinceCode(*units, e.province_code, *e.province_as_of, today).value_or(province.current_code);
    const std::string& current = out.current_province_code;
    const auto& places = communes.at(current);
    const Commune& place = places[rng.Below(places.size())];
    if (rng.PerMille(900)) e.commune_code = place.code;
    std::string hamlet = Hamlet(rng, current);

    switch (kind) {
      case EntityKind::kCooperative: e.sector = domain::kSectors[rng.Weighted(kCooperativeSectors)]; break;
      case EntityKind::kGroup: e.sector = domain::kSectors[rng.Weighted(kGroupSectors)]; break;
      case EntityKind::kUnion: e.sector = domain::kSectors[rng.Weighted(kUnionSectors)]; break;
      case EntityKind::kCreditFund: e.sector = Sector::kCredit; break;
    }
    e.name = Name(rng, *e.sector, place, province, current, hamlet, e.founded_on);
    // About one in a hundred entities has no sector on record.
    if (kind != EntityKind::kCreditFund && rng.PerMille(10)) e.sector.reset();
    e.registration_code = NextCode(e.province_code);
    if (kind != EntityKind::kGroup && rng.PerMille(900)) e.tax_code = e.registration_code;
    e.address = Capitalised(hamlet) + ", " + (e.commune_code.empty() ? "" : LowerFirst(place.full_name) + ", ") +
                LowerFirst(current_names.at(current));

    // Chair: women manage about a quarter (a woman chairs, or directs under a male chair).
    int women_per_mille = kind == EntityKind::kCreditFund ? 300 : kind == EntityKind::kUnion ? 120 : 230;
    bool woman_chair = rng.PerMille(women_per_mille);
    e.chair_sex = woman_chair ? domain::Sex::kFemale : domain::Sex::kMale;
    e.women_managed = woman_chair || rng.PerMille(30);
    int youth_per_mille = kind == EntityKind::kCooperative ? 40 : kind == EntityKind::kGroup ? 30 : 0;
    e.youth = founded.year() >= 2010 && rng.PerMille(youth_per_mille);
    e.chair_name = PersonName(rng, *e.chair_sex);
    if (e.youth) {
      e.chair_birth_year = founded.year() - static_cast<int>(rng.Between(22, 34));
    } else {
      e.chair_birth_year = today.year() - static_cast<int>(rng.Between(30, 68));
    }
    if (rng.PerMille(950)) {
      static constexpr std::array<std::string_view, 5> kPrefixes = {"09", "03", "08", "07", "05"};
      e.phone = std::string(rng.Pick(kPrefixes)) + Digits(rng, 8);
    }
    if (rng.PerMille(250)) {
      std::string local = kind == EntityKind::kCooperative ? "htx"
                          : kind == EntityKind::kGroup     ? "tht"
                          : kind == EntityKind::kUnion     ? "lienhiephtx"
                                                           : "qtdnd";
      for (char c : text::Fold(place.name))
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) local += c;
      if (rng.PerMille(500)) local += std::to_string(rng.Between(1, 99));
      e.email = local + (rng.PerMille(800) ? "@gmail.com" : "@yahoo.com.vn");
    }

    if (kind == EntityKind::kUnion) {
      unions.push_back({current, e.registration_code, rng.Between(4, 15)});
      unions_by_province[current].push_back(static_cast<int64_t>(unions.size()) - 1);
    } else if (kind == EntityKind::kCooperative && rng.PerMille(150)) {
      for (int64_t u : unions_by_province[current]) {
        Union& candidate = unions[static_cast<size_t>(u)];
        if (candidate.slots <= 0) continue;
        --candidate.slots;
        out.union_index = u;
        e.union_registration_code = candidate.registration_code;
        break;
      }
    }
    domain::NormalizeEntity(e);
    out.events = History(rng, founded);
    Rng figures_rng = StreamOf(options.seed, kind, index, Stream::kFigures);
    out.figures = FiguresOf(figures_rng, out);
  }
};

Result<DemoCounts> PlannedDemoCounts(double scale) {
  if (!(scale > 0) || scale > kMaxDemoScale)
    return Error::InvalidField("scale", "out_of_range", "field.out_of_range", {"0", std::to_string(kMaxDemoScale)});
  auto count = [scale](double at_one) { return std::max<int64_t>(1, std::llround(at_one * scale)); };
  DemoCounts counts;
  counts.cooperatives = count(34'000);
  counts.groups = count(71'000);
  counts.unions = count(130);
  counts.credit_funds = count(1'200);
  return counts;
}

DemoGenerator::DemoGenerator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DemoGenerator::~DemoGenerator() = default;

Result<std::unique_ptr<DemoGenerator>> DemoGenerator::Create(std::shared_ptr<const geo::AdminUnitDirectory> units,
                                                             const DemoOptions& options) {
  auto impl = std::make_unique<Impl>();
  HOPTAC_ASSIGN_OR_RETURN(impl->planned, PlannedDemoCounts(options.scale));
  impl->units = std::move(units);
  impl->options = options;
  impl->today = options.today.value_or(Date::Today());
  HOPTAC_TRY(impl->Prepare());
  return std::unique_ptr<DemoGenerator>(new DemoGenerator(std::move(impl)));
}

const DemoCounts& DemoGenerator::planned() const { return impl_->planned; }

bool DemoGenerator::Next(DemoEntity& out) {
  static constexpr EntityKind kOrder[] = {EntityKind::kUnion, EntityKind::kCooperative, EntityKind::kCreditFund,
                                          EntityKind::kGroup};
  while (impl_->index >= impl_->CountOf(impl_->kind)) {
    auto it = std::find(std::begin(kOrder), std::end(kOrder), impl_->kind);
    if (it + 1 == std::end(kOrder)) return false;
    impl_->kind = *(it + 1);
    impl_->index = 0;
  }
  impl_->Generate(out);
  ++impl_->index;
  return true;
}

namespace {

using storage::Int;
using storage::Null;
using storage::Row;
using storage::Text;
using storage::Value;

const std::vector<std::string> kEntityInsertColumns = {"kind",
                                                       "name",
                                                       "name_folded",
                                                       "registration_code",
                                                       "tax_code",
                                                       "province_code",
                                                       "province_as_of",
                                                       "current_province_code",
                                                       "commune_code",
                                                       "address",
                                                       "sector",
                                                       "founded_on",
                                                       "women_managed",
                                                       "youth",
                                                       "chair_name",
                                                       "chair_sex",
                                                       "chair_birth_year",
                                                       "phone",
                                                       "email",
                                                       "union_id",
                                                       "created_at_ms",
                                                       "updated_at_ms",
                                                       "change_seq"};
const std::vector<std::string> kEventInsertColumns = {"entity_id", "date", "type", "note", "converted_to"};
const std::vector<std::string> kFigureInsertColumns = {"entity_id",
                                                       "period",
                                                       "period_end",
                                                       "members_total",
                                                       "members_female",
                                                       "members_youth",
                                                       "workers_total",
                                                       "workers_female",
                                                       "workers_members",
                                                       "revenue_vnd",
                                                       "revenue_with_members_vnd",
                                                       "profit_vnd",
                                                       "avg_income_vnd_month",
                                                       "charter_capital_vnd",
                                                       "confirmed_warnings",
                                                       "updated_at_ms"};

Value OptionalInt(const std::optional<int64_t>& value) { return value ? Int(*value) : Null(); }

Row EntityRow(const DemoEntity& demo, const std::vector<int64_t>& union_ids, int64_t now_ms, int64_t version) {
  const domain::Entity& e = demo.entity;
  Value union_id = Null();
  if (demo.union_index >= 0) union_id = Int(union_ids.at(static_cast<size_t>(demo.union_index)));
  return {Text(domain::EntityKindName(e.kind)),
          Text(e.name),
          Text(text::Fold(e.name)),
          Text(e.registration_code),
          Text(e.tax_code),
          Text(e.province_code),
          Text(e.province_as_of->ToIso()),
          Text(demo.current_province_code),
          Text(e.commune_code),
          Text(e.address),
          e.sector ? Text(domain::SectorName(*e.sector)) : Null(),
          Text(e.founded_on->ToIso()),
          Int(e.women_managed ? 1 : 0),
          Int(e.youth ? 1 : 0),
          Text(e.chair_name),
          e.chair_sex ? Text(domain::SexName(*e.chair_sex)) : Null(),
          e.chair_birth_year ? Int(*e.chair_birth_year) : Null(),
          Text(e.phone),
          Text(e.email),
          std::move(union_id),
          Int(now_ms),
          Int(now_ms),
          Int(version)};
}

}  // namespace

Result<DemoLoadResult> LoadDemoData(storage::Db& db, std::shared_ptr<const geo::AdminUnitDirectory> units,
                                    const auth::Principal& who, const DemoLoadOptions& options,
                                    RegistryObserver* observer) {
  if (!who.authenticated()) return Error::Make(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (!who.national()) return Error::Make(ErrorCode::kPermissionDenied, "error.permission_denied");
  HOPTAC_ASSIGN_OR_RETURN(auto generator, DemoGenerator::Create(std::move(units), options.demo));
  int64_t now_ms =
      options.now_ms != 0
          ? options.now_ms
          : std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
  DemoLoadResult result;
  result.counts = generator->planned();
  const int64_t total = result.counts.entities();
  // Rows are written in chunks of one kind (members refer to unions written before them).
  constexpr size_t kChunk = 4096;
  Status status = db.Write([&](storage::Connection& conn) -> Status {
    if (options.mode == DemoLoadMode::kIfEmpty) {
      HOPTAC_ASSIGN_OR_RETURN(auto any, conn.QueryOne("SELECT id FROM entities LIMIT 1", {}));
      if (any) return Ok();
    }
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, NextRegistryVersion(conn));
    std::vector<int64_t> union_ids;
    std::vector<DemoEntity> chunk;
    std::vector<Row> entity_rows, event_rows, figure_rows;
    chunk.reserve(kChunk);
    int64_t last_id = 0, done = 0, events = 0, figures = 0;
    DemoEntity next;
    bool more = generator->Next(next);
    while (more) {
      chunk.clear();
      entity_rows.clear();
      EntityKind kind = next.entity.kind;
      while (more && chunk.size() < kChunk && next.entity.kind == kind) {
        entity_rows.push_back(EntityRow(next, union_ids, now_ms, version));
        chunk.push_back(std::move(next));
        more = generator->Next(next);
      }
      Status copied = conn.CopyRows("entities", kEntityInsertColumns, entity_rows);
      if (!copied.ok()) {
        if (copied.error().code == ErrorCode::kConflict)
          return Error::Make(ErrorCode::kConflict, "error.demo_conflict", {std::to_string(options.demo.seed)});
        return copied;
      }
      // The ids the database gave them, in insertion order.
      std::vector<int64_t> ids;
      ids.reserve(chunk.size());
      HOPTAC_TRY(
          conn.Query("SELECT id FROM entities WHERE change_seq = $1 AND id > $2 ORDER BY id LIMIT $3",
                     std::initializer_list<Value>{Int(version), Int(last_id), Int(static_cast<int64_t>(chunk.size()))},
                     [&ids](const storage::RowView& row) -> Status {
                       ids.push_back(row.GetInt(0));
                       return Ok();
                     }));
      if (ids.size() != chunk.size())
        return Error::Internal("demo: read back " + std::to_string(ids.size()) + " ids for " +
                               std::to_string(chunk.size()) + " entities");
      last_id = ids.back();
      event_rows.clear();
      figure_rows.clear();
      for (size_t i = 0; i < chunk.size(); ++i) {
        const DemoEntity& demo = chunk[i];
        if (demo.entity.kind == EntityKind::kUnion) union_ids.push_back(ids[i]);
        for (const StatusEvent& event : demo.events) {
          event_rows.push_back({Int(ids[i]), Text(event.date.ToIso()), Text(domain::EventTypeName(event.type)),
                                Text(event.note),
                                event.converted_to ? Text(domain::EntityKindName(*event.converted_to)) : Null()});
        }
        for (const auto& [period, f] : demo.figures) {
          figure_rows.push_back(
              {Int(ids[i]), Text(period.ToString()), Text(period.End().ToIso()), OptionalInt(f.members_total),
               OptionalInt(f.members_female), OptionalInt(f.members_youth), OptionalInt(f.workers_total),
               OptionalInt(f.workers_female), OptionalInt(f.workers_members), OptionalInt(f.revenue_vnd),
               OptionalInt(f.revenue_with_members_vnd), OptionalInt(f.profit_vnd), OptionalInt(f.avg_income_vnd_month),
               OptionalInt(f.charter_capital_vnd), Int(0), Int(now_ms)});
        }
      }
      HOPTAC_TRY(conn.CopyRows("entity_events", kEventInsertColumns, event_rows));
      HOPTAC_TRY(conn.CopyRows("entity_figures", kFigureInsertColumns, figure_rows));
      events += static_cast<int64_t>(event_rows.size());
      figures += static_cast<int64_t>(figure_rows.size());
      done += static_cast<int64_t>(chunk.size());
      if (options.on_progress) options.on_progress(done, total);
    }
    result.loaded = true;
    result.counts.events = events;
    result.counts.figures = figures;
    storage::AuditRecord audit;
    audit.at_ms = now_ms;
    audit.actor_user_id = who.user_id;
    audit.actor_name = who.AuditName();
    audit.address = who.address;
    audit.action = "demo.load";
    audit.object_type = "registry";
    audit.object_id = "demo";
    char scale[32];
    std::snprintf(scale, sizeof scale, "%.6g", options.demo.scale);
    audit.after_json = std::string("{\"scale\":") + scale + ",\"seed\":" + std::to_string(options.demo.seed) +
                       ",\"registry_version\":" + std::to_string(version) + ",\"entities\":" + std::to_string(done) +
                       ",\"cooperatives\":" + std::to_string(result.counts.cooperatives) +
                       ",\"groups\":" + std::to_string(result.counts.groups) +
                       ",\"unions\":" + std::to_string(result.counts.unions) +
                       ",\"credit_funds\":" + std::to_string(result.counts.credit_funds) +
                       ",\"events\":" + std::to_string(events) + ",\"figures\":" + std::to_string(figures) + "}";
    return storage::AppendAudit(conn, audit);
  });
  HOPTAC_TRY(status);
  if (result.loaded && observer) observer->Reload();
  return result;
}

}  // namespace hoptac::registry
