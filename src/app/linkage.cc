#include "app/linkage.h"

#include <algorithm>
#include <map>
#include <set>
#include <shared_mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "match/linker.h"
#include "store/marked_repository.h"
#include "store/link_repository.h"
#include "store/repository_transaction.h"
#include "store/page.h"

namespace rocta {

// The engine over every nominal, fitted by the last run (or on first use), answering
// lookups. Nominals created since are added as they come; a change to a nominal's
// particulars counts from the next run.
class MatchIndex {
 public:
  MatchIndex(std::vector<int64_t> ids, const std::vector<match::PersonRecord>& people, match::LinkageOptions options)
      : ids_(std::move(ids)), options_(std::move(options)), linker_(people, options_) {
    linkage_ = linker_.dedupe();
    linker_.build_lookup_index();
    for (uint32_t i = 0; i < ids_.size(); ++i) position_[ids_[i]] = i;
  }
  const match::Linkage& linkage() const { return linkage_; }
  int64_t nominal_at(uint32_t record) const { return ids_.at(record); }

  // Nominals like `person` with their probabilities, most likely first; never `except`.
  std::vector<std::pair<int64_t, match::Candidate>> lookup(const match::PersonRecord& person, int64_t except,
                                                           std::size_t limit) const {
    std::shared_lock lock(mu_);
    std::vector<std::pair<int64_t, match::Candidate>> out;
    std::set<int64_t> seen;
    for (const auto& c : linker_.lookup(person, limit + 4)) {
      const int64_t id = ids_[c.record];
      if (id == except || !seen.insert(id).second) continue;  // an updated nominal is in twice
      out.emplace_back(id, c);
      if (out.size() == limit) break;
    }
    return out;
  }
  void add(int64_t id, const match::PersonRecord& person) {
    std::unique_lock lock(mu_);
    position_[id] = linker_.add(person);
    ids_.push_back(id);
  }
  // How the engine scores two nominals of the index, by id; nullopt when one is missing.
  std::optional<match::Explanation> explain(int64_t x, int64_t y) const {
    std::shared_lock lock(mu_);
    auto px = position_.find(x), py = position_.find(y);
    if (px == position_.end() || py == position_.end()) return std::nullopt;
    return linker_.explain(px->second, py->second);
  }
  // How the engine scores `known` (in the index) against `other`; nullopt when `known`
  // is not in the index.
  std::optional<match::Explanation> explain(int64_t known, const match::PersonRecord& other) const {
    std::shared_lock lock(mu_);
    auto it = position_.find(known);
    if (it == position_.end()) return std::nullopt;
    return linker_.explain(it->second, other);
  }
  double link_probability() const { return options_.link_probability; }

 private:
  mutable std::shared_mutex mu_;
  std::vector<int64_t> ids_;  // record index -> nominal id
  std::unordered_map<int64_t, uint32_t> position_;
  match::LinkageOptions options_;
  match::Linker linker_;
  match::Linkage linkage_;
};

namespace {

constexpr int kScanBatch = 5000;

match::PersonRecord person_of(const Nominal& n) {
  match::PersonRecord p;
  p[match::Role::kGivenName] = n.given_names;
  p[match::Role::kSurname] = n.surname;
  p[match::Role::kDob] = n.date_of_birth;
  p[match::Role::kSex] = n.sex;
  p[match::Role::kAddress] = n.address;
  p[match::Role::kPostcode] = n.postcode;
  return p;
}

MatchExplanation explanation_of(const match::Explanation& e) {
  MatchExplanation out{e.prior_weight, e.weight, e.probability, {}};
  for (const auto& f : e.fields)
    out.fields.push_back({std::string(match::to_string(f.role)), f.value_a, f.value_b, std::string(f.outcome), f.weight});
  return out;
}

std::string explanation_json(const MatchExplanation& e) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : e.fields)
    fields.push_back({{"field", f.field}, {"a", f.value_a}, {"b", f.value_b}, {"outcome", f.outcome}, {"weight", f.weight}});
  return nlohmann::json{{"prior_weight", e.prior_weight}, {"weight", e.weight}, {"probability", e.probability}, {"fields", fields}}
      .dump();
}

MatchExplanation parse_explanation(const std::string& text) {
  MatchExplanation e;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return e;
  e.prior_weight = j.value("prior_weight", 0.0);
  e.weight = j.value("weight", 0.0);
  e.probability = j.value("probability", 0.0);
  for (const auto& f : j.value("fields", nlohmann::json::array()))
    e.fields.push_back({f.value("field", ""), f.value("a", ""), f.value("b", ""), f.value("outcome", ""), f.value("weight", 0.0)});
  return e;
}

// Every nominal, ignoring scope: the engine compares them all; app/ filters what it says.
Status all_nominals(Transaction& tx, std::vector<int64_t>& ids, std::vector<match::PersonRecord>& people) {
  for (int64_t after = 0;;) {
    ROCTA_ASSIGN_OR_RETURN(auto batch, tx.nominals().scan(after, kScanBatch));
    if (batch.empty()) return Status::ok();
    for (const auto& n : batch) {
      ids.push_back(n.id);
      people.push_back(person_of(n));
      after = n.id;
    }
  }
}

Result<std::shared_ptr<MatchIndex>> build_index(App& app) {
  std::vector<int64_t> ids;
  std::vector<match::PersonRecord> people;
  match::LinkageOptions options;
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_RETURN_IF_ERROR(all_nominals(*tx, ids, people));
    ROCTA_ASSIGN_OR_RETURN(auto excluded, tx->linkage().exclusions());
    for (const auto& e : excluded)
      if (auto role = match::parse_role(e.field)) options.exclusions.push_back({*role, e.value});
  }
  return std::make_shared<MatchIndex>(std::move(ids), people, std::move(options));
}

Status administrator_check(const Caller& caller) {
  if (!caller.system && !(caller.user.active && caller.user.has(Role::kAdministrator)))
    return denied("the exclusion list is kept by administrators");
  return Status::ok();
}

// The index, built on first use.
Result<std::shared_ptr<MatchIndex>> index_of(App& app) {
  std::lock_guard lock(app.match_index_mu);
  if (!app.match_index) {
    ROCTA_ASSIGN_OR_RETURN(app.match_index, build_index(app));
  }
  return app.match_index;
}

// The explanation of a pair as the engine now scores it, or as it was stored.
MatchExplanation explain_pair(const MatchIndex* index, const NominalMatch& m, const Nominal& a, const Nominal& b) {
  if (index)
    if (auto e = index->explain(a.id, person_of(b))) return explanation_of(*e);
  return parse_explanation(m.explanation);
}

Status reviewer_check(const Caller& caller) {
  if (!caller.system && !may_review_matches(caller.user)) return denied("reviewing matches is for analysts and SIU officers");
  return Status::ok();
}

// Both nominals of a match, or NotFound when the caller may not read either: a match
// quotes both, and a different answer would confirm the hidden one exists.
Result<MatchView> view_in(Transaction& tx, const ReadScope& scope, const NominalMatch& m) {
  const std::string name = "match " + std::to_string(m.id);
  auto a = tx.nominals().get(m.nominal_a, scope);
  auto b = tx.nominals().get(m.nominal_b, scope);
  for (const auto* r : {&a, &b})
    if (!r->is_ok()) return r->status().code() == Code::kNotFound ? not_found(name + " not found") : r->status();
  return MatchView{m, std::move(*a), std::move(*b), {}};
}

Status active_check(const Caller& caller) {
  if (!caller.system && !caller.user.active) return denied("inactive account");
  return Status::ok();
}

// Splits nominals found like a person into those the caller reads and signals for the rest.
Result<KnownElsewhere> report_known(App& app, const Caller& caller, Transaction& tx,
                                    const std::vector<KnownNominal>& found) {
  const ReadScope scope = read_scope(caller.user);
  KnownElsewhere out;
  std::vector<std::pair<RecordRef, Marking>> held;
  for (const auto& k : found) {
    const RecordRef ref{RecordKind::kNominal, k.nominal.id};
    auto marking = tx.links().marking_of(ref);
    if (!marking.is_ok()) {
      if (marking.status().code() == Code::kNotFound) continue;
      return marking.status();
    }
    if (!admits(scope, *marking)) {
      held.emplace_back(ref, std::move(*marking));
      continue;
    }
    ROCTA_ASSIGN_OR_RETURN(auto n, tx.nominals().get(k.nominal.id, scope));
    KnownNominal shown = k;
    shown.nominal = std::move(n);
    out.shown.push_back(std::move(shown));
  }
  if (!held.empty()) {  // most lookups find nothing hidden: no second transaction for them
    ROCTA_ASSIGN_OR_RETURN(out.signalled, signals_for(app, caller, held));
  }
  return out;
}

// What the lookup finds for a person, as KnownNominals carrying only ids and scores.
std::vector<KnownNominal> looked_up(const MatchIndex& index, const match::PersonRecord& person, int64_t except,
                                    std::size_t limit) {
  std::vector<KnownNominal> out;
  for (const auto& [id, c] : index.lookup(person, except, limit)) {
    KnownNominal k;
    k.nominal.id = id;
    k.probability = c.probability;
    k.status = status_for(c.probability, index.link_probability());
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

Result<MatchRun> run_matching(App& app, const Caller& caller) {
  if (!caller.system && !may_run_matching(caller.user))
    return denied("running the matching engine is for regional analysts and administrators");
  MatchRun run;
  run.started_ms = app.clock.now_ms();
  run.by_user = caller.user.id;
  ROCTA_ASSIGN_OR_RETURN(auto index, build_index(app));
  const match::Linkage& found = index->linkage();
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto stored, tx->linkage().all_matches());
  std::map<std::pair<int64_t, int64_t>, NominalMatch*> by_pair;
  for (auto& m : stored) by_pair[{m.nominal_a, m.nominal_b}] = &m;
  std::set<int64_t> refound;
  run.nominals = static_cast<int64_t>(found.cluster.size());
  run.candidate_pairs = static_cast<int64_t>(found.stats.candidate_pairs);
  ROCTA_ASSIGN_OR_RETURN(run.id, tx->linkage().insert_run(run));
  for (const auto& l : found.links) {
    const int64_t x = index->nominal_at(l.a), y = index->nominal_at(l.b);
    auto it = by_pair.find({std::min(x, y), std::max(x, y)});
    NominalMatch m = it == by_pair.end() ? NominalMatch{} : *it->second;
    m.nominal_a = std::min(x, y);
    m.nominal_b = std::max(x, y);
    m.probability = l.probability;
    m.weight = l.weight;
    m.run_id = run.id;
    m.found_by = "run";
    if (decided(m.status) && m.id) {
      ++run.kept_decisions;  // a person's word stands; only the score is renewed
    } else {
      m.status = status_for(l.probability, index->link_probability());
      ++(m.status == MatchStatus::kLinked ? run.linked : run.review);
    }
    if (m.status == MatchStatus::kReview || m.explanation.empty()) {
      // Kept for the reviewer; the others are explained live when opened.
      if (auto e = index->explain(m.nominal_a, m.nominal_b)) m.explanation = explanation_json(explanation_of(*e));
    }
    m.found_ms = run.started_ms;
    if (m.id) {
      refound.insert(m.id);
      ++m.version;
      ROCTA_RETURN_IF_ERROR(tx->linkage().update_match(m));
    } else {
      ROCTA_ASSIGN_OR_RETURN(m.id, tx->linkage().insert_match(m));
    }
  }
  // Undecided matches the engine no longer finds were only ever proposals.
  for (const auto& m : stored)
    if (!decided(m.status) && !refound.contains(m.id)) {
      ROCTA_RETURN_IF_ERROR(tx->linkage().remove_match(m.id));
      ++run.withdrawn;
    }
  run.finished_ms = app.clock.now_ms();
  ROCTA_RETURN_IF_ERROR(tx->linkage().update_run(run));
  nlohmann::json detail{{"nominals", run.nominals}, {"candidate_pairs", run.candidate_pairs}, {"linked", run.linked},
                        {"review", run.review}, {"kept_decisions", run.kept_decisions}, {"withdrawn", run.withdrawn}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"match.run", "match_run", run.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  std::lock_guard lock(app.match_index_mu);
  app.match_index = std::move(index);
  return run;
}

Result<std::vector<MatchRun>> match_runs(App& app, const Caller& caller) {
  if (!caller.system && !may_run_matching(caller.user) && !may_review_matches(caller.user))
    return denied("match runs are for analysts and administrators");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->linkage().runs(20);
}

Result<std::vector<MatchExclusion>> match_exclusions(App& app, const Caller& caller) {
  if (!caller.system && !may_review_matches(caller.user) && !caller.user.has(Role::kAdministrator))
    return denied("the exclusion list is for reviewers and administrators");
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return tx->linkage().exclusions();
}

Result<MatchExclusion> exclude_from_matching(App& app, const Caller& caller, MatchExclusion draft) {
  ROCTA_RETURN_IF_ERROR(administrator_check(caller));
  ROCTA_RETURN_IF_ERROR(validate_exclusion(draft));
  draft.added_by = caller.user.id;
  draft.added_ms = app.clock.now_ms();
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(draft.id, tx->linkage().insert_exclusion(draft));
  nlohmann::json detail{{"field", draft.field}, {"value", draft.value}, {"reason", draft.reason}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"match.exclude", "match_exclusion", draft.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return draft;
}

Status remove_match_exclusion(App& app, const Caller& caller, int64_t id) {
  ROCTA_RETURN_IF_ERROR(administrator_check(caller));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto e, tx->linkage().exclusion(id));
  ROCTA_RETURN_IF_ERROR(tx->linkage().remove_exclusion(id));
  nlohmann::json detail{{"field", e.field}, {"value", e.value}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"match.include", "match_exclusion", id, detail.dump()}));
  return tx->commit();
}

Result<Page<MatchView>> match_queue(App& app, const Caller& caller, const MatchQueueQuery& q) {
  ROCTA_RETURN_IF_ERROR(reviewer_check(caller));
  ROCTA_RETURN_IF_ERROR(validate_page(q.page));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  const ReadScope scope = read_scope(caller.user);
  ROCTA_ASSIGN_OR_RETURN(auto page, tx->linkage().queue(scope, q));
  Page<MatchView> out;
  out.total = page.total;
  for (const auto& m : page.items) {
    ROCTA_ASSIGN_OR_RETURN(auto view, view_in(*tx, scope, m));
    view.explanation = parse_explanation(m.explanation);
    out.items.push_back(std::move(view));
  }
  return out;
}

Result<MatchView> open_match(App& app, const Caller& caller, int64_t id) {
  ROCTA_RETURN_IF_ERROR(reviewer_check(caller));
  ROCTA_ASSIGN_OR_RETURN(auto index, index_of(app));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto m, tx->linkage().match(id));
  ROCTA_ASSIGN_OR_RETURN(auto view, view_in(*tx, read_scope(caller.user), m));
  view.explanation = explain_pair(index.get(), m, view.a, view.b);
  return view;
}

Result<NominalMatch> decide_match(App& app, const Caller& caller, int64_t id, int64_t expected_version,
                                  MatchDecision decision, const std::string& note) {
  ROCTA_RETURN_IF_ERROR(reviewer_check(caller));
  ROCTA_ASSIGN_OR_RETURN(auto index, index_of(app));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(auto m, tx->linkage().match(id));
  ROCTA_ASSIGN_OR_RETURN(auto view, view_in(*tx, read_scope(caller.user), m));
  if (m.version != expected_version)
    return Status(Code::kConflict, "the match was changed by someone else (version " + std::to_string(m.version) + "): reload it");
  ROCTA_ASSIGN_OR_RETURN(m.status, decide(m.status, decision, note));
  // The evidence the reviewer saw is what the decision rests on: kept with it.
  m.explanation = explanation_json(explain_pair(index.get(), m, view.a, view.b));
  m.decided_by = caller.user.id;
  m.decided_ms = app.clock.now_ms();
  m.decision_note = note;
  ++m.version;
  ROCTA_RETURN_IF_ERROR(tx->linkage().update_match(m));
  nlohmann::json detail{{"nominals", {m.nominal_a, m.nominal_b}}, {"status", to_string(m.status)}, {"note", note}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"match.decide", "match", m.id, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return m;
}

Result<KnownElsewhere> known_elsewhere(App& app, const Caller& caller, int64_t nominal_id) {
  ROCTA_RETURN_IF_ERROR(active_check(caller));
  ROCTA_ASSIGN_OR_RETURN(auto index, index_of(app));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ROCTA_ASSIGN_OR_RETURN(auto subject, tx->nominals().get(nominal_id, read_scope(caller.user)));
  // The matches around the person, widened until the entity stops growing.
  std::vector<NominalMatch> around;
  std::set<int64_t> asked, entity{nominal_id};
  while (true) {
    std::vector<int64_t> ask;
    for (int64_t id : entity)
      if (asked.insert(id).second) ask.push_back(id);
    if (ask.empty()) break;
    ROCTA_ASSIGN_OR_RETURN(auto more, tx->linkage().matches_of(ask));
    for (auto& m : more)
      if (std::none_of(around.begin(), around.end(), [&](const NominalMatch& x) { return x.id == m.id; }))
        around.push_back(std::move(m));
    const auto members = entity_of(nominal_id, around);
    entity.insert(members.begin(), members.end());
    if (entity.size() >= 100) break;
  }
  const auto members = entity_of(nominal_id, around);
  std::map<int64_t, KnownNominal> found;
  for (int64_t id : members)
    if (id != nominal_id) found[id].same_person = true;
  for (const auto& m : around) {
    if (m.nominal_a != nominal_id && m.nominal_b != nominal_id) continue;
    const int64_t other = m.nominal_a == nominal_id ? m.nominal_b : m.nominal_a;
    // A pair a person kept apart is not "known elsewhere".
    if (m.status == MatchStatus::kRejected || m.status == MatchStatus::kSeparated) {
      found.erase(other);
      continue;
    }
    auto& k = found[other];
    k.match_id = m.id;
    k.status = m.status;
    k.probability = m.probability;
  }
  std::set<int64_t> kept_apart;
  for (const auto& m : around)
    if ((m.status == MatchStatus::kRejected || m.status == MatchStatus::kSeparated) &&
        (m.nominal_a == nominal_id || m.nominal_b == nominal_id))
      kept_apart.insert(m.nominal_a == nominal_id ? m.nominal_b : m.nominal_a);
  for (auto& k : looked_up(*index, person_of(subject), nominal_id, 10))
    if (!found.contains(k.nominal.id) && !kept_apart.contains(k.nominal.id)) found[k.nominal.id] = k;
  std::vector<KnownNominal> list;
  for (auto& [id, k] : found) {
    k.nominal.id = id;
    list.push_back(std::move(k));
  }
  std::stable_sort(list.begin(), list.end(), [](const KnownNominal& x, const KnownNominal& y) {
    return x.same_person != y.same_person ? x.same_person : x.probability > y.probability;
  });
  return report_known(app, caller, *tx, list);
}

Result<KnownElsewhere> find_matching_nominals(App& app, const Caller& caller, const Nominal& person, std::size_t limit) {
  ROCTA_RETURN_IF_ERROR(active_check(caller));
  if (person.surname.empty() && person.given_names.empty() && person.date_of_birth.empty())
    return invalid("give at least a name or a date of birth to look for", "surname");
  ROCTA_ASSIGN_OR_RETURN(auto index, index_of(app));
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  return report_known(app, caller, *tx, looked_up(*index, person_of(person), 0, std::clamp<std::size_t>(limit, 1, 50)));
}

Result<KnownElsewhere> match_new_nominal(App& app, const Caller& caller, const Nominal& created) {
  ROCTA_RETURN_IF_ERROR(active_check(caller));
  ROCTA_ASSIGN_OR_RETURN(auto index, index_of(app));
  const auto person = person_of(created);
  const auto found = looked_up(*index, person, created.id, 10);
  index->add(created.id, person);
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  for (const auto& k : found) {
    auto existing = tx->linkage().match_between(created.id, k.nominal.id);
    if (existing.is_ok()) continue;
    if (existing.status().code() != Code::kNotFound) return existing.status();
    NominalMatch m;
    m.nominal_a = std::min(created.id, k.nominal.id);
    m.nominal_b = std::max(created.id, k.nominal.id);
    m.probability = k.probability;
    m.status = k.status;
    m.found_by = "lookup";
    m.found_ms = app.clock.now_ms();
    if (auto e = index->explain(m.nominal_a, m.nominal_b)) {
      m.weight = e->weight;
      m.explanation = explanation_json(explanation_of(*e));
    }
    ROCTA_ASSIGN_OR_RETURN(m.id, tx->linkage().insert_match(m));
  }
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return known_elsewhere(app, caller, created.id);
}

}  // namespace rocta
