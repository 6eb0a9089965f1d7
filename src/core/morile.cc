#include "core/morile.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"

namespace rocta {
namespace {

const MorileChoice* find_choice(const std::vector<MorileChoice>& choices, const std::string& name) {
  for (const auto& c : choices)
    if (lower(c.name) == lower(name)) return &c;
  return nullptr;
}

std::string names_of(const std::vector<MorileChoice>& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

}  // namespace

const MorileModel& default_morile_model() {
  static const MorileModel kModel{
      1,
      "Rocta default model",
      {"physical", "psychological", "financial", "community", "environmental"},
      4,
      {{"local", 100}, {"force", 120}, {"regional", 140}, {"national", 160}, {"international", 180}},
      {{"none", 100}, {"some", 125}, {"high", 150}},
      {"remote", "highly unlikely", "unlikely", "realistic possibility", "likely", "highly likely", "almost certain"},
      {"capacity gap", "capability gap", "public expectation"},
      4,
      {300, 180, 90, 30},
      90,
  };
  return kModel;
}

const MorileModel& capacity_morile_model() {
  static const MorileModel kModel = [] {
    MorileModel m = default_morile_model();
    m.version = 2;
    m.name = "Rocta model with capacity from capability records";
    m.org_elements = {kMorileCapacityElement, "capability gap", "public expectation"};
    return m;
  }();
  return kModel;
}

int capacity_element_index(const MorileModel& m) {
  for (size_t i = 0; i < m.org_elements.size(); ++i)
    if (m.org_elements[i] == kMorileCapacityElement) return static_cast<int>(i);
  return -1;
}

Status validate_morile_model(const MorileModel& m) {
  if (m.version < 1) return invalid("model version must be 1 or more", "version");
  if (m.harm_elements.empty() || m.harm_max < 1) return invalid("a model needs harm elements and a harm scale", "harm_elements");
  if (m.scopes.empty() || m.vulnerabilities.empty()) return invalid("a model needs scope and vulnerability multipliers");
  for (const auto* list : {&m.scopes, &m.vulnerabilities})
    for (const auto& c : *list)
      if (c.name.empty() || c.hundredths < 1 || c.hundredths > 10000) return invalid("multiplier '" + c.name + "' out of range");
  if (m.likelihoods.size() < 2) return invalid("a likelihood yardstick needs at least two levels", "likelihoods");
  if (m.org_max < 0) return invalid("organisational position scale must not be negative", "org_max");
  if (m.tier_floors.empty() || !std::is_sorted(m.tier_floors.rbegin(), m.tier_floors.rend()) ||
      std::adjacent_find(m.tier_floors.begin(), m.tier_floors.end()) != m.tier_floors.end())
    return invalid("tier floors must be given from tier 1 down, strictly decreasing", "tier_floors");
  if (m.reassess_after_days < 1) return invalid("reassessment interval must be at least a day", "reassess_after_days");
  return Status::ok();
}

std::string_view to_string(Confidence c) {
  switch (c) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "medium";
}

std::optional<Confidence> parse_confidence(std::string_view s) {
  const auto l = lower(s);
  if (l == "low") return Confidence::kLow;
  if (l == "medium") return Confidence::kMedium;
  if (l == "high") return Confidence::kHigh;
  return std::nullopt;
}

Result<MorileScore> score(const MorileModel& m, const MorileFactors& f) {
  if (f.harm.size() != m.harm_elements.size())
    return invalid("give one harm score for each of: " + std::to_string(m.harm_elements.size()) + " harm elements", "harm");
  MorileScore s;
  for (size_t i = 0; i < f.harm.size(); ++i) {
    if (f.harm[i] < 0 || f.harm[i] > m.harm_max)
      return invalid(m.harm_elements[i] + " harm is scored 0 to " + std::to_string(m.harm_max), "harm");
    s.base_harm += f.harm[i];
  }
  const MorileChoice* scope = find_choice(m.scopes, f.scope);
  if (!scope) return invalid("geographic scope is one of: " + names_of(m.scopes), "scope");
  const MorileChoice* vuln = find_choice(m.vulnerabilities, f.vulnerability);
  if (!vuln) return invalid("victim vulnerability is one of: " + names_of(m.vulnerabilities), "vulnerability");
  auto lik = std::find_if(m.likelihoods.begin(), m.likelihoods.end(), [&](const std::string& l) { return lower(l) == lower(f.likelihood); });
  if (lik == m.likelihoods.end()) return invalid("likelihood is a level of the probability yardstick", "likelihood");
  s.likelihood_score = static_cast<int>(lik - m.likelihoods.begin()) + 1;
  if (f.org.size() != m.org_elements.size())
    return invalid("give one score for each organisational-position element", "org");
  for (int v : f.org) {
    if (v < 0 || v > m.org_max) return invalid("organisational-position elements are scored 0 to " + std::to_string(m.org_max), "org");
    s.org_position += v;
  }
  const int64_t org_range = static_cast<int64_t>(m.org_elements.size()) * m.org_max;
  // priority = base × scope/100 × vuln/100 × likelihood × (1 + org/org_range), kept as the
  // fraction numerator / denominator until the end.
  const int64_t harm_num = int64_t{s.base_harm} * scope->hundredths * vuln->hundredths;  // / 10'000
  const int64_t risk_num = harm_num * s.likelihood_score;                               // / 10'000
  const int64_t den = 10'000 * std::max<int64_t>(org_range, 1);
  const int64_t priority_num = risk_num * (std::max<int64_t>(org_range, 1) + (org_range ? s.org_position : 0));
  s.total_harm = static_cast<double>(harm_num) / 10'000;
  s.risk = static_cast<double>(risk_num) / 10'000;
  s.priority = static_cast<double>(priority_num) / static_cast<double>(den);
  s.tier = static_cast<int>(m.tier_floors.size()) + 1;
  for (size_t t = 0; t < m.tier_floors.size(); ++t) {
    // Exact comparison: floor × den is integral for floors given to two decimals.
    const int64_t floor_num = std::llround(m.tier_floors[t] * 100) * den / 100;
    if (priority_num >= floor_num) {
      s.tier = static_cast<int>(t) + 1;
      break;
    }
  }
  return s;
}

}  // namespace rocta
