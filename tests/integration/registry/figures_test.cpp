// Figures per entity and period through the real HTTP server, on the backend
// named by HOPTAC_TEST_BACKEND: put, get, list and delete, period spellings,
// errors and the confirmation of implausible figures, scope, audit and change
// tracking. Also the registry checks that came with them: an entity's commune
// is a current commune of its current province, and a cooperative account
// names an existing entity.
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/log.h"
#include "geo/admin_unit.h"
#include "http/api.h"
#include "http/server.h"
#include "registry/change.h"
#include "registry/entity_service.h"
#include "registry/figure_service.h"
#include "storage/audit.h"
#include "support/http_client.h"
#include "support/server_harness.h"
#include "support/status_matchers.h"
#include "support/test_db.h"
#include "support/test_system.h"

namespace hoptac {
namespace {

namespace bhttp = boost::beast::http;
using testing::Reply;

constexpr const char* kPassword = "Mật-khẩu-thử-nghiệm-1";

// Records what the services report after their commits.
class RecordingObserver : public registry::RegistryObserver {
 public:
  void EntitiesChanged(std::span<const int64_t> ids) override {
    std::lock_guard lock(mutex_);
    changed_.insert(changed_.end(), ids.begin(), ids.end());
  }
  void Reload() override {}
  std::vector<int64_t> TakeChanged() {
    std::lock_guard lock(mutex_);
    return std::exchange(changed_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<int64_t> changed_;
};

class FiguresTest : public testing::SystemTest {
 protected:
  void SetUp() override {
    log::SetQuiet(true);
    ASSERT_TRUE(CreateSystem());
    // The test watches what the figure service tells its observer (the index, in the system).
    figures_->SetObserver(&observer_);
    ASSERT_TRUE(system_.Serve());
    port_ = system_.port();

    htx01_ = Create(R"({"kind":"cooperative","name":"HTX Rau Sạch Đông Anh","registration_code":"RS-01",
                        "province_code":"01","founded_on":"2018-03-01"})");
    other01_ = Create(R"({"kind":"cooperative","name":"HTX Hoa Tây Tựu","registration_code":"HT-01",
                          "province_code":"01","founded_on":"2019-03-01"})");
    htx79_ = Create(R"({"kind":"cooperative","name":"HTX Sài Gòn Xanh","registration_code":"SG-79",
                        "province_code":"79","founded_on":"2017-03-01"})");
    for (auto [name, role, province, entity] : std::vector<std::tuple<std::string, std::string, std::string, int64_t>>{
             {"nat_admin", "national_admin", "", 0},
             {"po01", "province_officer", "01", 0},
             {"partner1", "partner", "", 0},
             {"coop1", "cooperative", "", htx01_}}) {
      auth::NewUser user{name, name, role, province, entity, kPassword};
      auto created = accounts_->CreateUser(auth::Principal::Cli("test"), user);
      ASSERT_TRUE(created.ok()) << name << ": " << created.error().key;
      tokens_[name] = Token(name);
    }
    observer_.TakeChanged();
  }

  std::string Token(const std::string& name) { return system_.Token(name); }

  // as: a user name (bearer token), or "" for an anonymous call.
  Reply Call(bhttp::verb method, const std::string& target, const std::string& as, const std::string& body = "",
             const char* language = "en") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::accept_language, language);
    if (!as.empty()) req.set(bhttp::field::authorization, "Bearer " + tokens_[as]);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    return testing::Send(port_, std::move(req));
  }

  int64_t Create(const std::string& json) {
    auto body = boost::json::parse(json).as_object();
    domain::Entity e;
    e.kind = domain::EntityKindFromName(body.at("kind").as_string()).value();
    e.name = body.at("name").as_string();
    e.registration_code = body.at("registration_code").as_string();
    e.province_code = body.at("province_code").as_string();
    e.founded_on = Date::ParseIso(body.at("founded_on").as_string());
    auto created = entities_->Create(auth::Principal::Cli("test"), e);
    EXPECT_TRUE(created.ok()) << created.error().key;
    return created.ok() ? created->entity.id : 0;
  }

  std::string FiguresPath(int64_t id, const std::string& period = "") {
    return "/api/v1/entities/" + std::to_string(id) + "/figures" + (period.empty() ? "" : "/" + period);
  }

  // "field:code" of every field error of an error reply.
  static std::set<std::string> FieldCodes(const Reply& reply) {
    std::set<std::string> out;
    for (const auto& f : reply.Json().at("error").at("fields").as_array())
      out.insert(std::string(f.at("field").as_string()) + ":" + std::string(f.at("code").as_string()));
    return out;
  }

  int64_t RegistryVersion() {
    int64_t version = -1;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(version, registry::RegistryVersion(conn));
      return Ok();
    }));
    return version;
  }

  int64_t ChangeSeq(int64_t id) {
    int64_t seq = -1;
    EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
      HOPTAC_ASSIGN_OR_RETURN(auto row,
                              conn.QueryOne("SELECT change_seq FROM entities WHERE id = $1", {storage::Int(id)}));
      if (row) seq = std::get<int64_t>((*row)[0]);
      return Ok();
    }));
    return seq;
  }

  std::vector<storage::AuditRecord> AuditOf(int64_t id) {
    storage::AuditQuery query;
    query.object_type = "entity";
    query.object_id = std::to_string(id);
    auto rows = storage::QueryAudit(*db_, query);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<storage::AuditRecord>{};
  }

  RecordingObserver observer_;
  uint16_t port_ = 0;
  std::map<std::string, std::string> tokens_;
  int64_t htx01_ = 0, other01_ = 0, htx79_ = 0;
};

TEST_F(FiguresTest, PutGetListAndDeleteUnderTheCanonicalPeriod) {
  Reply put = Call(bhttp::verb::put, FiguresPath(htx01_, "2024s1"), "nat_admin",
                   R"({"members_total":25,"members_female":11,"members_youth":4,"workers_total":12,
                       "workers_female":6,"workers_members":9,"revenue_vnd":3800000000,
                       "revenue_with_members_vnd":2100000000,"profit_vnd":-15000000,
                       "avg_income_vnd_month":5500000,"charter_capital_vnd":null})");
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(put.Json().at("period"), "2024S1");
  EXPECT_EQ(put.Json().at("period_end"), "2024-06-30");
  EXPECT_EQ(put.Json().at("entity_id"), htx01_);
  EXPECT_EQ(put.Json().at("confirmed_warnings"), false);
  EXPECT_TRUE(put.Json().at("warnings").as_array().empty());
  const auto& figures = put.Json().at("figures");
  EXPECT_EQ(figures.at("members_total"), 25);
  EXPECT_EQ(figures.at("revenue_vnd"), 3800000000LL);
  EXPECT_EQ(figures.at("profit_vnd"), -15000000);  // a loss
  EXPECT_TRUE(figures.at("charter_capital_vnd").is_null());
  EXPECT_EQ(figures.as_object().size(), 11u);

  // Stored under the canonical spelling, with the period's last day.
  EXPECT_OK(db_->Read([&](storage::Connection& conn) -> Status {
    HOPTAC_ASSIGN_OR_RETURN(auto rows, conn.QueryAll("SELECT period, period_end, members_total, charter_capital_vnd "
                                                     "FROM entity_figures WHERE entity_id = $1",
                                                     {storage::Int(htx01_)}));
    EXPECT_EQ(rows.size(), 1u);
    if (rows.size() != 1) return Ok();
    EXPECT_EQ(std::get<std::string>(rows[0][0]), "2024S1");
    EXPECT_EQ(std::get<std::string>(rows[0][1]), "2024-06-30");
    EXPECT_EQ(std::get<int64_t>(rows[0][2]), 25);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(rows[0][3]));
    return Ok();
  }));

  // "The first six months" is the first half: the same row under any spelling.
  for (const char* spelling : {"2024S1", "2024s1", "2024M01-06", "2024m01-06"}) {
    Reply got = Call(bhttp::verb::get, FiguresPath(htx01_, spelling), "nat_admin");
    ASSERT_EQ(got.status, 200u) << spelling << ": " << got.body;
    EXPECT_EQ(got.Json().at("period"), "2024S1") << spelling;
    EXPECT_EQ(got.Json().at("figures").at("workers_members"), 9) << spelling;
  }
  Reply same = Call(bhttp::verb::put, FiguresPath(htx01_, "2024M01-06"), "nat_admin", R"({"members_total":30})");
  ASSERT_EQ(same.status, 200u) << same.body;
  EXPECT_EQ(same.Json().at("period"), "2024S1");
  // A put replaces the period: what it leaves out is no longer reported.
  EXPECT_TRUE(same.Json().at("figures").at("members_female").is_null());

  for (const char* period : {"2024", "2024Q1", "2023", "2024M01-09", "2024M12"}) {
    ASSERT_EQ(Call(bhttp::verb::put, FiguresPath(htx01_, period), "nat_admin", R"({"members_total":20})").status, 200u)
        << period;
  }
  Reply list = Call(bhttp::verb::get, FiguresPath(htx01_), "nat_admin");
  ASSERT_EQ(list.status, 200u) << list.body;
  std::vector<std::string> periods;
  for (const auto& item : list.Json().at("items").as_array()) periods.emplace_back(item.at("period").as_string());
  EXPECT_EQ(periods, (std::vector<std::string>{"2023", "2024Q1", "2024S1", "2024M01-09", "2024M12", "2024"}));
  EXPECT_EQ(list.Json().at("total"), 6);
  EXPECT_EQ(list.Json().at("items").as_array()[2].at("figures").at("members_total"), 30);
  EXPECT_EQ(list.Json().at("items").as_array()[3].at("period_end"), "2024-09-30");

  EXPECT_EQ(Call(bhttp::verb::delete_, FiguresPath(htx01_, "2024m01-06"), "nat_admin").status, 204u);
  Reply gone = Call(bhttp::verb::get, FiguresPath(htx01_, "2024S1"), "nat_admin");
  EXPECT_EQ(gone.status, 404u);
  EXPECT_EQ(gone.Json().at("error").at("reason"), "figures_not_found");
  EXPECT_EQ(std::string(gone.Json().at("error").at("message").as_string()),
            "Organisation " + std::to_string(htx01_) + " has no figures for period 2024S1.");
  EXPECT_EQ(Call(bhttp::verb::delete_, FiguresPath(htx01_, "2024S1"), "nat_admin").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx01_), "nat_admin").Json().at("total"), 5);
  // Another entity's figures are its own.
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(other01_), "nat_admin").Json().at("total"), 0);
}

TEST_F(FiguresTest, ImpossibleFiguresAndBadRequestsAreRefusedByName) {
  std::string path = FiguresPath(htx01_, "2024");
  Reply female = Call(bhttp::verb::put, path, "nat_admin", R"({"members_total":10,"members_female":12})");
  ASSERT_EQ(female.status, 400u) << female.body;
  EXPECT_EQ(female.Json().at("error").at("reason"), "invalid_request");
  EXPECT_EQ(FieldCodes(female), (std::set<std::string>{"members_female:members_female_exceeds_total"}));
  EXPECT_EQ(female.Json().at("error").at("fields").as_array()[0].at("message"),
            "Female members (12) exceed the total members (10).");
  Reply vietnamese = Call(bhttp::verb::put, path, "nat_admin", R"({"members_total":10,"members_female":12})", "vi");
  EXPECT_EQ(vietnamese.Json().at("error").at("fields").as_array()[0].at("message"),
            "Số thành viên nữ (12) lớn hơn tổng số thành viên (10).");

  Reply negative = Call(bhttp::verb::put, path, "nat_admin",
                        R"({"members_total":-3,"revenue_vnd":-1,"profit_vnd":-500,"workers_total":4})");
  ASSERT_EQ(negative.status, 400u);
  EXPECT_EQ(FieldCodes(negative), (std::set<std::string>{"members_total:negative", "revenue_vnd:negative"}));

  Reply workers =
      Call(bhttp::verb::put, path, "nat_admin", R"({"members_total":6,"workers_total":20,"workers_members":8})");
  ASSERT_EQ(workers.status, 400u);
  EXPECT_EQ(FieldCodes(workers), (std::set<std::string>{"workers_members:workers_members_exceeds_members"}));

  // Unknown members by name, then values that are not whole numbers.
  Reply bad = Call(bhttp::verb::put, path, "nat_admin",
                   R"({"members":5,"revenue_vnd":"1.234.000","profit_vnd":1.5,"members_total":true,"confirm":"yes"})");
  ASSERT_EQ(bad.status, 400u);
  EXPECT_EQ(FieldCodes(bad),
            (std::set<std::string>{"members:unknown_parameter", "revenue_vnd:invalid_type", "profit_vnd:invalid_type",
                                   "members_total:invalid_type", "confirm:invalid_type"}));
  EXPECT_EQ(bad.Json().at("error").at("fields").as_array()[0].at("field"), "members");

  Reply empty = Call(bhttp::verb::put, path, "nat_admin", R"({"members_total":null})");
  ASSERT_EQ(empty.status, 400u);
  EXPECT_EQ(FieldCodes(empty), (std::set<std::string>{"figures:figures_empty"}));
  EXPECT_EQ(Call(bhttp::verb::put, path, "nat_admin", "[1,2]").status, 400u);

  for (const char* period : {"2024S3", "2024Q5", "2024M13", "2023M09-01", "24", "2024H1"}) {
    Reply r = Call(bhttp::verb::put, FiguresPath(htx01_, period), "nat_admin", R"({"members_total":10})");
    ASSERT_EQ(r.status, 400u) << period << ": " << r.body;
    EXPECT_EQ(r.Json().at("error").at("fields").as_array()[0].at("field"), "period") << period;
    EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx01_, period), "nat_admin").status, 400u) << period;
  }
  Reply half = Call(bhttp::verb::get, FiguresPath(htx01_, "2024S3"), "nat_admin");
  EXPECT_EQ(half.Json().at("error").at("fields").as_array()[0].at("code"), "period_half_out_of_range");

  // Nothing was stored by any of them.
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx01_), "nat_admin").Json().at("total"), 0);
  EXPECT_EQ(AuditOf(htx01_).size(), 1u);  // the entity's creation only
}

TEST_F(FiguresTest, ImplausibleFiguresNeedAConfirmation) {
  std::string path = FiguresPath(htx01_, "2024");
  const std::string body = R"({"members_total":15,"workers_total":10,"avg_income_vnd_month":150000000)";
  int64_t version = RegistryVersion();
  Reply warned = Call(bhttp::verb::put, path, "nat_admin", body + "}");
  ASSERT_EQ(warned.status, 400u) << warned.body;
  EXPECT_EQ(warned.Json().at("error").at("reason"), "figures_need_confirmation");
  EXPECT_EQ(FieldCodes(warned), (std::set<std::string>{"avg_income_vnd_month:income_too_high"}));
  EXPECT_EQ(warned.Json().at("error").at("fields").as_array()[0].at("message"),
            "An average income of 150000000 VND per worker per month is implausibly high (over 100000000 VND).");
  // Not stored, not counted as a change.
  EXPECT_EQ(Call(bhttp::verb::get, path, "nat_admin").status, 404u);
  EXPECT_EQ(RegistryVersion(), version);
  EXPECT_TRUE(observer_.TakeChanged().empty());
  // "confirm": false is no confirmation.
  EXPECT_EQ(Call(bhttp::verb::put, path, "nat_admin", body + R"(,"confirm":false})").status, 400u);

  Reply confirmed = Call(bhttp::verb::put, path, "nat_admin", body + R"(,"confirm":true})");
  ASSERT_EQ(confirmed.status, 200u) << confirmed.body;
  EXPECT_EQ(confirmed.Json().at("confirmed_warnings"), true);
  ASSERT_EQ(confirmed.Json().at("warnings").as_array().size(), 1u);
  EXPECT_EQ(confirmed.Json().at("warnings").as_array()[0].at("code"), "income_too_high");
  EXPECT_EQ(confirmed.Json().at("figures").at("avg_income_vnd_month"), 150000000);
  Reply got = Call(bhttp::verb::get, path, "nat_admin", "", "vi");
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.Json().at("confirmed_warnings"), true);
  EXPECT_EQ(got.Json().at("warnings").as_array()[0].at("message"),
            "Thu nhập bình quân 150000000 đồng/người/tháng cao bất thường (trên 100000000 đồng).");

  // Errors are not confirmable.
  Reply error = Call(bhttp::verb::put, path, "nat_admin",
                     R"({"members_total":3,"members_female":4,"avg_income_vnd_month":150000000,"confirm":true})");
  ASSERT_EQ(error.status, 400u);
  EXPECT_EQ(error.Json().at("error").at("reason"), "invalid_request");
  EXPECT_EQ(FieldCodes(error), (std::set<std::string>{"members_female:members_female_exceeds_total"}));

  // Plausible figures (confirm or not) leave nothing confirmed.
  Reply plain = Call(bhttp::verb::put, path, "nat_admin", R"({"members_total":15,"confirm":true})");
  ASSERT_EQ(plain.status, 200u);
  EXPECT_EQ(plain.Json().at("confirmed_warnings"), false);
  EXPECT_TRUE(plain.Json().at("warnings").as_array().empty());

  // A group needs 2 members, a cooperative 5: the warning follows the entity's kind.
  Reply few = Call(bhttp::verb::put, path, "nat_admin", R"({"members_total":3})");
  ASSERT_EQ(few.status, 400u);
  EXPECT_EQ(FieldCodes(few), (std::set<std::string>{"members_total:too_few_members"}));
}

TEST_F(FiguresTest, ScopeFollowsTheEntityAndFiguresAreNotPublic) {
  domain::Figures seeded;
  seeded.members_total = 40;
  for (int64_t id : {htx01_, other01_, htx79_})
    ASSERT_OK(figures_->Put(auth::Principal::Cli("test"), id, domain::Period::Year(2023), seeded,
                            domain::Confirmation::kNotConfirmed));
  const std::string body = R"({"members_total":41})";

  // A province officer of 01: their province's entities, and nothing of 79 (as if missing).
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx01_, "2023"), "po01").status, 200u);
  EXPECT_EQ(Call(bhttp::verb::put, FiguresPath(other01_, "2024"), "po01", body).status, 200u);
  for (auto [method, period, with_body] :
       std::vector<std::tuple<bhttp::verb, std::string, bool>>{{bhttp::verb::get, "", false},
                                                               {bhttp::verb::get, "2023", false},
                                                               {bhttp::verb::put, "2023", true},
                                                               {bhttp::verb::delete_, "2023", false}}) {
    Reply other = Call(method, FiguresPath(htx79_, period), "po01", with_body ? body : "");
    Reply missing = Call(method, FiguresPath(999999, period), "po01", with_body ? body : "");
    EXPECT_EQ(other.status, 404u) << period << ": " << other.body;
    EXPECT_EQ(other.Json().at("error").at("reason"), "entity_not_found");
    EXPECT_EQ(other.Json().at("error").at("reason"), missing.Json().at("error").at("reason"));
  }

  // A cooperative account reads and writes its own entity's figures, no other.
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx01_), "coop1").Json().at("total"), 1);
  Reply own = Call(bhttp::verb::put, FiguresPath(htx01_, "2024S1"), "coop1", body);
  EXPECT_EQ(own.status, 200u) << own.body;
  EXPECT_EQ(Call(bhttp::verb::delete_, FiguresPath(htx01_, "2024S1"), "coop1").status, 204u);
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(other01_, "2023"), "coop1").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::put, FiguresPath(other01_, "2023"), "coop1", body).status, 404u);

  // Partners and anonymous callers see statistics, not one cooperative's figures.
  for (const std::string& period : {std::string(), std::string("2023")}) {
    Reply partner = Call(bhttp::verb::get, FiguresPath(htx01_, period), "partner1");
    EXPECT_EQ(partner.status, 403u) << partner.body;
    EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx01_, period), "").status, 401u);
  }
  EXPECT_EQ(Call(bhttp::verb::put, FiguresPath(htx01_, "2023"), "partner1", body).status, 403u);
  EXPECT_EQ(Call(bhttp::verb::delete_, FiguresPath(htx01_, "2023"), "partner1").status, 403u);
  EXPECT_EQ(Call(bhttp::verb::put, FiguresPath(htx01_, "2023"), "", body).status, 401u);
  // … and the service says the same to any caller that is not signed in.
  auto anonymous = figures_->List(auth::Principal::Anonymous(), htx01_);
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, ErrorCode::kUnauthenticated);

  // Figures of a deleted entity are gone with it.
  ASSERT_OK(entities_->SoftDelete(auth::Principal::Cli("test"), other01_));
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(other01_), "nat_admin").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::put, FiguresPath(other01_, "2023"), "nat_admin", body).status, 404u);
  // Everything po01 could not reach is untouched.
  EXPECT_EQ(Call(bhttp::verb::get, FiguresPath(htx79_, "2023"), "nat_admin").Json().at("figures").at("members_total"),
            40);
}

TEST_F(FiguresTest, WritesAreAuditedAndTracked) {
  std::string path = FiguresPath(htx01_, "2024");
  int64_t version = RegistryVersion();
  ASSERT_EQ(Call(bhttp::verb::put, path, "po01", R"({"members_total":20,"revenue_vnd":900000000})").status, 200u);
  EXPECT_EQ(RegistryVersion(), version + 1);
  EXPECT_EQ(ChangeSeq(htx01_), version + 1);
  EXPECT_EQ(observer_.TakeChanged(), (std::vector<int64_t>{htx01_}));
  ASSERT_EQ(Call(bhttp::verb::put, path, "po01", R"({"members_total":22,"revenue_vnd":950000000})").status, 200u);
  EXPECT_EQ(RegistryVersion(), version + 2);
  EXPECT_EQ(ChangeSeq(htx01_), version + 2);
  EXPECT_LT(ChangeSeq(htx79_), version + 1);  // untouched entities keep their stamp
  ASSERT_EQ(Call(bhttp::verb::delete_, path, "po01").status, 204u);
  EXPECT_EQ(RegistryVersion(), version + 3);
  EXPECT_EQ(ChangeSeq(htx01_), version + 3);
  EXPECT_EQ(observer_.TakeChanged(), (std::vector<int64_t>{htx01_, htx01_}));
  // Refused writes change nothing.
  EXPECT_EQ(Call(bhttp::verb::delete_, path, "po01").status, 404u);
  EXPECT_EQ(Call(bhttp::verb::put, path, "po01", R"({"members_total":-1})").status, 400u);
  EXPECT_EQ(RegistryVersion(), version + 3);
  EXPECT_TRUE(observer_.TakeChanged().empty());

  auto rows = AuditOf(htx01_);
  ASSERT_EQ(rows.size(), 4u);  // newest first; the entity's creation last
  EXPECT_EQ(rows[0].action, "entity.figures.delete");
  EXPECT_EQ(rows[1].action, "entity.figures.put");
  EXPECT_EQ(rows[2].action, "entity.figures.put");
  EXPECT_EQ(rows[3].action, "entity.create");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(rows[i].actor_name, "po01");
    EXPECT_EQ(rows[i].province_code, "01");
    EXPECT_EQ(rows[i].object_type, "entity");
  }
  EXPECT_TRUE(rows[2].before_json.empty());
  auto first = boost::json::parse(rows[2].after_json);
  EXPECT_EQ(first.at("period"), "2024");
  EXPECT_EQ(first.at("figures").at("members_total"), 20);
  auto before = boost::json::parse(rows[1].before_json);
  auto after = boost::json::parse(rows[1].after_json);
  EXPECT_EQ(before.at("figures").at("revenue_vnd"), 900000000);
  EXPECT_EQ(after.at("figures").at("revenue_vnd"), 950000000);
  EXPECT_EQ(boost::json::parse(rows[0].before_json).at("figures").at("members_total"), 22);
  EXPECT_TRUE(rows[0].after_json.empty());
}

// The commune is where the entity is today: a commune in force today, inside
// the entity's current province (whatever date its province code is read at).
TEST_F(FiguresTest, CommuneIsACurrentCommuneOfTheCurrentProvince) {
  Date today = Date::Today();
  auto communes79 = directory_->CommunesOf("79", today);
  auto communes15 = directory_->CommunesOf("15", today);
  ASSERT_FALSE(communes79.empty());
  ASSERT_FALSE(communes15.empty());
  auto post = [&](const std::string& code, const std::string& province, const std::string& commune,
                  const std::string& founded) {
    return Call(bhttp::verb::post, "/api/v1/entities", "nat_admin",
                R"({"kind":"cooperative","name":"HTX Xã )" + code + R"(","registration_code":")" + code +
                    R"(","province_code":")" + province + R"(","commune_code":")" + commune + R"(","founded_on":")" +
                    founded + R"("})");
  };
  Reply ba_dinh = post("CM-1", "01", "00004", "2020-01-01");
  ASSERT_EQ(ba_dinh.status, 201u) << ba_dinh.body;
  EXPECT_EQ(ba_dinh.Json().at("commune_code"), "00004");

  Reply unknown = post("CM-2", "01", "99999", "2020-01-01");
  ASSERT_EQ(unknown.status, 400u) << unknown.body;
  EXPECT_EQ(FieldCodes(unknown), (std::set<std::string>{"commune_code:unknown_commune"}));
  EXPECT_EQ(unknown.Json().at("error").at("fields").as_array()[0].at("message"),
            "There is no commune or ward with code 99999 in force; use the codes in force since 1 July 2025.");

  const geo::AdminUnit* saigon_commune = communes79.front();
  Reply elsewhere = post("CM-3", "01", saigon_commune->code, "2020-01-01");
  ASSERT_EQ(elsewhere.status, 400u) << elsewhere.body;
  EXPECT_EQ(FieldCodes(elsewhere), (std::set<std::string>{"commune_code:commune_not_in_province"}));
  EXPECT_EQ(std::string(elsewhere.Json().at("error").at("fields").as_array()[0].at("message").as_string()),
            saigon_commune->full_name + " (code " + saigon_commune->code +
                ") belongs to Thành phố Hồ Chí Minh (code 79), not to Thành phố Hà Nội (code 01), the organisation's "
                "current province.");

  // Founded in Yên Bái (15 until 2025-06-30), today in Lào Cai (15): a commune of today's 15 …
  Reply old_code = post("CM-4", "15", communes15.front()->code, "2015-04-01");
  EXPECT_EQ(old_code.status, 201u) << old_code.body;
  // … and so is one founded in the old Lào Cai (10), merged into 15.
  Reply merged = post("CM-5", "10", communes15.back()->code, "2012-04-01");
  EXPECT_EQ(merged.status, 201u) << merged.body;
  EXPECT_EQ(merged.Json().at("current_province_code"), "15");
  EXPECT_EQ(post("CM-6", "10", "00004", "2012-04-01").status, 400u);

  // A patch is checked the same way, against the province the entity is in after it.
  std::string path = "/api/v1/entities/" + std::to_string(ba_dinh.Json().at("id").as_int64());
  Reply moved_commune =
      Call(bhttp::verb::patch, path, "nat_admin", R"({"commune_code":")" + saigon_commune->code + "\"}");
  ASSERT_EQ(moved_commune.status, 400u) << moved_commune.body;
  EXPECT_EQ(FieldCodes(moved_commune), (std::set<std::string>{"commune_code:commune_not_in_province"}));
  Reply moved_both = Call(bhttp::verb::patch, path, "nat_admin",
                          R"({"province_code":"79","commune_code":")" + saigon_commune->code + "\"}");
  EXPECT_EQ(moved_both.status, 200u) << moved_both.body;
  Reply moved_province = Call(bhttp::verb::patch, path, "nat_admin", R"({"province_code":"01"})");
  EXPECT_EQ(moved_province.status, 400u) << moved_province.body;
  EXPECT_EQ(Call(bhttp::verb::patch, path, "nat_admin", R"({"province_code":"01","commune_code":null})").status, 200u);
}

TEST_F(FiguresTest, CooperativeAccountsNameAnExistingEntity) {
  auth::Principal cli = auth::Principal::Cli("test");
  auto missing = accounts_->CreateUser(cli, {"coop_missing", "", "cooperative", "", 999999, kPassword});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(missing.error().fields.size(), 1u);
  EXPECT_EQ(missing.error().fields[0].field, "entity_id");
  EXPECT_EQ(missing.error().fields[0].code, "unknown_entity");

  int64_t deleted = Create(R"({"kind":"group","name":"THT Đã Giải Thể","registration_code":"DEL-1",
                               "province_code":"01","founded_on":"2015-01-01"})");
  ASSERT_OK(entities_->SoftDelete(cli, deleted));
  auto to_deleted = accounts_->CreateUser(cli, {"coop_deleted", "", "cooperative", "", deleted, kPassword});
  ASSERT_FALSE(to_deleted.ok());
  EXPECT_EQ(to_deleted.error().fields[0].code, "unknown_entity");

  // Through the API, in the caller's language, and nothing is created.
  Reply api = Call(bhttp::verb::post, "/api/v1/users", "nat_admin",
                   R"({"username":"coop_api","role":"cooperative","entity_id":424242,"password":"Khác-hẳn-nhau-9"})");
  ASSERT_EQ(api.status, 400u) << api.body;
  EXPECT_EQ(FieldCodes(api), (std::set<std::string>{"entity_id:unknown_entity"}));
  EXPECT_EQ(api.Json().at("error").at("fields").as_array()[0].at("message"),
            "There is no organisation with id 424242 (or it was deleted, or it is outside your scope).");
  EXPECT_FALSE(accounts_->FindUser(cli, "coop_api").ok());

  auto made = accounts_->CreateUser(cli, {"coop_ok", "", "cooperative", "", htx79_, kPassword});
  ASSERT_OK(made);
  // Moving the account to a missing entity is refused; to an existing one allowed.
  auth::UserPatch to_missing;
  to_missing.entity_id = 999999;
  auto moved = accounts_->UpdateUser(cli, made->id, to_missing);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().fields[0].field, "entity_id");
  auth::UserPatch to_other;
  to_other.entity_id = other01_;
  ASSERT_OK(accounts_->UpdateUser(cli, made->id, to_other));
  // A partner turned into a cooperative account needs a live entity too.
  auto partner = accounts_->FindUser(cli, "partner1");
  ASSERT_OK(partner);
  auth::UserPatch role;
  role.role = "cooperative";
  role.entity_id = deleted;
  auto turned = accounts_->UpdateUser(cli, partner->id, role);
  ASSERT_FALSE(turned.ok());
  EXPECT_EQ(turned.error().fields[0].code, "unknown_entity");
  // Other edits of an account whose entity was deleted later still work.
  ASSERT_OK(entities_->SoftDelete(cli, other01_));
  auth::UserPatch rename;
  rename.display_name = "HTX Hoa Tây Tựu (cũ)";
  EXPECT_OK(accounts_->UpdateUser(cli, made->id, rename));
}

}  // namespace
}  // namespace hoptac
