#include "core/password_policy.h"

#include <set>

#include "core/text.h"
#include "core/user.h"

namespace rocta {
namespace {

bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || c >= 0x80; }

// Without the characters that are not letters at either end.
std::string stem(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && !is_letter(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && !is_letter(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string unswapped(std::string s) {
  for (char& c : s) {
    switch (c) {
      case '0': c = 'o'; break;
      case '1': c = 'i'; break;
      case '!': c = 'i'; break;
      case '3': c = 'e'; break;
      case '4': c = 'a'; break;
      case '@': c = 'a'; break;
      case '5': c = 's'; break;
      case '$': c = 's'; break;
      case '7': c = 't'; break;
      default: break;
    }
  }
  return s;
}

}  // namespace

CommonPasswords::CommonPasswords(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = lower(trim(text.substr(start, end - start)));
    if (!line.empty() && line[0] != '#') entries_.insert(line);
    start = end + 1;
  }
}

bool CommonPasswords::contains(std::string_view password) const {
  const std::string typed = lower(password);
  const std::string s = stem(typed);
  if (s.empty()) return true;  // digits and symbols alone
  for (const std::string& form : {typed, s, unswapped(typed), stem(unswapped(typed)), unswapped(s)})
    if (entries_.count(form)) return true;
  return false;
}

Status validate_new_password(std::string_view username, std::string_view password, const CommonPasswords& common) {
  ROCTA_RETURN_IF_ERROR(validate_new_password(username, password));
  if (std::set<char>(password.begin(), password.end()).size() < 5)
    return invalid("password must use at least five different characters", "password");
  if (common.contains(password))
    return invalid("that password is among the most common (or one of them with digits or symbols added): choose another",
                   "password");
  return Status::ok();
}

}  // namespace rocta
