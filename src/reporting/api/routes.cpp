#include "reporting/api/routes.h"

namespace hoptac::reporting::api {

void AddRoutes(Router& router, const Services& services) {
  AddFormRoutes(router, services);
  AddNationalTableRoutes(router, services);
  AddReportRoutes(router, services);
  AddReportDocumentRoutes(router, services);
  AddDataValueSetRoutes(router, services);
}

}  // namespace hoptac::reporting::api
