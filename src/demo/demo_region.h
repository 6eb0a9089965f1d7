// A deterministic synthetic London region, with the rest of England and Wales at the size
// of the national picture, so that every screen shows something true and national shares
// can be computed. No real person's data: every name is made up from word lists.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"

namespace rocta::demo {

inline constexpr const char* kDemoPassword = "demo-password-1";

struct DemoLogin {
  std::string username;
  std::string who;  // "BTP analyst", …
};

struct DemoSummary {
  bool loaded_now = false;  // false: the database already held the demo
  int threats = 0, nominals = 0, intelligence = 0, links = 0, disruptions = 0;
  int matches_linked = 0, matches_for_review = 0;  // by the first match run
  std::vector<DemoLogin> logins;
};

// Loads the demo into a database that has no users yet; leaves any other database as it
// is. The same seed gives the same records, byte for byte.
Result<DemoSummary> load_demo_region(App& app, unsigned seed = 2022);

const std::vector<DemoLogin>& demo_logins();

}  // namespace rocta::demo
