// Registry at scale: index build time and memory, statistics through the API
// against the same questions in plain SQL (SQLite and PostgreSQL on the same
// data), search and list latency through the API, and what the index update
// adds to a write. The statistics are asked as the public (anonymous: figure
// measures go through disclosure control, registry/index/disclosure.h) and as an
// official (exact), to show what the cell-key method costs.
//
// Usage: hoptac_registry_bench --sqlite PATH [--pg URL] [--rounds N] [--find-only] [--no-sql]
// The databases must hold the same data (hoptac demo --scale S --seed 1 on each).
// Prints a Markdown report on stdout. Talks to 127.0.0.1 only.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/system.h"
#include "auth/account_service.h"
#include "base/log.h"
#include "http/server.h"
#include "registry/entity_service.h"
#include "registry/index/registry_index.h"
#include "registry/index/stats_api.h"
#include "storage/db.h"

namespace hoptac {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

long RssKb() {
  std::ifstream f("/proc/self/statm");
  long pages = 0, resident = 0;
  f >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void Die(const std::string& what, const Error& e) {
  std::cerr << what << ": " << e.key << " " << e.detail << std::endl;
  std::exit(1);
}

// A keep-alive HTTP client.
class Client {
 public:
  explicit Client(uint16_t port) : port_(port), socket_(io_) { Connect(); }
  // The server closes idle keep-alive connections (the SQL side of the bench can take seconds): reconnect.
  // token: an API token (bearer), or "" for an anonymous call.
  std::pair<unsigned, std::string> Get(const std::string& target, const std::string& token = "") {
    try {
      return GetOnce(target, token);
    } catch (const boost::system::system_error&) {
      beast::error_code ignored;
      socket_.close(ignored);
      socket_ = net::ip::tcp::socket(io_);
      buffer_.clear();
      Connect();
      return GetOnce(target, token);
    }
  }

 private:
  void Connect() { socket_.connect({net::ip::make_address("127.0.0.1"), port_}); }
  std::pair<unsigned, std::string> GetOnce(const std::string& target, const std::string& token) {
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
    bhttp::write(socket_, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(socket_, buffer_, res);
    return {res.result_int(), std::move(res.body())};
  }

  uint16_t port_;
  net::io_context io_;
  net::ip::tcp::socket socket_;
  beast::flat_buffer buffer_;
};

struct Question {
  std::string name;
  std::string api;  // query string of /api/v1/stats/entities
  std::string sql;  // the same question in SQL ($1: the date)
  std::string date;
};

// Status on $1 from the events: the last status-changing event on or before the date.
const char* kStatusSql =
    "CASE COALESCE((SELECT v.type FROM entity_events v WHERE v.entity_id = e.id AND v.date <= $1 AND v.type <> "
    "'reorganised' ORDER BY v.date DESC, v.id DESC LIMIT 1), 'established') WHEN 'established' THEN 'active' WHEN "
    "'resumed' THEN 'active' ELSE COALESCE((SELECT v.type FROM entity_events v WHERE v.entity_id = e.id AND v.date "
    "<= $1 AND v.type <> 'reorganised' ORDER BY v.date DESC, v.id DESC LIMIT 1), 'established') END";

const char* kMonthsSql =
    "CASE WHEN length(f2.period) = 4 THEN 12 WHEN substr(f2.period, 5, 1) = 'S' THEN 6 WHEN substr(f2.period, 5, 1) = "
    "'Q' THEN 3 WHEN length(f2.period) = 7 THEN 1 ELSE 9 END";

std::vector<Question> Questions() {
  std::string exists = "e.deleted_at_ms IS NULL AND (e.founded_on IS NULL OR e.founded_on <= $1)";
  auto latest = [](const std::string& figure) {
    return "f.period = (SELECT f2.period FROM entity_figures f2 WHERE f2.entity_id = e.id AND f2." + figure +
           " IS NOT NULL AND f2.period_end <= $1 ORDER BY f2.period_end DESC, " + kMonthsSql + " DESC LIMIT 1)";
  };
  return {
      {"count by province", "group_by=province&as_of=2024-12-31",
       "SELECT e.current_province_code, COUNT(*) FROM entities e WHERE " + exists + " GROUP BY 1", "2024-12-31"},
      {"count by kind, status, founded year", "group_by=kind,status,founded_year&as_of=2025-12-31",
       "SELECT e.kind, " + std::string(kStatusSql) + ", substr(e.founded_on, 1, 4), COUNT(*) FROM entities e WHERE " +
           exists + " GROUP BY 1, 2, 3",
       "2025-12-31"},
      {"count by province, kind, status (legacy, 2021-03-31)",
       "group_by=province,kind,status&as_of=2021-03-31&province_scheme=legacy",
       "SELECT CASE WHEN e.province_as_of < '2025-07-01' THEN e.province_code ELSE e.current_province_code END, "
       "e.kind, " +
           std::string(kStatusSql) + ", COUNT(*) FROM entities e WHERE " + exists + " GROUP BY 1, 2, 3",
       "2021-03-31"},
      {"count by province, kind, status (2020-12-31)", "group_by=province,kind,status&as_of=2020-12-31",
       "SELECT e.current_province_code, e.kind, " + std::string(kStatusSql) + ", COUNT(*) FROM entities e WHERE " +
           exists + " GROUP BY 1, 2, 3",
       "2020-12-31"},
      {"suspended or stopped by province (2019-06-30)", "group_by=province&as_of=2019-06-30&status=suspended,stopped",
       "SELECT e.current_province_code, COUNT(*) FROM entities e WHERE " + exists + " AND " + std::string(kStatusSql) +
           " IN ('suspended', 'stopped') GROUP BY 1",
       "2019-06-30"},
      {"members by province and sector", "measure=members_total&group_by=province,sector&as_of=2024-12-31",
       "SELECT e.current_province_code, e.sector, SUM(f.members_total) FROM entities e JOIN entity_figures f ON "
       "f.entity_id = e.id WHERE " +
           exists + " AND " + latest("members_total") + " GROUP BY 1, 2",
       "2024-12-31"},
      {"revenue of active cooperatives and credit funds by province",
       "measure=revenue_vnd&group_by=province&as_of=2023-06-30&kind=cooperative,credit_fund&status=active",
       "SELECT e.current_province_code, SUM(f.revenue_vnd) FROM entities e JOIN entity_figures f ON f.entity_id = "
       "e.id WHERE " +
           exists + " AND e.kind IN ('cooperative', 'credit_fund') AND " + std::string(kStatusSql) +
           " = 'active' AND " + latest("revenue_vnd") + " GROUP BY 1",
       "2023-06-30"},
  };
}

double TimeSql(storage::Db& db, const std::string& sql, const std::string& date, int64_t* rows_out) {
  auto start = Clock::now();
  int64_t rows = 0;
  Status s = db.Read([&](storage::Connection& conn) -> Status {
    storage::Value p = storage::Text(date);
    return conn.Query(sql, std::span<const storage::Value>(&p, 1), [&](const storage::RowView&) -> Status {
      ++rows;
      return Ok();
    });
  });
  if (!s.ok()) Die("sql", s.error());
  if (rows_out) *rows_out = rows;
  return Ms(Clock::now() - start);
}

// Times the observer call (the index update) of each write.
class TimingObserver : public registry::RegistryObserver {
 public:
  explicit TimingObserver(registry::RegistryObserver& inner) : inner_(inner) {}
  void EntitiesChanged(std::span<const int64_t> ids) override {
    auto start = Clock::now();
    inner_.EntitiesChanged(ids);
    times.push_back(Ms(Clock::now() - start));
  }
  void Reload() override { inner_.Reload(); }
  std::vector<double> times;

 private:
  registry::RegistryObserver& inner_;
};

int Run(int argc, char** argv) {
  std::string sqlite_path, pg_url;
  int rounds = 7;
  bool find_only = false;  // --find-only: only the search and list pages, with each query's times
  bool no_sql = false;     // --no-sql: the statistics through the index and the API only
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--find-only") find_only = true;
    if (std::string(argv[i]) == "--no-sql") no_sql = true;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--sqlite") sqlite_path = argv[i + 1];
    if (a == "--pg") pg_url = argv[i + 1];
    if (a == "--rounds") rounds = std::atoi(argv[i + 1]);
  }
  if (sqlite_path.empty()) {
    std::cerr << "usage: hoptac_registry_bench --sqlite PATH [--pg URL] [--rounds N] [--find-only] [--no-sql]\n";
    return 2;
  }
  log::SetQuiet(true);
  auto db = storage::Db::Open("sqlite:" + sqlite_path, {.read_pool_size = 8});
  if (!db.ok()) Die("open sqlite", db.error());

  // Every service as `hoptac serve` builds them; building the system is building the index.
  long rss_before = RssKb();
  auto build_start = Clock::now();
  auto built = app::System::Create(std::move(*db));
  if (!built.ok()) Die("system", built.error());
  double build_ms = Ms(Clock::now() - build_start);
  long rss_after = RssKb();
  app::System& system = **built;
  analytics::RegistryIndex* index = &system.index();
  auto usage = index->MemoryUsage();
  std::printf("## Registry at scale (%lld entities, %lld events, %lld periods, %lld figure values)\n\n",
              static_cast<long long>(usage.entities), static_cast<long long>(usage.events),
              static_cast<long long>(usage.periods), static_cast<long long>(usage.figure_values));
  std::printf(
      "Index build from SQLite: %.0f ms; resident memory +%ld MB (estimate of the index's own heap %lld MB)\n\n",
      build_ms, (rss_after - rss_before) / 1024, static_cast<long long>(usage.bytes >> 20));

  // The HTTP server in this process: the real router and server over loopback. The entity
  // service tells the index through a stopwatch, to time the index's share of a write.
  registry::EntityService& entities = system.entities();
  TimingObserver timing(*index);
  entities.SetObserver(&timing);
  auto router = system.BuildRouter();
  http::ServerOptions options;
  options.port = 0;
  options.access_log = false;
  auto server = http::Server::Create(options, router, system.metrics());
  if (!server.ok()) Die("server", server.error());
  std::thread serving([&] { (*server)->Run(); });
  Client client((*server)->port());

  // A national officer's API token: an official's statistics are exact.
  std::string official_token;
  {
    auth::Principal cli = auth::Principal::Cli("bench");
    auth::NewUser user{"bench_official", "Bench official", "national_officer", "", 0, "Bench-official-password-1"};
    auto created = system.accounts().CreateUser(cli, user);
    auto found = system.accounts().FindUser(cli, user.username);
    if (!found.ok()) Die("official account", created.ok() ? found.error() : created.error());
    auth::Principal who = cli;
    who.user_id = found->id;
    who.username = user.username;
    who.role = found->role;
    who.credential = auth::Credential::kApiToken;
    auto token = system.accounts().CreateToken(who, "bench", 0);
    if (!token.ok()) Die("official token", token.error());
    official_token = token->second;
  }

  std::unique_ptr<storage::Db> pg;
  if (!pg_url.empty()) {
    auto opened = storage::Db::Open(pg_url);
    if (!opened.ok()) Die("open postgres", opened.error());
    pg = std::move(*opened);
  }

  std::printf("### Statistics: API vs the same question in SQL (median of %d rounds, ms; SQL: at least 3)\n\n", rounds);
  std::printf(
      "Asked as the public (anonymous: figure measures protected by the cell-key method) and as an official "
      "(exact).\n\n");
  std::printf(
      "| question | index public | index official | API public | API official | API public p95 | SQLite | × | "
      "PostgreSQL | × |\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (const Question& q : find_only ? std::vector<Question>() : Questions()) {
    std::vector<double> api, api_official, lite, post, direct, direct_official;
    auto parsed = analytics::ParseStockQuery([&](std::string_view name) -> std::optional<std::string> {
      std::string key = std::string(name) + "=";
      size_t at = ("&" + q.api).find("&" + key);
      if (at == std::string::npos) return std::nullopt;
      size_t end = q.api.find('&', at + key.size());
      return q.api.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
    });
    if (!parsed.ok()) Die("parse " + q.api, parsed.error());
    analytics::StockQuery official = *parsed;
    official.audience = analytics::Audience::kOfficial;
    if (std::getenv("HOPTAC_BENCH_INDEX_LOOP")) {
      // The index only, public and official alternating (a loaded machine slows both alike), 200 each:
      // the median and the fastest, which is what the query costs when nothing else runs.
      std::vector<double> publics, officials;
      for (int r = 0; r < 200; ++r) {
        auto start = Clock::now();
        (void)index->Stock(*parsed);
        publics.push_back(Ms(Clock::now() - start));
        start = Clock::now();
        (void)index->Stock(official);
        officials.push_back(Ms(Clock::now() - start));
      }
      std::printf("%s: public median %.2f ms (fastest %.2f), official median %.2f ms (fastest %.2f)\n", q.name.c_str(),
                  Percentile(publics, 0.5), Percentile(publics, 0), Percentile(officials, 0.5),
                  Percentile(officials, 0));
      std::fflush(stdout);
      continue;
    }
    // Public and official alternate, so that a change of load hits both alike.
    for (int r = 0; r < rounds; ++r) {
      auto start = Clock::now();
      auto result = index->Stock(*parsed);
      direct.push_back(Ms(Clock::now() - start));
      start = Clock::now();
      auto exact = index->Stock(official);
      direct_official.push_back(Ms(Clock::now() - start));
    }
    for (int r = 0; r < rounds; ++r) {
      for (const std::string* token :
           {static_cast<const std::string*>(nullptr), static_cast<const std::string*>(&official_token)}) {
        auto start = Clock::now();
        auto [status, body] = client.Get("/api/v1/stats/entities?" + q.api, token ? *token : "");
        (token ? api_official : api).push_back(Ms(Clock::now() - start));
        if (status != 200) {
          std::cerr << q.api << ": " << status << " " << body << std::endl;
          return 1;
        }
      }
    }
    // SQL is slow: fewer rounds (at least 3).
    int sql_rounds = no_sql ? 0 : std::max(3, rounds / 2);
    for (int r = 0; r < sql_rounds; ++r) lite.push_back(TimeSql(system.db(), q.sql, q.date, nullptr));
    if (pg)
      for (int r = 0; r < sql_rounds; ++r) post.push_back(TimeSql(*pg, q.sql, q.date, nullptr));
    double a = Percentile(api, 0.5), l = Percentile(lite, 0.5), p = Percentile(post, 0.5);
    std::string lite_text = no_sql ? "–" : std::to_string(static_cast<long>(l));
    std::string lite_ratio = no_sql ? "–" : std::to_string(static_cast<long>(l / a)) + "×";
    std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.1f | %s | %s | %s | %s |\n", q.name.c_str(),
                Percentile(direct, 0.5), Percentile(direct_official, 0.5), a, Percentile(api_official, 0.5),
                Percentile(api, 0.95), lite_text.c_str(), lite_ratio.c_str(),
                pg ? std::to_string(static_cast<long>(p)).c_str() : "–",
                pg ? (std::to_string(static_cast<long>(p / a)) + "×").c_str() : "–");
    std::fflush(stdout);
  }

  // Search and list pages through the API.
  std::vector<std::string> searches = {
      "hop tac xa nong nghiep", "tan phu", "dong thap", "HTX dịch vụ", "thuy san",      "quy tin dung",
      "to hop tac rau",         "an",      "ngh",       "phú",         "HTX Đồng Tháp", "lien hiep"};
  // Lists: every filter and every order alone, then combined (status on a past date included), a
  // deep offset and a second page by cursor ("#2": the page after the first one's next_cursor).
  std::string commune;
  {
    Status s = system.db().Read([&](storage::Connection& conn) -> Status {
      return conn.Query(
          "SELECT commune_code FROM entities WHERE commune_code <> '' AND deleted_at_ms IS NULL GROUP BY 1 "
          "ORDER BY COUNT(*) DESC LIMIT 1",
          {}, [&](const storage::RowView& row) -> Status {
            commune = std::string(row.GetText(0));
            return Ok();
          });
    });
    if (!s.ok()) Die("commune", s.error());
  }
  std::vector<std::string> lists = {
      // each filter alone (default order: name)
      "kind=group",
      "province=79",
      "legacy_province=15",
      "sector=agriculture",
      "commune=" + commune,
      "women_managed=true",
      "youth=true",
      "founded_from=2020-01-01",
      "founded_to=1999-12-31",
      "status=active",
      "status=dissolved",
      "status=active&as_of=2020-12-31",
      "status=suspended&as_of=2015-06-30",
      "status=dissolved&as_of=2010-12-31",
      // each order alone
      "sort=name",
      "sort=-name",
      "sort=founded_on",
      "sort=-founded_on",
      "q=an&sort=relevance",
      // combined
      "kind=group&sort=-founded_on",
      "kind=cooperative&province=01&status=active&sort=name",
      "kind=group&province=82&sort=name",
      "sector=agriculture&women_managed=true&sort=name",
      "status=dissolved&as_of=2020-12-31&sort=name",
      "founded_from=2020-01-01&founded_to=2022-12-31&province=79&sort=name",
      "status=active&as_of=2020-12-31&sort=-founded_on",
      "status=active&as_of=2020-12-31&kind=cooperative&province=79&sort=founded_on",
      "status=active&as_of=2020-12-31&sort=-name",
      "legacy_province=15&status=stopped&as_of=2019-06-30&sort=-name",
      "commune=" + commune + "&status=active&sort=founded_on",
      "youth=false&women_managed=false&sector=agriculture&sort=-founded_on",
      "founded_from=2010-01-01&founded_to=2015-12-31&status=active&as_of=2016-12-31&sort=-founded_on",
      "kind=cooperative&sector=agriculture&status=active&as_of=2018-06-30&founded_from=2000-01-01&sort=founded_on",
      "q=hop tac xa&province=79&status=active&as_of=2022-06-30",
      "q=an&kind=group&sort=founded_on",
      "q=nong nghiep&status=suspended&as_of=2021-12-31&sort=-founded_on",
      "kind=cooperative&province=79&legacy_province=79&sector=agriculture&women_managed=false&youth=false&"
      "founded_from=1990-01-01&founded_to=2024-12-31&status=active&as_of=2023-12-31&sort=-founded_on",
      // deep pages
      "sort=-founded_on&offset=5000",
      "status=active&as_of=2020-12-31&offset=10000",
      "kind=group&sort=-founded_on#2",
      "status=active&as_of=2020-12-31&sort=founded_on#2",
      "q=an&sort=relevance#2",
  };
  auto encode = [](const std::string& q) {
    std::string encoded;
    for (unsigned char c : q) {
      if (std::isalnum(c) || c == '=' || c == '&' || c == '-' || c == '_' || c == ',') {
        encoded += static_cast<char>(c);
      } else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", c);
        encoded += hex;
      }
    }
    return encoded;
  };
  // The target of a query: a bare word is a search; "#2" asks for the page after the first one.
  auto target_of = [&](const std::string& q) {
    bool second = q.size() > 2 && q.compare(q.size() - 2, 2, "#2") == 0;
    std::string text = second ? q.substr(0, q.size() - 2) : q;
    std::string target =
        "/api/v1/entities?limit=50&" + (text.find('=') == std::string::npos ? "q=" + encode(text) : encode(text));
    if (!second) return target;
    auto [status, body] = client.Get(target, official_token);
    auto json = boost::json::parse(body);
    const auto* cursor = json.as_object().if_contains("next_cursor");
    if (status != 200 || !cursor || !cursor->is_string()) {
      std::cerr << target << ": no next page: " << status << " " << body << std::endl;
      std::exit(1);
    }
    return target + "&cursor=" + encode(std::string(cursor->as_string()));
  };
  auto time_all = [&](const std::vector<std::string>& queries, int repeat) {
    std::vector<double> times;
    std::map<std::string, std::vector<double>> by_query;
    std::vector<std::string> targets;
    for (const std::string& q : queries) targets.push_back(target_of(q));
    for (int r = 0; r < repeat; ++r) {
      for (size_t i = 0; i < queries.size(); ++i) {
        const std::string& target = targets[i];
        auto start = Clock::now();
        auto [status, body] = client.Get(target, official_token);
        times.push_back(Ms(Clock::now() - start));
        by_query[queries[i]].push_back(times.back());
        if (status != 200) {
          std::cerr << target << ": " << status << " " << body << std::endl;
          std::exit(1);
        }
      }
    }
    return std::make_pair(times, by_query);
  };
  auto [search_times, search_by_query] = time_all(searches, 10);
  auto [list_times, list_by_query] = time_all(lists, 20);
  std::printf(
      "\n### Search and lists through the API (ms)\n\n| | requests | p50 | p95 | max |\n|---|---|---|---|---|\n");
  std::printf("| search `q=` (%zu queries) | %zu | %.2f | %.2f | %.2f |\n", searches.size(), search_times.size(),
              Percentile(search_times, 0.5), Percentile(search_times, 0.95), Percentile(search_times, 1));
  std::printf("| lists (%zu filter and order sets) | %zu | %.2f | %.2f | %.2f |\n", lists.size(), list_times.size(),
              Percentile(list_times, 0.5), Percentile(list_times, 0.95), Percentile(list_times, 1));
  auto per_query = [&](const char* title, const std::vector<std::string>& queries,
                       std::map<std::string, std::vector<double>>& by_query) {
    std::printf("\n%s (%zu requests each; limit=50)\n\n| query | p50 | p95 | max |\n|---|---|---|---|\n", title,
                by_query.begin()->second.size());
    double worst = 0;
    std::string worst_query;
    for (const std::string& q : queries) {
      const auto& t = by_query[q];
      std::printf("| `%s` | %.2f | %.2f | %.2f |\n", q.c_str(), Percentile(t, 0.5), Percentile(t, 0.95),
                  Percentile(t, 1));
      if (Percentile(t, 0.95) > worst) {
        worst = Percentile(t, 0.95);
        worst_query = q;
      }
    }
    std::printf("\nHighest p95: %.2f ms (`%s`)\n", worst, worst_query.c_str());
  };
  if (find_only) per_query("Searches", searches, search_by_query);
  per_query("Lists", lists, list_by_query);
  std::fflush(stdout);

  // Search by place (issue 15): words naming a province or commune also match the entities there.
  // The searches with it and with names alone (as before), alternating in the same run.
  {
    std::vector<std::string> place_searches = searches;
    for (const char* q : {"htx dong thap", "hop tac xa tinh dong thap", "htx nong nghiep ha noi", "tan hong",
                          "quy tin dung lam dong", "to hop tac ca mau"})
      place_searches.push_back(q);
    std::map<std::string, std::vector<double>> names_only, with_place;
    std::map<std::string, int64_t> total_names, total_place;
    std::vector<double> all_names, all_place;
    for (int r = 0; r < 10; ++r) {
      for (const std::string& q : place_searches) {
        const std::string target = target_of(q);
        for (bool place : {false, true}) {
          index->SetPlaceSearch(place);
          auto start = Clock::now();
          auto [status, body] = client.Get(target, official_token);
          double ms = Ms(Clock::now() - start);
          if (status != 200) {
            std::cerr << target << ": " << status << " " << body << std::endl;
            std::exit(1);
          }
          (place ? with_place : names_only)[q].push_back(ms);
          (place ? all_place : all_names).push_back(ms);
          if (r == 0)
            (place ? total_place : total_names)[q] = boost::json::parse(body).at("total").to_number<int64_t>();
        }
      }
    }
    index->SetPlaceSearch(true);
    std::printf(
        "\n### Search by place against names alone, same run (ms, %zu requests each, limit=50)\n\n"
        "| query | matches (names) | matches (with place) | p50 names | p50 with place | ratio |\n"
        "|---|---|---|---|---|---|\n",
        names_only.begin()->second.size());
    for (const std::string& q : place_searches) {
      double a = Percentile(names_only[q], 0.5), b = Percentile(with_place[q], 0.5);
      std::printf("| `%s` | %lld | %lld | %.2f | %.2f | %.2f× |\n", q.c_str(), static_cast<long long>(total_names[q]),
                  static_cast<long long>(total_place[q]), a, b, b / a);
    }
    std::printf("| all | | | p50 %.2f, p95 %.2f | p50 %.2f, p95 %.2f | %.2f× (p95) |\n", Percentile(all_names, 0.5),
                Percentile(all_names, 0.95), Percentile(all_place, 0.5), Percentile(all_place, 0.95),
                Percentile(all_place, 0.95) / Percentile(all_names, 0.95));
    std::fflush(stdout);
  }

  if (find_only) {
    (*server)->Shutdown();
    serving.join();
    return 0;
  }
  // What the index update adds to a write: patch 50 entities (name changes move them in the order).
  auth::Principal admin = auth::Principal::Cli("bench");
  std::vector<double> write_times, first_list;
  std::mt19937 rng(7);
  for (int i = 0; i < 50; ++i) {
    int64_t id = 1 + static_cast<int64_t>(rng() % static_cast<uint32_t>(usage.entities));
    registry::EntityPatch patch;
    patch.address = "Số " + std::to_string(i) + " đường Bench";
    if (i % 2) patch.name = "Hợp tác xã Đo Đạc " + std::to_string(i);
    auto start = Clock::now();
    auto r = entities.Patch(admin, id, patch);
    write_times.push_back(Ms(Clock::now() - start));
    if (!r.ok()) continue;
    start = Clock::now();
    client.Get("/api/v1/entities?limit=50&sort=name");
    first_list.push_back(Ms(Clock::now() - start));
  }
  std::printf("\n### Writes (50 patches through EntityService, half renaming)\n\n");
  std::printf("- whole write p50 %.2f ms; index update (observer) p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
              Percentile(write_times, 0.5), Percentile(timing.times, 0.5), Percentile(timing.times, 0.95),
              Percentile(timing.times, 1));
  std::printf("- first list after a write (re-ranks the order once) p50 %.2f ms, p95 %.2f ms\n",
              Percentile(first_list, 0.5), Percentile(first_list, 0.95));
  (*server)->Shutdown();
  serving.join();
  return 0;
}

}  // namespace
}  // namespace hoptac

int main(int argc, char** argv) { return hoptac::Run(argc, argv); }
