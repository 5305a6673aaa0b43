// The only JSON of petitions and their themes: the API's answers, the audit rows and the
// reading of request bodies (every type error a field error with its path).
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>

#include "base/result.h"
#include "petitions/petition.h"
#include "petitions/petition_service.h"

namespace hoptac::petitions {

Result<PetitionInput> ReadPetitionInput(const boost::json::object& body, bool creating);
Result<AssignInput> ReadAssignInput(const boost::json::object& body);
struct AnswerBody {
  std::string text;
  bool is_public = false;
};
Result<AnswerBody> ReadAnswer(const boost::json::object& body);
Result<std::string> ReadReason(const boost::json::object& body);
Result<Theme> ReadNewTheme(const boost::json::object& body);
struct ThemeChange {
  std::optional<std::string> name_vi, name_en;
  std::optional<bool> active;
};
Result<ThemeChange> ReadThemeChange(const boost::json::object& body);

// The petition's own fields (the audit row; the API adds the details).
boost::json::object PetitionJson(const Petition& p);
// The contract's petition: names, answer, steps (when loaded), overdue, may.
boost::json::object PetitionDetailsJson(const PetitionDetails& d);
boost::json::object ThemeJson(const Theme& t);
boost::json::object StatsJson(const PetitionStats& s);
boost::json::object PublicAnswerJson(const PublicAnswer& a);

}  // namespace hoptac::petitions
