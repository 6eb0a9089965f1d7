// Sharing agreements' terms: the subjects they cover, whose capability, the dates they are in
// force; and that an agreement covering only capability opens no record.
#include <gtest/gtest.h>

#include "core/policy.h"
#include "core/sharing.h"

namespace rocta {
namespace {

SharingAgreement agreement(std::vector<AgreementSubject> subjects, std::vector<std::string> whose = {}) {
  SharingAgreement a;
  a.giver = "MPS", a.receiver = "HMRC", a.purpose = "Joint fraud tasking";
  a.subjects = std::move(subjects);
  a.capability_of = std::move(whose);
  return a;
}

std::string field_of(const Status& s) { return s.is_ok() ? "" : s.field(); }

TEST(AgreementSubjects, NamesRoundTrip) {
  for (auto s : {AgreementSubject::kRecords, AgreementSubject::kCapability}) EXPECT_EQ(parse_agreement_subject(to_string(s)), s);
  EXPECT_FALSE(parse_agreement_subject("staffing"));
  EXPECT_FALSE(parse_agreement_subject(""));
}

TEST(AgreementSubjects, ANewAgreementCoversRecordsOnly) {
  SharingAgreement a;
  EXPECT_TRUE(a.covers(AgreementSubject::kRecords));
  EXPECT_FALSE(a.covers(AgreementSubject::kCapability));
}

TEST(AgreementSubjects, ValidationNamesTheFieldAtFault) {
  using S = AgreementSubject;
  const struct {
    SharingAgreement a;
    std::string field;  // empty: valid
  } cases[] = {
      {agreement({S::kRecords}), ""},
      {agreement({S::kCapability}, {"MPS"}), ""},
      {agreement({S::kRecords, S::kCapability}, {"MPS"}), ""},
      {agreement({}), "subjects"},
      {agreement({S::kRecords, S::kRecords}), "subjects"},
      {agreement({S::kCapability}), "capability_of"},                 // whose capability, unsaid
      {agreement({S::kCapability}, {"BTP"}), "capability_of"},        // not the giver's own
      {agreement({S::kCapability}, {"MPS", "BTP"}), "capability_of"}, // another agency's too
      {agreement({S::kCapability}, {"MPS", "MPS"}), "capability_of"},
      {agreement({S::kRecords}, {"MPS"}), "capability_of"},           // capability_of without the subject
  };
  for (const auto& c : cases) EXPECT_EQ(field_of(validate_agreement_terms(c.a)), c.field) << c.a.subjects.size() << " subjects, capability_of " << c.a.capability_of.size();
}

TEST(AgreementDates, AreDatesInOrder) {
  auto a = agreement({AgreementSubject::kCapability}, {"MPS"});
  a.starts_on = "2026-01-01", a.ends_on = "2026-12-31";
  EXPECT_TRUE(validate_agreement_terms(a).is_ok());
  a.ends_on = "2025-12-31";
  EXPECT_EQ(field_of(validate_agreement_terms(a)), "ends_on");
  a.ends_on = "31/12/2026";
  EXPECT_EQ(field_of(validate_agreement_terms(a)), "ends_on");
  a.ends_on.clear(), a.starts_on = "2026-02-30";
  EXPECT_EQ(field_of(validate_agreement_terms(a)), "starts_on");
}

TEST(AgreementDates, InForceWhileActiveAndWithinItsDatesInclusive) {
  const struct {
    bool active;
    const char *from, *to, *today;
    bool in;
  } cases[] = {
      {true, "", "", "2026-06-01", true},
      {false, "", "", "2026-06-01", false},
      {true, "2026-06-01", "", "2026-06-01", true},
      {true, "2026-06-02", "", "2026-06-01", false},
      {true, "", "2026-06-01", "2026-06-01", true},
      {true, "", "2026-05-31", "2026-06-01", false},
      {true, "2026-01-01", "2026-12-31", "2027-01-01", false},
      {false, "2026-01-01", "2026-12-31", "2026-06-01", false},
  };
  for (const auto& c : cases) EXPECT_EQ(in_force(c.active, c.from, c.to, c.today), c.in) << c.from << ".." << c.to << " " << c.today;
}

TEST(AgreementSubjects, ACapabilityOnlyAgreementOpensNoRecord) {
  User partner;
  partner.agency = "HMRC", partner.agency_kind = AgencyKind::kPartnerAgency, partner.roles = {Role::kPartner};
  SharingGrant g{"MPS", Classification::kOfficial, SharingScope::kRegion, true};
  g.records = false, g.capability = true;
  partner.grants = {g};
  Marking m;
  m.owning_agency = "MPS", m.owning_region = "London", m.scope = SharingScope::kRegion;
  EXPECT_FALSE(admits(read_scope(partner), m));
  EXPECT_FALSE(may_signal(read_scope(partner), m, SignalAudience::kAgreements));
  partner.grants[0].records = true;
  EXPECT_TRUE(admits(read_scope(partner), m));
}

TEST(AgreementDates, GrantsOutOfForceAreDropped) {
  User u;
  SharingGrant now{"MPS"}, later{"BTP"}, ended{"COLP"};
  later.starts_on = "2026-07-01";
  ended.ends_on = "2026-05-31";
  u.grants = {now, later, ended};
  keep_grants_in_force(u, "2026-06-01");
  ASSERT_EQ(u.grants.size(), 1u);
  EXPECT_EQ(u.grants[0].giver, "MPS");
}

}  // namespace
}  // namespace rocta
