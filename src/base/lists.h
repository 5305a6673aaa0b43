// Comma lists: the one way a list of codes is written in a query parameter ("kind=cooperative,union")
// or kept in one column ("24,25"), read back and written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoptac {

// "a,b, c" → {"a", "b", "c"}: items trimmed of spaces, empty items dropped; "" → {}.
std::vector<std::string> SplitCommaList(std::string_view text);

// {"a", "b"} → "a,b".
std::string JoinCommaList(const std::vector<std::string>& items);

}  // namespace hoptac
