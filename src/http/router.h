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

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/request.h"

namespace hoptac::http {

enum class Execution {
  kInline,  // answers from memory; runs on an I/O thread
  kWorker,  // may block (database); runs on the worker pool
};

using Handler = std::function<Result<Response>(Request&)>;

struct Route {
  std::string method;   // "GET", "POST", "PATCH", "DELETE", "PUT"
  std::string pattern;  // "/api/v1/admin-units/{code}"
  std::string name;     // "admin_units.get"
  Execution execution = Execution::kWorker;
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: see allowed_methods
  std::vector<std::pair<std::string, std::string>> params;
  std::string allowed_methods;  // non-empty when the path matches with another method (405)
  size_t index = 0;             // position of route in the table (metrics)
};

class Router {
 public:
  // REQUIRES: no duplicate (method, pattern).
  void Add(Route route);
  // GET routes also answer HEAD.
  RouteMatch Match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // routes_[i].pattern split on '/'
};

}  // namespace hoptac::http
