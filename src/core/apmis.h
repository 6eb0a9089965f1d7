// The national extract (shared/domain/apmis-extract.md): its columns, and rows to and from
// threats and disruptions. Column order is free and names match in any case; unknown
// columns are kept as extra attributes. Pure: rows in, records or errors out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/disruption.h"
#include "core/threat.h"

namespace rocta::apmis {

// Where each column of one file is, from its header row.
struct Columns {
  std::vector<int> at;  // index in the row of each known column (see the .cc), -1 when absent
  std::vector<std::pair<int, std::string>> extra;  // unknown columns: index and header name
  std::size_t width = 0;
};

// Columns of threats.csv and disruptions.csv, in the order an export writes them.
const std::vector<std::string>& threat_columns();
const std::vector<std::string>& disruption_columns();

// Maps a header; an error names the first required column that is missing, or a column
// given twice.
Result<Columns> map_threat_header(const CsvRow& header);
Result<Columns> map_disruption_header(const CsvRow& header);

// One data row. Errors name the column and the value. Unknown columns land in `extra`
// (name, value pairs) for the caller to keep. The threat is OFFICIAL and shared nationally,
// as the national master list is; the disruption's threat_id is left for the caller.
using Extra = std::vector<std::pair<std::string, std::string>>;
Result<Threat> threat_from_row(const Columns& cols, const CsvRow& row, Extra& extra);
Result<Disruption> disruption_from_row(const Columns& cols, const CsvRow& row, Extra& extra);

// Rows for an export, in the column order above; the extra columns the caller adds.
std::vector<std::string> threat_row(const Threat& t);
std::vector<std::string> disruption_row(const Disruption& d);

}  // namespace rocta::apmis
