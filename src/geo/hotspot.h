// Hotspot detection: Getis-Ord Gi* on a square grid.
//
// Method (stated so an analyst can check it):
//   1. Lay a grid of `cell_m` squares over the box of the incidents; x_i is the count of
//      incidents in cell i, n the number of cells.
//   2. For each cell, Gi* = (sum_j w_ij x_j - mean * W_i) / (S * sqrt((n W_i - W_i^2) / (n - 1)))
//      with binary weights w_ij = 1 for the cell itself and its neighbours within
//      `neighbourhood` cells (queen contiguity at 1), W_i = sum_j w_ij, mean and S the mean
//      and (population) standard deviation of the counts over all n cells.
//   3. Gi* is a z-score, but counts of incidents are skewed and its normal approximation
//      finds too many hotspots in noise (measured: about four times alpha). So the test is
//      exact: under complete spatial randomness the window's count is Poisson with mean
//      mean * W_i, and a cell is a hotspot when that upper-tail p-value is below alpha / n
//      (Bonferroni over all cells), so uniform noise yields none at the stated alpha
//      whatever the grid size; and it holds at least `min_count` incidents. Gi* ranks them.
//   4. Adjacent hotspot cells (8-neighbour) merge into one hotspot: its cells, its incident
//      count, its peak z and the centre of its peak cell.
#pragma once

#include <cstdint>
#include <vector>

#include "geo/geometry.h"

namespace rocta::geo {

struct HotspotParams {
  double cell_m = 250;
  int neighbourhood = 1;
  double alpha = 0.05;
  int64_t min_count = 5;
  // Refuse grids larger than this: the caller narrows the area or widens the cell.
  int64_t max_cells = 25'000'000;
};

struct HotspotCell {
  Bbox box;
  int64_t count = 0;
  double z = 0;
  double p = 1;  // of its window, one-sided (step 3)
};

struct Hotspot {
  Coord centre;  // of the peak cell
  Bbox box;      // of all its cells
  int64_t incidents = 0;
  double peak_z = 0;
  double p_value = 0;  // of the peak cell's window, one-sided (step 3)
  std::vector<HotspotCell> cells;
};

struct HotspotAnalysis {
  int64_t cells = 0;  // n
  double mean = 0;
  double sd = 0;
  double z_threshold = 0;  // the z of a normal tail of alpha / n, for reading the z-scores
  std::vector<Hotspot> hotspots;  // strongest first
};

// kInvalidArgument for bad parameters or a grid over max_cells.
Result<HotspotAnalysis> find_hotspots(const std::vector<Coord>& incidents, const HotspotParams& params = {});

}  // namespace rocta::geo
