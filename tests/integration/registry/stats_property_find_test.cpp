// Property test of the lists: search and lists (RegistryIndex::Find) against a
// brute-force reference (support/find_reference.h) on a random registry loaded in
// bulk and changed through the services; every query is paged to its end.
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

TEST_F(StatsPropertyTest, FindAgreesWithABruteForceReference) {
  const uint64_t seed = Seed() + 7;
  SCOPED_TRACE("seed " + std::to_string(seed));
  Generator gen(seed, directory_, today_);
  Random& rng = gen.rng();
  // More than the index's bulk threshold (5,000), so the build takes the bulk path; then writes
  // through the services take the incremental one. "hop", "tac", "xa" end up frequent words
  // (kept as bitmaps), the rest as lists.
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
  std::vector<GenEntity> served;
  for (int i = 0; i < 60; ++i) {
    served.push_back(gen.Entity(50'000 + i));
    served.back().entity.name = find_reference::RandomName(rng);
    ASSERT_NE(CreateThroughServices(served.back()), 0);
  }
  for (int i = 0; i < 40; ++i) {  // renames move entities in the order and between postings
    GenEntity& g = bulk[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(bulk.size()) - 1))];
    if (g.deleted) continue;
    registry::EntityPatch patch;
    patch.name = find_reference::RandomName(rng);
    if (rng.Chance(0.3)) patch.women_managed = !g.entity.women_managed;
    if (rng.Chance(0.3)) patch.kind = domain::kEntityKinds[rng.Between(0, 3)];
    ASSERT_OK(entities_->Patch(who_, g.entity.id, patch));
  }
  for (int i = 0; i < 30; ++i) {  // status events change the status bitmaps
    GenEntity& g = served[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(served.size()) - 1))];
    if (domain::IsTerminal(g.status)) continue;
    auto event = gen.NextEvent(g.status, rng.DateBetween(g.last_date, today_));
    if (!event || !entities_->AddEvent(who_, g.entity.id, *event).ok()) continue;
    g.status = *domain::NextStatus(g.status, event->type);
    g.last_date = event->date;
  }
  for (int i = 0; i < 10; ++i) (void)entities_->SoftDelete(who_, bulk[static_cast<size_t>(i) * 13].entity.id);

  auto rows = find_reference::Load(*db_, *directory_);
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  std::vector<std::string> communes;
  for (const auto& r : *rows)
    if (!r.commune.empty()) communes.push_back(r.commune);
  const std::vector<std::string> queries = {"hop tac xa",  "HTX",     "an",   "an phu",     "ân",
                                            "ngh",         "nghia",   "dong", "đông tháp",  "TAN PHU",
                                            "rau sach so", "quy tin", "x",    "phú an hòa", "tổ hợp tác xanh",
                                            "zzz",         "so 1"};
  int compared = 0, pages = 0;
  for (int i = 0; i < 300 && !HasFailure(); ++i) {
    registry::EntityFilters f;
    if (rng.Chance(0.75)) f.q = rng.Pick(queries);
    if (rng.Chance(0.5)) {
      static const registry::ListSort kSorts[] = {registry::ListSort::kName, registry::ListSort::kNameDescending,
                                                  registry::ListSort::kFounded, registry::ListSort::kFoundedDescending};
      f.sort = kSorts[rng.Between(0, 3)];
    }
    if (rng.Chance(0.25)) f.kind = domain::kEntityKinds[rng.Between(0, 3)];
    if (rng.Chance(0.2)) f.province = rng.Pick(gen.current_codes());
    if (rng.Chance(0.1)) f.legacy_province = rng.Pick(std::vector<std::string>{"15", "10", "24", "27", "01", "79"});
    if (rng.Chance(0.1) && !communes.empty()) f.commune = rng.Pick(communes);
    if (rng.Chance(0.2)) f.sector = domain::kSectors[rng.Between(0, std::size(domain::kSectors) - 1)];
    if (rng.Chance(0.2)) f.women_managed = rng.Chance(0.5);
    if (rng.Chance(0.1)) f.youth = rng.Chance(0.5);
    if (rng.Chance(0.3)) f.status = domain::kEntityStatuses[rng.Between(0, std::size(domain::kEntityStatuses) - 1)];
    if (rng.Chance(0.3)) f.as_of = rng.DateBetween(Civil(1998, 1, 1), today_);
    if (rng.Chance(0.15)) {
      f.founded_from = rng.DateBetween(Civil(1997, 1, 1), today_);
      f.founded_to = rng.DateBetween(*f.founded_from, today_);
    }
    f.limit = static_cast<int>(rng.Chance(0.5) ? rng.Between(1, 7) : rng.Between(20, 200));
    std::string label = "query " + std::to_string(i) + ": q='" + f.q +
                        "' sort=" + std::to_string(static_cast<int>(f.sort)) +
                        " kind=" + (f.kind ? domain::EntityKindName(*f.kind) : "") + " province=" + f.province +
                        " legacy=" + f.legacy_province + " commune=" + f.commune +
                        " status=" + (f.status ? domain::EntityStatusName(*f.status) : "") +
                        " as_of=" + (f.as_of ? f.as_of->ToIso() : "") +
                        " founded=" + (f.founded_from ? f.founded_from->ToIso() + "…" + f.founded_to->ToIso() : "") +
                        " limit=" + std::to_string(f.limit);
    std::vector<int64_t> want = find_reference::Answer(*rows, f, *directory_);
    // Page through to the end, the first page sometimes with an offset.
    std::vector<int64_t> got;
    int skipped = 0;
    if (rng.Chance(0.15)) f.offset = skipped = static_cast<int>(rng.Between(1, 10));
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
  std::printf("[find property] %d queries paged to the end (%d pages) against the reference, %zu entities\n", compared,
              pages, rows->size());
}

}  // namespace
}  // namespace hoptac::testing::stats
