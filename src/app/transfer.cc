#include "app/transfer.h"

#include <nlohmann/json.hpp>

#include "app/audit_log.h"
#include "app/records.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

template <typename Record, typename Query, typename Repo>
Status collect(Repo& repo, const ReadScope& scope, std::vector<Record>& out) {
  Query q;
  q.page.limit = 200;
  for (;;) {
    ROCTA_ASSIGN_OR_RETURN(auto page, repo.list(scope, q));
    for (auto& r : page.items) out.push_back(std::move(r));
    if (page.items.empty() || q.page.offset + static_cast<int64_t>(page.items.size()) >= page.total) break;
    q.page.offset += static_cast<int>(page.items.size());
  }
  return Status::ok();
}

std::string owner_or(const Marking& m, const Caller& c) { return m.owning_agency.empty() ? c.user.agency : m.owning_agency; }

}  // namespace

Result<RecordBundle> export_visible(App& app, const Caller& caller) {
  if (caller.purpose.empty())
    return Status(Code::kFailedPrecondition, "exporting needs a purpose (--purpose or X-Rocta-Purpose)", "purpose-required");
  RecordBundle b;
  const ReadScope scope = read_scope(caller.user);
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_RETURN_IF_ERROR((collect<Threat, ThreatQuery>(tx->threats(), scope, b.threats)));
    ROCTA_RETURN_IF_ERROR((collect<Nominal, NominalQuery>(tx->nominals(), scope, b.nominals)));
    ROCTA_RETURN_IF_ERROR((collect<IntelligenceReport, IntelligenceQuery>(tx->intelligence(), scope, b.intelligence)));
  }
  nlohmann::json detail{{"threats", b.threats.size()}, {"nominals", b.nominals.size()}, {"intelligence", b.intelligence.size()}};
  ROCTA_RETURN_IF_ERROR(append_audit_now(app, caller, {"records.export", "", 0, detail.dump()}));
  return b;
}

Result<ImportReport> import_records(App& app, const Caller& caller, const std::vector<ImportItem>& items) {
  ImportReport report;
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  for (const auto& item : items) {
    Status s = std::visit(
        [&](const auto& record) -> Status {
          using R = std::decay_t<decltype(record)>;
          if (!record.reference.empty()) {
            const std::string owner = owner_or(record.marking, caller);
            Result<int64_t> existing = Status(Code::kNotFound, "");
            if constexpr (std::is_same_v<R, Threat>) existing = tx->threats().id_by_reference(owner, record.reference);
            if constexpr (std::is_same_v<R, Nominal>) existing = tx->nominals().id_by_reference(owner, record.reference);
            if constexpr (std::is_same_v<R, IntelligenceReport>) existing = tx->intelligence().id_by_reference(owner, record.reference);
            if (existing.is_ok()) {
              ++report.unchanged;
              return Status::ok();
            }
            if (existing.status().code() != Code::kNotFound) return existing.status();
          }
          Status created = Status::ok();
          if constexpr (std::is_same_v<R, Threat>) created = status_of(create_threat_in(*tx, app, caller, record));
          if constexpr (std::is_same_v<R, Nominal>) created = status_of(create_nominal_in(*tx, app, caller, record));
          if constexpr (std::is_same_v<R, IntelligenceReport>) created = status_of(submit_intelligence_in(*tx, app, caller, record));
          if (created.is_ok()) ++report.created;
          return created;
        },
        item.record);
    if (!s.is_ok()) {
      Status located(s.code(), item.where + ": " + s.message(), s.reason());
      located.with_field(s.field());
      return located;  // the transaction rolls back: nothing from this file is kept
    }
  }
  nlohmann::json detail{{"created", report.created}, {"unchanged", report.unchanged}};
  ROCTA_RETURN_IF_ERROR(append_audit(*tx, app, caller, {"records.import", "", 0, detail.dump()}));
  ROCTA_RETURN_IF_ERROR(tx->commit());
  return report;
}

}  // namespace rocta
