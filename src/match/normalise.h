// Normalisation of the values people write down differently: names in other scripts and
// with accents, nicknames, UK postcodes, phone numbers, dates in several formats.
// Pure functions; thread-safe (each thread keeps its own ICU transliterator).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "match/compare.h"

namespace rocta::match {

// Lower-case ASCII letters, digits and single spaces: "  Zoë  O'Brien-Smith" -> "zoe obrien smith",
// "Дмитрий" -> "dmitrij", "Müller" -> "muller". Apostrophes vanish; other punctuation separates.
std::string fold_text(std::string_view s);
// A surname for comparing: folded, spaces removed ("o brien" and "obrien" are one surname).
std::string normalise_surname(std::string_view s);
// A given name for comparing: folded; only the first name when several are given.
std::string normalise_given_name(std::string_view s);

// The nickname groups a folded given name belongs to (ids into the project's table in
// data/nicknames.csv); empty when the name is in none. "bob" and "robert" share one.
std::span<const int> nickname_groups(std::string_view folded_given_name);
// True when the names are different forms of one name according to the table.
bool nicknames_match(std::string_view a, std::string_view b);
// The formal name a familiar form most often stands for ("bob" -> "robert"); the name
// itself when the table does not know it. Used for blocking, never for deciding.
std::string_view formal_name(std::string_view folded_given_name);

// A UK postcode in its standard form "SW1A 1AA"; other postcodes (non-UK) upper-case
// letters and digits only; empty when there are none.
std::string normalise_postcode(std::string_view s);
// True when the normalised postcode has the UK shape (outward space inward).
bool is_uk_postcode(std::string_view normalised);

// Digits of a phone number in UK national form: "+44 (0)20 7946 0018" -> "02079460018".
std::string normalise_phone(std::string_view s);
// Lower case, trimmed; empty unless it has the shape local@domain.
std::string normalise_email(std::string_view s);
// "m", "male", "f", "female", … -> "m" / "f"; anything else folded as written.
std::string normalise_sex(std::string_view s);

// A date from YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY
// (UK order: day first). 0 when the text is not a real calendar date.
DateKey parse_date(std::string_view s);

}  // namespace rocta::match
