#pragma once

// For the command-line twin only: sends a request and spins a local event loop until it ends.
// The GUI never calls this (it would block the GUI thread).

#include "oidc/net/HttpTransport.h"

namespace oidc::net {

[[nodiscard]] Result<HttpResponse> sendAndWait(HttpTransport &transport, HttpRequest request);

} // namespace oidc::net
