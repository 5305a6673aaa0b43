// The media files checked and resized (src/media/image.h): real JPEG, PNG and WebP images made with
// libvips, a header that claims 48 megapixels refused before any decoding, an EXIF-rotated JPEG
// whose copies are upright and without metadata, truncated and garbage files refused with their
// own error (never a crash), a PDF kept without copies, an HTML page named .jpg refused.
#include "media/image.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "support/attachment_files.h"
#include "support/media_files.h"

namespace hoptac::media {
namespace {

using testing::ImageFormat;
using testing::MakeImage;

std::string FieldCode(const Error& e) { return e.fields.empty() ? "" : e.fields[0].field + ":" + e.fields[0].code; }

std::vector<int> Widths(const Prepared& p) {
  std::vector<int> out;
  for (const Variant& v : p.variants) out.push_back(v.width);
  return out;
}

TEST(MediaImage, JpegGetsThreeWebpCopiesNeverWiderThanItAndItsSizeFromTheHeader) {
  const std::string jpeg = MakeImage(ImageFormat::kJpeg, 1600, 1067);
  ASSERT_FALSE(jpeg.empty());
  auto p = Prepare("hội nghị.jpg", jpeg);
  ASSERT_TRUE(p.ok()) << p.error().key << " " << p.error().detail;
  EXPECT_EQ(p->content_type, "image/jpeg");
  EXPECT_EQ(p->extension, "jpg");
  EXPECT_EQ(p->name, "hội nghị.jpg");
  EXPECT_EQ(p->width, 1600);
  EXPECT_EQ(p->height, 1067);
  EXPECT_EQ(p->sha256, attachments::Sha256Hex(jpeg));
  EXPECT_EQ(Widths(*p), (std::vector<int>{320, 640, 1280}));
  // 1067 × w / 1600, rounded: 213, 427, 854.
  const std::vector<std::pair<int, int>> expected = {{320, 213}, {640, 427}, {1280, 854}};
  for (size_t i = 0; i < p->variants.size(); ++i) {
    const Variant& v = p->variants[i];
    EXPECT_EQ(attachments::Sniff(v.data), attachments::Kind::kWebp);
    testing::Decoded d = testing::Decode(v.data);
    EXPECT_EQ(d.width, expected[i].first);
    EXPECT_NEAR(d.height, expected[i].second, 1);
    EXPECT_EQ(v.height, d.height);
    EXPECT_FALSE(d.has_exif);
    EXPECT_FALSE(d.has_icc);
    EXPECT_FALSE(d.has_xmp);
    // Left red, right blue, as the original.
    auto left = testing::Pixel(v.data, d.width / 4, d.height / 2),
         right = testing::Pixel(v.data, 3 * d.width / 4, d.height / 2);
    ASSERT_EQ(left.size(), 3u);
    ASSERT_EQ(right.size(), 3u);
    EXPECT_GT(left[0], 180);
    EXPECT_LT(left[2], 80);
    EXPECT_LT(right[0], 80);
    EXPECT_GT(right[2], 180);
  }
  // The copies are smaller than the original.
  EXPECT_LT(p->variants.back().data.size(), jpeg.size());
}

TEST(MediaImage, PngAndWebpToo_AlphaKept_NarrowerImagesGetFewerCopies) {
  const std::string png = MakeImage(ImageFormat::kPng, 700, 300, 4);
  auto a = Prepare("logo", png);
  ASSERT_TRUE(a.ok()) << a.error().key << " " << a.error().detail;
  EXPECT_EQ(a->content_type, "image/png");
  EXPECT_EQ(a->name, "logo.png");
  EXPECT_EQ(a->width, 700);
  EXPECT_EQ(a->height, 300);
  EXPECT_EQ(Widths(*a), (std::vector<int>{320, 640}));  // 1280 > 700
  testing::Decoded d = testing::Decode(a->variants[1].data);
  EXPECT_EQ(d.width, 640);
  EXPECT_NEAR(d.height, 274, 1);  // 300 × 640 / 700 = 274.3
  EXPECT_EQ(d.bands, 4);
  auto right = testing::Pixel(a->variants[1].data, 600, 100);
  ASSERT_EQ(right.size(), 4u);
  EXPECT_NEAR(right[3], 128, 3);

  const std::string webp = MakeImage(ImageFormat::kWebp, 2000, 1000);
  auto b = Prepare("anh.webp", webp);
  ASSERT_TRUE(b.ok()) << b.error().key << " " << b.error().detail;
  EXPECT_EQ(b->content_type, "image/webp");
  EXPECT_EQ(Widths(*b), (std::vector<int>{320, 640, 1280}));
  EXPECT_EQ(b->variants[0].height, 160);
  EXPECT_EQ(b->variants[2].height, 640);

  // Exactly 320 wide: one copy of 320; narrower: none (but still decoded whole).
  auto c = Prepare("x.jpg", MakeImage(ImageFormat::kJpeg, 320, 200));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Widths(*c), (std::vector<int>{320}));
  auto e = Prepare("x.jpg", MakeImage(ImageFormat::kJpeg, 200, 100));
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->variants.empty());
  EXPECT_EQ(e->width, 200);
}

TEST(MediaImage, ExifOrientationIsAppliedToTheSizeAndTheCopies) {
  // Stored 800 × 400, left red and right blue, with orientation 6 (turn 90° clockwise to show):
  // shown 400 × 800 with red on top and blue below.
  const std::string jpeg = MakeImage(ImageFormat::kJpeg, 800, 400, 3, 6);
  ASSERT_EQ(testing::Decode(jpeg).orientation, 6);
  auto p = Prepare("doc.jpg", jpeg);
  ASSERT_TRUE(p.ok()) << p.error().key << " " << p.error().detail;
  EXPECT_EQ(p->width, 400);
  EXPECT_EQ(p->height, 800);
  ASSERT_EQ(Widths(*p), (std::vector<int>{320}));
  testing::Decoded d = testing::Decode(p->variants[0].data);
  EXPECT_EQ(d.width, 320);
  EXPECT_EQ(d.height, 640);
  EXPECT_FALSE(d.has_exif);
  EXPECT_EQ(d.orientation, 1);
  auto top = testing::Pixel(p->variants[0].data, 160, 80), bottom = testing::Pixel(p->variants[0].data, 160, 560);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_GT(top[0], 180);
  EXPECT_LT(top[2], 80);
  EXPECT_LT(bottom[0], 80);
  EXPECT_GT(bottom[2], 180);
}

TEST(MediaImage, AHeaderAbove40MegapixelsIsRefusedBeforeDecoding) {
  // 6000 × 8000 = 48 MP claimed by a 16 × 16 file: refused from the header (decoding would fail
  // as corrupt instead).
  const std::string big = testing::JpegClaiming(6000, 8000);
  ASSERT_FALSE(big.empty());
  auto header = ReadHeader(big, attachments::Kind::kJpeg);
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().key, "error.image_too_many_pixels");
  EXPECT_EQ(header.error().args, (std::vector<std::string>{"6000", "8000", "48.0", "40.0"}));
  auto p = Prepare("big.jpg", big);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(p.error().key, "error.image_too_many_pixels");
  EXPECT_EQ(FieldCode(p.error()), "file:too_many_pixels");
  EXPECT_EQ(p.error().fields[0].args, (std::vector<std::string>{"40.0"}));
  // 8000 × 5000 is exactly 40 MP: the header passes.
  auto edge = ReadHeader(testing::JpegClaiming(8000, 5000), attachments::Kind::kJpeg);
  ASSERT_TRUE(edge.ok()) << edge.error().key;
  EXPECT_EQ(edge->width, 8000);
  auto over = ReadHeader(testing::JpegClaiming(8000, 5001), attachments::Kind::kJpeg);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().key, "error.image_too_many_pixels");
  // Past the header, libjpeg reads the missing scan as grey behind a warning (not an error, which
  // fail_on=error would refuse): it is kept at its size, not refused for its pixels.
  auto decoded = Prepare("edge.jpg", testing::JpegClaiming(8000, 5000));
  if (decoded.ok()) {
    EXPECT_EQ(decoded->width, 8000);
    EXPECT_EQ(decoded->variants.size(), 3u);
  } else {
    EXPECT_EQ(decoded.error().key, "error.image_corrupt");
  }
}

TEST(MediaImage, TruncatedFilesAreRefusedAsCorrupt) {
  for (ImageFormat f : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kWebp}) {
    const std::string whole = MakeImage(f, 900, 600);
    ASSERT_TRUE(Prepare("a", whole).ok());
    for (size_t keep : {whole.size() / 2, whole.size() * 9 / 10, size_t{40}, size_t{12}}) {
      auto p = Prepare("a", whole.substr(0, keep));
      ASSERT_FALSE(p.ok()) << static_cast<int>(f) << " kept " << keep;
      EXPECT_EQ(p.error().key, "error.image_corrupt") << static_cast<int>(f) << " kept " << keep;
      EXPECT_EQ(FieldCode(p.error()), "file:corrupt");
      EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(MediaImage, GarbageAndDamagedFilesNeverCrash) {
  std::mt19937 random(19);
  const std::vector<std::string> originals = {MakeImage(ImageFormat::kJpeg, 300, 200),
                                              MakeImage(ImageFormat::kPng, 300, 200),
                                              MakeImage(ImageFormat::kWebp, 300, 200)};
  // The magic of each kind followed by noise.
  for (const std::string& magic : {std::string("\xFF\xD8\xFF"), std::string("\x89PNG\r\n\x1a\n", 8),
                                   std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)}) {
    std::string bytes = magic;
    for (int i = 0; i < 2000; ++i) bytes.push_back(static_cast<char>(random()));
    auto p = Prepare("x", bytes);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().key, "error.image_corrupt");
  }
  // Random cuts and flipped bytes: either kept or refused with one of the media's errors.
  const std::set<std::string> allowed = {"error.image_corrupt", "error.image_too_many_pixels"};
  int refused = 0;
  for (int round = 0; round < 150; ++round) {
    std::string bytes = originals[round % 3];
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < flips; ++i) bytes[8 + random() % (bytes.size() - 8)] = static_cast<char>(random());
    if (round % 2) bytes.resize(16 + random() % (bytes.size() - 16));
    auto p = Prepare("x", bytes);
    if (!p.ok()) {
      ++refused;
      EXPECT_TRUE(allowed.count(p.error().key)) << p.error().key << " " << p.error().detail;
    } else {
      for (const Variant& v : p->variants) EXPECT_EQ(attachments::Sniff(v.data), attachments::Kind::kWebp);
    }
  }
  EXPECT_GT(refused, 50);  // every cut one at least
}

TEST(MediaImage, PdfIsKeptAsItIsWithoutCopies) {
  const std::string pdf = testing::MinimalPdf();
  auto p = Prepare("Quyết định.pdf", pdf);
  ASSERT_TRUE(p.ok()) << p.error().key;
  EXPECT_EQ(p->content_type, "application/pdf");
  EXPECT_EQ(p->extension, "pdf");
  EXPECT_EQ(p->name, "Quyết định.pdf");
  EXPECT_EQ(p->width, 0);
  EXPECT_TRUE(p->variants.empty());
  EXPECT_EQ(p->sha256, attachments::Sha256Hex(pdf));
}

TEST(MediaImage, OtherContentIsRefusedWhateverItsName) {
  for (const std::string& bytes : {std::string("<!DOCTYPE html><html><script>alert(1)</script></html>"),
                                   std::string("<svg xmlns='http://www.w3.org/2000/svg'/>"),
                                   std::string("MZ\x90\x00\x03", 5), std::string("GIF89a\x01\x00\x01\x00", 10)}) {
    auto p = Prepare("anh-dep.jpg", bytes);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().key, "error.image_type");
    EXPECT_EQ(p.error().args, (std::vector<std::string>{"JPEG, PNG, WebP, PDF"}));
    EXPECT_EQ(FieldCode(p.error()), "file:unsupported_type");
  }
  auto empty = Prepare("a.jpg", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().key, "error.attachment_empty");
  std::string big = MakeImage(ImageFormat::kJpeg, 16, 16);
  big.resize(kMaxBytes + 1, '\0');
  auto large = Prepare("a.jpg", big);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(large.error().key, "error.attachment_too_large");
  EXPECT_EQ(FieldCode(large.error()), "file:too_large");
}

}  // namespace
}  // namespace hoptac::media
