// The HTTP API, spoken to over a real socket: a server on an ephemeral loopback port.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <chrono>
#include <thread>

#include "api/router.h"
#include "api/server.h"
#include "app/audit_group.h"
#include "app/records.h"
#include "core/text.h"
#include "app/four_p_plans.h"
#include "app/places.h"
#include "core/csv.h"
#include "store/audit_repository.h"
#include "store/repository_transaction.h"
#include "support/test_app.h"

namespace rocta {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using nlohmann::json;
using testing::marking;
using testing::TestApp;

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
  std::map<std::string, std::string> headers;
  json j() const { return json::parse(body, nullptr, false); }
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mps = t.user("mps.analyst", "MPS", {Role::kAnalyst});
    btp = t.user("btp.analyst", "BTP", {Role::kAnalyst});
    admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
    api = std::make_unique<api::Api>(t.app(), "/nonexistent-web-root");
    server = std::make_unique<api::Server>(*api, api::ServerOptions{"127.0.0.1", 0, 2});
    ASSERT_TRUE(server->start().is_ok());
    mps_token = login("mps.analyst");
    btp_token = login("btp.analyst");
  }
  void TearDown() override { server->stop(); }
  uint16_t port = 0;  // another server to call than `server`, when set

  Reply call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& token = "", std::map<std::string, std::string> headers = {}) {
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port ? port : server->port()));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    beast::error_code write_ec;
    // The server may answer (413) and stop reading before a huge body is sent: read anyway.
    http::write(stream, req, write_ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code ec;
    http::read(stream, buffer, parser, ec);
    Reply r;
    if (ec) return r;
    auto res = parser.release();
    r.status = res.result_int();
    r.content_type = std::string(res[http::field::content_type]);
    r.body = res.body();
    for (const auto& f : res) r.headers[std::string(f.name_string())] = std::string(f.value());
    return r;
  }
  std::string login(const std::string& user) {
    auto r = call("POST", "/api/v1/session", json{{"username", user}, {"password", "correct-horse-battery"}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.j().value("token", "");
  }
  void expect_problem(const Reply& r, int status, const std::string& type) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json") << r.body;
    auto j = r.j();
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j.value("type", ""), "/problems/" + type) << r.body;
    EXPECT_EQ(j.value("status", 0), status);
    EXPECT_FALSE(j.value("detail", "").empty());
  }
  json threat_body(const std::string& scope = "region") {
    return {{"name", "OCG Heron"}, {"threat_type", "OCG"}, {"primary_crime_type", "Drug supply"},
            {"marking", {{"classification", "OFFICIAL"}, {"scope", scope}}}};
  }

  TestApp t;
  User mps, btp, admin;
  std::unique_ptr<api::Api> api;
  std::unique_ptr<api::Server> server;
  std::string mps_token, btp_token;
};

// Store work runs off the I/O threads. While a request waits on the database (its audit
// event queued behind a held write transaction), the server's one I/O thread still answers
// another connection; the waiting request is answered only once its event is committed.
TEST_F(ApiTest, AnswerWaitsForItsAuditEventWhileOtherConnectionsAreServed) {
  const Threat sensitive = t.threat(mps, marking("MPS", SharingScope::kRegion, Classification::kOfficial, "", {}, true));
  api::Server one_io_thread(*api, api::ServerOptions{"127.0.0.1", 0, 1, 4});
  ASSERT_TRUE(one_io_thread.start().is_ok());
  port = one_io_thread.port();
  auto held = t.store().begin(TxMode::kWrite);
  ASSERT_TRUE(held.is_ok());
  std::atomic<bool> answered{false};
  Reply opened;
  std::thread reader([&] {
    opened = call("GET", "/api/v1/threats/" + std::to_string(sensitive.id), "", btp_token);
    answered = true;
  });
  // Until the read's audit event waits for its transaction.
  while (audit_events_waiting(t.app()) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_EQ(call("GET", "/healthz").status, 200);
  EXPECT_FALSE(answered);  // not before its audit event is durable
  ASSERT_TRUE((*held)->commit().is_ok());
  reader.join();
  EXPECT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(t.db().text("SELECT actor || ' ' || action || ' ' || record_id FROM audit_events ORDER BY seq DESC LIMIT 1"),
            "btp.analyst threat.read " + std::to_string(sensitive.id));
  port = 0;
}

TEST_F(ApiTest, HealthAndOpenApiDescribeEveryRoute) {
  EXPECT_EQ(call("GET", "/healthz").j()["status"], "ok");
  auto doc = call("GET", "/api/v1/openapi.json").j();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  for (const char* path : {"/api/v1/session", "/api/v1/threats", "/api/v1/threats/{id}", "/api/v1/nominals", "/api/v1/intelligence",
                           "/api/v1/agencies", "/api/v1/units", "/api/v1/users", "/api/v1/links", "/healthz"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items()) {
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
      // every referenced schema exists
      const std::string dumped = op.dump();
      for (size_t p = dumped.find("#/components/schemas/"); p != std::string::npos; p = dumped.find("#/components/schemas/", p + 1)) {
        const auto e = dumped.find('"', p);
        const std::string name = dumped.substr(p + 21, e - p - 21);
        EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << name;
      }
    }
}

TEST_F(ApiTest, CreateReadUpdateListThreatOverHttp) {
  auto created = call("POST", "/api/v1/threats", threat_body().dump(), mps_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.j()["id"].get<int64_t>();
  EXPECT_TRUE(created.j()["reference"].get<std::string>().starts_with("MPS-OCG-"));
  auto got = call("GET", "/api/v1/threats/" + std::to_string(id), "", btp_token);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.j()["marking"]["owning_region"], "London");
  auto patched = call("PATCH", "/api/v1/threats/" + std::to_string(id), json{{"version", 1}, {"tier", 2}}.dump(), mps_token);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.j()["tier"], 2);
  EXPECT_EQ(patched.j()["version"], 2);
  expect_problem(call("PATCH", "/api/v1/threats/" + std::to_string(id), json{{"version", 1}, {"tier", 3}}.dump(), mps_token), 409, "conflict");
  auto list = call("GET", "/api/v1/threats?q=heron&limit=10", "", btp_token).j();
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["limit"], 10);
}

// sort=<column>&order=asc|desc: the whole list in the column's order, page after page, ties
// by id; the reader's scope untouched; an unknown column a 400 naming `sort`.
TEST_F(ApiTest, ListsSortAcrossPagesAndRefuseAColumnTheyDoNotSortBy) {
  std::vector<std::pair<std::string, int64_t>> visible;  // name, id
  for (const std::string name : {"OCG Pipit", "OCG avocet", "OCG Wren", "OCG Pipit", "OCG Bittern", "OCG wren", "OCG Avocet"}) {
    const Threat th = t.threat(mps, marking("MPS", SharingScope::kRegion), name);
    visible.emplace_back(lower(name), th.id);
  }
  t.threat(mps, marking("MPS", SharingScope::kOwnerOnly), "OCG Aaa hidden from BTP");
  std::sort(visible.begin(), visible.end(), std::greater<>());  // name desc, then id desc
  std::vector<int64_t> got;
  for (int offset = 0; offset < 9; offset += 3) {
    auto page = call("GET", "/api/v1/threats?sort=name&order=desc&limit=3&offset=" + std::to_string(offset), "", btp_token);
    ASSERT_EQ(page.status, 200) << page.body;
    const json body = page.j();  // kept: a range-for over page.j()["items"] would iterate a destroyed temporary
    EXPECT_EQ(body["total"], 7);
    for (const auto& item : body["items"]) got.push_back(item["id"].get<int64_t>());
  }
  std::vector<int64_t> expected;
  for (const auto& v : visible) expected.push_back(v.second);
  EXPECT_EQ(got, expected);
  // The default order is unchanged without sort; with order alone it is refused.
  EXPECT_EQ(call("GET", "/api/v1/threats?limit=1", "", btp_token).status, 200);
  for (const std::string bad : {"/api/v1/threats?sort=description", "/api/v1/threats?sort=name;drop", "/api/v1/nominals?sort=notes",
                                "/api/v1/intelligence?sort=body", "/api/v1/tasks?sort=title", "/api/v1/tasks?sort=threat_id"}) {
    auto r = call("GET", bad, "", btp_token);
    expect_problem(r, 400, "invalid-argument");
    EXPECT_EQ(r.j()["field"], "sort") << bad;
  }
  for (const std::string bad : {"/api/v1/threats?sort=name&order=up", "/api/v1/threats?order=desc"}) {
    auto r = call("GET", bad, "", btp_token);
    expect_problem(r, 400, "invalid-argument");
    EXPECT_EQ(r.j()["field"], "order") << bad;
  }
  for (const std::string good : {"/api/v1/nominals?sort=surname&order=desc", "/api/v1/intelligence?sort=received_date",
                                 "/api/v1/tasks?sort=deadline&order=desc", "/api/v1/threats?q=pipit&sort=reference"})
    EXPECT_EQ(call("GET", good, "", btp_token).status, 200) << good;
  auto pipits = call("GET", "/api/v1/threats?q=pipit&sort=reference&order=asc", "", btp_token).j();
  EXPECT_EQ(pipits["total"], 2);  // the text still filters
}

// The home page's signals and access decisions in one request, as the per-record routes say.
TEST_F(ApiTest, RecentSignalsAnswerTheHomePageInOneRequest) {
  const Threat open = t.threat(mps, marking("MPS", SharingScope::kRegion), "OCG Open");
  const Threat held = t.threat(mps, marking("MPS", SharingScope::kOwnerOnly), "OCG Held back");
  ASSERT_TRUE(link_records(t.app(), t.as(mps), {0, {RecordKind::kThreat, held.id}, {RecordKind::kThreat, open.id}, "associate",
                                                 "test", "2026-06-02"}).is_ok());
  auto r = call("GET", "/api/v1/signals/recent", "", btp_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.j()["signals"]["count"], 1);
  ASSERT_EQ(r.j()["signals"]["items"].size(), 1u);
  EXPECT_EQ(r.j()["signals"]["items"][0]["threat"]["id"], open.id);
  auto per_record = call("GET", "/api/v1/threats/" + std::to_string(open.id) + "/signals", "", btp_token).j();
  ASSERT_EQ(per_record.size(), 1u);
  EXPECT_EQ(r.j()["signals"]["items"][0]["signal"], per_record[0]);
  EXPECT_EQ(r.body.find("Held back"), std::string::npos) << "nothing of the held threat but who holds it";
  EXPECT_EQ(call("GET", "/api/v1/signals/recent", "", mps_token).j()["signals"]["count"], 0);

  auto asked = call("POST", "/api/v1/access-requests",
                    json{{"record_kind", "threat"}, {"record_id", held.id}, {"purpose", "Joint operation Heron"}}.dump(), btp_token);
  ASSERT_EQ(asked.status, 201) << asked.body;
  r = call("GET", "/api/v1/signals/recent", "", btp_token);
  EXPECT_EQ(r.j()["mine"]["count"], 1);
  EXPECT_EQ(r.j()["mine"]["pending"], 1);
  EXPECT_EQ(r.j()["to_decide"]["count"], 0);
  auto holder = call("GET", "/api/v1/signals/recent?limit=1", "", mps_token).j();
  EXPECT_EQ(holder["to_decide"]["count"], 1);
  ASSERT_EQ(holder["to_decide"]["items"].size(), 1u);
  EXPECT_EQ(holder["to_decide"]["items"][0]["id"], asked.j()["id"]);
  auto bad = call("GET", "/api/v1/signals/recent?limit=0", "", btp_token);
  expect_problem(bad, 400, "invalid-argument");
  EXPECT_EQ(bad.j()["field"], "limit");
  EXPECT_EQ(call("GET", "/api/v1/signals/recent").status, 401);
}

TEST_F(ApiTest, HiddenRecordIs404NeverA403) {
  auto created = call("POST", "/api/v1/threats", threat_body("owner").dump(), mps_token);
  ASSERT_EQ(created.status, 201);
  const std::string url = "/api/v1/threats/" + std::to_string(created.j()["id"].get<int64_t>());
  auto hidden = call("GET", url, "", btp_token);
  auto absent = call("GET", "/api/v1/threats/987654", "", btp_token);
  expect_problem(hidden, 404, "not-found");
  expect_problem(absent, 404, "not-found");
  expect_problem(call("PATCH", url, json{{"version", 1}, {"tier", 1}}.dump(), btp_token), 404, "not-found");
  EXPECT_EQ(call("GET", "/api/v1/threats", "", btp_token).j()["total"], 0);
}

TEST_F(ApiTest, SecretRecordAsksForAPurposeWith428) {
  auto body = threat_body("owner");
  body["marking"]["classification"] = "SECRET";
  auto created = call("POST", "/api/v1/threats", body.dump(), mps_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "/api/v1/threats/" + std::to_string(created.j()["id"].get<int64_t>());
  expect_problem(call("GET", url, "", mps_token), 428, "purpose-required");
  EXPECT_EQ(call("GET", url, "", mps_token, {{"X-Rocta-Purpose", "Daily briefing"}}).status, 200);
}

TEST_F(ApiTest, BadInputIsA4xxProblemAndTheServerKeepsServing) {
  const std::string threats = "/api/v1/threats";
  expect_problem(call("POST", threats, "{not json", mps_token), 400, "invalid-argument");
  expect_problem(call("POST", threats, "[1,2]", mps_token), 400, "invalid-argument");
  auto wrong_type = threat_body();
  wrong_type["name"] = 42;
  auto r = call("POST", threats, wrong_type.dump(), mps_token);
  expect_problem(r, 400, "invalid-argument");
  EXPECT_EQ(r.j()["field"], "name");
  auto unknown = threat_body();
  unknown["colour"] = "red";
  r = call("POST", threats, unknown.dump(), mps_token);
  expect_problem(r, 400, "invalid-argument");
  EXPECT_EQ(r.j()["field"], "colour");
  auto nested_unknown = threat_body();
  nested_unknown["marking"]["secretly"] = true;
  expect_problem(call("POST", threats, nested_unknown.dump(), mps_token), 400, "invalid-argument");
  auto bad_tier = threat_body();
  bad_tier["tier"] = 9;
  expect_problem(call("POST", threats, bad_tier.dump(), mps_token), 400, "invalid-argument");
  auto huge_int = threat_body();
  huge_int["tier"] = 18446744073709551615ULL;
  expect_problem(call("POST", threats, huge_int.dump(), mps_token), 400, "invalid-argument");
  expect_problem(call("POST", threats, std::string(1024 * 1024 + 10, ' '), mps_token), 413, "body-too-large");
  for (const char* q : {"limit=0", "limit=201", "limit=abc", "offset=-1", "limit=1e3", "tier=7", "county_lines=maybe", "bogus=1",
                        "limit=1&limit=2", "q=%zz"})
    expect_problem(call("GET", threats + "?" + q, "", mps_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/threats/abc", "", mps_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/threats/-4", "", mps_token), 400, "invalid-argument");
  expect_problem(call("DELETE", threats, "", mps_token), 405, "method-not-allowed");
  expect_problem(call("GET", "/api/v1/nothing-here", "", mps_token), 404, "not-found");
  expect_problem(call("POST", threats, threat_body().dump(), "", {{"Content-Type", "text/plain"}}), 401, "unauthenticated");
  expect_problem(call("POST", threats, threat_body().dump(), mps_token, {{"Content-Type", "text/plain"}}), 415, "unsupported-media-type");
  expect_problem(call("GET", threats), 401, "unauthenticated");
  expect_problem(call("GET", threats, "", std::string(64, 'a')), 401, "unauthenticated");
  expect_problem(call("POST", "/api/v1/session", json{{"username", "x"}, {"password", 5}}.dump()), 400, "invalid-argument");
  // Still serving, and nothing was half-applied.
  EXPECT_EQ(call("GET", "/healthz").status, 200);
  EXPECT_EQ(call("GET", threats, "", mps_token).j()["total"], 0);
}

TEST_F(ApiTest, MalformedHttpIsAnsweredAndTheServerSurvives) {
  boost::asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), server->port()));
  const std::string junk = "GARBAGE /\x01\x02 HTTP/9\r\n\r\n";
  boost::asio::write(s, boost::asio::buffer(junk));
  beast::error_code ec;
  std::string got(256, '\0');
  const size_t n = s.read_some(boost::asio::buffer(got), ec);
  EXPECT_NE(got.substr(0, n).find("400"), std::string::npos);
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

TEST_F(ApiTest, LoginIsThrottledWith429AndRetryAfter) {
  Reply r;
  for (int i = 0; i <= LoginThrottle::kFreeFailures; ++i)
    r = call("POST", "/api/v1/session", json{{"username", "btp.analyst"}, {"password", "nope-nope-nope"}}.dump());
  expect_problem(r, 429, "too-many-requests");
  EXPECT_FALSE(r.headers["Retry-After"].empty());
}

TEST_F(ApiTest, LogoutEndsTheToken) {
  EXPECT_EQ(call("GET", "/api/v1/session", "", btp_token).j()["username"], "btp.analyst");
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", btp_token).status, 204);
  expect_problem(call("GET", "/api/v1/session", "", btp_token), 401, "unauthenticated");
}

TEST_F(ApiTest, UsersAreForAdministratorsOnly) {
  const std::string admin_token = login("mps.admin");
  auto list = call("GET", "/api/v1/users", "", admin_token);
  ASSERT_EQ(list.status, 200) << list.body;
  const json users = list.j();
  ASSERT_FALSE(users["items"].empty());
  for (const auto& u : users["items"]) EXPECT_EQ(u["agency"], "MPS");
  expect_problem(call("GET", "/api/v1/users", "", mps_token), 403, "permission-denied");
  auto unit = t.unit("MPS");
  json new_user{{"username", "mps.new"}, {"display_name", "New"}, {"unit_id", unit}, {"roles", {"analyst"}},
                {"clearance", "OFFICIAL"}, {"password", "a-long-enough-password"}};
  EXPECT_EQ(call("POST", "/api/v1/users", new_user.dump(), admin_token).status, 201);
  expect_problem(call("POST", "/api/v1/users", new_user.dump(), admin_token), 409, "already-exists");
  new_user["username"] = "mps.other";
  new_user["password"] = "short";
  expect_problem(call("POST", "/api/v1/users", new_user.dump(), admin_token), 400, "invalid-argument");
}

TEST_F(ApiTest, NominateAssessModerateAndListOverHttp) {
  t.user("mps.assessor", "MPS", {Role::kAssessor});
  t.user("mps.moderator", "MPS", {Role::kModerator});
  const std::string assessor = login("mps.assessor"), moderator = login("mps.moderator");
  json nomination{{"threat", threat_body()}, {"rationale", "Seen at the station daily"}, {"provisional_priority", 2}};
  auto n = call("POST", "/api/v1/nominations", nomination.dump(), mps_token);
  ASSERT_EQ(n.status, 201) << n.body;
  const int64_t threat_id = n.j()["threat"]["id"];
  auto queue = call("GET", "/api/v1/nominations?status=awaiting%20assessment", "", assessor).j();
  EXPECT_EQ(queue["total"], 1);
  EXPECT_EQ(call("GET", "/api/v1/nominations/figures", "", assessor).j()["count"], 1);

  const std::string url = "/api/v1/threats/" + std::to_string(threat_id) + "/assessments";
  json factors{{"harm", {{"physical", 3}, {"psychological", 3}, {"financial", 1}, {"community", 3}, {"environmental", 0}}},
               {"scope", "regional"}, {"vulnerability", "high"}, {"likelihood", "highly likely"},
               {"org", {2, 1, 3}}, {"confidence", "medium"}};
  expect_problem(call("POST", url, factors.dump(), mps_token), 403, "permission-denied");
  auto bad = factors;
  bad["harm"]["psychic"] = 2;
  expect_problem(call("POST", url, bad.dump(), assessor), 400, "invalid-argument");
  bad = factors;
  bad["likelihood"] = 6;
  expect_problem(call("POST", url, bad.dump(), assessor), 400, "invalid-argument");
  // The form's live preview scores by the same rule and records nothing.
  auto preview = call("POST", "/api/v1/morile/score", factors.dump(), assessor);
  ASSERT_EQ(preview.status, 200) << preview.body;
  expect_problem(call("POST", "/api/v1/morile/score", bad.dump(), assessor), 400, "invalid-argument");
  EXPECT_EQ(call("GET", url, "", assessor).j().size(), 0u);
  // Submitting takes the assessor's rationale: none, blank or over 4,000 characters is a 400
  // naming it, and nothing is recorded.
  for (const json& rationale : {json(nullptr), json("   "), json(std::string(4001, 'r')), json(7)}) {
    auto without = factors;
    if (!rationale.is_null()) without["rationale"] = rationale;
    auto r = call("POST", url, without.dump(), assessor);
    expect_problem(r, 400, "invalid-argument");
    EXPECT_EQ(r.j()["field"], "rationale") << r.body;
  }
  EXPECT_EQ(call("GET", url, "", assessor).j().size(), 0u);
  factors["rationale"] = "Weapons and exploitation of children on the record; regional reach";
  auto a = call("POST", url, factors.dump(), assessor);
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.j()["rationale"], factors["rationale"]);
  auto awaiting = call("GET", "/api/v1/assessments/awaiting-moderation", "", moderator).j();
  ASSERT_EQ(awaiting["items"].size(), 1u);
  EXPECT_EQ(awaiting["items"][0]["rationale"], factors["rationale"]);  // the moderator reads it
  EXPECT_DOUBLE_EQ(a.j()["score"]["priority"].get<double>(), 189.0);
  EXPECT_EQ(a.j()["tier"], 2);
  EXPECT_EQ(preview.j()["score"], a.j()["score"]);
  EXPECT_EQ(preview.j()["tier"], a.j()["score"]["tier"]);
  const std::string mod = "/api/v1/assessments/" + std::to_string(a.j()["id"].get<int64_t>()) + "/moderation";
  expect_problem(call("POST", mod, json{{"approve", false}}.dump(), moderator), 400, "invalid-argument");  // a return needs a reason
  ASSERT_EQ(call("POST", mod, json{{"approve", true}, {"note", "consistent"}}.dump(), moderator).status, 200);
  auto list = call("GET", "/api/v1/master-list?agency=MPS", "", btp_token).j();
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["moderation_status"], "Moderated");
  expect_problem(call("GET", "/api/v1/master-list?soc_only=perhaps", "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/siu/assessment-checks", "", mps_token), 403, "permission-denied");
  EXPECT_EQ(call("GET", "/api/v1/morile/models", "", mps_token).j()[0]["version"], 1);
}

TEST_F(ApiTest, RecordADisruptionAnswerItsPromptAndReadTheFiguresOverHttp) {
  auto created = call("POST", "/api/v1/threats", threat_body().dump(), mps_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t threat_id = created.j()["id"];
  json d{{"threat_id", threat_id}, {"record_date", "2026-05-02"}, {"category", "Major"}, {"justification", "Principal charged"},
         {"outcomes", {"Pursue"}}, {"description", "Principal arrested; his partner was safeguarded."}};
  auto unanswered = call("POST", "/api/v1/disruptions", d.dump(), mps_token);
  expect_problem(unanswered, 400, "invalid-argument");
  EXPECT_NE(unanswered.body.find("Protect"), std::string::npos) << unanswered.body;
  auto prompts = call("POST", "/api/v1/disruptions/prompts", json{{"text", d["description"]}, {"outcomes", {"Pursue"}}}.dump(), mps_token);
  ASSERT_EQ(prompts.status, 200) << prompts.body;
  ASSERT_EQ(prompts.j()["prompts"].size(), 1u);
  const std::string rule = prompts.j()["prompts"][0]["rule"];
  d["outcomes"] = {"Pursue", "Protect"};
  d["prompts"] = {{{"rule", rule}, {"outcome", "Protect"}, {"accepted", true}}};
  auto saved = call("POST", "/api/v1/disruptions", d.dump(), mps_token);
  ASSERT_EQ(saved.status, 201) << saved.body;
  EXPECT_EQ(saved.j()["national_category"], "Pursue");
  expect_problem(call("POST", "/api/v1/disruptions", json{{"threat_id", "x"}}.dump(), mps_token), 400, "invalid-argument");
  expect_problem(call("POST", "/api/v1/disruptions", json{{"threat_id", threat_id}, {"colour", 1}}.dump(), mps_token), 400, "invalid-argument");

  const std::string history = "/api/v1/threats/" + std::to_string(threat_id) + "/disruptions";
  auto list = call("GET", history, "", mps_token);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.j()["total"], 1);
  EXPECT_EQ(list.j()["items"][0]["outcomes"], json({"Pursue", "Protect"}));

  auto report = call("GET", "/api/v1/reports/soc?year_ending=2026-06-30", "", mps_token);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.j()["disruptions"]["by_agency"]["MPS"]["total"], 1);
  EXPECT_EQ(report.j()["disruptions"]["by_agency"]["MPS"]["by_4p_pct"]["Pursue"], 100.0);
  auto csv = call("GET", "/api/v1/reports/soc?year_ending=2026-06-30&format=csv", "", mps_token);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("disruptions,MPS,total,,1"), std::string::npos) << csv.body;
  auto html = call("GET", "/api/v1/reports/soc?year_ending=2026-06-30&format=html", "", mps_token);
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_NE(html.body.find("<svg"), std::string::npos);
  expect_problem(call("GET", "/api/v1/reports/soc?year_ending=2026-13-01", "", mps_token), 400, "invalid-argument");
  // Without a year: the last one over by today that holds disruptions. Today is 2026-06-21,
  // so the year to June 2026 is not over, and no year before it holds any: the last one over.
  auto latest = call("GET", "/api/v1/reports/soc", "", mps_token);
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_EQ(latest.j()["year_ending"], "2025-06-30");
  // A disruption in the year to June 2024: that year, the next one over being empty.
  d["record_date"] = "2023-11-02";
  ASSERT_EQ(call("POST", "/api/v1/disruptions", d.dump(), mps_token).status, 201);
  latest = call("GET", "/api/v1/reports/soc", "", mps_token);
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_EQ(latest.j()["year_ending"], "2024-06-30");
  EXPECT_EQ(latest.j()["disruptions"]["by_agency"]["MPS"]["total"], 1);
  expect_problem(call("GET", "/api/v1/reports/soc?year_ending=2026-06-30&lead_only=maybe", "", mps_token), 400, "invalid-argument");
  t.user("mps.frontline", "MPS", {Role::kFrontlineOfficer});
  expect_problem(call("GET", "/api/v1/reports/soc?year_ending=2026-06-30", "", login("mps.frontline")), 403, "permission-denied");
  // BTP may not read the MPS threat's history if the threat is not shared with it.
  auto own = call("POST", "/api/v1/threats", threat_body("owner").dump(), mps_token);
  ASSERT_EQ(own.status, 201) << own.body;
  expect_problem(call("GET", "/api/v1/threats/" + std::to_string(own.j()["id"].get<int64_t>()) + "/disruptions", "", btp_token), 404, "not-found");
}

// Every date and number parameter of the places routes is checked: a 400 naming the field,
// never a 200 that quietly filters on nonsense.
TEST_F(ApiTest, PlacesRoutesRefuseABadDateOrNumberNamingTheField) {
  auto loaded = load_areas(t.app(), t.as(admin), AreaKind::kBcu,
                           {{1, "Central", "C1", geo::Geometry::area({{525000, 175000}, {535000, 175000}, {535000, 185000}, {525000, 185000}, {525000, 175000}})}});
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  const std::string area = std::to_string((*list_areas(t.app(), t.as(admin), AreaKind::kBcu, false))[0].id);
  const std::vector<std::pair<std::string, std::string>> bad{
      {"/api/v1/incidents?from=2026-99-01", "from"},
      {"/api/v1/incidents?to=2026-02-30", "to"},
      {"/api/v1/incidents?from=2026-06-02&to=2026-06-01", "from"},
      {"/api/v1/incidents?limit=0", "limit"},
      {"/api/v1/incidents?area_id=x", "area_id"},
      {"/api/v1/incidents?lon=abc&lat=51.5&radius_m=100", "lon"},
      {"/api/v1/incidents?lon=-0.1&lat=51.5&radius_m=nan", "radius_m"},
      {"/api/v1/incidents?lon=-0.1&lat=51.5", "radius_m"},
      {"/api/v1/places?x=530000&y=inf&radius_m=10", "y"},
      {"/api/v1/places?x=530000&y=180000&radius_m=10&epsg=0", "epsg"},
      {"/api/v1/places?area_id=-1", "area_id"},
      {"/api/v1/places?record_id=two", "record_id"},
      {"/api/v1/areas/" + area + "/briefing?day=2026-13-01", "day"},
      {"/api/v1/areas/" + area + "/briefing?shift=dawn", "shift"},
      {"/api/v1/threats?area=abc", "area"},
      {"/api/v1/search?q=Heron&area=0", "area"},
  };
  for (const auto& [url, field] : bad) {
    auto r = call("GET", url, "", mps_token);
    expect_problem(r, 400, "invalid-argument");
    EXPECT_EQ(r.j().value("field", ""), field) << url;
  }
  auto hot = call("POST", "/api/v1/hotspots", json{{"type", "robbery"}, {"from", "2026-99-01"}, {"to", "2026-06-30"}}.dump(), mps_token);
  expect_problem(hot, 400, "invalid-argument");
  EXPECT_EQ(hot.j().value("field", ""), "from");
  auto good = call("GET", "/api/v1/incidents?from=2026-06-01&to=2026-06-30&area_id=" + area, "", mps_token);
  EXPECT_EQ(good.status, 200) << good.body;
}

// ?area= on the threat list, the search and a local profile: only records with a place in
// the area; an unknown area is a 404 problem. A record shared with a named agency is read
// there by that agency (its incidents too: no 500 from the second policy check).
TEST_F(ApiTest, TheThreatListSearchAndLocalProfileFilterByArea) {
  ASSERT_TRUE(load_areas(t.app(), t.as(admin), AreaKind::kBcu,
                         {{1, "Central", "C1", geo::Geometry::area({{525000, 175000}, {535000, 175000}, {535000, 185000}, {525000, 185000}, {525000, 175000}})},
                          {2, "Outer", "O1", geo::Geometry::area({{540000, 175000}, {550000, 175000}, {550000, 185000}, {540000, 185000}, {540000, 175000}})}})
                  .is_ok());
  std::map<std::string, int64_t> areas;
  for (const auto& a : *list_areas(t.app(), t.as(admin), AreaKind::kBcu, false)) areas[a.code] = a.id;
  const std::string central = std::to_string(areas["C1"]), outer = std::to_string(areas["O1"]);
  auto placed = call("POST", "/api/v1/threats", threat_body().dump(), mps_token);
  ASSERT_EQ(placed.status, 201) << placed.body;
  const int64_t placed_id = placed.j()["id"].get<int64_t>();
  ASSERT_EQ(call("POST", "/api/v1/threats", threat_body().dump(), mps_token).status, 201);
  json place{{"record_kind", "threat"}, {"record_id", placed_id}, {"label", "Lock-up"},
             {"geometry", {{"type", "Point"}, {"coordinates", {530000, 180000}}}}, {"epsg", 27700}};
  ASSERT_EQ(call("POST", "/api/v1/places", place.dump(), mps_token).status, 201);

  auto all = call("GET", "/api/v1/threats", "", mps_token);
  EXPECT_EQ(all.j()["total"], 2) << all.body;
  auto in_central = call("GET", "/api/v1/threats?area=" + central, "", mps_token);
  ASSERT_EQ(in_central.status, 200) << in_central.body;
  ASSERT_EQ(in_central.j()["items"].size(), 1u) << in_central.body;
  EXPECT_EQ(in_central.j()["items"][0]["id"], placed_id);
  EXPECT_EQ(in_central.j()["total"], 1);
  EXPECT_EQ(call("GET", "/api/v1/threats?area=" + outer, "", mps_token).j()["total"], 0);
  expect_problem(call("GET", "/api/v1/threats?area=999999", "", mps_token), 404, "not-found");

  EXPECT_EQ(call("GET", "/api/v1/search?q=Heron", "", mps_token).j()["total"], 2);
  auto found = call("GET", "/api/v1/search?q=Heron&area=" + central, "", mps_token);
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.j()["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.j()["items"][0]["id"], placed_id);
  expect_problem(call("GET", "/api/v1/search?q=Heron&area=999999", "", mps_token), 404, "not-found");

  const int64_t bcu = t.unit("MPS", "Central BCU", UnitKind::kBcu);
  ASSERT_TRUE(locate_threat(t.app(), t.as(mps), placed_id, bcu).is_ok());
  const std::string profile = "/api/v1/local-profiles/" + std::to_string(bcu);
  auto narrowed = call("GET", profile + "?area=" + central, "", mps_token);
  ASSERT_EQ(narrowed.status, 200) << narrowed.body;
  EXPECT_EQ(narrowed.j()["threats"].size(), 1u) << narrowed.body;
  EXPECT_EQ(call("GET", profile + "?area=" + outer, "", mps_token).j()["threats"].size(), 0u);
  expect_problem(call("GET", profile + "?area=999999", "", mps_token), 404, "not-found");

  // Shared by name with BTP: BTP reads the incident; it is not a 500.
  ASSERT_TRUE(import_incidents(t.app(), t.as(mps), "reference,type,occurred_on,x,y\nN1,robbery,2026-06-01,530500,180500\n",
                               marking("MPS", SharingScope::kNamed, Classification::kOfficial, "", {"BTP"}))
                  .is_ok());
  auto btp_incidents = call("GET", "/api/v1/incidents?area_id=" + central, "", btp_token);
  ASSERT_EQ(btp_incidents.status, 200) << btp_incidents.body;
  EXPECT_EQ(btp_incidents.j()["items"].size(), 1u);
}

TEST_F(ApiTest, StaticUiMissingIsAClearProblemAndHeadersAreSafe) {
  auto r = call("GET", "/");
  expect_problem(r, 404, "web-ui-not-built");
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(r.headers["Content-Security-Policy"].find("default-src 'self'"), std::string::npos);
  expect_problem(call("GET", "/../../etc/passwd"), 404, "not-found");
}

TEST_F(ApiTest, TaskingOverHttpEscalateDecideTaskAPartnerAndRatify) {
  t.user("mps.tasking", "MPS", {Role::kTaskingChair});
  t.user("hmrc.partner", "HMRC", {Role::kPartner}, Classification::kOfficial);
  const std::string chair = login("mps.tasking"), hmrc = login("hmrc.partner");
  const int64_t scc = t.unit("MPS", "Specialist Crime Command", UnitKind::kSpecialistCrimeCommand);
  const std::string soon = iso_date(t.clock().now + 7LL * 24 * 3600 * 1000);

  json meeting{{"unit_id", scc}, {"level", "specialist"}, {"title", "SCC tasking"}, {"held_on", soon}};
  expect_problem(call("POST", "/api/v1/tasking/meetings", meeting.dump(), mps_token), 403, "permission-denied");
  auto bad = meeting;
  bad["level"] = "galactic";
  expect_problem(call("POST", "/api/v1/tasking/meetings", bad.dump(), chair), 400, "invalid-argument");
  bad = meeting;
  bad["chair"] = 1;
  expect_problem(call("POST", "/api/v1/tasking/meetings", bad.dump(), chair), 400, "invalid-argument");
  auto m = call("POST", "/api/v1/tasking/meetings", meeting.dump(), chair);
  ASSERT_EQ(m.status, 201) << m.body;
  const std::string meeting_url = "/api/v1/tasking/meetings/" + std::to_string(m.j()["id"].get<int64_t>());

  auto e = call("POST", "/api/v1/escalations",
                json{{"to_unit_id", scc}, {"support", "covert"}, {"request", "Surveillance needed"}, {"decide_by", soon}}.dump(), mps_token);
  ASSERT_EQ(e.status, 201) << e.body;
  EXPECT_EQ(e.j()["direction"], "to specialist");
  const int64_t esc = e.j()["id"];
  auto agenda = call("GET", meeting_url, "", chair).j()["agenda"];
  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_EQ(agenda[0]["kind"], "escalation");
  EXPECT_EQ(agenda[0]["ref_id"], esc);

  json decision{{"meeting_id", m.j()["id"]}, {"escalation_id", esc}, {"approve", true}, {"decision", "Approved"}, {"rationale", "Proportionate"}};
  auto d = call("POST", "/api/v1/tasking/decisions", decision.dump(), chair);
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(call("GET", "/api/v1/escalations", "", mps_token).j()[0]["status"], "approved");
  json task{{"title", "Examine the accounts"}, {"assigned_agency", "HMRC"}, {"decision_id", d.j()["id"]}, {"deadline", "soon"}};
  auto bad_task = call("POST", "/api/v1/tasks", task.dump(), chair);
  expect_problem(bad_task, 400, "invalid-argument");
  EXPECT_EQ(bad_task.j()["field"], "deadline");
  task["deadline"] = soon;
  auto created = call("POST", "/api/v1/tasks", task.dump(), chair);
  ASSERT_EQ(created.status, 201) << created.body;
  task["assigned_agency"] = "MPS";
  auto internal = call("POST", "/api/v1/tasks", task.dump(), chair);
  ASSERT_EQ(internal.status, 201) << internal.body;

  auto mine = call("GET", "/api/v1/tasks", "", hmrc).j();
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["assigned_agency"], "HMRC");
  const std::string other = "/api/v1/tasks/" + std::to_string(internal.j()["id"].get<int64_t>());
  expect_problem(call("GET", other, "", hmrc), 404, "not-found");
  expect_problem(call("GET", meeting_url, "", hmrc), 403, "permission-denied");
  expect_problem(call("GET", "/api/v1/plans/coverage", "", hmrc), 403, "permission-denied");
  const std::string update = "/api/v1/tasks/" + std::to_string(created.j()["id"].get<int64_t>()) + "/updates";
  expect_problem(call("POST", update, json{{"status", "finished"}, {"note", "x"}}.dump(), hmrc), 400, "invalid-argument");
  auto updated = call("POST", update, json{{"status", "in progress"}, {"note", "Production order served"}}.dump(), hmrc);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.j()["updates"][0]["by_agency"], "HMRC");

  // Outside a meeting: on the agenda for ratification, then ratified.
  auto outside = call("POST", "/api/v1/tasking/decisions", json{{"decision", "Deploy now"}, {"rationale", "No time"}}.dump(), chair);
  ASSERT_EQ(outside.status, 201) << outside.body;
  EXPECT_TRUE(outside.j()["outside_meeting"].get<bool>());
  EXPECT_EQ(call("GET", meeting_url, "", chair).j()["agenda"][0]["kind"], "ratification");
  EXPECT_EQ(call("GET", "/api/v1/tasking/decisions?awaiting_ratification=true", "", mps_token).j().size(), 1u);
  const std::string ratify = "/api/v1/tasking/decisions/" + std::to_string(outside.j()["id"].get<int64_t>()) + "/ratification";
  ASSERT_EQ(call("POST", ratify, json{{"meeting_id", m.j()["id"]}}.dump(), chair).status, 200);
  expect_problem(call("POST", ratify, json{{"meeting_id", m.j()["id"]}}.dump(), chair), 412, "failed-precondition");
  EXPECT_EQ(call("GET", "/api/v1/plans/coverage", "", mps_token).j()["overall"]["threats"], 0);
  auto doc = call("GET", "/api/v1/openapi.json").j();
  for (const char* path : {"/api/v1/tasks", "/api/v1/tasking/meetings/{id}", "/api/v1/plans/coverage", "/api/v1/local-profiles/{id}"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
}

TEST_F(ApiTest, SearchRanksHighlightsAsSegmentsAndRefusesBadInput) {
  auto created = call("POST", "/api/v1/threats", threat_body().dump(), mps_token);  // "OCG Heron", region
  ASSERT_EQ(created.status, 201) << created.body;
  auto hidden = threat_body("owner");
  hidden["name"] = "Heron owner only";
  ASSERT_EQ(call("POST", "/api/v1/threats", hidden.dump(), mps_token).status, 201);
  auto r = call("GET", "/api/v1/search?q=heron&kind=threat,intelligence&limit=5", "", btp_token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.j();
  EXPECT_EQ(j["total"], 1);  // the owner-only threat is neither found nor counted
  EXPECT_EQ(j["total_exact"], true);  // false only past the count's cap (1,000)
  ASSERT_EQ(j["items"].size(), 1u);
  const auto& hit = j["items"][0];
  EXPECT_EQ(hit["kind"], "threat");
  EXPECT_EQ(hit["id"], created.j()["id"]);
  EXPECT_EQ(hit["title"], "OCG Heron");
  EXPECT_EQ(hit["marking"]["owning_agency"], "MPS");
  bool highlighted = false;
  for (const auto& seg : hit["snippet"]) {
    ASSERT_TRUE(seg["text"].is_string() && seg["hit"].is_boolean()) << hit.dump();
    EXPECT_EQ(seg["text"].get<std::string>().find('\x02'), std::string::npos);
    if (seg["hit"].get<bool>()) highlighted = highlighted || seg["text"] == "Heron";
  }
  EXPECT_TRUE(highlighted) << hit.dump();
  EXPECT_EQ(call("GET", "/api/v1/search?q=heron", "", mps_token).j()["total"], 2);

  expect_problem(call("GET", "/api/v1/search", "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/search?q=" + std::string(501, 'a'), "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/search?q=heron&kind=person", "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/search?q=heron&limit=0", "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/search?q=heron&from=yesterday", "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/search?q=heron&classification=PUBLIC", "", btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/search?q=heron"), 401, "unauthenticated");
  auto doc = call("GET", "/api/v1/openapi.json").j();
  EXPECT_TRUE(doc["paths"].contains("/api/v1/search"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("SearchHit"));
}

TEST_F(ApiTest, LinkageOverHttpKnownElsewhereOnCreateReviewAndBadInput) {
  auto nominal = [](const std::string& given, const std::string& postcode) {
    return json{{"given_names", given}, {"surname", "Okonkwo-Reid"}, {"date_of_birth", "1988-07-21"}, {"postcode", postcode},
                {"marking", {{"classification", "OFFICIAL"}, {"scope", "region"}}}};
  };
  auto first = call("POST", "/api/v1/nominals", nominal("James", "E15 2AB").dump(), mps_token);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_TRUE(first.j()["known_elsewhere"]["shown"].is_array()) << first.body;
  EXPECT_TRUE(first.j()["known_elsewhere"]["shown"].empty());
  // BTP records the same man: the answer names the MPS nominal at once.
  auto second = call("POST", "/api/v1/nominals", nominal("Jim", "E15 2AB").dump(), btp_token);
  ASSERT_EQ(second.status, 201) << second.body;
  const auto shown = second.j()["known_elsewhere"]["shown"];
  ASSERT_EQ(shown.size(), 1u) << second.body;
  EXPECT_EQ(shown[0]["nominal"]["id"], first.j()["id"]);
  EXPECT_EQ(shown[0]["nominal"]["marking"]["owning_agency"], "MPS");
  ASSERT_TRUE(shown[0]["match_id"].is_number_integer());
  const std::string match = "/api/v1/matches/" + std::to_string(shown[0]["match_id"].get<int64_t>());
  auto known = call("GET", "/api/v1/nominals/" + std::to_string(first.j()["id"].get<int64_t>()) + "/known-elsewhere", "", mps_token);
  ASSERT_EQ(known.status, 200) << known.body;
  EXPECT_EQ(known.j()["shown"][0]["nominal"]["id"], second.j()["id"]);

  auto opened = call("GET", match, "", mps_token);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_FALSE(opened.j()["explanation"]["fields"].empty());
  const int64_t version = opened.j()["version"];
  expect_problem(call("POST", match + "/decision", json{{"decision", "merge"}, {"version", version}}.dump(), mps_token), 400,
                 "invalid-argument");
  expect_problem(call("POST", match + "/decision", json{{"decision", "confirm"}}.dump(), mps_token), 400, "invalid-argument");
  expect_problem(call("POST", match + "/decision", json{{"decision", "confirm"}, {"version", version}, {"why", "x"}}.dump(), mps_token),
                 400, "invalid-argument");
  auto confirmed = call("POST", match + "/decision", json{{"decision", "confirm"}, {"version", version}}.dump(), mps_token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.j()["status"], "confirmed");
  expect_problem(call("POST", match + "/decision", json{{"decision", "confirm"}, {"version", version}}.dump(), mps_token), 409,
                 "conflict");

  auto looked = call("POST", "/api/v1/nominals/lookup", json{{"surname", "Okonkwo-Reid"}, {"date_of_birth", "1988-07-21"}}.dump(),
                     btp_token);
  ASSERT_EQ(looked.status, 200) << looked.body;
  EXPECT_EQ(looked.j()["shown"].size(), 2u) << looked.body;
  expect_problem(call("POST", "/api/v1/nominals/lookup", json{{"name", "x"}}.dump(), btp_token), 400, "invalid-argument");
  expect_problem(call("POST", "/api/v1/nominals/lookup", json::object().dump(), btp_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/matches?status=maybe", "", mps_token), 400, "invalid-argument");
  expect_problem(call("POST", "/api/v1/match-runs", "", mps_token), 403, "permission-denied");
  auto queue = call("GET", "/api/v1/matches?status=confirmed", "", btp_token);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.j()["total"], 1);
  const json exclusion{{"field", "address"}, {"value", "Custody suite, 1 Station Road"}, {"reason", "Every detainee's address"}};
  expect_problem(call("POST", "/api/v1/match-exclusions", exclusion.dump(), mps_token), 403, "permission-denied");
  const std::string admin_token = login("mps.admin");
  auto bad = exclusion;
  bad["field"] = "phone";
  expect_problem(call("POST", "/api/v1/match-exclusions", bad.dump(), admin_token), 400, "invalid-argument");
  auto excluded = call("POST", "/api/v1/match-exclusions", exclusion.dump(), admin_token);
  ASSERT_EQ(excluded.status, 201) << excluded.body;
  expect_problem(call("POST", "/api/v1/match-exclusions", exclusion.dump(), admin_token), 409, "already-exists");
  EXPECT_EQ(call("GET", "/api/v1/match-exclusions", "", mps_token).j().size(), 1u);
  EXPECT_EQ(call("DELETE", "/api/v1/match-exclusions/" + std::to_string(excluded.j()["id"].get<int64_t>()), "", admin_token).status, 204);
  auto doc = call("GET", "/api/v1/openapi.json").j();
  EXPECT_TRUE(doc["paths"].contains("/api/v1/nominals/{id}/known-elsewhere"));
}

// The export of a list is the list's own rows for the caller, whoever asks, and leaves a
// "list.export" event naming the list and the row count.
TEST_F(ApiTest, ExportHoldsTheRowsTheCallerMayPageThroughAndIsAudited) {
  for (const char* scope : {"owner", "owner", "region", "national", "owner"}) {
    auto body = threat_body(scope);
    body["name"] = std::string("OCG ") + scope;
    ASSERT_EQ(call("POST", "/api/v1/threats", body.dump(), mps_token).status, 201);
  }
  ASSERT_EQ(call("POST", "/api/v1/threats", threat_body("owner").dump(), btp_token).status, 201);
  for (const auto& token : {mps_token, btp_token}) {
    std::set<std::string> listed;
    const json page = call("GET", "/api/v1/threats?limit=200", "", token).j();
    for (const auto& item : page["items"]) listed.insert(std::to_string(item["id"].get<int64_t>()));
    auto csv = call("GET", "/api/v1/exports?list=%2Fapi%2Fv1%2Fthreats", "", token);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_NE(csv.headers["Content-Disposition"].find("threats.csv"), std::string::npos);
    auto rows = parse_csv(csv.body);
    ASSERT_TRUE(rows.is_ok());
    ASSERT_FALSE(rows->empty());
    EXPECT_EQ(rows->front().front(), "id");
    std::set<std::string> exported;
    for (size_t i = 1; i < rows->size(); ++i) exported.insert((*rows)[i].front());
    EXPECT_EQ(exported, listed);
    EXPECT_FALSE(listed.empty());
  }
  // The list's own filters and checks apply.
  auto filtered = parse_csv(call("GET", "/api/v1/exports?list=%2Fapi%2Fv1%2Fthreats%3Fq%3Dnational", "", mps_token).body);
  ASSERT_TRUE(filtered.is_ok());
  EXPECT_EQ(filtered->size(), 2u) << "the header and the one threat named national";
  expect_problem(call("GET", "/api/v1/exports?list=%2Fapi%2Fv1%2Fthreats%3Ftier%3D9", "", mps_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/exports?list=%2Fapi%2Fv1%2Fsession", "", mps_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/exports?list=%2Fetc%2Fpasswd", "", mps_token), 400, "invalid-argument");
  expect_problem(call("GET", "/api/v1/exports?list=%2Fapi%2Fv1%2Fthreats"), 401, "unauthenticated");

  auto tx = t.store().begin(TxMode::kRead);
  ASSERT_TRUE(tx.is_ok());
  auto events = (*tx)->audit().scan(1, 100000);
  ASSERT_TRUE(events.is_ok());
  std::map<std::string, int> exports;
  for (const auto& e : *events)
    if (e.action == "list.export") {
      auto detail = json::parse(e.detail);
      EXPECT_EQ(detail["list"], "/api/v1/threats");
      exports[e.actor] += 1;
    }
  EXPECT_EQ(exports, (std::map<std::string, int>{{"btp.analyst", 1}, {"mps.analyst", 2}}));
}

// A record's history: what was done to it for its readers; reads too, and audited, for an
// inspector; nothing for those who may not read it.
TEST_F(ApiTest, ARecordsHistoryShowsWritesToReadersAndEverythingToInspectors) {
  auto body = threat_body("owner");
  body["marking"]["classification"] = "SECRET";
  auto created = call("POST", "/api/v1/threats", body.dump(), mps_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "/api/v1/threats/" + std::to_string(created.j()["id"].get<int64_t>());
  ASSERT_EQ(call("GET", url, "", mps_token, {{"X-Rocta-Purpose", "Daily briefing"}}).status, 200);
  auto actions = [](const json& j) {
    std::vector<std::string> out;
    for (const auto& e : j["items"]) out.push_back(e["action"]);
    return out;
  };
  auto mine = call("GET", url + "/history", "", mps_token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(actions(mine.j()), std::vector<std::string>{"threat.create"});
  EXPECT_FALSE(mine.j()["with_reads"].get<bool>());
  EXPECT_FALSE(mine.j()["items"][0].contains("purpose"));
  t.user("mps.inspector", "MPS", {Role::kInspector});
  auto all = call("GET", url + "/history", "", login("mps.inspector"));
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(actions(all.j()), (std::vector<std::string>{"threat.read", "threat.create"}));
  EXPECT_EQ(all.j()["items"][0]["purpose"], "Daily briefing");
  expect_problem(call("GET", url + "/history", "", btp_token), 404, "not-found");
  auto again = call("GET", url + "/history", "", login("mps.inspector"));
  EXPECT_EQ(actions(again.j()).front(), "audit.read") << "the inspector's look is in the record's audit";
}

// An agreement's subjects over HTTP: made with capability for the giver's own figures, bad
// subjects and whose-capability refused naming the field; the partner's agency then reads the
// MPS's figures and nothing of BTP's, and says so at sign-in.
TEST_F(ApiTest, AnAgreementCoveringCapabilityOpensTheGiversFiguresToThePartner) {
  t.user("hmrc.partner", "HMRC", {Role::kPartner}, Classification::kOfficial);
  const std::string admin_token = login("mps.admin"), partner = login("hmrc.partner");
  const int64_t hub = t.unit("MPS", "Organised Crime Hub", UnitKind::kSpecialistCrimeCommand);
  const int64_t btp_unit = t.unit("BTP", "BTP Intelligence");
  for (auto [unit, analyst, n] : {std::tuple{hub, mps_token, 3}, std::tuple{btp_unit, btp_token, 5}})
    for (int i = 0; i < n; ++i) {
      json post{{"unit_id", unit}, {"role", "analyst"}, {"month", "2026-06"}, {"post_ref", "A" + std::to_string(i)},
                {"filled", false}, {"cover_from", 8}, {"cover_to", 18}};
      auto r = call("POST", "/api/v1/capability/posts", post.dump(), analyst);
      ASSERT_EQ(r.status, 201) << r.body;
    }
  expect_problem(call("GET", "/api/v1/reports/capability", "", partner), 403, "permission-denied");
  EXPECT_FALSE(call("GET", "/api/v1/session", "", partner).j()["reads_capability"].get<bool>());

  json body{{"giver", "MPS"}, {"receiver", "HMRC"}, {"max_classification", "OFFICIAL"}, {"min_scope", "region"},
            {"purpose", "Joint financial investigation"}, {"subjects", {"capability"}}, {"capability_of", {"BTP"}}};
  auto bad = call("POST", "/api/v1/sharing/agreements", body.dump(), admin_token);
  expect_problem(bad, 400, "invalid-argument");
  EXPECT_EQ(bad.j().value("field", ""), "capability_of");
  body["subjects"] = {"staffing"};
  bad = call("POST", "/api/v1/sharing/agreements", body.dump(), admin_token);
  expect_problem(bad, 400, "invalid-argument");
  EXPECT_EQ(bad.j().value("field", ""), "subjects");
  body["subjects"] = {"capability"};
  body["capability_of"] = {"MPS"};
  body["ends_on"] = "2020-01-01";
  body["starts_on"] = "2021-01-01";
  bad = call("POST", "/api/v1/sharing/agreements", body.dump(), admin_token);
  EXPECT_EQ(bad.j().value("field", ""), "ends_on") << bad.body;
  body.erase("ends_on");
  body["starts_on"] = nullptr;
  auto made = call("POST", "/api/v1/sharing/agreements", body.dump(), admin_token);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.j()["subjects"], json::array({"capability"}));
  EXPECT_EQ(made.j()["capability_of"], json::array({"MPS"}));
  EXPECT_TRUE(made.j()["ends_on"].is_null());

  auto r = call("GET", "/api/v1/reports/capability", "", partner);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.j()["staffing"]["agencies"].size(), 1u);
  EXPECT_EQ(r.j()["staffing"]["agencies"][0]["agency"], "MPS");
  EXPECT_EQ(r.j()["staffing"]["agencies"][0]["establishment"], 3);  // BTP's five are in no total
  EXPECT_EQ(call("GET", "/api/v1/capability/fi-items", "", partner).status, 200);
  EXPECT_TRUE(call("GET", "/api/v1/session", "", partner).j()["reads_capability"].get<bool>());

  // Changed to records only: capability closes again at the next request.
  const std::string url = "/api/v1/sharing/agreements/" + std::to_string(made.j()["id"].get<int64_t>());
  auto changed = call("PATCH", url, json{{"version", 1}, {"subjects", {"records"}}, {"capability_of", json::array()}}.dump(), admin_token);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.j()["subjects"], json::array({"records"}));
  expect_problem(call("GET", "/api/v1/reports/capability", "", partner), 403, "permission-denied");
}

}  // namespace
}  // namespace rocta
