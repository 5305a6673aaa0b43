#include "news/markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace hoptac::news {

std::string RenderMarkdown(std::string_view markdown) {
  // CMARK_OPT_SAFE: raw HTML omitted, unsafe link schemes emptied (the default since cmark 0.29,
  // named so that a change of default cannot unsafen us); VALIDATE_UTF8: bad bytes → U+FFFD.
  const int options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;
  std::unique_ptr<char, decltype(&std::free)> html(cmark_markdown_to_html(markdown.data(), markdown.size(), options),
                                                   &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace hoptac::news
