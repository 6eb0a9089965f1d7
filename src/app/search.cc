#include "app/search.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/places.h"
#include "app/records.h"
#include "core/text.h"
#include "store/page.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

Status validate(const SearchQuery& q) {
  ROCTA_RETURN_IF_ERROR(validate_page(q.page));
  if (q.text.empty()) return invalid("type something to search for", "q");
  if (q.text.size() > 500) return invalid("search text is at most 500 characters", "q");
  // A day that exists: "2026-13-45" is a mistake to say so, not a filter that finds nothing.
  if (!q.from_date.empty() && !is_iso_date(q.from_date)) return invalid("from is a date, YYYY-MM-DD", "from");
  if (!q.to_date.empty() && !is_iso_date(q.to_date)) return invalid("to is a date, YYYY-MM-DD", "to");
  if (!q.from_date.empty() && !q.to_date.empty() && q.from_date > q.to_date)
    return invalid("from must not be after to", "from");
  return Status::ok();
}

}  // namespace

Result<Page<SearchHit>> search(App& app, const Caller& caller, const SearchQuery& query, int64_t area_id) {
  ROCTA_RETURN_IF_ERROR(validate(query));
  Page<SearchHit> page;
  SearchQuery q = query;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    if (area_id) {
      q.ids.emplace();
      for (RecordKind kind : {RecordKind::kThreat, RecordKind::kIntelligence}) {
        ROCTA_ASSIGN_OR_RETURN((*q.ids)[kind], records_in_area(*tx, caller, area_id, kind));
      }
    }
    ROCTA_ASSIGN_OR_RETURN(page, tx->search().search(read_scope(caller.user), q));
  }
  auto in_area = [&](const SearchHit& h) {
    if (!q.ids) return true;
    auto it = q.ids->find(h.kind);
    return it != q.ids->end() && std::binary_search(it->second.begin(), it->second.end(), h.id);
  };
  nlohmann::json shown = nlohmann::json::array();
  for (const auto& h : page.items) {
    // Fail closed if the store ever returns what the policy denies, or what is not in the area.
    if (!can(caller.user, Action::kRead, h.kind, h.marking) || !in_area(h))
      return Status(Code::kInternal, "access check failed on a search hit; nothing shown");
    if (read_is_audited(h.marking)) shown.push_back({{"kind", to_string(h.kind)}, {"id", h.id}});
  }
  if (!shown.empty()) {
    nlohmann::json detail{{"shown", shown}};
    ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"search", "", 0, detail.dump()}));
  }
  return page;
}

}  // namespace rocta
