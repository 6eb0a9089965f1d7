#include "core/csv.h"

#include <algorithm>
#include <cstring>

namespace rocta {

CsvReader::CsvReader(Source source, std::size_t buffer_size) : source_(std::move(source)), buffer_(std::max<std::size_t>(buffer_size, 16)) {}

bool CsvReader::fill() {
  if (eof_) return false;
  pos_ = 0;
  end_ = source_(buffer_.data(), buffer_.size());
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

Result<bool> CsvReader::next(CsvRow& row) {
  row.clear();
  std::string field;
  bool in_quotes = false, field_started = false, row_started = false, after_quote = false, pending_cr = false;
  std::size_t quote_line = 0;
  for (;;) {
    if (pos_ == end_ && !fill()) break;
    const char c = buffer_[pos_++];
    ++consumed_;
    // A UTF-8 byte-order mark before the first byte of the file is not data.
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    if (bom_seen_ < 3 && consumed_ == bom_seen_ + 1 && c == kBom[bom_seen_]) {
      ++bom_seen_;
      continue;
    }
    if (!row_started) {
      row_started = true;
      row_line_ = line_;
    }
    if (in_quotes) {
      // CRLF inside a quoted field is a line end like LF: kept as '\n'.
      if (pending_cr && c != '\n') field += '\r';
      pending_cr = false;
      if (c == '"') {
        in_quotes = false;
        after_quote = true;
      } else if (c == '\r') {
        pending_cr = true;
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (after_quote) {
        field += '"';  // a doubled quote inside a quoted field
        in_quotes = true;
        after_quote = false;
      } else if (!field_started) {
        in_quotes = true;
        field_started = true;
        quote_line = line_;
      } else {
        field += c;
      }
      continue;
    }
    after_quote = false;
    if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      ++line_;
      row.push_back(std::move(field));
      field.clear();
      if (row.size() == 1 && row[0].empty() && !field_started) {  // a blank line
        row.clear();
        row_started = false;
        continue;
      }
      return true;
    } else if (c != '\r') {  // CRLF and LF are the same line end
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) return invalid("unterminated quoted field starting on line " + std::to_string(quote_line));
  if (field_started || !row.empty()) {
    row.push_back(std::move(field));
    return true;
  }
  return false;
}

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  std::size_t at = 0;
  CsvReader reader([&](char* buffer, std::size_t capacity) {
    const std::size_t n = std::min(capacity, text.size() - at);
    std::memcpy(buffer, text.data() + at, n);
    at += n;
    return n;
  });
  std::vector<CsvRow> rows;
  CsvRow row;
  for (;;) {
    ROCTA_ASSIGN_OR_RETURN(bool more, reader.next(row));
    if (!more) break;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += csv_field(fields[i]);
  }
  return line;
}

}  // namespace rocta
