// The SCPO routes over a real socket: problem+json for bad input (an order longer than five
// years, a check dated before the order), 404 for an order the reader may not see, the
// figures, and every route in the OpenAPI description.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/router.h"
#include "api/server.h"
#include "app/admin.h"
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
  json body;
};

class ScpoApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int64_t team = t.unit("MPS", "SCPO Monitoring Team", UnitKind::kScpoMonitoring);
    bcu = t.unit("MPS", "Central East BCU", UnitKind::kBcu);
    NewUser n;
    n.user.username = "mps.scpo";
    n.user.display_name = "PC Sol Carter";
    n.user.unit_id = team;
    n.user.roles = {Role::kScpoOfficer};
    n.password = "correct-horse-battery";
    ASSERT_TRUE(create_user(t.app(), system_caller(), n).is_ok());
    User analyst = t.user("mps.analyst", "MPS", {Role::kAnalyst});
    t.user("hmrc.partner", "HMRC", {Role::kPartner}, Classification::kOfficial);
    Nominal s;
    s.given_names = "Dean";
    s.surname = "Harper";
    s.marking = marking("MPS", SharingScope::kRegion);
    subject = create_nominal(t.app(), t.as(analyst), s)->id;
    api = std::make_unique<api::Api>(t.app(), "/nonexistent-web-root");
    server = std::make_unique<api::Server>(*api, api::ServerOptions{"127.0.0.1", 0, 2});
    ASSERT_TRUE(server->start().is_ok());
    officer = login("mps.scpo");
    partner = login("hmrc.partner");
  }
  void TearDown() override { server->stop(); }

  Reply call(const std::string& method, const std::string& target, const json& body = nullptr, const std::string& token = "") {
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), server->port()));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.is_null()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body.dump();
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return {res.result_int(), std::string(res[http::field::content_type]), json::parse(res.body(), nullptr, false)};
  }
  std::string login(const std::string& user) {
    auto r = call("POST", "/api/v1/session", {{"username", user}, {"password", "correct-horse-battery"}});
    EXPECT_EQ(r.status, 201);
    return r.body.value("token", "");
  }
  json order_body(const std::string& ends_on) {
    return {{"nominal_id", subject}, {"bcu_unit_id", bcu},        {"court", "Southwark Crown Court"},
            {"made_on", "2026-01-05"}, {"ends_on", ends_on},
            {"conditions", {{{"kind", "travel"}, {"detail", "Seven days' notice of travel abroad"}}}}};
  }

  TestApp t;
  int64_t bcu = 0, subject = 0;
  std::unique_ptr<api::Api> api;
  std::unique_ptr<api::Server> server;
  std::string officer, partner;
};

TEST_F(ScpoApiTest, BadInputIsProblemJsonWithAClearMessage) {
  auto too_long = call("POST", "/api/v1/scpo/orders", order_body("2031-06-01"), officer);
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.content_type, "application/problem+json");
  EXPECT_NE(too_long.body.value("detail", "").find("at most five years"), std::string::npos) << too_long.body.dump();

  auto made = call("POST", "/api/v1/scpo/orders", order_body("2030-01-04"), officer);
  ASSERT_EQ(made.status, 201) << made.body.dump();
  const std::string id = std::to_string(made.body["id"].get<int64_t>());
  EXPECT_EQ(made.body["starts_on"], "2026-01-05");

  auto early = call("POST", "/api/v1/scpo/orders/" + id + "/checks", {{"kind", "visit"}, {"due_on", "2025-12-01"}}, officer);
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(early.content_type, "application/problem+json");
  EXPECT_NE(early.body.value("detail", "").find("before the order was made"), std::string::npos) << early.body.dump();

  auto unknown = call("POST", "/api/v1/scpo/orders/" + id + "/breaches",
                      {{"occurred_on", "2026-03-01"}, {"condition", "curfew"}, {"evidence", "x"}}, officer);
  EXPECT_EQ(unknown.status, 400);
  auto misspelt = call("POST", "/api/v1/scpo/orders/" + id + "/checks/done", {{"done", "2026-03-01"}}, officer);
  EXPECT_EQ(misspelt.status, 400);

  auto check = call("POST", "/api/v1/scpo/orders/" + id + "/checks/done",
                    {{"kind", "visit"}, {"done_on", "2026-03-01"}, {"outcome", "compliant"}}, officer);
  EXPECT_EQ(check.status, 201) << check.body.dump();
  auto breach = call("POST", "/api/v1/scpo/orders/" + id + "/breaches",
                     {{"occurred_on", "2026-03-02"}, {"condition", "travel"}, {"evidence", "Border Force record"}, {"arrested", true}},
                     officer);
  EXPECT_EQ(breach.status, 201) << breach.body.dump();

  auto view = call("GET", "/api/v1/scpo/orders/" + id, nullptr, officer);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.body["checks"].size(), 1u);
  EXPECT_EQ(view.body["breaches"].size(), 1u);
  auto figures = call("GET", "/api/v1/reports/scpo?from=2026-01-01&to=2026-06-30", nullptr, officer);
  ASSERT_EQ(figures.status, 200) << figures.body.dump();
  EXPECT_EQ(figures.body["total"]["breaches"], 1);
  EXPECT_EQ(figures.body["total"]["arrests"], 1);
  EXPECT_EQ(call("GET", "/api/v1/reports/scpo?from=2026-01-01", nullptr, officer).status, 400);

  // A partner sees none of it.
  EXPECT_EQ(call("GET", "/api/v1/scpo/orders/" + id, nullptr, partner).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/scpo/queue", nullptr, partner).status, 403);
  auto subject_orders = call("GET", "/api/v1/nominals/" + std::to_string(subject) + "/scpo", nullptr, officer);
  ASSERT_EQ(subject_orders.status, 200);
  EXPECT_EQ(subject_orders.body["items"].size(), 1u);
}

TEST_F(ScpoApiTest, EveryScpoRouteIsInTheOpenApiDescription) {
  auto doc = call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  for (const char* path : {"/api/v1/scpo/queue", "/api/v1/scpo/orders", "/api/v1/scpo/orders/{id}", "/api/v1/scpo/orders/{id}/variations",
                           "/api/v1/scpo/orders/{id}/checks", "/api/v1/scpo/orders/{id}/checks/done",
                           "/api/v1/scpo/orders/{id}/breaches", "/api/v1/scpo/orders/{id}/support", "/api/v1/nominals/{id}/scpo",
                           "/api/v1/reports/scpo"})
    EXPECT_TRUE(doc.body["paths"].contains(path)) << path;
  for (const char* schema : {"ScpoOrder", "ScpoOrderDraft", "ScpoQueue", "ScpoFigures", "ScpoBreachDraft"})
    EXPECT_TRUE(doc.body["components"]["schemas"].contains(schema)) << schema;
}

}  // namespace
}  // namespace rocta
