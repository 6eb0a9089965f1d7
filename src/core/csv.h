// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends, an optional UTF-8
// byte-order mark. Pure text in, rows out: whole, or streamed from any source of bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace rocta {

using CsvRow = std::vector<std::string>;

// Reads rows one at a time from `source`, which fills a buffer and returns how many bytes
// it put there (0 at the end). Blank lines are skipped. Memory stays at one row and one
// buffer, whatever the size of the file.
class CsvReader {
 public:
  using Source = std::function<std::size_t(char* buffer, std::size_t capacity)>;
  explicit CsvReader(Source source, std::size_t buffer_size = 1 << 16);

  // Fills `row` with the next row: true, or false at the end. An unterminated quoted field
  // is an error naming the line it started on.
  Result<bool> next(CsvRow& row);
  // The line the row last returned started on (1-based), for messages.
  std::size_t line() const { return row_line_; }
  // Bytes consumed so far, for progress.
  std::size_t bytes_read() const { return consumed_; }

 private:
  bool fill();

  Source source_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0, consumed_ = 0;
  std::size_t line_ = 1, row_line_ = 0;
  std::size_t bom_seen_ = 0;  // bytes of a leading byte-order mark skipped
  bool eof_ = false;
};

// Whole text at once.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);
// One field, quoted when it needs to be.
std::string csv_field(std::string_view value);
// One line of fields, without the line end.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace rocta
