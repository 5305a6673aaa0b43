// Property test of the statistics (issue 5, item 10), the writes: a change shows
// in the next answer — writes through the services at once (the index is their
// observer), writes of another process (a second Db handle) after CatchUp or
// within 2 s of polling — and the answers then still agree with the SQL
// reference (support/stats_reference.h).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "registry/change.h"
#include "registry/entity_service.h"
#include "registry/period.h"
#include "support/stats_fixture.h"
#include "support/status_matchers.h"

namespace hoptac::testing::stats {
namespace {

using storage::Int;

TEST_F(StatsPropertyTest, ServiceWritesShowInTheNextQuery) {
  Generator gen(Seed() + 1, directory_, today_);
  SmallRegistry(gen, *db_, 0);
  BuildIndex();
  auto count = [&](analytics::StockQuery q) {
    auto r = index_->Stock(q);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->total : -1;
  };
  analytics::StockQuery all = CountQuery();
  const int64_t before = count(all);

  GenEntity g = FoundedIn2020(gen, 500);
  ASSERT_NE(CreateThroughServices(g), 0);
  EXPECT_EQ(count(all), before + 1);
  EXPECT_TRUE(CheckStock(CountQuery({Dimension::kProvince, Dimension::kKind}), "after create"));

  analytics::StockQuery stopped = CountQuery();
  stopped.filter.statuses = {EntityStatus::kStopped};
  const int64_t stopped_before = count(stopped);
  ASSERT_OK(entities_->AddEvent(who_, g.entity.id, {Civil(2021, 5, 1), EventType::kStopped, "", {}}));
  EXPECT_EQ(count(stopped), stopped_before + 1);
  analytics::StockQuery stopped_earlier = stopped;
  stopped_earlier.as_of = Civil(2021, 4, 30);
  EXPECT_TRUE(CheckStock(stopped_earlier, "stopped the day before"));
  EXPECT_TRUE(CheckStock(CountQuery({Dimension::kStatus}), "after the event"));

  analytics::StockQuery members = CountQuery();
  members.measure = "members_total";
  const int64_t members_before = count(members);
  domain::Figures figures;
  figures.members_total = 42;
  ASSERT_OK(figures_->Put(who_, g.entity.id, domain::Period::Year(2023), figures, domain::Confirmation::kConfirmed));
  EXPECT_EQ(count(members), members_before + 42);
  figures.members_total = 40;
  ASSERT_OK(
      figures_->Put(who_, g.entity.id, domain::Period::Quarter(2024, 4), figures, domain::Confirmation::kConfirmed));
  EXPECT_EQ(count(members), members_before + 40);  // the latest period wins
  EXPECT_TRUE(CheckStock(members, "after the figures"));

  analytics::StockQuery legacy = CountQuery({Dimension::kProvince});
  legacy.as_of = Civil(2021, 3, 31);
  legacy.scheme = ProvinceScheme::kLegacy;
  legacy.filter.provinces = {"15"};
  EXPECT_TRUE(CheckStock(legacy, "Yên Bái as of 2021-03-31"));

  registry::EntityPatch patch;
  patch.women_managed = !g.entity.women_managed;
  ASSERT_OK(entities_->Patch(who_, g.entity.id, patch));
  EXPECT_TRUE(CheckStock(CountQuery({Dimension::kWomenManaged}), "after the patch"));

  ASSERT_OK(entities_->SoftDelete(who_, g.entity.id));
  EXPECT_EQ(count(all), before);
  EXPECT_EQ(count(members), members_before);
}

TEST_F(StatsPropertyTest, OtherProcessWritesShowAfterCatchUpAndPolling) {
  Generator gen(Seed() + 2, directory_, today_);
  SmallRegistry(gen, *db_, 0);
  BuildIndex();
  auto count = [&] {
    auto r = index_->Stock(CountQuery());
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->total : -1;
  };
  const int64_t before = count();
  auto other = storage::Db::Open(url_);
  ASSERT_TRUE(other.ok()) << other.error().detail;

  // Without polling the index does not know yet; CatchUp brings it up to date.
  std::vector<GenEntity> one{FoundedIn2020(gen, 600)};
  int64_t version = 0;
  ASSERT_OK(BulkInsert(**other, one, gen.rng(), version));
  EXPECT_EQ(count(), before);
  ASSERT_OK(index_->CatchUp());
  EXPECT_EQ(count(), before + 1);
  EXPECT_TRUE(CheckStock(CountQuery({Dimension::kProvince, Dimension::kStatus}), "after CatchUp"));

  // With polling every 100 ms a write shows within 2 s.
  index_->StartPolling(std::chrono::milliseconds(100));
  auto wait_for = [&](auto condition) {
    auto start = std::chrono::steady_clock::now();
    while (!condition() && std::chrono::steady_clock::now() - start < std::chrono::seconds(2))
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<GenEntity> two{FoundedIn2020(gen, 601)};
  ASSERT_OK(BulkInsert(**other, two, gen.rng(), version));
  double ms = wait_for([&] { return count() == before + 2; });
  EXPECT_EQ(count(), before + 2) << "a new entity did not show within 2 s of polling";
  std::printf("[stats property] another process's insert showed after %.0f ms of polling\n", ms);

  // An event and a soft delete by the other process, stamped per registry/change.h.
  analytics::StockQuery dissolved = CountQuery();
  dissolved.filter.statuses = {EntityStatus::kDissolved};
  auto dissolved_count = [&] {
    auto r = index_->Stock(dissolved);
    return r.ok() ? r->total : -1;
  };
  const int64_t dissolved_before = dissolved_count();
  ASSERT_OK((*other)->Write([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(int64_t v, registry::NextRegistryVersion(conn));
    HOPTAC_TRY(
        conn.Exec("INSERT INTO entity_events (entity_id, date, type, note) VALUES ($1, '2022-02-02', "
                  "'dissolved', '')",
                  {Int(two[0].entity.id)}));
    HOPTAC_TRY(conn.Exec("UPDATE entities SET deleted_at_ms = 1700000000003 WHERE id = $1", {Int(one[0].entity.id)}));
    const std::vector<int64_t> ids{one[0].entity.id, two[0].entity.id};
    return registry::StampEntities(conn, ids, v);
  }));
  ms = wait_for([&] { return count() == before + 1 && dissolved_count() == dissolved_before + 1; });
  EXPECT_EQ(count(), before + 1) << "a soft delete did not show within 2 s of polling";
  EXPECT_EQ(dissolved_count(), dissolved_before + 1) << "an event did not show within 2 s of polling";
  std::printf("[stats property] another process's event and delete showed after %.0f ms of polling\n", ms);
  index_->StopPolling();
  EXPECT_TRUE(CheckStock(CountQuery({Dimension::kStatus, Dimension::kProvince}), "after polling"));
  (*other)->Close();
}

}  // namespace
}  // namespace hoptac::testing::stats
