#include "support/test_app.h"

#include <gtest/gtest.h>

namespace rocta::testing {

TestApp::TestApp() : db_(scratch_database()) {
  auto store = open_store(db_->url());
  if (!store.is_ok()) throw std::runtime_error(store.status().message());
  store_ = std::move(store).value();
  app_.reset(new App(*store_, clock_));
  app_->password_cost = PasswordCost::minimal();
  auto s = ensure_reference_data(*app_);
  if (!s.is_ok()) throw std::runtime_error(s.message());
}

int64_t TestApp::unit(const std::string& agency, const std::string& name, UnitKind kind) {
  auto units = list_units(*app_, system_caller(), agency);
  EXPECT_TRUE(units.is_ok());
  for (const auto& u : *units)
    if (u.name == name) return u.id;
  auto created = create_unit(*app_, system_caller(), Unit{0, agency, name, kind, {}, true});
  EXPECT_TRUE(created.is_ok()) << created.status().message();
  return created->id;
}

User TestApp::user(const std::string& username, const std::string& agency, std::vector<Role> roles, Classification clearance,
                   std::vector<std::string> compartments) {
  NewUser n;
  n.user.username = username;
  n.user.display_name = username;
  n.user.unit_id = unit(agency);
  n.user.roles = std::move(roles);
  n.user.clearance = clearance;
  n.user.compartments = std::move(compartments);
  n.password = "correct-horse-battery";
  auto created = create_user(*app_, system_caller(), n);
  if (!created.is_ok()) throw std::runtime_error("cannot create test user " + username + ": " + created.status().message());
  return *created;
}

Caller TestApp::as(const User& u, std::string purpose) const {
  Caller c;
  c.user = u;
  c.origin = "test";
  c.purpose = std::move(purpose);
  return c;
}

Threat TestApp::threat(const User& owner, Marking m, const std::string& name) {
  Threat t;
  t.name = name;
  t.primary_crime_type = "Drug supply";
  t.marking = std::move(m);
  auto created = create_threat(*app_, as(owner), t);
  if (!created.is_ok()) throw std::runtime_error("cannot create test threat: " + created.status().message());
  return *created;
}

Marking marking(const std::string& owner, SharingScope scope, Classification c, std::string compartment,
                std::vector<std::string> shared_with, bool sensitive) {
  Marking m;
  m.owning_agency = owner;
  m.scope = scope;
  m.classification = c;
  m.compartment = std::move(compartment);
  m.shared_with = std::move(shared_with);
  m.sensitive = sensitive;
  return m;
}

}  // namespace rocta::testing
