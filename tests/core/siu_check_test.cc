// The SIU's answer to an assessment's check: who replies, what others see of it, when a
// moderator may approve, and the consultation rate (core/siu_check.h).
#include <gtest/gtest.h>

#include "core/siu_check.h"

namespace rocta {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t k2022_01_10 = 1641772800000;  // 2022-01-10T00:00:00Z

User person(int64_t id, std::vector<Role> roles, std::vector<std::string> compartments = {}) {
  User u;
  u.id = id;
  u.username = "u" + std::to_string(id);
  u.roles = std::move(roles);
  u.compartments = std::move(compartments);
  return u;
}

MorileAssessment consulting(std::vector<std::string> compartments) {
  MorileAssessment a;
  a.id = 1;
  a.assessor_id = 7;
  a.siu_compartments = std::move(compartments);
  a.siu_signal = !a.siu_compartments.empty();
  return a;
}

SiuReply reply(const std::string& compartment, SiuAdvice advice = SiuAdvice::kNoTrace) {
  SiuReply r;
  r.assessment_id = 1;
  r.compartment = compartment;
  r.advice = advice;
  return r;
}

TEST(SiuAdvice, ReadsBackEveryOutcomeAndNothingElse) {
  for (auto a : {SiuAdvice::kNoTrace, SiuAdvice::kConsulted, SiuAdvice::kAdviseRescore}) EXPECT_EQ(parse_siu_advice(to_string(a)), a);
  EXPECT_FALSE(parse_siu_advice("No trace").has_value());
  EXPECT_FALSE(parse_siu_advice("").has_value());
}

TEST(SiuReplyRules, WhoMayAnswerForWhichCompartment) {
  const MorileAssessment a = consulting({"MPS-SIU"});
  struct Case {
    const char* what;
    User who;
    std::string compartment;
    Code expected;
  };
  User inactive = person(12, {Role::kSiuOfficer}, {"MPS-SIU"});
  inactive.active = false;
  const Case cases[] = {
      {"officer holding it", person(10, {Role::kSiuOfficer}, {"MPS-SIU"}), "MPS-SIU", Code::kOk},
      {"officer of another SIU", person(11, {Role::kSiuOfficer}, {"BTP-SIU"}), "MPS-SIU", Code::kPermissionDenied},
      {"holds it without the role", person(13, {Role::kAnalyst}, {"MPS-SIU"}), "MPS-SIU", Code::kPermissionDenied},
      {"inactive officer", inactive, "MPS-SIU", Code::kPermissionDenied},
      {"the assessor, an officer too", person(7, {Role::kSiuOfficer, Role::kAssessor}, {"MPS-SIU"}), "MPS-SIU", Code::kPermissionDenied},
      {"compartment not consulted", person(14, {Role::kSiuOfficer}, {"MPS-SIU", "GMP-SIU"}), "GMP-SIU", Code::kInvalidArgument},
      {"no compartment named", person(10, {Role::kSiuOfficer}, {"MPS-SIU"}), "", Code::kInvalidArgument},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(check_siu_reply(c.who, a, reply(c.compartment), {}).code(), c.expected) << c.what;
    EXPECT_EQ(may_reply_to_siu_check(c.who, a, c.compartment), c.expected == Code::kOk) << c.what;
  }
}

TEST(SiuReplyRules, OnceForEachCompartmentAndOnlyWhileAwaitingModeration) {
  MorileAssessment a = consulting({"MPS-SIU", "BTP-SIU"});
  const User mps = person(10, {Role::kSiuOfficer}, {"MPS-SIU"}), btp = person(11, {Role::kSiuOfficer}, {"BTP-SIU"});
  const std::vector<SiuReply> earlier{reply("MPS-SIU")};
  EXPECT_EQ(check_siu_reply(mps, a, reply("MPS-SIU", SiuAdvice::kConsulted), earlier).code(), Code::kAlreadyExists);
  EXPECT_TRUE(check_siu_reply(btp, a, reply("BTP-SIU"), earlier).is_ok());
  a.status = AssessmentStatus::kModerated;
  EXPECT_EQ(check_siu_reply(btp, a, reply("BTP-SIU"), earlier).code(), Code::kFailedPrecondition);
  SiuReply long_note = reply("BTP-SIU");
  long_note.note = std::string(2001, 'x');
  a.status = AssessmentStatus::kAwaitingModeration;
  EXPECT_EQ(check_siu_reply(btp, a, long_note, earlier).field(), "note");
}

TEST(SiuReplyRules, OthersSeeTheOutcomeButNeitherTheNoteNorTheOfficer) {
  SiuReply r = reply("MPS-SIU", SiuAdvice::kAdviseRescore);
  r.note = "CHIS reporting puts the group's firearms access higher";
  r.replied_by = 10;
  r.replied_ms = 5;
  const struct {
    User reader;
    bool sees;
  } cases[] = {{person(10, {Role::kSiuOfficer}, {"MPS-SIU"}), true},
               {person(20, {Role::kSiuOfficer}, {"MPS-SIU"}), true},
               {person(21, {Role::kSiuOfficer}, {"BTP-SIU"}), false},
               {person(7, {Role::kAssessor}), false},
               {person(8, {Role::kModerator}, {"MPS-SIU"}), false}};
  for (const auto& c : cases) {
    const SiuReply seen = reply_as_seen_by(c.reader, r);
    EXPECT_EQ(seen.advice, SiuAdvice::kAdviseRescore);
    EXPECT_EQ(seen.replied_ms, 5);
    EXPECT_EQ(seen.note.empty(), !c.sees) << c.reader.username;
    EXPECT_EQ(seen.replied_by == 10, c.sees) << c.reader.username;
  }
}

TEST(SiuBeforeModeration, ApprovalWaitsForEveryReplyOrAReason) {
  const MorileAssessment a = consulting({"MPS-SIU", "BTP-SIU"});
  const MorileAssessment quiet = consulting({});
  const std::vector<SiuReply> none, one{reply("MPS-SIU")}, both{reply("MPS-SIU"), reply("BTP-SIU", SiuAdvice::kConsulted)};
  struct Case {
    const MorileAssessment* a;
    const std::vector<SiuReply>* replies;
    bool approve;
    std::string reason;
    Code expected;
  };
  const Case cases[] = {
      {&quiet, &none, true, "", Code::kOk},                  // no check asked
      {&a, &none, true, "", Code::kFailedPrecondition},
      {&a, &one, true, "", Code::kFailedPrecondition},       // one compartment still silent
      {&a, &one, true, "  short  ", Code::kFailedPrecondition},
      {&a, &one, true, "Tasking meeting tomorrow; SIU on leave until Monday", Code::kOk},
      {&a, &both, true, "", Code::kOk},
      {&a, &none, false, "", Code::kOk},                     // a return never waits
  };
  for (const auto& c : cases) {
    const Status s = check_siu_before_moderation(*c.a, *c.replies, c.approve, c.reason);
    EXPECT_EQ(s.code(), c.expected) << c.reason;
    if (!s.is_ok()) {
      EXPECT_EQ(s.field(), "without_siu_reply");
    }
  }
  EXPECT_EQ(unanswered_compartments(a, one), std::vector<std::string>{"BTP-SIU"});
}

TEST(SiuConsultationRate, CountsAskedAndAnsweredByAgencyAsRecordedByADay) {
  auto row = [](const std::string& agency, int64_t day, std::vector<std::string> comps, std::map<std::string, int64_t> replied,
                int64_t waived = 0) {
    ConsultationRow r;
    r.agency = agency;
    r.assessed_ms = k2022_01_10 + day * kDay;
    r.compartments = std::move(comps);
    r.replied_ms = std::move(replied);
    r.waived_ms = waived;
    return r;
  };
  const int64_t day5 = k2022_01_10 + 5 * kDay;
  const std::vector<ConsultationRow> rows{
      row("MPS", 0, {}, {}),                                             // no check asked
      row("MPS", 1, {"MPS-SIU"}, {{"MPS-SIU", k2022_01_10 + 2 * kDay}}),  // answered on day 2
      row("MPS", 1, {"MPS-SIU", "BTP-SIU"}, {{"MPS-SIU", day5}}),         // half answered: not answered
      row("MPS", 3, {"MPS-SIU"}, {}, day5),                              // moderated without it on day 5
      row("BTP", 2, {"BTP-SIU"}, {{"BTP-SIU", day5}}),
      row("BTP", 40, {"BTP-SIU"}, {}),                                   // outside the period
  };
  auto now = siu_consultation(rows, "2022-01-01", "2022-01-31", "");
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now["MPS"].assessments, 4);
  EXPECT_EQ(now["MPS"].asked, 3);
  EXPECT_EQ(now["MPS"].answered, 1);
  EXPECT_EQ(now["MPS"].waived, 1);
  EXPECT_EQ(now["MPS"].rate_tenths, 333);
  EXPECT_EQ(now["BTP"].assessments, 1);
  EXPECT_EQ(now["BTP"].rate_tenths, 1000);
  // As at day 3: the replies and the waiver of day 5 had not come; day 3's assessment counts.
  auto then = siu_consultation(rows, "2022-01-01", "2022-01-31", "2022-01-13");
  EXPECT_EQ(then["MPS"].asked, 3);
  EXPECT_EQ(then["MPS"].answered, 1);
  EXPECT_EQ(then["MPS"].waived, 0);
  EXPECT_EQ(then["BTP"].answered, 0);
  EXPECT_EQ(then["BTP"].rate_tenths, 0);
  // As at day 2: day 3's assessment was not made yet.
  EXPECT_EQ(siu_consultation(rows, "2022-01-01", "2022-01-31", "2022-01-12")["MPS"].assessments, 3);
  const auto [from, to] = consultation_window_ms("2022-01-10", "2022-01-10");
  EXPECT_LE(from, k2022_01_10 - kDay);
  EXPECT_GE(to, k2022_01_10 + 2 * kDay);
}

}  // namespace
}  // namespace rocta
