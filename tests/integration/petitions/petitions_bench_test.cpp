// The statistics of 20,000 petitions (docs/perf.md, "Petition statistics"): the median time of
// GET /api/v1/petitions/stats (in memory over the scoped rows) against a plain
// SELECT theme, COUNT(*) … GROUP BY theme on the same database. Not part of the suite: run with
//   build/dev/tests/hoptac_integration_tests --gtest_also_run_disabled_tests
//     --gtest_filter='PetitionsBench.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>

#include "base/log.h"
#include "petitions/petition_store.h"
#include "support/http_client.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;

class PetitionsBench : public testing::SystemTest {};

double MedianMs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

TEST_F(PetitionsBench, DISABLED_StatisticsOfTwentyThousandPetitions) {
  log::SetQuiet(true);
  ASSERT_TRUE(CreateSystem());
  ASSERT_TRUE(system_.Serve());
  system_.AddUser("nat", "national_officer");
  const char* provinces[] = {"01", "20", "24", "79", "92", "15", "31", "48"};
  const char* themes[] = {"land", "credit", "market", "quality", "technology", "policy", "infrastructure"};
  const char* statuses[] = {"received", "assigned", "answered", "closed"};
  const int64_t day_ms = 86'400'000;
  ASSERT_TRUE(system_.system()
                  .db()
                  .Write([&](storage::Connection& conn) -> Status {
                    for (int i = 0; i < 20'000; ++i) {
                      petitions::Petition p;
                      p.code = "KN-B-" + std::to_string(i);
                      p.raised_on = Date::FromDays(Date::FromCivil(2024, 1, 1).days() + i % 1000);
                      p.province_code = p.current_province_code = provinces[i % 8];
                      p.theme = themes[i % 7];
                      p.content = "Kiến nghị số " + std::to_string(i);
                      p.status = statuses[i % 4];
                      if (p.status != "received") {
                        p.assigned_on = Date::FromDays(p.raised_on.days() + 2);
                        p.due_on = Date::FromDays(p.raised_on.days() + 32);
                      }
                      if (p.status == "answered" || p.status == "closed") {
                        p.answer_text = "Trả lời";
                        p.answered_at_ms = int64_t{p.raised_on.days() + 5 + i % 40} * day_ms;
                      }
                      p.created_at_ms = p.updated_at_ms = int64_t{p.raised_on.days()} * day_ms;
                      HOPTAC_TRY(petitions::InsertPetition(conn, p));
                    }
                    return Ok();
                  })
                  .ok());
  std::vector<double> api, sql;
  for (int run = 0; run < 21; ++run) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/api/v1/petitions/stats", 11};
    req.set(bhttp::field::authorization, "Bearer " + system_.tokens()["nat"]);
    auto start = std::chrono::steady_clock::now();
    auto reply = testing::Send(system_.port(), std::move(req));
    api.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    ASSERT_EQ(reply.status, 200u);
    ASSERT_EQ(reply.Json().at("total"), 20000);
    start = std::chrono::steady_clock::now();
    ASSERT_TRUE(system_.system()
                    .db()
                    .Read([&](storage::Connection& conn) -> Status {
                      int64_t total = 0;
                      HOPTAC_TRY(conn.Query("SELECT theme, COUNT(*) FROM petitions GROUP BY theme", {},
                                            [&](const storage::RowView& row) -> Status {
                                              total += row.GetInt(1);
                                              return Ok();
                                            }));
                      return total == 20000 ? Ok() : Status(Error::Internal("count"));
                    })
                    .ok());
    sql.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf(
      "[petitions bench] %s: stats API median %.1f ms, SELECT COUNT(*) GROUP BY theme median %.2f ms, "
      "ratio %.1f\n",
      storage::BackendName(system_.system().db().backend()), MedianMs(api), MedianMs(sql),
      MedianMs(api) / MedianMs(sql));
}

}  // namespace
}  // namespace hoptac
