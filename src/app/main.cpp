// hoptac: one binary, subcommands. The command table: the kernel's commands (serve,
// migrate, user, version, help) and one line per capability adding its own (its cli/
// folder). The services are built by app/system.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <thread>

#include "activities/activity_demo.h"
#include "app/backup.h"
#include "app/system.h"
#include "base/log.h"
#include "base/web_assets.h"
#include "cli/command_line.h"
#include "fund/cli/commands.h"
#include "fund/fund_demo.h"
#include "geo/admin_unit_store.h"
#include "http/server.h"
#include "news/news_demo.h"
#include "petitions/cli/commands.h"
#include "petitions/petition_demo.h"
#include "products/product_demo.h"
#include "programmes/cli/commands.h"
#include "programmes/programme_demo.h"
#include "registry/cli/commands.h"
#include "reporting/cli/commands.h"
#include "surveys/cli/commands.h"
#include "surveys/survey_demo.h"

namespace hoptac::app {
namespace {

using cli::CliLang;
using cli::CommandLine;

// The usage text before and after the commands' own lines.
constexpr const char* kHelpHead =
    R"(hoptac — hệ thống thông tin Liên minh Hợp tác xã Việt Nam / Vietnam Cooperative Alliance information system

Cách dùng / usage: hoptac <lệnh/command> [tuỳ chọn/options]

)";

constexpr const char* kServeHelp = R"(  serve     Chạy máy chủ web và API / run the web server and API
              --listen HOST:PORT   (mặc định/default 127.0.0.1:8080)
              --data-dir DIR       thư mục dữ liệu / data folder (default var)
              --db URL             sqlite:PATH | postgresql://user:pass@host:port/db
                                   (default sqlite:<data-dir>/hoptac.db)
              --io-threads N, --worker-threads N, --no-access-log
              --import-file-retention-days N
                                   xoá tệp gốc của các lần nhập cũ hơn N ngày khi khởi động
                                   (mặc định 0: giữ mãi) / at start, remove the original files
                                   of imports older than N days (default 0: keep forever)
              --metrics-token TOKEN (hoặc/or HOPTAC_METRICS_TOKEN)
                                   /metrics cho máy khác khi có "Authorization: Bearer TOKEN";
                                   không có: chỉ từ 127.0.0.1 / other hosts need the token;
                                   without one, loopback only
              --public-url URL     địa chỉ công khai của trang (https://lienminhhtx.vn) cho liên kết
                                   chuẩn, RSS, sơ đồ trang / the site's public address for
                                   canonical links, RSS and sitemaps (default: relative links)
              --tls-cert FILE --tls-key FILE
                                   HTTPS với chứng chỉ và khoá riêng PEM (dùng cả hai) /
                                   serve HTTPS only, PEM certificate chain and key (both)
              Lần chạy đầu tạo tài khoản admin (mật khẩu in ra một lần, hoặc lấy từ
              HOPTAC_ADMIN_PASSWORD) / first start creates "admin" (password printed once,
              or HOPTAC_ADMIN_PASSWORD)
)";

constexpr const char* kMigrateHelp =
    R"(  migrate   Cập nhật lược đồ cơ sở dữ liệu / apply database migrations   [--db URL]
)";

constexpr const char* kUserHelp = R"(  user add NAME --role ROLE [--province CODE] [--entity ID] [--display-name TEXT]
  user list | user disable NAME | user enable NAME | user reset-password NAME
            Quản lý tài khoản / manage accounts [--db URL]; mật khẩu hỏi tại dấu nhắc
            hoặc đọc một dòng từ stdin / password from a prompt or one line of stdin.
            Vai trò / roles: national_admin, national_officer, province_admin,
            province_officer, partner, cooperative
)";

constexpr const char* kHelpFoot = R"(  version   In phiên bản / print the version
  help      Trợ giúp này / this help

Mọi lệnh / every command: --db URL, --data-dir DIR, --sync full|normal (SQLite: full mặc định,
an toàn khi mất điện; normal cho nạp dữ liệu lớn / full by default, safe against power loss;
normal for bulk loads)

Messages are in Vietnamese; set HOPTAC_LANG=en for English.
)";

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {listen});
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string port_text = listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {listen});
  int port = 0;
  std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);  // digits only, at most 5
  if (port > 65535) return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {listen});
  return std::make_pair(host, static_cast<uint16_t>(port));
}

Status Serve(const CommandLine& cli) {
  auto started = std::chrono::steady_clock::now();
  HOPTAC_ASSIGN_OR_RETURN(auto listen, ParseListen(cli.Option("listen").value_or("127.0.0.1:8080")));
  int hardware = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  http::ServerOptions server_options;
  server_options.host = listen.first;
  server_options.port = listen.second;
  HOPTAC_ASSIGN_OR_RETURN(server_options.io_threads, cli::PositiveIntOption(cli, "io-threads", hardware));
  HOPTAC_ASSIGN_OR_RETURN(server_options.worker_threads, cli::PositiveIntOption(cli, "worker-threads", 8));
  // Sign-ins queue here rather than occupying the database workers.
  server_options.heavy_worker_threads = std::max(1, hardware - 1);
  server_options.access_log = !cli.Option("no-access-log").has_value();
  server_options.tls_certificate_file = cli.Option("tls-cert").value_or("");
  server_options.tls_private_key_file = cli.Option("tls-key").value_or("");
  // A bad certificate or key stops the start before the database is touched.
  HOPTAC_TRY(http::Server::CheckTls(server_options));

  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(cli, server_options.worker_threads));
  SystemOptions options;
  // At most as many argon2id hashes at once as there are cores, minus one kept for the API.
  options.hash_concurrency = std::max(1, hardware - 1);
  options.web_files = [](std::string_view path) { return web_assets::Find(path); };
  // The environment keeps the token out of the process list; --metrics-token wins.
  if (const char* token = std::getenv("HOPTAC_METRICS_TOKEN")) options.metrics_token = token;
  if (auto token = cli.Option("metrics-token")) options.metrics_token = *token;
  if (auto url = cli.Option("public-url")) {
    std::string u = *url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0)
      return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_public_url", {*url});
    options.public_url = u;
  } else if (listen.first != "0.0.0.0" && listen.first != "::" && !listen.first.empty()) {
    // Sitemaps and feeds need absolute addresses: the one this server listens on, until told
    // (a wildcard address names no host: the links stay relative).
    const std::string host = listen.first.find(':') != std::string::npos ? "[" + listen.first + "]" : listen.first;
    options.public_url =
        std::string(cli.Option("tls-cert") ? "https://" : "http://") + host + ":" + std::to_string(listen.second);
  }
  if (auto days = cli.Option("import-file-retention-days")) {
    auto [end, ec] = std::from_chars(days->data(), days->data() + days->size(), options.import_file_retention_days);
    if (ec != std::errc() || end != days->data() + days->size() || options.import_file_retention_days < 0)
      return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_number", {"--import-file-retention-days", *days});
  }
  HOPTAC_ASSIGN_OR_RETURN(auto system, System::Create(std::move(db), std::move(options)));
  // Writes of other processes (a CLI import while the server runs, another server on the
  // same database) are picked up within a second: one cheap version query (a few µs on
  // SQLite, one round trip on PostgreSQL) twice a second when idle.
  system->StartPolling(std::chrono::milliseconds(500));
  const char* admin_password = std::getenv("HOPTAC_ADMIN_PASSWORD");
  HOPTAC_ASSIGN_OR_RETURN(auto created_password,
                          system->accounts().EnsureInitialAdmin(
                              admin_password ? std::optional<std::string>(admin_password) : std::nullopt));
  if (created_password) {
    std::cout << i18n::Translate(CliLang(), "cli.admin_created",
                                 {{admin_password ? std::string("(HOPTAC_ADMIN_PASSWORD)") : *created_password}})
              << std::endl;
  }
  auto router = system->BuildRouter();
  HOPTAC_ASSIGN_OR_RETURN(auto server, http::Server::Create(server_options, router, system->metrics()));

  std::string where = listen.first + ":" + std::to_string(server->port());
  double startup_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  bool tls = !server_options.tls_certificate_file.empty();
  log::Info("listening", {{"address", std::string_view(where)},
                          {"tls", tls},
                          {"database", std::string_view(system->db().Describe())},
                          {"startup_ms", startup_ms}});
  std::cout << i18n::Translate(CliLang(), tls ? "cli.listening_tls" : "cli.listening", {{where}}) << std::endl;
  server->Run();
  server.reset();
  system->Shutdown();
  log::Info("stopped", {});
  log::Flush();
  return Ok();
}

int ServeCommand(const CommandLine& cli) {
  // The TLS certificate and key go together: one without the other is a usage error.
  if (cli.Option("tls-cert").has_value() != cli.Option("tls-key").has_value()) {
    bool has_cert = cli.Option("tls-cert").has_value();
    return cli::UsageError(Error::Make(ErrorCode::kInvalidArgument, "cli.tls_needs_both",
                                       {has_cert ? "--tls-cert" : "--tls-key", has_cert ? "--tls-key" : "--tls-cert"}));
  }
  return cli::ExitCode(Serve(cli));
}

// A password from the terminal (twice, without echo) or one line of standard input.
Result<std::string> ReadPassword(const std::string& username) {
  i18n::Lang lang = CliLang();
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  auto read_hidden = [](const std::string& prompt) {
    std::cerr << prompt << std::flush;
    termios old_settings{};
    tcgetattr(STDIN_FILENO, &old_settings);
    termios hidden = old_settings;
    hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old_settings);
    std::cerr << std::endl;
    return line;
  };
  std::string first = read_hidden(i18n::Translate(lang, "cli.password_prompt", {{username}}));
  std::string second = read_hidden(i18n::Translate(lang, "cli.password_repeat"));
  if (first != second) return Error::Make(ErrorCode::kInvalidArgument, "cli.password_mismatch");
  return first;
}

Status User(const CommandLine& command_line) {
  const CommandLine& cli = command_line;
  if (cli.positional.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"add|list|disable|enable|reset-password"});
  const std::string& action = cli.positional[0];
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  // Only the accounts: a user command does not need the registry's index.
  auto hasher = auth::PasswordHasher::Create(1);
  if (!hasher) return Error::Internal("libsodium could not start (argon2id, 64 MiB)");
  auth::LoginThrottle throttle;
  HOPTAC_ASSIGN_OR_RETURN(auto units, geo::LoadDirectory(*db));
  auth::AccountService accounts(*db, *hasher, throttle, geo::ProvinceInForceToday(units));
  auth::Principal cli_user = cli::CliPrincipal();
  i18n::Lang lang = CliLang();
  if (action == "list") {
    HOPTAC_ASSIGN_OR_RETURN(auto users, accounts.ListUsers(cli_user));
    std::cout << std::left << std::setw(6) << "id" << std::setw(24) << "username" << std::setw(18) << "role"
              << std::setw(10) << "province" << std::setw(8) << "entity"
              << "state"
              << "\n";
    for (const auto& u : users) {
      std::cout << std::left << std::setw(6) << u.id << std::setw(24) << u.username << std::setw(18)
                << auth::RoleName(u.role) << std::setw(10) << (u.province_code.empty() ? "-" : u.province_code)
                << std::setw(8) << (u.entity_id ? std::to_string(u.entity_id) : "-")
                << (u.disabled ? "disabled" : "active") << "\n";
    }
    return Ok();
  }
  if (cli.positional.size() < 2) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"NAME"});
  const std::string& name = cli.positional[1];
  if (action == "add") {
    auth::NewUser user;
    user.username = name;
    user.role = cli.Option("role").value_or("");
    if (user.role.empty()) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--role"});
    user.province_code = cli.Option("province").value_or("");
    user.display_name = cli.Option("display-name").value_or("");
    if (auto entity = cli.Option("entity")) {
      int64_t id = 0;
      auto [end, ec] = std::from_chars(entity->data(), entity->data() + entity->size(), id);
      if (ec != std::errc() || end != entity->data() + entity->size() || id <= 0)
        return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_number", {"--entity", *entity});
      user.entity_id = id;
    }
    HOPTAC_ASSIGN_OR_RETURN(user.password, ReadPassword(name));
    HOPTAC_ASSIGN_OR_RETURN(auto created, accounts.CreateUser(cli_user, user));
    std::cout << i18n::Translate(lang, "cli.user_created",
                                 {{created.username, std::to_string(created.id), auth::RoleName(created.role)}})
              << std::endl;
  } else if (action == "disable" || action == "enable") {
    HOPTAC_ASSIGN_OR_RETURN(auto user, accounts.FindUser(cli_user, name));
    auth::UserPatch patch;
    patch.disabled = action == "disable";
    HOPTAC_TRY(accounts.UpdateUser(cli_user, user.id, patch));
    if (action == "disable") std::cout << i18n::Translate(lang, "cli.user_disabled", {{user.username}}) << std::endl;
  } else if (action == "reset-password") {
    HOPTAC_ASSIGN_OR_RETURN(auto user, accounts.FindUser(cli_user, name));
    HOPTAC_ASSIGN_OR_RETURN(std::string password, ReadPassword(name));
    HOPTAC_TRY(accounts.ResetPassword(cli_user, user.id, password));
    std::cout << i18n::Translate(lang, "cli.password_reset", {{user.username}}) << std::endl;
  } else {
    return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_command", {"user " + action});
  }
  db->Close();
  return Ok();
}

Status Migrate(const CommandLine& cli) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, storage::Db::Open(cli.DatabaseUrl()));
  HOPTAC_ASSIGN_OR_RETURN(int applied, geo::PrepareDatabase(*db));
  auto known = storage::KnownMigrations(db->backend());
  std::vector<std::string> args = {std::to_string(applied), known.empty() ? "0" : std::to_string(known.back())};
  std::cout << i18n::Translate(CliLang(), "cli.migrated", args) << std::endl;
  db->Close();
  return Ok();
}

std::string Help(const std::vector<cli::Command>& commands) {
  std::string help = kHelpHead;
  for (const cli::Command& command : commands) help += command.help;
  return help + kHelpFoot;
}

// The report service of the database of the command line, over the whole system (its
// indicators are answered by the registry's index); the pointer keeps the system alive.
Result<std::shared_ptr<reporting::ReportService>> OpenReports(const CommandLine& command_line) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<System> created, System::Create(std::move(db)));
  std::shared_ptr<System> system(std::move(created));
  return std::shared_ptr<reporting::ReportService>(system, &system->reports());
}

// The programme service of the database of the command line, over the whole system (progress
// asks the indicators, answered by the registry's index); the pointer keeps the system alive.
Result<std::shared_ptr<programmes::ProgrammeService>> OpenProgrammes(const CommandLine& command_line) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<System> created, System::Create(std::move(db)));
  std::shared_ptr<System> system(std::move(created));
  return std::shared_ptr<programmes::ProgrammeService>(system, &system->programmes());
}

// The petition service of the database of the command line, over the whole system; the pointer
// keeps the system alive.
Result<std::shared_ptr<surveys::SurveyService>> OpenSurveys(const CommandLine& command_line) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<System> created, System::Create(std::move(db)));
  std::shared_ptr<System> system(std::move(created));
  return std::shared_ptr<surveys::SurveyService>(system, &system->surveys());
}

Result<std::shared_ptr<petitions::PetitionService>> OpenPetitions(const CommandLine& command_line) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<System> created, System::Create(std::move(db)));
  std::shared_ptr<System> system(std::move(created));
  return std::shared_ptr<petitions::PetitionService>(system, &system->petitions());
}

// The fund service of the database of the command line, over the whole system (its portfolio built
// at start-up); the pointer keeps the system alive.
Result<std::shared_ptr<fund::FundService>> OpenFund(const CommandLine& command_line) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<System> created, System::Create(std::move(db)));
  std::shared_ptr<System> system(std::move(created));
  return std::shared_ptr<fund::FundService>(system, &system->fund());
}

// After the registry's demo data, the demo programmes and then their activities and placements
// (both idempotent), whose progress reads them.
Status DemoProgrammes(const CommandLine& command_line) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, cli::OpenDatabase(command_line, 2));
  HOPTAC_ASSIGN_OR_RETURN(std::unique_ptr<System> system, System::Create(std::move(db)));
  const auth::Principal who = cli::CliPrincipal();
  HOPTAC_ASSIGN_OR_RETURN(auto added, programmes::LoadDemoProgrammes(system->programmes(), who));
  if (added.programmes > 0)
    std::cout << i18n::Translate(
                     CliLang(), "cli.demo_programmes",
                     std::vector<std::string>{std::to_string(added.programmes), std::to_string(added.targets)})
              << std::endl;
  activities::DemoProgrammeIds ids;
  if (auto youth = system->programmes().GetProgrammeByCode(who, "BG-TN-2023-2025"); youth.ok()) ids.youth = youth->id;
  if (auto women = system->programmes().GetProgrammeByCode(who, "QD01-TTg-2023"); women.ok()) ids.women = women->id;
  HOPTAC_ASSIGN_OR_RETURN(auto done,
                          activities::LoadDemoActivities(system->activities(), system->entities(), who, ids));
  if (done.activities > 0)
    std::cout << i18n::Translate(
                     CliLang(), "cli.demo_activities",
                     std::vector<std::string>{std::to_string(done.activities), std::to_string(done.placements)})
              << std::endl;
  // The youth programme's yearly satisfaction survey: its questionnaire, the 2025 and 2026 campaigns.
  HOPTAC_ASSIGN_OR_RETURN(auto surveyed, surveys::LoadDemoSurveys(system->surveys(), who));
  if (surveyed.campaigns > 0)
    std::cout << i18n::Translate(
                     CliLang(), "cli.demo_surveys",
                     std::vector<std::string>{std::to_string(surveyed.campaigns), std::to_string(surveyed.responses)})
              << std::endl;
  // The petitions of the Lạng Sơn dialogue with 40 cooperatives (and a few of other provinces).
  int64_t dialogue = 0;
  activities::ActivityQuery dialogues;
  dialogues.types = {"dialogue"};
  dialogues.province = "20";
  dialogues.q = "40 HTX";
  if (auto found = system->activities().List(who, dialogues); found.ok() && !found->items.empty())
    dialogue = found->items.front().id;
  HOPTAC_ASSIGN_OR_RETURN(int petitions,
                          petitions::LoadDemoPetitions(system->petitions(), system->entities(), who, dialogue));
  if (petitions > 0)
    std::cout << i18n::Translate(CliLang(), "cli.demo_petitions", std::vector<std::string>{std::to_string(petitions)})
              << std::endl;
  // The support fund: the national fund and two province funds, applications at every stage, loans.
  HOPTAC_ASSIGN_OR_RETURN(fund::DemoFund lent, fund::LoadDemoFund(system->fund(), system->entities(), who));
  if (lent.funds > 0)
    std::cout << i18n::Translate(CliLang(), "cli.demo_fund",
                                 std::vector<std::string>{std::to_string(lent.funds), std::to_string(lent.applications),
                                                          std::to_string(lent.loans)})
              << std::endl;
  // The products catalogue: a few approved products of the demo cooperatives and one to review.
  HOPTAC_ASSIGN_OR_RETURN(int products, products::LoadDemoProducts(system->products(), system->entities(), who));
  if (products > 0)
    std::cout << i18n::Translate(CliLang(), "cli.demo_products", std::vector<std::string>{std::to_string(products)})
              << std::endl;
  // The news of the alliances, published over the last months (the portal's home page shows them).
  HOPTAC_ASSIGN_OR_RETURN(int articles, news::LoadDemoArticles(system->news(), system->entities(), who));
  if (articles > 0)
    std::cout << i18n::Translate(CliLang(), "cli.demo_articles", std::vector<std::string>{std::to_string(articles)})
              << std::endl;
  return Ok();
}

int Main(int argc, char** argv) {
  std::vector<cli::Command> commands = {
      {"serve",
       {"listen", "io-threads", "worker-threads", "tls-cert", "tls-key", "import-file-retention-days", "metrics-token",
        "public-url"},
       {"no-access-log"},
       kServeHelp,
       ServeCommand},
      {"migrate", {}, {}, kMigrateHelp, [](const CommandLine& cli) { return cli::ExitCode(Migrate(cli)); }},
      {"user",
       {"role", "province", "entity", "display-name"},
       {},
       kUserHelp,
       [](const CommandLine& cli) { return cli::ExitCode(User(cli)); }},
      {"backup", {}, {}, kBackupHelp, BackupCommand},
      {"restore", {}, {"replace"}, "", RestoreCommand},
  };
  // One line per capability.
  for (cli::Command& command : registry::cli::Commands()) commands.push_back(std::move(command));
  for (cli::Command& command : reporting::cli::Commands(OpenReports)) commands.push_back(std::move(command));
  for (cli::Command& command : programmes::cli::Commands(OpenProgrammes)) commands.push_back(std::move(command));
  for (cli::Command& command : petitions::cli::Commands(OpenPetitions)) commands.push_back(std::move(command));
  for (cli::Command& command : surveys::cli::Commands(OpenSurveys)) commands.push_back(std::move(command));
  for (cli::Command& command : fund::cli::Commands(OpenFund)) commands.push_back(std::move(command));
  // `hoptac demo` loads the registry's demo data (registry/cli), then the demo programmes.
  for (cli::Command& command : commands)
    if (command.name == "demo")
      command.run = [run = command.run](const CommandLine& cli) {
        const int code = run(cli);
        return code != 0 ? code : cli::ExitCode(DemoProgrammes(cli));
      };

  std::string help = Help(commands);
  std::string name = argc >= 2 ? argv[1] : "help";
  if (name == "help" || name == "--help" || name == "-h") {
    std::cout << help;
    return 0;
  }
  if (name == "version" || name == "--version") {
    std::cout << "hoptac " << kVersion << std::endl;
    return 0;
  }
  return cli::RunCommand(commands, argc, argv, help);
}

}  // namespace
}  // namespace hoptac::app

int main(int argc, char** argv) { return hoptac::app::Main(argc, argv); }
