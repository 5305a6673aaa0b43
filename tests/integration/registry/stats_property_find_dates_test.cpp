// Property test of the lists by date (issue 12, performance): the status on a past day (read from
// the index's short timelines, RegistryIndex::StatusCode and AndStatusOn) and the orders by
// founding date (walked in RegistryIndex::founded_order_ when the matches are many, keyed when
// they are few) against the brute-force reference (support/find_reference.h), before and after
// writes that change a past status, a founding date, a name or delete an entity. Every query is
// paged to its end through the cursors.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "registry/entity_service.h"
#include "registry/finder.h"
#include "support/find_reference.h"
#include "support/stats_fixture.h"
#include "support/status_matchers.h"

namespace hoptac::testing::stats {
namespace {

TEST_F(StatsPropertyTest, PastStatusAndFoundingOrderAgreeWithTheReferenceThroughWrites) {
  const uint64_t seed = Seed() + 12;
  SCOPED_TRACE("seed " + std::to_string(seed));
  Generator gen(seed, directory_, today_);
  Random& rng = gen.rng();
  // Above the bulk threshold (5,000): the build sorts both orders in bulk; the writes below
  // move entities in them one at a time.
  std::vector<GenEntity> bulk;
  for (int i = 0; i < 5200; ++i) {
    bulk.push_back(gen.Entity(i));
    bulk.back().entity.name = find_reference::RandomName(rng);
    bulk.back().deleted = rng.Chance(0.02);
  }
  int64_t version = 0;
  ASSERT_OK(BulkInsert(*db_, bulk, rng, version));
  BuildIndex();
  ASSERT_NE(index_, nullptr);

  int compared = 0, pages = 0;
  // Random lists with a status on a past day and/or an order by founding date, paged to the end.
  auto compare = [&](const char* phase, int queries) {
    auto rows = find_reference::Load(*db_, *directory_);
    ASSERT_TRUE(rows.ok()) << rows.error().detail;
    for (int i = 0; i < queries && !HasFailure(); ++i) {
      registry::EntityFilters f;
      static const registry::ListSort kSorts[] = {registry::ListSort::kFounded, registry::ListSort::kFoundedDescending,
                                                  registry::ListSort::kName, registry::ListSort::kNameDescending};
      f.sort = kSorts[rng.Chance(0.7) ? rng.Between(0, 1) : rng.Between(2, 3)];
      if (rng.Chance(0.7)) {
        f.status = domain::kEntityStatuses[rng.Between(0, std::size(domain::kEntityStatuses) - 1)];
        f.as_of = rng.Chance(0.1) ? today_ : rng.DateBetween(Civil(1995, 1, 1), today_);
      }
      if (rng.Chance(0.25)) f.kind = domain::kEntityKinds[rng.Between(0, 3)];
      if (rng.Chance(0.15)) f.province = rng.Pick(gen.current_codes());
      if (rng.Chance(0.15)) f.women_managed = rng.Chance(0.5);
      if (rng.Chance(0.1)) f.q = rng.Pick(std::vector<std::string>{"hop tac", "an", "ngh", "phú an hòa", "x"});
      if (rng.Chance(0.15)) {
        f.founded_from = rng.DateBetween(Civil(1997, 1, 1), today_);
        f.founded_to = rng.DateBetween(*f.founded_from, today_);
      }
      f.limit = static_cast<int>(rng.Chance(0.5) ? rng.Between(1, 9) : rng.Between(20, 200));
      std::string label = std::string(phase) + " query " + std::to_string(i) + ": q='" + f.q +
                          "' sort=" + std::to_string(static_cast<int>(f.sort)) +
                          " kind=" + (f.kind ? domain::EntityKindName(*f.kind) : "") + " province=" + f.province +
                          " status=" + (f.status ? domain::EntityStatusName(*f.status) : "") +
                          " as_of=" + (f.as_of ? f.as_of->ToIso() : "") +
                          " founded=" + (f.founded_from ? f.founded_from->ToIso() + "…" + f.founded_to->ToIso() : "") +
                          " limit=" + std::to_string(f.limit);
      std::vector<int64_t> want = find_reference::Answer(*rows, f, *directory_);
      std::vector<int64_t> got;
      int skipped = 0;
      if (rng.Chance(0.2)) f.offset = skipped = static_cast<int>(rng.Between(1, 40));
      for (int page = 0; page < 10'000; ++page) {
        registry::FindQuery query;
        query.filters = &f;
        auto found = index_->Find(query);
        ASSERT_TRUE(found.ok()) << label << ": " << found.error().detail;
        ++pages;
        EXPECT_EQ(found->total, static_cast<int64_t>(want.size())) << label;
        got.insert(got.end(), found->ids.begin(), found->ids.end());
        if (!found->next_cursor) break;
        EXPECT_FALSE(found->ids.empty()) << label << ": a next cursor after an empty page";
        f.cursor = *found->next_cursor;
        f.offset = 0;
      }
      std::vector<int64_t> expected(want.begin() + std::min<ptrdiff_t>(skipped, static_cast<ptrdiff_t>(want.size())),
                                    want.end());
      EXPECT_EQ(got, expected) << label;
      ++compared;
    }
  };
  compare("bulk", 120);
  if (HasFailure()) return;

  // Writes: past-dated events (statuses on past days change), founding dates moved (the entity moves
  // in the founding order), renames (it moves within its day), entities created and deleted.
  int events = 0, founded_moves = 0;
  for (int i = 0; i < 150; ++i) {
    GenEntity& g = bulk[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(bulk.size()) - 1))];
    if (g.deleted || domain::IsTerminal(g.status)) continue;
    auto event = gen.NextEvent(g.status, rng.DateBetween(g.last_date, today_));
    if (!event || !entities_->AddEvent(who_, g.entity.id, *event).ok()) continue;
    g.status = *domain::NextStatus(g.status, event->type);
    g.last_date = event->date;
    ++events;
  }
  for (int i = 0; i < 60; ++i) {
    GenEntity& g = bulk[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(bulk.size()) - 1))];
    if (g.deleted) continue;
    registry::EntityPatch patch;
    if (rng.Chance(0.6)) patch.founded_on = std::optional<Date>(rng.DateBetween(Civil(1990, 1, 1), Civil(2005, 1, 1)));
    if (rng.Chance(0.5)) patch.name = find_reference::RandomName(rng);
    if (rng.Chance(0.2)) patch.kind = domain::kEntityKinds[rng.Between(0, 3)];
    if (entities_->Patch(who_, g.entity.id, patch).ok() && patch.founded_on) ++founded_moves;
  }
  for (int i = 0; i < 30; ++i) {
    GenEntity g = gen.Entity(60'000 + i);
    g.entity.name = find_reference::RandomName(rng);
    ASSERT_NE(CreateThroughServices(g), 0);
  }
  for (int i = 0; i < 15; ++i) (void)entities_->SoftDelete(who_, bulk[static_cast<size_t>(i) * 17 + 3].entity.id);
  EXPECT_GT(events, 20);
  EXPECT_GT(founded_moves, 10);
  compare("after writes", 120);
  std::printf(
      "[find dates property] %d queries paged to the end (%d pages) against the reference; %d events, %d "
      "founding dates moved\n",
      compared, pages, events, founded_moves);
}

}  // namespace
}  // namespace hoptac::testing::stats
