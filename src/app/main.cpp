// hoptac: one binary, subcommands. Wiring only: parse the command line, open the
// database, build the services, run.
#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <thread>

#include "analytics/registry_index.h"
#include "app/cli.h"
#include "app/commands.h"
#include "app/import_command.h"
#include "auth/account_service.h"
#include "auth/password.h"
#include "auth/throttle.h"
#include "base/log.h"
#include "base/web_assets.h"
#include "domain/admin_unit.h"
#include "http/api.h"
#include "http/server.h"
#include "registry/demo.h"
#include "registry/entity_query.h"
#include "registry/entity_service.h"
#include "registry/export.h"
#include "registry/import.h"
#include "registry/import_jobs.h"
#include "storage/admin_unit_store.h"
#include "storage/db.h"

namespace hoptac::app {
namespace {

constexpr const char* kVersion = "0.1.0";

const char* kHelp =
    R"(hoptac — hệ thống thông tin Liên minh Hợp tác xã Việt Nam / Vietnam Cooperative Alliance information system

Cách dùng / usage: hoptac <lệnh/command> [tuỳ chọn/options]

  serve     Chạy máy chủ web và API / run the web server and API
              --listen HOST:PORT   (mặc định/default 127.0.0.1:8080)
              --data-dir DIR       thư mục dữ liệu / data folder (default var)
              --db URL             sqlite:PATH | postgresql://user:pass@host:port/db
                                   (default sqlite:<data-dir>/hoptac.db)
              --io-threads N, --worker-threads N, --no-access-log
              --tls-cert FILE --tls-key FILE
                                   HTTPS với chứng chỉ và khoá riêng PEM (dùng cả hai) /
                                   serve HTTPS only, PEM certificate chain and key (both)
              Lần chạy đầu tạo tài khoản admin (mật khẩu in ra một lần, hoặc lấy từ
              HOPTAC_ADMIN_PASSWORD) / first start creates "admin" (password printed once,
              or HOPTAC_ADMIN_PASSWORD)
  migrate   Cập nhật lược đồ cơ sở dữ liệu / apply database migrations   [--db URL]
  import entities|events|figures FILE [--dry-run] [--skip-bad-rows] [--confirm-warnings]
            [--report FILE.csv|FILE.xlsx] [--db URL]
            Nhập tệp CSV/XLSX vào sổ đăng ký (tất cả hoặc không) / import a CSV or XLSX
            file into the registry (all or nothing unless --skip-bad-rows)
  user add NAME --role ROLE [--province CODE] [--entity ID] [--display-name TEXT]
  user list | user disable NAME | user enable NAME | user reset-password NAME
            Quản lý tài khoản / manage accounts [--db URL]; mật khẩu hỏi tại dấu nhắc
            hoặc đọc một dòng từ stdin / password from a prompt or one line of stdin.
            Vai trò / roles: national_admin, national_officer, province_admin,
            province_officer, partner, cooperative
  demo      Nạp dữ liệu mẫu / load demo data   --scale S [--seed N] [--if-empty] [--db URL]
              Quy mô 1 ≈ cả nước (34 nghìn HTX, 71 nghìn THT, 130 LHHTX, 1,2 nghìn QTDND);
              cùng quy mô và seed cho cùng dữ liệu / scale 1 ≈ the whole country; the same
              scale and seed give the same data. --if-empty: chỉ khi chưa có tổ chức nào /
              only into a registry without entities
  export entities|events|figures FILE [--format csv|xlsx] [--db URL]
            Xuất danh sách đã lọc / export a filtered list (định dạng theo đuôi tệp /
            format from the extension). Bộ lọc như API / filters as in the list API:
              --kind --province --status --as-of --q --sector --commune --legacy-province
              --women-managed true|false --youth true|false --founded-from --founded-to
  stats entities|flows|series [--measure M] [--group-by D1,D2] [--as-of DATE] [--from DATE] [--to DATE]
            [--event E] [--interval year|half|quarter] [--province-scheme current|legacy]
            [--kind K1,K2] [--province CODE] [--status S] [--sector S] … [--format table|csv|json]
            Thống kê như API /api/v1/stats / statistics as the API answers them [--db URL]
  version   In phiên bản / print the version
  help      Trợ giúp này / this help

Messages are in Vietnamese; set HOPTAC_LANG=en for English.
)";

const std::vector<std::string> kDbOptions = {"db", "data-dir"};

}  // namespace

// Opens the database, applies migrations and seeds the reference administrative units.
Result<std::unique_ptr<storage::Db>> OpenAndPrepare(const CommandLine& cli, int read_pool_size) {
  storage::DbOptions options;
  options.read_pool_size = read_pool_size;
  HOPTAC_ASSIGN_OR_RETURN(auto db, storage::Db::Open(cli.DatabaseUrl(), options));
  HOPTAC_ASSIGN_OR_RETURN(int applied, storage::Migrate(*db));
  if (applied > 0) log::Info("migrations applied", {{"count", static_cast<long long>(applied)}});
  HOPTAC_ASSIGN_OR_RETURN(auto reference, domain::LoadReferenceAdminUnits());
  HOPTAC_ASSIGN_OR_RETURN(bool seeded, storage::SeedAdminUnits(*db, reference));
  if (seeded) log::Info("administrative units loaded", {{"units", static_cast<long long>(reference.units.size())}});
  return db;
}

namespace {

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {listen});
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string port_text = listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {listen});
  int port = std::stoi(port_text);
  if (port > 65535) return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_listen", {listen});
  return std::make_pair(host, static_cast<uint16_t>(port));
}

int PositiveIntOption(const CommandLine& cli, const std::string& name, int fallback) {
  auto text = cli.Option(name);
  if (!text) return fallback;
  try {
    int value = std::stoi(*text);
    return value > 0 ? value : fallback;
  } catch (...) {
    return fallback;
  }
}

Status Serve(const CommandLine& cli) {
  auto started = std::chrono::steady_clock::now();
  HOPTAC_ASSIGN_OR_RETURN(auto listen, ParseListen(cli.Option("listen").value_or("127.0.0.1:8080")));
  int hardware = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  http::ServerOptions server_options;
  server_options.host = listen.first;
  server_options.port = listen.second;
  server_options.io_threads = PositiveIntOption(cli, "io-threads", hardware);
  server_options.worker_threads = PositiveIntOption(cli, "worker-threads", 8);
  // Sign-ins queue here rather than occupying the database workers.
  server_options.heavy_worker_threads = std::max(1, hardware - 1);
  server_options.access_log = !cli.Option("no-access-log").has_value();
  server_options.tls_certificate_file = cli.Option("tls-cert").value_or("");
  server_options.tls_private_key_file = cli.Option("tls-key").value_or("");
  // A bad certificate or key stops the start before the database is touched.
  HOPTAC_TRY(http::Server::CheckTls(server_options));

  HOPTAC_ASSIGN_OR_RETURN(auto db, OpenAndPrepare(cli, server_options.worker_threads));
  HOPTAC_ASSIGN_OR_RETURN(auto dataset, storage::LoadAdminUnits(*db));

  http::Services services;
  services.db = db.get();
  services.admin_units = domain::AdminUnitDirectory::Create(std::move(dataset));
  // At most as many argon2id hashes at once as there are cores, minus one kept for the API.
  auto hasher = auth::PasswordHasher::Create(std::max(1, hardware - 1));
  if (!hasher) return Error::Internal("libsodium could not start (argon2id, 64 MiB)");
  auth::LoginThrottle throttle;
  auto directory = services.admin_units;
  auth::AccountService accounts(*db, *hasher, throttle, [directory](std::string_view code) {
    return directory->Find(domain::AdminLevel::kProvince, code, Date::Today()) != nullptr;
  });
  services.accounts = &accounts;
  registry::EntityService entities(*db, services.admin_units);
  services.entities = &entities;
  // Search, lists and statistics answer from memory; every write of this process updates the
  // index before its response, writes of other processes are picked up within 2 s.
  auto index_started = std::chrono::steady_clock::now();
  HOPTAC_ASSIGN_OR_RETURN(auto index, analytics::RegistryIndex::Build(*db, services.admin_units));
  entities.SetObserver(index.get());
  entities.SetFinder(index.get());
  index->StartPolling(std::chrono::seconds(2));
  services.index = index.get();
  {
    auto usage = index->MemoryUsage();
    log::Info(
        "index built",
        {{"entities", static_cast<long long>(usage.entities)},
         {"figure_values", static_cast<long long>(usage.figure_values)},
         {"megabytes", static_cast<long long>(usage.bytes >> 20)},
         {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - index_started).count()}});
  }
  registry::FigureService figures(*db, entities);
  figures.SetObserver(index.get());
  services.figures = &figures;
  // Imports through the API run as jobs on a background thread (registry/import_jobs.h).
  registry::ImportService import_service(*db, services.admin_units);
  import_service.SetObserver(index.get());
  registry::ImportJobs import_jobs(import_service);
  services.imports = &import_jobs;
  const char* admin_password = std::getenv("HOPTAC_ADMIN_PASSWORD");
  HOPTAC_ASSIGN_OR_RETURN(
      auto created_password,
      accounts.EnsureInitialAdmin(admin_password ? std::optional<std::string>(admin_password) : std::nullopt));
  if (created_password) {
    std::cout << i18n::Translate(CliLang(), "cli.admin_created",
                                 {{admin_password ? std::string("(HOPTAC_ADMIN_PASSWORD)") : *created_password}})
              << std::endl;
  }
  services.metrics = std::make_shared<http::Metrics>();
  services.version = kVersion;
  services.web_files = [](std::string_view path) { return web_assets::Find(path); };
  storage::Db* db_ptr = db.get();
  services.metrics->AddCollector([db_ptr](std::string& out) {
    storage::PoolStats stats = db_ptr->Stats();
    out += "# HELP hoptac_db_pool_connections Database connections opened by the pool.\n";
    out += "# TYPE hoptac_db_pool_connections gauge\nhoptac_db_pool_connections " + std::to_string(stats.size) + "\n";
    out += "# HELP hoptac_db_pool_in_use Database connections lent out now.\n";
    out += "# TYPE hoptac_db_pool_in_use gauge\nhoptac_db_pool_in_use " + std::to_string(stats.in_use) + "\n";
    out += "# HELP hoptac_db_pool_acquired_total Connections taken from the pool.\n";
    out += "# TYPE hoptac_db_pool_acquired_total counter\nhoptac_db_pool_acquired_total " +
           std::to_string(stats.acquired) + "\n";
    out += "# HELP hoptac_db_pool_waited_total Acquisitions that had to wait for a free connection.\n";
    out += "# TYPE hoptac_db_pool_waited_total counter\nhoptac_db_pool_waited_total " + std::to_string(stats.waited) +
           "\n";
  });
  auto router = http::BuildRouter(services);
  HOPTAC_ASSIGN_OR_RETURN(auto server, http::Server::Create(server_options, router, services.metrics));

  std::string where = listen.first + ":" + std::to_string(server->port());
  double startup_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  bool tls = !server_options.tls_certificate_file.empty();
  log::Info("listening", {{"address", std::string_view(where)},
                          {"tls", tls},
                          {"database", std::string_view(db->Describe())},
                          {"startup_ms", startup_ms}});
  std::cout << i18n::Translate(CliLang(), tls ? "cli.listening_tls" : "cli.listening", {{where}}) << std::endl;
  server->Run();
  server.reset();
  index->StopPolling();
  import_jobs.Shutdown();  // a running import is cancelled: nothing half-written
  db->Close();
  log::Info("stopped", {});
  log::Flush();
  return Ok();
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

std::string OsUser() {
  const char* user = std::getenv("USER");
  return user && *user ? user : std::to_string(getuid());
}

Status UserCommand(const CommandLine& cli) {
  if (cli.positional.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"add|list|disable|enable|reset-password"});
  const std::string& action = cli.positional[0];
  HOPTAC_ASSIGN_OR_RETURN(auto db, OpenAndPrepare(cli, 2));
  auto hasher = auth::PasswordHasher::Create(1);
  if (!hasher) return Error::Internal("libsodium could not start (argon2id, 64 MiB)");
  auth::LoginThrottle throttle;
  HOPTAC_ASSIGN_OR_RETURN(auto dataset, storage::LoadAdminUnits(*db));
  auto directory = domain::AdminUnitDirectory::Create(std::move(dataset));
  auth::AccountService accounts(*db, *hasher, throttle, [directory](std::string_view code) {
    return directory->Find(domain::AdminLevel::kProvince, code, Date::Today()) != nullptr;
  });
  auth::Principal cli_user = auth::Principal::Cli(OsUser());
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
    db->Close();
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
      char* end = nullptr;
      long long id = std::strtoll(entity->c_str(), &end, 10);
      if (end == entity->c_str() || *end || id <= 0)
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

Status MigrateCommand(const CommandLine& cli) {
  HOPTAC_ASSIGN_OR_RETURN(auto db, storage::Db::Open(cli.DatabaseUrl()));
  HOPTAC_ASSIGN_OR_RETURN(int applied, storage::Migrate(*db));
  HOPTAC_ASSIGN_OR_RETURN(auto reference, domain::LoadReferenceAdminUnits());
  HOPTAC_TRY(storage::SeedAdminUnits(*db, reference));
  auto known = storage::KnownMigrations(db->backend());
  std::vector<std::string> args = {std::to_string(applied), known.empty() ? "0" : std::to_string(known.back())};
  std::cout << i18n::Translate(CliLang(), "cli.migrated", args) << std::endl;
  db->Close();
  return Ok();
}

// Progress on stderr, on one line, when stderr is a terminal.
class Progress {
 public:
  Progress() : tty_(isatty(STDERR_FILENO) != 0) {}
  ~Progress() { Done(); }
  void Show(const std::string& text) {
    if (!tty_) return;
    std::cerr << "\r" << text << "\x1b[K" << std::flush;
    shown_ = true;
  }
  void Done() {
    if (shown_) std::cerr << std::endl;
    shown_ = false;
  }

 private:
  bool tty_;
  bool shown_ = false;
};

std::string Seconds(std::chrono::steady_clock::time_point started) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return text;
}

Status DemoCommand(const CommandLine& cli) {
  auto started = std::chrono::steady_clock::now();
  registry::DemoLoadOptions options;
  std::string scale_text = cli.Option("scale").value_or("1");
  char* end = nullptr;
  options.demo.scale = std::strtod(scale_text.c_str(), &end);
  if (scale_text.empty() || *end != '\0' || !std::isfinite(options.demo.scale) || options.demo.scale <= 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_decimal", {"--scale", scale_text});
  if (auto seed = cli.Option("seed")) {
    auto [ptr, ec] = std::from_chars(seed->data(), seed->data() + seed->size(), options.demo.seed);
    if (seed->empty() || ec != std::errc() || ptr != seed->data() + seed->size())
      return Error::Make(ErrorCode::kInvalidArgument, "cli.bad_number", {"--seed", *seed});
  }
  options.mode = cli.Option("if-empty") ? registry::DemoLoadMode::kIfEmpty : registry::DemoLoadMode::kAlways;
  HOPTAC_ASSIGN_OR_RETURN(auto planned, registry::PlannedDemoCounts(options.demo.scale));
  HOPTAC_ASSIGN_OR_RETURN(auto db, OpenAndPrepare(cli, 2));
  HOPTAC_ASSIGN_OR_RETURN(auto dataset, storage::LoadAdminUnits(*db));
  auto directory = domain::AdminUnitDirectory::Create(std::move(dataset));
  i18n::Lang lang = CliLang();
  Progress progress;
  // Said once loading has begun (with --if-empty it may not).
  bool announced = false;
  options.on_progress = [&](int64_t done, int64_t total) {
    if (!announced) {
      announced = true;
      std::cerr << i18n::Translate(lang, "cli.demo_loading",
                                   std::vector<std::string>{scale_text, std::to_string(options.demo.seed),
                                                            std::to_string(planned.entities())})
                << std::endl;
    }
    progress.Show(i18n::Translate(lang, "cli.demo_progress",
                                  std::vector<std::string>{std::to_string(done), std::to_string(total)}));
  };
  HOPTAC_ASSIGN_OR_RETURN(auto loaded, registry::LoadDemoData(*db, directory, auth::Principal::Cli(OsUser()), options));
  progress.Done();
  if (!loaded.loaded) {
    std::cout << i18n::Translate(lang, "cli.demo_skipped") << std::endl;
  } else {
    const registry::DemoCounts& c = loaded.counts;
    std::cout << i18n::Translate(lang, "cli.demo_loaded",
                                 std::vector<std::string>{std::to_string(c.entities()), std::to_string(c.cooperatives),
                                                          std::to_string(c.groups), std::to_string(c.unions),
                                                          std::to_string(c.credit_funds), std::to_string(c.events),
                                                          std::to_string(c.figures), Seconds(started)})
              << std::endl;
  }
  db->Close();
  return Ok();
}

const std::vector<std::string> kExportOptions = {
    "db",     "data-dir",        "format",        "kind",  "province",     "status",     "as-of",  "q",
    "sector", "legacy-province", "women-managed", "youth", "founded-from", "founded-to", "commune"};

Status ExportCommand(const CommandLine& cli) {
  auto started = std::chrono::steady_clock::now();
  if (cli.positional.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"entities|events|figures"});
  auto file_type = registry::FileTypeFromName(cli.positional[0]);
  if (!file_type)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_command", {"export " + cli.positional[0]});
  if (cli.positional.size() < 2) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"FILE"});
  if (cli.positional.size() > 2)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_option", {cli.positional[2]});
  const std::string& path = cli.positional[1];
  registry::ExportRequest request;
  request.file = *file_type;
  if (auto format = cli.Option("format")) {
    auto parsed = registry::ExportFormatFromName(*format);
    if (!parsed) return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {*format, "csv, xlsx"});
    request.format = *parsed;
  } else if (auto from_path = registry::ExportFormatFromPath(path)) {
    request.format = *from_path;
  } else {
    return Error::Make(ErrorCode::kInvalidArgument, "cli.export_format_unknown", {path});
  }
  // The list filters, spelled --founded-from for founded_from.
  HOPTAC_ASSIGN_OR_RETURN(request.filters,
                          registry::ParseEntityFilters([&cli](std::string_view name) -> std::optional<std::string> {
                            std::string option(name);
                            std::replace(option.begin(), option.end(), '_', '-');
                            return cli.Option(option);
                          }));
  HOPTAC_ASSIGN_OR_RETURN(auto db, OpenAndPrepare(cli, 2));
  HOPTAC_ASSIGN_OR_RETURN(auto dataset, storage::LoadAdminUnits(*db));
  auto directory = domain::AdminUnitDirectory::Create(std::move(dataset));
  i18n::Lang lang = CliLang();
  Progress progress;
  request.on_progress = [&](int64_t rows) {
    progress.Show(i18n::Translate(lang, "cli.export_progress", std::vector<std::string>{std::to_string(rows)}));
  };
  HOPTAC_ASSIGN_OR_RETURN(auto summary,
                          registry::ExportToFile(*db, *directory, auth::Principal::Cli(OsUser()), request, path));
  progress.Done();
  std::cout << i18n::Translate(lang, "cli.export_done",
                               std::vector<std::string>{std::to_string(summary.rows), std::to_string(summary.entities),
                                                        path, Seconds(started)})
            << std::endl;
  db->Close();
  return Ok();
}

int Main(int argc, char** argv) {
  std::string command = argc >= 2 ? argv[1] : "help";
  Result<CommandLine> cli = Error::Make(ErrorCode::kInvalidArgument, "cli.usage");
  if (command == "serve") {
    cli = ParseCommandLine(argc, argv,
                           {"db", "data-dir", "listen", "io-threads", "worker-threads", "tls-cert", "tls-key"},
                           {"no-access-log"});
    // The TLS certificate and key go together: one without the other is a usage error.
    if (cli.ok() && cli->Option("tls-cert").has_value() != cli->Option("tls-key").has_value()) {
      bool has_cert = cli->Option("tls-cert").has_value();
      cli = Error::Make(ErrorCode::kInvalidArgument, "cli.tls_needs_both",
                        {has_cert ? "--tls-cert" : "--tls-key", has_cert ? "--tls-key" : "--tls-cert"});
    }
  } else if (command == "migrate") {
    cli = ParseCommandLine(argc, argv, kDbOptions, {});
  } else if (command == "user") {
    cli = ParseCommandLine(argc, argv, {"db", "data-dir", "role", "province", "entity", "display-name"}, {});
  } else if (command == "demo") {
    cli = ParseCommandLine(argc, argv, {"db", "data-dir", "scale", "seed"}, {"if-empty"});
    if (cli.ok() && !cli->positional.empty())
      cli = Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_option", {cli->positional[0]});
  } else if (command == "export") {
    cli = ParseCommandLine(argc, argv, kExportOptions, {});
  } else if (command == "stats") {
    cli = ParseCommandLine(argc, argv, StatsOptionNames(), {});
    if (cli.ok() && (cli->positional.size() != 1 || (cli->positional[0] != "entities" &&
                                                     cli->positional[0] != "flows" && cli->positional[0] != "series")))
      cli = Error::Make(ErrorCode::kInvalidArgument, "cli.usage_stats");
  } else if (command == "import") {
    cli = ParseCommandLine(argc, argv, kImportValueOptions, kImportFlagOptions);
    if (!cli.ok()) {
      PrintError(cli.error());
      return 2;
    }
    return ImportCommand(*cli, [&] { return OpenAndPrepare(*cli, 2); });
  } else if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kHelp;
    return 0;
  } else if (command == "version" || command == "--version") {
    std::cout << "hoptac " << kVersion << std::endl;
    return 0;
  } else {
    PrintError(Error::Make(ErrorCode::kInvalidArgument, "cli.unknown_command", {command}));
    std::cerr << kHelp;
    return 2;
  }
  if (!cli.ok()) {
    PrintError(cli.error());
    return 2;
  }
  Status status = command == "serve"    ? Serve(*cli)
                  : command == "user"   ? UserCommand(*cli)
                  : command == "stats"  ? StatsCommand(*cli)
                  : command == "demo"   ? DemoCommand(*cli)
                  : command == "export" ? ExportCommand(*cli)
                                        : MigrateCommand(*cli);
  if (!status.ok()) {
    PrintError(status.error());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace hoptac::app

int main(int argc, char** argv) { return hoptac::app::Main(argc, argv); }
