#include "core/linkage.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/enum_names.h"
#include "core/text.h"
#include "core/user.h"

namespace rocta {
namespace {

constexpr std::pair<MatchStatus, std::string_view> kStatuses[] = {
    {MatchStatus::kReview, "review"},       {MatchStatus::kLinked, "linked"},
    {MatchStatus::kConfirmed, "confirmed"}, {MatchStatus::kRejected, "rejected"},
    {MatchStatus::kSeparated, "separated"},
};
constexpr std::pair<MatchDecision, std::string_view> kDecisions[] = {
    {MatchDecision::kConfirm, "confirm"},
    {MatchDecision::kReject, "reject"},
    {MatchDecision::kSeparate, "separate"},
};

Status not_applicable(MatchStatus current, MatchDecision decision) {
  return Status(Code::kFailedPrecondition, "a " + std::string(to_string(current)) + " match cannot be given '" +
                                               std::string(name_of(kDecisions, decision)) + "'");
}

}  // namespace

std::string_view to_string(MatchStatus s) { return name_of(kStatuses, s); }
std::optional<MatchStatus> parse_match_status(std::string_view s) { return value_of(kStatuses, s); }
std::optional<MatchDecision> parse_match_decision(std::string_view s) { return value_of(kDecisions, s); }

bool joins(MatchStatus s) { return s == MatchStatus::kLinked || s == MatchStatus::kConfirmed; }
bool decided(MatchStatus s) {
  return s == MatchStatus::kConfirmed || s == MatchStatus::kRejected || s == MatchStatus::kSeparated;
}

MatchStatus status_for(double probability, double link_probability) {
  return probability >= link_probability ? MatchStatus::kLinked : MatchStatus::kReview;
}

Result<MatchStatus> decide(MatchStatus current, MatchDecision decision, const std::string& note) {
  if (decision != MatchDecision::kConfirm && trim(note).size() < 5)
    return invalid("say why (at least 5 characters): the next reviewer reads it", "note");
  if (note.size() > 2000) return invalid("the note is longer than 2000 characters", "note");
  switch (decision) {
    case MatchDecision::kConfirm:
      // A person may confirm what waits for review or what the engine joined; a pair a
      // person kept apart is reopened by separating the other way, never confirmed over.
      if (current == MatchStatus::kReview || current == MatchStatus::kLinked) return MatchStatus::kConfirmed;
      break;
    case MatchDecision::kReject:
      if (current == MatchStatus::kReview) return MatchStatus::kRejected;
      break;
    case MatchDecision::kSeparate:
      // Undoing a join: the engine's or a person's.
      if (joins(current)) return MatchStatus::kSeparated;
      break;
  }
  return not_applicable(current, decision);
}

std::vector<int64_t> entity_of(int64_t start, const std::vector<NominalMatch>& matches, std::size_t cap) {
  std::multimap<int64_t, const NominalMatch*> by_nominal;
  for (const auto& m : matches) {
    by_nominal.emplace(m.nominal_a, &m);
    by_nominal.emplace(m.nominal_b, &m);
  }
  auto kept_apart = [&](int64_t x, const std::set<int64_t>& members) {
    auto [lo, hi] = by_nominal.equal_range(x);
    for (auto it = lo; it != hi; ++it) {
      const NominalMatch& m = *it->second;
      const int64_t other = m.nominal_a == x ? m.nominal_b : m.nominal_a;
      if ((m.status == MatchStatus::kRejected || m.status == MatchStatus::kSeparated) && members.contains(other))
        return true;
    }
    return false;
  };
  // Strongest join first: confirmed, then by probability, then by ids (deterministic).
  auto stronger = [](const NominalMatch* x, const NominalMatch* y) {
    const bool cx = x->status == MatchStatus::kConfirmed, cy = y->status == MatchStatus::kConfirmed;
    if (cx != cy) return cx;
    if (x->probability != y->probability) return x->probability > y->probability;
    return std::pair(x->nominal_a, x->nominal_b) < std::pair(y->nominal_a, y->nominal_b);
  };
  std::set<int64_t> members{start};
  std::vector<const NominalMatch*> frontier;
  auto add_edges_of = [&](int64_t x) {
    auto [lo, hi] = by_nominal.equal_range(x);
    for (auto it = lo; it != hi; ++it)
      if (joins(it->second->status)) frontier.push_back(it->second);
  };
  add_edges_of(start);
  while (!frontier.empty() && members.size() < cap) {
    auto best = std::min_element(frontier.begin(), frontier.end(), stronger);
    const NominalMatch* m = *best;
    frontier.erase(best);
    const bool has_a = members.contains(m->nominal_a), has_b = members.contains(m->nominal_b);
    if (has_a && has_b) continue;
    const int64_t next = has_a ? m->nominal_b : m->nominal_a;
    if (kept_apart(next, members)) continue;
    members.insert(next);
    add_edges_of(next);
  }
  return {members.begin(), members.end()};
}

Status validate_exclusion(const MatchExclusion& e) {
  static constexpr std::string_view kFields[] = {"given_name", "surname", "dob", "sex", "address", "postcode"};
  if (std::find(std::begin(kFields), std::end(kFields), e.field) == std::end(kFields))
    return invalid("field must be one of given_name, surname, dob, sex, address, postcode", "field");
  if (trim(e.value).empty() || e.value.size() > 500) return invalid("value is required (at most 500 characters)", "value");
  if (trim(e.reason).size() < 5 || e.reason.size() > 2000)
    return invalid("say why the value is no evidence (at least 5 characters)", "reason");
  if (!is_clean_text(e.value) || !is_clean_text(e.reason)) return invalid("text must be UTF-8 without control characters");
  return Status::ok();
}

bool may_review_matches(const User& u) {
  return u.active && (u.has(Role::kAnalyst) || u.has(Role::kRoctaAnalyst) || u.has(Role::kSiuOfficer));
}

bool may_run_matching(const User& u) {
  return u.active && (u.has(Role::kRoctaAnalyst) || u.has(Role::kAdministrator));
}

}  // namespace rocta
