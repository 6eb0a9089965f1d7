#include "store/sql/sql.h"

#include <cctype>
#include <sstream>

namespace rocta::sql {

std::vector<std::string> search_words(const std::string& typed) {
  std::string spaced;
  for (char c : typed) {
    const auto u = static_cast<unsigned char>(c);
    spaced += (u >= 0x80 || std::isalnum(u)) ? c : ' ';
  }
  std::istringstream in(spaced);
  std::vector<std::string> words;
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

TextMatch prefix_match(const std::string& typed) {
  TextMatch m;
  m.words = search_words(typed);
  return m;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace rocta::sql
