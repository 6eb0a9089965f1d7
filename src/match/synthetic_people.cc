#include "match/synthetic_people.h"

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace rocta::match {
namespace {

constexpr std::array<std::string_view, 96> kGiven = {
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
    "Christopher", "Daniel", "Matthew", "Anthony", "Andrew", "Peter", "Stephen", "Edward", "Benjamin", "Samuel",
    "Oliver", "Harry", "George", "Jacob", "Alexander", "Nicholas", "Patrick", "Timothy", "Jonathan", "Frederick",
    "Leonard", "Vincent", "Gregory", "Kenneth", "Ronald", "Donald", "Philip", "Walter", "Zachary", "Alfred",
    "Mohammed", "Ahmed", "Ali", "Omar", "Yusuf", "Ibrahim", "Hassan", "Tariq", "Kwame", "Chidi",
    "Tomasz", "Piotr", "Andrei", "Dmitri", "Luca", "Marco", "Rajesh", "Arjun", "Sanjay", "Wei",
    "Mary", "Patricia", "Jennifer", "Elizabeth", "Susan", "Margaret", "Sarah", "Catherine", "Rebecca", "Victoria",
    "Emily", "Charlotte", "Abigail", "Samantha", "Deborah", "Dorothy", "Barbara", "Helen", "Isabel", "Frances",
    "Amira", "Fatima", "Aisha", "Zainab", "Priya", "Anjali", "Ngozi", "Chiamaka", "Agnieszka", "Olga",
    "Zoë", "Chloé", "Siobhán", "Niamh", "Ana", "Lucía"};
constexpr std::array<std::string_view, 48> kSurnameCommon = {
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
    "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
    "Khan", "Ahmed", "Ali", "Singh", "O'Brien", "Nowak", "Kowalski", "Müller"};
constexpr std::array<std::string_view, 40> kSyllable = {
    "ab", "ber", "cal", "dun", "el", "far", "gan", "hol", "ing", "jen", "kel", "lam", "mor", "nel",
    "os", "pen", "quin", "ros", "sel", "tam", "ul", "ven", "wil", "yar", "zen", "ash", "bro", "cre",
    "dal", "ford", "ley", "ton", "by", "ham", "well", "wick", "den", "mar", "rid", "son"};
constexpr std::array<std::string_view, 8> kStreetKind = {"Street", "Road", "Lane", "Avenue", "Close", "Way", "Gardens", "Court"};
constexpr std::array<std::string_view, 16> kArea = {"E", "N", "SE", "SW", "W", "NW", "EC", "B", "M", "LS", "L", "BS", "NG", "CR", "BR", "HA"};
constexpr std::string_view kLetters = "ABDEFGHJLNPQRSTUWXYZ";  // inward letters of a postcode

class Maker {
 public:
  Maker(std::uint64_t seed, const SyntheticErrors& e) : rng_(seed), e_(e) {}

  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  // Half the time one of the first fifth: popular names are a few times commoner.
  std::size_t pick_skewed(std::size_t n) { return chance(0.5) ? pick(std::max<std::size_t>(1, n / 5)) : pick(n); }
  std::string digits(int count) {
    std::string s;
    for (int i = 0; i < count; ++i) s += static_cast<char>('0' + pick(10));
    return s;
  }
  std::string coined(int syllables) {
    std::string s;
    for (int i = 0; i < syllables; ++i) s += kSyllable[pick(kSyllable.size())];
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
  }
  // A third from the common list (about 1% each, as Smith is), the rest from a long tail.
  std::string surname() { return chance(0.3) ? std::string(kSurnameCommon[pick_skewed(kSurnameCommon.size())]) : coined(2 + pick(2)); }
  std::string given() { return std::string(kGiven[pick_skewed(kGiven.size())]); }
  std::string dob() {
    const int y = 1940 + static_cast<int>(pick(66)), m = 1 + static_cast<int>(pick(12)), d = 1 + static_cast<int>(pick(28));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  std::string address() { return std::to_string(1 + pick(200)) + " " + coined(2) + " " + std::string(kStreetKind[pick(kStreetKind.size())]); }
  std::string postcode() {
    std::string p = std::string(kArea[pick(kArea.size())]) + std::to_string(1 + pick(20)) + " " + std::to_string(pick(10));
    p += kLetters[pick(kLetters.size())];
    p += kLetters[pick(kLetters.size())];
    return p;
  }
  std::string phone() { return "07" + digits(3) + " " + digits(6); }

  // One typing slip on a character (not a byte: "Siobhán" never loses half of its "á").
  std::string typo(const std::string& s) {
    std::vector<std::string> chars;  // UTF-8 sequences
    for (std::size_t i = 0; i < s.size();) {
      std::size_t n = 1;
      while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
      chars.push_back(s.substr(i, n));
      i += n;
    }
    if (chars.size() < 3) return s;
    const std::size_t i = 1 + pick(chars.size() - 2);
    switch (pick(4)) {
      case 0: chars[i] = std::string(1, static_cast<char>('a' + pick(26))); break;
      case 1: chars.erase(chars.begin() + static_cast<std::ptrdiff_t>(i)); break;
      case 2: chars.insert(chars.begin() + static_cast<std::ptrdiff_t>(i), std::string(1, static_cast<char>('a' + pick(26)))); break;
      default: std::swap(chars[i], chars[i - 1]);
    }
    std::string out;
    for (const auto& c : chars) out += c;
    return out;
  }
  std::string nickname(const std::string& given) {
    static const std::array<std::pair<std::string_view, std::string_view>, 14> kFamiliar = {{
        {"James", "Jim"}, {"Robert", "Bob"}, {"William", "Bill"}, {"Michael", "Mike"}, {"Richard", "Dick"},
        {"Thomas", "Tom"}, {"Elizabeth", "Liz"}, {"Margaret", "Peggy"}, {"Catherine", "Kate"},
        {"Christopher", "Chris"}, {"Daniel", "Danny"}, {"Anthony", "Tony"}, {"Samuel", "Sam"}, {"Rebecca", "Becky"}}};
    for (const auto& [formal, familiar] : kFamiliar)
      if (given == formal) return std::string(familiar);
    return given;
  }

  PersonRecord copy_of(const PersonRecord& truth, bool first) {
    PersonRecord r = truth;
    if (first) return r;
    auto& given = r[Role::kGivenName];
    auto& surname = r[Role::kSurname];
    if (chance(e_.nickname)) given = nickname(given);
    if (chance(e_.typo)) given = typo(given);
    if (chance(e_.typo)) surname = typo(surname);
    auto& dob = r[Role::kDob];
    if (chance(e_.day_month_swapped) && dob.size() == 10 && dob.substr(8, 2) <= "12")
      dob = dob.substr(0, 5) + dob.substr(8, 2) + "-" + dob.substr(5, 2);
    else if (chance(e_.dob_typo))
      dob[2 + pick(2)] = static_cast<char>('0' + pick(10));  // decade or year digit: still a date
    if (chance(e_.moved_house)) {
      r[Role::kAddress] = address();
      r[Role::kPostcode] = postcode();
      if (chance(0.5)) r[Role::kPhone] = phone();
    }
    for (Role role : {Role::kGivenName, Role::kDob, Role::kSex, Role::kAddress, Role::kPostcode, Role::kPhone, Role::kEmail})
      if (chance(e_.missing)) r[role].clear();
    return r;
  }

  PersonRecord person() {
    PersonRecord p;
    p[Role::kGivenName] = given();
    p[Role::kSurname] = surname();
    p[Role::kDob] = chance(e_.placeholder_dob) ? "1900-01-01" : dob();
    p[Role::kSex] = pick(2) ? "M" : "F";
    if (chance(e_.hostel)) {
      p[Role::kAddress] = "Salvation Army Hostel 12 Booth Street";
      p[Role::kPostcode] = "E1 6AA";
    } else {
      p[Role::kAddress] = address();
      p[Role::kPostcode] = postcode();
    }
    p[Role::kPhone] = phone();
    std::string local;
    for (char c : p[Role::kGivenName] + "." + p[Role::kSurname])
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '.') local += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p[Role::kEmail] = local + digits(2) + "@example.net";
    return p;
  }

 private:
  std::mt19937_64 rng_;
  SyntheticErrors e_;
};

}  // namespace

std::vector<SyntheticRecord> synthetic_people(std::size_t records, std::uint64_t seed, const SyntheticErrors& errors) {
  Maker make(seed, errors);
  std::vector<SyntheticRecord> out;
  out.reserve(records);
  for (std::uint32_t person = 0; out.size() < records; ++person) {
    const PersonRecord truth = make.person();
    // Half recorded once; the rest two to five times.
    const std::size_t copies = make.chance(0.5) ? 1 : 2 + make.pick(4);
    for (std::size_t c = 0; c < copies && out.size() < records; ++c) out.push_back({make.copy_of(truth, c == 0), person});
  }
  return out;
}

}  // namespace rocta::match
