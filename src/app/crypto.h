// The cryptography app/ needs: SHA-256, random tokens, Argon2id password hashes.
#pragma once

#include <string>
#include <string_view>

#include "app/app.h"
#include "core/status.h"

namespace rocta {

std::string sha256_hex(std::string_view data);

// SHA-256 of data that arrives in pieces (a file being streamed).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex();  // once, at the end

 private:
  void* ctx_;
};
// 32 random bytes, hex: a bearer token.
std::string random_token();
Result<std::string> hash_password(std::string_view password, const PasswordCost& cost);
bool verify_password(std::string_view password, const std::string& hash);

}  // namespace rocta
