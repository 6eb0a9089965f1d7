#include "match/normalise.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "match/nickname_table.h"

namespace rocta::match {
namespace {

// Any script to Latin, then to ASCII (accents dropped), then lower case.
icu::Transliterator* transliterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) prototype.reset();
  });
  if (!prototype) return nullptr;
  // A Transliterator is not safe for concurrent use: one clone per thread.
  thread_local std::unique_ptr<icu::Transliterator> mine(prototype->clone());
  return mine.get();
}

std::string to_ascii(std::string_view s) {
  const bool ascii = std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
  if (ascii) return std::string(s);
  auto* t = transliterator();
  if (!t) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

struct NicknameIndex {
  std::unordered_map<std::string, std::vector<int>> groups;
  std::vector<std::string> formal;  // by group id
};

const NicknameIndex& nickname_index() {
  static const NicknameIndex index = [] {
    NicknameIndex ix;
    std::string_view text = nickname_table_csv();
    while (!text.empty()) {
      const auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (line.empty() || line[0] == '#') continue;
      const int id = static_cast<int>(ix.formal.size());
      bool first = true;
      while (!line.empty()) {
        const auto comma = line.find(',');
        std::string name(line.substr(0, comma));
        line = comma == std::string_view::npos ? std::string_view{} : line.substr(comma + 1);
        if (name.empty()) continue;
        if (first) ix.formal.push_back(name);
        first = false;
        auto& g = ix.groups[name];
        if (std::find(g.begin(), g.end(), id) == g.end()) g.push_back(id);
      }
    }
    return ix;
  }();
  return index;
}

}  // namespace

std::string fold_text(std::string_view s) {
  const std::string ascii = to_ascii(s);
  std::string out;
  out.reserve(ascii.size());
  bool space = false;
  for (unsigned char c : ascii) {
    if (c == '\'' || c == 0x60) continue;  // O'Brien = OBrien
    if (std::isalnum(c)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(c));
    } else {
      space = true;
    }
  }
  return out;
}

std::string normalise_surname(std::string_view s) {
  std::string f = fold_text(s);
  std::erase(f, ' ');
  return f;
}

std::string normalise_given_name(std::string_view s) {
  std::string f = fold_text(s);
  if (auto sp = f.find(' '); sp != std::string::npos) f.resize(sp);
  return f;
}

std::span<const int> nickname_groups(std::string_view name) {
  const auto& ix = nickname_index();
  auto it = ix.groups.find(std::string(name));
  if (it == ix.groups.end()) return {};
  return it->second;
}

bool nicknames_match(std::string_view a, std::string_view b) {
  auto ga = nickname_groups(a), gb = nickname_groups(b);
  for (int x : ga)
    for (int y : gb)
      if (x == y) return true;
  return false;
}

std::string_view formal_name(std::string_view name) {
  auto g = nickname_groups(name);
  if (g.empty()) return name;
  return nickname_index().formal[g.front()];
}

bool is_uk_postcode(std::string_view p) {
  // A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA.
  const auto sp = p.find(' ');
  if (sp == std::string_view::npos || sp < 2 || sp > 4 || p.size() != sp + 4) return false;
  const auto out = p.substr(0, sp), in = p.substr(sp + 1);
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(in[0]) || !alpha(in[1]) || !alpha(in[2])) return false;
  if (!alpha(out[0])) return false;
  std::size_t i = 1;
  if (i < out.size() && alpha(out[i])) ++i;
  if (i >= out.size() || !digit(out[i])) return false;
  ++i;
  if (i < out.size() && (digit(out[i]) || alpha(out[i]))) ++i;
  return i == out.size();
}

std::string normalise_postcode(std::string_view s) {
  std::string compact;
  for (unsigned char c : s)
    if (std::isalnum(c)) compact += static_cast<char>(std::toupper(c));
  if (compact.size() >= 5 && compact.size() <= 7) {
    std::string uk = compact.substr(0, compact.size() - 3) + ' ' + compact.substr(compact.size() - 3);
    if (is_uk_postcode(uk)) return uk;
  }
  return compact;
}

std::string normalise_phone(std::string_view s) {
  std::string d;
  for (unsigned char c : s)
    if (std::isdigit(c)) d += static_cast<char>(c);
  if (d.starts_with("00")) d.erase(0, 2);
  // +44 (0)20 …: the bracketed trunk zero is written but not dialled.
  if (d.starts_with("440") && d.size() == 13) d.erase(0, 3);
  else if (d.starts_with("44") && d.size() == 12) d.erase(0, 2);
  else return d;
  return "0" + d;
}

std::string normalise_email(std::string_view s) {
  std::string e;
  for (unsigned char c : s)
    if (!std::isspace(c)) e += static_cast<char>(std::tolower(c));
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string::npos) return {};
  return e;
}

std::string normalise_sex(std::string_view s) {
  const std::string f = fold_text(s);
  if (f == "m" || f == "male" || f == "man") return "m";
  if (f == "f" || f == "female" || f == "woman") return "f";
  return f;
}

DateKey parse_date(std::string_view s) {
  std::vector<int> parts;
  std::vector<std::size_t> widths;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i]))) {
      const char c = s[i];
      if (c != '-' && c != '/' && c != '.' && c != ' ') return 0;
      ++i;
    }
    std::size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    if (j == i) break;
    int v = 0;
    std::from_chars(s.data() + i, s.data() + j, v);
    parts.push_back(v);
    widths.push_back(j - i);
    i = j;
  }
  int y = 0, m = 0, d = 0;
  if (parts.size() == 1 && widths[0] == 8) {
    y = parts[0] / 10000, m = parts[0] / 100 % 100, d = parts[0] % 100;
  } else if (parts.size() == 3 && widths[0] == 4) {
    y = parts[0], m = parts[1], d = parts[2];
  } else if (parts.size() == 3 && widths[2] == 4) {
    d = parts[0], m = parts[1], y = parts[2];
  } else {
    return 0;
  }
  using namespace std::chrono;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1800 || y > 2200) return 0;
  return y * 10000 + m * 100 + d;
}

}  // namespace rocta::match
