#include "match/normalise.h"

#include <gtest/gtest.h>

#include "match/compare.h"
#include "match/field_comparison.h"

namespace rocta::match {
namespace {

TEST(FoldText, DropsCaseAccentsAndPunctuation) {
  EXPECT_EQ(fold_text("  ZOË  O'Brien-Smith "), "zoe obrien smith");
  EXPECT_EQ(fold_text("Müller"), "muller");
  EXPECT_EQ(fold_text("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(fold_text("François"), "francois");
  EXPECT_EQ(fold_text(""), "");
}

TEST(FoldText, TransliteratesOtherScripts) {
  EXPECT_EQ(fold_text("Дмитрий Иванов"), "dmitrij ivanov");
  EXPECT_EQ(fold_text("Ελένη"), "elene");
}

TEST(Names, SurnameIgnoresSpacesAndGivenNameKeepsTheFirst) {
  EXPECT_EQ(normalise_surname("O' Brien"), normalise_surname("OBRIEN"));
  EXPECT_EQ(normalise_surname("van der Berg"), "vanderberg");
  EXPECT_EQ(normalise_given_name("Mary Jane"), "mary");
}

TEST(Nicknames, FamiliarFormsMatchTheirFormalName) {
  EXPECT_TRUE(nicknames_match("bob", "robert"));
  EXPECT_TRUE(nicknames_match("bill", "will"));    // both William
  EXPECT_TRUE(nicknames_match("pat", "patrick"));  // pat is Patricia or Patrick
  EXPECT_TRUE(nicknames_match("pat", "patricia"));
  EXPECT_FALSE(nicknames_match("patrick", "patricia"));
  EXPECT_FALSE(nicknames_match("bob", "william"));
  EXPECT_FALSE(nicknames_match("zebedee", "zebedee"));  // unknown names are in no group
  EXPECT_EQ(formal_name("bobby"), "robert");
  EXPECT_EQ(formal_name("zebedee"), "zebedee");
}

TEST(Postcode, UkPostcodesTakeTheirStandardForm) {
  EXPECT_EQ(normalise_postcode("sw1a1aa"), "SW1A 1AA");
  EXPECT_EQ(normalise_postcode(" e1  6an "), "E1 6AN");
  EXPECT_EQ(normalise_postcode("M1 1AE"), "M1 1AE");
  EXPECT_EQ(normalise_postcode("B33 8TH"), "B33 8TH");
  EXPECT_TRUE(is_uk_postcode("CR2 6XH"));
  EXPECT_TRUE(is_uk_postcode("DN55 1PT"));
  EXPECT_FALSE(is_uk_postcode("4011"));
  EXPECT_EQ(normalise_postcode("4011"), "4011");  // not UK: kept as letters and digits
  EXPECT_EQ(normalise_postcode("--"), "");
}

TEST(Phone, InternationalAndNationalFormsAgree) {
  EXPECT_EQ(normalise_phone("+44 (0)20 7946 0018"), "02079460018");
  EXPECT_EQ(normalise_phone("+44 20 7946 0018"), "02079460018");
  EXPECT_EQ(normalise_phone("0044 7700 900123"), "07700900123");
  EXPECT_EQ(normalise_phone("07700 900123"), "07700900123");
  EXPECT_EQ(normalise_phone("+33 1 23 45 67 89"), "33123456789");  // other countries kept whole
}

TEST(Email, LowerCaseAndShapeChecked) {
  EXPECT_EQ(normalise_email(" Jo.Bloggs@Example.NET "), "jo.bloggs@example.net");
  EXPECT_EQ(normalise_email("not an email"), "");
  EXPECT_EQ(normalise_email("a@b@c"), "");
}

TEST(Sex, CommonSpellings) {
  EXPECT_EQ(normalise_sex("Male"), "m");
  EXPECT_EQ(normalise_sex("F"), "f");
  EXPECT_EQ(normalise_sex("unknown"), "unknown");
}

TEST(Dates, SeveralFormatsDayFirst) {
  EXPECT_EQ(parse_date("1971-06-24"), 19710624);
  EXPECT_EQ(parse_date("19710624"), 19710624);
  EXPECT_EQ(parse_date("24/06/1971"), 19710624);
  EXPECT_EQ(parse_date("4.6.1971"), 19710604);
  EXPECT_EQ(parse_date("1971/06/24"), 19710624);
  EXPECT_EQ(parse_date("31/02/1971"), 0);  // no such day
  EXPECT_EQ(parse_date("19711324"), 0);
  EXPECT_EQ(parse_date("24/06/71"), 0);    // two-digit years are ambiguous: refused
  EXPECT_EQ(parse_date("next tuesday"), 0);
  EXPECT_EQ(parse_date(""), 0);
}

TEST(Prepare, FullNameFillsGivenNameAndSurname) {
  PersonRecord raw;
  raw[Role::kFullName] = "Dr. Robert James O'Neill";
  raw[Role::kDob] = "24/06/1971";
  const auto p = prepare(raw);
  EXPECT_EQ(p[Role::kGivenName], "dr");
  EXPECT_EQ(p[Role::kSurname], "oneill");
  EXPECT_EQ(p.dob, 19710624);
  PersonRecord named;
  named[Role::kGivenName] = "Bobby";
  EXPECT_EQ(prepare(named).given_formal, "robert");
}

}  // namespace
}  // namespace rocta::match
