// The search repository (store/search_repository.h) in SQL, written once for every SQL
// adapter; see repositories.h for what a Dialect supplies. The dialect writes the text
// match, its score and the snippets; the access predicate is the lists' own, applied
// inside each kind's query. The page is read from each kind's best matches first and the
// count stops at a cap (ranked_page.h); a very common text ranks only its newest matches
// (text_match.h).
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "store/page.h"
#include "store/search_repository.h"
#include "store/sql/ranked_page.h"
#include "store/sql/query_helpers.h"
#include "store/sql/text_match.h"

namespace rocta::sql {

// How each kind of record is searched: its table, what a hit shows as its title, the
// heading (reference and title: a match there ranks first), the rest of its searched
// text, and the date the date filters read.
struct SearchedKind {
  RecordKind kind;
  const char* table;
  const char* title;
  const char* heading;
  const char* body;
  const char* date;
};

inline const std::vector<SearchedKind>& searched_kinds() {
  static const std::vector<SearchedKind> kinds{
      {RecordKind::kThreat, "threats", "r.name", "r.reference || ' ' || r.name", "r.description", "r.created_at"},
      {RecordKind::kNominal, "nominals", "r.given_names || ' ' || r.surname",
       "r.reference || ' ' || r.given_names || ' ' || r.surname || ' ' || r.aliases", "r.address || ' ' || r.postcode",
       "r.created_at"},
      {RecordKind::kIntelligence, "intelligence", "r.title", "r.reference || ' ' || r.title", "r.body", "r.received_date"},
  };
  return kinds;
}

template <typename D>
class Search final : public SearchRepository {
  using Statement = typename D::Statement;

 public:
  explicit Search(typename D::Connection& db) : db_(db) {}

  Result<Page<SearchHit>> search(const ReadScope& scope, const SearchQuery& q) override {
    Page<SearchHit> page;
    if (search_words(q.text).empty()) return page;
    std::vector<const SearchedKind*> kinds;
    for (const auto& k : searched_kinds())
      if (q.kinds.empty() || std::find(q.kinds.begin(), q.kinds.end(), k.kind) != q.kinds.end()) kinds.push_back(&k);
    if (kinds.empty()) return page;
    Matches text;
    for (const SearchedKind* k : kinds) {
      ROCTA_ASSIGN_OR_RETURN(auto m, plan_text_match<D>(db_, k->table, q.text, q.bounds));
      if (m.newest_from > 0) page.ranked_newest = q.bounds.common;
      text.emplace(k->kind, std::move(m));
    }
    ROCTA_ASSIGN_OR_RETURN(const auto ranked_hits, ranked(scope, q, kinds, text));
    ROCTA_ASSIGN_OR_RETURN(const CappedCount counted,
                           capped_total(db_, ranked_hits, hits(scope, q, kinds, text, 0, false), q.page, q.bounds));
    page.total = counted.total;
    page.total_exact = counted.exact;
    const auto& order = ranked_hits.rows;
    std::map<std::pair<RecordKind, int64_t>, SearchHit> found;
    for (const SearchedKind* k : kinds) {
      std::vector<int64_t> ids;
      for (const auto& r : order)
        if (r.kind == k->kind) ids.push_back(r.id);
      if (!ids.empty()) ROCTA_RETURN_IF_ERROR(fetch(*k, text.at(k->kind), ids, found));
    }
    for (const auto& r : order) {
      auto it = found.find({r.kind, r.id});
      if (it == found.end()) return Status(Code::kInternal, "a search hit vanished within its transaction");
      it->second.score = r.score;
      page.items.push_back(std::move(it->second));
    }
    return page;
  }

 private:
  struct Ranked {
    RecordKind kind;
    int64_t id;
    double score;
  };
  using Matches = std::map<RecordKind, TextMatch>;  // each kind's (text_match.h)

  // The hits the reader may see, as "SELECT kind, id, score" of every kind (a UNION ALL):
  // over each kind's best `candidates` matches (ranked_page.h's candidate tables, which
  // the caller puts in front), or over every match when `candidates` is 0. Unscored, as
  // "SELECT 1", for the count, which then ranks nothing.
  static Sql hits(const ReadScope& scope, const SearchQuery& q, const std::vector<const SearchedKind*>& kinds, const Matches& text,
                  int64_t candidates, bool scored = true) {
    Sql sql;
    for (const SearchedKind* k : kinds) {
      const std::string kind(to_string(k->kind));
      Sql from;
      std::string score = "f.fscore";
      if (candidates > 0) {
        from.add(" FROM " + candidate_table(kind) + " f JOIN " + k->table + " r ON r.id = f.fid");
      } else {
        from.add(std::string(" FROM ") + k->table + " r");
        score = D::append_ranked_search(from, k->table, k->heading, text.at(k->kind));
      }
      sql.add(sql.text.empty() ? "" : " UNION ALL ");
      sql.add(scored ? "SELECT '" + kind + "' AS kind, r.id AS id, " + score + " AS score" : "SELECT 1").add(from).add(" WHERE ");
      D::append_scope_predicate(sql, scope, "r", kind);
      filters(sql, q, *k);
    }
    return sql;
  }

  // The page, best first (then by kind and id), read from the best matches first where the
  // dialect can rank from its index alone.
  Result<RankedRows<Ranked>> ranked(const ReadScope& scope, const SearchQuery& q, const std::vector<const SearchedKind*>& kinds,
                                    const Matches& text) {
    auto build = [&](int64_t k) {
      Sql sql;
      std::vector<std::string> names;
      for (const SearchedKind* sk : kinds) {
        names.emplace_back(to_string(sk->kind));
        if constexpr (D::kRanksFromIndex)
          if (k > 0) add_candidate_table(sql, names.back(), D::best_matches(sk->table, sk->heading, text.at(sk->kind), k));
      }
      sql.add(" SELECT kind, id, score").add(round_columns(names, k));
      sql.add(" FROM (").add(hits(scope, q, kinds, text, k)).add(") h ORDER BY score DESC, kind, id");
      sql.add(" LIMIT ?", int64_t{q.page.limit}).add(" OFFSET ?", int64_t{q.page.offset});
      return sql;
    };
    return ranked_page<Ranked>(db_, q.page, q.bounds, D::kRanksFromIndex, 3, build, [](const Statement& st) {
      return Ranked{parse_record_kind(st.text_at(0)).value_or(RecordKind::kThreat), st.int_at(1), st.real_at(2)};
    });
  }

  static void filters(Sql& sql, const SearchQuery& q, const SearchedKind& k) {
    if (!q.owning_agency.empty()) sql.add(" AND r.owner = ?", q.owning_agency);
    if (q.classification) sql.add(" AND r.classification = ?", static_cast<int64_t>(*q.classification));
    const std::string day = std::string("substr(") + k.date + ", 1, 10)";
    if (!q.from_date.empty()) sql.add(" AND " + day + " >= ?", q.from_date);
    if (!q.to_date.empty()) sql.add(" AND " + day + " <= ?", q.to_date);
    if (q.ids) {
      auto it = q.ids->find(k.kind);
      D::append_id_set(sql.add(" AND "), "r.id", it == q.ids->end() ? std::vector<int64_t>{} : it->second);
    }
  }

  // The page's hits of one kind: title, marking with shares, snippet.
  Status fetch(const SearchedKind& k, const TextMatch& text, const std::vector<int64_t>& ids,
               std::map<std::pair<RecordKind, int64_t>, SearchHit>& out) {
    Sql records;
    records.add(std::string("SELECT r.id, r.reference, ") + k.title + ", r.owner, " + kMarkingColumns + ", oa.region FROM " +
                k.table + " r JOIN agencies oa ON oa.code = r.owner WHERE ");
    D::append_id_in(records, "r.id", ids);
    {
      ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(records.text));
      st->bind_all(records.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        SearchHit h;
        h.kind = k.kind;
        h.id = st->int_at(0);
        h.reference = st->text_at(1);
        h.title = st->text_at(2);
        int col = 3;
        read_marking(*st, col, h.marking);
        h.marking.owning_region = st->text_at(col);
        out.emplace(std::make_pair(k.kind, h.id), std::move(h));
      }));
    }
    Sql shares;
    shares.add("SELECT record_id, agency FROM record_shares WHERE kind = ? AND ", std::string(to_string(k.kind)));
    D::append_id_in(shares, "record_id", ids);
    shares.add(" ORDER BY agency");
    {
      ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(shares.text));
      st->bind_all(shares.params);
      ROCTA_RETURN_IF_ERROR(st->each([&] {
        auto it = out.find({k.kind, st->int_at(0)});
        if (it != out.end()) it->second.marking.shared_with.push_back(st->text_at(1));
      }));
    }
    Sql snippets = D::snippets(k.table, k.heading, k.body, text, ids);
    ROCTA_ASSIGN_OR_RETURN(auto* st, db_.prepare(snippets.text));
    st->bind_all(snippets.params);
    return st->each([&] {
      auto it = out.find({k.kind, st->int_at(0)});
      if (it != out.end()) it->second.snippet = st->text_at(1);
    });
  }

  typename D::Connection& db_;
};

}  // namespace rocta::sql
