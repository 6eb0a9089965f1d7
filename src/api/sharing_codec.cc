#include "api/sharing_codec.h"

namespace rocta::json_codec {

json to_json(const SharingAgreement& a) {
  json subjects = json::array();
  for (auto subject : a.subjects) subjects.push_back(to_string(subject));
  return {{"id", a.id},
          {"giver", a.giver},
          {"receiver", a.receiver},
          {"max_classification", to_string(a.max_classification)},
          {"min_scope", to_string(a.min_scope)},
          {"purpose", a.purpose},
          {"signals", a.signals},
          {"active", a.active},
          {"subjects", subjects},
          {"capability_of", a.capability_of},
          {"starts_on", a.starts_on.empty() ? json(nullptr) : json(a.starts_on)},
          {"ends_on", a.ends_on.empty() ? json(nullptr) : json(a.ends_on)},
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

namespace {

Result<std::vector<std::string>> string_list(const json& body, const char* field) {
  std::vector<std::string> out;
  if (!body[field].is_array()) return invalid(std::string("field '") + field + "' is a list of strings", field);
  for (const auto& v : body[field]) {
    if (!v.is_string()) return invalid(std::string("field '") + field + "' is a list of strings", field);
    out.push_back(v.get<std::string>());
  }
  return out;
}

// Subjects, whose capability and dates; core/sharing.h judges what they mean together.
Status apply_agreement_terms(const json& body, SharingAgreement& a) {
  if (body.contains("subjects")) {
    ROCTA_ASSIGN_OR_RETURN(auto names, string_list(body, "subjects"));
    a.subjects.clear();
    for (const auto& n : names) {
      auto subject = parse_agreement_subject(n);
      if (!subject) return invalid("field 'subjects' takes records and capability, not '" + n + "'", "subjects");
      a.subjects.push_back(*subject);
    }
  }
  if (body.contains("capability_of")) {
    ROCTA_ASSIGN_OR_RETURN(a.capability_of, string_list(body, "capability_of"));
  }
  for (auto [field, target] : {std::pair{"starts_on", &a.starts_on}, std::pair{"ends_on", &a.ends_on}}) {
    if (!body.contains(field)) continue;
    if (body[field].is_null()) target->clear();
    else if (body[field].is_string()) *target = body[field].get<std::string>();
    else return invalid(std::string("field '") + field + "' is YYYY-MM-DD or null", field);
  }
  return Status::ok();
}

}  // namespace

// The agreement fields a body may set; giver and receiver only on creation.
Status apply_agreement(const json& body, SharingAgreement& a, bool create) {
  std::vector<std::string> allowed{"max_classification", "min_scope", "purpose", "signals", "active", "version",
                                   "subjects", "capability_of", "starts_on", "ends_on"};
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
  return apply_agreement_terms(body, a);
}

}  // namespace rocta::json_codec
