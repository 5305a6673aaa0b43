// The portal's writing primitives: HTML/XML escaping, URL query encoding, slugs, times.
//
// Every text that reaches a page goes through Escape (text and attribute contexts alike:
// & < > " ' are all replaced, so the same function is safe in both, and in XML). C0 control
// characters other than tab, line feed and carriage return are dropped: they are not allowed
// in XML 1.0 and mean nothing in HTML. URLs are built only from slugs, ids, codes and
// percent-encoded query values (QueryEncode), then escaped as attributes.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.h"

namespace hoptac::portal {

// Appends `text` escaped for HTML text, HTML attribute values (quoted) and XML.
void AppendEscaped(std::string& out, std::string_view text);
std::string Escape(std::string_view text);

// Percent-encodes a query value (UTF-8): everything but A-Z a-z 0-9 - . _ ~ as %XX.
std::string QueryEncode(std::string_view value);

// The URL slug of a name: text::Fold, every run of other characters than a-z 0-9 → '-',
// no '-' at the ends, at most 80 characters cut at a '-'. "HTX Nông nghiệp Đồng Tâm" →
// "htx-nong-nghiep-dong-tam". Empty when nothing is left.
std::string Slugify(std::string_view name);

// A cooperative's slug: Slugify(name) + "-" + id, or the id alone when the name leaves nothing.
std::string EntitySlug(std::string_view name, int64_t id);
// The id at the end of an entity slug ("htx-dong-tam-345" → 345, "345" → 345), or 0.
int64_t EntityIdFromSlug(std::string_view slug);

// The day in Việt Nam (UTC+07:00) of a Unix time in milliseconds.
Date VietnamDate(int64_t unix_ms);
// RFC 822 date-time in UTC as RSS wants it: "Sun, 06 Dec 2026 01:24:26 +0000".
std::string Rfc822(int64_t unix_ms);
// ISO 8601 in Việt Nam time: "2026-12-06T08:24:26+07:00" (Open Graph, <time datetime>).
std::string IsoVietnam(int64_t unix_ms);

}  // namespace hoptac::portal
