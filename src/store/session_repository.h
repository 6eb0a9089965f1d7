// Sessions: the SHA-256 of each bearer token, never the token.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace rocta {

struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  std::string origin;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status insert(const SessionRecord& s) = 0;
  virtual Result<SessionRecord> find(const std::string& token_hash) = 0;
  virtual Status remove(const std::string& token_hash) = 0;
  virtual Status remove_for_user(int64_t user_id) = 0;
  virtual Status remove_expired(int64_t now_ms) = 0;
};

}  // namespace rocta
