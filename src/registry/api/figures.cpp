// Figures per entity and period: /api/v1/entities/{id}/figures (scope in registry::FigureService).
#include <boost/json.hpp>

#include "registry/api/routes.h"
#include "registry/figure_json.h"
#include "registry/figure_service.h"

namespace hoptac::registry::api {

namespace {

using registry::FigureRecord;
using registry::FigureService;

// The {period} path segment in any spelling domain::ParsePeriod accepts.
Result<domain::Period> PeriodParameter(const Request& request) {
  return domain::ParsePeriod(request.PathParam("period"));
}

struct FiguresBody {
  domain::Figures figures;
  domain::Confirmation confirmation = domain::Confirmation::kNotConfirmed;
};

// The figure members (integers or null) and an optional "confirm": true. Every
// bad member is reported at once: unknown names first, then type errors.
Result<FiguresBody> DecodeFigures(const boost::json::object& body) {
  FiguresBody out;
  std::vector<FieldError> unknown, invalid;
  for (const auto& member : body) {
    std::string name(member.key());
    const boost::json::value& value = member.value();
    if (name == "confirm") {
      if (value.is_bool()) {
        out.confirmation = value.as_bool() ? domain::Confirmation::kConfirmed : domain::Confirmation::kNotConfirmed;
      } else if (!value.is_null()) {
        invalid.push_back({name, "invalid_type", "field.invalid_type", {"boolean"}});
      }
      continue;
    }
    const domain::FigureField* field = domain::FindFigureField(name);
    if (!field) {
      unknown.push_back({name, "unknown_parameter", "field.unknown_parameter", {name}});
    } else if (value.is_int64()) {
      out.figures.*field->member = value.as_int64();
    } else if (value.is_uint64() && value.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
      out.figures.*field->member = static_cast<int64_t>(value.as_uint64());
    } else if (!value.is_null()) {
      // 1.5, "1.234", true, 1e30: figures are whole numbers (VND and people).
      invalid.push_back({name, "invalid_type", "field.invalid_type", {"integer"}});
    }
  }
  if (unknown.empty() && invalid.empty()) return out;
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
  error.fields = std::move(unknown);
  for (auto& f : invalid) error.fields.push_back(std::move(f));
  return error;
}

boost::json::object RecordJson(const Request& request, const FigureRecord& record) {
  boost::json::object o = FigureJson(record);
  boost::json::array warnings;
  for (const auto& w : record.warnings) {
    warnings.push_back(boost::json::object{
        {"field", w.field}, {"code", w.code}, {"message", i18n::Translate(request.lang, w.key, w.args)}});
  }
  o["warnings"] = std::move(warnings);
  return o;
}

}  // namespace

void AddFigureRoutes(Router& router, const Services& services) {
  FigureService* figures = services.figures;

  router.Add({"GET", "/api/v1/entities/{id}/figures", "figures.list", Access::kAuthenticated, Execution::kWorker,
              [figures](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto records, figures->List(request.principal, id));
                boost::json::array items;
                for (const auto& record : records) items.push_back(RecordJson(request, record));
                return Response::Json(boost::json::object{{"total", records.size()}, {"items", std::move(items)}});
              }});

  router.Add({"GET", "/api/v1/entities/{id}/figures/{period}", "figures.get", Access::kAuthenticated,
              Execution::kWorker, [figures](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto period, PeriodParameter(request));
                HOPTAC_ASSIGN_OR_RETURN(auto record, figures->Get(request.principal, id, period));
                return Response::Json(RecordJson(request, record));
              }});

  router.Add({"PUT", "/api/v1/entities/{id}/figures/{period}", "figures.put", Access::kAuthenticated,
              Execution::kWorker, [figures](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto period, PeriodParameter(request));
                HOPTAC_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request));
                HOPTAC_ASSIGN_OR_RETURN(auto decoded, DecodeFigures(body));
                HOPTAC_ASSIGN_OR_RETURN(
                    auto record, figures->Put(request.principal, id, period, decoded.figures, decoded.confirmation));
                return Response::Json(RecordJson(request, record));
              }});

  router.Add({"DELETE", "/api/v1/entities/{id}/figures/{period}", "figures.delete", Access::kAuthenticated,
              Execution::kWorker, [figures](Request& request) -> Result<Response> {
                HOPTAC_ASSIGN_OR_RETURN(int64_t id, IdParameter(request, "id"));
                HOPTAC_TRY(CheckQueryParameters(request, {}));
                HOPTAC_ASSIGN_OR_RETURN(auto period, PeriodParameter(request));
                HOPTAC_TRY(figures->Delete(request.principal, id, period));
                Response response;
                response.status = 204;
                return response;
              }});
}

}  // namespace hoptac::registry::api
