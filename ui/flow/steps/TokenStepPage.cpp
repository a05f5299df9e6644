#include "TokenStepPage.h"

#include "oidc/Redaction.h"

namespace ui {

TokenStepPage::TokenStepPage(QWidget *parent)
    : TextStepPage(QStringLiteral("tokenResponseText"), QStringLiteral("Step 7 exchanges the code for tokens."), parent)
{
}

QString TokenStepPage::text(const FlowRunner &runner, FlowStepModel::Step step) const
{
    const FlowStepModel::Entry &entry = runner.steps()->entry(step);
    if (entry.state != FlowStepModel::State::Ok && entry.state != FlowStepModel::State::Pending)
        return entry.summary; // running, failed or cancelled: what happened
    const auto &session = runner.session().session();
    if (!session)
        return {};
    const auto &tokens = session->tokens;
    QString text;
    text += field(QStringLiteral("token_type"), tokens.tokenType);
    text += field(QStringLiteral("expires_in"),
                  tokens.expiresIn ? QStringLiteral("%1 s").arg(*tokens.expiresIn) : QStringLiteral("not sent (unknown expiry)"));
    text += field(QStringLiteral("scope"), tokens.scope.isEmpty() ? QStringLiteral("not sent (the requested scope is assumed)") : tokens.scope);
    text += field(QStringLiteral("access_token"), oidc::redactSecret(tokens.accessToken));
    text += field(QStringLiteral("id_token"), oidc::redactSecret(tokens.idToken));
    text += field(QStringLiteral("refresh_token"), oidc::redactSecret(tokens.refreshToken));
    text += QStringLiteral("\nThe tokens are decoded in the Tokens panel on the right.");
    return text;
}

} // namespace ui

#include "moc_TokenStepPage.cpp"
