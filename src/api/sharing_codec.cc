#include "api/sharing_codec.h"

namespace rocta::json_codec {

json to_json(const SharingAgreement& a) {
  return {{"id", a.id},
          {"giver", a.giver},
          {"receiver", a.receiver},
          {"max_classification", to_string(a.max_classification)},
          {"min_scope", to_string(a.min_scope)},
          {"purpose", a.purpose},
          {"signals", a.signals},
          {"active", a.active},
          {"version", a.version},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

json to_json(const AccessRequest& r) {
  return {{"id", r.id},
          {"requester_id", r.requester_id},
          {"requester_agency", r.requester_agency},
          {"record_kind", r.record_kind},
          {"record_id", r.record_id},
          {"holder_agency", r.holder_agency},
          {"compartment", r.compartment},
          {"purpose", r.purpose},
          {"status", to_string(r.status)},
          {"decided_by", r.decided_by ? json(r.decided_by) : json(nullptr)},
          {"decision_note", r.decision_note},
          {"created_at", iso_timestamp(r.created_ms)},
          {"decided_at", r.decided_ms ? json(iso_timestamp(r.decided_ms)) : json(nullptr)}};
}

json to_json(const Dissemination& d) {
  return {{"id", d.id}, {"report_id", d.report_id}, {"to_agency", d.to_agency},
          {"to_unit_id", d.to_unit_id ? json(d.to_unit_id) : json(nullptr)}, {"by", d.by},
          {"at", iso_timestamp(d.at_ms)}, {"note", d.note}};
}

// The agreement fields a body may set; giver and receiver only on creation.
Status apply_agreement(const json& body, SharingAgreement& a, bool create) {
  std::vector<std::string> allowed{"max_classification", "min_scope", "purpose", "signals", "active", "version"};
  if (create) allowed.insert(allowed.end(), {"giver", "receiver"});
  ROCTA_RETURN_IF_ERROR(only_fields(body, allowed));
  if (create) {
    ROCTA_ASSIGN_OR_RETURN(a.giver, string_field(body, "giver", true));
    ROCTA_ASSIGN_OR_RETURN(a.receiver, string_field(body, "receiver", true));
  }
  ROCTA_ASSIGN_OR_RETURN(std::string cls, string_field(body, "max_classification", create));
  if (!cls.empty()) {
    auto v = parse_classification(cls);
    if (!v) return invalid("field 'max_classification' is OFFICIAL, SECRET or TOP SECRET", "max_classification");
    a.max_classification = *v;
  }
  ROCTA_ASSIGN_OR_RETURN(std::string scope, string_field(body, "min_scope", create));
  if (!scope.empty()) {
    auto v = parse_sharing_scope(scope);
    if (!v) return invalid("field 'min_scope' is named, region or national", "min_scope");
    a.min_scope = *v;
  }
  if (body.contains("purpose")) {
    ROCTA_ASSIGN_OR_RETURN(a.purpose, string_field(body, "purpose", true));
  }
  for (auto [field, target] : {std::pair{"signals", &a.signals}, std::pair{"active", &a.active}}) {
    if (!body.contains(field)) continue;
    if (!body[field].is_boolean()) return invalid(std::string("field '") + field + "' is true or false", field);
    *target = body[field].get<bool>();
  }
  return Status::ok();
}

}  // namespace rocta::json_codec
