#include "media/image.h"

#include <vips/vips.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>

#include "base/log.h"

namespace hoptac::media {
namespace {

using attachments::Kind;

struct Unref {
  void operator()(VipsImage* image) const {
    if (image) g_object_unref(image);
  }
};
using ImagePtr = std::unique_ptr<VipsImage, Unref>;

// libvips' error buffer is one for the process: taken (and cleared) at once, for the log only.
std::string VipsError() {
  char* text = vips_error_buffer_copy();
  std::string out = text ? text : "";
  g_free(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

void LogVips(const gchar* domain, GLogLevelFlags, const gchar* message, gpointer) {
  log::Write(log::Level::kDebug, "libvips", {{"domain", domain ? domain : ""}, {"message", message ? message : ""}});
}

std::string Megapixels(int64_t pixels) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(pixels) / 1e6);
  return text;
}

Error Corrupt(Kind kind, const std::string& field, std::string detail) {
  Error e = Error::Make(ErrorCode::kInvalidArgument, "error.image_corrupt", {attachments::KindName(kind)});
  e.fields.push_back({field, "corrupt", "field.image_corrupt", {attachments::KindName(kind)}});
  e.detail = std::move(detail);
  return e;
}

// Opens an image for reading its header, with the loader of its kind (never one libvips would
// guess): nothing is decoded until pixels are asked for; `fail_on` turns a truncated or corrupt
// file into an error instead of a grey half-image.
ImagePtr Open(std::string_view bytes, Kind kind) {
  void* buf = const_cast<char*>(bytes.data());
  VipsImage* out = nullptr;
  int failed = -1;
  switch (kind) {
    case Kind::kJpeg:
      failed = vips_jpegload_buffer(buf, bytes.size(), &out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                    VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case Kind::kPng:
      failed = vips_pngload_buffer(buf, bytes.size(), &out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                   VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case Kind::kWebp:
      failed = vips_webpload_buffer(buf, bytes.size(), &out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                    VIPS_FAIL_ON_ERROR, nullptr);
      break;
    default: break;
  }
  if (failed) {
    if (out) g_object_unref(out);
    return nullptr;
  }
  return ImagePtr(out);
}

uint32_t Le32(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

// libvips 8.14's WebP writer adds an EXIF chunk of its own even with `strip` (resolution,
// orientation): the chunks EXIF, XMP and ICCP are dropped here and their flags cleared in VP8X, so
// a copy holds nothing but its pixels. A file this does not understand is left as it is.
void StripWebpMetadata(std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0) return;
  std::string out = webp.substr(0, 12);
  size_t at = 12;
  size_t vp8x = std::string::npos;
  while (at + 8 <= webp.size()) {
    const std::string_view fourcc(webp.data() + at, 4);
    const size_t length = Le32(webp, at + 4), padded = length + (length & 1);
    if (padded > webp.size() - at - 8) return;
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      if (fourcc == "VP8X") vp8x = out.size();
      out.append(webp, at, 8 + padded);
    }
    at += 8 + padded;
  }
  if (at != webp.size()) return;
  if (vp8x != std::string::npos && vp8x + 9 <= out.size()) out[vp8x + 8] = static_cast<char>(out[vp8x + 8] & ~0x2C);
  const uint32_t riff = static_cast<uint32_t>(out.size() - 8);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((riff >> (8 * i)) & 0xFF);
  webp = std::move(out);
}

Result<std::string> SaveWebp(VipsImage* image, Kind kind, const std::string& field) {
  void* buf = nullptr;
  size_t length = 0;
  if (vips_webpsave_buffer(image, &buf, &length, "Q", kWebpQuality, "strip", TRUE, nullptr)) {
    return Corrupt(kind, field, "webpsave: " + VipsError());
  }
  std::string out(static_cast<const char*>(buf), length);
  g_free(buf);
  StripWebpMetadata(out);
  return out;
}

}  // namespace

Status InitVips() {
  static std::once_flag once;
  static bool started = false;
  static std::string failure;
  std::call_once(once, [] {
    if (VIPS_INIT("hoptac")) {
      failure = VipsError();
      return;
    }
    // The server's workers are the parallelism: one thread per operation. No operation cache:
    // a buffer's loader is keyed by the buffer's address, which the next upload may reuse, and
    // nothing decoded should outlive its request.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // A truncated file is refused through fail_on; its warnings go to the debug log, not stderr.
    g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
                      LogVips, nullptr);
    started = true;
  });
  if (!started) return Error::Internal("libvips could not start: " + failure);
  return Ok();
}

std::string AcceptedKinds() { return "JPEG, PNG, WebP, PDF"; }

bool Accepted(Kind kind) { return kind == Kind::kPdf || IsImage(kind); }

bool IsImage(Kind kind) { return kind == Kind::kJpeg || kind == Kind::kPng || kind == Kind::kWebp; }

Result<Size> ReadHeader(std::string_view bytes, Kind kind, const std::string& field) {
  HOPTAC_TRY(InitVips());
  if (!IsImage(kind)) return Error::Internal("media::ReadHeader: not an image");
  ImagePtr image = Open(bytes, kind);
  if (!image) return Corrupt(kind, field, "header: " + VipsError());
  Size size{vips_image_get_width(image.get()), vips_image_get_height(image.get())};
  if (vips_image_get_orientation_swap(image.get())) std::swap(size.width, size.height);
  const int64_t pixels = int64_t{size.width} * size.height;
  if (size.width <= 0 || size.height <= 0) return Corrupt(kind, field, "header: no pixels");
  if (pixels > kMaxPixels) {
    const std::string limit = Megapixels(kMaxPixels);
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.image_too_many_pixels",
                          {std::to_string(size.width), std::to_string(size.height), Megapixels(pixels), limit});
    e.fields.push_back({field, "too_many_pixels", "field.image_too_many_pixels", {limit}});
    return e;
  }
  return size;
}

Result<Prepared> Prepare(std::string_view name, std::string_view bytes, const std::string& field) {
  if (bytes.empty()) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.attachment_empty");
    e.fields.push_back({field, "empty", "field.attachment_empty", {}});
    return e;
  }
  if (bytes.size() > kMaxBytes) {
    const std::string limit = std::to_string(kMaxBytes >> 20) + " MiB";
    Error e =
        Error::Make(ErrorCode::kPayloadTooLarge, "error.attachment_too_large", {std::to_string(bytes.size()), limit});
    e.fields.push_back({field, "too_large", "field.attachment_too_large", {limit}});
    return e;
  }
  std::optional<Kind> kind = attachments::Sniff(bytes);
  if (!kind || !Accepted(*kind)) {
    Error e = Error::Make(ErrorCode::kInvalidArgument, "error.image_type", {AcceptedKinds()});
    e.fields.push_back({field, "unsupported_type", "field.image_type", {AcceptedKinds()}});
    return e;
  }
  Prepared out;
  out.kind = *kind;
  out.content_type = attachments::ContentType(*kind);
  out.extension = attachments::Extension(*kind);
  out.name = attachments::NormalizeFileName(name, *kind);
  out.sha256 = attachments::Sha256Hex(bytes);
  if (!IsImage(*kind)) return out;

  HOPTAC_ASSIGN_OR_RETURN(Size size, ReadHeader(bytes, *kind, field));
  out.width = size.width;
  out.height = size.height;
  // The widest copy is made from the file (shrink-on-load, upright, in sRGB), decoded whole into
  // memory — which is where a truncated or corrupt file fails — and the narrower ones from it. An
  // image narrower than every width is still decoded once, so it is checked all the same.
  int widest = size.width;
  for (int w : kVariantWidths)
    if (w <= size.width) widest = w;
  VipsImage* thumb = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &thumb, widest, "height", VIPS_MAX_COORD,
                            "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_ERROR,
                            // 8.14 does not pass its own fail_on to a buffer's loader: the loader's options do.
                            "option_string", "fail_on=error", nullptr)) {
    if (thumb) g_object_unref(thumb);
    return Corrupt(*kind, field, "thumbnail: " + VipsError());
  }
  ImagePtr lazy(thumb);
  ImagePtr decoded(vips_image_copy_memory(lazy.get()));
  if (!decoded) return Corrupt(*kind, field, "decode: " + VipsError());
  lazy.reset();
  for (auto w = kVariantWidths.rbegin(); w != kVariantWidths.rend(); ++w) {
    if (*w > size.width) continue;
    ImagePtr resized;
    VipsImage* source = decoded.get();
    if (vips_image_get_width(source) != *w) {
      VipsImage* r = nullptr;
      if (vips_resize(source, &r, static_cast<double>(*w) / vips_image_get_width(source), nullptr)) {
        if (r) g_object_unref(r);
        return Corrupt(*kind, field, "resize: " + VipsError());
      }
      resized.reset(r);
      source = r;
    }
    Variant v;
    v.width = *w;
    v.height = vips_image_get_height(source);
    HOPTAC_ASSIGN_OR_RETURN(v.data, SaveWebp(source, *kind, field));
    out.variants.push_back(std::move(v));
  }
  std::reverse(out.variants.begin(), out.variants.end());
  return out;
}

}  // namespace hoptac::media
