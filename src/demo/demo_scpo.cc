#include "demo/demo_scpo.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "app/records.h"
#include "app/scpo.h"
#include "store/counter_repository.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/scpo_repository.h"
#include "store/unit_repository.h"
#include "store/user_repository.h"

namespace rocta::demo {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// Days since 1970-01-01 of a YYYY-MM-DD date (H. Hinnant's days_from_civil).
int64_t day_number(const std::string& iso) {
  int y = std::stoi(iso.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return int64_t{era} * 146097 + static_cast<int64_t>(doe) - 719468;
}
std::string day_text(int64_t n) { return iso_date(n * kDayMs); }

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return n <= 0 ? 0 : static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <typename C>
  const auto& pick(const C& c) { return c[static_cast<size_t>(below(static_cast<int64_t>(std::size(c))))]; }

 private:
  uint64_t s_;
};

constexpr std::array kGiven{"Marcus", "Dean", "Lee", "Wayne", "Reece", "Jamal", "Adrian", "Sergiu", "Kofi", "Nathan", "Ricky",
                            "Paul", "Darren", "Imran", "Vusi", "Craig", "Tariq", "Lewis", "Mihai", "Ashley"};
constexpr std::array kSurname{"Baker", "Carter", "Doyle", "Fletcher", "Gordon", "Harper", "Irwin", "Keane", "Lowe", "Mason",
                              "Nash", "Owusu", "Pryce", "Quinn", "Rahman", "Shah", "Turner", "Vance", "Ward", "Yeboah"};
constexpr std::array kCourts{"Southwark Crown Court", "Snaresbrook Crown Court", "Inner London Crown Court",
                             "Woolwich Crown Court", "Wood Green Crown Court", "Isleworth Crown Court",
                             "Central Criminal Court", "High Court (King's Bench Division)"};
constexpr std::array kAssociates{"any member of the Heron OCG", "Jason KEANE (DOB 1984)", "any person he knows to hold a criminal record for supply",
                                 "the directors of Northgate Freight Ltd"};

struct ConditionSpec {
  ScpoConditionKind kind;
  const char* detail;
};
const std::vector<ConditionSpec> kConditionPool{
    {ScpoConditionKind::kCommunicationDevices, "Own or use no more than one mobile phone and one SIM, declared to police within 3 days of use"},
    {ScpoConditionKind::kFinancialReporting, "Report every bank account, card and cash transaction over £1,000 to police each quarter"},
    {ScpoConditionKind::kTravel, "Give police 7 days' notice of any travel outside the United Kingdom"},
    {ScpoConditionKind::kPremises, "Not enter any premises used as a car wash, nail bar or money service business except as a customer"},
    {ScpoConditionKind::kOther, "Carry no more than £1,000 in cash at any time"},
    {ScpoConditionKind::kOther, "Declare any vehicle he owns, uses or has access to within 3 days"},
};

class ScpoBuilder {
 public:
  ScpoBuilder(App& app, Transaction& tx, unsigned seed)
      : app_(app), tx_(tx), rng_(seed * 7919u + 15u), today_(app.clock.now_ms() / kDayMs) {}

  Status run() {
    ROCTA_RETURN_IF_ERROR(setup());
    ROCTA_RETURN_IF_ERROR(orders());
    ROCTA_RETURN_IF_ERROR(plans());
    return breaches();
  }

 private:
  Status setup() {
    ROCTA_ASSIGN_OR_RETURN(auto officer, tx_.users().find_by_username("mps.scpo"));
    officer_ = officer.user;
    caller_ = system_caller("demo");
    caller_.user = officer_;
    caller_.system = true;
    ROCTA_ASSIGN_OR_RETURN(auto units, tx_.units().list("MPS"));
    for (const auto& u : units)
      if (u.kind == UnitKind::kBcu) bcus_.push_back(u.id);
    // Open MPS threats the orders may be linked to (an arrest for breach disrupts them).
    for (int64_t after = 0;;) {
      ROCTA_ASSIGN_OR_RETURN(auto batch, tx_.threats().scan(after, 500));
      if (batch.empty()) break;
      for (const auto& t : batch)
        if (t.marking.owning_agency == "MPS" && !t.is_closed() && can(officer_, Action::kRead, RecordKind::kThreat, t.marking))
          threats_.push_back(t.id);
      after = batch.back().id;
    }
    if (bcus_.empty()) return not_found("the demo's MPS BCUs");
    return Status::ok();
  }

  Result<int64_t> subject(int i) {
    Nominal n;
    n.given_names = rng_.pick(kGiven);
    n.surname = rng_.pick(kSurname);
    n.date_of_birth = std::to_string(1962 + rng_.below(36)) + "-0" + std::to_string(1 + rng_.below(9)) + "-1" + std::to_string(rng_.below(9));
    n.sex = "M";
    n.address = std::to_string(1 + rng_.below(150)) + " Synthetic Road, London";
    n.notes = "Synthetic demo person: subject of a serious crime prevention order.";
    n.marking.owning_agency = "MPS";
    n.marking.scope = SharingScope::kRegion;
    // A few subjects are OFFICIAL-SENSITIVE: opening their orders is audited.
    n.marking.sensitive = i % 10 == 3;
    ROCTA_ASSIGN_OR_RETURN(auto created, create_nominal_in(tx_, app_, caller_, n));
    return created.id;
  }

  ScpoOrder draft(int64_t start, int64_t end) {
    ScpoOrder o;
    o.agency = "MPS";
    o.court = rng_.pick(kCourts);
    o.starts_on = day_text(start);
    o.made_on = o.starts_on;
    o.ends_on = day_text(end);
    o.bcu_unit_id = rng_.pick(bcus_);
    if (!threats_.empty() && rng_.chance(75)) o.threat_id = rng_.pick(threats_);
    o.conditions.push_back({ScpoConditionKind::kAssociation, std::string("No contact with ") + rng_.pick(kAssociates)});
    for (const auto& c : kConditionPool)
      if (rng_.chance(45)) o.conditions.push_back({c.kind, c.detail});
    return o;
  }

  // Orders in force during the inspection's months, orders made since, and the horizon.
  Status orders() {
    const int64_t jan22 = day_number("2022-01-01"), jul22 = day_number("2022-07-31");
    for (int i = 0; i < 120; ++i) {
      int64_t start = 0, end = 0;
      bool released_later = false;
      if (i < 110) {  // in force on some day of January to July 2022
        start = day_number("2017-09-01") + rng_.below(jul22 - day_number("2017-09-01"));
        const int64_t longest = day_number(add_years(day_text(start), 5)) - 1;
        const int64_t shortest = std::max(start + 2 * 365, jan22 + 30);
        end = shortest >= longest ? longest : shortest + rng_.below(longest - shortest);
      } else if (i < 114) {  // made since, in force now
        start = today_ - 60 - rng_.below(600);
        end = day_number(add_years(day_text(start), 3 + static_cast<int>(rng_.below(2)))) - 1;
      } else {  // made at sentence, in force on release from prison
        start = today_ + 10 + rng_.below(200);
        end = day_number(add_years(day_text(start), 5)) - 1;
        released_later = true;
      }
      ROCTA_ASSIGN_OR_RETURN(int64_t nominal, subject(i));
      ScpoOrder o = draft(start, end);
      o.nominal_id = nominal;
      if (released_later) o.made_on = day_text(std::min(today_ - 1, start - 200 - rng_.below(400)));
      o.interim = false;
      o.officer_id = officer_.id;
      ROCTA_ASSIGN_OR_RETURN(ScpoOrder saved, record_order_in(tx_, app_, caller_, o));
      orders_.push_back(saved);
    }
    return Status::ok();
  }

  Status check(const ScpoOrder& o, ScpoCheckKind kind, int64_t due, int skip_percent) {
    ScpoCheck c;
    c.order_id = o.id;
    c.kind = kind;
    c.due_on = day_text(due);
    c.officer_id = officer_.id;
    c.officer_name = officer_.display_name;
    c.recorded_by = officer_.id;
    c.recorded_at_ms = app_.clock.now_ms();
    if (due < today_ && !rng_.chance(skip_percent)) {
      // Most checks are done on or a little before their day; some late.
      c.done_on = day_text(std::min(today_, rng_.chance(88) ? due - rng_.below(4) : due + 1 + rng_.below(20)));
      c.outcome = rng_.chance(90) ? ScpoCheckOutcome::kCompliant : rng_.chance(70) ? ScpoCheckOutcome::kNoAccess : ScpoCheckOutcome::kConcern;
      c.note = c.outcome == ScpoCheckOutcome::kCompliant ? "Seen; no concerns." : "Follow up at the next visit.";
    }
    ROCTA_RETURN_IF_ERROR(validate_check(c, o, day_text(today_)));
    return status_of(tx_.scpo().insert_check(c));
  }

  // Each order's monitoring plan from mid-2021 (or its start) to a month ahead: a visit
  // every six weeks, financial reports each quarter, device inspections every four months.
  Status plans() {
    const int64_t from = day_number("2021-07-01");
    for (const auto& o : orders_) {
      const int64_t start = std::max(from, day_number(o.starts_on));
      const int64_t stop = std::min(day_number(o.ends_on), today_ + 30);
      // Recent months of in-force orders: a few checks missed, for the queue.
      const int skip = 4;
      for (int64_t d = start + 7; d <= stop; d += 42) ROCTA_RETURN_IF_ERROR(check(o, ScpoCheckKind::kVisit, d, d > today_ - 60 ? 8 : skip));
      if (has_condition(o, ScpoConditionKind::kFinancialReporting))
        for (int64_t d = start + 90; d <= stop; d += 91) ROCTA_RETURN_IF_ERROR(check(o, ScpoCheckKind::kFinancialReport, d, skip));
      if (has_condition(o, ScpoConditionKind::kCommunicationDevices))
        for (int64_t d = start + 60; d <= stop; d += 122) ROCTA_RETURN_IF_ERROR(check(o, ScpoCheckKind::kDeviceInspection, d, skip));
    }
    return Status::ok();
  }

  Status breach(const ScpoOrder& o, int64_t from, int64_t to, bool arrested) {
    ScpoBreach b;
    b.occurred_on = day_text(from + rng_.below(to - from + 1));
    const auto& c = o.conditions[static_cast<size_t>(rng_.below(static_cast<int64_t>(o.conditions.size())))];
    b.condition = c.kind;
    b.evidence = arrested ? "Surveillance and a search found the subject in breach: " + c.detail + "."
                          : "Seen in breach at a visit; warned and kept under review: " + c.detail + ".";
    b.arrested = arrested;
    b.charged = arrested && rng_.chance(70);
    return status_of(record_breach_in(tx_, app_, caller_, o.id, b));
  }

  // The inspection's months carry kDemoScpoArrestsJanJul2022 arrests on as many orders, and
  // warnings besides; a few breaches fall in later years.
  Status breaches() {
    const int64_t jan22 = day_number("2022-01-01"), jul22 = day_number("2022-07-31");
    std::vector<const ScpoOrder*> then;
    for (const auto& o : orders_)
      if (day_number(o.starts_on) <= jul22 && day_number(o.ends_on) >= jan22) then.push_back(&o);
    for (size_t i = then.size(); i > 1; --i) std::swap(then[i - 1], then[static_cast<size_t>(rng_.below(static_cast<int64_t>(i)))]);
    const size_t arrests = std::min<size_t>(kDemoScpoArrestsJanJul2022, then.size());
    for (size_t i = 0; i < then.size(); ++i) {
      const ScpoOrder& o = *then[i];
      const int64_t from = std::max(jan22, day_number(o.starts_on)), to = std::min({jul22, day_number(o.ends_on), today_});
      if (i < arrests) ROCTA_RETURN_IF_ERROR(breach(o, from, to, true));
      else if (i < arrests + 14) ROCTA_RETURN_IF_ERROR(breach(o, from, to, false));
    }
    for (const auto& o : orders_) {
      const int64_t from = std::max(day_number("2022-08-01"), day_number(o.starts_on)), to = std::min(day_number(o.ends_on), today_ - 1);
      if (from < to && rng_.chance(12)) ROCTA_RETURN_IF_ERROR(breach(o, from, to, rng_.chance(50)));
    }
    return Status::ok();
  }

  App& app_;
  Transaction& tx_;
  Rng rng_;
  int64_t today_;
  User officer_;
  Caller caller_;
  std::vector<int64_t> bcus_, threats_;
  std::vector<ScpoOrder> orders_;
};

}  // namespace

Status load_demo_scpo(App& app, Transaction& tx, unsigned seed) { return ScpoBuilder(app, tx, seed).run(); }

}  // namespace rocta::demo
