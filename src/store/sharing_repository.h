// The sharing repository: agreements between agencies, each holder's signalling rule,
// the SIU's recorded release decisions, disseminations of reports, and access requests.
//
// None of these rows is marked material: they say who may see what, and who decided.
// app/ decides who may read and change them (administrators of the giving agency for
// agreements; SIU officers holding the compartment for releases and for requests on
// compartmented material; the holder's analysts otherwise).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/sharing.h"
#include "store/store.h"

namespace rocta {

// An SIU's decision to release a sanitised version of a report it holds.
struct Release {
  int64_t id = 0;
  int64_t source_id = 0;    // the original, in the SIU's compartment
  int64_t released_id = 0;  // the sanitised report in the general system
  int64_t decided_by = 0;
  int64_t decided_ms = 0;
  std::string rationale;
};

// A report sent to an agency (and, within it, a unit) within what its grading allows.
struct Dissemination {
  int64_t id = 0;
  int64_t report_id = 0;
  std::string to_agency;
  int64_t to_unit_id = 0;  // 0: the agency as a whole
  int64_t by = 0;
  int64_t at_ms = 0;
  std::string note;
};

struct AccessRequestQuery {
  std::string holder_agency;              // requests to this holder …
  std::vector<std::string> compartments;  // … on its open material, or in these compartments
  int64_t requester_id = 0;               // or, when set, only this requester's own
  std::optional<AccessRequestStatus> status;
};

class SharingRepository {
 public:
  virtual ~SharingRepository() = default;
  // Agreements where `agency` gives or receives (empty: all), by giver then receiver.
  virtual Result<std::vector<SharingAgreement>> agreements(const std::string& agency) = 0;
  virtual Result<SharingAgreement> agreement(int64_t id) = 0;
  // AlreadyExists when the two agencies already have one in that direction.
  virtual Result<int64_t> insert_agreement(const SharingAgreement& a) = 0;
  // Conflict when the stored version is not `a.version - 1`.
  virtual Status update_agreement(const SharingAgreement& a) = 0;

  // Holders with a rule of their own; the others signal to kDefaultSignalAudience.
  virtual Result<std::map<std::string, SignalAudience>> signal_rules() = 0;
  virtual Status set_signal_rule(const std::string& holder, SignalAudience audience) = 0;

  virtual Result<int64_t> insert_release(const Release& r) = 0;
  virtual Result<std::vector<Release>> releases_of(int64_t source_id) = 0;

  virtual Result<int64_t> insert_dissemination(const Dissemination& d) = 0;
  virtual Result<std::vector<Dissemination>> disseminations_of(int64_t report_id) = 0;

  virtual Result<int64_t> insert_access_request(const AccessRequest& r) = 0;
  virtual Result<AccessRequest> access_request(int64_t id) = 0;
  virtual Status update_access_request(const AccessRequest& r) = 0;
  virtual Result<std::vector<AccessRequest>> access_requests(const AccessRequestQuery& q) = 0;  // newest first

  // Moves every marked record (threats, nominals, reports) and pending request from one
  // compartment to another; returns how many records moved.
  virtual Result<int64_t> move_compartment(const std::string& from, const std::string& to) = 0;
};

}  // namespace rocta
