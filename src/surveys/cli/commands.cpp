#include "surveys/cli/commands.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "surveys/xlsform.h"
#include "text/i18n.h"

namespace hoptac::surveys::cli {
namespace {

using hoptac::cli::CommandLine;

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{10} << 20;  // as the API's upload

Status Import(const CommandLine& cli, const ServiceOpener& open) {
  if (cli.positional.size() < 2) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"FILE.xlsx"});
  const std::filesystem::path path = cli.positional[1];
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return Error::Make(ErrorCode::kInvalidArgument, "error.file_unreadable", {path.filename().string()});
  if (size > kMaxFileBytes)
    return Error::Make(ErrorCode::kPayloadTooLarge, "cli.survey_file_too_large", {path.filename().string(), "10"});
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof())
    return Error::Make(ErrorCode::kInvalidArgument, "error.file_unreadable", {path.filename().string()});
  HOPTAC_ASSIGN_OR_RETURN(Questionnaire q, ReadXlsForm(bytes.str(), path.filename().string()));
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<SurveyService> service, open(cli));
  HOPTAC_ASSIGN_OR_RETURN(StoredQuestionnaire made,
                          service->CreateQuestionnaire(hoptac::cli::CliPrincipal(), std::move(q)));
  std::cout << i18n::Translate(hoptac::cli::CliLang(), "cli.survey_imported",
                               std::vector<std::string>{std::to_string(made.id), made.definition.title.vi,
                                                        made.definition.form_id, std::to_string(made.question_count)})
            << std::endl;
  return Ok();
}

Status Export(const CommandLine& cli, const ServiceOpener& open) {
  int64_t id = 0;
  const std::string text = cli.positional.size() >= 2 ? cli.positional[1] : "";
  auto [end, parsed] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || parsed != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"ID"});
  const auto out = cli.Option("out");
  if (!out || out->empty())
    return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--out FILE.xlsx"});
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<SurveyService> service, open(cli));
  HOPTAC_ASSIGN_OR_RETURN(StoredQuestionnaire q, service->GetQuestionnaire(hoptac::cli::CliPrincipal(), id));
  HOPTAC_TRY(WriteXlsForm(q.definition, *out));
  std::cout << i18n::Translate(hoptac::cli::CliLang(), "cli.survey_exported",
                               std::vector<std::string>{q.definition.form_id, *out})
            << std::endl;
  return Ok();
}

Status Run(const CommandLine& cli, const ServiceOpener& open) {
  const std::string what = cli.positional.empty() ? "" : cli.positional[0];
  if (what == "import") return Import(cli, open);
  if (what == "export") return Export(cli, open);
  return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"import | export"});
}

}  // namespace

std::vector<hoptac::cli::Command> Commands(ServiceOpener open) {
  return {
      {"surveys",
       {"out"},
       {},
       R"(  surveys import FILE.xlsx [--db URL]
            Thêm bảng hỏi từ tệp XLSForm / add an XLSForm questionnaire
  surveys export ID --out FILE.xlsx [--db URL]
            Xuất bảng hỏi ra tệp XLSForm / write a questionnaire as XLSForm
)",
       [open](const CommandLine& cli) { return hoptac::cli::ExitCode(Run(cli, open)); }},
  };
}

}  // namespace hoptac::surveys::cli
