// Use cases on commodities: phones (deal lines), vehicles, addresses and bank accounts an
// OCG uses. They are marked records: recorded by writers of nominals for their own agency,
// read under the same policy, linked to people and threats with POST /api/v1/links
// (kind "commodity"), and drawn in the network (app/network.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/app.h"
#include "app/records.h"
#include "core/commodity.h"
#include "store/repository_transaction.h"

namespace rocta {

// Fills the reference, version and timestamps; the owner defaults to the caller's agency.
// A closing disruption must be one of a threat the caller may read.
Result<Commodity> record_commodity(App& app, const Caller& caller, Commodity draft);
Result<Commodity> record_commodity_in(Transaction& tx, App& app, const Caller& caller, Commodity draft);
// `change` edits a copy of the stored commodity; `expected_version` is the version the
// caller read (Conflict when someone changed it since). Its kind and owner stay; audited.
Result<Commodity> update_commodity(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                   const std::function<Status(Commodity&)>& change);
// Closes a commodity (a deal line cut off) on `closed` (YYYY-MM-DD), by the disruption that
// closed it (0: none known), as update_commodity.
Result<Commodity> close_commodity(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                  const std::string& closed, int64_t disruption_id);
// InvalidArgument unless the closing disruption, if any, exists and is of a threat the
// caller may read (a reference never confirms what the caller may not see).
Status check_closing_disruption(Transaction& tx, const Caller& caller, const Commodity& c);
// NotFound when absent or not readable; with the links whose other end the caller reads.
Result<Opened<Commodity>> open_commodity(App& app, const Caller& caller, int64_t id);

}  // namespace rocta
