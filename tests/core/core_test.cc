#include <gtest/gtest.h>

#include "core/audit.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/intelligence.h"
#include "core/login_throttle.h"
#include "core/organisation.h"
#include "core/text.h"
#include "core/threat.h"

namespace rocta {
namespace {

TEST(Text, IsoDatesAreRealCalendarDates) {
  EXPECT_TRUE(is_iso_date("2022-06-30"));
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2023-02-29"));
  EXPECT_FALSE(is_iso_date("2022-13-01"));
  EXPECT_FALSE(is_iso_date("30/06/2022"));
  EXPECT_FALSE(is_iso_date("2022-6-30"));
}

TEST(Text, SerialNumbersArePaddedToSixDigits) {
  EXPECT_EQ(padded(1), "000001");
  EXPECT_EQ(padded(42), "000042");
  EXPECT_EQ(padded(999999), "999999");
  EXPECT_EQ(padded(1234567), "1234567");
}

TEST(Text, CleanTextRejectsControlCharactersAndBadUtf8) {
  EXPECT_TRUE(is_clean_text("Zoë Ørsted, 北京\tline\nnext"));
  EXPECT_FALSE(is_clean_text(std::string("a\0b", 3)));
  EXPECT_FALSE(is_clean_text("\x1b[31m"));
  EXPECT_FALSE(is_clean_text("\xc3"));
  EXPECT_FALSE(is_clean_text("\xff\xfe"));
}

TEST(Clock, IsoTimestamp) {
  EXPECT_EQ(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso_timestamp(1656547199123), "2022-06-29T23:59:59.123Z");
  EXPECT_EQ(iso_date(1656547199123), "2022-06-29");
}

TEST(Csv, QuotedFieldsCommasAndNewlines) {
  auto rows = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n");
  ASSERT_TRUE(rows.is_ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1][0], "x, y");
  EXPECT_EQ((*rows)[1][1], "say \"hi\"\nthere");
  EXPECT_EQ(csv_field("x, y"), "\"x, y\"");
  EXPECT_FALSE(parse_csv("a,\"unterminated\n").is_ok());
}

TEST(Agencies, ReferenceFileParsesAndRejectsBadRows) {
  auto ok = parse_agencies_csv("code,name,kind,region\nMPS,Metropolitan Police Service,territorial force,London\n");
  ASSERT_TRUE(ok.is_ok());
  EXPECT_EQ((*ok)[0].kind, AgencyKind::kTerritorialForce);
  auto bad = parse_agencies_csv("code,name,kind,region\nMPS,Met,police box,London\n");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
}

// A stand-in hash: the chain logic does not depend on which hash is used.
std::string fake_hash(std::string_view s) { return std::to_string(std::hash<std::string_view>{}(s)); }

std::vector<AuditEvent> chain(int n) {
  std::vector<AuditEvent> events;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEvent e;
    e.seq = i;
    e.at = "2026-01-01T00:00:00.000Z";
    e.actor = "someone";
    e.action = "threat.read";
    seal(e, prev, fake_hash);
    prev = e.hash;
    events.push_back(e);
  }
  return events;
}

TEST(AuditChain, IntactChainVerifies) { EXPECT_FALSE(first_break(chain(10), kGenesisHash, 1, fake_hash)); }

TEST(AuditChain, AlteredEventIsNamed) {
  auto events = chain(10);
  events[6].purpose = "changed afterwards";
  auto broken = first_break(events, kGenesisHash, 1, fake_hash);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->seq, 7);
}

TEST(AuditChain, RemovedEventIsNamed) {
  auto events = chain(10);
  events.erase(events.begin() + 3);
  auto broken = first_break(events, kGenesisHash, 1, fake_hash);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->seq, 4);
}

TEST(AuditChain, RehashedEventStillBreaksTheNextLink) {
  auto events = chain(10);
  events[2].actor = "forger";
  seal(events[2], events[1].hash, fake_hash);  // a forger recomputes this event's hash…
  auto broken = first_break(events, kGenesisHash, 1, fake_hash);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->seq, 4);  // …but the next event still points to the old one
}

TEST(AuditChain, FieldsCannotBeShiftedBetweenEachOther) {
  AuditEvent a, b;
  a.actor = "ab";
  a.action = "c";
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(canonical_text(a), canonical_text(b));
}

TEST(LoginThrottle, LocksAfterFreeFailuresAndDoubles) {
  LoginThrottle t;
  const int64_t now = 1000000;
  for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i) t.record_failure("u", now);
  EXPECT_EQ(t.wait_ms("u", now), 0);
  t.record_failure("u", now);
  EXPECT_EQ(t.wait_ms("u", now), LoginThrottle::kBaseLockoutMs);
  t.record_failure("u", now);
  EXPECT_EQ(t.wait_ms("u", now), 2 * LoginThrottle::kBaseLockoutMs);
  EXPECT_EQ(t.wait_ms("other", now), 0);
  EXPECT_EQ(t.wait_ms("u", now + 10 * LoginThrottle::kMaxLockoutMs), 0);
  t.record_success("u");
  EXPECT_EQ(t.wait_ms("u", now), 0);
}

TEST(LoginThrottle, ThresholdIsPerThrottle) {
  LoginThrottle shared_address(30);
  for (int i = 0; i < 29; ++i) shared_address.record_failure("origin:10.1.1.1", 0);
  EXPECT_EQ(shared_address.wait_ms("origin:10.1.1.1", 0), 0);
  shared_address.record_failure("origin:10.1.1.1", 0);
  EXPECT_GT(shared_address.wait_ms("origin:10.1.1.1", 0), 0);
}

TEST(LoginThrottle, LockoutIsCapped) {
  LoginThrottle t;
  for (int i = 0; i < 40; ++i) t.record_failure("u", 0);
  EXPECT_EQ(t.wait_ms("u", 0), LoginThrottle::kMaxLockoutMs);
}

TEST(Records, ThreatValidation) {
  Threat t;
  t.name = "OCG";
  EXPECT_TRUE(validate_threat(t).is_ok());
  t.tier = 6;
  EXPECT_EQ(validate_threat(t).field(), "tier");
  t.tier.reset();
  t.moderation = ModerationStatus::kModerated;
  EXPECT_FALSE(validate_threat(t).is_ok());  // moderated needs a tier
  t.tier = 2;
  t.primary_crime_type = "Littering";
  EXPECT_EQ(validate_threat(t).field(), "primary_crime_type");
}

TEST(Records, IntelligenceGrading) {
  IntelligenceReport r;
  r.title = "t";
  r.body = "b";
  r.source_evaluation = 1;
  r.intelligence_assessment = 'A';
  EXPECT_TRUE(validate_intelligence(r).is_ok());
  EXPECT_EQ(r.grading(), "1A P");
  r.source_evaluation = 4;
  EXPECT_FALSE(validate_intelligence(r).is_ok());
  r.source_evaluation = 2;
  r.intelligence_assessment = 'E';
  EXPECT_FALSE(validate_intelligence(r).is_ok());  // E needs handling code C
  r.marking.handling = HandlingCode::kC;
  r.marking.handling_conditions = "Not for onward dissemination";
  EXPECT_TRUE(validate_intelligence(r).is_ok());
}

TEST(Marking, Rules) {
  auto exists = [](const std::string& c) { return c == "BTP" || c == "MPS"; };
  Marking m;
  m.owning_agency = "MPS";
  EXPECT_TRUE(validate_marking(m, exists).is_ok());
  m.classification = Classification::kSecret;
  m.sensitive = true;
  EXPECT_FALSE(validate_marking(m, exists).is_ok());  // OFFICIAL-SENSITIVE is within OFFICIAL
  m = Marking{};
  m.owning_agency = "MPS";
  m.scope = SharingScope::kNamed;
  EXPECT_FALSE(validate_marking(m, exists).is_ok());  // named needs names
  m.shared_with = {"XYZ"};
  EXPECT_FALSE(validate_marking(m, exists).is_ok());  // unknown agency
  m.shared_with = {"BTP"};
  EXPECT_TRUE(validate_marking(m, exists).is_ok());
  m.handling = HandlingCode::kC;
  EXPECT_EQ(validate_marking(m, exists).field(), "marking.handling_conditions");
}

}  // namespace
}  // namespace rocta
