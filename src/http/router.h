// Router: the route table of the API and how a request finds its handler.
//
// A route is a method, a path pattern with `{name}` segments, a stable name (used
// in metrics and logs), an execution class and a handler. Handlers that may block
// (anything touching the database) run on the worker pool; only handlers that
// answer from memory in microseconds may run inline on the I/O threads.
// The route table is also the list of endpoints the OpenAPI document must cover
// and, later, the list the access-matrix test walks.
//
// Thread-safety: built once before the server starts, then read-only.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/request.h"

namespace hoptac::http {

enum class Execution {
  kInline,  // answers from memory; runs on an I/O thread
  kWorker,  // may block (database); runs on the worker pool
  kHeavy,   // CPU- and memory-heavy (argon2id password hashing); runs on its own small
            // pool, so a burst of sign-ins cannot take the workers that answer everything else
};

// Who may call a route at all; finer scope (province, entity) is the services' job.
enum class Access {
  kPublic,         // anyone; credentials, when sent on a worker route, are still checked
  kAuthenticated,  // any signed-in account or API token
  kAdmin,          // national_admin or province_admin
};

const char* AccessName(Access access);

using Handler = std::function<Result<Response>(Request&)>;
// Runs before every kWorker handler: authenticates and enforces Access and CSRF.
struct Route;
using Guard = std::function<Status(const Route&, Request&)>;

struct Route {
  std::string method;   // "GET", "POST", "PATCH", "DELETE", "PUT"
  std::string pattern;  // "/api/v1/admin-units/{code}"
  std::string name;     // "admin_units.get"
  Access access = Access::kPublic;
  Execution execution = Execution::kWorker;  // kInline routes must be kPublic
  Handler handler;
  // A larger request body than ServerOptions::body_limit (file uploads), and the time
  // allowed to receive it; 0: the server's defaults.
  size_t body_limit = 0;
  std::chrono::milliseconds body_timeout{0};
  // false: the guard reads no credentials (the caller stays anonymous), so the answer keeps its
  // own Cache-Control — for public files that are the same for everyone (GET /media/{name}).
  // REQUIRES: kPublic and GET when false.
  bool credentials = true;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: see allowed_methods
  std::vector<std::pair<std::string, std::string>> params;
  std::string allowed_methods;  // non-empty when the path matches with another method (405)
  size_t index = 0;             // position of route in the table (metrics)
};

class Router {
 public:
  // REQUIRES: no duplicate (method, pattern); kInline routes are kPublic.
  void Add(Route route);
  void SetGuard(Guard guard) { guard_ = std::move(guard); }
  // Authenticates and authorises a request for a kWorker route (ok without a guard).
  Status Check(const Route& route, Request& request) const { return guard_ ? guard_(route, request) : Ok(); }
  // The route for GET and HEAD requests whose path matches no route and lies outside /api
  // (the web application's files and its client-side routes, e.g. /registry/12). It is not
  // part of routes(); Match() reports it with index == routes().size().
  // REQUIRES: kInline and kPublic (it answers from memory).
  void SetFallback(Route route);
  const Route* fallback() const { return fallback_ ? &*fallback_ : nullptr; }
  // GET routes also answer HEAD.
  RouteMatch Match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::optional<Route> fallback_;
  Guard guard_;
  std::vector<std::vector<std::string>> segments_;  // routes_[i].pattern split on '/'
};

}  // namespace hoptac::http
