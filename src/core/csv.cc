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
  // The row's strings are reused from the last call: a field is cleared and refilled, so
  // rows of the same shape allocate nothing.
  std::size_t fields = 0;
  auto next_field = [&]() -> std::string& {
    if (fields == row.size()) row.emplace_back();
    std::string& f = row[fields++];
    f.clear();
    return f;
  };
  std::string* field = &next_field();
  bool in_quotes = false, field_started = false, row_started = false, after_quote = false, pending_cr = false;
  std::size_t quote_line = 0;
  for (;;) {
    if (pos_ == end_ && !fill()) break;
    // A UTF-8 byte-order mark before the first byte of the file is not data.
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    if (bom_seen_ < 3 && consumed_ == bom_seen_ && buffer_[pos_] == kBom[bom_seen_]) {
      ++pos_;
      ++consumed_;
      ++bom_seen_;
      continue;
    }
    if (!row_started) {
      row_started = true;
      row_line_ = line_;
    }
    // The bytes up to the next one that means something are appended in one go.
    const char* begin = buffer_.data() + pos_;
    const char* stop = buffer_.data() + end_;
    const char* run = begin;
    if (in_quotes)
      while (run != stop && *run != '"' && *run != '\r' && *run != '\n') ++run;
    else
      while (run != stop && *run != ',' && *run != '"' && *run != '\r' && *run != '\n') ++run;
    if (run != begin) {
      if (pending_cr) field->push_back('\r');
      pending_cr = after_quote = false;
      if (!in_quotes) field_started = true;
      field->append(begin, run);
      consumed_ += static_cast<std::size_t>(run - begin);
      pos_ += static_cast<std::size_t>(run - begin);
      continue;
    }
    const char c = buffer_[pos_++];
    ++consumed_;
    if (in_quotes) {
      // CRLF inside a quoted field is a line end like LF: kept as '\n'.
      if (pending_cr && c != '\n') *field += '\r';
      pending_cr = false;
      if (c == '"') {
        in_quotes = false;
        after_quote = true;
      } else if (c == '\r') {
        pending_cr = true;
      } else {
        if (c == '\n') ++line_;
        *field += c;
      }
      continue;
    }
    if (c == '"') {
      if (after_quote) {
        *field += '"';  // a doubled quote inside a quoted field
        in_quotes = true;
        after_quote = false;
      } else if (!field_started) {
        in_quotes = true;
        field_started = true;
        quote_line = line_;
      } else {
        *field += c;
      }
      continue;
    }
    after_quote = false;
    if (c == ',') {
      field = &next_field();
      field_started = false;
    } else if (c == '\n') {
      ++line_;
      if (fields == 1 && field->empty() && !field_started) {  // a blank line
        row_started = false;
        continue;
      }
      row.resize(fields);
      return true;
    }  // '\r' outside quotes: CRLF and LF are the same line end
  }
  if (in_quotes) return invalid("unterminated quoted field starting on line " + std::to_string(quote_line));
  if (field_started || fields > 1) {
    row.resize(fields);
    return true;
  }
  row.clear();
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
