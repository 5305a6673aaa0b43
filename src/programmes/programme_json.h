// The only JSON of partners, programmes, targets and progress: the API's answers, the audit
// rows, the stored text of the lists a row owns, and the reading of request bodies (every
// type error collected as a field error with its path, e.g. "contents[2].number").
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "programmes/programme.h"
#include "programmes/progress.h"
#include "text/i18n.h"

namespace hoptac::programmes {

// ---- Request bodies (absent members stay nullopt: a PATCH changes only what it names) ----

struct PartnerInput {
  std::optional<std::string> name, name_en, short_name, kind, province, address, website, notes;
  std::optional<std::vector<Contact>> contacts;
};

struct ProgrammeInput {
  std::optional<std::string> code, title, title_en, kind, province, status, signatories;
  std::optional<Date> from, to;
  std::optional<std::optional<Date>> signed_on;  // null clears it
  std::optional<std::vector<std::string>> review;
  std::optional<std::vector<LegalDocument>> legal_basis;
  std::optional<std::vector<Content>> contents;
  std::optional<std::vector<int64_t>> partners;
};

struct TargetInput {
  std::optional<int> content;
  std::optional<std::string> title, cadence;
  std::optional<std::vector<std::string>> provinces;
  std::optional<Date> deadline;
  std::optional<int64_t> target, baseline;
  // "measure": {"source": …, "measure": …, "filters": {…}}
  std::optional<std::string> source, measure;
  std::optional<Filters> filters;
};

struct ValueInput {
  Date on;
  int64_t value = 0;
  std::string evidence;
};

Result<PartnerInput> ReadPartnerInput(const boost::json::object& body);
Result<ProgrammeInput> ReadProgrammeInput(const boost::json::object& body);
Result<TargetInput> ReadTargetInput(const boost::json::object& body);
Result<ValueInput> ReadValueInput(const boost::json::object& body);

// ---- Answers and audit ----

boost::json::object PartnerJson(const Partner& p);
// A document attached to a programme, in the API's answers and the audit rows alike: id, name,
// content_type, size, sha256, created_by, created_at_ms (never its bytes).

// Without targets; ProgrammeJson with targets adds "targets" (each with its progress).
boost::json::object ProgrammeJson(const Programme& p);
boost::json::object TargetJson(const Target& t);
// The progress, errors in `lang`.
boost::json::object ProgressJson(const Progress& p, i18n::Lang lang);

// ---- Stored text of owned lists ----

std::string ContactsText(const std::vector<Contact>& contacts);
std::vector<Contact> ContactsFromText(std::string_view text);
std::string LegalBasisText(const std::vector<LegalDocument>& docs);
std::vector<LegalDocument> LegalBasisFromText(std::string_view text);
std::string ContentsText(const std::vector<Content>& contents);
std::vector<Content> ContentsFromText(std::string_view text);
std::string FiltersJsonText(const Filters& filters);
Filters FiltersFromJsonText(std::string_view text);

}  // namespace hoptac::programmes
