// Reference data shipped inside the binary (data/agencies.csv), so that a new database
// needs no file beside the program.
#pragma once

#include <string_view>

namespace rocta {

std::string_view agencies_reference_csv();

}  // namespace rocta
