// Users and their password hashes.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "core/user.h"
#include "store/page.h"

namespace rocta {

struct UserRecord {
  User user;
  std::string password_hash;
  std::string created_at;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<UserRecord> get(int64_t id) = 0;
  virtual Result<UserRecord> find_by_username(const std::string& username) = 0;
  virtual Result<Page<UserRecord>> list(const std::string& agency /* empty: all */, const PageRequest& page) = 0;
  virtual Result<int64_t> insert(const UserRecord& u) = 0;
  virtual Status update(const User& u) = 0;
  virtual Status set_password_hash(int64_t id, const std::string& hash) = 0;
  virtual Result<int64_t> count() = 0;
};

}  // namespace rocta
