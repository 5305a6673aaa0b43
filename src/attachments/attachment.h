// Files attached to records (a programme's decisions and plans; activities, petitions, loans and
// news next): which kinds are accepted, found from the bytes and never from the name or the type the
// client declared; the size limit; the name kept for the download. No I/O (attachment_store.h
// stores them).
//
// Accepted: PDF (%PDF-), DOCX and XLSX (a ZIP whose central directory names word/document.xml or
// xl/workbook.xml), PNG, JPEG and WebP. Anything else — a renamed .exe, an HTML page, a ZIP that is
// not an Office document, an old .doc — is refused, naming the kinds accepted.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace hoptac::attachments {

// The largest file kept: 10 MiB.
constexpr size_t kMaxBytes = size_t{10} << 20;
// The longest file name kept, in characters (code points).
constexpr size_t kMaxNameLength = 200;

enum class Kind { kPdf, kDocx, kXlsx, kPng, kJpeg, kWebp };

// The kind of `bytes` from their content, or nullopt when it is none of the accepted kinds.
std::optional<Kind> Sniff(std::string_view bytes);

// "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", …
const char* ContentType(Kind kind);
// "PDF", "DOCX", "XLSX", "PNG", "JPEG", "WebP".
const char* KindName(Kind kind);
// The usual extension without the dot: "pdf", "docx", "xlsx", "png", "jpg", "webp".
const char* Extension(Kind kind);
// "PDF, DOCX, XLSX, PNG, JPEG, WebP" (for messages).
std::string AcceptedKinds();

// The name a file is kept under, from the name a client gave (UTF-8, composed by the caller):
// the folders of a path dropped (after the last '/' or '\'), invalid UTF-8, control characters
// (C0, DEL, C1) and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
// removed, white space and dots trimmed at both ends; the kind's extension appended when the name
// does not end with it (a PDF named "bao-cao.docx" is kept as "bao-cao.docx.pdf", so it opens with
// the right program); cut to kMaxNameLength characters, keeping the extension. Vietnamese letters
// are kept. An empty result becomes "tai-lieu.<ext>".
std::string NormalizeFileName(std::string_view name, Kind kind);

// A file checked for keeping.
struct Checked {
  Kind kind;
  std::string name;  // NormalizeFileName
};

// Checks a file before it is kept. Errors, each with the field error on `field`:
//   kInvalidArgument "error.attachment_empty" (field code "empty") for 0 bytes;
//   kPayloadTooLarge "error.attachment_too_large" {size, limit} ("too_large") above kMaxBytes;
//   kInvalidArgument "error.attachment_type" {accepted} ("unsupported_type") for another kind.
Result<Checked> Check(std::string_view name, std::string_view bytes, const std::string& field = "file");

// Lower-case hexadecimal SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// PostgreSQL's text parameters cannot hold NUL bytes: BYTEA travels as base64 (`decode($n,
// 'base64')` in, `encode(data, 'base64')` out). Used by this module's store and by src/media.
std::string Base64(std::string_view bytes);
// Error kInternal when `text` is not base64 (line breaks and spaces, as encode() writes, are skipped).
Result<std::string> FromBase64(std::string_view text);

}  // namespace hoptac::attachments
