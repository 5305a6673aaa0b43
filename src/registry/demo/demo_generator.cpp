// Demo data: the generator — deterministic synthetic entities with their
// provinces, founding dates, status histories and figures (registry/demo/demo.h).
#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <unordered_map>

#include "registry/demo/demo.h"
#include "registry/demo/demo_internal.h"
#include "registry/entity_service.h"
#include "text/fold.h"

namespace hoptac::registry {

using domain::EntityKind;
using domain::EventType;
using domain::Figures;
using domain::Period;
using domain::Sector;
using domain::StatusEvent;

using demo_internal::BrandName;
using demo_internal::Digits;
using demo_internal::GroupActivity;
using demo_internal::LowerFirst;
using demo_internal::Padded;
using demo_internal::PersonName;
using demo_internal::Rng;
using demo_internal::SectorCore;
using demo_internal::Stream;
using demo_internal::StreamOf;

namespace {

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
        name += rng.PerMille(120) ? std::string(BrandName(rng)) : place.name;
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

}  // namespace hoptac::registry
