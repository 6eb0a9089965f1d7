// Search across threats, nominals and intelligence reports: ranked full text with
// highlighted snippets and filters, the access policy inside the query (the store) and
// checked again here on every hit.
#pragma once

#include "app/app.h"
#include "store/page.h"
#include "store/search_repository.h"

namespace rocta {

// InvalidArgument when the text is empty or over 500 characters, a date is not
// YYYY-MM-DD, or the page is out of range (validate_page). Hits the caller may not read
// are never returned, and are not counted in the total. Showing OFFICIAL-SENSITIVE or
// SECRET hits is audited ("search", with the ids shown), as the lists do.
// With `area_id`: only threats and reports with a place in or meeting that loaded area
// (app/places.h records_in_area; nominals have no places), under the same policy; NotFound
// for an unknown area.
Result<Page<SearchHit>> search(App& app, const Caller& caller, const SearchQuery& query, int64_t area_id = 0);

}  // namespace rocta
