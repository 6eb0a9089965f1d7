#include "match/linker.h"

#include <gtest/gtest.h>

#include <map>

#include "match/synthetic_people.h"

namespace rocta::match {
namespace {

LinkageOptions with_threads(unsigned n) {
  LinkageOptions o;
  o.threads = n;
  return o;
}

struct PairCounts {
  double precision, recall, f1;
};

PairCounts pairwise(const std::vector<SyntheticRecord>& truth, const std::vector<std::uint32_t>& cluster) {
  std::map<std::uint32_t, double> predicted, actual;
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> both;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    ++predicted[cluster[i]];
    ++actual[truth[i].person];
    ++both[{cluster[i], truth[i].person}];
  }
  auto pairs = [](const auto& m) {
    double s = 0;
    for (const auto& [k, n] : m) s += n * (n - 1) / 2;
    return s;
  };
  const double tp = pairs(both), pp = pairs(predicted), tt = pairs(actual);
  const double p = pp ? tp / pp : 1, r = tt ? tp / tt : 1;
  return {p, r, 2 * p * r / (p + r)};
}

std::vector<PersonRecord> records_of(const std::vector<SyntheticRecord>& s) {
  std::vector<PersonRecord> r;
  for (const auto& x : s) r.push_back(x.record);
  return r;
}

TEST(Linker, FindsSyntheticPeopleWithRealisticErrors) {
  const auto people = synthetic_people(3000, 7);
  Linker linker(records_of(people), with_threads(2));
  const auto linkage = linker.dedupe();
  ASSERT_EQ(linkage.cluster.size(), people.size());
  const auto score = pairwise(people, linkage.cluster);
  EXPECT_GT(score.precision, 0.95);
  EXPECT_GT(score.recall, 0.90);
  EXPECT_GT(linkage.stats.candidate_pairs, 0U);
  EXPECT_LT(linkage.stats.em_iterations, 200);
}

// The pruned score of the final pass is an optimisation, never a change of answer: on a
// fitted model, for pairs of every kind (same person, neighbours in the file, strangers)
// and thresholds across the range, it is weight() exactly when that reaches the threshold
// and below the threshold otherwise.
TEST(Linker, PrunedWeightIsTheWeightWheneverItReachesTheThreshold) {
  const auto people = records_of(synthetic_people(2000, 11));
  Linker linker(people, with_threads(2));
  linker.dedupe();
  const auto prepared = prepare_records(people, 1);
  const FellegiSunter& model = linker.model();
  std::size_t pruned = 0, kept = 0;
  for (std::size_t i = 0; i + 1 < prepared.size(); ++i) {
    for (std::size_t j : {i + 1, (i * 7919 + 13) % prepared.size()}) {
      if (j == i) continue;
      const double full = model.weight(prepared[i], prepared[j]);
      for (double threshold : {-20.0, -5.0, 0.0, 2.0, 10.0, 25.0}) {
        const double quick = model.weight_if_at_least(prepared[i], prepared[j], threshold);
        if (full >= threshold) {
          EXPECT_EQ(quick, full) << i << "," << j << " at " << threshold;
          ++kept;
        } else {
          EXPECT_LT(quick, threshold) << i << "," << j << " at " << threshold;
          pruned += quick != full;
        }
      }
    }
  }
  EXPECT_GT(kept, 1000U);
  EXPECT_GT(pruned, 1000U);  // the shortcut is taken, or the test would prove nothing about it
}

TEST(Linker, SameAnswerWhateverTheThreadCount) {
  const auto people = records_of(synthetic_people(1500, 3));
  const auto one = Linker(people, with_threads(1)).dedupe();
  const auto four = Linker(people, with_threads(4)).dedupe();
  EXPECT_EQ(one.cluster, four.cluster);
}

// Strangers who share a placeholder date of birth, a hostel's address and postcode, and
// its switchboard number, as custody and housing records do.
std::vector<PersonRecord> hostel_residents(std::size_t n) {
  const std::vector<std::string> given = {"Adam", "Brian", "Carl", "Derek", "Errol", "Frank", "Gavin", "Hugo"};
  const std::vector<std::string> surname = {"Nowak", "Okafor", "Price", "Quinn", "Reyes", "Stone", "Tran", "Umar",
                                            "Vance", "Walsh"};
  std::vector<PersonRecord> out;
  for (std::size_t i = 0; i < n; ++i) {
    PersonRecord r;
    r[Role::kGivenName] = given[i % given.size()];
    r[Role::kSurname] = surname[(i / given.size()) % surname.size()] + std::string(i / 80, 'x');
    r[Role::kDob] = "01/01/1900";
    r[Role::kAddress] = "Booth House Hostel, 153-175 Whitechapel Road";
    r[Role::kPostcode] = "E1 1DF";
    r[Role::kPhone] = "020 7247 3000";
    r[Role::kSex] = "M";
    out.push_back(r);
  }
  return out;
}

TEST(Linker, OverCommonValuesDoNotJoinStrangers) {
  auto records = hostel_residents(60);
  // Background population so that the hostel stands out from ordinary values.
  for (const auto& s : synthetic_people(1000, 11)) records.push_back(s.record);
  Linker linker(records, with_threads(2));
  const auto linkage = linker.dedupe();
  for (std::uint32_t i = 0; i < 60; ++i) EXPECT_EQ(linkage.cluster[i], i) << "hostel resident " << i << " was joined";
  bool dob = false, address = false, phone = false;
  for (const auto& h : linkage.stats.hot_values) {
    dob |= h.role == Role::kDob && h.value == "19000101" && !h.excluded;
    address |= h.role == Role::kAddress && h.records >= 60;
    phone |= h.role == Role::kPhone && h.value == "02072473000";
  }
  EXPECT_TRUE(dob);
  EXPECT_TRUE(address);
  EXPECT_TRUE(phone);
  const auto e = linker.explain(0, 1);
  for (const auto& f : e.fields) {
    if (f.role != Role::kDob && f.role != Role::kAddress && f.role != Role::kPhone) continue;
    EXPECT_EQ(f.outcome, "ignored: over-common or excluded value");
    EXPECT_EQ(f.weight, 0);
  }
}

TEST(Linker, ExclusionListRulesOutValuesTooRareToDetect) {
  // Three strangers at a solicitors' office with one phone: too few to stand out.
  std::vector<PersonRecord> records;
  for (const char* name : {"Ann Lee", "Ann Leigh", "Ann Li"}) {
    PersonRecord r;
    r[Role::kFullName] = name;
    r[Role::kAddress] = "1 Chancery Lane";
    r[Role::kPhone] = "020 7000 0000";
    r[Role::kDob] = "1980-05-05";
    records.push_back(r);
  }
  for (const auto& s : synthetic_people(500, 5)) records.push_back(s.record);
  LinkageOptions options = with_threads(1);
  options.exclusions = {{Role::kAddress, "1 CHANCERY LANE"}, {Role::kPhone, "+44 20 7000 0000"}};
  Linker linker(records, options);
  const auto linkage = linker.dedupe();
  std::size_t excluded = 0;
  for (const auto& h : linkage.stats.hot_values) excluded += h.excluded;
  EXPECT_EQ(excluded, 2U);
  for (const auto& f : linker.explain(0, 1).fields) {
    if (f.role != Role::kAddress && f.role != Role::kPhone) continue;
    EXPECT_EQ(f.weight, 0);
    EXPECT_EQ(f.outcome, "ignored: over-common or excluded value");
  }
}

TEST(Linker, ExplanationGivesEachFieldItsWeight) {
  std::vector<PersonRecord> records;
  auto add = [&](const char* given, const char* surname, const char* dob, const char* postcode) {
    PersonRecord r;
    r[Role::kGivenName] = given;
    r[Role::kSurname] = surname;
    r[Role::kDob] = dob;
    r[Role::kPostcode] = postcode;
    records.push_back(r);
  };
  add("Robert", "Kowalczyk", "1971-06-04", "E1 6AN");
  add("Bob", "Kowalczyk", "1971-04-06", "");
  for (const auto& s : synthetic_people(800, 9)) records.push_back(s.record);
  Linker linker(records, with_threads(2));
  const auto linkage = linker.dedupe();
  EXPECT_EQ(linkage.cluster[1], 0U);
  const auto e = linker.explain(0, 1);
  std::map<Role, FieldEvidence> by_role;
  double sum = e.prior_weight;
  for (const auto& f : e.fields) {
    by_role[f.role] = f;
    sum += f.weight;
  }
  EXPECT_NEAR(sum, e.weight, 1e-9);
  EXPECT_NEAR(e.probability, FellegiSunter::probability(e.weight), 1e-12);
  EXPECT_EQ(by_role.at(Role::kGivenName).outcome, "nickname");
  EXPECT_EQ(by_role.at(Role::kGivenName).value_a, "robert");
  EXPECT_EQ(by_role.at(Role::kGivenName).value_b, "bob");
  EXPECT_GT(by_role.at(Role::kGivenName).weight, 0);
  EXPECT_EQ(by_role.at(Role::kSurname).outcome, "exact");
  EXPECT_GT(by_role.at(Role::kSurname).weight, by_role.at(Role::kGivenName).weight);
  EXPECT_EQ(by_role.at(Role::kDob).outcome, "day/month swapped or one digit");
  EXPECT_EQ(by_role.at(Role::kPostcode).outcome, "missing");
  EXPECT_EQ(by_role.at(Role::kPostcode).weight, 0);
}

TEST(Linker, EmptyAndSingleInputs) {
  EXPECT_TRUE(Linker(std::vector<PersonRecord>{}, {}).dedupe().cluster.empty());
  const auto one = Linker(std::vector<PersonRecord>(1), {}).dedupe();
  EXPECT_EQ(one.cluster, (std::vector<std::uint32_t>{0}));
  // Records with nothing recorded are never joined.
  const auto blank = Linker(std::vector<PersonRecord>(5), {}).dedupe();
  EXPECT_EQ(blank.cluster, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace rocta::match

namespace rocta::match {
namespace {

TEST(LinkerLookup, FindsTheKnownRecordsOfANewOne) {
  const auto people = synthetic_people(3000, 21);
  std::vector<PersonRecord> known;
  for (const auto& p : people) known.push_back(p.record);
  Linker linker(known, with_threads(2));
  (void)linker.dedupe();
  linker.build_lookup_index();
  // A new record of person 0 as another agency wrote it: familiar name, date read the
  // other way round, a typo in the surname.
  PersonRecord query = people[0].record;
  query[Role::kGivenName] = "Bobby";
  query[Role::kSurname] += "e";
  query[Role::kEmail].clear();
  const auto& dob = people[0].record[Role::kDob];
  query[Role::kDob] = dob.substr(8, 2) + "/" + dob.substr(5, 2) + "/" + dob.substr(0, 4);  // UK order
  const auto found = linker.lookup(query);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(people[found.front().record].person, people[0].person);
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].weight, found[i].weight);
  const auto e = linker.explain(found.front().record, query);
  EXPECT_NEAR(e.weight, found.front().weight, 1e-9);
  // Somebody unknown finds nobody.
  PersonRecord stranger;
  stranger[Role::kFullName] = "Quintus Zebulon-Okwuosa";
  stranger[Role::kDob] = "1901-02-03";
  EXPECT_TRUE(linker.lookup(stranger).empty());
}

TEST(LinkerLookup, OverCommonValuesFindNobody) {
  auto records = hostel_residents(60);
  for (const auto& s : synthetic_people(1000, 11)) records.push_back(s.record);
  Linker linker(records, with_threads(2));
  (void)linker.dedupe();
  linker.build_lookup_index();
  PersonRecord newcomer;  // a new resident: only the hostel's details in common
  newcomer[Role::kGivenName] = "Zachary";
  newcomer[Role::kSurname] = "Ingleby";
  newcomer[Role::kDob] = "01/01/1900";
  newcomer[Role::kAddress] = "Booth House Hostel, 153-175 Whitechapel Road";
  newcomer[Role::kPostcode] = "E1 1DF";
  newcomer[Role::kPhone] = "020 7247 3000";
  EXPECT_TRUE(linker.lookup(newcomer).empty());
}

}  // namespace
}  // namespace rocta::match
