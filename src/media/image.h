// The images and files of the public pages, checked and resized (no database: media_store.h keeps
// them). Accepted by content only (attachments::Sniff): JPEG, PNG and WebP, which are resized to a
// few widths for the pages, and PDF, kept as it is. An image's size is read from its header with
// libvips before any pixel is decoded, and an image above kMaxPixels is refused then; the variants
// are WebP (quality 80), kVariantWidths wide but never wider than the original, turned upright by
// the EXIF orientation, without metadata (EXIF, XMP, ICC: nothing of the camera or the place
// leaves). A file that cannot be decoded (truncated, corrupt) is refused with its own error.
//
// libvips is started once for the process (InitVips, called by Prepare and ReadHeader): one
// thread per operation (the server's workers are the parallelism) and no operation cache.
//
// Thread-safety: pure functions (libvips is thread-safe); safe from many threads at once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "attachments/attachment.h"
#include "base/result.h"

namespace hoptac::media {

// The largest file kept: 10 MiB, as attachments.
constexpr size_t kMaxBytes = attachments::kMaxBytes;
// The largest image accepted, in pixels (width × height of the header): 40 megapixels.
constexpr int64_t kMaxPixels = 40'000'000;
// The widths of the resized copies; an image narrower than one gets no copy of that width.
constexpr std::array<int, 3> kVariantWidths = {320, 640, 1280};
// The WebP quality of the copies.
constexpr int kWebpQuality = 80;

// "JPEG, PNG, WebP, PDF" (for messages).
std::string AcceptedKinds();
// Whether the kind is accepted here (JPEG, PNG, WebP, PDF), and whether it is an image (resized).
bool Accepted(attachments::Kind kind);
bool IsImage(attachments::Kind kind);

// The size of an image as its header says, EXIF orientation applied (a portrait photograph stored
// landscape with orientation 6 has width < height).
struct Size {
  int width = 0;
  int height = 0;
};

// Reads the header of a JPEG, PNG or WebP (nothing decoded). Errors on the field `field`:
//   kInvalidArgument "error.image_corrupt" ("corrupt") when the header cannot be read;
//   kInvalidArgument "error.image_too_many_pixels" {width, height, megapixels, limit}
//   ("too_many_pixels") above kMaxPixels.
Result<Size> ReadHeader(std::string_view bytes, attachments::Kind kind, const std::string& field = "file");

struct Variant {
  int width = 0;
  int height = 0;
  std::string data;  // WebP
};

// A file ready to keep.
struct Prepared {
  attachments::Kind kind = attachments::Kind::kPdf;
  std::string content_type;  // from the bytes
  std::string extension;     // "jpg", "png", "webp", "pdf"
  std::string name;          // attachments::NormalizeFileName
  int width = 0;             // 0 for a PDF
  int height = 0;
  std::string sha256;             // lower-case hex of the bytes
  std::vector<Variant> variants;  // narrowest first; none for a PDF
};

// Checks a file and makes its variants. `name` is the client's (composed, NFC, by the caller).
// Errors, each with a field error on `field`:
//   kInvalidArgument "error.attachment_empty" ("empty") for 0 bytes;
//   kPayloadTooLarge "error.attachment_too_large" {size, limit} ("too_large") above kMaxBytes;
//   kInvalidArgument "error.image_type" {accepted} ("unsupported_type") for any other content (an
//     HTML page named .jpg, a DOCX);
//   ReadHeader's; kInvalidArgument "error.image_corrupt" when the pixels cannot be decoded
//   (truncated, corrupt).
Result<Prepared> Prepare(std::string_view name, std::string_view bytes, const std::string& field = "file");

// Starts libvips once (std::call_once): concurrency 1, no operation cache, its warnings to the log.
// Error kInternal when it cannot start.
Status InitVips();

}  // namespace hoptac::media
