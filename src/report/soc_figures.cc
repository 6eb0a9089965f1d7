#include "report/soc_figures.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/text.h"

namespace rocta::report {

namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day parse_day(const std::string& s) {
  return year_month_day{std::chrono::year{std::stoi(s.substr(0, 4))}, std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                        std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
}

std::string format_day(year_month_day d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return out;
}

// The same day a year earlier; 29 February becomes 28 February.
year_month_day year_before(year_month_day d) {
  year_month_day back{d.year() - std::chrono::years{1}, d.month(), d.day()};
  if (!back.ok()) back = year_month_day{back.year(), back.month(), std::chrono::day{28}};
  return back;
}

std::string tenths_text(int tenths) { return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10); }

bool in_region(const SocOptions& o, const std::map<std::string, std::string>& region_of, const std::string& agency) {
  if (o.region.empty()) return true;
  auto it = region_of.find(agency);
  return it != region_of.end() && lower(it->second) == lower(o.region);
}

bool passes(const MasterListFilter& f, const ThreatGroup& g) {
  if (f.tactical_only && g.assessment_type != AssessmentType::kTactical) return false;
  if (f.moderated_only && g.moderation != ModerationStatus::kModerated) return false;
  if (f.soc_only && !g.soc) return false;
  if (f.exclude_tier_5 && g.tier == 5) return false;
  if (f.exclude_closed && g.closed) return false;
  return true;
}

AgencyThreats empty_threats() {
  AgencyThreats a;
  for (auto t : {ThreatType::kOcg, ThreatType::kPriorityIndividual, ThreatType::kVulnerability}) a.by_threat_type[std::string(to_string(t))] = 0;
  for (const auto& c : crime_types()) a.by_primary_crime_type[c] = 0;
  a.county_lines_by_crime_type = a.by_primary_crime_type;
  return a;
}

AgencyDisruptions empty_disruptions() {
  AgencyDisruptions a;
  for (FourP p : all_four_p()) a.by_4p[std::string(to_string(p))] = 0;
  for (const auto& c : crime_types()) a.by_threat_category[c] = 0;
  return a;
}

}  // namespace

int percent_tenths(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return static_cast<int>((part * 2000 + whole) / (2 * whole));  // round(part * 1000 / whole), half up
}

Result<YearWindow> year_window(const std::string& year_ending) {
  if (!is_iso_date(year_ending)) return invalid("year ending must be a date written YYYY-MM-DD", "year_ending");
  const year_month_day end = parse_day(year_ending);
  const year_month_day prev_end = year_before(end);
  const year_month_day prev_prev_end = year_before(prev_end);
  return YearWindow{format_day(year_month_day{sys_days{prev_end} + std::chrono::days{1}}), year_ending,
                    format_day(year_month_day{sys_days{prev_prev_end} + std::chrono::days{1}}), format_day(prev_end)};
}

Result<std::string> last_complete_year_ending(const std::string& today) {
  if (!is_iso_date(today)) return invalid("today must be a date written YYYY-MM-DD", "today");
  const year_month_day t = parse_day(today);
  const year_month_day same_year{t.year(), std::chrono::month{kYearEndMonth}, std::chrono::day{kYearEndDay}};
  return format_day(same_year < t ? same_year : year_before(same_year));
}

std::string year_ending_before(const std::string& year_ending) { return format_day(year_before(parse_day(year_ending))); }

Result<SocFigures> compute_soc_figures(const SocOptions& options, const std::vector<ThreatGroup>& threats,
                                       const std::vector<DisruptionGroup>& disruptions,
                                       const std::map<std::string, std::string>& region_of) {
  ROCTA_ASSIGN_OR_RETURN(YearWindow w, year_window(options.year_ending));
  SocFigures f;
  f.options = options;
  f.year_start = w.start;
  f.previous_start = w.previous_start;
  f.previous_end = w.previous_end;

  for (const auto& g : threats) {
    if (!passes(options.threats, g)) continue;
    f.national_total += g.count;
    if (!in_region(options, region_of, g.agency)) continue;
    auto [it, fresh] = f.threats.try_emplace(g.agency, empty_threats());
    AgencyThreats& a = it->second;
    a.total += g.count;
    a.by_threat_type[std::string(to_string(g.type))] += g.count;
    const std::string crime = g.primary_crime_type.empty() ? "Not recorded" : g.primary_crime_type;
    a.by_primary_crime_type[crime] += g.count;
    if (g.county_lines) {
      a.county_lines_total += g.count;
      a.county_lines_by_crime_type[crime] += g.count;
    }
  }
  for (auto& [_, a] : f.threats) a.share_of_national_tenths = percent_tenths(a.total, f.national_total);

  for (const auto& g : disruptions) {
    if (options.disruptions.lead_only && g.role != DisruptionRole::kLead) continue;
    if (options.disruptions.assessed_only && !is_assessed(g.category)) continue;
    const bool current = g.day >= w.start && g.day <= w.end;
    const bool previous = g.day >= w.previous_start && g.day <= w.previous_end;
    if ((!current && !previous) || !in_region(options, region_of, g.agency)) continue;
    auto [it, fresh] = f.disruptions.try_emplace(g.agency, empty_disruptions());
    AgencyDisruptions& a = it->second;
    if (previous) {
      a.previous_year += g.count;
      continue;
    }
    a.total += g.count;
    a.by_4p[std::string(to_string(g.outcome))] += g.count;
    a.by_threat_category[g.threat_category.empty() ? "Not recorded" : g.threat_category] += g.count;
  }
  for (auto& [_, a] : f.disruptions)
    for (const auto& [p, n] : a.by_4p) a.by_4p_tenths[p] = percent_tenths(n, a.total);
  return f;
}

namespace {

nlohmann::ordered_json counts(const std::map<std::string, int64_t>& m) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

// 4P keys in the order the standard lists them, not alphabetical.
template <typename T>
nlohmann::ordered_json four_p(const std::map<std::string, T>& m, bool as_percent) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (FourP p : {FourP::kPursue, FourP::kPrevent, FourP::kProtect, FourP::kPrepare}) {
    const auto v = m.at(std::string(to_string(p)));
    if (as_percent) j[std::string(to_string(p))] = static_cast<double>(v) / 10.0;
    else j[std::string(to_string(p))] = v;
  }
  return j;
}

}  // namespace

std::string to_json(const SocFigures& f) {
  nlohmann::ordered_json by_agency = nlohmann::ordered_json::object();
  for (const auto& [code, a] : f.threats) {
    by_agency[code] = {{"total", a.total},
                       {"share_of_national_pct", a.share_of_national_tenths / 10.0},
                       {"by_threat_type", counts(a.by_threat_type)},
                       {"by_primary_crime_type", counts(a.by_primary_crime_type)},
                       {"county_lines", {{"total", a.county_lines_total}, {"by_primary_crime_type", counts(a.county_lines_by_crime_type)}}}};
  }
  nlohmann::ordered_json disruptions = nlohmann::ordered_json::object();
  for (const auto& [code, a] : f.disruptions) {
    disruptions[code] = {{"total", a.total},
                         {"previous_year", a.previous_year},
                         {"by_4p", four_p(a.by_4p, false)},
                         {"by_4p_pct", four_p(a.by_4p_tenths, true)},
                         {"by_threat_category", counts(a.by_threat_category)}};
  }
  nlohmann::ordered_json consultation = nlohmann::ordered_json::object();
  for (const auto& [code, c] : f.siu_consultation)
    consultation[code] = {{"assessments", c.assessments}, {"asked", c.asked}, {"answered", c.answered}, {"waived", c.waived},
                          {"rate_pct", c.rate_tenths / 10.0}};
  nlohmann::ordered_json j = {{"year_ending", f.options.year_ending},
                              {"as_of", f.options.as_of.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.options.as_of)},
                              {"threats", {{"national_total", f.national_total}, {"by_agency", by_agency}}},
                              {"disruptions", {{"by_agency", disruptions},
                                               {"beyond_national_standard_left_out", counts(f.beyond_standard_left_out)}}},
                              {"siu_consultation", {{"by_agency", consultation}}}};
  return j.dump(2) + "\n";
}

std::string to_csv(const SocFigures& f) {
  std::string out = "section,agency,measure,key,value\n";
  auto row = [&](const char* section, const std::string& agency, const char* measure, const std::string& key, const std::string& value) {
    out += csv_line({section, agency, measure, key, value}) + "\n";
  };
  if (!f.options.as_of.empty()) row("report", "", "as_of", "", f.options.as_of);
  row("threats", "", "national_total", "", std::to_string(f.national_total));
  for (const auto& [code, a] : f.threats) {
    row("threats", code, "total", "", std::to_string(a.total));
    row("threats", code, "share_of_national_pct", "", tenths_text(a.share_of_national_tenths));
    for (const auto& [k, v] : a.by_threat_type) row("threats", code, "by_threat_type", k, std::to_string(v));
    for (const auto& [k, v] : a.by_primary_crime_type) row("threats", code, "by_primary_crime_type", k, std::to_string(v));
    row("threats", code, "county_lines", "", std::to_string(a.county_lines_total));
    for (const auto& [k, v] : a.county_lines_by_crime_type) row("threats", code, "county_lines_by_primary_crime_type", k, std::to_string(v));
  }
  for (const auto& [code, a] : f.disruptions) {
    row("disruptions", code, "total", "", std::to_string(a.total));
    row("disruptions", code, "previous_year", "", std::to_string(a.previous_year));
    for (FourP p : all_four_p()) row("disruptions", code, "by_4p", std::string(to_string(p)), std::to_string(a.by_4p.at(std::string(to_string(p)))));
    for (FourP p : all_four_p())
      row("disruptions", code, "by_4p_pct", std::string(to_string(p)), tenths_text(a.by_4p_tenths.at(std::string(to_string(p)))));
    for (const auto& [k, v] : a.by_threat_category) row("disruptions", code, "by_threat_category", k, std::to_string(v));
  }
  for (const auto& [code, n] : f.beyond_standard_left_out)
    row("disruptions", code, "beyond_national_standard_left_out", "", std::to_string(n));
  for (const auto& [code, c] : f.siu_consultation) {
    row("siu_consultation", code, "assessments", "", std::to_string(c.assessments));
    row("siu_consultation", code, "asked", "", std::to_string(c.asked));
    row("siu_consultation", code, "answered", "", std::to_string(c.answered));
    row("siu_consultation", code, "waived", "", std::to_string(c.waived));
    row("siu_consultation", code, "rate_percent", "", tenths_text(c.rate_tenths));
  }
  return out;
}

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A horizontal bar chart as inline SVG: one bar per (label, value), zero values left out.
std::string bars(const std::vector<std::pair<std::string, int64_t>>& items, const std::string& title) {
  std::vector<std::pair<std::string, int64_t>> shown;
  int64_t max = 0;
  for (const auto& [k, v] : items)
    if (v > 0) {
      shown.emplace_back(k, v);
      max = std::max(max, v);
    }
  if (shown.empty()) return "";
  const int row_h = 20, label_w = 260, bar_w = 360;
  std::string svg = "<figure><figcaption>" + escape(title) + "</figcaption><svg role=\"img\" aria-label=\"" + escape(title) +
                    "\" width=\"" + std::to_string(label_w + bar_w + 80) + "\" height=\"" + std::to_string(row_h * static_cast<int>(shown.size())) +
                    "\">";
  for (size_t i = 0; i < shown.size(); ++i) {
    const int y = static_cast<int>(i) * row_h;
    const int w = static_cast<int>(static_cast<double>(shown[i].second) / static_cast<double>(max) * bar_w);
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 14) + "\">" + escape(shown[i].first) + "</text>";
    svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + std::to_string(std::max(w, 1)) +
           "\" height=\"14\" fill=\"#1d4f91\"/>";
    svg += "<text x=\"" + std::to_string(label_w + std::max(w, 1) + 6) + "\" y=\"" + std::to_string(y + 14) + "\">" + std::to_string(shown[i].second) + "</text>";
  }
  return svg + "</svg></figure>";
}

template <typename M>
std::vector<std::pair<std::string, int64_t>> items(const M& m) {
  return {m.begin(), m.end()};
}

}  // namespace

std::string to_html(const SocFigures& f, const std::map<std::string, std::string>& agency_names) {
  auto name = [&](const std::string& code) {
    auto it = agency_names.find(code);
    return escape(it == agency_names.end() ? code : it->second + " (" + code + ")");
  };
  std::string h =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SOC figures, year ending " + escape(f.options.year_ending) +
      "</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}"
      "td,th{border:1px solid #bbb;padding:.2em .6em;text-align:right}th:first-child,td:first-child{text-align:left}"
      "figure{margin:.5em 0 1.5em;break-inside:avoid}figcaption{font-weight:600}svg text{font-size:12px}"
      "section{break-inside:avoid-page}@media print{body{margin:0}}</style></head><body>";
  h += "<h1>Serious and organised crime: figures for the year ending " + escape(f.options.year_ending) + "</h1>";
  h += "<p>Disruptions from " + f.year_start + " to " + f.options.year_ending + ", against " + f.previous_start + " to " + f.previous_end +
       ". Threats: " + std::string(f.options.threats.tactical_only ? "tactical, " : "") + (f.options.threats.moderated_only ? "moderated, " : "") +
       (f.options.threats.soc_only ? "SOC, " : "") + (f.options.threats.exclude_tier_5 ? "not tier 5, " : "") +
       (f.options.threats.exclude_closed ? "not closed" : "closed included") + ". Disruptions: " +
       (f.options.disruptions.lead_only ? "lead only" : "lead and supporting") + ", " +
       (f.options.disruptions.assessed_only ? "major, moderate or minor" : "every category") +
       (f.options.region.empty() ? "" : ". Region: " + escape(f.options.region)) +
       (f.options.as_of.empty() ? "" : ". As recorded by the end of " + escape(f.options.as_of)) + ".</p>";
  h += "<h2>Threats on the master list</h2><p>National total: <strong>" + std::to_string(f.national_total) + "</strong></p>";
  h += "<table><thead><tr><th>Agency</th><th>Threats</th><th>Share of national</th><th>County lines</th></tr></thead><tbody>";
  for (const auto& [code, a] : f.threats)
    h += "<tr><td>" + name(code) + "</td><td>" + std::to_string(a.total) + "</td><td>" + tenths_text(a.share_of_national_tenths) +
         "%</td><td>" + std::to_string(a.county_lines_total) + "</td></tr>";
  h += "</tbody></table>";
  h += "<h2>Disruptions</h2><table><thead><tr><th>Agency</th><th>Year</th><th>Year before</th><th>Pursue</th><th>Prevent</th>"
       "<th>Protect</th><th>Prepare</th></tr></thead><tbody>";
  for (const auto& [code, a] : f.disruptions) {
    h += "<tr><td>" + name(code) + "</td><td>" + std::to_string(a.total) + "</td><td>" + std::to_string(a.previous_year) + "</td>";
    for (FourP p : {FourP::kPursue, FourP::kPrevent, FourP::kProtect, FourP::kPrepare})
      h += "<td>" + tenths_text(a.by_4p_tenths.at(std::string(to_string(p)))) + "%</td>";
    h += "</tr>";
  }
  h += "</tbody></table>";
  for (const auto& [code, a] : f.disruptions) {
    if (a.total == 0 && a.previous_year == 0) continue;
    h += "<section><h3>" + name(code) + "</h3>";
    h += bars({{"This year", a.total}, {"Year before", a.previous_year}}, "Disruptions, year on year");
    h += bars(items(a.by_4p), "By 4P category");
    h += bars(items(a.by_threat_category), "By threat category");
    if (auto t = f.threats.find(code); t != f.threats.end()) h += bars(items(t->second.by_primary_crime_type), "Threats by primary crime type");
    h += "</section>";
  }
  if (!f.siu_consultation.empty()) {
    h += "<h2>SIU consultation of MoRiLE assessments</h2><table><thead><tr><th>Agency</th><th>Assessments</th><th>SIU check asked</th>"
         "<th>Answered</th><th>Moderated without the reply</th><th>Consultation rate</th></tr></thead><tbody>";
    for (const auto& [code, c] : f.siu_consultation)
      h += "<tr><td>" + name(code) + "</td><td>" + std::to_string(c.assessments) + "</td><td>" + std::to_string(c.asked) + "</td><td>" +
           std::to_string(c.answered) + "</td><td>" + std::to_string(c.waived) + "</td><td>" +
           (c.asked ? tenths_text(c.rate_tenths) + "%" : "-") + "</td></tr>";
    h += "</tbody></table>";
  }
  if (!f.beyond_standard_left_out.empty()) {
    int64_t n = 0;
    for (const auto& [_, v] : f.beyond_standard_left_out) n += v;
    h += "<p>Not counted above: " + std::to_string(n) +
         " disruptions of the year against priority individuals or vulnerabilities, beyond the national standard.</p>";
  }
  return h + "</body></html>\n";
}

}  // namespace rocta::report
