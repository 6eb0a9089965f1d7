// Writes a national-size extract for the import and figures benchmarks: the inspection's
// 3,800 threats (with the rows each filter removes) and about N disruptions spread over
// every force, the four Ps and the common threat categories, two years around 30 June 2022.
//
//   extract_gen --out DIR --disruptions 10000000 [--seed 1]
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "demo/national_extract.h"

namespace {

const std::vector<std::string>& forces() {
  // Agency codes from data/agencies.csv: territorial forces and BTP outside London, then London.
  static const std::vector<std::string> k{
      "CLEV", "DUR", "NORTHUM", "HUMB", "NYP", "SYP", "WYP", "CHES", "CUMB", "GMP", "LANCS", "MERS", "NWP", "DPP",
      "GWENT", "SWP", "WARKS", "WMERC", "WMP", "STAFFS", "DERBYS", "LEICS", "LINCS", "NORTHANTS", "NOTTS", "BEDS",
      "CAMBS", "ESSEX", "HERTS", "KENT", "NORF", "SUFF", "ASP", "DCP", "DORSET", "GLOS", "WILTS", "HANTS", "SURREY",
      "SUSSEX", "TVP"};
  return k;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  long long total = 1000000;
  unsigned seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--out") out = argv[i + 1];
    else if (a == "--disruptions") total = std::atoll(argv[i + 1]);
    else if (a == "--seed") seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else {
      std::cerr << "usage: extract_gen --out DIR --disruptions N [--seed S]\n";
      return 2;
    }
  }
  if (out.empty() || total < 0) {
    std::cerr << "usage: extract_gen --out DIR --disruptions N [--seed S]\n";
    return 2;
  }
  std::filesystem::create_directories(out);
  using namespace rocta;
  demo::ExtractPlan plan = demo::inspection_plan(forces(), seed);
  plan.disruptions.clear();
  std::vector<std::string> recorders = forces();
  for (const char* london : {"MPS", "BTP", "COLP"}) recorders.push_back(london);
  const std::vector<std::string> categories{"Drug supply", "Organised acquisitive crime", "Fraud", "Cyber crime",
                                            "Modern slavery and human trafficking", "Firearms"};
  const long long cells = static_cast<long long>(recorders.size() * all_four_p().size() * categories.size());
  std::mt19937 rng(seed);
  for (const auto& agency : recorders)
    for (FourP p : all_four_p())
      for (const auto& c : categories) {
        const long long per = total / cells;
        plan.disruptions.push_back({agency, p, c, static_cast<int>(per / 2 + rng() % 3), static_cast<int>(per - per / 2)});
      }
  std::ofstream threats(std::filesystem::path(out) / "threats.csv"), disruptions(std::filesystem::path(out) / "disruptions.csv");
  const auto counts = demo::write_extract(plan, seed, threats, disruptions);
  std::cout << "wrote " << counts.threats << " threats and " << counts.disruptions << " disruptions to " << out << '\n';
  return threats && disruptions ? 0 : 1;
}
