// Holes a review found (issue #18), over a real socket: link removal, compartment grants,
// impossible search dates, a purpose that is not UTF-8, a malformed request in a pipeline.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <chrono>
#include <thread>

#include "api/router.h"
#include "api/server.h"
#include "app/intelligence.h"
#include "app/master_list.h"
#include "store/audit_repository.h"
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
  std::string body;
  json j() const { return json::parse(body, nullptr, false); }
};

class TrustApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mps = t.user("mps.analyst", "MPS", {Role::kAnalyst});
    btp = t.user("btp.analyst", "BTP", {Role::kAnalyst});
    admin = t.user("mps.admin", "MPS", {Role::kAdministrator});
    api = std::make_unique<api::Api>(t.app(), "/nonexistent-web-root");
    server = std::make_unique<api::Server>(*api, api::ServerOptions{"127.0.0.1", 0, 2});
    ASSERT_TRUE(server->start().is_ok());
  }
  void TearDown() override { server->stop(); }

  Reply call(const std::string& method, const std::string& target, const std::string& body = "", const std::string& token = "",
             std::map<std::string, std::string> headers = {}) {
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), server->port()));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    beast::error_code ec;
    http::read(stream, buffer, res, ec);
    if (ec) return {};
    return {res.result_int(), res.body()};
  }
  std::string login(const std::string& user) {
    auto r = call("POST", "/api/v1/session", json{{"username", user}, {"password", "correct-horse-battery"}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.j().value("token", "");
  }

  TestApp t;
  User mps, btp, admin;
  std::unique_ptr<api::Api> api;
  std::unique_ptr<api::Server> server;
};

TEST_F(TrustApiTest, LinksAreRemovedWithAReasonByThoseWhoMayEditAnEnd) {
  const Threat th = t.threat(mps, marking("MPS"));
  const Threat other = t.threat(mps, marking("MPS"), "OCG Other");
  const std::string mps_token = login("mps.analyst"), btp_token = login("btp.analyst");
  const json link{{"from", {{"kind", "threat"}, {"id", other.id}}}, {"to", {{"kind", "threat"}, {"id", th.id}}}, {"relation", "associate"}};
  EXPECT_EQ(call("POST", "/api/v1/links", link.dump(), btp_token).status, 403);  // BTP reads both, edits neither
  auto made = call("POST", "/api/v1/links", link.dump(), mps_token);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/links/" + std::to_string(made.j()["id"].get<int64_t>());
  EXPECT_EQ(call("DELETE", path, "", mps_token).status, 400);  // no reason given
  EXPECT_EQ(call("DELETE", path, "", btp_token, {{"X-Rocta-Purpose", "Looks wrong to me"}}).status, 403);
  EXPECT_EQ(call("DELETE", path, "", mps_token, {{"X-Rocta-Purpose", "Linked in error"}}).status, 204);
  EXPECT_EQ(call("DELETE", path, "", mps_token, {{"X-Rocta-Purpose", "Linked in error"}}).status, 404);
}

TEST_F(TrustApiTest, CompartmentsAreProposedAndApprovedNotSetByAnAdministrator) {
  ASSERT_TRUE(create_unit(t.app(), system_caller(), Unit{0, "MPS", "MPS SIU", UnitKind::kSiu, {}, true, "MPS-SIU"}).is_ok());
  t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  const std::string admin_token = login("mps.admin"), siu_token = login("mps.siu");
  const std::string user_path = "/api/v1/users/" + std::to_string(mps.id);
  EXPECT_EQ(call("PATCH", user_path, json{{"compartments", {"MPS-SIU"}}}.dump(), admin_token).status, 403);
  auto proposed = call("POST", "/api/v1/compartment-grants",
                       json{{"user_id", mps.id}, {"compartment", "MPS-SIU"}, {"reason", "Joins the SIU desk"}}.dump(), admin_token);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_EQ(proposed.j()["status"], "proposed");
  auto queue = call("GET", "/api/v1/compartment-grants", "", siu_token);
  ASSERT_EQ(queue.status, 200);
  ASSERT_EQ(queue.j().size(), 1u);
  const std::string decision = "/api/v1/compartment-grants/" + std::to_string(proposed.j()["id"].get<int64_t>()) + "/decision";
  EXPECT_EQ(call("POST", decision, json{{"approve", true}}.dump(), admin_token).status, 403);
  auto approved = call("POST", decision, json{{"approve", true}, {"note", "Vetted"}}.dump(), siu_token);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.j()["status"], "approved");
  EXPECT_EQ(call("GET", user_path, "", admin_token).j()["compartments"], json::array({"MPS-SIU"}));
}

TEST_F(TrustApiTest, TheSiuRepliesToAnAssessmentsCheckAndModerationWaitsForItOrARecordedReason) {
  ASSERT_TRUE(create_unit(t.app(), system_caller(), Unit{0, "MPS", "MPS SIU", UnitKind::kSiu, {}, true, "MPS-SIU"}).is_ok());
  const User siu = t.user("mps.siu", "MPS", {Role::kSiuOfficer}, Classification::kSecret, {"MPS-SIU"});
  const User assessor = t.user("mps.assessor", "MPS", {Role::kAssessor});
  t.user("mps.moderator", "MPS", {Role::kModerator});
  // A threat whose member is the subject of covert-source material.
  Nominal member;
  member.surname = "Osei";
  member.marking = marking("MPS");
  auto nominal = create_nominal(t.app(), t.as(mps), member);
  ASSERT_TRUE(nominal.is_ok());
  IntelligenceReport chis;
  chis.title = "CHIS: Osei stores firearms";
  chis.body = "Sensitive";
  chis.source_evaluation = 1;
  chis.intelligence_assessment = 'B';
  chis.marking = marking("MPS", SharingScope::kOwnerOnly, Classification::kSecret, "MPS-SIU");
  auto report = submit_intelligence(t.app(), t.as(siu), chis);
  ASSERT_TRUE(report.is_ok()) << report.status().message();
  Link l;
  l.from = {RecordKind::kIntelligence, report->id};
  l.to = {RecordKind::kNominal, nominal->id};
  l.relation = "subject";
  ASSERT_TRUE(link_records(t.app(), t.as(siu), l).is_ok());
  NominationDraft d;
  d.threat.name = "OCG Osei";
  d.threat.marking = marking("MPS");
  d.rationale = "Seen with a firearm twice";
  d.evidence = {{RecordKind::kNominal, nominal->id}};
  auto n = nominate_threat(t.app(), t.as(mps), d);
  ASSERT_TRUE(n.is_ok()) << n.status().message();
  AssessmentDraft factors{{{3, 3, 1, 3, 0}, "regional", "high", "highly likely", {2, 1, 3}, Confidence::kMedium}, AssessmentType::kTactical, "Scored from the nomination's evidence"};
  auto a = assess_threat(t.app(), t.as(assessor), n->threat.id, factors);
  ASSERT_TRUE(a.is_ok() && a->siu_signal);

  const std::string siu_token = login("mps.siu"), moderator = login("mps.moderator"), analyst = login("mps.analyst");
  const std::string base = "/api/v1/assessments/" + std::to_string(a->id);
  auto early = call("POST", base + "/moderation", json{{"approve", true}}.dump(), moderator);
  EXPECT_EQ(early.status, 412) << early.body;
  EXPECT_EQ(early.j()["field"], "without_siu_reply");
  const json reply{{"compartment", "MPS-SIU"}, {"advice", "advise re-score"}, {"note", "firearms access higher"}};
  EXPECT_EQ(call("POST", base + "/siu-reply", reply.dump(), analyst).status, 403);
  EXPECT_EQ(call("POST", base + "/siu-reply", json{{"compartment", "MPS-SIU"}, {"advice", "maybe"}}.dump(), siu_token).status, 400);
  EXPECT_EQ(call("POST", base + "/siu-reply", json{{"compartment", "MPS-SIU"}, {"advice", "no trace"}, {"extra", 1}}.dump(), siu_token).status, 400);
  auto sent = call("POST", base + "/siu-reply", reply.dump(), siu_token);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.j()["note"], "firearms access higher");
  EXPECT_EQ(call("POST", base + "/siu-reply", reply.dump(), siu_token).status, 409);
  auto seen = call("GET", base + "/siu-check", "", moderator);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.j()["answered"], true);
  EXPECT_EQ(seen.j()["replies"][0]["advice"], "advise re-score");
  EXPECT_EQ(seen.body.find("firearms"), std::string::npos) << seen.body;
  EXPECT_EQ(call("GET", base + "/siu-check", "", siu_token).j()["replies"][0]["note"], "firearms access higher");
  auto approved = call("POST", base + "/moderation", json{{"approve", true}, {"note", "re-score noted"}}.dump(), moderator);
  EXPECT_EQ(approved.status, 200) << approved.body;
  auto figures = call("GET", "/api/v1/reports/siu-consultation?from=2026-01-01&to=2026-12-31", "", analyst);
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.j()["by_agency"]["MPS"]["answered"], 1);
  EXPECT_EQ(call("GET", "/api/v1/reports/siu-consultation?from=2026-13-01&to=2026-12-31", "", analyst).status, 400);
}

TEST_F(TrustApiTest, SearchWithAnImpossibleDateIs400) {
  const std::string token = login("mps.analyst");
  for (const char* q : {"from=2026-13-45", "to=2026-02-30", "from=2026-00-10", "from=2026-06-02&to=2026-06-01"}) {
    auto r = call("GET", std::string("/api/v1/search?q=heron&") + q, "", token);
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
  }
  EXPECT_EQ(call("GET", "/api/v1/search?q=heron&from=2024-02-29&to=2026-06-01", "", token).status, 200);
}

TEST_F(TrustApiTest, APurposeThatIsNotUtf8Is400AndNothingIsStored) {
  const Threat th = t.threat(mps, marking("MPS"));
  const std::string token = login("mps.analyst");
  const std::string path = "/api/v1/threats/" + std::to_string(th.id);
  int64_t events_before = 0;
  {
    auto tx = t.store().begin(TxMode::kRead);
    events_before = (*(*tx)->audit().last())->seq;
  }
  for (const std::string bad : {std::string("Case \xED\xA0\x80 review"), std::string("Overlong \xE0\x80\xAF slash"),
                                std::string("Beyond \xF4\x90\x80\x80 unicode"), std::string("Lone \x80 byte")})
    EXPECT_EQ(call("GET", path, "", token, {{"X-Rocta-Purpose", bad}}).status, 400) << bad;
  auto tx = t.store().begin(TxMode::kRead);
  EXPECT_EQ((*(*tx)->audit().last())->seq, events_before);
  EXPECT_EQ(call("GET", path, "", token, {{"X-Rocta-Purpose", "Case review \xC3\xA9t\xC3\xA9"}}).status, 200);
}

TEST_F(TrustApiTest, AMalformedRequestInAPipelineIsAnswered400BeforeTheClose) {
  boost::asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), server->port()));
  // Large answers first, read late, so that the answers (the 400 last) still sit in the
  // server's send buffer when it closes; then the malformed request; then more of the
  // pipeline that the server will not read. Closing a socket with unread input resets the
  // connection and drops what was not yet delivered: the 400 would be lost with it.
  constexpr int kLarge = 60;
  std::string pipeline;
  for (int i = 0; i < kLarge; ++i) pipeline += "GET /api/v1/openapi.json HTTP/1.1\r\nHost: a\r\n\r\n";
  pipeline += "GET /healthz HTTP/1.1\r\nHost a\r\n\r\n";
  for (int i = 0; i < 4000; ++i) pipeline += "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Padding: " + std::string(200, 'p') + "\r\n\r\n";
  // The server stops reading while its answers wait: the writer must not block the reader.
  std::thread writer([&] {
    beast::error_code ec;
    boost::asio::write(s, boost::asio::buffer(pipeline), ec);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::string got;
  std::array<char, 4096> buf{};
  beast::error_code ec;
  for (;;) {
    const size_t n = s.read_some(boost::asio::buffer(buf), ec);
    got.append(buf.data(), n);
    if (ec) break;
    // A slow reader: the server's answers queue in its send buffer, as they would for a
    // client far away, and are still queued when it closes after the 400.
    std::this_thread::sleep_for(std::chrono::microseconds(300));
  }
  writer.join();
  size_t oks = 0;
  for (size_t at = got.find("HTTP/1.1 200"); at != std::string::npos; at = got.find("HTTP/1.1 200", at + 1)) ++oks;
  EXPECT_EQ(oks, static_cast<size_t>(kLarge)) << "the connection ended with: " << ec.message();
  EXPECT_NE(got.find("HTTP/1.1 400"), std::string::npos) << "the connection ended with: " << ec.message();
  EXPECT_EQ(ec, boost::asio::error::eof) << "a reset, not an orderly close: " << ec.message();
}

}  // namespace
}  // namespace rocta
