#include "cli/exit_codes.h"

#include <iostream>

namespace rocta::cli {

int exit_code_of(Code code) {
  switch (code) {
    case Code::kOk: return kExitOk;
    case Code::kInvalidArgument: return kExitUsage;
    case Code::kNotFound: return kExitNotFound;
    case Code::kPermissionDenied:
    case Code::kUnauthenticated: return kExitDenied;
    case Code::kAlreadyExists:
    case Code::kConflict: return kExitConflict;
    case Code::kFailedPrecondition: return kExitPrecondition;
    case Code::kUnavailable:
    case Code::kResourceExhausted: return kExitUnavailable;
    case Code::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int fail(const Status& s) {
  std::cerr << "rocta: " << s.message() << '\n';
  return exit_code_of(s.code());
}

}  // namespace rocta::cli
