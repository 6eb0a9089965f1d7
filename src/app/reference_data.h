// Reference data shipped inside the binary (data/agencies.csv), so that a new database
// needs no file beside the program.
#pragma once

#include <string_view>

namespace rocta {

std::string_view agencies_reference_csv();
// data/common-passwords.txt: passwords refused when set (core/password_policy.h).
std::string_view common_passwords_list();

}  // namespace rocta
