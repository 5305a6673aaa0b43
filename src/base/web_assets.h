// The built web application (the files `npm run build` writes for web/), compiled into the
// binary so hoptac stays one file. Paths are relative to the build folder, e.g. "index.html",
// "assets/index-3eGG73w3.js"; a compressible file may also be present gzipped as "<path>.gz".
//
// The implementation is generated at build time by cmake/EmbedWebFiles.cmake into the
// `hoptac_web_assets` library; when the app was not built (no npm), All() is empty.
// Thread-safety: immutable data.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "base/embedded.h"

namespace hoptac::web_assets {

std::span<const embedded::File> All();
// The contents of a built file, or nullopt.
std::optional<std::string_view> Find(std::string_view path);

}  // namespace hoptac::web_assets
