// The demo articles `hoptac demo` adds after the demo petitions: the news the alliances' portals
// carry — a dialogue with cooperatives, a programme signed with the Women's Union, a training
// course, a cooperative's OCOP rating, a trade fair, a project with the ILO, the 2023 law — each
// published a number of days before the day it is loaded, with an English version of the law's article. Written through
// the service (drafts, then published at their dates), so they are audited like any other.
// Idempotent: nothing is added when articles exist.
#pragma once

#include "news/news_service.h"
#include "registry/entity_service.h"

namespace hoptac::news {

// The number of articles added (0 when there were some already).
Result<int> LoadDemoArticles(NewsService& service, registry::EntityService& entities, const auth::Principal& who);

}  // namespace hoptac::news
