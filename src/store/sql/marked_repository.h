// Threats, nominals and intelligence reports in SQL: one template over the record's traits
// (record_traits.h), with the reader's scope inside every query.
#pragma once

#include <string>
#include <vector>

#include "store/marked_repository.h"
#include "store/sql/dialect.h"
#include "store/sql/query_helpers.h"
#include "store/sql/ranked_page.h"
#include "store/sql/record_traits.h"
#include "store/sql/text_match.h"

namespace rocta::sql {

// The members are defined in marked_repository_impl.h and compiled once per dialect
// (store/sqlite/sqlite_repositories.cc, store/postgres/postgres_repositories.cc).
template <typename D, typename Traits>
class Marked final : public MarkedRepository<typename Traits::Record, typename Traits::Query> {
  using Record = typename Traits::Record;
  using Query = typename Traits::Query;
  using Statement = typename D::Statement;

 public:
  explicit Marked(typename D::Connection& db) : db_(db) {}

  Result<Record> get(int64_t id, const ReadScope& scope) override;

  Result<Page<Record>> list(const ReadScope& scope, const Query& q) override;
  Result<int64_t> insert(const Record& r) override;

  // Ids of their own, after the highest: rows written many to a statement (or by COPY) need
  // no RETURNING. The database's full-text index follows the rows as on any insert.
  Result<std::vector<int64_t>> insert_many(const std::vector<Record>& records) override;

  Status update(const Record& r) override;

  Result<int64_t> id_by_reference(const std::string& owner, const std::string& reference) override;

  Result<std::vector<Record>> scan(int64_t after_id, int limit) override;

 private:
  // After the text's rank: but for the master list's score order, the reader's own agency's
  // records first; then the kind's order; then the page.
  static void add_order(Sql& sql, const ReadScope& scope, const Query& q);

  struct Ranked {
    int64_t id;
    double score;
  };

  // The page's ids of a text search, best match first (ranked_page.h).
  Result<RankedRows<Ranked>> ranked_ids(const ReadScope& scope, const Query& q, const TextMatch& text, const Sql& where);

  // Records by id with their shares, in two queries whatever the number of ids.
  Result<std::map<int64_t, Record>> fetch(const std::vector<int64_t>& ids);

  // The columns insert() writes, and a record's values for them.
  static std::string insert_columns();
  static std::vector<Value> insert_values(const Record& r);
  static Status taken(const Status& s);

  static std::string columns();
  static std::string select_from();
  static void append_marking(std::vector<Value>& v, const Marking& m);
  static Record read(const Statement& st);
  typename D::Connection& db_;
};

}  // namespace rocta::sql
