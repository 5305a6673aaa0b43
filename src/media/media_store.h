// The only SQL of the tables media_images and media_variants (migration 0024): the files of the
// public pages and the resized copies of the images. The service (media_service.h) checks who may
// write and appends the audit row with the same Connection; ImageRefs is what other modules (the
// portal's adapter in src/app) read to show images: many ids in one query.
//
// Names: an original is /media/{id}-{sha256[0:8]}.{ext}, a copy /media/{id}-{sha256[0:8]}-{width}.webp;
// the hash part keeps the addresses of images not yet published from being guessed by counting.
//
// Thread-safety: each function works in the caller's transaction (a Connection).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "media/image.h"
#include "storage/db.h"

namespace hoptac::media {

struct VariantRef {
  int width = 0;
  std::string url;  // "/media/5-3f2a9c1e-320.webp"
};

// What a page needs to show an image (or link a PDF).
struct ImageRef {
  int64_t id = 0;
  std::string content_type;  // "image/jpeg", "application/pdf"
  std::string url;           // "/media/5-3f2a9c1e.jpg"
  int width = 0;             // as displayed; 0 for a PDF
  int height = 0;
  std::vector<VariantRef> variants;  // narrowest first; empty for a PDF
};

// A kept file without its bytes.
struct Image {
  ImageRef ref;
  std::string name;
  int64_t bytes = 0;
  std::string sha256;
  std::string created_by;
  int64_t created_at_ms = 0;
};

// "/media/{id}-{hash8}.{ext}" and "/media/{id}-{hash8}-{width}.webp".
std::string OriginalUrl(int64_t id, std::string_view sha256, std::string_view content_type);
std::string VariantUrl(int64_t id, std::string_view sha256, int width);

// Keeps a prepared file and its copies; returns it with its id.
Result<Image> Insert(storage::Connection& conn, const Prepared& file, std::string_view bytes,
                     const std::string& created_by, int64_t created_at_ms);
// One file without its bytes; nullopt when there is none.
Result<std::optional<Image>> Find(storage::Connection& conn, int64_t id);
// The references of the files `ids` (one query; duplicates allowed); ids without a file are absent.
Result<std::map<int64_t, ImageRef>> ImageRefs(storage::Connection& conn, std::span<const int64_t> ids);

// The bytes behind a /media/ name.
struct MediaFile {
  std::string content_type;
  std::string name;  // the original's name (for a PDF's Content-Disposition)
  std::string etag;  // "\"<sha256>\"" or "\"<sha256>-<width>\"", quotes included
  std::string data;
};
// The file a /media/ name stands for (the part after "/media/"): nullopt when the name is not one
// the server gave, the id has no file, the hash part or the extension is not its own, or the
// image has no copy of that width.
Result<std::optional<MediaFile>> LoadFile(storage::Connection& conn, std::string_view name);

// The names of the files `ids` for the audit log ("image" rows).
Status ReadImageNames(storage::Connection& conn, std::span<const int64_t> ids, std::map<int64_t, std::string>& names);

}  // namespace hoptac::media
