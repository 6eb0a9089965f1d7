// The nickname table (data/nicknames.csv), compiled into the binary.
#pragma once

#include <string_view>

namespace rocta::match {
std::string_view nickname_table_csv();
}
