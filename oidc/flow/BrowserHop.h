#pragma once

// The browser's part of a login or a logout, which no transport sees: the app hands the browser a
// URL (the authorization request, RFC 6749 §4.1.1, or the end-session request, OIDC RP-Initiated
// Logout §2), and a redirect comes back to the app (§4.1.2, or the post-logout redirect).
// FlowSession reports each as it happens (FlowSession::browserHop) for observers such as the
// sequence diagram (oidc/diagram); nothing in the flow depends on them.
//
// `url` is raw: the authorization URL carries state, nonce and the PKCE challenge, a redirect the
// code (or, in the implicit and hybrid flows, tokens in its fragment). Redact before showing.

#include "oidc/Result.h"
#include "oidc/flow/FlowStep.h"

#include <QUrl>

#include <optional>

namespace oidc::flow {

struct BrowserHop final {
    enum class Kind {
        Open,     // the app hands `url` to the browser, which goes to the provider with it
        Redirect, // the provider's redirect reached the app at `url`
    };
    Kind kind = Kind::Open;
    FlowStep step = FlowStep::Authorize; // Authorize (Open) and Callback (Redirect) for a login; Logout for both of a logout
    QUrl url;
    std::optional<Error> error;          // Redirect: why the app refused it (absent: accepted)
    qint64 atMsSinceEpoch = 0;
};

} // namespace oidc::flow
