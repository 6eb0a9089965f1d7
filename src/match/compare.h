// String and date comparators for record linkage. Pure functions over normalised values.
#pragma once

#include <string>
#include <string_view>

namespace rocta::match {

// Jaro-Winkler similarity in [0, 1]; 1 for equal strings, 0 when either is empty.
double jaro_winkler(std::string_view a, std::string_view b);
// Edit distance (insert, delete, substitute), stopping early: returns max_distance + 1
// as soon as the distance is known to exceed max_distance.
int levenshtein(std::string_view a, std::string_view b, int max_distance = 1 << 20);
// levenshtein(a, b, 2) for digit strings (dates as YYYYMMDD, phone numbers): the same
// answer, without the table for the many pairs of equal length that differ in three or more
// places and whose digits cannot be rearranged by one deletion and one insertion.
int digit_edits_up_to_two(std::string_view a, std::string_view b);
// American Soundex of the letters of s ("robert" -> "R163"); empty when s has no letters.
std::string soundex(std::string_view s);

// A calendar date as yyyymmdd (19710624); 0 means none.
using DateKey = int;
// Days from a to b (b - a). REQUIRES: both valid dates.
int days_between(DateKey a, DateKey b);
// True when a is b with day and month exchanged (24/06 vs 06/24 read the other way).
bool day_month_swapped(DateKey a, DateKey b);

}  // namespace rocta::match
