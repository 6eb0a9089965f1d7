#include "match/compare.h"

#include <gtest/gtest.h>

#include <random>

#include "match/field_comparison.h"

namespace rocta::match {
namespace {

TEST(JaroWinkler, PublishedValues) {
  EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.9611, 1e-4);
  EXPECT_NEAR(jaro_winkler("dwayne", "duane"), 0.84, 1e-4);
  EXPECT_NEAR(jaro_winkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_DOUBLE_EQ(jaro_winkler("same", "same"), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("", "abc"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("dixon", "dicksonx"), jaro_winkler("dicksonx", "dixon"));
}

TEST(Levenshtein, DistancesAndEarlyStop) {
  EXPECT_EQ(levenshtein("kitten", "sitting"), 3);
  EXPECT_EQ(levenshtein("", "abc"), 3);
  EXPECT_EQ(levenshtein("flaw", "lawn"), 2);
  EXPECT_EQ(levenshtein("same", "same"), 0);
  EXPECT_EQ(levenshtein("kitten", "sitting", 1), 2);  // more than one: max + 1
  EXPECT_EQ(levenshtein("a", "abcdef", 2), 3);
}

// The shortcut for digits must be levenshtein(a, b, 2) exactly: dates one, two and three
// edits apart (typed slips, shifted digits, strangers), and lengths that differ.
TEST(Levenshtein, DigitShortcutAgreesWithTheTable) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> digit(0, 9), pos(0, 7), edits(0, 4);
  std::size_t shifted = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string a(8, '0');
    for (auto& c : a) c = static_cast<char>('0' + digit(rng));
    std::string b = a;
    for (int e = edits(rng); e > 0; --e) {
      switch (digit(rng) % 3) {
        case 0: b[pos(rng) % b.size()] = static_cast<char>('0' + digit(rng)); break;
        case 1: if (b.size() > 1) b.erase(pos(rng) % b.size(), 1); break;
        default: b.insert(pos(rng) % (b.size() + 1), 1, static_cast<char>('0' + digit(rng))); break;
      }
    }
    if (n % 7 == 0) b.resize(8, '1');  // equal lengths after a deletion and an insertion
    const int table = levenshtein(a, b, 2);
    ASSERT_EQ(digit_edits_up_to_two(a, b), table) << a << " " << b;
    shifted += table == 2 && a.size() == b.size();
  }
  EXPECT_GT(shifted, 1000U);
  EXPECT_EQ(digit_edits_up_to_two("1985x312", "19853120"), levenshtein("1985x312", "19853120", 2));
}

TEST(Soundex, StandardCodes) {
  EXPECT_EQ(soundex("Robert"), "R163");
  EXPECT_EQ(soundex("Rupert"), "R163");
  EXPECT_EQ(soundex("Ashcraft"), "A261");  // h does not separate s and c
  EXPECT_EQ(soundex("Tymczak"), "T522");
  EXPECT_EQ(soundex("Pfister"), "P236");
  EXPECT_EQ(soundex("Lee"), "L000");
  EXPECT_EQ(soundex("123"), "");
}

TEST(Dates, DistanceAndSwappedDayMonth) {
  EXPECT_EQ(days_between(19710624, 19710625), 1);
  EXPECT_EQ(days_between(20000301, 20000228), -2);  // 2000 is a leap year
  EXPECT_TRUE(day_month_swapped(19710604, 19710406));
  EXPECT_FALSE(day_month_swapped(19710606, 19710606));
  EXPECT_FALSE(day_month_swapped(19710604, 19720406));
}

PreparedRecord with(Role role, const std::string& value) {
  PersonRecord r;
  r[role] = value;
  return prepare(r);
}

int level(Role role, const std::string& a, const std::string& b) { return compare_field(role, with(role, a), with(role, b)); }

TEST(FieldComparison, LevelsPerRole) {
  EXPECT_EQ(level(Role::kGivenName, "Robert", "ROBERT"), 1);
  EXPECT_EQ(level(Role::kGivenName, "Bob", "Robert"), 2);
  EXPECT_EQ(level(Role::kGivenName, "Jonathon", "Jonathan"), 3);
  EXPECT_EQ(level(Role::kGivenName, "Robert", "Susan"), 6);
  EXPECT_EQ(level(Role::kGivenName, "", "Susan"), 0);
  EXPECT_EQ(level(Role::kSurname, "Smith", "Smyth"), 3);
  EXPECT_EQ(level(Role::kSurname, "Thompson", "Thomson"), 2);
  PersonRecord isla_hall, hall_isla;
  isla_hall[Role::kGivenName] = "Isla";
  isla_hall[Role::kSurname] = "Hall";
  hall_isla[Role::kGivenName] = "Hall";
  hall_isla[Role::kSurname] = "Isla";
  EXPECT_EQ(compare_field(Role::kGivenName, prepare(isla_hall), prepare(hall_isla)), 5);  // swapped
  EXPECT_EQ(compare_field(Role::kSurname, prepare(isla_hall), prepare(hall_isla)), 4);
  // In the other box with a slip, the given name not written: "Mason Jessica" and "— Msaon".
  PersonRecord mason, msaon;
  mason[Role::kGivenName] = "Mason";
  mason[Role::kSurname] = "Jessica";
  msaon[Role::kSurname] = "Msaon";
  EXPECT_EQ(compare_field(Role::kSurname, prepare(mason), prepare(msaon)), 4);
  EXPECT_EQ(compare_field(Role::kSurname, prepare(isla_hall), prepare(msaon)), 5);  // nothing alike
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "04/06/1971"), 1);
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "1971-04-06"), 2);  // day and month swapped
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "1981-06-04"), 2);  // one digit
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "1971-06-13"), 3);  // two digits
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "1971-09-20"), 4);  // within a year
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "1979-02-23"), 5);  // within ten years
  EXPECT_EQ(level(Role::kDob, "1971-06-04", "1985-01-30"), 6);
  EXPECT_EQ(level(Role::kPostcode, "E1 6AN", "e16an"), 1);
  EXPECT_EQ(level(Role::kPostcode, "E1 6AN", "E1 6QR"), 2);  // same sector
  EXPECT_EQ(level(Role::kPostcode, "E1 6AN", "E1 7AA"), 3);  // same district
  EXPECT_EQ(level(Role::kPostcode, "E1 6AN", "E12 6AN"), 4);
  EXPECT_EQ(level(Role::kPhone, "+44 7700 900123", "07700 900123"), 1);
  EXPECT_EQ(level(Role::kPhone, "07700 900123", "07700 900124"), 2);
  EXPECT_EQ(level(Role::kAddress, "12 Booth Street Whitechapel", "12 Booth St"), 3);  // a word missing
  EXPECT_EQ(level(Role::kAddress, "12 Booth Street", "7 Acacia Avenue"), 4);
  EXPECT_EQ(level(Role::kAddress, "12 Booth Street Whitechapel", "12 Booth Street Whitechapel London"), 2);
  EXPECT_EQ(level(Role::kEmail, "jo.bloggs@a.net", "jo.bloggs@b.org"), 2);  // same mailbox name
  EXPECT_EQ(level(Role::kEmail, "jo.bloggs@a.net", "jo.blogs@a.net"), 2);    // one typo
  EXPECT_EQ(level(Role::kEmail, "jo@a.net", "jo@b.org"), 4);                  // too short to tell
  EXPECT_EQ(level(Role::kEmail, "jo.smith86@a.net", "jo.smith38@a.net"), 4);  // other digits: another mailbox
  EXPECT_EQ(level(Role::kEmail, "jo.bloggs77@acme.net", "jo.blgogs77@acme.nte"), 3);  // slips in the letters
}

}  // namespace
}  // namespace rocta::match
