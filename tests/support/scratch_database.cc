#include "support/scratch_database.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace rocta::testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("rocta-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

class SqliteScratch final : public ScratchDatabase {
 public:
  SqliteScratch() : url_((dir_.path() / "test.db").string()) {}
  const std::string& url() const override { return url_; }
  std::string exec(const std::string& sql) override {
    sqlite3* db = nullptr;
    std::string error;
    if (sqlite3_open(url_.c_str(), &db) == SQLITE_OK) {
      char* message = nullptr;
      if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) error = message ? message : "error";
      sqlite3_free(message);
    } else {
      error = sqlite3_errmsg(db);
    }
    sqlite3_close(db);
    return error;
  }
  std::string text(const std::string& sql) override {
    sqlite3* db = nullptr;
    std::string out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_open(url_.c_str(), &db) != SQLITE_OK || sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      out = std::string("error: ") + sqlite3_errmsg(db);
    } else if (const int rc = sqlite3_step(st); rc == SQLITE_ROW) {
      if (const auto* v = sqlite3_column_text(st, 0)) out = reinterpret_cast<const char*>(v);
    } else if (rc != SQLITE_DONE) {
      out = std::string("error: ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }

 private:
  TempDir dir_;
  std::string url_;
};

// `server_url` with its database replaced by `name`.
std::string with_database(const std::string& server_url, const std::string& name) {
  const size_t scheme = server_url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("ROCTA_TEST_PG is not a postgresql:// URL: " + server_url);
  const size_t query = server_url.find('?', scheme + 3);
  const std::string base = server_url.substr(0, query);
  const std::string rest = query == std::string::npos ? "" : server_url.substr(query);
  const size_t path = base.find('/', scheme + 3);
  return (path == std::string::npos ? base : base.substr(0, path)) + "/" + name + rest;
}

class PostgresScratch final : public ScratchDatabase {
 public:
  explicit PostgresScratch(const std::string& server_url) {
    static std::atomic<int> counter{0};
    name_ = "rocta_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
            std::to_string(std::random_device{}() % 100000);
    admin_ = PQconnectdb(server_url.c_str());
    if (PQstatus(admin_) != CONNECTION_OK) {
      const std::string why = PQerrorMessage(admin_);
      PQfinish(admin_);
      throw std::runtime_error("cannot reach the test PostgreSQL server (ROCTA_TEST_PG=" + server_url + "): " + why);
    }
    if (auto error = run(admin_, "CREATE DATABASE " + name_); !error.empty()) {
      PQfinish(admin_);
      throw std::runtime_error("cannot create a test database: " + error);
    }
    url_ = with_database(server_url, name_);
    if (auto error = distribute_if_citus(); !error.empty()) {
      drop();
      throw std::runtime_error("cannot make the test database on the Citus workers: " + error);
    }
  }
  ~PostgresScratch() override { drop(); }
  const std::string& url() const override { return url_; }
  std::string exec(const std::string& sql) override {
    if (!db_) db_ = PQconnectdb(url_.c_str());
    return run(db_, sql);
  }
  std::string text(const std::string& sql) override {
    if (!db_) db_ = PQconnectdb(url_.c_str());
    PGresult* r = PQexec(db_, sql.c_str());
    std::string out;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) out = std::string("error: ") + PQerrorMessage(db_);
    else if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) out = PQgetvalue(r, 0, 0);
    PQclear(r);
    return out;
  }

 private:
  // On a Citus coordinator (scripts/citus-test-cluster.sh) a new database knows no workers:
  // makes it on each worker the server's own database names, with Citus, and registers
  // them, so that the store's distribution step (store/postgres/citus.cc) spreads the tables.
  std::string distribute_if_citus() {
    PGresult* r = PQexec(admin_,
                         "SELECT nodename, nodeport, groupid FROM pg_dist_node ORDER BY groupid");  // fails without Citus
    std::vector<std::pair<std::string, std::string>> workers;
    std::string coordinator_host, coordinator_port;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
      for (int i = 0; i < PQntuples(r); ++i) {
        if (std::string(PQgetvalue(r, i, 2)) == "0") {
          coordinator_host = PQgetvalue(r, i, 0);
          coordinator_port = PQgetvalue(r, i, 1);
        } else {
          workers.emplace_back(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
        }
      }
    }
    PQclear(r);
    if (workers.empty()) return "";
    // One test at a time: Citus's node registrations of concurrent databases collide
    // ("tuple concurrently updated" on a worker). Released when admin_ closes at the latest.
    (void)run(admin_, "SELECT pg_advisory_lock(1383031668, 3)");
    struct Unlock {
      PGconn* c;
      ~Unlock() { (void)run(c, "SELECT pg_advisory_unlock(1383031668, 3)"); }
    } unlock{admin_};
    const std::string user = PQuser(admin_);
    auto on_node = [&](const std::string& host, const std::string& port, const std::string& db, const std::string& sql) {
      PGconn* c = PQconnectdb(("postgresql://" + user + "@" + host + ":" + port + "/" + db).c_str());
      std::string error = PQstatus(c) == CONNECTION_OK ? run(c, sql) : PQerrorMessage(c);
      PQfinish(c);
      return error;
    };
    for (const auto& [host, port] : workers) {
      if (auto e = on_node(host, port, "postgres", "CREATE DATABASE " + name_); !e.empty()) return e;
      worker_urls_.push_back("postgresql://" + user + "@" + host + ":" + port + "/postgres");
      if (auto e = on_node(host, port, name_, "CREATE EXTENSION citus"); !e.empty()) return e;
    }
    std::string setup = "CREATE EXTENSION citus; SELECT citus_set_coordinator_host('" + coordinator_host + "', " +
                        coordinator_port + ");";
    for (const auto& [host, port] : workers) setup += "SELECT citus_add_node('" + host + "', " + port + ");";
    if (!db_) db_ = PQconnectdb(url_.c_str());
    // One implicit transaction, so a try that meets another test's propagation to the
    // workers ("tuple concurrently updated") leaves nothing behind and is tried again.
    std::string error;
    for (int attempt = 0; attempt < 5; ++attempt) {
      error = run(db_, setup);
      if (error.empty()) break;
      ::usleep(200000);
    }
    return error;
  }
  void drop() {
    if (db_) PQfinish(db_);
    db_ = nullptr;
    // FORCE: a test that failed half-way may still hold connections.
    (void)run(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    for (const auto& w : worker_urls_) {
      PGconn* c = PQconnectdb(w.c_str());
      (void)run(c, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      PQfinish(c);
    }
    worker_urls_.clear();
    PQfinish(admin_);
    admin_ = nullptr;
  }
  static std::string run(PGconn* conn, const std::string& sql) {
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    const std::string error = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQerrorMessage(conn);
    PQclear(r);
    return error;
  }
  PGconn* admin_ = nullptr;
  PGconn* db_ = nullptr;  // for exec(), opened on first use
  std::string name_;
  std::string url_;
  std::vector<std::string> worker_urls_;  // the workers' own databases, to drop this one from
};

}  // namespace

std::unique_ptr<ScratchDatabase> scratch_sqlite() { return std::make_unique<SqliteScratch>(); }

std::unique_ptr<ScratchDatabase> scratch_postgres(const std::string& server_url) {
  return std::make_unique<PostgresScratch>(server_url);
}

std::string test_postgres_server() {
  const char* url = std::getenv("ROCTA_TEST_PG");
  if (url && *url) return url;
  const char* required = std::getenv("ROCTA_TEST_REQUIRE_PG");
  if (required && std::string(required) == "1")
    throw std::runtime_error(
        "this test runs on PostgreSQL but ROCTA_TEST_PG is not set: run scripts/run-tests.sh, or "
        "eval \"$(scripts/pg-test-cluster.sh start)\" first (ctest -LE postgres runs the SQLite tests alone)");
  return "";
}

std::unique_ptr<ScratchDatabase> scratch_database() {
  const std::string server = test_postgres_server();
  if (server.empty()) return scratch_sqlite();
  return scratch_postgres(server);
}

std::unique_ptr<ScratchDatabase> scratch_postgres_if_named() {
  const std::string server = test_postgres_server();
  return server.empty() ? nullptr : scratch_postgres(server);
}

std::vector<ScratchAdapter> conformance_adapters() {
  return {{"sqlite", scratch_sqlite}, {"postgres", scratch_postgres_if_named}};
}

}  // namespace rocta::testing
