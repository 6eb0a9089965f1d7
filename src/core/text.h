// Small text rules shared by the domain: case folding for ASCII codes, trimming, dates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rocta {

std::string lower(std::string_view s);
std::string upper(std::string_view s);
std::string trim(std::string_view s);
// The same trimming without a copy: a view into `s`.
std::string_view trimmed(std::string_view s);
// Equal ignoring ASCII case, without folding either into a new string.
bool equals_ci(std::string_view a, std::string_view b);
bool contains_ci(std::string_view haystack, std::string_view needle);
// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view s);
// A record's serial number in its reference, at least six digits: 42 -> "000042".
std::string padded(int64_t n);
// Whether the string is valid UTF-8 with no control characters other than tab and newline.
bool is_clean_text(std::string_view s);

}  // namespace rocta
