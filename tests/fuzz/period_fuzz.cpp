// libFuzzer harness: domain::ParsePeriod (figures files, the figures API, statistics).
// Invariants: a parsed period prints its canonical spelling, which parses back to the
// same period; its days and neighbours are consistent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "registry/period.h"

using hoptac::domain::ParsePeriod;
using hoptac::domain::Period;
using hoptac::domain::PeriodKind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ParsePeriod(text);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.error().code == hoptac::ErrorCode::kInvalidArgument);
    FUZZ_CHECK(parsed.error().fields.size() == 1 && parsed.error().fields[0].field == "period");
    return 0;
  }
  const Period p = *parsed;
  const std::string canonical = p.ToString();
  auto again = ParsePeriod(canonical);
  FUZZ_CHECK(again.ok() && *again == p && again->ToString() == canonical);
  FUZZ_CHECK(p.year() >= 1 && p.year() <= 9999);
  FUZZ_CHECK(1 <= p.first_month() && p.first_month() <= p.last_month() && p.last_month() <= 12);
  FUZZ_CHECK(p.Start() <= p.End() && p.Contains(p.Start()) && p.Contains(p.End()));
  const PeriodKind kind = p.kind();
  auto named = hoptac::domain::PeriodKindFromName(hoptac::domain::PeriodKindName(kind));
  FUZZ_CHECK(named && *named == kind);
  if (kind != PeriodKind::kMonths) {
    FUZZ_CHECK(Period::Containing(kind, p.Start()) == p && Period::Containing(kind, p.End()) == p);
    if (p.year() < 9999) {
      const Period next = p.Next();
      FUZZ_CHECK(next > p && next.Previous() == p && next.kind() == kind);
    }
    if (p.year() > 1) {
      const Period previous = p.Previous();
      FUZZ_CHECK(previous < p && previous.Next() == p);
    }
  }
  return 0;
}
