// The staff web application, under /app/ (Vite's `base`: web/vite.config.ts; its router's basename),
// answered by the router's fallback (every GET outside /api that names no route). Files come from
// Services::web_files (the build compiled into the binary; keys relative to the build, without /app/):
//   - /app/assets/… are content-hashed by Vite: cached for a year, immutable;
//   - other files (/app/favicon.svg) and index.html: revalidated on every use (no-cache);
//   - /app, /app/ and a path under /app/ that names no file and has no extension are client-side
//     routes (/app/registry/12): index.html, and the app's router takes over;
//   - a missing file (/app/assets/old-1234.js) is a 404;
//   - a gzipped copy ("<file>.gz") is sent to clients that accept gzip.
// The app's addresses before it moved under /app/ (kOldAppRoutes: /registry/12?tab=x, /login …) answer
// 301 to the same address under /app. GET / is the public portal's (portal/api); any other address
// that names nothing answers Services::not_found_page (the portal's 404 page) when it is set. The survey answer page
// (answer.html, for /s/{token}) is served by the surveys' routes through ServeWebFile; its script and styles are under
// /app/assets/ too. Without a build, /app and its routes answer a page that says how to build it.
#include <array>
#include <string>
#include <string_view>

#include "http/api.h"

namespace hoptac::http {
namespace {

// The first segments of the app's client-side routes before it moved under /app/ (the features'
// routes.tsx in web/src, and /login): their old addresses redirect.
constexpr std::array<std::string_view, 15> kOldAppRoutes = {
    "account", "activities", "admin",      "fund",     "imports", "login",   "partners", "petitions",
    "pivot",   "placements", "programmes", "registry", "reports", "surveys", "views"};
constexpr std::string_view kAppPrefix = "/app";

constexpr const char* kNotBuiltHtml = R"html(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>hoptac — giao diện web chưa được dựng / web application not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.55;color:#1a1a1a}
code,pre{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}pre{padding:.6rem .8rem;overflow:auto}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}</style></head>
<body><h1>hoptac: giao diện web chưa được dựng</h1>
<p>Máy chủ và API đang chạy, nhưng bản <code>hoptac</code> này được dựng khi chưa có ứng dụng web
(cần Node.js ≥ 20.19 và npm). Để dựng lại kèm giao diện web:</p>
<pre>scripts/install-deps.sh build   # cài nodejs và npm nếu thiếu
make build                        # npm ci, npm run build, rồi nhúng vào tệp chạy
make run</pre>
<h2 lang="en">hoptac: the web application was not built</h2>
<p lang="en">The server and its API are running, but this <code>hoptac</code> binary was built without the web
application (it needs Node.js ≥ 20.19 and npm). To build it in: install them
(<code>scripts/install-deps.sh build</code>), then <code>make build</code> (it runs <code>npm ci</code> and
<code>npm run build</code> in <code>web/</code> and embeds the result) and <code>make run</code>.</p>
<ul>
<li><a href="/healthz"><code>GET /healthz</code></a></li>
<li><a href="/api/v1/admin-units?level=province"><code>GET /api/v1/admin-units?level=province</code></a></li>
<li><a href="/metrics"><code>GET /metrics</code></a></li>
</ul></body></html>
)html";

constexpr const char* kPageNotBuiltHtml = R"html(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>hoptac — trang chưa được dựng / page not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.55}</style>
</head><body><h1>Trang này chưa được dựng</h1>
<p>Bản <code>hoptac</code> này được dựng khi chưa có ứng dụng web, nên chưa có trang để trả lời phiếu khảo sát.
Xin liên hệ Liên minh Hợp tác xã đã gửi đường dẫn này.</p>
<h2 lang="en">This page was not built</h2>
<p lang="en">This <code>hoptac</code> binary was built without its web application, so the page for answering the
survey is missing. Please contact the cooperative alliance that sent you this link.</p>
</body></html>
)html";

std::string_view ContentType(std::string_view path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// True when Accept-Encoding lists gzip (or *) without q=0.
bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding != "gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = params.substr(q + 2);
    // q=0, q=0.0, q=0.000 refuse; anything else accepts.
    bool zero = !value.empty() && value[0] == '0';
    for (size_t i = 1; zero && i < value.size() && value[i] != ' ' && value[i] != ';'; ++i)
      zero = value[i] == '.' || value[i] == '0';
    return !zero;
  }
  return false;
}

Response FileResponse(const Request& request, const Services& services, const std::string& path, std::string_view data,
                      std::string_view cache_control) {
  Response response = Response::Text(std::string(), std::string(ContentType(path)));
  auto zipped = services.web_files(path + ".gz");
  if (zipped) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (AcceptsGzip(request.Header("accept-encoding"))) {
      response.headers.emplace_back("Content-Encoding", "gzip");
      data = *zipped;
    }
  }
  response.body.assign(data);
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  return response;
}

// The app's file or client-side route `path` (relative to the build: "", "registry/12",
// "assets/index-AbC.js").
Result<Response> ServeApp(const Request& request, const Services& services, std::string_view relative) {
  std::optional<std::string_view> index;
  if (services.web_files) index = services.web_files("index.html");
  std::string path(relative);
  bool asset = path.rfind("assets/", 0) == 0;
  size_t slash = path.rfind('/');
  bool has_extension = path.find('.', slash == std::string::npos ? 0 : slash + 1) != std::string::npos;
  if (!index) {
    if (asset || has_extension) return Error::Make(ErrorCode::kNotFound, "error.route_not_found", {request.path});
    Response response = Response::Text(kNotBuiltHtml, "text/html; charset=utf-8");
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
  }
  // The gzipped copies are served only in place of their originals.
  bool gzipped_copy = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  if (!path.empty() && !gzipped_copy) {
    if (auto file = services.web_files(path)) {
      return FileResponse(request, services, path, *file, asset ? "public, max-age=31536000, immutable" : "no-cache");
    }
  }
  if (asset || has_extension) return Error::Make(ErrorCode::kNotFound, "error.route_not_found", {request.path});
  return FileResponse(request, services, "index.html", *index, "no-cache");
}

// True for an address of the app before it moved under /app/: "/registry", "/registry/12", "/login".
bool IsOldAppAddress(std::string_view path) {
  if (path.size() < 2 || path[0] != '/') return false;
  size_t end = path.find('/', 1);
  std::string_view first = end == std::string_view::npos ? path.substr(1) : path.substr(1, end - 1);
  for (std::string_view old : kOldAppRoutes)
    if (first == old) return true;
  return false;
}

// The fallback: the app under /app, its old addresses redirected, anything else not found.
Result<Response> Serve(const Request& request, const Services& services) {
  std::string_view path = request.path;
  if (path == kAppPrefix) return ServeApp(request, services, "");
  if (path.size() > kAppPrefix.size() && path.substr(0, kAppPrefix.size()) == kAppPrefix &&
      path[kAppPrefix.size()] == '/')
    return ServeApp(request, services, path.substr(kAppPrefix.size() + 1));
  if (IsOldAppAddress(path)) {
    // The raw target keeps the query and the path's encoding as the client sent them.
    std::string_view target = request.target;
    if (target.empty() || target[0] != '/') target = request.path;
    Response response = Response::Text(std::string(), "text/plain; charset=utf-8", 301);
    response.headers.emplace_back("Location", std::string(kAppPrefix) + std::string(target));
    return response;
  }
  if (services.not_found_page && path.rfind("/api/", 0) != 0) return services.not_found_page(request);
  return Error::Make(ErrorCode::kNotFound, "error.route_not_found", {request.path});
}

}  // namespace

Result<Response> ServeWebFile(const Request& request, const Services& services, const std::string& file) {
  if (services.web_files)
    if (auto data = services.web_files(file)) return FileResponse(request, services, file, *data, "no-cache");
  Response response = Response::Text(kPageNotBuiltHtml, "text/html; charset=utf-8");
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

void AddWebAppRoutes(Router& router, const Services& services) {
  router.SetFallback({"GET", "/*", "web", Access::kPublic, Execution::kInline,
                      [services](Request& request) -> Result<Response> { return Serve(request, services); }});
}

}  // namespace hoptac::http
