#include "api/search_codec.h"

namespace rocta::json_codec {

// Cuts a snippet at the store's private hit marks into segments; a stray mark is dropped.
json segments(const std::string& snippet) {
  json out = json::array();
  std::string text;
  bool hit = false;
  auto flush = [&] {
    if (!text.empty()) out.push_back({{"text", text}, {"hit", hit}});
    text.clear();
  };
  for (char ch : snippet) {
    if (ch == kHitOpen || ch == kHitClose) {
      flush();
      hit = ch == kHitOpen;
    } else {
      text += ch;
    }
  }
  flush();
  return out;
}

json to_json(const SearchHit& h) {
  return {{"kind", to_string(h.kind)},     {"id", h.id},       {"reference", h.reference},
          {"title", h.title},              {"snippet", segments(h.snippet)},
          {"score", h.score},              {"marking", to_json(h.marking)}};
}

}  // namespace rocta::json_codec
