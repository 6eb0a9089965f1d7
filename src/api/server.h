// The HTTP server (Boost.Beast): accepts connections, reads requests of at most 1 MiB,
// hands each to the Api and writes the answer. Keep-alive; a bad request gets a problem
// answer and the connection is closed; the server itself keeps serving.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "api/router.h"

namespace rocta::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see Server::port())
  int threads = 4;   // I/O: reading requests and writing answers
  int workers = 32;  // handling requests: store work, waiting for the audit trail's commit
  size_t body_limit = 1024 * 1024;
};

class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();
  // Binds and starts serving on background threads.
  Status start();
  uint16_t port() const;
  // Blocks until SIGINT/SIGTERM or stop().
  void wait_for_signal();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rocta::api
