// The Social Login & SSO area (ui/descope/SocialLoginPanel) in the main window, against the
// built-in sandbox started in-process as the app starts it, driven through its widgets with the
// system browser: the test plays the browser over HTTP — it fetches the stand-in page the start
// answered, posts its form as a person would, and follows the redirect to the app's loopback
// listener (or pastes it). A social sign-in end to end (start → stand-in page → listener →
// exchange → the session shown with its checks and current in the app), the stand-in's Cancel
// (access_denied: a refusal, the earlier session stays), a spent code exchanged again (refused,
// shown), tenant SSO by tenant ID and by email with the tenant and its mapped roles in the
// session's claims, and the refusals of a tenant without SSO settings and of a provider name the
// core cannot send. The tenant's SSO settings are configured through the management API with the
// key the sandbox printed, as QA would.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/AreaExchangeModel.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/SessionView.h"
#include "ui/descope/SocialLoginPanel.h"
#include "ui/flow/ProfileManager.h"

#include "ui/Presentation.h"

#include "oidc/descope/DescopeNarration.h"
#include "oidc/descope/ManagementClient.h"
#include "oidc/diagram/SequenceRecorder.h"
#include "oidc/diagram/SequenceSvg.h"

#include "sandbox/SandboxHost.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

#include <memory>
#include <optional>

namespace tst_social {

using descope_testing::waitFor;
using testing_ui::child;

const QString kGlobex = QStringLiteral("T2SbxGlobex00000000000000001");
const QString kAcme = QStringLiteral("T2SbxAcme0000000000000000001");

struct SocialHttpAnswer final {
    int status = 0;
    QByteArray body;
    QUrl location; // a redirect's Location, resolved
};

// The browser-hop arrows of an exported sequence diagram: "<from>→<to> <outcome>" each, in order.
QStringList socialHopArrows(const QString &svg)
{
    QStringList hops;
    QXmlStreamReader reader(svg);
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement() || reader.name() != QLatin1String("g"))
            continue;
        const QStringList classes = reader.attributes().value(QLatin1String("class")).toString().split(QLatin1Char(' '));
        if (classes.size() == 3 && classes[0] == QLatin1String("arrow") && classes[1] == QLatin1String("hop"))
            hops << reader.attributes().value(QLatin1String("data-from")).toString() + QStringLiteral("→")
                        + reader.attributes().value(QLatin1String("data-to")).toString() + QLatin1Char(' ') + classes[2];
    }
    if (reader.hasError())
        qWarning("SVG: %s", qPrintable(reader.errorString()));
    return reader.hasError() ? QStringList() : hops;
}

class TestSocial final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void socialSignInEndToEnd();
    void aSignInIsDrawnAndNarratedWithTheCodeMasked();
    void cancelAtTheProviderIsARefusalAndTheSessionStays();
    void aReusedCodeIsRefusedAndShown();
    void cancelClosesTheListenerAndSendsNothingMore();
    void ssoByTenantIdCarriesTheTenantAndItsMappedRoles();
    void ssoByEmailPicksTheTenantThatOwnsTheDomain();
    void ssoForATenantWithoutSettingsIsRefused();
    void aProviderNameTheCoreCannotSendIsRefusedBeforeSending();
    void aRealProjectIsToldWhichRedirectUrlsWork();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] QWidget &panel() const { return *m_panel; }
    [[nodiscard]] QLabel &status() const { return *child<QLabel>(panel(), "runStatus"); }
    [[nodiscard]] QLabel &refusal() const { return *child<QLabel>(panel(), "socialRefusal"); }
    [[nodiscard]] int requests() const { return child<ui::AreaExchangeList>(panel(), "areaExchanges")->model()->rowCount(); }
    [[nodiscard]] bool requestsMention(const QString &text) const;

    // One HTTP request as a browser sends it (no redirect followed).
    SocialHttpAnswer fetch(const QUrl &url, const QByteArray &method = "GET", const QByteArray &form = {});
    // The page the start answered (opened by the panel's opener), its form posted with `fields`
    // (and its hidden inputs); the redirect it answered. Empty on failure (the test says why).
    QUrl answerPage(const QString &pageMarker, const QByteArray &fields);
    // Plays the browser through to the loopback listener: answerPage, then the redirect requested.
    QUrl signInThroughListener(const QString &pageMarker, const QByteArray &fields);
    // Clicks `button` and waits for the opener to get the page's URL.
    bool startAndOpen(const char *button);
    // Waits until no sign-in runs (Cancel is off).
    bool waitForEnd();
    void choose(const char *combo, int data);
    void configureGlobexSso();

    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    QWidget *m_panel = nullptr;
    QNetworkAccessManager m_browser;
    QUrl m_opened; // what the panel handed to the "system browser"
    bool m_ssoConfigured = false;
};

void TestSocial::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    m_window = std::make_unique<ui::MainWindow>(m_app->context.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(m_window->showArea(ui::areas::kSocialSso.toString()));
    m_panel = m_window->areaPanel(ui::areas::kSocialSso.toString());
    QVERIFY(m_panel);
    QCOMPARE(m_panel->objectName(), QStringLiteral("socialLoginPanel"));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *social = qobject_cast<ui::SocialLoginPanel *>(m_panel);
    QVERIFY(social);
    social->setSystemBrowserOpener([this](const QUrl &url) {
        m_opened = url;
        return true;
    });
    // The system browser: its redirect comes back to the app's loopback listener.
    choose("socialBrowserCombo", 1);
    QVERIFY(child<QComboBox>(panel(), "socialBrowserCombo")->currentData().toBool());
    // The sandbox's providers are the core's list.
    auto *providers = child<QComboBox>(panel(), "providerCombo");
    for (const char *provider : {"google", "github", "apple", "microsoft", "facebook", "gitlab"})
        QVERIFY2(providers->findText(QString::fromLatin1(provider)) >= 0, provider);
}

void TestSocial::init()
{
    // A sign-in an earlier test left waiting is cancelled, so that each test starts alone.
    if (auto *cancel = child<QPushButton>(panel(), "socialCancelButton"); cancel->isEnabled())
        cancel->click();
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(descope().hasProject());
    QVERIFY(waitFor([this] { return child<QPushButton>(panel(), "socialStartButton")->isEnabled(); }));
    choose("oauthOperationCombo", static_cast<int>(oidc::descope::OAuthOperation::SignUpOrIn));
    choose("ssoRouteCombo", static_cast<int>(oidc::descope::SsoRoute::Saml));
    m_opened.clear();
}

void TestSocial::cleanupTestCase()
{
    m_window.reset();
    m_app.reset();
}

void TestSocial::choose(const char *combo, int data)
{
    auto *box = child<QComboBox>(panel(), combo);
    box->setCurrentIndex(box->findData(data));
    QVERIFY2(box->currentIndex() >= 0, combo);
}

bool TestSocial::requestsMention(const QString &text) const
{
    const QAbstractItemModel *model = child<ui::AreaExchangeList>(panel(), "areaExchanges")->model();
    for (int row = 0; row < model->rowCount(); ++row)
        for (int column = 0; column < model->columnCount(); ++column)
            if (model->index(row, column).data().toString().contains(text))
                return true;
    return false;
}

SocialHttpAnswer TestSocial::fetch(const QUrl &url, const QByteArray &method, const QByteArray &form)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(15000);
    if (!form.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_browser.sendCustomRequest(request, method, form);
    SocialHttpAnswer answer;
    if (!waitFor([reply] { return reply->isFinished(); })) {
        reply->abort();
        reply->deleteLater();
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    if (const QByteArray location = reply->rawHeader("Location"); !location.isEmpty())
        answer.location = url.resolved(QUrl::fromEncoded(location));
    reply->deleteLater();
    return answer;
}

QUrl TestSocial::answerPage(const QString &pageMarker, const QByteArray &fields)
{
    if (m_opened.isEmpty()) {
        qWarning("the panel opened no page");
        return {};
    }
    const SocialHttpAnswer page = fetch(m_opened);
    if (page.status != 200 || !QString::fromUtf8(page.body).contains(pageMarker)) {
        qWarning("the stand-in page at %s answered %d without \"%s\"", qPrintable(m_opened.toString()), page.status, qPrintable(pageMarker));
        return {};
    }
    const testsupport::ParsedForm form = testsupport::parseLoginForm(page.body);
    QByteArray body = fields;
    for (const auto &[name, value] : form.fields)
        if (name == QLatin1String("s")) // the stand-in's hidden start reference
            body += "&s=" + QUrl::toPercentEncoding(value);
    const SocialHttpAnswer answered = fetch(m_opened.resolved(QUrl(form.action)), "POST", body);
    if (answered.status != 302 || answered.location.isEmpty()) {
        qWarning("the stand-in's form answered %d: %s", answered.status, answered.body.left(300).constData());
        return {};
    }
    return answered.location;
}

QUrl TestSocial::signInThroughListener(const QString &pageMarker, const QByteArray &fields)
{
    const QUrl redirect = answerPage(pageMarker, fields);
    if (redirect.isEmpty())
        return {};
    // The browser follows the redirect to the app's listener, which answers its static page.
    const SocialHttpAnswer landed = fetch(redirect);
    if (landed.status == 0)
        qWarning("the listener did not answer");
    return redirect;
}

bool TestSocial::startAndOpen(const char *button)
{
    m_opened.clear();
    child<QPushButton>(panel(), button)->click();
    return waitFor([this] { return !m_opened.isEmpty() || refusal().isVisible(); }) && !m_opened.isEmpty();
}

bool TestSocial::waitForEnd()
{
    auto *cancel = child<QPushButton>(panel(), "socialCancelButton");
    return waitFor([cancel] { return !cancel->isEnabled(); });
}

void TestSocial::configureGlobexSso()
{
    if (m_ssoConfigured)
        return;
    sandbox::SandboxHost *host = descope().sandbox();
    QVERIFY(host);
    QVERIFY(!host->managementKey().isEmpty());
    oidc::descope::ManagementClient management(m_app->context->transport(), *descope().project(), host->managementKey().toStdString());
    oidc::descope::SamlSettings settings;
    settings.idpUrl = "https://idp.globex.test/sso";
    settings.entityId = "https://idp.globex.test";
    settings.roleMappings = {{{"ops"}, "admin"}};
    std::optional<oidc::Result<oidc::Json>> answer;
    (void)management.call(oidc::descope::mgmt::configureSamlSettings(kGlobex.toStdString(), settings, {"globex.test"}),
                          [&answer](oidc::Result<oidc::Json> result) { answer = std::move(result); });
    QVERIFY(waitFor([&answer] { return answer.has_value(); }));
    QVERIFY2(answer->ok(), answer->ok() ? "" : answer->error().summary().c_str());
    m_ssoConfigured = true;
}

void TestSocial::socialSignInEndToEnd()
{
    descope().clearSession();
    const QString email = QStringLiteral("social-%1@example.com").arg(QDateTime::currentMSecsSinceEpoch());
    auto *providers = child<QComboBox>(panel(), "providerCombo");
    providers->setCurrentIndex(providers->findText(QStringLiteral("github")));
    const int before = requests();
    QVERIFY2(startAndOpen("socialStartButton"), qPrintable(refusal().text()));
    // The page Descope answered is the sandbox's GitHub stand-in, shown in the steps.
    QCOMPARE(m_opened.path(), QStringLiteral("/sandbox/social/github"));
    QVERIFY(child<QLineEdit>(panel(), "socialProviderUrl")->text().contains(QStringLiteral("/sandbox/social/github")));
    const QString sent = child<QLineEdit>(panel(), "socialRedirectSent")->text();
    QVERIFY2(sent.startsWith(QStringLiteral("http://127.0.0.1:")) && sent.endsWith(QStringLiteral("/descope/callback")), qPrintable(sent));
    QVERIFY(child<QPushButton>(panel(), "socialCancelButton")->isEnabled());

    const QUrl redirect = signInThroughListener(QStringLiteral("sandbox stand-in"),
                                                "email=" + QUrl::toPercentEncoding(email) + "&name=Sam%20Social&action=continue");
    QVERIFY(!redirect.isEmpty());
    QVERIFY2(redirect.toString().startsWith(sent), qPrintable(redirect.toString()));
    const QString code = QUrlQuery(redirect).queryItemValue(QStringLiteral("code"));
    QVERIFY(!code.isEmpty());
    QVERIFY(waitForEnd());
    QVERIFY2(!refusal().isVisible(), qPrintable(refusal().text()));
    QVERIFY2(status().text().contains(QStringLiteral("Signed in as %1 with github").arg(email)), qPrintable(status().text()));

    // The session: the app's current one, from this area, shown trusted with its checks.
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().sessionArea(), ui::descope_area::kSocialSso.toString());
    QCOMPARE(descope().session()->loginIds.front(), email.toStdString());
    QVERIFY(descope().session()->user);
    const oidc::Json &user = descope().session()->user->raw;
    QVERIFY2(user.contains("OAuth") && user.at("OAuth").value("github", false), user.dump().c_str());
    auto *session = child<ui::SessionView>(panel(), "session");
    QVERIFY(!session->isEmpty());
    QVERIFY(session->isTrusted());
    QVERIFY(child<QPlainTextEdit>(panel(), "sessionUser")->toPlainText().contains(QStringLiteral("\"github\": true")));

    // The code: redacted, shown only while "Show code" is held down.
    auto *codeField = child<QLineEdit>(panel(), "socialCode");
    QVERIFY(!codeField->text().isEmpty());
    QVERIFY2(!codeField->text().contains(code), "the code is shown redacted");
    QVERIFY(!child<QLineEdit>(panel(), "socialRedirectBack")->text().contains(code));
    child<QTabWidget>(panel(), "socialTabs")->setCurrentWidget(child<QWidget>(panel(), "socialExchangeView"));
    auto *show = child<QPushButton>(panel(), "socialShowCode");
    QTest::mousePress(show, Qt::LeftButton);
    QCOMPARE(codeField->text(), code);
    QTest::mouseRelease(show, Qt::LeftButton);
    QVERIFY(!codeField->text().contains(code));
    QVERIFY2(child<QLabel>(panel(), "socialExchange")->text().contains(QStringLiteral("v1/auth/oauth/exchange {code}, sent once")),
             qPrintable(child<QLabel>(panel(), "socialExchange")->text()));
    // Start and exchange listed under Requests.
    QVERIFY(waitFor([&] { return requests() >= before + 2; }));
    QVERIFY(requestsMention(QStringLiteral("v1/auth/oauth/authorize")));
    QVERIFY(requestsMention(QStringLiteral("v1/auth/oauth/exchange")));
}

void TestSocial::aSignInIsDrawnAndNarratedWithTheCodeMasked()
{
    // The window's sequence diagram follows the area's browser hops as it follows the flow page's.
    auto *recorder = m_window->findChild<oidc::diagram::SequenceRecorder *>();
    QVERIFY(recorder);
    const int hopsBefore = static_cast<int>(socialHopArrows(oidc::diagram::toSvg(recorder->model())).size());
    m_window->setPresenting(true);
    QSignalSpy narrated(&ui::Presentation::instance(), &ui::Presentation::narrationChanged);

    const QString email = QStringLiteral("drawn-%1@example.com").arg(QDateTime::currentMSecsSinceEpoch());
    auto *providers = child<QComboBox>(panel(), "providerCombo");
    providers->setCurrentIndex(providers->findText(QStringLiteral("gitlab")));
    QVERIFY2(startAndOpen("socialStartButton"), qPrintable(refusal().text()));
    const QUrl redirect = signInThroughListener(QStringLiteral("sandbox stand-in"),
                                                "email=" + QUrl::toPercentEncoding(email) + "&name=Dee%20Drawn&action=continue");
    QVERIFY(!redirect.isEmpty());
    const QString code = QUrlQuery(redirect).queryItemValue(QStringLiteral("code"));
    QVERIFY(!code.isEmpty());
    QVERIFY(waitForEnd());
    QVERIFY2(!refusal().isVisible(), qPrintable(refusal().text()));

    // Four hops: the page handed to the browser, the browser at the provider, the provider's
    // redirect, the browser back at the app — accepted. The code is in neither text.
    const QString svg = oidc::diagram::toSvg(recorder->model());
    const QStringList hops = socialHopArrows(svg).mid(hopsBefore);
    QCOMPARE(hops, (QStringList{QStringLiteral("app→browser neutral"), QStringLiteral("browser→authserver neutral"),
                                QStringLiteral("authserver→browser neutral"), QStringLiteral("browser→app good")}));
    QVERIFY(svg.contains(QStringLiteral("GET /sandbox/social/gitlab")));
    QVERIFY(svg.contains(QStringLiteral("GET /descope/callback?code")));
    QVERIFY(!svg.contains(code));

    // Presenting: "Show code" held down keeps the code redacted.
    child<QTabWidget>(panel(), "socialTabs")->setCurrentWidget(child<QWidget>(panel(), "socialExchangeView"));
    auto *codeField = child<QLineEdit>(panel(), "socialCode");
    auto *show = child<QPushButton>(panel(), "socialShowCode");
    QTest::mousePress(show, Qt::LeftButton);
    QVERIFY(!codeField->text().isEmpty());
    QVERIFY2(!codeField->text().contains(code), "presenting: the code stays redacted");
    QTest::mouseRelease(show, Qt::LeftButton);

    // The narration: start, the browser, the exchange, signed in — the core's sentences.
    using oidc::descope::DescopeMove;
    QStringList sentences;
    for (const QList<QVariant> &arguments : std::as_const(narrated))
        sentences << arguments.at(0).toString();
    QStringList expected;
    for (const DescopeMove move : {DescopeMove::SocialStart, DescopeMove::SocialBrowser, DescopeMove::SocialExchange, DescopeMove::SignedIn})
        expected << oidc::descope::descopeNarration(move);
    QCOMPARE(sentences, expected);
    QCOMPARE(child<QLabel>(*m_window, "narrationText")->text(), oidc::descope::descopeNarration(DescopeMove::SignedIn));
    m_window->setPresenting(false);
    QTest::mousePress(show, Qt::LeftButton);
    QCOMPARE(codeField->text(), code); // the everyday window shows it while held
    QTest::mouseRelease(show, Qt::LeftButton);
}

void TestSocial::cancelAtTheProviderIsARefusalAndTheSessionStays()
{
    const auto earlier = descope_testing::otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, QStringLiteral("alice@example.com"));
    QVERIFY2(earlier.ok(), earlier.ok() ? "" : earlier.result.error().summary().c_str());
    QVERIFY(waitFor([this] { return descope().hasSession(); }));
    const std::string refresh = descope().session()->refreshJwt;
    auto *providers = child<QComboBox>(panel(), "providerCombo");
    providers->setCurrentIndex(providers->findText(QStringLiteral("google")));
    QVERIFY2(startAndOpen("socialStartButton"), qPrintable(refusal().text()));
    const QUrl redirect = signInThroughListener(QStringLiteral("Cancel"), "action=cancel");
    QVERIFY(!redirect.isEmpty());
    QCOMPARE(QUrlQuery(redirect).queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QVERIFY(waitForEnd());
    QVERIFY(refusal().isVisible());
    QVERIFY2(refusal().text().contains(QStringLiteral("The provider refused")), qPrintable(refusal().text()));
    QVERIFY2(refusal().text().contains(QStringLiteral("access_denied")), qPrintable(refusal().text()));
    QVERIFY2(status().text().contains(QStringLiteral("earlier Descope session stays")), qPrintable(status().text()));
    // Nothing was exchanged; the earlier session is still the app's.
    QCOMPARE(child<QLabel>(panel(), "socialExchange")->text(), QStringLiteral("Not sent yet."));
    QVERIFY(!child<QPushButton>(panel(), "socialReplayButton")->isEnabled());
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().session()->refreshJwt, refresh);
    QCOMPARE(descope().sessionArea(), ui::descope_area::kMagicLinkOtp.toString());
}

void TestSocial::aReusedCodeIsRefusedAndShown()
{
    auto *providers = child<QComboBox>(panel(), "providerCombo");
    providers->setCurrentIndex(providers->findText(QStringLiteral("gitlab")));
    QVERIFY2(startAndOpen("socialStartButton"), qPrintable(refusal().text()));
    // This time the redirect is pasted, as after a browser that landed where the app does not listen.
    const QUrl redirect = answerPage(QStringLiteral("sandbox stand-in"), "identity=bob%40example.com&action=continue");
    QVERIFY(!redirect.isEmpty());
    child<QLineEdit>(panel(), "socialPasteEdit")->setText(redirect.toString());
    QVERIFY(child<QPushButton>(panel(), "socialPasteButton")->isEnabled());
    child<QPushButton>(panel(), "socialPasteButton")->click();
    QVERIFY(waitForEnd());
    QVERIFY2(status().text().contains(QStringLiteral("Signed in as bob@example.com with gitlab")), qPrintable(status().text()));
    const std::string refresh = descope().session()->refreshJwt;

    auto *replay = child<QPushButton>(panel(), "socialReplayButton");
    QVERIFY(replay->isEnabled());
    const int before = requests();
    replay->click();
    QVERIFY(waitFor([this] { return refusal().isVisible(); }));
    QVERIFY2(refusal().text().contains(QStringLiteral("Exchanging the same code again refused")), qPrintable(refusal().text()));
    QVERIFY2(refusal().text().contains(QStringLiteral("HTTP 401")), qPrintable(refusal().text()));
    QVERIFY2(status().text().contains(QStringLiteral("a code is exchanged once")), qPrintable(status().text()));
    const QString exchange = child<QLabel>(panel(), "socialExchange")->text();
    QVERIFY2(exchange.contains(QStringLiteral("sent 2 times")) && exchange.contains(QStringLiteral("refused")), qPrintable(exchange));
    QVERIFY(waitFor([&] { return requests() > before; }));
    // The refused replay changed nothing.
    QCOMPARE(descope().session()->refreshJwt, refresh);
}

void TestSocial::cancelClosesTheListenerAndSendsNothingMore()
{
    QVERIFY2(startAndOpen("socialStartButton"), qPrintable(refusal().text()));
    const QUrl listener(child<QLineEdit>(panel(), "socialRedirectSent")->text());
    QVERIFY(listener.port() > 0);
    const int before = requests();
    child<QPushButton>(panel(), "socialCancelButton")->click();
    QVERIFY(waitForEnd());
    QVERIFY2(status().text().startsWith(QStringLiteral("Cancelled")), qPrintable(status().text()));
    QVERIFY(!refusal().isVisible());
    // The stand-in still answers (the person may go on there), but the app no longer listens.
    const QUrl redirect = answerPage(QStringLiteral("sandbox stand-in"), "identity=alice%40example.com&action=continue");
    QVERIFY(!redirect.isEmpty());
    QVERIFY(waitFor([&] { return fetch(redirect).status == 0; }, 5000));
    QCOMPARE(requests(), before);
}

void TestSocial::ssoByTenantIdCarriesTheTenantAndItsMappedRoles()
{
    configureGlobexSso();
    auto *target = child<QLineEdit>(panel(), "ssoTargetEdit");
    target->setText(kGlobex);
    QVERIFY2(child<QLabel>(panel(), "ssoTargetKind")->text().startsWith(QStringLiteral("A tenant ID")),
             qPrintable(child<QLabel>(panel(), "ssoTargetKind")->text()));
    QVERIFY2(startAndOpen("ssoStartButton"), qPrintable(refusal().text()));
    QVERIFY(m_opened.path().startsWith(QStringLiteral("/sandbox/sso/idp/")));
    QVERIFY(!signInThroughListener(QStringLiteral("identity provider (sandbox stand-in)"),
                                   "email=pat%40globex.test&group=ops&action=signin")
                 .isEmpty());
    QVERIFY(waitForEnd());
    QVERIFY2(!refusal().isVisible(), qPrintable(refusal().text()));
    QVERIFY2(status().text().contains(QStringLiteral("tenant %1, roles there: admin").arg(kGlobex)), qPrintable(status().text()));
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().sessionArea(), ui::descope_area::kSocialSso.toString());
    const oidc::Json &claims = descope().session()->session.claims();
    QCOMPARE(claims.value("dct", std::string()), kGlobex.toStdString());
    QVERIFY2(claims.contains("tenants") && claims.at("tenants").contains(kGlobex.toStdString()), claims.dump().c_str());
    const oidc::Json roles = claims.at("tenants").at(kGlobex.toStdString()).value("roles", oidc::Json::array());
    QVERIFY2(roles == oidc::Json::array({"admin"}), roles.dump().c_str());
    QVERIFY(child<ui::SessionView>(panel(), "session")->isTrusted());
    QVERIFY(requestsMention(QStringLiteral("v1/auth/saml/authorize")));
    QVERIFY(requestsMention(QStringLiteral("v1/auth/saml/exchange")));
}

void TestSocial::ssoByEmailPicksTheTenantThatOwnsTheDomain()
{
    configureGlobexSso();
    choose("ssoRouteCombo", static_cast<int>(oidc::descope::SsoRoute::Sso));
    auto *target = child<QLineEdit>(panel(), "ssoTargetEdit");
    target->setText(QStringLiteral("kim@globex.test"));
    const QString kind = child<QLabel>(panel(), "ssoTargetKind")->text();
    QVERIFY2(kind.startsWith(QStringLiteral("An email")) && kind.contains(QStringLiteral("globex.test")), qPrintable(kind));
    QVERIFY2(startAndOpen("ssoStartButton"), qPrintable(refusal().text()));
    QVERIFY(!signInThroughListener(QStringLiteral("identity provider (sandbox stand-in)"), "email=kim%40globex.test&action=signin").isEmpty());
    QVERIFY(waitForEnd());
    QVERIFY2(!refusal().isVisible(), qPrintable(refusal().text()));
    QCOMPARE(descope().session()->loginIds.front(), std::string("kim@globex.test"));
    const oidc::Json &claims = descope().session()->session.claims();
    QCOMPARE(claims.value("dct", std::string()), kGlobex.toStdString());
    QVERIFY2(claims.contains("tenants") && claims.at("tenants").contains(kGlobex.toStdString()), claims.dump().c_str());
    QVERIFY2(status().text().contains(QStringLiteral("with SSO (tenant %1").arg(kGlobex)), qPrintable(status().text()));
    QVERIFY(requestsMention(QStringLiteral("v1/auth/sso/authorize")));
    QVERIFY(requestsMention(QStringLiteral("v1/auth/sso/exchange")));
}

void TestSocial::ssoForATenantWithoutSettingsIsRefused()
{
    const auto earlier = descope().session();
    child<QLineEdit>(panel(), "ssoTargetEdit")->setText(kAcme);
    child<QPushButton>(panel(), "ssoStartButton")->click();
    QVERIFY(waitFor([this] { return refusal().isVisible(); }));
    QVERIFY(waitForEnd());
    QVERIFY2(refusal().text().contains(QStringLiteral("The SSO start refused")), qPrintable(refusal().text()));
    QVERIFY2(refusal().text().contains(QStringLiteral("has no SSO settings")), qPrintable(refusal().text()));
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(descope().session().has_value(), earlier.has_value());
}

void TestSocial::aProviderNameTheCoreCannotSendIsRefusedBeforeSending()
{
    const int before = requests();
    child<QComboBox>(panel(), "providerCombo")->setEditText(QStringLiteral("Not A Provider"));
    child<QPushButton>(panel(), "socialStartButton")->click();
    QVERIFY(waitFor([this] { return refusal().isVisible(); }));
    QVERIFY2(refusal().text().contains(QStringLiteral("DESCOPE_PROVIDER")), qPrintable(refusal().text()));
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(requests(), before);
    // The listener opened for it was closed again.
    QVERIFY(waitForEnd());
    child<QComboBox>(panel(), "providerCombo")->setCurrentIndex(0);
}

void TestSocial::aRealProjectIsToldWhichRedirectUrlsWork()
{
    auto *note = child<QLabel>(panel(), "socialRedirectNote");
    QVERIFY2(note->text().contains(QStringLiteral("only to loopback URLs")), qPrintable(note->text()));
    oidc::flow::ProviderProfile real;
    real.name = QStringLiteral("A real project");
    real.kind = oidc::flow::ProviderKind::DescopeProject;
    real.descopeProjectId = QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z");
    m_app->context->profiles().setCurrent(m_app->context->profiles().add(real));
    QVERIFY(!descope().isSandbox());
    QVERIFY(descope().hasProject());
    QVERIFY2(note->text().contains(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("only to a redirect URL it allows")), qPrintable(note->text()));
    // The sandbox's hint (SSO settings first) is the sandbox's alone.
    child<QLineEdit>(panel(), "ssoTargetEdit")->clear();
    QVERIFY2(!child<QLabel>(panel(), "ssoTargetKind")->text().contains(QStringLiteral("Sandbox:")), qPrintable(child<QLabel>(panel(), "ssoTargetKind")->text()));
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY2(note->text().contains(QStringLiteral("only to loopback URLs")), qPrintable(note->text()));
    QVERIFY(child<QLabel>(panel(), "ssoTargetKind")->text().contains(QStringLiteral("Sandbox: Globex has SSO from the start")));
}

} // namespace tst_social

OIDCPLAY_QTEST_MAIN(tst_social, tst_social::TestSocial)
#include "tst_social.moc"
