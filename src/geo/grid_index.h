// GridIndex: which of many geometries may meet a box, by their envelopes on a square grid.
//
// The engine's in-memory index (the stores use SQLite's R*Tree or bounding-box columns).
// An item sits in every cell its envelope covers; a query returns each candidate once,
// in insertion order within a cell, and the caller runs the exact test.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "geo/geometry.h"

namespace rocta::geo {

class GridIndex {
 public:
  // REQUIRES: cell_m > 0.
  explicit GridIndex(double cell_m) : cell_(cell_m) {}
  void insert(uint32_t id, const Bbox& box);
  // Ids whose envelope meets `box`, each once, ascending.
  std::vector<uint32_t> query(const Bbox& box) const;
  size_t size() const { return boxes_.size(); }

 private:
  int64_t cell_of(double v) const;
  static uint64_t key(int64_t cx, int64_t cy) { return (uint64_t(uint32_t(cx)) << 32) | uint32_t(cy); }

  double cell_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> cells_;
  std::unordered_map<uint32_t, Bbox> boxes_;
};

}  // namespace rocta::geo
