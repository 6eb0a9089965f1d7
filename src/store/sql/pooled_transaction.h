// The Transaction both SQL adapters hand out: the shared repositories on one pooled
// connection, for one transaction, plus the in-process queue of writers.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "store/repository_transaction.h"
#include "store/sql/connection_pool.h"
#include "store/sql/repository_transaction.h"

namespace rocta::sql {

// Writers of this process queue here, before taking a connection: waiting writers then hold
// none of the pool's connections, and queue fairly rather than in the database's own
// retry loop. Other processes' writers meet the database's lock. Returns the held queue
// for a write transaction (an unheld one for a read), or Unavailable after 10 s.
inline Result<std::unique_lock<std::timed_mutex>> queue_writer(std::timed_mutex& writers, TxMode mode) {
  std::unique_lock<std::timed_mutex> writer(writers, std::defer_lock);
  if (mode == TxMode::kWrite && !writer.try_lock_for(std::chrono::seconds(10)))
    return Status(Code::kUnavailable, "the database is busy with other changes; try again");
  return writer;
}

// REQUIRES: the connection is inside a transaction this object now owns. Its Connection
// provides commit() (a Status) and rollback(); destruction without commit rolls back, and
// the connection goes back to the pool (which drops it if it broke).
template <typename D>
class PooledTransaction final : public RepositoryTransaction<D> {
  using Connection = typename D::Connection;

 public:
  PooledTransaction(ConnectionPool<Connection>& pool, std::unique_ptr<Connection> conn, std::unique_lock<std::timed_mutex> writer)
      : RepositoryTransaction<D>(*conn), pool_(pool), writer_(std::move(writer)), conn_(std::move(conn)) {}
  ~PooledTransaction() override {
    if (!done_) conn_->rollback();
    pool_.release(std::move(conn_));
  }
  Status commit() override {
    ROCTA_RETURN_IF_ERROR(this->before_commit());
    ROCTA_RETURN_IF_ERROR(conn_->commit());
    done_ = true;
    if (writer_.owns_lock()) writer_.unlock();
    return Status::ok();
  }

 private:
  ConnectionPool<Connection>& pool_;
  std::unique_lock<std::timed_mutex> writer_;  // held by a write transaction until it ends
  std::unique_ptr<Connection> conn_;
  bool done_ = false;
};

}  // namespace rocta::sql
