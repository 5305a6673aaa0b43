#include "http/router.h"

#include <cstdio>
#include <cstdlib>

namespace hoptac::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  if (path.empty() || path[0] != '/') return out;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

const char* AccessName(Access access) {
  switch (access) {
    case Access::kPublic: return "public";
    case Access::kAuthenticated: return "authenticated";
    case Access::kAdmin: return "admin";
  }
  return "public";
}

void Router::Add(Route route) {
  if (route.execution == Execution::kInline && route.access != Access::kPublic) {
    std::fprintf(stderr, "hoptac: inline route %s must be public (authentication reads the database)\n",
                 route.name.c_str());
    std::abort();
  }
  if (!route.credentials && (route.access != Access::kPublic || route.method != "GET")) {
    std::fprintf(stderr, "hoptac: route %s reads no credentials: it must be a public GET\n", route.name.c_str());
    std::abort();
  }
  std::vector<std::string> segments;
  for (auto part : SplitPath(route.pattern)) segments.emplace_back(part);
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      std::fprintf(stderr, "hoptac: route %s %s registered twice\n", route.method.c_str(), route.pattern.c_str());
      std::abort();
    }
  }
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
}

void Router::SetFallback(Route route) {
  if (route.execution != Execution::kInline || route.access != Access::kPublic) {
    std::fprintf(stderr, "hoptac: fallback route %s must be inline and public\n", route.name.c_str());
    std::abort();
  }
  fallback_ = std::move(route);
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch match;
  auto parts = SplitPath(path);
  // A trailing slash names the same resource ("/api/v1/admin-units/").
  if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  std::string_view effective = method == "HEAD" ? "GET" : method;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    if (segments_[i].size() != parts.size()) continue;
    bool ok = true;
    for (size_t s = 0; s < parts.size() && ok; ++s) {
      const std::string& seg = segments_[i][s];
      bool param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
      ok = param ? !parts[s].empty() : seg == parts[s];
    }
    if (!ok) continue;
    if (route.method != effective) {
      if (match.allowed_methods.find(route.method) == std::string::npos) {
        if (!match.allowed_methods.empty()) match.allowed_methods += ", ";
        match.allowed_methods += route.method;
      }
      continue;
    }
    match.route = &route;
    match.index = i;
    match.params.clear();
    for (size_t s = 0; s < parts.size(); ++s) {
      const std::string& seg = segments_[i][s];
      if (seg.size() > 2 && seg.front() == '{')
        match.params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[s]));
    }
    return match;
  }
  bool api = path == "/api" || path.substr(0, 5) == "/api/";
  if (fallback_ && match.allowed_methods.empty() && effective == "GET" && !api && !path.empty() && path[0] == '/') {
    match.route = &*fallback_;
    match.index = routes_.size();
  }
  return match;
}

}  // namespace hoptac::http
