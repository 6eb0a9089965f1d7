// Status and Result<T>: how every layer below the edges reports failure.
//
// Errors are values, never exceptions across a layer. The codes are the small canonical set
// the edges map in one place each: api/ to an HTTP status and a problem+json `type`, cli/
// to an exit code. `reason` optionally narrows the code to a stable machine-readable kind
// (for example "purpose-required"), which api/ uses as the problem type when present.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace rocta {

enum class Code {
  kOk,
  kInvalidArgument,     // the caller's input is wrong; retrying it unchanged will not help
  kUnauthenticated,     // no valid session
  kPermissionDenied,    // known caller, action not allowed (never used to hide existence)
  kNotFound,            // absent, or present but not visible to the caller
  kAlreadyExists,
  kConflict,            // stale version: someone else changed the record first
  kFailedPrecondition,  // the state does not allow it (e.g. a purpose is needed first)
  kResourceExhausted,   // throttled
  kUnavailable,         // a dependency is down or busy; may succeed later
  kInternal,
};

const char* code_name(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::string reason = {})
      : code_(code), message_(std::move(message)), reason_(std::move(reason)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& reason() const { return reason_; }
  // Field (JSON path or column) the error is about; empty when not about one field.
  const std::string& field() const { return field_; }
  Status& with_field(std::string field) {
    field_ = std::move(field);
    return *this;
  }
  // For kResourceExhausted: seconds until the caller may try again.
  int retry_after_s() const { return retry_after_s_; }
  Status& with_retry_after(int seconds) {
    retry_after_s_ = seconds;
    return *this;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string reason_;
  std::string field_;
  int retry_after_s_ = 0;
};

inline Status invalid(std::string message, std::string field = {}) {
  return Status(Code::kInvalidArgument, std::move(message)).with_field(std::move(field));
}
inline Status not_found(std::string message) { return {Code::kNotFound, std::move(message)}; }
inline Status denied(std::string message) { return {Code::kPermissionDenied, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                     // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}              // NOLINT: implicit by design
  bool is_ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return is_ok(); }
  // REQUIRES: is_ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  // By value, so that `for (x : f().value())` does not iterate a destroyed temporary.
  T value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }  // as value() &&: `for (x : *f())` is safe
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // REQUIRES: !is_ok().
  const Status& status() const& { return std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

inline Status status_of(const Status& s) { return s; }
// Ok when the result holds a value.
template <typename T>
Status status_of(const Result<T>& r) { return r.is_ok() ? Status::ok() : r.status(); }

}  // namespace rocta

// Early return of a failed Status or Result from a function returning Status or Result.
#define ROCTA_RETURN_IF_ERROR(expr)               \
  do {                                            \
    auto rocta_status_ = (expr);                  \
    if (!rocta_status_.is_ok()) return ::rocta::status_of(rocta_status_); \
  } while (0)

#define ROCTA_CONCAT_INNER(a, b) a##b
#define ROCTA_CONCAT(a, b) ROCTA_CONCAT_INNER(a, b)
#define ROCTA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.is_ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
// `ROCTA_ASSIGN_OR_RETURN(auto x, f());`
#define ROCTA_ASSIGN_OR_RETURN(lhs, expr) \
  ROCTA_ASSIGN_OR_RETURN_IMPL(ROCTA_CONCAT(rocta_result_, __LINE__), lhs, expr)
