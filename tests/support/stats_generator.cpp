#include "support/stats_generator.h"

#include <cstdlib>
#include <iterator>

#include "registry/change.h"
#include "text/fold.h"

namespace hoptac::testing::stats {

using storage::Int;
using storage::Null;
using storage::Text;
using storage::Value;

namespace {

constexpr uint64_t kDefaultSeed = 20'261'123;

}  // namespace

uint64_t Seed() {
  const char* text = std::getenv("HOPTAC_STATS_SEED");
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : kDefaultSeed;
}

const std::vector<std::string>& PeriodNames() {
  // Several kinds, and runs of periods ending on the same day (2022M09, 2022Q3,
  // 2022M01-09; 2024M12, 2024Q4, 2024S2, 2024) so "the longer" is exercised.
  static const std::vector<std::string> names = {
      "2019",   "2020S1",  "2020S2", "2020",       "2021Q3", "2021M01-09", "2021",    "2022M09", "2022Q3", "2022M01-09",
      "2022S1", "2023M01", "2023Q1", "2023M01-09", "2023S1", "2023",       "2024M12", "2024Q4",  "2024S2", "2024",
      "2025S1", "2025M06", "2025Q3", "2025M07-12", "2026Q1", "2026M01-06", "2026M09", "2018",    "2017S2", "2016"};
  return names;
}

domain::Figures RandomFigures(Random& rng) {
  domain::Figures f;
  const int64_t members = rng.Between(5, 400);
  const int64_t workers = rng.Between(1, 150);
  const int64_t revenue = rng.Between(100'000'000, 40'000'000'000);
  if (rng.Chance(0.8)) f.members_total = members;
  if (rng.Chance(0.6)) f.members_female = rng.Between(0, members);
  if (rng.Chance(0.4)) f.members_youth = rng.Between(0, members);
  if (rng.Chance(0.7)) f.workers_total = workers;
  if (rng.Chance(0.5)) f.workers_female = rng.Between(0, workers);
  if (rng.Chance(0.4)) f.workers_members = rng.Between(0, std::min(members, workers));
  if (rng.Chance(0.6)) f.revenue_vnd = revenue;
  if (rng.Chance(0.3)) f.revenue_with_members_vnd = rng.Between(0, revenue);
  if (rng.Chance(0.5)) f.profit_vnd = rng.Between(-2'000'000'000, revenue / 4);
  if (rng.Chance(0.5)) f.avg_income_vnd_month = rng.Between(2'000'000, 12'000'000);
  if (rng.Chance(0.4)) f.charter_capital_vnd = rng.Between(50'000'000, 20'000'000'000);
  if (f.Empty()) f.members_total = members;
  return f;
}

GenEntity Generator::Entity(int number) {
  GenEntity g;
  domain::Entity& e = g.entity;
  int64_t r = rng_.Between(0, 99);
  e.kind = r < 55   ? EntityKind::kCooperative
           : r < 80 ? EntityKind::kGroup
           : r < 85 ? EntityKind::kUnion
                    : EntityKind::kCreditFund;
  e.name = "Hợp tác xã Thử nghiệm số " + std::to_string(number);
  e.registration_code = "PT-" + std::to_string(number);
  if (rng_.Chance(0.85)) e.sector = domain::kSectors[rng_.Between(0, std::size(domain::kSectors) - 1)];
  e.women_managed = rng_.Chance(0.25);
  e.youth = rng_.Chance(0.12);

  // Founding: known (founded_on), only through an `established` event, or unknown.
  const int64_t founding_mode = rng_.Between(0, 99);
  const Date founding = rng_.DateBetween(Civil(1997, 1, 1), today_);
  if (founding_mode < 72) e.founded_on = founding;

  // The province, read as of province_as_of: an old code before the reform, a new one after.
  Date as_of;
  if (e.founded_on && *e.founded_on >= kReform) {
    as_of = rng_.Chance(0.5) ? *e.founded_on : rng_.DateBetween(kReform, today_);
  } else if (rng_.Chance(0.6)) {
    as_of = e.founded_on && *e.founded_on >= Civil(2004, 1, 1) && rng_.Chance(0.5)
                ? *e.founded_on
                : rng_.DateBetween(Civil(2004, 1, 1), Civil(2025, 6, 30));
  } else {
    as_of = rng_.DateBetween(kReform, today_);
  }
  auto in_force = units_->InForce(geo::AdminLevel::kProvince, as_of);
  const geo::AdminUnit* unit = rng_.Pick(in_force);
  e.province_code = unit->code;
  e.province_as_of = as_of;
  auto successors = units_->CurrentSuccessors(unit->id, today_);
  g.current_province = successors.empty() ? unit->code : successors.front()->code;
  auto communes = units_->CommunesOf(g.current_province, today_);
  if (!communes.empty() && rng_.Chance(0.75)) e.commune_code = rng_.Pick(communes)->code;

  // Events, following the state machine of domain/status_history.h.
  Date date = founding_mode < 82 ? founding : rng_.DateBetween(Civil(1997, 1, 1), today_);
  if (founding_mode >= 72 && founding_mode < 82) g.events.push_back({founding, EventType::kEstablished, "", {}});
  if (e.founded_on && rng_.Chance(0.3)) g.events.push_back({founding, EventType::kEstablished, "", {}});
  EntityStatus status = EntityStatus::kActive;
  const int64_t n = rng_.Chance(0.3) ? 0 : rng_.Between(1, 6);
  for (int64_t i = 0; i < n && !domain::IsTerminal(status); ++i) {
    if (!g.events.empty() || !rng_.Chance(0.2)) {
      if (!rng_.Chance(0.25)) date = Date::FromDays(date.days() + static_cast<int>(rng_.Between(1, 2500)));
    }
    if (date > today_) break;
    std::optional<domain::StatusEvent> event = NextEvent(status, date);
    if (!event) break;
    g.events.push_back(*event);
    status = *domain::NextStatus(status, event->type);
  }
  g.status = status;
  g.last_date = g.events.empty() ? (e.founded_on ? *e.founded_on : Civil(1997, 1, 1)) : g.events.back().date;

  for (const auto& name : PeriodNames())
    if (rng_.Chance(0.3)) g.figures.emplace_back(*domain::ParsePeriod(name), RandomFigures(rng_));
  return g;
}

std::optional<domain::StatusEvent> Generator::NextEvent(EntityStatus status, Date date) {
  std::vector<EventType> allowed;
  for (EventType type : domain::kEventTypes)
    if (type != EventType::kEstablished && domain::NextStatus(status, type)) allowed.push_back(type);
  if (allowed.empty()) return std::nullopt;
  // Terminal events end the story early; make them rarer.
  EventType type = rng_.Pick(allowed);
  if ((type == EventType::kDissolved || type == EventType::kBankrupt || type == EventType::kConverted) &&
      rng_.Chance(0.5))
    type = rng_.Pick(allowed);
  domain::StatusEvent event{date, type, rng_.Chance(0.2) ? "ghi chú" : "", {}};
  if (type == EventType::kConverted && rng_.Chance(0.5)) event.converted_to = domain::kEntityKinds[rng_.Between(0, 3)];
  return event;
}

std::vector<Value> FigureRow(int64_t entity_id, const domain::Period& period, const domain::Figures& figures) {
  std::vector<Value> row{Int(entity_id), Text(period.ToString()), Text(period.End().ToIso())};
  for (const auto& field : domain::FigureFields()) {
    const auto& value = figures.*field.member;
    row.push_back(value ? Int(*value) : Null());
  }
  row.push_back(Int(0));
  row.push_back(Int(1'700'000'000'000));
  return row;
}

std::vector<std::string> FigureColumns() {
  std::vector<std::string> columns{"entity_id", "period", "period_end"};
  for (const auto& field : domain::FigureFields()) columns.emplace_back(field.name);
  columns.emplace_back("confirmed_warnings");
  columns.emplace_back("updated_at_ms");
  return columns;
}

// Writes entities with their events and figures in one transaction by plain SQL,
// following registry/change.h (one new registry version stamped on every row).
// Events of one entity are inserted with their days shuffled (same-day events
// kept together and in order), so ids follow date order only within a day.
Status BulkInsert(storage::Db& db, std::vector<GenEntity>& entities, Random& rng, int64_t& version_out) {
  return db.Write([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(int64_t version, registry::NextRegistryVersion(conn));
    version_out = version;
    std::vector<storage::Row> events, figures;
    for (GenEntity& g : entities) {
      const domain::Entity& e = g.entity;
      std::string current;
      HOPTAC_ASSIGN_OR_RETURN(
          auto row,
          conn.QueryOne(
              "INSERT INTO entities (kind, name, name_folded, registration_code, province_code, province_as_of, "
              "current_province_code, commune_code, sector, founded_on, women_managed, youth, created_at_ms, "
              "updated_at_ms, change_seq, deleted_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
              "$13, $13, $14, $15) RETURNING id",
              {Text(domain::EntityKindName(e.kind)), Text(e.name), Text(text::Fold(e.name)), Text(e.registration_code),
               Text(e.province_code), Text(e.province_as_of->ToIso()), Text(g.current_province), Text(e.commune_code),
               e.sector ? Text(domain::SectorName(*e.sector)) : Null(),
               e.founded_on ? Text(e.founded_on->ToIso()) : Null(), Int(e.women_managed ? 1 : 0), Int(e.youth ? 1 : 0),
               Int(1'700'000'000'000), Int(version), g.deleted ? Int(1'700'000'000'001) : Null()}));
      if (!row) return Error::Internal("INSERT … RETURNING id returned nothing");
      g.entity.id = std::get<int64_t>((*row)[0]);
      // Days in random order, each day's events together and in list order.
      std::vector<std::vector<const domain::StatusEvent*>> days;
      for (const auto& event : g.events) {
        if (days.empty() || days.back().front()->date != event.date) days.emplace_back();
        days.back().push_back(&event);
      }
      rng.Shuffle(days);
      for (const auto& day : days)
        for (const auto* event : day)
          events.push_back({Int(g.entity.id), Text(event->date.ToIso()), Text(domain::EventTypeName(event->type)),
                            Text(event->note),
                            event->converted_to ? Text(domain::EntityKindName(*event->converted_to)) : Null()});
      for (const auto& [period, values] : g.figures) figures.push_back(FigureRow(g.entity.id, period, values));
    }
    static const std::vector<std::string> event_columns{"entity_id", "date", "type", "note", "converted_to"};
    HOPTAC_TRY(conn.CopyRows("entity_events", event_columns, events));
    return conn.CopyRows("entity_figures", FigureColumns(), figures);
  });
}

Date QueryMaker::AnyDate() {
  static const std::vector<Date> special = {Civil(2025, 6, 30),  Civil(2025, 7, 1),   Civil(2020, 12, 31),
                                            Civil(2022, 9, 30),  Civil(2023, 9, 30),  Civil(2024, 12, 31),
                                            Civil(2019, 12, 31), Civil(2003, 12, 31), Civil(2008, 7, 31),
                                            Civil(2008, 8, 1),   Civil(1997, 1, 1)};
  if (rng_.Chance(0.05)) return today_;
  if (rng_.Chance(0.25)) return rng_.Pick(special);
  if (rng_.Chance(0.4)) return rng_.DateBetween(Civil(2019, 1, 1), today_);
  return rng_.DateBetween(Civil(1996, 1, 1), today_);
}

std::string QueryMaker::Measure() {
  if (rng_.Chance(0.45)) return "count";
  auto fields = domain::FigureFields();
  return std::string(fields[rng_.Between(0, static_cast<int64_t>(fields.size()) - 1)].name);
}

std::vector<Dimension> QueryMaker::GroupBy(bool flows, size_t max) {
  std::vector<Dimension> dims = {Dimension::kProvince, Dimension::kCommune,     Dimension::kKind,
                                 Dimension::kSector,   Dimension::kFoundedYear, Dimension::kWomenManaged,
                                 Dimension::kYouth};
  dims.push_back(flows ? Dimension::kYear : Dimension::kStatus);
  if (flows && rng_.Chance(0.3)) return {Dimension::kYear, Dimension::kProvince};
  // 0 … max dimensions, in random order (keys follow the order of group_by).
  if (rng_.Chance(1.0 / static_cast<double>(max + 1))) return {};
  return rng_.Some(dims, max);
}

analytics::StatsFilter QueryMaker::Filter(ProvinceScheme scheme) {
  analytics::StatsFilter f;
  if (rng_.Chance(0.2)) {
    std::vector<EntityKind> kinds(std::begin(domain::kEntityKinds), std::end(domain::kEntityKinds));
    f.kinds = rng_.Some(kinds, 2);
  }
  if (rng_.Chance(0.15))
    f.provinces = rng_.Some(scheme == ProvinceScheme::kLegacy && rng_.Chance(0.7) ? all_codes_ : current_codes_, 3);
  if (rng_.Chance(0.05) && !communes_.empty()) f.communes = rng_.Some(communes_, 3);
  if (rng_.Chance(0.2)) {
    std::vector<EntityStatus> statuses(std::begin(domain::kEntityStatuses), std::end(domain::kEntityStatuses));
    f.statuses = rng_.Some(statuses, 3);
  }
  if (rng_.Chance(0.1)) {
    std::vector<domain::Sector> sectors(std::begin(domain::kSectors), std::end(domain::kSectors));
    f.sectors = rng_.Some(sectors, 3);
  }
  if (rng_.Chance(0.1)) f.women_managed = rng_.Chance(0.5);
  if (rng_.Chance(0.1)) f.youth = rng_.Chance(0.5);
  if (rng_.Chance(0.1)) f.founded_from = rng_.DateBetween(Civil(1997, 1, 1), today_);
  if (rng_.Chance(0.1)) f.founded_to = rng_.DateBetween(Civil(1997, 1, 1), today_);
  if (rng_.Chance(0.08)) f.scope_province = rng_.Pick(current_codes_);
  return f;
}

ProvinceScheme QueryMaker::Scheme() { return rng_.Chance(0.5) ? ProvinceScheme::kLegacy : ProvinceScheme::kCurrent; }

analytics::StockQuery QueryMaker::Stock() {
  analytics::StockQuery q;
  q.measure = Measure();
  q.group_by = GroupBy(false, 3);
  q.as_of = AnyDate();
  q.scheme = Scheme();
  q.filter = Filter(q.scheme);
  q.audience = analytics::Audience::kOfficial;  // exact figures, to compare with SQL
  return q;
}

analytics::FlowQuery QueryMaker::Flows() {
  analytics::FlowQuery q;
  q.event = domain::kEventTypes[rng_.Between(0, std::size(domain::kEventTypes) - 1)];
  Date a = AnyDate(), b = AnyDate();
  if (rng_.Chance(0.3)) {  // across the 2025 reform: one code, two units (15: Yên Bái, then Lào Cai)
    a = rng_.DateBetween(Civil(2022, 1, 1), Civil(2025, 6, 30));
    b = rng_.DateBetween(kReform, today_);
  } else if (rng_.Chance(0.3)) {  // whole years, as alliances quote them (2016–2020)
    int y = static_cast<int>(rng_.Between(1998, today_.year() - 1));
    a = Civil(y, 1, 1);
    b = Civil(std::min<int>(y + static_cast<int>(rng_.Between(0, 5)), today_.year() - 1), 12, 31);
  }
  q.from = std::min(a, b);
  q.to = std::max(a, b);
  q.group_by = GroupBy(true, 3);
  q.scheme = Scheme();
  q.filter = Filter(q.scheme);
  return q;
}

analytics::SeriesQuery QueryMaker::Series() {
  analytics::SeriesQuery q;
  q.measure = Measure();
  q.interval = static_cast<analytics::Interval>(rng_.Between(0, 2));
  const int span_days = q.interval == analytics::Interval::kYear ? 3650 : 1100;
  q.to = rng_.DateBetween(Civil(2016, 1, 1), today_);
  q.from = Date::FromDays(q.to.days() - static_cast<int>(rng_.Between(0, span_days)));
  q.group_by = GroupBy(false, 2);
  q.scheme = Scheme();
  q.filter = Filter(q.scheme);
  q.audience = analytics::Audience::kOfficial;  // exact figures, to compare with SQL
  return q;
}

}  // namespace hoptac::testing::stats
