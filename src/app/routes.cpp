// The HTTP route table: the kernel's routes, then one line per capability.
#include "registry/api/routes.h"

#include "activities/api/routes.h"
#include "app/system.h"
#include "fund/api/routes.h"
#include "http/api.h"
#include "http/media.h"
#include "news/api/routes.h"
#include "petitions/api/routes.h"
#include "portal/api/routes.h"
#include "portal/pages.h"
#include "products/api/routes.h"
#include "programmes/api/routes.h"
#include "reporting/api/routes.h"
#include "surveys/api/routes.h"
#include "views/api/routes.h"

namespace hoptac::app {

std::shared_ptr<http::Router> System::BuildRouter() {
  http::Services kernel;
  kernel.db = db_.get();
  kernel.admin_units = admin_units_;
  kernel.metrics = metrics_;
  kernel.accounts = accounts_.get();
  kernel.version = options_.version;
  kernel.web_files = options_.web_files;
  kernel.metrics_token = options_.metrics_token;
  portal::api::Services portal{portal_content_.get(), {}};
  portal.options.base_url = options_.public_url;
  // An address that names nothing: the portal's own "page not found", in the reader's language.
  kernel.not_found_page = [options = portal.options](const http::Request& request) {
    i18n::Lang lang = request.Query("lang").value_or("") == "en" ? i18n::Lang::kEn : i18n::Lang::kVi;
    portal::Rendered page = portal::RenderNotFound(options, lang);
    http::Response response = http::Response::Text(std::move(page.body), page.content_type, 404);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  };

  registry::api::Services registry{db_.get(),    admin_units_,       entities_.get(),      figures_.get(),
                                   index_.get(), import_jobs_.get(), import_records_.get()};
  reporting::api::Services reporting{reports_.get(), data_value_sets_.get(), admin_units_.get()};
  views::api::Services views{views_.get()};
  programmes::api::Services programmes{programmes_.get()};
  activities::api::Services activities{activities_.get()};
  surveys::api::Services surveys{surveys_.get(), kernel};
  petitions::api::Services petitions{petitions_.get()};
  fund::api::Services fund{fund_.get()};
  media::MediaService* media = media_.get();
  news::api::Services news{news_.get()};
  products::api::Services products{products_.get()};
  return http::BuildRouter(kernel,
                           {
                               [registry](http::Router& router) { registry::api::AddRoutes(router, registry); },
                               [reporting](http::Router& router) { reporting::api::AddRoutes(router, reporting); },
                               [views](http::Router& router) { views::api::AddRoutes(router, views); },
                               [programmes](http::Router& router) { programmes::api::AddRoutes(router, programmes); },
                               [activities](http::Router& router) { activities::api::AddRoutes(router, activities); },
                               [surveys](http::Router& router) { surveys::api::AddRoutes(router, surveys); },
                               [petitions](http::Router& router) { petitions::api::AddRoutes(router, petitions); },
                               [fund](http::Router& router) { fund::api::AddRoutes(router, fund); },
                               [media](http::Router& router) { http::AddMediaRoutes(router, media); },
                               [news](http::Router& router) { news::api::AddRoutes(router, news); },
                               [products](http::Router& router) { products::api::AddRoutes(router, products); },
                               [portal](http::Router& router) { portal::api::AddRoutes(router, portal); },
                           });
}

}  // namespace hoptac::app
