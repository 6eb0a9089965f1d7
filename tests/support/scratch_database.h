// Databases that belong to one test: created empty, removed at destruction. The same
// tests run on SQLite and, when a PostgreSQL server is named, on PostgreSQL.
//
// ROCTA_TEST_PG names the server: the URL of any database on it as a role that may create
// databases ("postgresql://rocta@127.0.0.1:5433/postgres"); scripts/pg-test-cluster.sh
// starts a private one. ROCTA_TEST_REQUIRE_PG=1 (set by ctest for the "pg." tests) makes
// a missing ROCTA_TEST_PG an error instead of a quiet fall-back to SQLite.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace rocta::testing {

// A temporary directory removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A database for one test, whichever the store.
class ScratchDatabase {
 public:
  virtual ~ScratchDatabase() = default;
  // What open_store() takes.
  virtual const std::string& url() const = 0;
  // Runs SQL straight on the database, behind Rocta's back (to tamper, or to look);
  // returns "" on success, else the database's error message.
  virtual std::string exec(const std::string& sql) = 0;
  // The first column of the first row of a query, as text ("" for none or NULL; the error
  // message on failure, after "error: ").
  virtual std::string text(const std::string& sql) = 0;
};

// A new SQLite file in a new temporary directory.
std::unique_ptr<ScratchDatabase> scratch_sqlite();
// A new, empty database on the PostgreSQL server `server_url` names, dropped (with any
// connections still open to it) at destruction. Throws std::runtime_error when the server
// cannot be reached.
std::unique_ptr<ScratchDatabase> scratch_postgres(const std::string& server_url);

// ROCTA_TEST_PG, or "" when unset; throws when ROCTA_TEST_REQUIRE_PG asks for it.
std::string test_postgres_server();
// PostgreSQL when test_postgres_server() names one, otherwise SQLite.
std::unique_ptr<ScratchDatabase> scratch_database();
// A new database on the server test_postgres_server() names, or null when none is named.
std::unique_ptr<ScratchDatabase> scratch_postgres_if_named();

// One adapter a repository's conformance suite runs on: the parameter of its suite.
struct ScratchAdapter {
  std::string name;
  // A new empty database, or null when this adapter cannot run here (skip).
  std::function<std::unique_ptr<ScratchDatabase>()> scratch;
};
inline void PrintTo(const ScratchAdapter& a, std::ostream* os) { *os << a.name; }
// SQLite, and PostgreSQL when a server is named: pass to ::testing::ValuesIn.
std::vector<ScratchAdapter> conformance_adapters();

}  // namespace rocta::testing
