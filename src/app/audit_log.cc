#include "app/audit_log.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "app/audit_group.h"
#include "app/crypto.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"

namespace rocta {

namespace {

// One read's event waiting in its App's queue for a transaction to carry it.
struct PendingAudit {
  const Caller* caller;
  const AuditEntry* entry;
  bool done = false;
  Status result = Status::ok();
};

// The events of one App waiting for a transaction, head first.
struct AuditQueue {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<PendingAudit*> waiting;
};

// Each App's queue, made on first use and kept for the life of the process (an App's
// queue is empty whenever no call is inside append_audit_now, so a later App at the same
// address inherits nothing).
AuditQueue& queue_of(const App& app) {
  static std::mutex registry_mu;
  static std::unordered_map<const App*, std::unique_ptr<AuditQueue>> queues;
  std::lock_guard lock(registry_mu);
  auto& q = queues[&app];
  if (!q) q = std::make_unique<AuditQueue>();
  return *q;
}

// Seals `entry` as the link after `last` (none: the first event).
AuditEvent next_event(const App& app, const Caller& caller, const AuditEntry& entry, const std::optional<AuditEvent>& last) {
  AuditEvent e;
  e.seq = last ? last->seq + 1 : 1;
  e.at = iso_timestamp(app.clock.now_ms());
  e.actor_id = caller.user.id;
  e.actor = caller.user.username.empty() ? "anonymous" : caller.user.username;
  e.action = entry.action;
  e.record_kind = entry.record_kind;
  e.record_id = entry.record_id;
  e.origin = caller.origin;
  e.purpose = caller.purpose;
  e.detail = entry.detail;
  seal(e, last ? last->hash : kGenesisHash, sha256_hex);
  return e;
}

// At most this many reads' events go into one transaction.
constexpr size_t kMaxGroup = 256;

// Appends every event of `group` in one write transaction: all or none are durable.
Status append_group(App& app, const std::vector<PendingAudit*>& group) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
  ROCTA_ASSIGN_OR_RETURN(std::optional<AuditEvent> last, tx->audit().last());
  for (const PendingAudit* p : group) {
    last = next_event(app, *p->caller, *p->entry, last);
    ROCTA_RETURN_IF_ERROR(tx->audit().append(*last));
  }
  return tx->commit();
}

}  // namespace

Status append_audit(Transaction& tx, const App& app, const Caller& caller, const AuditEntry& entry) {
  ROCTA_ASSIGN_OR_RETURN(auto last, tx.audit().last());
  return tx.audit().append(next_event(app, caller, entry, last));
}

// Group commit (as LevelDB's writer queue): the caller at the head of the queue commits
// the events of everyone queued behind it in one transaction while the others wait; each
// caller returns only once the transaction that carries its own event has committed (or
// failed: then every caller in that group fails, and none shows what it read).
Status append_audit_now(App& app, const Caller& caller, const AuditEntry& entry) {
  AuditQueue& q = queue_of(app);
  PendingAudit me{&caller, &entry};
  std::unique_lock lock(q.mu);
  q.waiting.push_back(&me);
  q.cv.wait(lock, [&] { return me.done || q.waiting.front() == &me; });
  if (me.done) return me.result;
  const size_t n = std::min(q.waiting.size(), kMaxGroup);
  const std::vector<PendingAudit*> group(q.waiting.begin(), q.waiting.begin() + static_cast<std::ptrdiff_t>(n));
  lock.unlock();
  Status s = Status::ok();
  try {
    s = append_group(app, group);
  } catch (const std::exception& e) {  // the queue must move on whatever happens
    s = Status(Code::kInternal, std::string("the audit trail could not be written: ") + e.what());
  }
  lock.lock();
  for (PendingAudit* p : group) {
    q.waiting.pop_front();
    p->result = s;
    p->done = true;
  }
  q.cv.notify_all();
  return s;
}

std::size_t audit_events_waiting(const App& app) {
  AuditQueue& q = queue_of(app);
  std::lock_guard lock(q.mu);
  return q.waiting.size();
}

Result<ChainReport> verify_audit_chain(App& app) {
  ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
  ChainReport report;
  std::string prev = kGenesisHash;
  int64_t next = 1;
  constexpr int kBatch = 5000;
  for (;;) {
    ROCTA_ASSIGN_OR_RETURN(auto events, tx->audit().scan(next, kBatch));
    if (events.empty()) break;
    if (auto broken = first_break(events, prev, next, sha256_hex)) {
      report.events += broken->seq - next;
      report.broken = std::move(broken);
      return report;
    }
    report.events += static_cast<int64_t>(events.size());
    prev = events.back().hash;
    next = events.back().seq + 1;
  }
  return report;
}

}  // namespace rocta
