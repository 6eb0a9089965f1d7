// JSON for the domain types, shared by the HTTP API and the CLI's import and export.
//
// Readers are strict: unknown fields, wrong types and out-of-range values are errors that
// name the field, and nothing is applied from a body that has one.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/admin.h"
#include "app/master_list.h"
#include "app/records.h"
#include "app/session.h"
#include "app/sharing.h"
#include "core/intelligence.h"
#include "core/link.h"
#include "core/marking.h"
#include "core/master_list.h"
#include "core/nominal.h"
#include "core/organisation.h"
#include "core/threat.h"
#include "store/master_list_repository.h"

namespace rocta::json_codec {

using nlohmann::json;

// A body with no field but these: a misspelt field is an error, never silently ignored.
inline Status only_fields(const json& body, const std::vector<std::string>& allowed) {
  for (auto it = body.begin(); it != body.end(); ++it)
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      return invalid("unknown field '" + it.key() + "'", it.key());
  return Status::ok();
}

inline Result<std::string> string_field(const json& body, const std::string& field, bool required) {
  if (!body.contains(field)) {
    if (required) return invalid("field '" + field + "' is required", field);
    return std::string();
  }
  if (!body[field].is_string()) return invalid("field '" + field + "' is a string", field);
  return body[field].get<std::string>();
}

json to_json(const Marking& m);
json to_json(const Threat& t);
json to_json(const Nominal& n);
json to_json(const IntelligenceReport& r);
json to_json(const Link& l);
json to_json(const Agency& a);
json to_json(const Unit& u);
json to_json(const User& u);
json to_json(const Nomination& n);
json to_json(const MorileAssessment& a);
json to_json(const QueueStats& q);
json to_json(const StoredModel& m);
json to_json(const NominationView& v);
json to_json(const Signal& s);
template <typename Record>
json to_json(const Opened<Record>& o) {
  json j = to_json(o.record);
  j["links"] = json::array();
  for (const auto& l : o.links) j["links"].push_back(to_json(l));
  return j;
}

// `partial`: a PATCH body; only the fields present change. Otherwise a create body: the
// required fields must be present. A field "version" is refused here (the caller reads it).
Status apply(const json& body, Threat& t, bool partial);
Status apply(const json& body, Nominal& n, bool partial);
Status apply(const json& body, IntelligenceReport& r, bool partial);
Status apply(const json& body, Agency& a, bool partial);
Status apply(const json& body, Unit& u, bool partial);
Status apply(const json& body, User& u, bool partial, std::string* password /* create only */);
Status read_link(const json& body, Link& l);
// {"harm": [..] or {"physical": n, …}, "scope", "vulnerability", "likelihood",
//  "org": [..] or {"capacity gap": n, …}, "confidence", "assessment_type"}
Status read_assessment(const json& body, const MorileModel& model, AssessmentDraft& out);

// Reads and removes "version" (a whole number) from a PATCH body.
Result<int64_t> take_version(json& body);

}  // namespace rocta::json_codec
