#include "io/xlsx.h"

#include <expat.h>
#include <zip.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "io/format_detect.h"
#include "io/xlsx_cell.h"

namespace hoptac::io {

namespace {

constexpr int kChunk = 64 * 1024;
constexpr int kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;

Error Invalid(std::string detail) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_invalid", {detail});
  error.detail = std::move(detail);
  return error;
}

Error IsXls(std::string detail) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_is_xls");
  error.detail = std::move(detail);
  return error;
}

Error TooLarge(const std::string& part, std::uint64_t limit) {
  Error error = Error::Make(ErrorCode::kPayloadTooLarge, "error.file_too_large", {std::to_string(limit >> 20)});
  error.detail = part + " inflates to more than " + std::to_string(limit) + " bytes";
  return error;
}

Error Unreadable(const std::string& path, std::string detail) {
  Error error = Error::Make(ErrorCode::kInvalidArgument, "error.file_unreadable",
                            {std::filesystem::path(path).filename().string()});
  error.detail = path + ": " + std::move(detail);
  return error;
}

// Elements and attributes are matched by local name: "x:c" (the OpenXML SDK's prefix) is
// "c", "r:id" is "id", "xml:space" is "space". Expat's namespace processing would resolve
// prefixes properly but costs a third of the parse time, and no OOXML part puts two
// elements of the same local name in different namespaces where we look.
std::string_view LocalName(const char* name) {
  std::string_view text(name);
  std::size_t colon = text.rfind(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

// The value of the attribute whose local name is `local` (any prefix; namespace
// declarations such as xmlns:r are not attributes here), or nullptr.
const char* FindAttribute(const char** attributes, std::string_view local) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (std::strncmp(attributes[i], "xmlns", 5) == 0) continue;
    if (LocalName(attributes[i]) == local) return attributes[i + 1];
  }
  return nullptr;
}

std::optional<long long> ParseInteger(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t')) text.remove_suffix(1);
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The text of one <t>: trimmed unless xml:space="preserve", escapes decoded.
std::string FinishText(std::string_view text, bool preserve) {
  if (!preserve) {
    constexpr std::string_view kSpace = " \t\r\n";
    std::size_t first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    text = text.substr(first, text.find_last_not_of(kSpace) - first + 1);
  }
  return DecodeEscapes(text);
}

bool PreserveSpace(const char** attributes) {
  const char* space = FindAttribute(attributes, "space");
  return space != nullptr && std::strcmp(space, "preserve") == 0;
}

bool EndsWith(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

// "xl/" + "worksheets/sheet1.xml", "/xl/x.xml", "../x.xml" → a zip part name.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::string joined =
      target.starts_with("/") ? std::string(target.substr(1)) : std::string(base_dir) + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& segment : segments) {
    if (!out.empty()) out.push_back('/');
    out += segment;
  }
  return out;
}

std::string DirectoryOf(std::string_view part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// --- expat plumbing ---------------------------------------------------------------------

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view) {}

  // Stops the parse; the part is then reported invalid with `why`.
  void Abort(std::string why) {
    if (failure_.empty()) failure_ = std::move(why);
    XML_StopParser(parser_, XML_FALSE);
  }
  const std::string& failure() const { return failure_; }
  void set_parser(XML_Parser parser) { parser_ = parser; }

 private:
  XML_Parser parser_ = nullptr;
  std::string failure_;
};

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  static_cast<XmlHandler*>(data)->Start(LocalName(name), attributes);
}
void XMLCALL OnEnd(void* data, const XML_Char* name) { static_cast<XmlHandler*>(data)->End(LocalName(name)); }
void XMLCALL OnText(void* data, const XML_Char* text, int length) {
  static_cast<XmlHandler*>(data)->Text(std::string_view(text, static_cast<std::size_t>(length)));
}
// OOXML never has a DTD; refusing it also rules out entity-expansion attacks.
void XMLCALL OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<XmlHandler*>(data)->Abort("a DTD is not allowed");
}

// One zip part parsed by expat, chunk by chunk, straight from the inflater.
class PartParser {
 public:
  static Result<std::unique_ptr<PartParser>> Open(zip_t* zip, const std::string& part, std::uint64_t limit,
                                                  XmlHandler& handler) {
    zip_int64_t index = zip_name_locate(zip, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Invalid("missing part " + part);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
      return Invalid(part + ": " + zip_strerror(zip));
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
      return IsXls(part + " is encrypted");
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limit) return TooLarge(part, limit);
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      int code = zip_error_code_zip(zip_get_error(zip));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        return IsXls(part + " is encrypted");
      return Invalid(part + ": " + zip_strerror(zip));
    }
    return std::unique_ptr<PartParser>(new PartParser(file, part, limit, handler));
  }

  ~PartParser() {
    if (file_ != nullptr) zip_fclose(file_);
    XML_ParserFree(parser_);
  }

  // Parses the next chunk (the handler sees its elements); false once the part has ended.
  Result<bool> Step() {
    if (file_ == nullptr) return false;
    void* buffer = XML_GetBuffer(parser_, kChunk);
    if (buffer == nullptr) return Error::Internal("expat: out of memory");
    zip_int64_t got = zip_fread(file_, buffer, kChunk);
    if (got < 0) return Invalid(part_ + ": " + zip_file_strerror(file_));
    total_ += static_cast<std::uint64_t>(got);
    if (total_ > limit_) return TooLarge(part_, limit_);
    bool final = got == 0;
    if (XML_ParseBuffer(parser_, static_cast<int>(got), final) == XML_STATUS_ERROR) {
      if (!handler_.failure().empty()) return Invalid(part_ + ": " + handler_.failure());
      return Invalid(part_ + " line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ": " +
                     XML_ErrorString(XML_GetErrorCode(parser_)));
    }
    if (final) {
      zip_fclose(file_);
      file_ = nullptr;
      return false;
    }
    return true;
  }

  Status ParseAll() {
    while (true) {
      HOPTAC_ASSIGN_OR_RETURN(bool more, Step());
      if (!more) return Ok();
    }
  }

 private:
  PartParser(zip_file_t* file, std::string part, std::uint64_t limit, XmlHandler& handler)
      : file_(file), part_(std::move(part)), limit_(limit), handler_(handler) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, &handler);
    XML_SetElementHandler(parser_, OnStart, OnEnd);
    XML_SetCharacterDataHandler(parser_, OnText);
    XML_SetStartDoctypeDeclHandler(parser_, OnDoctype);
    handler.set_parser(parser_);
  }

  zip_file_t* file_;
  std::string part_;
  std::uint64_t limit_;
  XmlHandler& handler_;
  XML_Parser parser_;
  std::uint64_t total_ = 0;
};

bool HasPart(zip_t* zip, const std::string& part) { return zip_name_locate(zip, part.c_str(), ZIP_FL_NOCASE) >= 0; }

Status ParsePart(zip_t* zip, const std::string& part, std::uint64_t limit, XmlHandler& handler) {
  HOPTAC_ASSIGN_OR_RETURN(auto parser, PartParser::Open(zip, part, limit, handler));
  return parser->ParseAll();
}

// --- the small parts ---------------------------------------------------------------------

struct Relationship {
  std::string id, type, target;
};

class RelationshipsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* mode = FindAttribute(attributes, "TargetMode");
    if (mode != nullptr && std::strcmp(mode, "External") == 0) return;
    const char* id = FindAttribute(attributes, "Id");
    const char* type = FindAttribute(attributes, "Type");
    const char* target = FindAttribute(attributes, "Target");
    if (id == nullptr || target == nullptr) return;
    relationships.push_back({id, type != nullptr ? type : "", target});
  }
  void End(std::string_view) override {}

  // The first relationship whose type ends with `suffix` ("/worksheet"), or nullptr.
  const Relationship* OfType(std::string_view suffix) const {
    for (const auto& relationship : relationships)
      if (EndsWith(relationship.type, suffix)) return &relationship;
    return nullptr;
  }
  const Relationship* WithId(std::string_view id) const {
    for (const auto& relationship : relationships)
      if (relationship.id == id) return &relationship;
    return nullptr;
  }

  std::vector<Relationship> relationships;
};

class WorkbookHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "sheet") {
      const char* sheet_name = FindAttribute(attributes, "name");
      const char* id = FindAttribute(attributes, "id");  // r:id
      sheets.push_back({sheet_name != nullptr ? sheet_name : "", id != nullptr ? id : ""});
    } else if (name == "workbookPr") {
      const char* date1904 = FindAttribute(attributes, "date1904");
      if (date1904 != nullptr && (std::strcmp(date1904, "1") == 0 || std::strcmp(date1904, "true") == 0))
        date_system = DateSystem::k1904;
    }
  }
  void End(std::string_view) override {}

  struct Sheet {
    std::string name, relationship_id;
  };
  std::vector<Sheet> sheets;
  DateSystem date_system = DateSystem::k1900;
};

// Shared strings, kept as one buffer plus offsets: ~1 allocation instead of one a string.
struct SharedStrings {
  std::string data;
  std::vector<std::size_t> offsets{0};
  std::size_t size() const { return offsets.size() - 1; }
  std::string_view at(std::size_t i) const {
    return std::string_view(data).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(SharedStrings& strings) : strings_(strings) {}
  void Start(std::string_view name, const char** attributes) override {
    if (name == "si") {
      in_item_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
      preserve_ = PreserveSpace(attributes);
      text_.clear();
    }
  }
  void End(std::string_view name) override {
    if (name == "t" && in_text_) {
      in_text_ = false;
      strings_.data += FinishText(text_, preserve_);
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      in_item_ = false;
      strings_.offsets.push_back(strings_.data.size());
    }
  }
  void Text(std::string_view text) override {
    if (in_text_) text_.append(text);
  }

 private:
  SharedStrings& strings_;
  bool in_item_ = false, in_text_ = false, preserve_ = false;
  int phonetic_depth_ = 0;
  std::string text_;
};

class StylesHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const char* id = FindAttribute(attributes, "numFmtId");
      const char* code = FindAttribute(attributes, "formatCode");
      if (auto value = id != nullptr ? ParseInteger(id) : std::nullopt; value && code != nullptr)
        custom_[static_cast<int>(*value)] = code;
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      const char* id = FindAttribute(attributes, "numFmtId");
      auto value = id != nullptr ? ParseInteger(id) : std::nullopt;
      format_ids_.push_back(value ? static_cast<int>(*value) : 0);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }

  // The kind of number format of each cell style (the `s` of a cell).
  std::vector<NumberFormatKind> Kinds() const {
    std::vector<NumberFormatKind> kinds;
    kinds.reserve(format_ids_.size());
    for (int id : format_ids_) {
      auto custom = custom_.find(id);
      kinds.push_back(custom != custom_.end() ? ClassifyNumberFormatCode(custom->second) : BuiltinNumberFormatKind(id));
    }
    return kinds;
  }

 private:
  std::map<int, std::string> custom_;
  std::vector<int> format_ids_;
  bool in_cell_formats_ = false;
};

// --- the sheet ---------------------------------------------------------------------------

struct PendingRow {
  int number = 0;
  std::vector<std::string> cells;
};

struct SheetContext {
  const SharedStrings* strings;
  const std::vector<NumberFormatKind>* kinds;
  DateSystem date_system;
};

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(SheetContext context, std::deque<PendingRow>& out) : context_(context), out_(out) {}

  void Start(std::string_view name, const char** attributes) override {
    if (name == "sheetData") {
      in_sheet_data_ = true;
      return;
    }
    if (!in_sheet_data_) return;
    if (name == "row") {
      const char* r = FindAttribute(attributes, "r");
      if (r != nullptr) {
        auto number = ParseInteger(r);
        if (!number || *number < 1 || *number > kMaxRows) return Abort(std::string("bad row number \"") + r + "\"");
        // Rows come in ascending order, each once (ECMA-376 §18.3.1.73; Excel repairs a file
        // that breaks it): a row number again would make "row N" of a report ambiguous.
        if (*number <= last_row_) return Abort(std::string("row ") + r + " after row " + std::to_string(last_row_));
        row_number_ = static_cast<int>(*number);
      } else {
        row_number_ = last_row_ + 1;
      }
      cells_.clear();
      next_column_ = 0;
    } else if (name == "c") {
      const char* r = FindAttribute(attributes, "r");
      if (r != nullptr) {
        int row = 0;
        if (!ParseCellReference(r, column_, row)) return Abort(std::string("bad cell reference \"") + r + "\"");
      } else {
        column_ = next_column_;
        if (column_ >= kMaxColumns) return Abort("more than 16384 columns");
      }
      const char* type = FindAttribute(attributes, "t");
      type_ = type != nullptr ? type : "n";
      const char* style = FindAttribute(attributes, "s");
      auto style_index = style != nullptr ? ParseInteger(style) : std::nullopt;
      style_ = style_index ? *style_index : 0;
      value_.clear();
      inline_.clear();
      in_cell_ = true;
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      capture_ = &value_;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
      text_.clear();
      preserve_ = PreserveSpace(attributes);
      capture_ = &text_;
    }
  }

  void End(std::string_view name) override {
    if (name == "sheetData") {
      in_sheet_data_ = false;
    } else if (!in_sheet_data_) {
      return;
    } else if (name == "v") {
      capture_ = nullptr;
    } else if (name == "t") {
      if (capture_ == &text_) inline_ += FinishText(text_, preserve_);
      capture_ = nullptr;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "c") {
      in_cell_ = false;
      capture_ = nullptr;
      std::string text = CellText();
      if (!text.empty()) {
        if (static_cast<std::size_t>(column_) >= cells_.size()) cells_.resize(static_cast<std::size_t>(column_) + 1);
        cells_[static_cast<std::size_t>(column_)] = std::move(text);
      }
      next_column_ = column_ + 1;
    } else if (name == "row") {
      if (!IsBlankRow(cells_)) out_.push_back({row_number_, std::move(cells_)});
      cells_.clear();
      last_row_ = row_number_;
    }
  }

  void Text(std::string_view text) override {
    if (capture_ != nullptr) capture_->append(text);
  }

 private:
  std::string CellText() {
    if (type_ == "s") {
      auto index = ParseInteger(value_);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= context_.strings->size()) {
        Abort("shared string index \"" + value_ + "\" out of range in " + ColumnName(column_) +
              std::to_string(row_number_));
        return {};
      }
      return std::string(context_.strings->at(static_cast<std::size_t>(*index)));
    }
    if (type_ == "inlineStr") return std::move(inline_);
    if (type_ == "str") return DecodeEscapes(value_);
    if (type_ == "b") {
      auto flag = ParseInteger(value_);
      if (flag) return *flag != 0 ? "TRUE" : "FALSE";
      return value_;
    }
    if (type_ == "e") return value_;
    if (type_ == "d") {  // ISO 8601 date cell (rare; strict OOXML)
      std::string_view text = value_;
      for (std::string_view midnight : {"T00:00:00Z", "T00:00:00.000Z", "T00:00:00", "T00:00:00.000"}) {
        if (text.ends_with(midnight)) {
          text.remove_suffix(midnight.size());
          break;
        }
      }
      return std::string(text);
    }
    // A number, maybe under a date format.
    if (value_.empty()) return {};
    if (style_ >= 0 && static_cast<std::size_t>(style_) < context_.kinds->size()) {
      NumberFormatKind kind = (*context_.kinds)[static_cast<std::size_t>(style_)];
      double serial = 0;
      auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), serial);
      if (kind != NumberFormatKind::kNumber && error == std::errc() && end == value_.data() + value_.size()) {
        if (auto text = SerialToText(serial, kind, context_.date_system)) return *text;
      }
    }
    return FormatNumber(value_);
  }

  SheetContext context_;
  std::deque<PendingRow>& out_;
  bool in_sheet_data_ = false, in_cell_ = false, in_inline_ = false, preserve_ = false;
  int phonetic_depth_ = 0;
  int row_number_ = 0, last_row_ = 0, column_ = 0, next_column_ = 0;
  long long style_ = 0;
  std::string type_, value_, inline_, text_;
  std::string* capture_ = nullptr;
  std::vector<std::string> cells_;
};

}  // namespace

// --- XlsxReader --------------------------------------------------------------------------

struct XlsxReader::Impl {
  ~Impl() {
    sheet_parser.reset();  // closes its zip entry before the archive goes
    if (zip != nullptr) zip_discard(zip);
  }

  Status Start();
  Result<bool> NextRow(PendingRow& row);

  std::string data;  // the file's bytes for FromString (libzip reads them in place)
  zip_t* zip = nullptr;
  XlsxReadOptions options;
  std::vector<std::string> sheet_names;
  std::string sheet_part;
  DateSystem date_system = DateSystem::k1900;
  SharedStrings strings;
  std::vector<NumberFormatKind> kinds;
  std::deque<PendingRow> pending;
  std::unique_ptr<SheetHandler> sheet_handler;
  std::unique_ptr<PartParser> sheet_parser;
  bool sheet_done = false;
  std::optional<Error> error;
  std::vector<std::string> header;
  int header_row = 0;
  bool no_header = false;
};

Status XlsxReader::Impl::Start() {
  const std::uint64_t limit = options.max_part_bytes;
  // The workbook part, through the package relationships.
  std::string workbook_part = "xl/workbook.xml";
  if (HasPart(zip, "_rels/.rels")) {
    RelationshipsHandler package;
    HOPTAC_TRY(ParsePart(zip, "_rels/.rels", limit, package));
    if (const Relationship* office = package.OfType("/officeDocument"))
      workbook_part = ResolveTarget("", office->target);
  }
  if (!HasPart(zip, workbook_part)) return Invalid("missing part " + workbook_part + " (not an Excel workbook)");
  WorkbookHandler workbook;
  HOPTAC_TRY(ParsePart(zip, workbook_part, limit, workbook));
  date_system = workbook.date_system;
  for (const auto& sheet : workbook.sheets) sheet_names.push_back(sheet.name);

  std::string base = DirectoryOf(workbook_part);
  std::string relationships_part = base + "_rels/" + workbook_part.substr(base.size()) + ".rels";
  RelationshipsHandler relationships;
  if (!HasPart(zip, relationships_part)) return Invalid("missing part " + relationships_part);
  HOPTAC_TRY(ParsePart(zip, relationships_part, limit, relationships));

  const Relationship* sheet = nullptr;
  for (const auto& candidate : workbook.sheets) {
    const Relationship* relationship = relationships.WithId(candidate.relationship_id);
    if (!options.sheet_name.empty()) {
      if (candidate.name != options.sheet_name) continue;
      if (relationship == nullptr) return Invalid("no relationship " + candidate.relationship_id + " for a sheet");
      sheet = relationship;
      break;
    }
    if (relationship != nullptr && EndsWith(relationship->type, "/worksheet")) {
      sheet = relationship;
      break;
    }
  }
  if (sheet == nullptr) {
    if (!options.sheet_name.empty())
      return Error::Make(ErrorCode::kInvalidArgument, "error.xlsx_sheet_not_found", {options.sheet_name});
    return Invalid("the workbook has no worksheet");
  }
  sheet_part = ResolveTarget(base, sheet->target);

  std::string strings_part = base + "sharedStrings.xml";
  if (const Relationship* relationship = relationships.OfType("/sharedStrings"))
    strings_part = ResolveTarget(base, relationship->target);
  if (HasPart(zip, strings_part)) {
    SharedStringsHandler handler(strings);
    HOPTAC_TRY(ParsePart(zip, strings_part, limit, handler));
  }
  std::string styles_part = base + "styles.xml";
  if (const Relationship* relationship = relationships.OfType("/styles"))
    styles_part = ResolveTarget(base, relationship->target);
  if (HasPart(zip, styles_part)) {
    StylesHandler handler;
    HOPTAC_TRY(ParsePart(zip, styles_part, limit, handler));
    kinds = handler.Kinds();
  }

  sheet_handler = std::make_unique<SheetHandler>(SheetContext{&strings, &kinds, date_system}, pending);
  HOPTAC_ASSIGN_OR_RETURN(sheet_parser, PartParser::Open(zip, sheet_part, limit, *sheet_handler));

  if (options.no_header) {
    no_header = true;
    return Ok();
  }
  PendingRow first;
  HOPTAC_ASSIGN_OR_RETURN(bool any, NextRow(first));
  if (any) {
    header = std::move(first.cells);
    header_row = first.number;
    TrimHeader(header);
  }
  return Ok();
}

Result<bool> XlsxReader::Impl::NextRow(PendingRow& row) {
  // Rows parsed before a failure in the same chunk are still delivered, then the error.
  while (pending.empty() && !sheet_done && !error) {
    auto more = sheet_parser->Step();
    if (!more.ok()) {
      error = more.error();
    } else if (!*more) {
      sheet_done = true;
    }
  }
  if (pending.empty()) {
    if (error) return *error;
    return false;
  }
  row = std::move(pending.front());
  pending.pop_front();
  return true;
}

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(const std::string& path, const XlsxReadOptions& options) {
  // An .xls (or an encrypted .xlsx) is an OLE2 file, not a zip: say so rather than "invalid".
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Unreadable(path, std::strerror(errno));
  char magic[8] = {};
  std::size_t got = std::fread(magic, 1, sizeof magic, file);
  std::fclose(file);
  if (got == 0) return Invalid("an empty file, not a zip archive");
  if (DetectFormat(std::string_view(magic, got)) == FileFormat::kXls) return IsXls(path + " is an OLE2 file");

  auto impl = std::make_unique<Impl>();
  impl->options = options;
  int code = 0;
  impl->zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (impl->zip == nullptr) {
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) return Invalid("not a zip archive, or a damaged one");
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT) return Unreadable(path, message);
    return Invalid(message);
  }
  HOPTAC_TRY(impl->Start());
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::FromString(std::string data, const XlsxReadOptions& options) {
  if (data.empty()) return Invalid("an empty file, not a zip archive");
  if (DetectFormat(data) == FileFormat::kXls) return IsXls("an OLE2 file");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->data = std::move(data);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(impl->data.data(), impl->data.size(), 0, &error);
  if (source != nullptr) {
    impl->zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (impl->zip == nullptr) zip_source_free(source);
  }
  if (impl->zip == nullptr) {
    int code = zip_error_code_zip(&error);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS) return Invalid("not a zip archive, or a damaged one");
    return Invalid(message);
  }
  zip_error_fini(&error);
  HOPTAC_TRY(impl->Start());
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

const std::vector<std::string>& XlsxReader::sheet_names() const { return impl_->sheet_names; }
const std::string& XlsxReader::sheet_part() const { return impl_->sheet_part; }
const std::vector<std::string>& XlsxReader::header() const { return impl_->header; }
int XlsxReader::header_row() const { return impl_->header_row; }

Result<bool> XlsxReader::Next(std::vector<std::string>& cells, int& source_row) {
  PendingRow row;
  HOPTAC_ASSIGN_OR_RETURN(bool more, impl_->NextRow(row));
  if (!more) return false;
  cells = std::move(row.cells);
  source_row = row.number;
  if (impl_->no_header) {
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    return true;
  }
  HOPTAC_TRY(FitRow(cells, impl_->header.size(), source_row));
  return true;
}

}  // namespace hoptac::io
