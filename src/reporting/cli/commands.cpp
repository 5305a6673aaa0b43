#include "reporting/cli/commands.h"

#include <iomanip>
#include <iostream>

namespace hoptac::reporting::cli {

namespace {

// `text` padded with spaces to `width` columns, counting code points rather than bytes (std::setw
// counts bytes, so "Hà Nội" took three columns fewer than it shows).
std::string Padded(const std::string& text, size_t width) {
  size_t points = 0;
  for (unsigned char c : text) points += (c & 0xC0) != 0x80;
  return text + std::string(points < width ? width - points : 1, ' ');
}

using hoptac::cli::CommandLine;

std::string PeriodTypes(const ReportForm& form) {
  std::string out;
  for (PeriodType t : form.period_types) out += std::string(out.empty() ? "" : ",") + PeriodTypeName(t);
  return out;
}

Status Run(const CommandLine& cli, const ServiceOpener& open) {
  if (cli.positional.empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"forms|completeness"});
  const std::string& what = cli.positional[0];
  if (what != "forms" && what != "completeness")
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"forms|completeness"});
  std::optional<std::string> form, period;
  if (what == "completeness") {
    form = cli.Option("form");
    period = cli.Option("period");
    if (!form) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--form"});
    if (!period) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--period"});
  }
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<ReportService> service, open(cli));
  auth::Principal who = hoptac::cli::CliPrincipal();
  bool english = hoptac::cli::CliLang() == i18n::Lang::kEn;
  if (what == "forms") {
    HOPTAC_ASSIGN_OR_RETURN(auto forms, service->ListForms(who));
    std::cout << std::left << std::setw(24) << "code" << std::setw(9) << "version" << std::setw(10) << "level"
              << std::setw(26) << "period_types"
              << "name\n";
    for (const ReportForm& f : forms)
      std::cout << std::left << std::setw(24) << f.code << std::setw(9) << f.version << std::setw(10)
                << LevelName(f.level) << std::setw(26) << PeriodTypes(f) << (english ? f.name_en : f.name_vi) << "\n";
    return Ok();
  }
  HOPTAC_ASSIGN_OR_RETURN(Completeness c,
                          service->GetCompleteness(who, *form, *period, cli.Option("province").value_or("")));
  std::cout << c.form << " " << c.period << ": expected " << hoptac::cli::Number(c.expected) << ", submitted "
            << hoptac::cli::Number(c.submitted) << ", on time " << hoptac::cli::Number(c.on_time) << ", approved "
            << hoptac::cli::Number(c.approved) << ", returned " << hoptac::cli::Number(c.returned)
            << " (on time: by the end of the due date, UTC+7)\n";
  std::cout << std::left << std::setw(10) << "province" << std::setw(24) << "name" << std::setw(10) << "expected"
            << std::setw(11) << "submitted" << std::setw(9) << "on_time" << std::setw(10) << "approved" << std::setw(10)
            << "returned"
            << "status\n";
  for (const CompletenessRow& r : c.rows)
    std::cout << std::left << std::setw(10) << r.province << Padded(r.province_name, 24) << std::setw(10) << r.expected
              << std::setw(11) << r.submitted << std::setw(9) << r.on_time << std::setw(10) << r.approved
              << std::setw(10) << r.returned << (r.status.empty() ? "-" : r.status) << "\n";
  if (!c.missing.empty()) {
    std::cout << "missing (" << c.missing.size() << "):\n";
    for (const MissingEntity& m : c.missing)
      std::cout << "  " << m.id << "\t" << m.registration_code << "\t" << m.name << "\n";
  }
  return Ok();
}

}  // namespace

std::vector<hoptac::cli::Command> Commands(ServiceOpener open) {
  return {
      {"report",
       {"form", "period", "province"},
       {},
       R"(  report forms | completeness --form F --period P [--province C] [--db URL]
            Biểu mẫu báo cáo; tình hình nộp báo cáo theo tỉnh / the report forms; who has
            reported a form for a period, per province (on time: by the due date, UTC+7)
)",
       [open](const CommandLine& cli) { return hoptac::cli::ExitCode(Run(cli, open)); }},
  };
}

}  // namespace hoptac::reporting::cli
