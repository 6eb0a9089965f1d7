// A fixed-size pool of database connections, shared by the SQL adapters. Thread-safe.
//
// Connections are handed out whole (one transaction each) and come back when the
// transaction ends. The pool opens connections on demand up to its size; a connection
// that comes back unusable (`usable()` false: the server went away, a transaction could
// not be ended) is dropped, and a new one is opened when next needed.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"

namespace rocta::sql {

template <typename Connection>
class ConnectionPool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;

  ConnectionPool(Opener open, int size) : open_(std::move(open)), size_(size) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Adds an already open connection (counts towards the size).
  void add(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(mu_);
      ++open_count_;
      free_.push_back(std::move(c));
    }
    cv_.notify_one();
  }

  // Waits for a free connection, opening a new one while fewer than `size` are open.
  // Fails (Unavailable, from the opener) only when a needed connection cannot be opened.
  Result<std::unique_ptr<Connection>> acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty() || open_count_ < size_; });
    if (!free_.empty()) {
      auto c = std::move(free_.back());
      free_.pop_back();
      return c;
    }
    ++open_count_;  // reserve the slot, then open without holding the lock
    lock.unlock();
    auto opened = open_();
    if (!opened.is_ok()) {
      forget();
      return opened.status();
    }
    return std::move(opened).value();
  }

  // Runs `sql` on a connection of its own, outside any transaction.
  Status exec(const std::string& sql) {
    ROCTA_ASSIGN_OR_RETURN(auto c, acquire());
    Status s = c->exec(sql);
    release(std::move(c));
    return s;
  }

  void release(std::unique_ptr<Connection> c) {
    if (!c || !c->usable()) {
      c.reset();
      forget();
      return;
    }
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(c));
    }
    cv_.notify_one();
  }

 private:
  void forget() {
    {
      std::lock_guard lock(mu_);
      --open_count_;
    }
    cv_.notify_one();
  }

  Opener open_;
  const int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  int open_count_ = 0;
  std::vector<std::unique_ptr<Connection>> free_;
};

}  // namespace rocta::sql
