// Names of enumerators for the wire and the database, from one table per enum: the name
// of a value, or the value of a name (nullopt for a name not in the table).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace rocta {

template <typename E, std::size_t N>
std::string_view name_of(const std::pair<E, std::string_view> (&table)[N], E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::pair<E, std::string_view> (&table)[N], std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace rocta
