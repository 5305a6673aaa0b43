#include "fund/cli/commands.h"

#include <charconv>
#include <cstdio>
#include <iostream>

#include "fund/fund_json.h"
#include "text/i18n.h"

namespace hoptac::fund::cli {
namespace {

using hoptac::cli::CommandLine;

// Characters on screen (UTF-8 code points).
size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Result<Date> DateOption(const CommandLine& cli, const std::string& name, bool required, Date fallback) {
  const auto text = cli.Option(name);
  if (!text || text->empty()) {
    if (required) return Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"--" + name + " DATE"});
    return fallback;
  }
  auto d = Date::ParseIso(*text);
  if (!d) return Error::InvalidField(name, "invalid_date", "field.invalid_date", {*text});
  return *d;
}

Status Portfolio(const CommandLine& cli, const ServiceOpener& open) {
  const std::string format = cli.Option("format").value_or("table");
  if (format != "table" && format != "csv")
    return Error::InvalidField("format", "invalid_enum", "field.invalid_enum", {format, "table, csv"});
  const std::string group = cli.Option("group-by").value_or("none");
  const std::optional<GroupBy> by = ParseGroupBy(group);
  if (!by)
    return Error::InvalidField("group-by", "invalid_enum", "field.invalid_enum",
                               {group, "none, fund, province, sector, women_managed, youth"});
  HOPTAC_ASSIGN_OR_RETURN(Date as_of, DateOption(cli, "as-of", true, Date()));
  PortfolioQuery q;
  q.as_of = as_of;
  q.group_by = *by;
  if (cli.Option("from")) {
    HOPTAC_ASSIGN_OR_RETURN(Date from, DateOption(cli, "from", true, Date()));
    q.from = from;
  }
  HOPTAC_ASSIGN_OR_RETURN(std::shared_ptr<FundService> service, open(cli));
  HOPTAC_ASSIGN_OR_RETURN(PortfolioAnswer a, service->QueryPortfolio(hoptac::cli::CliPrincipal(), q));
  HOPTAC_ASSIGN_OR_RETURN(auto funds, service->FundNames());
  auto label = [&](const std::string& key) -> std::string {
    if (*by == GroupBy::kProvince) return service->ProvinceName(key);
    if (*by == GroupBy::kFund) {
      int64_t id = 0;
      std::from_chars(key.data(), key.data() + key.size(), id);
      auto found = funds.find(id);
      return found == funds.end() ? key : found->second;
    }
    return key.empty() ? "-" : key;
  };
  const std::vector<std::string> headings = {"Nhóm / group",
                                             "Khoản vay / loans",
                                             "Dư nợ gốc / outstanding",
                                             "Giải ngân / disbursed",
                                             "Thu gốc / principal repaid",
                                             "Thu lãi / interest repaid",
                                             "PAR30",
                                             "PAR30 %",
                                             "PAR90",
                                             "PAR90 %"};
  std::vector<std::vector<std::string>> lines;
  auto row = [&](const std::string& name, const PortfolioRow& r) {
    lines.push_back({name, std::to_string(r.loans_active), std::to_string(r.outstanding_principal_vnd),
                     std::to_string(r.disbursed_vnd), std::to_string(r.principal_repaid_vnd),
                     std::to_string(r.interest_repaid_vnd), std::to_string(r.par30_vnd),
                     Percent1(r.par30_vnd, r.outstanding_principal_vnd), std::to_string(r.par90_vnd),
                     Percent1(r.par90_vnd, r.outstanding_principal_vnd)});
  };
  for (const PortfolioRow& r : a.rows) row(label(r.key), r);
  row("Tổng / total", a.totals);
  if (format == "table")
    std::cout << "# Danh mục cho vay / loan portfolio " << a.from.ToIso() << " .. " << a.as_of.ToIso()
              << "; HTX nữ quản lý / women-managed: " << a.women_loans_active << " ("
              << Percent1(a.women_loans_active, a.totals.loans_active) << " %), " << a.women_outstanding_vnd << " đ ("
              << Percent1(a.women_outstanding_vnd, a.totals.outstanding_principal_vnd) << " %)\n";
  if (format == "csv") {
    auto join = [](const std::vector<std::string>& cells) {
      std::string out;
      for (const std::string& c : cells) {
        if (!out.empty()) out += ",";
        const bool quote = c.find_first_of(",\"\n") != std::string::npos;
        if (!quote) {
          out += c;
          continue;
        }
        out += '"';
        for (char ch : c) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += '"';
      }
      return out;
    };
    std::cout << join(headings) << "\n";
    for (const auto& l : lines) std::cout << join(l) << "\n";
    return Ok();
  }
  std::vector<size_t> width(headings.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], CodePoints(cells[i]));
  };
  measure(headings);
  for (const auto& l : lines) measure(l);
  auto print = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      const size_t pad = width[i] - CodePoints(cells[i]);
      if (i == 0)
        std::cout << cells[i] << std::string(pad, ' ');
      else
        std::cout << "  " << std::string(pad, ' ') << cells[i];
    }
    std::cout << "\n";
  };
  print(headings);
  for (const auto& l : lines) print(l);
  return Ok();
}

}  // namespace

std::vector<hoptac::cli::Command> Commands(ServiceOpener open) {
  return {
      {"fund",
       {"as-of", "from", "group-by", "format", "fund"},
       {"dry-run"},
       R"(  fund portfolio --as-of DATE [--from DATE] [--group-by none|fund|province|sector|women_managed|youth]
                 [--format table|csv] [--db URL]
            Danh mục cho vay của quỹ hỗ trợ / the support fund's loan portfolio (PAR30, PAR90, the
            women-managed share) on a date
  fund import FILE --fund ID [--dry-run] [--db URL]
            Nhập sổ cho vay (CSV/XLSX) vào quỹ / import a loan book into a fund
)",
       [open](const CommandLine& cli) {
         const std::string what = cli.positional.empty() ? "" : cli.positional[0];
         if (what == "import") return hoptac::cli::ExitCode(RunImport(cli, open));
         if (what != "portfolio")
           return hoptac::cli::ExitCode(
               Error::Make(ErrorCode::kInvalidArgument, "cli.missing_argument", {"portfolio | import"}));
         return hoptac::cli::ExitCode(Portfolio(cli, open));
       }},
  };
}

}  // namespace hoptac::fund::cli
