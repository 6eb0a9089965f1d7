#include "core/marking.h"

#include "core/text.h"

namespace rocta {

std::string Marking::label() const {
  if (classification == Classification::kOfficial && sensitive) return "OFFICIAL-SENSITIVE";
  return std::string(to_string(classification));
}

std::string_view to_string(Classification c) {
  switch (c) {
    case Classification::kOfficial: return "OFFICIAL";
    case Classification::kSecret: return "SECRET";
    case Classification::kTopSecret: return "TOP SECRET";
  }
  return "OFFICIAL";
}

std::string_view to_string(HandlingCode h) { return h == HandlingCode::kC ? "C" : "P"; }

std::string_view to_string(SharingScope s) {
  switch (s) {
    case SharingScope::kOwnerOnly: return "owner";
    case SharingScope::kNamed: return "named";
    case SharingScope::kRegion: return "region";
    case SharingScope::kNational: return "national";
  }
  return "owner";
}

std::optional<Classification> parse_classification(std::string_view s) {
  const std::string u = upper(s);
  if (u == "OFFICIAL") return Classification::kOfficial;
  if (u == "SECRET") return Classification::kSecret;
  if (u == "TOP SECRET" || u == "TOP_SECRET" || u == "TOP-SECRET") return Classification::kTopSecret;
  return std::nullopt;
}

std::optional<HandlingCode> parse_handling_code(std::string_view s) {
  if (s == "P" || s == "p") return HandlingCode::kP;
  if (s == "C" || s == "c") return HandlingCode::kC;
  return std::nullopt;
}

std::optional<SharingScope> parse_sharing_scope(std::string_view s) {
  const std::string l = lower(s);
  if (l == "owner") return SharingScope::kOwnerOnly;
  if (l == "named") return SharingScope::kNamed;
  if (l == "region") return SharingScope::kRegion;
  if (l == "national") return SharingScope::kNational;
  return std::nullopt;
}

}  // namespace rocta
