#include "match/synthetic_people.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace rocta::match {
namespace {

TEST(SyntheticPeople, TyposActOnCharactersNotBytes) {
  // Every copy carries a typo in both names: accented names ("Zoë", "Siobhán") are among
  // them, and a typo that split a multi-byte character would leave invalid UTF-8.
  SyntheticErrors errors;
  errors.typo = 1.0;
  std::size_t accented = 0, changed = 0;
  const auto people = synthetic_people(20000, 7, errors);
  for (std::size_t i = 0; i < people.size(); ++i) {
    for (const auto& field : people[i].record.fields) ASSERT_TRUE(is_clean_text(field)) << "record " << i << ": " << field;
    const auto& given = people[i].record[Role::kGivenName];
    for (unsigned char c : given) accented += c >= 0x80;
    if (i > 0 && people[i].person == people[i - 1].person && given != people[i - 1].record[Role::kGivenName]) ++changed;
  }
  EXPECT_GT(accented, 100U);  // the case that matters is exercised
  EXPECT_GT(changed, 1000U);  // and typos were made
}

}  // namespace
}  // namespace rocta::match
