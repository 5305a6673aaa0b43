#include "registry/index/stats_api.h"

#include <algorithm>
#include <boost/json.hpp>

#include "registry/entity_query.h"
#include "registry/figures.h"
#include "registry/index/cell_key.h"
#include "registry/index/disclosure.h"
#include "text/json_text.h"

namespace hoptac::analytics {
namespace {

// Collects one field error per bad parameter.
class Parser {
 public:
  explicit Parser(const ParameterLookup& get) : get_(get) {}

  std::optional<Date> DateParam(std::string_view name) {
    auto text = get_(name);
    if (!text) return std::nullopt;
    auto date = Date::ParseIso(*text);
    if (!date) errors_.push_back({std::string(name), "invalid_date", "field.invalid_date", {*text}});
    return date;
  }

  std::vector<Dimension> GroupBy() {
    std::vector<Dimension> out;
    auto text = get_("group_by");
    if (!text) return out;
    for (const std::string& item : registry::SplitFilterList(*text)) {
      auto d = DimensionFromName(item);
      if (!d) {
        errors_.push_back({"group_by", "invalid_enum", "field.invalid_enum", {item, DimensionNames()}});
      } else {
        out.push_back(*d);
      }
    }
    return out;
  }

  ProvinceScheme Scheme() {
    auto text = get_("province_scheme");
    if (!text || *text == "current") return ProvinceScheme::kCurrent;
    if (*text == "legacy") return ProvinceScheme::kLegacy;
    errors_.push_back({"province_scheme", "invalid_enum", "field.invalid_enum", {*text, "current, legacy"}});
    return ProvinceScheme::kCurrent;
  }

  std::string Measure() {
    std::string measure = get_("measure").value_or("count");
    if (!KnownMeasure(measure)) {
      std::string names = "count";
      for (const auto& f : domain::FigureFields()) names += ", " + std::string(f.name);
      errors_.push_back({"measure", "unknown_measure", "field.invalid_enum", {measure, names}});
    }
    return measure;
  }

  // The registry's filter vocabulary (registry::FilterReader), as lists.
  StatsFilter Filter() {
    StatsFilter f;
    registry::FilterReader read(get_);
    f.kinds = read.KindsFilter();
    f.statuses = read.StatusesFilter();
    f.sectors = read.SectorsFilter();
    if (auto text = get_("province")) f.provinces = registry::SplitFilterList(*text);
    if (auto text = get_("commune")) f.communes = registry::SplitFilterList(*text);
    f.women_managed = read.Bool("women_managed");
    f.youth = read.Bool("youth");
    read.FoundedRange(f.founded_from, f.founded_to);
    Status status = read.Finish();
    if (!status.ok())
      for (const FieldError& error : status.error().fields) errors_.push_back(error);
    return f;
  }

  // from/to with their defaults; from after to is an error.
  std::pair<Date, Date> Range(Date default_from) {
    auto from = DateParam("from");
    auto to = DateParam("to");
    Date f = from.value_or(default_from), t = to.value_or(Date::Today());
    if (t < f) errors_.push_back({"from", "from_after_to", "field.from_after_to", {f.ToIso(), t.ToIso()}});
    return {f, t};
  }

  void Add(FieldError e) { errors_.push_back(std::move(e)); }

  Status Finish() {
    if (errors_.empty()) return Ok();
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.invalid_request");
    e.fields = std::move(errors_);
    return e;
  }

 private:
  const ParameterLookup& get_;
  std::vector<FieldError> errors_;
};

std::vector<std::string_view> FilterNames() { return registry::SharedFilterNames(); }

}  // namespace

std::vector<std::string_view> StatsParameterNames(StatsKind kind) {
  std::vector<std::string_view> names = FilterNames();
  names.push_back("group_by");
  names.push_back("province_scheme");
  switch (kind) {
    case StatsKind::kStock: names.insert(names.end(), {"measure", "as_of"}); break;
    case StatsKind::kFlows: names.insert(names.end(), {"event", "from", "to"}); break;
    case StatsKind::kSeries: names.insert(names.end(), {"measure", "interval", "from", "to"}); break;
  }
  return names;
}

Result<StockQuery> ParseStockQuery(const ParameterLookup& get) {
  Parser p(get);
  StockQuery q;
  q.measure = p.Measure();
  q.group_by = p.GroupBy();
  q.as_of = p.DateParam("as_of").value_or(Date::Today());
  q.scheme = p.Scheme();
  q.filter = p.Filter();
  HOPTAC_TRY(p.Finish());
  return q;
}

Result<FlowQuery> ParseFlowQuery(const ParameterLookup& get) {
  Parser p(get);
  FlowQuery q;
  std::string event = get("event").value_or("established");
  auto type = domain::EventTypeFromName(event);
  if (!type) {
    p.Add({"event",
           "invalid_enum",
           "field.invalid_enum",
           {event, "established, suspended, resumed, stopped, dissolved, bankrupt, reorganised, converted"}});
  } else {
    q.event = *type;
  }
  std::tie(q.from, q.to) = p.Range(Date::FromCivil(Date::Today().year(), 1, 1));
  q.group_by = p.GroupBy();
  q.scheme = p.Scheme();
  q.filter = p.Filter();
  HOPTAC_TRY(p.Finish());
  return q;
}

Result<SeriesQuery> ParseSeriesQuery(const ParameterLookup& get) {
  Parser p(get);
  SeriesQuery q;
  q.measure = p.Measure();
  std::string interval = get("interval").value_or("year");
  if (auto i = IntervalFromName(interval)) {
    q.interval = *i;
  } else {
    p.Add({"interval", "invalid_enum", "field.invalid_enum", {interval, "year, half, quarter"}});
  }
  std::tie(q.from, q.to) = p.Range(Date::FromCivil(Date::Today().year() - 10, 1, 1));
  q.group_by = p.GroupBy();
  q.scheme = p.Scheme();
  q.filter = p.Filter();
  HOPTAC_TRY(p.Finish());
  return q;
}

namespace {

boost::json::array GroupNames(const std::vector<Dimension>& group_by) {
  boost::json::array out;
  for (Dimension d : group_by) out.push_back(boost::json::string(DimensionName(d)));
  return out;
}

// The value of a row or total and its disclosure flags, under `prefix` ("" for a row, "total_"
// for the total, whose value is "total").
void PutValue(boost::json::object& out, std::string_view value_name, std::string_view prefix, int64_t value,
              CellDisclosure disclosure) {
  if (Withheld(disclosure)) {
    out[value_name] = nullptr;
    out[std::string(prefix) + "withheld"] = true;
    out[std::string(prefix) + "withheld_reason"] = CellDisclosureName(disclosure);
  } else {
    out[value_name] = value;
    if (disclosure == CellDisclosure::kPerturbed) out[std::string(prefix) + "perturbed"] = true;
  }
}

boost::json::object RowJson(const RegistryIndex& index, const std::vector<Dimension>& group_by, const StatsRow& row,
                            i18n::Lang lang, Date labels_on) {
  boost::json::object keys, labels;
  for (size_t i = 0; i < group_by.size() && i < row.keys.size(); ++i) {
    keys[DimensionName(group_by[i])] = row.keys[i];
    labels[DimensionName(group_by[i])] = index.Label(group_by[i], row.keys[i], lang, labels_on);
  }
  boost::json::object out{{"keys", std::move(keys)}, {"labels", std::move(labels)}, {"entities", row.entities}};
  PutValue(out, "value", "", row.value, row.disclosure);
  return out;
}

boost::json::object DisclosureJson(bool protected_figures) {
  if (!protected_figures) return {{"method", "none"}};
  const cell_key::Parameters& p = cell_key::DefaultParameters();
  return {{"method", "cell_key"}, {"min_entities", p.min_contributors}, {"max_share", p.max_share}};
}

}  // namespace

boost::json::object StockToJson(const RegistryIndex& index, const StockQuery& q, const StockResult& r,
                                i18n::Lang lang) {
  Date labels_on = q.scheme == ProvinceScheme::kLegacy ? q.as_of : Date::Today();
  boost::json::array rows;
  for (const StatsRow& row : r.rows) rows.push_back(RowJson(index, q.group_by, row, lang, labels_on));
  boost::json::object out{{"measure", q.measure},
                          {"as_of", q.as_of.ToIso()},
                          {"province_scheme", ProvinceSchemeName(q.scheme)},
                          {"group_by", GroupNames(q.group_by)},
                          {"disclosure", DisclosureJson(Protects(q.measure, q.audience))},
                          {"entities", r.entities},
                          {"rows", std::move(rows)}};
  PutValue(out, "total", "total_", r.total, r.total_disclosure);
  return out;
}

boost::json::object FlowsToJson(const RegistryIndex& index, const FlowQuery& q, const FlowResult& r, i18n::Lang lang) {
  Date labels_on = q.scheme == ProvinceScheme::kLegacy ? q.to : Date::Today();
  boost::json::array rows;
  for (const StatsRow& row : r.rows) rows.push_back(RowJson(index, q.group_by, row, lang, labels_on));
  // Flows count events: exact for everyone.
  return {{"event", domain::EventTypeName(q.event)},
          {"from", q.from.ToIso()},
          {"to", q.to.ToIso()},
          {"province_scheme", ProvinceSchemeName(q.scheme)},
          {"group_by", GroupNames(q.group_by)},
          {"disclosure", DisclosureJson(false)},
          {"total", r.total},
          {"years", r.years},
          {"yearly_average", r.yearly_average},
          {"rows", std::move(rows)}};
}

boost::json::object SeriesToJson(const RegistryIndex& index, const SeriesQuery& q, const SeriesResult& r,
                                 i18n::Lang lang) {
  boost::json::array points;
  for (const SeriesPoint& p : r.points) {
    Date labels_on = q.scheme == ProvinceScheme::kLegacy ? p.end : Date::Today();
    boost::json::object point = RowJson(index, q.group_by, p.row, lang, labels_on);
    point["period"] = p.period.ToString();
    point["end"] = p.end.ToIso();
    points.push_back(std::move(point));
  }
  return {{"measure", q.measure},
          {"interval", IntervalName(q.interval)},
          {"from", q.from.ToIso()},
          {"to", q.to.ToIso()},
          {"province_scheme", ProvinceSchemeName(q.scheme)},
          {"group_by", GroupNames(q.group_by)},
          {"disclosure", DisclosureJson(Protects(q.measure, q.audience))},
          {"points", std::move(points)}};
}

namespace {

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ValueText(const boost::json::value& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return std::string(v.as_string());
  return text::JsonText(v);
}

}  // namespace

std::string StatsTable(const boost::json::object& answer, bool csv) {
  std::vector<std::string> dims;
  for (const auto& d : answer.at("group_by").as_array()) dims.emplace_back(d.as_string());
  const bool series = answer.contains("points");
  const auto& rows = answer.at(series ? "points" : "rows").as_array();
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header;
  if (series) header.push_back("period");
  for (const auto& d : dims) {
    header.push_back(d);
    header.push_back(d + "_label");
  }
  header.push_back("value");
  header.push_back("entities");
  table.push_back(header);
  for (const auto& row_value : rows) {
    const auto& row = row_value.as_object();
    std::vector<std::string> line;
    if (series) line.push_back(ValueText(row.at("period")));
    for (const auto& d : dims) {
      line.push_back(ValueText(row.at("keys").as_object().at(d)));
      line.push_back(ValueText(row.at("labels").as_object().at(d)));
    }
    line.push_back(ValueText(row.at("value")));
    line.push_back(ValueText(row.at("entities")));
    table.push_back(std::move(line));
  }
  std::string out;
  if (csv) {
    for (const auto& line : table) {
      for (size_t i = 0; i < line.size(); ++i) out += (i ? "," : "") + CsvField(line[i]);
      out += "\r\n";
    }
    return out;
  }
  // Aligned columns; widths in code points so Vietnamese labels line up.
  auto width = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  };
  std::vector<size_t> widths(header.size(), 0);
  for (const auto& line : table)
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], width(line[i]));
  for (const auto& line : table) {
    for (size_t i = 0; i < line.size(); ++i) {
      out += line[i];
      if (i + 1 < line.size()) out += std::string(widths[i] - width(line[i]) + 2, ' ');
    }
    out += "\n";
  }
  if (answer.contains("total")) out += "total: " + ValueText(answer.at("total")) + "\n";
  return out;
}

}  // namespace hoptac::analytics
