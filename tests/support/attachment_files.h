// Small real files of the kinds src/attachments accepts, made here (no checked-in binaries): a PDF
// with its cross-reference table, a 1×1 PNG, the start of a JPEG and of a WebP, and ZIPs made with
// libzip (which hoptac_io links): a DOCX (the parts Word needs), and a ZIP that is not an Office
// document.
#pragma once

#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_files.h"

namespace hoptac::testing {

// A one-page PDF 1.4 that readers open (the xref offsets are computed).
inline std::string MinimalPdf(const std::string& text = "Quyet dinh 01") {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> "
      ">> >>",
      "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  const std::string stream = "BT /F1 18 Tf 72 770 Td (" + text + ") Tj ET";
  objects[3] = "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream";
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A 1×1 transparent PNG (67 bytes; it holds NUL bytes).
inline std::string MinimalPng() {
  static const unsigned char kPng[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
      0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
      0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(kPng), sizeof kPng);
}

// The start of a JFIF JPEG (SOI, APP0).
inline std::string JpegStart() {
  return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
}

// The start of a lossy WebP (RIFF header, VP8 chunk).
inline std::string WebpStart() { return std::string("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00", 20); }

// A ZIP of `parts` (name, content), deflated, made with libzip; empty on failure.
inline std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& parts) {
  static std::atomic<int> counter{0};
  const std::filesystem::path path =
      TempDir("hoptac_attachments") / ("zip-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".zip");
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) return {};
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(zip, data.data(), data.size(), 0);
    if (source == nullptr || zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
      zip_discard(zip);
      return {};
    }
  }
  if (zip_close(zip) != 0) return {};
  std::string bytes = ReadFile(path);
  std::filesystem::remove(path);
  return bytes;
}

// A DOCX with the parts Word needs to open it: the content types, the package relationship and
// the document with one paragraph.
inline std::string MinimalDocx(const std::string& paragraph = "Quyết định số 01/QĐ-LMHTX") {
  return ZipOf(
      {{"[Content_Types].xml",
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
        R"(<Default Extension="xml" ContentType="application/xml"/>)"
        R"(<Override PartName="/word/document.xml" )"
        R"(ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
       {"_rels/.rels", R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                       R"(<Relationship Id="rId1" )"
                       R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" )"
                       R"(Target="word/document.xml"/></Relationships>)"},
       {"word/document.xml", R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                             R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
                             R"(<w:body><w:p><w:r><w:t>)" +
                                 paragraph + R"(</w:t></w:r></w:p></w:body></w:document>)"}});
}

}  // namespace hoptac::testing
