#include "match/field_comparison.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "match/normalise.h"

namespace rocta::match {
namespace {

// Monge–Elkan similarity of the word sets, symmetrised: each word of one side against
// its best partner on the other, averaged both ways. Tolerates a missing locality or a
// typo in one word.
double token_similarity(std::string_view a, std::string_view b) {
  auto words = [](std::string_view s, std::array<std::string_view, 16>& w) {
    std::size_t n = 0;
    while (!s.empty() && n < w.size()) {
      const auto sp = s.find(' ');
      if (sp != 0) w[n++] = s.substr(0, sp);
      if (sp == std::string_view::npos) break;
      s.remove_prefix(sp + 1);
    }
    return n;
  };
  std::array<std::string_view, 16> wa, wb;
  const std::size_t na = words(a, wa), nb = words(b, wb);
  if (na == 0 || nb == 0) return 0.0;
  // Each similarity once; best per row and per column.
  std::array<double, 16> best_a{}, best_b{};
  for (std::size_t i = 0; i < na; ++i)
    for (std::size_t j = 0; j < nb; ++j) {
      const double s = wa[i] == wb[j] ? 1.0 : jaro_winkler(wa[i], wb[j]);
      best_a[i] = std::max(best_a[i], s);
      best_b[j] = std::max(best_b[j], s);
    }
  double sa = 0, sb = 0;
  for (std::size_t i = 0; i < na; ++i) sa += best_a[i];
  for (std::size_t j = 0; j < nb; ++j) sb += best_b[j];
  return (sa / na + sb / nb) / 2;
}

// The digits of the two texts, in order, are the same ("jo.smith86" and "jo.smiht86").
bool same_digits(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && !std::isdigit(static_cast<unsigned char>(a[i]))) ++i;
    while (j < b.size() && !std::isdigit(static_cast<unsigned char>(b[j]))) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i++] != b[j++]) return false;
  }
}

// A name written in the other box, perhaps with a slip ("Mason" as "Msaon").
bool in_other_box(std::string_view name, std::string_view other) {
  return !other.empty() && (name == other || jaro_winkler(name, other) >= 0.92);
}

// Concatenated columns of an address arrive as one value; so do "city" columns.
std::string normalise_text(std::string_view s) { return fold_text(s); }

const std::array<FieldSpec, kRoleCount>& specs() {
  static const std::array<FieldSpec, kRoleCount> all = {{
      {Role::kGivenName, {"missing", "exact", "nickname", "close", "similar", "swapped with surname", "different"}, true, false},
      {Role::kSurname, {"missing", "exact", "close", "similar", "swapped with given name", "different"}, true, false},
      {Role::kFullName, {"missing", "exact", "different"}, false, false},  // never compared: split
      {Role::kDob, {"missing", "exact", "day/month swapped or one digit", "two digits", "within a year", "within ten years", "different"}, false, true},
      {Role::kSex, {"missing", "same", "different"}, false, false},
      {Role::kAddress, {"missing", "exact", "close", "similar", "different"}, true, true},
      {Role::kPostcode, {"missing", "exact", "same sector or one character", "same district", "different"}, true, false},
      {Role::kPhone, {"missing", "exact", "one digit", "different"}, false, true},
      {Role::kEmail, {"missing", "exact", "close", "similar letters, same digits", "different"}, false, true},
      {Role::kBirthplace, {"missing", "exact", "close", "different"}, true, false},
      {Role::kOccupation, {"missing", "exact", "close", "different"}, true, false},
      {Role::kIdNumber, {"missing", "exact", "one character", "different"}, false, true},
  }};
  return all;
}

}  // namespace

const FieldSpec& field_spec(Role role) { return specs()[static_cast<std::size_t>(role)]; }

std::string normalised_value(Role role, std::string_view raw) {
  switch (role) {
    case Role::kGivenName: return normalise_given_name(raw);
    case Role::kSurname: return normalise_surname(raw);
    case Role::kDob: {
      const DateKey d = parse_date(raw);
      return d ? std::to_string(d) : std::string{};
    }
    case Role::kSex: return normalise_sex(raw);
    case Role::kPostcode: return normalise_postcode(raw);
    case Role::kPhone: return normalise_phone(raw);
    case Role::kEmail: return normalise_email(raw);
    case Role::kIdNumber: {
      std::string f = fold_text(raw);
      std::erase(f, ' ');
      return f;
    }
    case Role::kFullName:
    case Role::kAddress:
    case Role::kBirthplace:
    case Role::kOccupation: return normalise_text(raw);
  }
  return {};
}

void PreparedRecord::set_values(const std::array<std::string, kRoleCount>& values) {
  text.clear();
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const std::size_t room = 0xFFFF - text.size();
    text.append(values[i], 0, std::min(room, values[i].size()));
    end_of[i] = static_cast<std::uint16_t>(text.size());
  }
  text.shrink_to_fit();
}

PreparedRecord prepare(const PersonRecord& raw) {
  std::array<std::string, kRoleCount> value;
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const Role r = static_cast<Role>(i);
    if (r == Role::kFullName || raw.fields[i].empty()) continue;
    value[i] = normalised_value(r, raw.fields[i]);
  }
  const std::string full = fold_text(raw[Role::kFullName]);
  if (!full.empty()) {
    const auto first = full.find(' '), last = full.rfind(' ');
    auto& given = value[static_cast<std::size_t>(Role::kGivenName)];
    auto& surname = value[static_cast<std::size_t>(Role::kSurname)];
    if (given.empty()) given = full.substr(0, first);
    if (surname.empty() && last != std::string::npos) surname = normalise_surname(full.substr(last + 1));
  }
  PreparedRecord p;
  p.set_values(value);
  if (const auto& d = value[static_cast<std::size_t>(Role::kDob)]; !d.empty()) p.dob = std::stoi(d);
  auto sound = [](std::string_view name, std::array<char, 4>& out) {
    const std::string s = soundex(name);
    if (s.size() == 4) std::copy(s.begin(), s.end(), out.begin());
  };
  const std::string& given = value[static_cast<std::size_t>(Role::kGivenName)];
  sound(given, p.given_sound);
  sound(value[static_cast<std::size_t>(Role::kSurname)], p.surname_sound);
  p.given_groups = nickname_groups(given);
  p.given_formal = formal_name(given);
  if (p.given_formal.empty() || nickname_groups(given).empty()) p.given_formal = {};  // not in the table
  return p;
}

int compare_field(Role role, const PreparedRecord& a, const PreparedRecord& b) {
  if (!a.has(role) || !b.has(role)) return 0;
  const std::string_view x = a[role];
  const std::string_view y = b[role];
  if (x == y) return 1;
  switch (role) {
    case Role::kGivenName: {
      for (int g : a.given_groups)
        if (std::find(b.given_groups.begin(), b.given_groups.end(), g) != b.given_groups.end()) return 2;
      const double jw = jaro_winkler(x, y);
      if (jw >= 0.92) return 3;
      if (jw >= 0.80 || a.given_soundex() == b.given_soundex()) return 4;
      if (in_other_box(x, b[Role::kSurname]) || in_other_box(y, a[Role::kSurname])) return 5;  // written in the other box
      return 6;
    }
    case Role::kSurname: {
      const double jw = jaro_winkler(x, y);
      if (jw >= 0.92) return 2;
      if (jw >= 0.80 || a.surname_soundex() == b.surname_soundex()) return 3;
      if (in_other_box(x, b[Role::kGivenName]) || in_other_box(y, a[Role::kGivenName])) return 4;
      return 5;
    }
    case Role::kDob: {
      const int edits = digit_edits_up_to_two(x, y);
      if (day_month_swapped(a.dob, b.dob) || edits <= 1) return 2;
      if (edits <= 2) return 3;
      const int days = std::abs(days_between(a.dob, b.dob));
      if (days <= 366) return 4;
      if (days <= 3653) return 5;
      return 6;
    }
    case Role::kSex:
    case Role::kFullName: return 2;
    case Role::kAddress: {
      const double s = token_similarity(x, y);
      if (s >= 0.95) return 2;
      if (s >= 0.85) return 3;
      return 4;
    }
    case Role::kPostcode: {
      if (is_uk_postcode(x) && is_uk_postcode(y)) {
        const auto sx = x.find(' '), sy = y.find(' ');
        if (x.compare(0, sx + 2, y, 0, sy + 2) == 0) return 2;  // outward + sector digit
        if (sx == sy && x.compare(0, sx, y, 0, sy) == 0) return 3;
        return 4;
      }
      return levenshtein(x, y, 1) <= 1 ? 2 : 4;
    }
    case Role::kPhone:
    case Role::kIdNumber: return levenshtein(x, y, 1) <= 1 ? 2 : 3;
    case Role::kEmail: {
      const auto ax = x.find('@'), ay = y.find('@');
      // A long local part at another domain is the same mailbox name ("aw@" is not); one
      // typo is a typo. Similar-looking addresses are not: jo.smith86@ and jo.smith38@
      // are two people.
      if ((ax >= 6 && x.compare(0, ax, y, 0, ay) == 0) || levenshtein(x, y, 1) <= 1) return 2;
      // Slips in the letters, the digits intact: a mistyped address, not another mailbox.
      if (same_digits(x, y) && x.size() >= 8 && jaro_winkler(x, y) >= 0.88) return 3;
      return 4;
    }
    case Role::kBirthplace:
    case Role::kOccupation: return jaro_winkler(x, y) >= 0.92 ? 2 : 3;
  }
  return 0;
}

}  // namespace rocta::match
