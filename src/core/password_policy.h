// Passwords people choose badly: the common and breached-style ones on a list shipped with
// Rocta (data/common-passwords.txt, embedded by app/reference_data). Pure: app/ hands the
// list's text in.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "core/status.h"

namespace rocta {

class CommonPasswords {
 public:
  // One entry a line; blank lines and lines starting with '#' are skipped; case is folded.
  explicit CommonPasswords(std::string_view list_text);
  size_t size() const { return entries_.size(); }

  // Whether `password` is an entry, as typed (case folded), without the digits and symbols
  // at either end ("Summer2024!" is "summer"), or with the usual letter-for-digit swaps
  // undone ("P@ssw0rd" is "password"); and a password of digits and symbols alone.
  bool contains(std::string_view password) const;

 private:
  std::unordered_set<std::string> entries_;
};

// validate_new_password (core/user.h), then: not on the common list, and at least five
// different characters ("aaaaaaaaaaaa", "121212121212" are refused).
Status validate_new_password(std::string_view username, std::string_view password, const CommonPasswords& common);

}  // namespace rocta
