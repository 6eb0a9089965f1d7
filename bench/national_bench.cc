// The national-size store as an analyst sees it: generates threats, nominals and
// intelligence reports of every force (4,000, 1,000,000 and 2,000,000 at --scale 1), loads
// them into a new store in one write transaction through the repositories' bulk path, then
// times the threat list's first page and full-text searches of threats, nominals and
// intelligence as an analyst of one force, through app/ (the policy predicate is inside
// each query).
//
//   national_bench --db FILE|postgresql://… [--phase all|load|query] [--scale 0.01] [--queries 200] [--seed 1]
//                  [--analyze yes|no]
//
// --phase load stops after loading, --phase query times an already loaded store. The load
// goes through the repositories' bulk path (insert_many) in one write transaction and ends
// with Store::analyze() (fresh planner statistics) unless --analyze no.
//
// Prints "load KIND ROWS SECONDS" and "query NAME P50_MS P99_MS MEAN_MATCHES" lines for
// bench/national.sh. The text is drawn from a vocabulary with Zipf frequencies (the word of
// rank r about 1/r as often as the commonest; function words first, never searched for), so
// that a search matches a realistic share. The terms searched for are drawn the same way.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "app/admin.h"
#include "app/records.h"
#include "bench_support.h"
#include "match/synthetic_people.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The words nobody searches for head the vocabulary, as in any English text.
const std::vector<std::string> kFunctionWords{
    "the", "and", "a", "to", "of", "at", "in", "was", "is", "with", "he", "she", "they", "on", "by", "for", "from",
    "his", "her", "their", "has", "have", "been", "who", "which", "that", "this", "an", "as", "are", "it", "not",
    "also", "into", "out", "up", "there", "when", "where", "them"};

// Words of intelligence reports, commonest first: the Zipf draw makes the first ones
// appear in a large share of reports and the last ones in a handful. The searchable words
// start after kFunctionWords.
const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> w = kFunctionWords;
    w.insert(w.end(), {
        "seen", "address", "vehicle", "male", "female", "known", "associate", "drugs", "cash", "phone", "street",
        "believed", "regularly", "using", "car", "flat", "night", "supplying", "cocaine", "heroin", "cannabis",
        "meeting", "station", "line", "deal", "group", "money", "house", "visits", "youths", "runner", "estate",
        "park", "bag", "premises", "delivery", "courier", "weapon", "knife", "firearm", "threats", "debt", "storage",
        "garage", "unit", "van", "taxi", "train", "platform", "county", "lines", "exploited", "child", "vulnerable",
        "cuckooing", "mobile", "burner", "sim", "handset", "account", "transfer", "bank", "crypto", "wallet",
        "laundering", "invoice", "shell", "company", "director", "import", "container", "port", "freight", "lorry",
        "trailer", "border", "airport", "parcel", "post", "stolen", "catalytic", "converters", "scrap", "metal",
        "plant", "machinery", "tractor", "quad", "burglary", "robbery", "shop", "jewellery", "watches", "moped",
        "scooter", "helmet", "balaclava", "gloves", "cctv", "anpr", "registration", "plates", "cloned", "hire",
        "rental", "hotel", "airbnb", "brothel", "massage", "parlour", "workers", "passports", "documents", "forged",
        "identity", "fraud", "pension", "elderly", "rogue", "traders", "roofing", "driveway", "romance", "scam",
        "phishing", "malware", "ransomware", "server", "forum", "encrypted", "encrochat", "sky", "ecc", "signal",
        "telegram", "snapchat", "instagram", "tiktok", "music", "drill", "video", "rival", "stabbing", "shooting",
        "injury", "hospital", "custody", "arrest", "warrant", "charged", "remand", "released", "bail", "curfew",
        "tag", "probation", "prison", "visit", "wing", "cell", "spice", "ketamine", "mdma", "amphetamine", "cutting",
        "agent", "press", "lab", "factory", "grow", "electricity", "bypass", "hydroponic", "tent", "lamps", "smell",
        "neighbours", "complaint", "landlord", "tenant", "sublet", "keys", "safe", "stash", "hidden", "compartment",
        "dashboard", "boot", "tyre", "sports", "bag", "gym", "barber", "nail", "bar", "car", "wash", "takeaway",
        "restaurant", "nightclub", "door", "security", "firm", "licence", "council", "housing", "benefit"});
    // Place and family names make the long tail: each is rare, as a real search term is.
    const std::vector<std::string> places{
        "walsall", "dudley", "wolverhampton", "sandwell", "solihull", "coventry", "aston", "handsworth", "sparkhill",
        "erdington", "salford", "oldham", "rochdale", "bolton", "wigan", "stockport", "moss", "side", "toxteth",
        "kirkby", "bootle", "huyton", "anfield", "everton", "chapeltown", "harehills", "bradford", "halifax",
        "huddersfield", "wakefield", "barnsley", "rotherham", "doncaster", "sheffield", "hull", "grimsby", "scunthorpe",
        "lincoln", "boston", "spalding", "peterborough", "norwich", "ipswich", "colchester", "chelmsford", "basildon",
        "southend", "luton", "bedford", "watford", "stevenage", "slough", "reading", "oxford", "swindon", "bristol",
        "bath", "exeter", "plymouth", "torquay", "bournemouth", "poole", "southampton", "portsmouth", "brighton",
        "hastings", "margate", "dover", "folkestone", "ashford", "maidstone", "medway", "gravesend", "dartford",
        "croydon", "lewisham", "peckham", "brixton", "tottenham", "hackney", "newham", "ilford", "romford",
        "enfield", "harrow", "wembley", "ealing", "hounslow", "kingston", "sutton", "bromley", "bexley", "woolwich",
        "cardiff", "newport", "swansea", "wrexham", "rhyl", "bangor", "chester", "crewe", "stoke", "derby",
        "nottingham", "leicester", "northampton", "kettering", "corby", "worcester", "hereford", "gloucester",
        "cheltenham", "carlisle", "barrow", "preston", "blackpool", "blackburn", "burnley", "lancaster", "durham",
        "sunderland", "gateshead", "newcastle", "middlesbrough", "hartlepool", "darlington", "york", "scarborough"};
    w.insert(w.end(), places.begin(), places.end());
    for (int i = 0; i < 10000; ++i) w.push_back("op" + std::to_string(10000 + i * 7));  // operation names: very rare
    return w;
  }();
  return k;
}

// Draws ranks 0..n-1 with probability proportional to 1/(rank+1).
class Zipf {
 public:
  explicit Zipf(size_t n) {
    double sum = 0;
    for (size_t r = 0; r < n; ++r) cumulative_.push_back(sum += 1.0 / static_cast<double>(r + 1));
  }
  size_t operator()(std::mt19937_64& rng) const {
    const double x = std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    return static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

std::string words(std::mt19937_64& rng, const Zipf& zipf, int n) {
  const auto& v = vocabulary();
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? " " : "") + v[zipf(rng)];
  return out;
}

struct Force {
  std::string code, region;
};

// Most records stay in their force or region; some are national; a few are SECRET or
// sensitive; a few sit in an SIU compartment. The analyst of one force sees a part of it.
Marking generated_marking(std::mt19937_64& rng, const std::vector<Force>& forces) {
  const Force& f = forces[rng() % forces.size()];
  Marking m;
  m.owning_agency = f.code;
  m.owning_region = f.region;
  const unsigned s = rng() % 100;
  m.scope = s < 40 ? SharingScope::kOwnerOnly : s < 80 ? SharingScope::kRegion : s < 95 ? SharingScope::kNational : SharingScope::kNamed;
  if (m.scope == SharingScope::kNamed) m.shared_with.push_back(forces[rng() % forces.size()].code);
  const unsigned c = rng() % 100;
  m.classification = c < 90 ? Classification::kOfficial : Classification::kSecret;
  m.sensitive = c >= 70 && c < 90;
  if (rng() % 100 < 3) m.compartment = f.code + "-SIU";
  return m;
}

std::string padded(int64_t n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 7 ? 7 - s.size() : 0, '0') + s;
}

template <typename Record>
void stamp(Record& r, const std::string& series, int64_t n, int64_t by) {
  r.reference = r.marking.owning_agency + "-" + series + "-" + padded(n);
  r.version = 1;
  r.created_at = r.updated_at = "2026-01-01T00:00:00.000Z";
  r.created_by = by;
}

struct Sizes {
  int64_t threats, nominals, intelligence;
};

// Records go to the store kChunk at a time through insert_many(): a few statements (COPY on
// PostgreSQL) per chunk rather than one round trip per record.
constexpr size_t kChunk = 10000;

template <typename Record, typename Repository>
Status insert_chunk(Repository& repo, std::vector<Record>& chunk, bool last) {
  if (chunk.size() < kChunk && !(last && !chunk.empty())) return Status::ok();
  ROCTA_RETURN_IF_ERROR(status_of(repo.insert_many(chunk)));
  chunk.clear();
  return Status::ok();
}

Status load(Store& store, const Sizes& n, const std::vector<Force>& forces, int64_t by, uint64_t seed, bool analyze) {
  std::mt19937_64 rng(seed);
  const Zipf zipf(vocabulary().size());
  auto begun = Clock::now();
  ROCTA_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kWrite));
  const std::vector<std::string> crimes{"Drug supply", "Organised acquisitive crime", "Fraud", "Cyber crime",
                                        "Modern slavery and human trafficking", "Firearms", "Money laundering"};
  const std::vector<std::string> birds{"Kestrel", "Lapwing", "Heron", "Osprey", "Merlin", "Curlew", "Plover", "Wren",
                                       "Linnet", "Siskin", "Dunlin", "Godwit", "Shrike", "Harrier", "Hobby", "Avocet"};
  auto t0 = Clock::now();
  std::vector<Threat> threats;
  for (int64_t i = 0; i < n.threats; ++i) {
    Threat th;
    th.marking = generated_marking(rng, forces);
    th.name = "OCG " + birds[rng() % birds.size()] + " " + std::to_string(i);
    th.description = words(rng, zipf, 12);
    th.primary_crime_type = crimes[rng() % crimes.size()];
    th.county_lines = th.primary_crime_type == "Drug supply" && rng() % 3 == 0;
    th.tier = 1 + static_cast<int>(rng() % 5);
    stamp(th, "OCG", i + 1, by);
    ROCTA_RETURN_IF_ERROR(validate_threat(th));
    threats.push_back(std::move(th));
    ROCTA_RETURN_IF_ERROR(insert_chunk(tx->threats(), threats, i + 1 == n.threats));
  }
  std::cout << "load threats " << n.threats << ' ' << seconds_since(t0) << std::endl;

  t0 = Clock::now();
  match::SyntheticErrors clean{};
  clean.typo = clean.missing = clean.day_month_swapped = clean.dob_typo = clean.placeholder_dob = 0;  // whole UTF-8, real dates
  std::vector<Nominal> nominals;
  const auto people = match::synthetic_people(static_cast<size_t>(std::min<int64_t>(std::max<int64_t>(n.nominals, 1), 200000)), seed, clean);
  for (int64_t i = 0; i < n.nominals; ++i) {
    // The pool repeats beyond 200,000: the same person recorded by several forces, as in life.
    const auto& p = people[static_cast<size_t>(i) % people.size()].record;
    Nominal nom;
    nom.marking = generated_marking(rng, forces);
    nom.given_names = p[match::Role::kGivenName];
    nom.surname = p[match::Role::kSurname].empty() ? "Unknown" : p[match::Role::kSurname];
    nom.date_of_birth = p[match::Role::kDob];
    nom.sex = p[match::Role::kSex] == "M" || p[match::Role::kSex] == "F" ? p[match::Role::kSex] : "";
    nom.address = p[match::Role::kAddress];
    nom.postcode = p[match::Role::kPostcode].substr(0, 10);
    if (rng() % 10 == 0) nom.aliases = vocabulary()[kFunctionWords.size() + zipf(rng) % (vocabulary().size() - kFunctionWords.size())];
    stamp(nom, "NOM", i + 1, by);
    ROCTA_RETURN_IF_ERROR(validate_nominal(nom));
    nominals.push_back(std::move(nom));
    ROCTA_RETURN_IF_ERROR(insert_chunk(tx->nominals(), nominals, i + 1 == n.nominals));
  }
  std::cout << "load nominals " << n.nominals << ' ' << seconds_since(t0) << std::endl;

  t0 = Clock::now();
  std::vector<IntelligenceReport> reports;
  for (int64_t i = 0; i < n.intelligence; ++i) {
    IntelligenceReport ir;
    ir.marking = generated_marking(rng, forces);
    ir.title = words(rng, zipf, 4);
    ir.body = words(rng, zipf, 40 + static_cast<int>(rng() % 40));
    ir.source_evaluation = 1 + static_cast<int>(rng() % 3);
    ir.intelligence_assessment = static_cast<char>('A' + rng() % 4);  // E needs handling C with conditions
    ir.received_date = "2025-" + std::string(rng() % 2 ? "0" : "1") + std::to_string(1 + rng() % 2) + "-1" + std::to_string(rng() % 10);
    stamp(ir, "INT", i + 1, by);
    ROCTA_RETURN_IF_ERROR(validate_intelligence(ir));
    reports.push_back(std::move(ir));
    ROCTA_RETURN_IF_ERROR(insert_chunk(tx->intelligence(), reports, i + 1 == n.intelligence));
  }
  std::cout << "load intelligence " << n.intelligence << ' ' << seconds_since(t0) << std::endl;
  t0 = Clock::now();
  ROCTA_RETURN_IF_ERROR(tx->commit());
  std::cout << "load commit 0 " << seconds_since(t0) << std::endl;
  // The planner's statistics, as after any bulk load (PostgreSQL's autovacuum would gather
  // them within a minute or so; until then a text search may be planned as a scan of the
  // whole table).
  t0 = Clock::now();
  if (analyze) ROCTA_RETURN_IF_ERROR(store.analyze());
  std::cout << "load analyze 0 " << seconds_since(t0) << std::endl;
  std::cout << "load all " << n.threats + n.nominals + n.intelligence << ' ' << seconds_since(begun) << std::endl;
  return Status::ok();
}

// Runs `query` `count` times after a few to warm the cache; prints p50, p99 and the mean
// number of matches (the page's total).
template <typename Query>
Status time_query(const std::string& name, int count, const Query& query) {
  std::vector<double> ms;
  double matches = 0;
  for (int i = -5; i < count; ++i) {
    const auto t0 = Clock::now();
    ROCTA_ASSIGN_OR_RETURN(int64_t total, query(i < 0 ? 0 : i));
    if (i < 0) continue;
    ms.push_back(seconds_since(t0) * 1000);
    matches += static_cast<double>(total);
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  std::cout << "query " << name << ' ' << std::fixed << std::setprecision(2) << at(0.5) << ' ' << at(0.99) << ' '
            << std::setprecision(0) << matches / count << std::defaultfloat << std::endl;
  return Status::ok();
}

Status run(const std::string& db, const std::string& phase, double scale, int queries, uint64_t seed, bool analyze) {
  ROCTA_ASSIGN_OR_RETURN(auto store, open_store(db));
  SystemClock clock;
  App app(*store, clock);
  app.password_cost = PasswordCost::minimal();
  Caller as;
  as.origin = "bench";
  if (phase != "query") {
    ROCTA_RETURN_IF_ERROR(ensure_reference_data(app));
    ROCTA_ASSIGN_OR_RETURN(auto agencies, list_agencies(app, system_caller()));
    std::vector<Force> forces;
    for (const auto& a : agencies)
      if (a.kind == AgencyKind::kTerritorialForce || a.code == "BTP") forces.push_back({a.code, a.region});
    // The analyst: West Midlands Police, SECRET, no compartment.
    ROCTA_ASSIGN_OR_RETURN(as.user, bench::analyst(app, "WMP", "wmp.analyst"));
    const Sizes n{std::max<int64_t>(40, std::llround(4000 * scale)), std::llround(1000000 * scale), std::llround(2000000 * scale)};
    ROCTA_RETURN_IF_ERROR(load(*store, n, forces, as.user.id, seed, analyze));
    if (phase == "load") return Status::ok();
  } else {
    ROCTA_ASSIGN_OR_RETURN(as.user, bench::analyst(app, "WMP", "wmp.analyst"));  // created by the load
  }

  // The search terms an analyst types, drawn as the text was: common words often, rare ones now and then.
  std::mt19937_64 rng(seed + 1);
  const size_t searchable = vocabulary().size() - kFunctionWords.size();
  const Zipf zipf(searchable);
  auto term = [&] { return vocabulary()[kFunctionWords.size() + zipf(rng)]; };
  std::vector<std::string> topics, pairs, surnames;
  for (int i = 0; i < queries; ++i) {
    topics.push_back(term());
    pairs.push_back(term() + " " + term());
  }
  {
    std::vector<Nominal> nominals;
  const auto people = match::synthetic_people(static_cast<size_t>(queries), seed + 2);
    for (const auto& p : people) surnames.push_back(p.record[match::Role::kSurname].empty() ? "smith" : p.record[match::Role::kSurname]);
  }
  const std::vector<std::string> birds{"kestrel", "lapwing", "heron", "osprey", "merlin", "curlew", "plover", "wren"};

  ROCTA_RETURN_IF_ERROR(time_query("threat_list", queries, [&](int) -> Result<int64_t> {
    ROCTA_ASSIGN_OR_RETURN(auto page, list_threats(app, as, ThreatQuery{}));
    return page.total;
  }));
  ROCTA_RETURN_IF_ERROR(time_query("threat_search", queries, [&](int i) -> Result<int64_t> {
    ThreatQuery q;
    q.text = i % 2 ? birds[static_cast<size_t>(i) % birds.size()] : topics[static_cast<size_t>(i)];
    ROCTA_ASSIGN_OR_RETURN(auto page, list_threats(app, as, q));
    return page.total;
  }));
  ROCTA_RETURN_IF_ERROR(time_query("nominal_search", queries, [&](int i) -> Result<int64_t> {
    NominalQuery q;
    q.text = surnames[static_cast<size_t>(i)];
    ROCTA_ASSIGN_OR_RETURN(auto page, list_nominals(app, as, q));
    return page.total;
  }));
  ROCTA_RETURN_IF_ERROR(time_query("intelligence_search", queries, [&](int i) -> Result<int64_t> {
    IntelligenceQuery q;
    q.text = i % 2 ? pairs[static_cast<size_t>(i)] : topics[static_cast<size_t>(i)];
    ROCTA_ASSIGN_OR_RETURN(auto page, list_intelligence(app, as, q));
    return page.total;
  }));
  return Status::ok();
}

}  // namespace
}  // namespace rocta

int main(int argc, char** argv) {
  std::string db;
  std::string phase = "all";
  double scale = 0.01;
  int queries = 200;
  unsigned long long seed = 1;
  bool analyze = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--analyze") {
      analyze = std::string(argv[i + 1]) != "no";
      continue;
    }
    if (a == "--db") db = argv[i + 1];
    else if (a == "--phase") phase = argv[i + 1];
    else if (a == "--scale") scale = std::atof(argv[i + 1]);
    else if (a == "--queries") queries = std::atoi(argv[i + 1]);
    else if (a == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else db.clear(), i = argc;
  }
  if (db.empty() || scale <= 0 || queries < 1 || (phase != "all" && phase != "load" && phase != "query")) {
    std::cerr << "usage: national_bench --db FILE|postgresql://… [--phase all|load|query] [--scale 0.01] [--queries 200] [--seed 1] "
                 "[--analyze yes|no]\n";
    return 2;
  }
  const rocta::Status s = rocta::run(db, phase, scale, queries, seed, analyze);
  if (!s.is_ok()) {
    std::cerr << "national_bench: " << s.message() << '\n';
    return 1;
  }
  return 0;
}
