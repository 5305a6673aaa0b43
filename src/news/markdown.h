// The articles' Markdown: CommonMark (libcmark, Debian's libcmark-dev) rendered to HTML with
// CMARK_OPT_SAFE — raw HTML is dropped (an HTML block or inline tag becomes a comment
// "<!-- raw HTML omitted -->"), and link and image destinations with the schemes javascript:,
// vbscript:, file: or data: (other than data:image/png|gif|jpeg|webp for images) are emptied.
// Nothing of the source can add a tag or an attribute: text is escaped, attributes are href,
// src, alt and title only. The server renders every body on save (articles.body_html) and the
// editor's preview with the same function.
//
// Thread-safety: pure function; thread-safe (cmark keeps no global state).
#pragma once

#include <string>
#include <string_view>

namespace hoptac::news {

// The sanitised HTML of a Markdown text (UTF-8; invalid bytes become U+FFFD).
std::string RenderMarkdown(std::string_view markdown);

}  // namespace hoptac::news
