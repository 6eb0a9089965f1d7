#include "match/compare.h"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdlib>
#include <vector>

namespace rocta::match {

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > b.size()) std::swap(a, b);
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  const int window = std::max(0, lb / 2 - 1);
  // Names and addresses are short: a stack buffer avoids allocation on the hot path.
  char stack[256];
  std::vector<char> heap;
  char* flags = stack;
  if (la + lb > static_cast<int>(sizeof stack)) {
    heap.resize(la + lb);
    flags = heap.data();
  }
  std::fill(flags, flags + la + lb, 0);
  char* ma = flags;
  char* mb = flags + la;
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    const int lo = std::max(0, i - window), hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, j = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  const double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

int levenshtein(std::string_view a, std::string_view b, int max_distance) {
  if (a.size() > b.size()) std::swap(a, b);
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (lb - la > max_distance) return max_distance + 1;
  if (max_distance <= 1) {  // the common question, "one typo?", in one pass
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (i == a.size()) return lb - la;
    if (max_distance == 0) return 1;
    const bool one = la == lb ? a.substr(i + 1) == b.substr(i + 1) : a.substr(i) == b.substr(i + 1);
    return one ? 1 : 2;
  }
  // Short values (dates, names) on the stack: this runs for millions of pairs.
  int stack[2][64];
  std::vector<int> heap;
  int* prev = stack[0];
  int* cur = stack[1];
  if (la + 1 > 64) {
    heap.resize(2 * static_cast<std::size_t>(la + 1));
    prev = heap.data();
    cur = heap.data() + la + 1;
  }
  for (int i = 0; i <= la; ++i) prev[i] = i;
  for (int j = 1; j <= lb; ++j) {
    cur[0] = j;
    int row_min = cur[0];
    for (int i = 1; i <= la; ++i) {
      const int sub = prev[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[i] = std::min({sub, prev[i] + 1, cur[i - 1] + 1});
      row_min = std::min(row_min, cur[i]);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[la], max_distance + 1);
}

int digit_edits_up_to_two(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return levenshtein(a, b, 2);
  int differ = 0;
  int count[10] = {};
  for (std::size_t i = 0; i < a.size(); ++i) {
    const unsigned x = static_cast<unsigned char>(a[i]) - '0', y = static_cast<unsigned char>(b[i]) - '0';
    if (x > 9 || y > 9) return levenshtein(a, b, 2);
    differ += x != y;
    ++count[x];
    --count[y];
  }
  // Equal lengths: one edit is one substitution, two are two substitutions or a deletion
  // with an insertion, and the latter changes the counts of the digits by two at most.
  if (differ <= 2) return differ;
  int moved = 0;
  for (int c : count) moved += std::abs(c);
  return moved > 2 ? 3 : levenshtein(a, b, 2);
}

std::string soundex(std::string_view s) {
  // Letter classes a..z; '0' = vowel-like (separates repeats), '-' = h/w (does not).
  static constexpr char kCode[] = "01230120022455012623010202";
  std::string out;
  char last = 0;
  for (unsigned char ch : s) {
    if (!std::isalpha(ch)) continue;
    const char c = static_cast<char>(std::tolower(ch));
    const char code = (c == 'h' || c == 'w') ? '-' : kCode[c - 'a'];
    if (out.empty()) {
      out += static_cast<char>(std::toupper(c));
      last = code;
      continue;
    }
    if (code == '-') continue;
    if (code != '0' && code != last) out += code;
    last = code;
    if (out.size() == 4) break;
  }
  if (!out.empty()) out.resize(4, '0');
  return out;
}

namespace {
std::chrono::sys_days to_days(DateKey d) {
  using namespace std::chrono;
  return sys_days(year(d / 10000) / month(static_cast<unsigned>(d / 100 % 100)) / day(static_cast<unsigned>(d % 100)));
}
}  // namespace

int days_between(DateKey a, DateKey b) { return static_cast<int>((to_days(b) - to_days(a)).count()); }

bool day_month_swapped(DateKey a, DateKey b) {
  return a != b && a / 10000 == b / 10000 && a / 100 % 100 == b % 100 && a % 100 == b / 100 % 100;
}

}  // namespace rocta::match
