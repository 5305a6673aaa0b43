#include "io/xlsx_stream.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/date.h"
#include "io/encoding.h"
#include "io/xlsx_cell.h"

namespace hoptac::io {

namespace {

constexpr size_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;
constexpr size_t kMaxCellCharacters = 32767;
constexpr size_t kChunkBytes = size_t{1} << 20;
constexpr size_t kMaxSharedStrings = 100000;
constexpr size_t kMaxSharedLength = 64;
constexpr uint64_t kMaxZip32 = 0xFFFFFFFFULL;

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

void Put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// One zip entry as the central directory needs it.
struct Entry {
  std::string name;
  uint32_t crc = 0;
  uint64_t compressed = 0, size = 0, offset = 0;
};

// Date 1980-01-01, time 00:00 (DOS format): files get no wall-clock time, so the
// same rows give the same bytes.
constexpr uint32_t kDosDate = (0 << 9) | (1 << 5) | 1;

std::string LocalHeader(const Entry& e) {
  std::string h;
  Put32(h, 0x04034b50);
  Put16(h, 20);  // version needed: deflate
  Put16(h, 0);   // flags
  Put16(h, 8);   // deflate
  Put16(h, 0);   // time
  Put16(h, kDosDate);
  Put32(h, e.crc);
  Put32(h, static_cast<uint32_t>(e.compressed));
  Put32(h, static_cast<uint32_t>(e.size));
  Put16(h, static_cast<uint32_t>(e.name.size()));
  Put16(h, 0);
  h += e.name;
  return h;
}

// Raw deflate (no zlib header) of a whole small part.
std::string Deflate(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string XmlEscapeAttribute(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The cell styles every workbook has: default, bold (header), date.
constexpr int kFixedStyles = 3;

// A number for an attribute: "12.5", "409", never exponents.
std::string FormatDecimal(double value) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.2f", value);
  std::string out = digits;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string FontXml(bool bold, bool italic, bool underline, int size) {
  std::string font = "<font>";
  if (bold) font += "<b/>";
  if (italic) font += "<i/>";
  if (underline) font += "<u/>";
  font += "<sz val=\"" + std::to_string(size) + "\"/><name val=\"Calibri\"/><family val=\"2\"/></font>";
  return font;
}

// xl/styles.xml: the fixed styles, then one per options style (fonts and number formats
// shared between them).
Result<std::string> StylesXml(const std::vector<XlsxStyle>& styles) {
  std::vector<std::string> fonts = {FontXml(false, false, false, 11), FontXml(true, false, false, 11)};
  std::vector<std::string> formats = {"yyyy\\-mm\\-dd"};
  auto index_of = [](std::vector<std::string>& list, const std::string& item) {
    for (size_t i = 0; i < list.size(); ++i)
      if (list[i] == item) return i;
    list.push_back(item);
    return list.size() - 1;
  };
  std::string xfs;
  for (const XlsxStyle& style : styles) {
    if (style.font_size < 6 || style.font_size > 72)
      return Error::Internal("xlsx: font size " + std::to_string(style.font_size) + " out of 6–72");
    size_t font = index_of(fonts, FontXml(style.bold, style.italic, style.underline, style.font_size));
    size_t format = 0;
    if (!style.number_format.empty()) format = 164 + index_of(formats, XmlEscapeAttribute(style.number_format));
    xfs += "<xf numFmtId=\"" + std::to_string(format) + "\" fontId=\"" + std::to_string(font) +
           "\" fillId=\"0\" borderId=\"" + (style.border ? "1" : "0") + "\" xfId=\"0\" applyFont=\"1\"" +
           (format != 0 ? " applyNumberFormat=\"1\"" : "") + (style.border ? " applyBorder=\"1\"" : "") +
           " applyAlignment=\"1\"><alignment";
    switch (style.align) {
      case XlsxStyle::Align::kGeneral: break;
      case XlsxStyle::Align::kLeft: xfs += " horizontal=\"left\""; break;
      case XlsxStyle::Align::kCenter: xfs += " horizontal=\"center\""; break;
      case XlsxStyle::Align::kRight: xfs += " horizontal=\"right\""; break;
    }
    xfs += style.top ? " vertical=\"top\"" : " vertical=\"center\"";
    if (style.wrap) xfs += " wrapText=\"1\"";
    xfs += "/></xf>";
  }
  std::string out = kXmlDeclaration;
  out += "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
  out += "<numFmts count=\"" + std::to_string(formats.size()) + "\">";
  for (size_t i = 0; i < formats.size(); ++i)
    out += "<numFmt numFmtId=\"" + std::to_string(164 + i) + "\" formatCode=\"" + formats[i] + "\"/>";
  out += "</numFmts><fonts count=\"" + std::to_string(fonts.size()) + "\">";
  for (const std::string& font : fonts) out += font;
  out +=
      "</fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
      "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
      "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom>"
      "<diagonal/></border></borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
  out += "<cellXfs count=\"" + std::to_string(kFixedStyles + styles.size()) + "\">";
  out +=
      "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
      "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>";
  out += xfs;
  out +=
      "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
      "</styleSheet>";
  return out;
}

}  // namespace

struct XlsxStreamWriter::Impl {
  ~Impl() { StopCompressor(); }

  // ---- Output ---------------------------------------------------------------
  Status WriteRaw(const std::string& bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size())
      return Error::Internal("xlsx write " + path + ": " + std::strerror(errno));
    offset += bytes.size();
    return Ok();
  }

  Status AddSmallPart(std::string name, std::string_view content) {
    Entry e;
    e.name = std::move(name);
    e.crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
    std::string compressed = Deflate(content);
    e.compressed = compressed.size();
    e.size = content.size();
    e.offset = offset;
    HOPTAC_TRY(WriteRaw(LocalHeader(e)));
    HOPTAC_TRY(WriteRaw(compressed));
    entries.push_back(std::move(e));
    return Ok();
  }

  // ---- The compressing thread -----------------------------------------------
  void StartCompressor() {
    deflateInit2(&zstream, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    zstream_open = true;
    compressor = std::thread([this] { CompressLoop(); });
  }

  void CompressLoop() {
    std::vector<unsigned char> out(kChunkBytes);
    while (true) {
      std::string chunk;
      bool finish = false;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [this] { return !queue.empty() || finishing; });
        if (!queue.empty()) {
          chunk = std::move(queue.front());
          queue.pop_front();
        } else {
          finish = true;
        }
      }
      space.notify_one();
      if (!compress_error.empty()) {
        if (finish) return;
        continue;  // drain
      }
      sheet.crc = static_cast<uint32_t>(
          crc32(sheet.crc, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size())));
      sheet.size += chunk.size();
      zstream.next_in = reinterpret_cast<Bytef*>(chunk.data());
      zstream.avail_in = static_cast<uInt>(chunk.size());
      int flush = finish ? Z_FINISH : Z_NO_FLUSH;
      int rc = Z_OK;
      do {
        zstream.next_out = out.data();
        zstream.avail_out = static_cast<uInt>(out.size());
        rc = deflate(&zstream, flush);
        size_t produced = out.size() - zstream.avail_out;
        if (produced > 0 && std::fwrite(out.data(), 1, produced, file) != produced) {
          std::lock_guard lock(mutex);
          compress_error = std::string("xlsx write ") + path + ": " + std::strerror(errno);
          break;
        }
        sheet.compressed += produced;
      } while (zstream.avail_out == 0 || (finish && rc != Z_STREAM_END));
      if (finish) return;
      {
        std::lock_guard lock(mutex);
        spare.push_back(std::move(chunk));
      }
    }
  }

  // Hands the filled buffer to the compressor (waits while two are pending).
  Status Hand() {
    std::unique_lock lock(mutex);
    space.wait(lock, [this] { return queue.size() < 2; });
    if (!compress_error.empty()) return Error::Internal(compress_error);
    queue.push_back(std::move(xml));
    if (!spare.empty()) {
      xml = std::move(spare.back());
      spare.pop_back();
    } else {
      xml = std::string();
    }
    xml.clear();
    xml.reserve(kChunkBytes + 64 * 1024);
    lock.unlock();
    ready.notify_one();
    return Ok();
  }

  void StopCompressor() {
    if (!compressor.joinable()) return;
    {
      std::lock_guard lock(mutex);
      finishing = true;
    }
    ready.notify_one();
    compressor.join();
    if (zstream_open) deflateEnd(&zstream);
    zstream_open = false;
  }

  // ---- Sheet XML ------------------------------------------------------------
  Status BeginSheet(bool frozen_header) {
    xml += kXmlDeclaration;
    xml +=
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
    if (page && page->fit_to_width) xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
    // Only the first sheet is selected: Excel groups the sheets that all say so.
    const char* view = sheet_names.size() == 1 ? "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\""
                                               : "<sheetViews><sheetView workbookViewId=\"0\"";
    if (frozen_header) {
      xml += view;
      xml +=
          "><pane ySplit=\"1\" topLeftCell=\"A2\" "
          "activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>";
    } else {
      xml += view;
      xml += "/></sheetViews>";
    }
    xml += "<sheetFormatPr defaultRowHeight=\"15\"/>";
    bool any_width = false;
    for (double width : column_widths) any_width = any_width || width > 0;
    if (any_width) {
      xml += "<cols>";
      for (size_t i = 0; i < column_widths.size(); ++i) {
        if (!(column_widths[i] > 0)) continue;
        std::string n = std::to_string(i + 1);
        xml += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"" + FormatDecimal(column_widths[i]) +
               "\" customWidth=\"1\"/>";
      }
      xml += "</cols>";
    }
    xml += "<sheetData>";
    started = true;
    return Ok();
  }

  const std::string& Column(size_t column) {
    while (columns.size() <= column) columns.push_back(ColumnName(static_cast<int>(columns.size())));
    return columns[column];
  }

  Status BeginRow(size_t cells, double height = 0) {
    if (closed) return Error::Internal("xlsx: write after Close()");
    if (rows >= kMaxRows)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_too_many_rows", {std::to_string(kMaxRows)});
    if (cells > kMaxColumns)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_too_many_columns", {std::to_string(kMaxColumns)});
    if (!started) HOPTAC_TRY(BeginSheet(false));
    ++rows;
    row_number = std::to_string(rows);
    xml += "<row r=\"";
    xml += row_number;
    if (height > 0) {
      xml += "\" ht=\"";
      xml += FormatDecimal(std::min(height, 409.0));
      xml += "\" customHeight=\"1";
    }
    xml += "\">";
    return Ok();
  }

  Status EndRow() {
    xml += "</row>";
    if (xml.size() >= kChunkBytes) return Hand();
    return Ok();
  }

  void CellStart(size_t column, const char* attributes) {
    xml += "<c r=\"";
    xml += Column(column);
    xml += row_number;
    xml += '"';
    xml += attributes;
  }

  // Checks a cell's text: UTF-8, at most kMaxCellCharacters.
  Status CheckText(size_t column, std::string_view text) {
    if (!IsValidUtf8(text)) return Error::Internal("xlsx write: a cell is not UTF-8");
    size_t characters = 0;
    for (char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (characters > kMaxCellCharacters)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_cell_too_long",
                         {Column(column) + row_number, std::to_string(kMaxCellCharacters)});
    return Ok();
  }

  // Appends `<t…>text</t>`, escaped for XML and for Excel's _xHHHH_ convention.
  static void AppendT(std::string& out, std::string_view text) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    out += space(text.front()) || space(text.back()) ? "<t xml:space=\"preserve\">" : "<t>";
    // A literal "_xHHHH_" would read back as an escape: protect it first.
    std::string protected_text;
    if (text.find("_x") != std::string_view::npos) {
      protected_text = EscapeLiteralEscapes(text);
      text = protected_text;
    }
    for (char c : text) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
            char escape[8];
            std::snprintf(escape, sizeof escape, "_x%04X_", static_cast<unsigned>(c));
            out += escape;
          } else {
            out += c;
          }
      }
    }
    out += "</t>";
  }

  Status Text(size_t column, std::string_view text, bool bold) {
    if (text.empty()) return Ok();
    if (!bold && column < date_columns.size() && date_columns[column] && text.size() == 10) {
      if (auto date = Date::ParseIso(text)) {
        // Excel's serial day: days since 1899-12-30 (right from 1900-03-01 on).
        CellStart(column, " s=\"2\"><v>");
        xml += std::to_string(date->days() + 25569);
        xml += "</v></c>";
        return Ok();
      }
    }
    if (!bold && column < shared_columns.size() && shared_columns[column] && text.size() <= kMaxSharedLength) {
      // Repeats of the column's previous value (booleans, kinds, statuses) skip the lookup.
      // (Pointers to elements, unlike iterators, survive a rehash.)
      if (last_shared.size() <= column) last_shared.resize(column + 1, nullptr);
      const SharedEntry* entry = last_shared[column];
      if (entry == nullptr || entry->first != text) {
        auto it = shared_index.find(text);
        if (it == shared_index.end() && shared_values.size() < kMaxSharedStrings) {
          HOPTAC_TRY(CheckText(column, text));
          it = shared_index.emplace(std::string(text), static_cast<uint32_t>(shared_values.size())).first;
          shared_values.push_back(&it->first);
        }
        entry = it == shared_index.end() ? nullptr : &*it;
      }
      if (entry != nullptr) {
        last_shared[column] = entry;
        CellStart(column, " t=\"s\"><v>");
        char digits[16];
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, entry->second);
        xml.append(digits, static_cast<size_t>(end - digits));
        xml += "</v></c>";
        ++shared_references;
        return Ok();
      }
    }
    HOPTAC_TRY(CheckText(column, text));
    CellStart(column, bold ? " s=\"1\" t=\"inlineStr\"><is>" : " t=\"inlineStr\"><is>");
    AppendT(xml, text);
    xml += "</is></c>";
    return Ok();
  }

  void Number(size_t column, double value) {
    if (!std::isfinite(value)) return;
    CellStart(column, "><v>");
    char digits[32];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    xml.append(digits, ec == std::errc() ? static_cast<size_t>(end - digits) : 0);
    xml += "</v></c>";
  }

  // A cell in style `style` (1-based index into the options' styles): written even empty.
  Status Styled(size_t column, const XlsxCell& cell, int style) {
    std::string attributes = " s=\"" + std::to_string(kFixedStyles + style - 1) + "\"";
    if (const auto* text = std::get_if<std::string_view>(&cell); text != nullptr && !text->empty()) {
      HOPTAC_TRY(CheckText(column, *text));
      CellStart(column, (attributes + " t=\"inlineStr\"><is>").c_str());
      AppendT(xml, *text);
      xml += "</is></c>";
    } else if (const auto* number = std::get_if<double>(&cell); number != nullptr && std::isfinite(*number)) {
      CellStart(column, (attributes + "><v>").c_str());
      char digits[32];
      auto [end, ec] = std::to_chars(digits, digits + sizeof digits, *number);
      xml.append(digits, ec == std::errc() ? static_cast<size_t>(end - digits) : 0);
      xml += "</v></c>";
    } else {
      CellStart(column, (attributes + "/>").c_str());
    }
    return Ok();
  }

  // Ends the sheet being written: its XML, its compressed data, its local header's CRC and sizes.
  Status FinishSheet() {
    if (!started) HOPTAC_TRY(BeginSheet(false));
    xml += "</sheetData>";
    if (!merges.empty()) {
      xml += "<mergeCells count=\"" + std::to_string(merges.size()) + "\">";
      for (const std::string& ref : merges) xml += "<mergeCell ref=\"" + ref + "\"/>";
      xml += "</mergeCells>";
    }
    if (page) {
      xml += "<pageMargins left=\"" + FormatDecimal(page->left) + "\" right=\"" + FormatDecimal(page->right) +
             "\" top=\"" + FormatDecimal(page->top) + "\" bottom=\"" + FormatDecimal(page->bottom) +
             "\" header=\"0.3\" footer=\"0.3\"/>";
      xml += "<pageSetup paperSize=\"9\" orientation=\"";
      xml += page->landscape ? "landscape" : "portrait";
      xml += page->fit_to_width ? "\" fitToWidth=\"1\" fitToHeight=\"0\"/>" : "\"/>";
    }
    xml += "</worksheet>";
    HOPTAC_TRY(Hand());
    StopCompressor();
    if (!compress_error.empty()) return Error::Internal(compress_error);
    if (sheet.size > kMaxZip32 || sheet.compressed > kMaxZip32 || offset + sheet.compressed > kMaxZip32)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_too_large", {std::to_string(sheet.size >> 20)});
    offset += sheet.compressed;
    // The sheet's local header now gets its CRC and sizes.
    if (std::fseek(file, static_cast<long>(sheet.offset), SEEK_SET) != 0)
      return Error::Internal("xlsx seek " + path + ": " + std::strerror(errno));
    std::string header = LocalHeader(sheet);
    if (std::fwrite(header.data(), 1, header.size(), file) != header.size())
      return Error::Internal("xlsx write " + path + ": " + std::strerror(errno));
    if (std::fseek(file, 0, SEEK_END) != 0) return Error::Internal("xlsx seek " + path + ": " + std::strerror(errno));
    entries.push_back(sheet);
    return Ok();
  }

  // Starts the next sheet's part (sheetN.xml) and its compressor; the per-sheet state starts afresh.
  Status StartSheet(std::string name) {
    if (name.size() > 31 || name.empty() || name.find_first_of(":\\/?*[]") != std::string::npos)
      return Error::Internal("xlsx: invalid sheet name \"" + name + "\"");
    for (const std::string& other : sheet_names)
      if (other == name) return Error::Internal("xlsx: two sheets named \"" + name + "\"");
    sheet_names.push_back(std::move(name));
    sheet = Entry();
    sheet.name = "xl/worksheets/sheet" + std::to_string(sheet_names.size()) + ".xml";
    sheet.offset = offset;
    HOPTAC_TRY(WriteRaw(LocalHeader(sheet)));
    rows = 0;
    started = false;
    merges.clear();
    last_shared.clear();
    finishing = false;
    queue.clear();
    xml.clear();
    xml.reserve(kChunkBytes + 64 * 1024);
    zstream = z_stream{};
    StartCompressor();
    return Ok();
  }

  // The parts that name the sheets, written once all are known.
  Status WriteWorkbookParts() {
    const std::string decl = kXmlDeclaration;
    std::string types =
        decl +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/xl/workbook.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
    std::string sheets, relationships;
    for (size_t i = 0; i < sheet_names.size(); ++i) {
      std::string n = std::to_string(i + 1);
      types += "<Override PartName=\"/xl/worksheets/sheet" + n +
               ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
      sheets += "<sheet name=\"" + XmlEscapeAttribute(sheet_names[i]) + "\" sheetId=\"" + n + "\" r:id=\"rId" +
                std::to_string(i + 3) + "\"/>";
      relationships += "<Relationship Id=\"rId" + std::to_string(i + 3) +
                       "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                       "Target=\"worksheets/sheet" +
                       n + ".xml\"/>";
    }
    types +=
        "<Override PartName=\"/xl/styles.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        "<Override PartName=\"/xl/sharedStrings.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>";
    HOPTAC_TRY(AddSmallPart("[Content_Types].xml", types));
    HOPTAC_TRY(AddSmallPart("xl/workbook.xml",
                            decl +
                                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                                "<bookViews><workbookView/></bookViews><sheets>" +
                                sheets + "</sheets>" + print_titles + "</workbook>"));
    return AddSmallPart(
        "xl/_rels/workbook.xml.rels",
        decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
            "Target=\"styles.xml\"/>"
            "<Relationship Id=\"rId2\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
            "Target=\"sharedStrings.xml\"/>" +
            relationships + "</Relationships>");
  }

  Status Finish() {
    HOPTAC_TRY(FinishSheet());
    HOPTAC_TRY(WriteWorkbookParts());
    std::string table = kXmlDeclaration;
    table += "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
             std::to_string(shared_references) + "\" uniqueCount=\"" + std::to_string(shared_values.size()) + "\">";
    for (const std::string* value : shared_values) {
      table += "<si>";
      AppendT(table, *value);
      table += "</si>";
    }
    table += "</sst>";
    HOPTAC_TRY(AddSmallPart("xl/sharedStrings.xml", table));
    if (offset > kMaxZip32)
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_too_large", {std::to_string(sheet.size >> 20)});
    // Central directory.
    std::string directory;
    for (const Entry& e : entries) {
      Put32(directory, 0x02014b50);
      Put16(directory, 20);  // made by
      Put16(directory, 20);  // needed
      Put16(directory, 0);
      Put16(directory, 8);
      Put16(directory, 0);
      Put16(directory, kDosDate);
      Put32(directory, e.crc);
      Put32(directory, static_cast<uint32_t>(e.compressed));
      Put32(directory, static_cast<uint32_t>(e.size));
      Put16(directory, static_cast<uint32_t>(e.name.size()));
      Put16(directory, 0);  // extra
      Put16(directory, 0);  // comment
      Put16(directory, 0);  // disk
      Put16(directory, 0);  // internal attributes
      Put32(directory, 0);  // external attributes
      Put32(directory, static_cast<uint32_t>(e.offset));
      directory += e.name;
    }
    uint64_t directory_offset = offset;
    std::string end;
    Put32(end, 0x06054b50);
    Put16(end, 0);
    Put16(end, 0);
    Put16(end, static_cast<uint32_t>(entries.size()));
    Put16(end, static_cast<uint32_t>(entries.size()));
    Put32(end, static_cast<uint32_t>(directory.size()));
    Put32(end, static_cast<uint32_t>(directory_offset));
    Put16(end, 0);
    HOPTAC_TRY(WriteRaw(directory));
    HOPTAC_TRY(WriteRaw(end));
    if (std::fclose(file) != 0) {
      file = nullptr;
      return Error::Internal("xlsx close " + path + ": " + std::strerror(errno));
    }
    file = nullptr;
    return Ok();
  }

  std::string path;
  std::FILE* file = nullptr;
  uint64_t offset = 0;
  std::vector<Entry> entries;
  Entry sheet;
  std::string xml;
  std::vector<std::string> columns;
  std::vector<bool> shared_columns;
  std::vector<bool> date_columns;
  std::vector<double> column_widths;
  std::optional<XlsxPageSetup> page;
  size_t style_count = 0;
  std::vector<std::string> merges;       // "A1:C1"
  std::vector<std::string> sheet_names;  // in order; the last is being written
  std::string print_titles;              // the first sheet's <definedNames>, if any
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> shared_index;
  std::vector<const std::string*> shared_values;  // by index; keys of shared_index (stable)
  using SharedEntry = std::pair<const std::string, uint32_t>;
  std::vector<const SharedEntry*> last_shared;  // per column: its previous shared value
  uint64_t shared_references = 0;
  std::string row_number;
  size_t rows = 0;
  bool started = false;
  bool closed = false;

  z_stream zstream{};
  bool zstream_open = false;
  std::thread compressor;
  std::mutex mutex;
  std::condition_variable ready, space;
  std::deque<std::string> queue;
  std::vector<std::string> spare;
  bool finishing = false;
  std::string compress_error;
};

XlsxStreamWriter::XlsxStreamWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XlsxStreamWriter::~XlsxStreamWriter() {
  impl_->StopCompressor();
  if (impl_->file != nullptr) std::fclose(impl_->file);
}

Result<std::unique_ptr<XlsxStreamWriter>> XlsxStreamWriter::Create(const std::string& path,
                                                                   const XlsxStreamOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->shared_columns = options.shared_string_columns;
  impl->date_columns = options.date_columns;
  impl->column_widths = options.column_widths;
  impl->page = options.page;
  impl->style_count = options.styles.size();
  impl->file = std::fopen(path.c_str(), "wb");
  if (impl->file == nullptr) {
    Error error = Error::Make(ErrorCode::kInvalidArgument, "error.file_unwritable",
                              {std::filesystem::path(path).filename().string()});
    error.detail = path + ": " + std::strerror(errno);
    return error;
  }
  std::string name = options.sheet_name.empty() ? "Sheet1" : options.sheet_name;
  const std::string decl = kXmlDeclaration;
  if (options.page && options.page->repeat_first_row > 0 &&
      options.page->repeat_last_row >= options.page->repeat_first_row) {
    std::string quoted = "'";
    for (char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    quoted += "'";
    impl->print_titles = "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">" +
                         XmlEscapeAttribute(quoted) + "!$" + std::to_string(options.page->repeat_first_row) + ":$" +
                         std::to_string(options.page->repeat_last_row) + "</definedName></definedNames>";
  }
  HOPTAC_TRY(impl->AddSmallPart(
      "_rels/.rels", decl +
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" "
                         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                         "Target=\"xl/workbook.xml\"/></Relationships>"));
  HOPTAC_ASSIGN_OR_RETURN(std::string styles, StylesXml(options.styles));
  HOPTAC_TRY(impl->AddSmallPart("xl/styles.xml", styles));
  // The sheets come next, each streamed; its local header is rewritten with the CRC and sizes when it
  // ends. The parts naming the sheets are written at Close().
  HOPTAC_TRY(impl->StartSheet(std::move(name)));
  return std::unique_ptr<XlsxStreamWriter>(new XlsxStreamWriter(std::move(impl)));
}

Status XlsxStreamWriter::WriteHeader(std::span<const std::string> names) {
  if (impl_->started) return Error::Internal("xlsx: the header must be the first row");
  HOPTAC_TRY(impl_->BeginSheet(true));
  HOPTAC_TRY(impl_->BeginRow(names.size()));
  for (size_t column = 0; column < names.size(); ++column) HOPTAC_TRY(impl_->Text(column, names[column], true));
  return impl_->EndRow();
}

Status XlsxStreamWriter::WriteRow(std::span<const std::string> cells) {
  HOPTAC_TRY(impl_->BeginRow(cells.size()));
  for (size_t column = 0; column < cells.size(); ++column) HOPTAC_TRY(impl_->Text(column, cells[column], false));
  return impl_->EndRow();
}

Status XlsxStreamWriter::WriteRow(std::span<const XlsxCell> cells) {
  HOPTAC_TRY(impl_->BeginRow(cells.size()));
  for (size_t column = 0; column < cells.size(); ++column) {
    const XlsxCell& cell = cells[column];
    if (const auto* text = std::get_if<std::string_view>(&cell)) {
      HOPTAC_TRY(impl_->Text(column, *text, false));
    } else if (const auto* number = std::get_if<double>(&cell)) {
      impl_->Number(column, *number);
    }
  }
  return impl_->EndRow();
}

Status XlsxStreamWriter::WriteRow(std::span<const XlsxStyledCell> cells, double height) {
  for (const XlsxStyledCell& cell : cells)
    if (cell.style < 0 || static_cast<size_t>(cell.style) > impl_->style_count)
      return Error::Internal("xlsx: style " + std::to_string(cell.style) + " was not declared");
  HOPTAC_TRY(impl_->BeginRow(cells.size(), height));
  for (size_t column = 0; column < cells.size(); ++column) {
    const XlsxStyledCell& cell = cells[column];
    if (cell.style > 0) {
      HOPTAC_TRY(impl_->Styled(column, cell.value, cell.style));
    } else if (const auto* text = std::get_if<std::string_view>(&cell.value)) {
      HOPTAC_TRY(impl_->Text(column, *text, false));
    } else if (const auto* number = std::get_if<double>(&cell.value)) {
      impl_->Number(column, *number);
    }
  }
  return impl_->EndRow();
}

Status XlsxStreamWriter::Merge(size_t first_row, size_t first_column, size_t last_row, size_t last_column) {
  if (impl_->closed) return Error::Internal("xlsx: merge after Close()");
  if (last_row < first_row || last_column < first_column || last_row >= kMaxRows || last_column >= kMaxColumns)
    return Error::Internal("xlsx: invalid merge range");
  if (first_row == last_row && first_column == last_column) return Ok();
  impl_->merges.push_back(impl_->Column(first_column) + std::to_string(first_row + 1) + ":" +
                          impl_->Column(last_column) + std::to_string(last_row + 1));
  return Ok();
}

size_t XlsxStreamWriter::rows_written() const { return impl_->rows; }

Status XlsxStreamWriter::NextSheet(const std::string& name) {
  if (impl_->closed) return Error::Internal("xlsx: a sheet after Close()");
  HOPTAC_TRY(impl_->FinishSheet());
  return impl_->StartSheet(name);
}

Status XlsxStreamWriter::Close() {
  if (impl_->closed) return Ok();
  impl_->closed = true;
  return impl_->Finish();
}

}  // namespace hoptac::io
