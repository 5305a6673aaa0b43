#include "registry/index/pivot.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>

#include "io/xlsx_stream.h"

namespace hoptac::analytics {
namespace {

namespace json = boost::json;

std::string Text(const json::object& o, const std::string& name) {
  auto it = o.find(name);
  if (it == o.end() || !it->value().is_string()) return "";
  return std::string(it->value().as_string());
}

std::string JoinedKey(const json::object& row, const std::string& part, const std::vector<std::string>& dims,
                      const char* separator) {
  const json::object& values = row.at(part).as_object();
  std::string out;
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? separator : "") + Text(values, dims[i]);
  return out;
}

void Add(std::optional<int64_t>& sum, const std::optional<int64_t>& value) {
  if (value) sum = sum.value_or(0) + *value;
}

// The value a line is sorted by; nullopt sorts last in either direction.
std::optional<int64_t> SortValue(const PivotLine& line, const PivotTable& table, const std::string& sort) {
  if (sort == "total") return line.total;
  auto it = std::find(table.col_keys.begin(), table.col_keys.end(), sort);
  if (it == table.col_keys.end()) return std::nullopt;
  return line.cells[static_cast<size_t>(it - table.col_keys.begin())];
}

template <typename T, typename Get>
void SortBy(std::vector<T>& items, Get get, bool descending) {
  std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    std::optional<int64_t> x = get(a), y = get(b);
    if (!x || !y) return x.has_value() && !y.has_value();
    return descending ? *x > *y : *x < *y;
  });
}

}  // namespace

PivotTable BuildPivot(const json::object& answer, const PivotSpec& spec) {
  PivotTable table;
  const json::array& rows = answer.at("rows").as_array();
  // Columns in the API's order (rows are sorted by keys, so a column's first appearance orders them
  // by the first row dimension's key; sort them by their own key instead).
  std::vector<std::pair<std::string, std::string>> columns;  // key, label
  if (spec.cols.empty()) {
    columns.push_back({"", ""});
  } else {
    std::map<std::string, std::string> seen;
    std::vector<std::pair<std::vector<std::string>, std::string>> ordered;
    for (const auto& v : rows) {
      const json::object& row = v.as_object();
      std::string key = JoinedKey(row, "keys", spec.cols, "|");
      if (!seen.emplace(key, JoinedKey(row, "labels", spec.cols, " · ")).second) continue;
      std::vector<std::string> parts;
      for (const auto& d : spec.cols) parts.push_back(Text(row.at("keys").as_object(), d));
      ordered.push_back({parts, key});
    }
    // Numeric keys numerically, others as text, unknown ("") first: as the API orders rows.
    auto less = [](const std::string& a, const std::string& b) {
      if (a.empty() || b.empty()) return a.empty() && !b.empty();
      bool na = std::all_of(a.begin(), a.end(), ::isdigit), nb = std::all_of(b.begin(), b.end(), ::isdigit);
      if (na && nb && a.size() != b.size()) return a.size() < b.size();
      return a < b;
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
      for (size_t i = 0; i < a.first.size(); ++i) {
        if (less(a.first[i], b.first[i])) return true;
        if (less(b.first[i], a.first[i])) return false;
      }
      return false;
    });
    for (const auto& [parts, key] : ordered) columns.push_back({key, seen[key]});
  }
  for (const auto& [key, label] : columns) {
    table.col_keys.push_back(key);
    table.col_labels.push_back(label);
  }
  const size_t ncols = columns.size();
  auto column_of = [&](const std::string& key) {
    return static_cast<size_t>(std::find(table.col_keys.begin(), table.col_keys.end(), key) - table.col_keys.begin());
  };

  // Leaves in the API's order of their row keys.
  std::vector<PivotLine> leaves;
  std::vector<std::string> leaf_group;  // the first row dimension's key of each leaf
  std::map<std::string, size_t> leaf_of;
  for (const auto& v : rows) {
    const json::object& row = v.as_object();
    std::string key = JoinedKey(row, "keys", spec.rows, "|");
    auto [it, added] = leaf_of.emplace(key, leaves.size());
    if (added) {
      PivotLine line;
      for (const auto& d : spec.rows) line.labels.push_back(Text(row.at("labels").as_object(), d));
      line.cells.assign(ncols, std::nullopt);
      leaves.push_back(std::move(line));
      leaf_group.push_back(Text(row.at("keys").as_object(), spec.rows.front()));
    }
    const json::value& value = row.at("value");
    if (!value.is_null())
      leaves[it->second].cells[column_of(JoinedKey(row, "keys", spec.cols, "|"))] = value.to_number<int64_t>();
  }
  for (PivotLine& line : leaves)
    for (const auto& cell : line.cells) Add(line.total, cell);

  auto sort_value = [&](const PivotLine& line) { return SortValue(line, table, spec.sort); };
  PivotLine grand;
  grand.kind = PivotLine::Kind::kTotal;
  grand.labels.assign(spec.rows.size(), "");
  grand.cells.assign(ncols, std::nullopt);
  for (const PivotLine& line : leaves) {
    for (size_t c = 0; c < ncols; ++c) Add(grand.cells[c], line.cells[c]);
    Add(grand.total, line.total);
  }

  if (spec.rows.size() < 2) {
    if (!spec.sort.empty()) SortBy(leaves, sort_value, spec.descending);
    table.lines = std::move(leaves);
  } else {
    struct Group {
      PivotLine subtotal;
      std::vector<PivotLine> lines;
    };
    std::vector<Group> groups;
    std::map<std::string, size_t> group_of;
    for (size_t i = 0; i < leaves.size(); ++i) {
      auto [it, added] = group_of.emplace(leaf_group[i], groups.size());
      if (added) {
        Group g;
        g.subtotal.kind = PivotLine::Kind::kSubtotal;
        g.subtotal.labels.assign(spec.rows.size(), "");
        g.subtotal.labels[0] = leaves[i].labels[0];
        g.subtotal.cells.assign(ncols, std::nullopt);
        groups.push_back(std::move(g));
      }
      Group& g = groups[it->second];
      for (size_t c = 0; c < ncols; ++c) Add(g.subtotal.cells[c], leaves[i].cells[c]);
      Add(g.subtotal.total, leaves[i].total);
      g.lines.push_back(std::move(leaves[i]));
    }
    if (!spec.sort.empty()) {
      SortBy(
          groups, [&](const Group& g) { return sort_value(g.subtotal); }, spec.descending);
      for (Group& g : groups) SortBy(g.lines, sort_value, spec.descending);
    }
    for (Group& g : groups) {
      for (PivotLine& line : g.lines) table.lines.push_back(std::move(line));
      table.lines.push_back(std::move(g.subtotal));
    }
  }
  // The API's total is the grand total when it has one (the same sum for counts and officials).
  if (auto it = answer.find("total"); it != answer.end() && it->value().is_number() && spec.cols.empty())
    grand.total = it->value().to_number<int64_t>();
  table.lines.push_back(std::move(grand));
  return table;
}

namespace {

enum Style : int { kPlain = 0, kTitle, kLine, kHeader, kLabel, kNumber, kBoldLabel, kBoldNumber };

std::vector<io::XlsxStyle> Styles() {
  using A = io::XlsxStyle::Align;
  auto make = [](auto f) {
    io::XlsxStyle s;
    f(s);
    return s;
  };
  return {
      make([](io::XlsxStyle& s) { s.bold = true, s.font_size = 14, s.align = A::kCenter, s.wrap = true; }),
      make([](io::XlsxStyle& s) { s.italic = true, s.align = A::kCenter; }),
      make([](io::XlsxStyle& s) { s.bold = true, s.border = true, s.align = A::kCenter, s.wrap = true; }),
      make([](io::XlsxStyle& s) { s.border = true, s.wrap = true; }),
      make([](io::XlsxStyle& s) { s.border = true, s.number_format = "#,##0"; }),
      make([](io::XlsxStyle& s) { s.bold = true, s.border = true, s.wrap = true; }),
      make([](io::XlsxStyle& s) { s.bold = true, s.border = true, s.number_format = "#,##0"; }),
  };
}

}  // namespace

Status WritePivotXlsx(const PivotTable& table, const PivotHeading& heading, const std::string& path) {
  const size_t label_columns = std::max<size_t>(1, heading.row_dim_labels.size());
  const bool one_column = table.col_keys.size() == 1 && table.col_keys.front().empty();
  const size_t value_columns = one_column ? 1 : table.col_keys.size() + 1;
  const size_t width = label_columns + value_columns;
  io::XlsxStreamOptions options;
  options.sheet_name = "Pivot";
  options.styles = Styles();
  for (size_t i = 0; i < label_columns; ++i) options.column_widths.push_back(28);
  for (size_t i = 0; i < value_columns; ++i) options.column_widths.push_back(14);
  io::XlsxPageSetup page;
  page.landscape = width > 6;
  options.page = page;
  HOPTAC_ASSIGN_OR_RETURN(auto writer, io::XlsxStreamWriter::Create(path, options));
  using io::XlsxCell;
  using io::XlsxStyledCell;
  auto text_row = [&](const std::string& text, int style, double height) -> Status {
    std::vector<XlsxStyledCell> cells(width, XlsxStyledCell{XlsxCell(), style});
    cells[0].value = XlsxCell(std::string_view(text));
    size_t row = writer->rows_written();
    HOPTAC_TRY(writer->WriteRow(cells, height));
    if (width > 1) HOPTAC_TRY(writer->Merge(row, 0, row, width - 1));
    return Ok();
  };
  HOPTAC_TRY(text_row(heading.title, kTitle, 36));
  for (const std::string& line : heading.lines) HOPTAC_TRY(text_row(line, kLine, 0));
  HOPTAC_TRY(writer->WriteRow(std::vector<XlsxStyledCell>{}));

  std::vector<XlsxStyledCell> header;
  for (size_t i = 0; i < label_columns; ++i)
    header.push_back(
        {XlsxCell(std::string_view(i < heading.row_dim_labels.size() ? heading.row_dim_labels[i] : "")), kHeader});
  if (one_column) {
    header.push_back({XlsxCell(std::string_view(heading.total_label)), kHeader});
  } else {
    for (const std::string& label : table.col_labels) header.push_back({XlsxCell(std::string_view(label)), kHeader});
    header.push_back({XlsxCell(std::string_view(heading.total_label)), kHeader});
  }
  HOPTAC_TRY(writer->WriteRow(header, 32));

  std::vector<std::string> texts;
  for (const PivotLine& line : table.lines) {
    const bool bold = line.kind != PivotLine::Kind::kLeaf;
    texts.assign(label_columns, "");
    if (line.kind == PivotLine::Kind::kTotal) {
      texts[0] = heading.total_label;
    } else if (line.kind == PivotLine::Kind::kSubtotal) {
      texts[0] = heading.subtotal_label + " " + line.labels[0];
    } else {
      for (size_t i = 0; i < label_columns && i < line.labels.size(); ++i) texts[i] = line.labels[i];
    }
    std::vector<XlsxStyledCell> cells;
    for (const std::string& t : texts) cells.push_back({XlsxCell(std::string_view(t)), bold ? kBoldLabel : kLabel});
    auto number = [&](const std::optional<int64_t>& v) {
      return XlsxStyledCell{v ? XlsxCell(static_cast<double>(*v)) : XlsxCell(), bold ? kBoldNumber : kNumber};
    };
    if (!one_column)
      for (const auto& cell : line.cells) cells.push_back(number(cell));
    cells.push_back(number(line.total));
    HOPTAC_TRY(writer->WriteRow(cells));
  }
  return writer->Close();
}

}  // namespace hoptac::analytics
