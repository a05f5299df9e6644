#include "DiscoveryStepPage.h"

#include "oidc/flow/ProviderMetadata.h"

namespace ui {

namespace {

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

} // namespace

DiscoveryStepPage::DiscoveryStepPage(QWidget *parent)
    : TextStepPage(QStringLiteral("metadataText"), QStringLiteral("Step 1 fetches the provider's metadata."), parent)
{
}

QString DiscoveryStepPage::text(const FlowRunner &runner, FlowStepModel::Step) const
{
    if (!runner.session().metadata())
        return {};
    const auto &metadata = *runner.session().metadata();
    const QString separator = QStringLiteral(", ");
    QString text;
    text += field(QStringLiteral("issuer"), metadata.issuer);
    text += field(QStringLiteral("authorization_endpoint"), urlText(metadata.authorizationEndpoint));
    text += field(QStringLiteral("token_endpoint"), urlText(metadata.tokenEndpoint));
    text += field(QStringLiteral("userinfo_endpoint"), urlText(metadata.userinfoEndpoint));
    text += field(QStringLiteral("jwks_uri"), urlText(metadata.jwksUri));
    text += field(QStringLiteral("revocation_endpoint"), urlText(metadata.revocationEndpoint));
    text += field(QStringLiteral("end_session_endpoint"), urlText(metadata.endSessionEndpoint));
    text += field(QStringLiteral("code_challenge_methods_supported"), metadata.codeChallengeMethodsSupported.join(separator));
    text += field(QStringLiteral("id_token_signing_alg_values"), metadata.idTokenSigningAlgValuesSupported.join(separator));
    text += field(QStringLiteral("token_endpoint_auth_methods"), metadata.tokenEndpointAuthMethodsSupported.join(separator));
    text += field(QStringLiteral("iss in the authorization response"),
                  metadata.authorizationResponseIssParameterSupported ? QStringLiteral("supported (RFC 9207)")
                                                                       : QStringLiteral("not advertised"));
    const QStringList insecure = oidc::flow::insecureLoopbackEndpoints(metadata);
    if (!insecure.isEmpty())
        text += QStringLiteral("\n⚠ plain http on loopback: ") + insecure.join(separator) + QLatin1Char('\n');
    return text;
}

} // namespace ui

#include "moc_DiscoveryStepPage.cpp"
