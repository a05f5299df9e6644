// oidcplay-cli descope oauth / sso: the sign-ins that go through a browser (issue 15): start
// (social login: OAuthApi; tenant SSO: SsoApi) with a loopback redirect URL, the system browser
// at the URL Descope answers (or the URL printed, as `login --no-browser` does), the redirect's
// code captured on 127.0.0.1 (BrowserRedirect, the listener `login` uses), then the exchange.
// Descope's redirect carries no state of ours: a request to the redirect path without a code or
// an error is stray and the wait goes on; an error (the person cancelled: access_denied) ends it.

#include "BrowserRedirect.h"
#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

#include "oidc/descope/OAuthApi.h"
#include "oidc/descope/SsoApi.h"

#include <functional>

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using oidc::flow::RedirectWait;
using namespace oidc::descope;

namespace {

const QString kDescopeRedirectPath = QStringLiteral("/callback");

// The options both commands take besides DescopeRun's.
struct BrowserOptions final {
    QCommandLineOption port{QStringLiteral("redirect-port"), QStringLiteral("Listener port on 127.0.0.1 (default 0: any free port)."),
                            QStringLiteral("N"), QStringLiteral("0")};
    QCommandLineOption noBrowser{QStringLiteral("no-browser"),
                                 QStringLiteral("Do not open a browser: print 'authorize_url: <URL>' on stderr and wait.")};
    QCommandLineOption timeout{QStringLiteral("timeout"), QStringLiteral("Seconds to wait for the redirect (default 300)."),
                               QStringLiteral("SECONDS"), QStringLiteral("300")};

    [[nodiscard]] QList<QCommandLineOption> list() const { return {port, noBrowser, timeout}; }
};

// The redirect's code (accepted), the provider's or the person's refusal (the wait ends with it),
// or anything else on the redirect path (stray: reported, the wait goes on).
RedirectWait::Verdict judgeDescopeRedirect(const QUrl &redirect)
{
    auto code = oauthCodeFromRedirect(redirect.toString(QUrl::FullyEncoded).toStdString());
    if (code)
        return RedirectWait::Verdict::accepted();
    if (code.error().code == "DESCOPE_OAUTH_DENIED")
        return RedirectWait::Verdict::refused(code.error());
    printErr("warning: a request reached the redirect path without a code; still waiting: " + code.error().summary());
    return RedirectWait::Verdict::stray(code.error());
}

// listen → start(redirect URI) → browser → redirect → exchange(code): the session, with `out`.
int signInThroughBrowser(DescopeRun &run, const BrowserOptions &options, Json out,
                         const std::function<oidc::Result<std::string>(const std::string &redirectUri)> &start,
                         const std::function<SessionOutcome(const std::string &code)> &exchange)
{
    const auto port = BrowserRedirect::parsePort(run.parser().value(options.port));
    if (!port)
        return run.fail(port.error());
    bool numeric = false;
    const int timeoutSeconds = run.parser().value(options.timeout).toInt(&numeric);
    if (!numeric || timeoutSeconds <= 0)
        return run.fail(makeError(ErrorCategory::Input, "USAGE", "--timeout must be a positive number of seconds"));

    BrowserRedirect browser;
    if (auto listening = browser.listen(*port, kDescopeRedirectPath, timeoutSeconds, judgeDescopeRedirect); !listening)
        return run.fail(listening.error());
    out["redirectUri"] = browser.redirectUri().toStdString();
    auto url = start(browser.redirectUri().toStdString());
    if (!url)
        return run.finish(std::move(out), url.error());
    auto redirect = browser.openAndWait(QString::fromStdString(*url), run.parser().isSet(options.noBrowser));
    if (!redirect) {
        // The person cancelled or the provider refused: an answer, not a bad argument.
        if (redirect.error().code == "DESCOPE_OAUTH_DENIED")
            return run.refused(std::move(out), redirect.error());
        return run.finish(std::move(out), redirect.error());
    }
    auto code = oauthCodeFromRedirect(redirect->toString(QUrl::FullyEncoded).toStdString());
    if (!code)
        return run.finish(std::move(out), code.error());
    return run.finishSession(std::move(out), exchange(*code));
}

std::string oauthProviderList()
{
    std::string names;
    for (const std::string_view name : oauthProviders())
        names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}

} // namespace

int runDescopeOAuth(const QString &, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope oauth --provider P [--variant authorize|signin|signup] [--redirect-port N] [--no-browser] "
                                  "[--timeout SECONDS] --project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const QCommandLineOption provider(QStringLiteral("provider"),
                                      QString::fromStdString("The social login provider (" + oauthProviderList() + ", or a custom one's name)."),
                                      QStringLiteral("P"));
    const QCommandLineOption variant(QStringLiteral("variant"),
                                     QStringLiteral("authorize (sign up or in, default), signin (existing users only) or signup (new users only)."),
                                     QStringLiteral("V"), QStringLiteral("authorize"));
    const BrowserOptions options;
    if (auto exit = run.parse(arguments, options.list() << provider << variant))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    OAuthStart start;
    auto providerName = run.required(provider);
    if (!providerName)
        return run.fail(providerName.error());
    start.provider = *providerName;
    const QString variantName = run.parser().value(variant);
    if (variantName == QLatin1String("signin"))
        start.operation = OAuthOperation::SignIn;
    else if (variantName == QLatin1String("signup"))
        start.operation = OAuthOperation::SignUp;
    else if (variantName != QLatin1String("authorize"))
        return run.fail(makeError(ErrorCategory::Input, "USAGE", "--variant must be authorize, signin or signup", "authorize|signin|signup",
                                  variantName.toStdString()));
    return signInThroughBrowser(
        run, options, {{"provider", start.provider}, {"variant", variantName.toStdString()}},
        [&](const std::string &redirectUri) -> oidc::Result<std::string> {
            start.redirectUrl = redirectUri;
            auto started = (*client)->startOAuth(start);
            if (!started)
                return started.error();
            return started->url;
        },
        [&](const std::string &code) { return (*client)->exchangeOAuth(code); });
}

int runDescopeSso(const QString &, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope sso (--tenant T | --email E) [--endpoint saml|sso] [--redirect-port N] [--no-browser] "
                                  "[--timeout SECONDS] --project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const QCommandLineOption tenant(QStringLiteral("tenant"), QStringLiteral("The tenant ID whose identity provider signs the user in."),
                                    QStringLiteral("T"));
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("An email whose domain a tenant's SSO settings own."),
                                   QStringLiteral("E"));
    // Which of Descope's two start/exchange pairs: the tenant's settings, not the client, decide
    // whether its IdP speaks SAML or OIDC.
    const QCommandLineOption endpoint(QStringLiteral("endpoint"),
                                      QStringLiteral("saml: /v1/auth/saml/* (the SDK's saml.start, default); sso: /v1/auth/sso/* (sso.start)."),
                                      QStringLiteral("saml|sso"), QStringLiteral("saml"));
    const BrowserOptions options;
    if (auto exit = run.parse(arguments, options.list() << tenant << email << endpoint))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    if (run.parser().isSet(tenant) == run.parser().isSet(email))
        return run.fail(makeError(ErrorCategory::Input, "USAGE", "give exactly one of --tenant or --email"));
    auto tenantOrEmail = run.required(run.parser().isSet(tenant) ? tenant : email);
    if (!tenantOrEmail)
        return run.fail(tenantOrEmail.error());
    SsoStart start;
    start.tenantOrEmail = *tenantOrEmail;
    const QString endpointName = run.parser().value(endpoint);
    if (endpointName == QLatin1String("sso"))
        start.route = SsoRoute::Sso;
    else if (endpointName != QLatin1String("saml"))
        return run.fail(makeError(ErrorCategory::Input, "USAGE", "--endpoint must be saml or sso", "saml|sso", endpointName.toStdString()));
    const std::string chosen = run.parser().isSet(tenant) ? "tenant" : "email";
    return signInThroughBrowser(
        run, options, {{chosen, start.tenantOrEmail}, {"endpoint", endpointName.toStdString()}},
        [&](const std::string &redirectUri) -> oidc::Result<std::string> {
            start.redirectUrl = redirectUri;
            auto started = (*client)->startSso(start);
            if (!started)
                return started.error();
            return started->url;
        },
        [&](const std::string &code) { return (*client)->exchangeSso(code, start.route); });
}

} // namespace cli
