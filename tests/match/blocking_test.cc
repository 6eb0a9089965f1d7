#include "match/blocking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace rocta::match {
namespace {

// The names of the blocking keys two records share.
std::vector<std::string> shared(const PersonRecord& a, const PersonRecord& b) {
  const BlockingKeys ka = blocking_keys(prepare(a)), kb = blocking_keys(prepare(b));
  std::vector<std::string> out;
  for (std::size_t k = 0; k < kBlockingKeyCount; ++k)
    if (ka[k] != 0 && ka[k] == kb[k]) out.emplace_back(blocking_key_name(k));
  return out;
}

PersonRecord person(std::string given, std::string surname, std::string dob, std::string email = "") {
  PersonRecord r;
  r[Role::kGivenName] = std::move(given);
  r[Role::kSurname] = std::move(surname);
  r[Role::kDob] = std::move(dob);
  r[Role::kEmail] = std::move(email);
  return r;
}

bool has(const std::vector<std::string>& keys, std::string_view name) {
  return std::find(keys.begin(), keys.end(), name) != keys.end();
}

TEST(Blocking, EveryKeyHasANameAndRoles) {
  for (std::size_t k = 0; k < kBlockingKeyCount; ++k) {
    EXPECT_FALSE(blocking_key_name(k).empty()) << k;
    EXPECT_NE(blocking_key_roles(k), 0U) << k;
  }
}

TEST(Blocking, ReachesRecordsWithNamesMissingOrDatesOut) {
  // Nothing alike but the name before the @: the domain mistyped, names not written.
  auto keys = shared(person("", "", "2012-04-16", "gabriel.t54@nichols.info"), person("Gabriel", "Thomas", "2002-05-19", "gabriel.t54@nnichls.info"));
  EXPECT_TRUE(has(keys, "email name before the @"));
  // A short name before the @ is shared by strangers: no key.
  keys = shared(person("", "", "", "jb8@king.com"), person("", "", "", "jb8@queen.org"));
  EXPECT_TRUE(keys.empty()) << (keys.empty() ? "" : keys.front());
  // Given name missing, day and month out: surname with the birth year.
  keys = shared(person("", "Ferguson", "1971-03-02"), person("Logan", "Fergusson", "1971-11-15"));
  EXPECT_TRUE(has(keys, "surname sound + birth year"));
  // Both names mistyped beyond their sound, the date intact: initials either way round.
  keys = shared(person("Jyayden", "Bnennet", "2017-01-11"), person("Bennett", "Jayden", "2017-01-11"));
  EXPECT_TRUE(has(keys, "initials (either order) + date of birth"));
  // A married name: given name with the birth year and month.
  keys = shared(person("Siobhán", "Kelly", "1985-11-30"), person("Siobhan", "Okafor", "1985-11-03"));
  EXPECT_TRUE(has(keys, "given name sound + birth year and month"));
}

}  // namespace
}  // namespace rocta::match
