// The demo of the support fund that `hoptac demo` adds after the demo petitions: the national fund
// and the funds of Lạng Sơn (20) and Hà Nội (01) with their rules; applications at every stage
// (submitted, appraised, rejected, approved and not yet disbursed); loans repaid on time, one of a
// women-managed cooperative in arrears, one rescheduled after a flood, one fully repaid (closed).
// Written through the store with their audit rows, dated as they happened (days before today),
// the repayments computed by fund::ComputeLoan so each pays its line to the đồng. Idempotent:
// nothing is added when a fund exists.
#pragma once

#include "fund/fund_service.h"

namespace hoptac::fund {

struct DemoFund {
  int funds = 0, applications = 0, loans = 0;
};

Result<DemoFund> LoadDemoFund(FundService& service, registry::EntityService& entities, const auth::Principal& who);

}  // namespace hoptac::fund
