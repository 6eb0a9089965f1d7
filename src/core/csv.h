// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. Pure text in, rows out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rocta {

using CsvRow = std::vector<std::string>;

// Whole text at once; an unterminated quote is an error naming the line it started on.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);
// One field, quoted when it needs to be.
std::string csv_field(std::string_view value);

}  // namespace rocta
