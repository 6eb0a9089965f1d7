// A Rocta on a scratch database (a temporary SQLite file, or a new PostgreSQL database when
// ROCTA_TEST_PG names a server: see scratch_database.h), with a fixed clock and cheap
// password hashing, for tests of app/ and api/.
#pragma once

#include <memory>
#include <string>

#include "app/admin.h"
#include "app/app.h"
#include "app/records.h"
#include "support/scratch_database.h"

namespace rocta::testing {

class FixedClock final : public Clock {
 public:
  int64_t now_ms() const override { return now; }
  int64_t now = 1782000000000;  // 2026-06-21
};

class TestApp {
 public:
  TestApp();
  App& app() { return *app_; }
  Store& store() { return *store_; }
  FixedClock& clock() { return clock_; }
  const std::string& db_url() const { return db_->url(); }
  ScratchDatabase& db() { return *db_; }

  // A unit of `agency` (created on first use under that name).
  int64_t unit(const std::string& agency, const std::string& name = "Intelligence", UnitKind kind = UnitKind::kIntelligence);
  // A user placed in a unit of `agency`; password "correct-horse-battery".
  User user(const std::string& username, const std::string& agency, std::vector<Role> roles,
            Classification clearance = Classification::kSecret, std::vector<std::string> compartments = {});
  Caller as(const User& u, std::string purpose = "") const;

  Threat threat(const User& owner, Marking marking, const std::string& name = "OCG Test");

 private:
  std::unique_ptr<ScratchDatabase> db_;
  FixedClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<App> app_;
};

Marking marking(const std::string& owner, SharingScope scope = SharingScope::kRegion,
                Classification c = Classification::kOfficial, std::string compartment = {},
                std::vector<std::string> shared_with = {}, bool sensitive = false);

}  // namespace rocta::testing
