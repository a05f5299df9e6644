#include "FlowStep.h"

namespace oidc::flow {

QString flowStepName(FlowStep step)
{
    switch (step) {
    case FlowStep::Discovery: return QStringLiteral("discovery");
    case FlowStep::Keys: return QStringLiteral("keys");
    case FlowStep::Prepare: return QStringLiteral("PKCE, state, nonce");
    case FlowStep::Authorize: return QStringLiteral("authorize");
    case FlowStep::Browser: return QStringLiteral("browser");
    case FlowStep::Callback: return QStringLiteral("callback");
    case FlowStep::Token: return QStringLiteral("token");
    case FlowStep::IdToken: return QStringLiteral("ID token");
    case FlowStep::UserInfo: return QStringLiteral("userinfo");
    case FlowStep::Refresh: return QStringLiteral("refresh");
    case FlowStep::Revoke: return QStringLiteral("revoke");
    case FlowStep::Logout: return QStringLiteral("logout");
    case FlowStep::ClientCredentials: return QStringLiteral("client credentials");
    }
    return {};
}

} // namespace oidc::flow
