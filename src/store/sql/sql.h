// What the SQL adapters (SQLite, PostgreSQL) share below the repositories: bound values, a
// statement builder, and how typed search text is cut into words. Nothing here knows a
// particular database.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace rocta::sql {

// A bound parameter or a value read back.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

// Builds SQL with positional `?` parameters as it goes. Values are always bound, never
// spliced into the text; an adapter whose database numbers its parameters rewrites the
// marks when it prepares the statement.
struct Sql {
  std::string text;
  std::vector<Value> params;
  Sql& add(const std::string& s) {
    text += s;
    return *this;
  }
  Sql& add(const std::string& s, Value v) {
    text += s;
    params.push_back(std::move(v));
    return *this;
  }
  // Appends `other`'s text and then its parameters.
  Sql& add(const Sql& other) {
    text += other.text;
    params.insert(params.end(), other.params.begin(), other.params.end());
    return *this;
  }
};

// The words of what a person typed into a search box. Every ASCII character that is not a
// letter or digit separates words (as SQLite's unicode61 tokenizer and the PostgreSQL
// search configuration do), so no query syntax of either database survives; bytes of
// non-ASCII characters stay inside words.
std::vector<std::string> search_words(const std::string& typed);

// What a text search matches in one kind of record, decided once for each query
// (text_match.h): the typed words, each a prefix (the start of longer words) unless it is
// matched whole, and the lowest id a match may have (0: any), when only the newest matches
// are ranked.
struct TextMatch {
  std::vector<std::string> words;
  std::vector<bool> whole;  // one for each word; empty: every word a prefix
  int64_t newest_from = 0;
  bool empty() const { return words.empty(); }
  bool is_whole(size_t i) const { return i < whole.size() && whole[i]; }
};

// Every typed word a prefix, every match ranked.
TextMatch prefix_match(const std::string& typed);

// Lists stored in one text column ("a,b,c"), for roles and compartments.
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& text);

}  // namespace rocta::sql
