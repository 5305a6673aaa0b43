#include "programmes/cli/commands.h"

#include <cmath>
#include <iostream>

#include "text/i18n.h"

namespace hoptac::programmes::cli {
namespace {

using hoptac::cli::CommandLine;

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

std::string Actual(const std::optional<int64_t>& v) { return v ? hoptac::cli::Number(*v) : std::string("-"); }

Status Run(const CommandLine& cli, const ServiceOpener& open) {
  const std::string what = cli.positional.empty() ? "" : cli.positional[0];
  if (what != "list" && what != "progress")
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"list|progress"});
  if (what == "progress" && cli.positional.size() < 2)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"CODE"});
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<ProgrammeService> service, open(cli));
  auth::Principal who = hoptac::cli::CliPrincipal();
  const i18n::Lang lang = hoptac::cli::CliLang();
  if (what == "list") {
    HOPTAC_ASSIGN_OR_RETURN(auto list, service->ListProgrammes(who, {}));
    for (const Programme& p : list)
      std::cout << p.code << "\t" << p.from.ToIso() << ".." << p.to.ToIso() << "\t" << p.status << "\t"
                << (p.province_code.empty() ? "national" : p.province_code) << "\t" << p.title << "\n";
    return Ok();
  }
  HOPTAC_ASSIGN_OR_RETURN(Programme p, service->GetProgrammeByCode(who, cli.positional[1]));
  HOPTAC_ASSIGN_OR_RETURN(auto targets, service->Targets(who, p.id));
  std::cout << p.code << " — " << (lang == i18n::Lang::kEn && !p.title_en.empty() ? p.title_en : p.title) << " ("
            << p.from.ToIso() << ".." << p.to.ToIso() << ", " << p.status << "), as of " << service->Today().ToIso()
            << "\n";
  for (const TargetView& v : targets) {
    const Target& t = v.target;
    const Progress& g = v.progress;
    std::cout << "  [" << (t.content == 0 ? std::string("-") : std::to_string(t.content)) << "] " << t.title << ": "
              << Actual(g.actual) << " / " << hoptac::cli::Number(g.target) << " (" << Percent(g.share) << "), "
              << StateName(g.state) << ", by " << t.deadline.ToIso() << "\n";
    for (const WindowProgress& w : g.windows) {
      if (w.year != 0)
        std::cout << "      " << w.year << ": " << Actual(w.actual) << " / " << hoptac::cli::Number(w.target) << ", "
                  << StateName(w.state) << "\n";
      if (w.error) std::cout << "      ! " << i18n::Translate(lang, w.error->key, w.error->args) << "\n";
    }
  }
  return Ok();
}

}  // namespace

std::vector<hoptac::cli::Command> Commands(ServiceOpener open) {
  return {
      {"programme",
       {},
       {},
       R"(  programme list | progress CODE [--db URL]
            Chương trình phối hợp và tiến độ chỉ tiêu tính từ dữ liệu hiện tại / the programmes;
            a programme's targets with their progress computed now from live data
)",
       [open](const CommandLine& cli) { return hoptac::cli::ExitCode(Run(cli, open)); }},
  };
}

}  // namespace hoptac::programmes::cli
