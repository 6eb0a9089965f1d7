// Use cases on commodities: phones (deal lines), vehicles, addresses and bank accounts an
// OCG uses. They are marked records: recorded by writers of nominals for their own agency,
// read under the same policy, linked to people and threats with POST /api/v1/links
// (kind "commodity"), and drawn in the network (app/network.h).
#pragma once

#include <cstdint>

#include "app/app.h"
#include "app/records.h"
#include "core/commodity.h"
#include "store/repository_transaction.h"

namespace rocta {

// Fills the reference, version and timestamps; the owner defaults to the caller's agency.
// A closing disruption must be one of a threat the caller may read.
Result<Commodity> record_commodity(App& app, const Caller& caller, Commodity draft);
Result<Commodity> record_commodity_in(Transaction& tx, App& app, const Caller& caller, Commodity draft);
// NotFound when absent or not readable; with the links whose other end the caller reads.
Result<Opened<Commodity>> open_commodity(App& app, const Caller& caller, int64_t id);

}  // namespace rocta
