// The support fund's routes: /api/v1/funds[/{id}], /api/v1/loan-applications[/{id}] with the
// workflow (appraise, approve, reject) and the documents, /api/v1/loans[/{id}] with the schedule,
// disbursements, repayments, rescheduling and write-off. The only part of the fund that includes
// http/.
//
// Thread-safety: the service is thread-safe; routes are added before the server starts.
#pragma once

#include "fund/fund_service.h"
#include "http/router.h"

namespace hoptac::fund::api {

struct Services {
  FundService* fund = nullptr;
};

void AddRoutes(http::Router& router, const Services& services);
// POST /api/v1/loans/import (import_route.cpp); AddRoutes calls it.
void AddImportRoute(http::Router& router, const Services& services);

}  // namespace hoptac::fund::api
