#include "demo/demo_network.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/commodities.h"
#include "app/records.h"
#include "store/commodity_repository.h"
#include "store/marked_repository.h"
#include "store/link_repository.h"
#include "store/disruption_repository.h"
#include "store/repository_transaction.h"

namespace rocta::demo {
namespace {

// What the loader itself may read: every London record, whatever its compartment.
ReadScope loader_scope(const std::string& agency) {
  ReadScope s;
  s.active = true;
  s.agency = agency;
  s.region = "London";
  s.law_enforcement = true;
  s.max_classification = Classification::kTopSecret;
  s.compartments = {"LON-SIU", "MPS-SIU", "BTP-SIU", "COLP-SIU"};
  s.need_to_know = true;
  return s;
}

struct Group {
  int64_t threat = 0;
  std::string owner;
  Marking marking;
  std::vector<int64_t> members;
};

class Loader {
 public:
  Loader(App& app, Transaction& tx, unsigned seed) : app_(app), tx_(tx), rng_(seed), system_(system_caller("demo")) {}

  Result<NetworkDemoSummary> load() {
    ROCTA_ASSIGN_OR_RETURN(auto groups, london_groups());
    if (groups.size() < 4) return summary_;
    // Deal lines: each group runs one or two; the first group's first line was closed by
    // the group's newest disruption (as Operation Orochi closed lines), and a new one opened.
    for (size_t g = 0; g < groups.size(); ++g) {
      const Group& grp = groups[g];
      const int lines = 1 + static_cast<int>(rng_() % 2);
      for (int i = 0; i < lines; ++i) {
        Commodity phone = commodity(CommodityKind::kPhone, phone_number(), "County-lines deal line '" + line_name() + "'", grp);
        phone.opened = "2022-0" + std::to_string(1 + rng_() % 9) + "-1" + std::to_string(rng_() % 10);
        if (g == 0 && i == 0) close_by_disruption(phone, grp.threat);
        ROCTA_ASSIGN_OR_RETURN(int64_t id, add(phone));
        ROCTA_RETURN_IF_ERROR(link({RecordKind::kThreat, grp.threat}, {RecordKind::kCommodity, id}, "uses phone", phone.opened));
        for (int64_t m : grp.members)
          if (rng_() % 3 != 0) ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, m}, {RecordKind::kCommodity, id}, "uses phone", phone.opened));
        if (!phone.closed.empty()) {
          Commodity next = commodity(CommodityKind::kPhone, phone_number(), "Replacement deal line '" + line_name() + "'", grp);
          next.opened = phone.closed;
          ROCTA_ASSIGN_OR_RETURN(int64_t nid, add(next));
          ROCTA_RETURN_IF_ERROR(link({RecordKind::kThreat, grp.threat}, {RecordKind::kCommodity, nid}, "uses phone", next.opened));
          ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, grp.members.front()}, {RecordKind::kCommodity, nid}, "uses phone", next.opened));
        }
      }
      // A vehicle the group's members drive.
      Commodity car = commodity(CommodityKind::kVehicle, registration(), "Black hatchback seen at deals", grp);
      ROCTA_ASSIGN_OR_RETURN(int64_t car_id, add(car));
      for (size_t i = 0; i < std::min<size_t>(2, grp.members.size()); ++i)
        ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, grp.members[i]}, {RecordKind::kCommodity, car_id}, "drives", "2023-03-02"));
    }
    // Addresses and accounts that tie groups together (and forces: the next group along
    // is often another force's).
    for (size_t g = 0; g + 1 < groups.size(); g += 2) {
      const Group &a = groups[g], &b = groups[g + 1];
      Commodity flat = commodity(CommodityKind::kAddress, std::to_string(10 + rng_() % 80) + " Example Road, London E" +
                                                            std::to_string(1 + rng_() % 18), "Trap house", a);
      ROCTA_ASSIGN_OR_RETURN(int64_t flat_id, add(flat));
      ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, a.members.back()}, {RecordKind::kCommodity, flat_id}, "lives at", "2023-05-20"));
      ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, b.members.front()}, {RecordKind::kCommodity, flat_id}, "lives at", "2024-02-11"));
      Commodity account = commodity(CommodityKind::kAccount, "04-00-04 " + std::to_string(10000000 + rng_() % 89999999),
                                    "Account receiving cash deposits", b);
      ROCTA_ASSIGN_OR_RETURN(int64_t acc_id, add(account));
      ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, a.members.front()}, {RecordKind::kCommodity, acc_id}, "holds account", "2024-06-01"));
      ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, b.members.back()}, {RecordKind::kCommodity, acc_id}, "holds account", "2024-06-01"));
      ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, a.members.front()}, {RecordKind::kNominal, b.members.back()}, "associate", "2025-01-15"));
    }
    // A line only the London SIU knows of, used by the first group's first member.
    Commodity held = commodity(CommodityKind::kPhone, phone_number(), "Line from a covert source", groups[0]);
    held.marking = Marking{};
    held.marking.owning_agency = "MPS";
    held.marking.classification = Classification::kSecret;
    held.marking.compartment = "LON-SIU";
    held.marking.scope = SharingScope::kOwnerOnly;
    held.opened = "2025-04-01";
    ROCTA_ASSIGN_OR_RETURN(int64_t held_id, add(held));
    ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, groups[0].members.front()}, {RecordKind::kCommodity, held_id}, "uses phone", "2025-04-01"));
    ROCTA_RETURN_IF_ERROR(link({RecordKind::kNominal, groups[1].members.front()}, {RecordKind::kCommodity, held_id}, "uses phone", "2025-04-03"));
    return summary_;
  }

 private:
  // The region's open threats with their members, in id order: the first eight with two
  // members or more that every London analyst reads.
  Result<std::vector<Group>> london_groups() {
    std::vector<Group> out;
    for (int64_t after = 0; out.size() < 8;) {
      ROCTA_ASSIGN_OR_RETURN(auto page, tx_.threats().scan(after, 200));
      if (page.empty()) break;
      for (const auto& t : page) {
        after = t.id;
        const auto& m = t.marking;
        if (out.size() >= 8 || m.owning_region != "London" || m.scope < SharingScope::kRegion || !m.compartment.empty() ||
            m.sensitive || m.classification != Classification::kOfficial)
          continue;
        ROCTA_ASSIGN_OR_RETURN(auto links, tx_.links().list_for({RecordKind::kThreat, t.id}, loader_scope(m.owning_agency)));
        Group g{t.id, m.owning_agency, m, {}};
        for (const auto& l : links)
          if (l.relation == "member" && l.from.kind == RecordKind::kNominal) g.members.push_back(l.from.id);
        if (g.members.size() >= 2) out.push_back(std::move(g));
      }
    }
    return out;
  }
  Commodity commodity(CommodityKind kind, std::string value, std::string description, const Group& g) {
    Commodity c;
    c.kind = kind;
    c.value = std::move(value);
    c.description = std::move(description);
    c.marking = g.marking;
    c.marking.shared_with.clear();
    return c;
  }
  void close_by_disruption(Commodity& phone, int64_t threat) {
    auto ds = tx_.disruptions().of_threat(threat);
    if (!ds.is_ok()) return;
    for (const auto& d : *ds)
      if (!d.record_date.empty() && d.record_date > phone.opened) {
        phone.closed = d.record_date;
        phone.closed_by_disruption = d.id;
        phone.description += ", closed by disruption " + d.reference;
        return;
      }
    phone.closed = "2024-07-19";  // no disruption recorded: closed when the line went quiet
  }
  Result<int64_t> add(const Commodity& c) {
    ROCTA_ASSIGN_OR_RETURN(auto made, record_commodity_in(tx_, app_, system_, c));
    ++summary_.commodities;
    return made.id;
  }
  Status link(RecordRef from, RecordRef to, const std::string& relation, const std::string& date) {
    Link l;
    l.from = from;
    l.to = to;
    l.relation = relation;
    l.source = "demo";
    l.date = date;
    auto made = link_records_in(tx_, app_, system_, l);
    if (!made.is_ok() && made.status().code() == Code::kAlreadyExists) return Status::ok();
    ROCTA_RETURN_IF_ERROR(status_of(made));
    ++summary_.links;
    return Status::ok();
  }
  std::string phone_number() { return "07700 9" + std::to_string(10000 + rng_() % 89999); }
  std::string registration() {
    static const char* kLetters = "ABCDEFGHJKLMNPRSTVWXY";
    std::string r;
    r += kLetters[rng_() % 21];
    r += kLetters[rng_() % 21];
    r += std::to_string(10 + rng_() % 60) + " ";
    for (int i = 0; i < 3; ++i) r += kLetters[rng_() % 21];
    return r;
  }
  std::string line_name() {
    static const char* kNames[] = {"Kash", "Tiny", "Bluey", "Rico", "Smokey", "Jay", "Dee", "Bandz"};
    return kNames[rng_() % 8];
  }

  App& app_;
  Transaction& tx_;
  std::mt19937 rng_;
  Caller system_;
  NetworkDemoSummary summary_;
};

}  // namespace

Result<NetworkDemoSummary> load_demo_network(App& app, Transaction& tx, unsigned seed) { return Loader(app, tx, seed).load(); }

}  // namespace rocta::demo
