#include "geo/grid_index.h"

#include <algorithm>
#include <cmath>

namespace rocta::geo {

int64_t GridIndex::cell_of(double v) const { return static_cast<int64_t>(std::floor(v / cell_)); }

void GridIndex::insert(uint32_t id, const Bbox& box) {
  boxes_[id] = box;
  for (int64_t cx = cell_of(box.min_x); cx <= cell_of(box.max_x); ++cx)
    for (int64_t cy = cell_of(box.min_y); cy <= cell_of(box.max_y); ++cy) cells_[key(cx, cy)].push_back(id);
}

std::vector<uint32_t> GridIndex::query(const Bbox& box) const {
  std::vector<uint32_t> out;
  for (int64_t cx = cell_of(box.min_x); cx <= cell_of(box.max_x); ++cx)
    for (int64_t cy = cell_of(box.min_y); cy <= cell_of(box.max_y); ++cy) {
      auto it = cells_.find(key(cx, cy));
      if (it == cells_.end()) continue;
      for (uint32_t id : it->second)
        if (boxes_.at(id).intersects(box)) out.push_back(id);
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rocta::geo
