// How each kind of marked record maps to its table: its own columns, filters and order.
// The shared columns (reference, marking, version, timestamps) are handled once in
// repositories.h. The same text runs on every SQL adapter, so it keeps to SQL that SQLite
// and PostgreSQL read alike.
#pragma once

#include <string>
#include <vector>

#include "store/marked_repository.h"
#include "store/sql/sql.h"
#include "store/store.h"

namespace rocta::sql {

struct ThreatTraits {
  using Record = Threat;
  using Query = ThreatQuery;
  static constexpr const char* kTable = "threats";
  static constexpr const char* kKind = "threat";
  static constexpr const char* kNoun = "threat";
  static std::string order(const ThreatQuery& q) {
    return q.master_list ? "r.morile_score DESC, coalesce(r.tier, 9), r.reference" : "coalesce(r.tier, 9), r.reference";
  }
  // The reader's own agency first, except on the master list, which is in score order.
  static bool own_first(const ThreatQuery& q) { return !q.master_list; }
  // The expression each sort column orders by (core threat_sort_columns()); empty for
  // another name. Unassessed threats sort after tier 5 and below every score.
  template <typename D>
  static std::string sort_expression(const std::string& column) {
    if (column == "reference") return D::byte_order("r.reference");
    if (column == "name") return D::byte_order("lower(r.name)");
    if (column == "threat_type") return D::byte_order("r.threat_type");
    if (column == "owning_agency") return D::byte_order("r.owner");
    if (column == "tier") return "coalesce(r.tier, 9)";
    if (column == "phase") return D::byte_order("lower(r.phase)");
    if (column == "primary_crime_type") return D::byte_order("lower(r.primary_crime_type)");
    if (column == "county_lines") return "r.county_lines";
    if (column == "morile_score") return "coalesce(r.morile_score, -1)";
    if (column == "reassess_by") return D::byte_order("r.reassess_by");
    return "";
  }

  static std::vector<std::string> columns() {
    return {"name", "description", "threat_type", "assessment_type", "moderation", "soc", "tier", "phase",
            "primary_crime_type", "county_lines", "morile_score", "assessment_date", "lro_user_id", "reassess_by", "extra"};
  }
  static std::vector<Value> values(const Threat& t) {
    return {t.name, t.description, std::string(to_string(t.type)), std::string(to_string(t.assessment_type)),
            std::string(to_string(t.moderation)), int64_t{t.soc},
            t.tier ? Value{int64_t{*t.tier}} : Value{nullptr}, t.phase, t.primary_crime_type, int64_t{t.county_lines},
            t.morile_score ? Value{*t.morile_score} : Value{nullptr}, t.assessment_date,
            t.lro_user_id ? Value{t.lro_user_id} : Value{nullptr}, t.reassess_by, t.extra};
  }
  template <typename Row>
  static void read(const Row& st, int& c, Threat& t) {
    t.name = st.text_at(c++);
    t.description = st.text_at(c++);
    t.type = parse_threat_type(st.text_at(c++)).value_or(ThreatType::kOcg);
    t.assessment_type = parse_assessment_type(st.text_at(c++)).value_or(AssessmentType::kTactical);
    t.moderation = parse_moderation_status(st.text_at(c++)).value_or(ModerationStatus::kUnmoderated);
    t.soc = st.int_at(c++) != 0;
    if (!st.is_null(c)) t.tier = static_cast<int>(st.int_at(c));
    ++c;
    t.phase = st.text_at(c++);
    t.primary_crime_type = st.text_at(c++);
    t.county_lines = st.int_at(c++) != 0;
    if (!st.is_null(c)) t.morile_score = st.real_at(c);
    ++c;
    t.assessment_date = st.text_at(c++);
    t.lro_user_id = st.int_at(c++);
    t.reassess_by = st.text_at(c++);
    t.extra = st.text_at(c++);
  }
  static void filters(Sql& sql, const ThreatQuery& q) {
    if (q.type) sql.add(" AND r.threat_type = ?", std::string(to_string(*q.type)));
    if (!q.owning_agency.empty()) sql.add(" AND r.owner = ?", q.owning_agency);
    if (q.tier) sql.add(" AND r.tier = ?", int64_t{*q.tier});
    if (q.county_lines) sql.add(" AND r.county_lines = ?", int64_t{*q.county_lines});
    if (!q.crime_type.empty()) sql.add(" AND lower(r.primary_crime_type) = lower(?)", q.crime_type);
    if (q.moderation) sql.add(" AND r.moderation = ?", std::string(to_string(*q.moderation)));
    if (!q.include_closed) sql.add(" AND lower(r.phase) NOT LIKE '%closed%'");
    if (!q.owning_region.empty()) sql.add(" AND r.owner IN (SELECT code FROM agencies WHERE region = ?)", q.owning_region);
    if (!q.relevant_to.empty())
      sql.add(" AND (r.owner = ?", q.relevant_to)
          .add(" OR r.id IN (SELECT record_id FROM record_shares WHERE kind = 'threat' AND agency = ?))", q.relevant_to);
    if (!q.overdue_on.empty()) sql.add(" AND r.reassess_by <> '' AND r.reassess_by < ?", q.overdue_on);
    if (q.master_list) {
      const MasterListFilter& f = *q.master_list;
      if (f.tactical_only) sql.add(" AND r.assessment_type = 'Tactical'");
      if (f.moderated_only) sql.add(" AND r.moderation = 'Moderated'");
      if (f.soc_only) sql.add(" AND r.soc");
      if (f.exclude_tier_5) sql.add(" AND coalesce(r.tier, 0) <> 5");
      if (f.exclude_closed) sql.add(" AND lower(r.phase) NOT LIKE '%closed%'");
    }
  }
};

struct NominalTraits {
  using Record = Nominal;
  using Query = NominalQuery;
  static constexpr const char* kTable = "nominals";
  static constexpr const char* kKind = "nominal";
  static constexpr const char* kNoun = "nominal";
  static std::string order(const NominalQuery&) { return "r.surname, r.given_names, r.id"; }
  static bool own_first(const NominalQuery&) { return true; }
  template <typename D>
  static std::string sort_expression(const std::string& column) {
    if (column == "reference") return D::byte_order("r.reference");
    if (column == "surname") return D::byte_order("lower(r.surname)");
    if (column == "given_names") return D::byte_order("lower(r.given_names)");
    if (column == "date_of_birth") return D::byte_order("r.date_of_birth");
    if (column == "postcode") return D::byte_order("r.postcode");
    if (column == "owning_agency") return D::byte_order("r.owner");
    return "";
  }

  static std::vector<std::string> columns() {
    return {"given_names", "surname", "date_of_birth", "sex", "aliases", "address", "postcode", "notes"};
  }
  static std::vector<Value> values(const Nominal& n) {
    return {n.given_names, n.surname, n.date_of_birth, n.sex, n.aliases, n.address, n.postcode, n.notes};
  }
  template <typename Row>
  static void read(const Row& st, int& c, Nominal& n) {
    for (std::string* f : {&n.given_names, &n.surname, &n.date_of_birth, &n.sex, &n.aliases, &n.address, &n.postcode, &n.notes})
      *f = st.text_at(c++);
  }
  static void filters(Sql& sql, const NominalQuery& q) {
    if (!q.owning_agency.empty()) sql.add(" AND r.owner = ?", q.owning_agency);
    if (!q.date_of_birth.empty()) sql.add(" AND r.date_of_birth = ?", q.date_of_birth);
  }
};

struct IntelligenceTraits {
  using Record = IntelligenceReport;
  using Query = IntelligenceQuery;
  static constexpr const char* kTable = "intelligence";
  static constexpr const char* kKind = "intelligence";
  static constexpr const char* kNoun = "intelligence report";
  static std::string order(const IntelligenceQuery&) { return "r.received_date DESC, r.id DESC"; }
  static bool own_first(const IntelligenceQuery&) { return true; }
  template <typename D>
  static std::string sort_expression(const std::string& column) {
    if (column == "reference") return D::byte_order("r.reference");
    if (column == "title") return D::byte_order("lower(r.title)");
    if (column == "received_date") return D::byte_order("r.received_date");
    if (column == "classification") return "r.classification";
    if (column == "owning_agency") return D::byte_order("r.owner");
    return "";
  }

  static std::vector<std::string> columns() {
    return {"title", "body", "source_evaluation", "intelligence_assessment", "received_date", "source_type",
            "originating_agency", "sanitised_from", "mentions"};
  }
  static std::vector<Value> values(const IntelligenceReport& r) {
    return {r.title,         r.body, int64_t{r.source_evaluation}, std::string(1, r.intelligence_assessment), r.received_date,
            std::string(to_string(r.source_type)), r.originating_agency, r.sanitised_from, encode_mentions(r.mentions)};
  }
  // "kind\tvalue" per line: validated text holds neither tabs nor line breaks.
  static std::string encode_mentions(const std::vector<Mention>& mentions) {
    std::string out;
    for (const auto& m : mentions) out += m.kind + '\t' + m.value + '\n';
    return out;
  }
  static std::vector<Mention> decode_mentions(const std::string& text) {
    std::vector<Mention> out;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
      const std::string line = text.substr(start, end - start);
      const size_t tab = line.find('\t');
      if (tab != std::string::npos) out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return out;
  }
  template <typename Row>
  static void read(const Row& st, int& c, IntelligenceReport& r) {
    r.title = st.text_at(c++);
    r.body = st.text_at(c++);
    r.source_evaluation = static_cast<int>(st.int_at(c++));
    const std::string a = st.text_at(c++);
    r.intelligence_assessment = a.empty() ? 'D' : a[0];
    r.received_date = st.text_at(c++);
    r.source_type = parse_source_type(st.text_at(c++)).value_or(SourceType::kPolice);
    r.originating_agency = st.text_at(c++);
    r.sanitised_from = st.int_at(c++);
    r.mentions = decode_mentions(st.text_at(c++));
  }
  static void filters(Sql& sql, const IntelligenceQuery& q) {
    if (!q.owning_agency.empty()) sql.add(" AND r.owner = ?", q.owning_agency);
    if (q.classification) sql.add(" AND r.classification = ?", static_cast<int64_t>(*q.classification));
    if (!q.compartments.empty()) {
      sql.add(" AND r.compartment IN (");
      for (size_t i = 0; i < q.compartments.size(); ++i) sql.add(i ? ",?" : "?", q.compartments[i]);
      sql.add(")");
    }
  }
};

}  // namespace rocta::sql
