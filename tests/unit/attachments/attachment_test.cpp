// The kinds of files src/attachments accepts, found from the bytes (a renamed .exe, an HTML page, a
// ZIP that is not an Office document are refused, whatever their names), the size limit, and the
// names files are kept under.
#include "attachments/attachment.h"

#include <gtest/gtest.h>

#include <string>

#include "io/xlsx_stream.h"
#include "support/attachment_files.h"
#include "support/temp_files.h"

namespace hoptac::attachments {
namespace {

using testing::JpegStart;
using testing::MinimalDocx;
using testing::MinimalPdf;
using testing::MinimalPng;
using testing::WebpStart;
using testing::ZipOf;

// A real workbook, written by the XLSX writer of src/io.
std::string RealXlsx() {
  const auto path = testing::TempDir("hoptac_attachments") / "book.xlsx";
  auto writer = io::XlsxStreamWriter::Create(path.string());
  EXPECT_TRUE(writer.ok());
  std::vector<std::string> row = {"Mã", "Tên"};
  EXPECT_TRUE((*writer)->WriteRow(std::span<const std::string>(row)).ok());
  EXPECT_TRUE((*writer)->Close().ok());
  return testing::ReadFile(path);
}

TEST(AttachmentSniff, RecognisesEachAcceptedKindFromItsBytes) {
  EXPECT_EQ(Sniff(MinimalPdf()), Kind::kPdf);
  const std::string docx = MinimalDocx();
  ASSERT_FALSE(docx.empty());
  EXPECT_EQ(Sniff(docx), Kind::kDocx);
  EXPECT_EQ(Sniff(RealXlsx()), Kind::kXlsx);
  EXPECT_EQ(Sniff(MinimalPng()), Kind::kPng);
  EXPECT_EQ(Sniff(JpegStart()), Kind::kJpeg);
  EXPECT_EQ(Sniff(WebpStart()), Kind::kWebp);
  EXPECT_STREQ(ContentType(Kind::kDocx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_STREQ(ContentType(Kind::kPdf), "application/pdf");
  EXPECT_EQ(AcceptedKinds(), "PDF, DOCX, XLSX, PNG, JPEG, WebP");
}

TEST(AttachmentSniff, RefusesOtherContentWhateverItsName) {
  // A Windows program renamed "quyet-dinh.pdf".
  const std::string exe = std::string("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF", 14) + "This program";
  EXPECT_EQ(Sniff(exe), std::nullopt);
  EXPECT_EQ(Sniff("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), std::nullopt);
  EXPECT_EQ(Sniff("%PD"), std::nullopt);
  EXPECT_EQ(Sniff(""), std::nullopt);
  // An old Word document (OLE compound file): not accepted.
  EXPECT_EQ(Sniff(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0')), std::nullopt);
  // A ZIP that is not an Office document, one that only mentions word/document.xml in a part's
  // content, and an Office-like ZIP without its content types.
  EXPECT_EQ(Sniff(ZipOf({{"readme.txt", "Xin chào"}})), std::nullopt);
  EXPECT_EQ(Sniff(ZipOf({{"[Content_Types].xml", "<Types/>"}, {"notes.txt", "word/document.xml"}})), std::nullopt);
  EXPECT_EQ(Sniff(ZipOf({{"word/document.xml", "<w:document/>"}})), std::nullopt);
  // A DOCX cut short loses its central directory.
  const std::string docx = MinimalDocx();
  EXPECT_EQ(Sniff(docx.substr(0, docx.size() - 30)), std::nullopt);
  EXPECT_EQ(Sniff(docx.substr(0, 30)), std::nullopt);
}

TEST(AttachmentCheck, RefusesEmptyTooLargeAndUnknownFilesNamingTheField) {
  auto empty = Check("a.pdf", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.error().key, "error.attachment_empty");
  ASSERT_EQ(empty.error().fields.size(), 1u);
  EXPECT_EQ(empty.error().fields[0].field, "file");
  EXPECT_EQ(empty.error().fields[0].code, "empty");

  std::string big = MinimalPdf();
  big.resize(kMaxBytes + 1, ' ');
  auto large = Check("a.pdf", big);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(large.error().key, "error.attachment_too_large");
  EXPECT_EQ(large.error().args.at(1), "10 MiB");
  EXPECT_EQ(large.error().fields.at(0).code, "too_large");
  big.resize(kMaxBytes);
  EXPECT_TRUE(Check("a.pdf", big).ok());  // exactly the limit is kept

  auto html = Check("trang.pdf", "<html><body>Xin chào</body></html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(html.error().key, "error.attachment_type");
  EXPECT_EQ(html.error().args.at(0), "PDF, DOCX, XLSX, PNG, JPEG, WebP");
  EXPECT_EQ(html.error().fields.at(0).field, "file");
  EXPECT_EQ(html.error().fields.at(0).code, "unsupported_type");

  auto pdf = Check("Quyết định 01.pdf", MinimalPdf());
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->kind, Kind::kPdf);
  EXPECT_EQ(pdf->name, "Quyết định 01.pdf");
}

TEST(AttachmentName, KeepsVietnameseDropsFoldersAndControlsAndEndsWithTheKindsExtension) {
  EXPECT_EQ(NormalizeFileName("Quyết định 01.pdf", Kind::kPdf), "Quyết định 01.pdf");
  EXPECT_EQ(NormalizeFileName("C:\\Users\\Lan\\Tài liệu\\Kế hoạch.docx", Kind::kDocx), "Kế hoạch.docx");
  EXPECT_EQ(NormalizeFileName("../../etc/passwd", Kind::kPdf), "passwd.pdf");
  EXPECT_EQ(NormalizeFileName("bao\ncao\t2025\x7f.PDF", Kind::kPdf), "baocao2025.PDF");
  // A right-to-left override would show "…fdp.exe" as "…exe.pdf".
  EXPECT_EQ(NormalizeFileName("hoa-don\xE2\x80\xAE"
                              "fdp.exe",
                              Kind::kPdf),
            "hoa-donfdp.exe.pdf");
  // Invalid UTF-8 is dropped, C1 controls too.
  EXPECT_EQ(NormalizeFileName("a\xC3(b\xC2\x85.png", Kind::kPng), "a(b.png");
  // The extension follows the content: a PDF named .docx gets .pdf after it.
  EXPECT_EQ(NormalizeFileName("bao-cao.docx", Kind::kPdf), "bao-cao.docx.pdf");
  EXPECT_EQ(NormalizeFileName("anh.JPEG", Kind::kJpeg), "anh.JPEG");
  EXPECT_EQ(NormalizeFileName("anh", Kind::kJpeg), "anh.jpg");
  // Nothing left: a default name.
  EXPECT_EQ(NormalizeFileName("", Kind::kXlsx), "tai-lieu.xlsx");
  EXPECT_EQ(NormalizeFileName(" .. ", Kind::kPdf), "tai-lieu.pdf");
  EXPECT_EQ(NormalizeFileName("folder/", Kind::kWebp), "tai-lieu.webp");
  EXPECT_EQ(NormalizeFileName("  Kế hoạch. ", Kind::kPdf), "Kế hoạch.pdf");
}

TEST(AttachmentName, IsCutToTwoHundredCharactersKeepingTheExtension) {
  std::string long_name;
  for (int i = 0; i < 150; ++i) long_name += "Đề";  // 300 characters, 2 of them per "Đề"
  const std::string kept = NormalizeFileName(long_name + ".pdf", Kind::kPdf);
  // 196 characters of the name, then ".pdf": 200 characters.
  std::string expected;
  for (int i = 0; i < 98; ++i) expected += "Đề";
  EXPECT_EQ(kept, expected + ".pdf");
  const std::string plain = NormalizeFileName(std::string(500, 'a'), Kind::kDocx);
  EXPECT_EQ(plain, std::string(195, 'a') + ".docx");
}

TEST(AttachmentSha256, IsLowerCaseHex) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace hoptac::attachments
