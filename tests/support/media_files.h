// Real small images made with libvips for the media tests (no checked-in binaries): JPEG, PNG and
// WebP of a given size whose left half is red and right half blue (with a little noise, so the
// files are not trivially small), a JPEG with an EXIF orientation, a JPEG whose header claims
// another size, and the pixel of a decoded image.
#pragma once

#include <vips/vips.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "media/image.h"

namespace hoptac::testing {

enum class ImageFormat { kJpeg, kPng, kWebp };

// `bands` 3 (RGB) or 4 (RGBA, half transparent on the right); `orientation` 0: no EXIF tag.
inline std::string MakeImage(ImageFormat format, int width, int height, int bands = 3, int orientation = 0) {
  if (!media::InitVips().ok()) return {};
  std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * bands);
  std::mt19937 random(static_cast<unsigned>(width * 31 + height));
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &pixels[(static_cast<size_t>(y) * width + x) * bands];
      const bool left = x < width / 2;
      const int noise = static_cast<int>(random() % 16);
      p[0] = static_cast<uint8_t>(left ? 230 + noise : 10 + noise);
      p[1] = static_cast<uint8_t>(20 + noise);
      p[2] = static_cast<uint8_t>(left ? 10 + noise : 230 + noise);
      if (bands == 4) p[3] = left ? 255 : 128;
    }
  }
  VipsImage* image =
      vips_image_new_from_memory_copy(pixels.data(), pixels.size(), width, height, bands, VIPS_FORMAT_UCHAR);
  if (!image) return {};
  image->Type = VIPS_INTERPRETATION_sRGB;
  if (orientation) vips_image_set_int(image, "orientation", orientation);
  void* buf = nullptr;
  size_t length = 0;
  int failed = format == ImageFormat::kJpeg  ? vips_jpegsave_buffer(image, &buf, &length, "Q", 90, nullptr)
               : format == ImageFormat::kPng ? vips_pngsave_buffer(image, &buf, &length, nullptr)
                                             : vips_webpsave_buffer(image, &buf, &length, "Q", 90, nullptr);
  g_object_unref(image);
  if (failed) return {};
  std::string out(static_cast<const char*>(buf), length);
  g_free(buf);
  return out;
}

// A JPEG whose frame header (SOF0) says width × height: nothing behind it holds that many pixels.
inline std::string JpegClaiming(int width, int height) {
  std::string jpeg = MakeImage(ImageFormat::kJpeg, 16, 16);
  for (size_t i = 2; i + 9 < jpeg.size(); ++i) {
    const unsigned char marker = static_cast<unsigned char>(jpeg[i + 1]);
    if (static_cast<unsigned char>(jpeg[i]) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
      jpeg[i + 5] = static_cast<char>(height >> 8);
      jpeg[i + 6] = static_cast<char>(height & 0xFF);
      jpeg[i + 7] = static_cast<char>(width >> 8);
      jpeg[i + 8] = static_cast<char>(width & 0xFF);
      return jpeg;
    }
  }
  return {};
}

struct Decoded {
  int width = 0, height = 0, bands = 0;
  bool has_exif = false, has_icc = false, has_xmp = false;
  int orientation = 0;
};

// Decodes an image (any format libvips reads) and tells its size and metadata.
inline Decoded Decode(const std::string& bytes) {
  Decoded d;
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!image) return d;
  d.width = vips_image_get_width(image);
  d.height = vips_image_get_height(image);
  d.bands = vips_image_get_bands(image);
  d.has_exif = vips_image_get_typeof(image, VIPS_META_EXIF_NAME) != 0;
  d.has_icc = vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0;
  d.has_xmp = vips_image_get_typeof(image, VIPS_META_XMP_NAME) != 0;
  d.orientation = vips_image_get_orientation(image);
  g_object_unref(image);
  return d;
}

// The pixel at (x, y) of an image (its bands), empty when it cannot be read.
inline std::vector<double> Pixel(const std::string& bytes, int x, int y) {
  std::vector<double> out;
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!image) return out;
  double* vector = nullptr;
  int n = 0;
  if (vips_getpoint(image, &vector, &n, x, y, nullptr) == 0) {
    out.assign(vector, vector + n);
    g_free(vector);
  }
  g_object_unref(image);
  return out;
}

}  // namespace hoptac::testing
