// The flow page against the built-in sandbox in system-browser mode, the test playing the browser
// over HTTP: every step one at a time with its state, records and checks; the tokens panel;
// refresh (manual and automatic), revoke, logout; a refused ID token that keeps the earlier
// session; a forged callback that is listed while the flow goes on; what the user typed survives
// errors; insecure settings show warnings.

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"
#include "QtTestMain.h"

#include "tests/ui/FindChild.h"

#include "ui/AppContext.h"
#include "ui/CheckListModel.h"
#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/flow/BrowserPane.h"
#include "ui/flow/FlowPage.h"
#include "ui/flow/FlowSettingsPanel.h"
#include "ui/flow/ProfileManager.h"
#include "ui/flow/TokensPanel.h"
#include "ui/widgets/TabbedPages.h"

#include "oidc/net/ExchangeLog.h"
#include "sandbox/SandboxHost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTreeView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

namespace tst_flowpage {

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;
using ui::TokensPanel;
using testing_ui::child;

constexpr int kTimeout = 20000;

QString stateName(ui::FlowPage &page, Step step)
{
    const auto &entry = page.runner()->steps()->entry(step);
    QString text = ui::FlowStepModel::stateText(entry.state);
    if (!entry.summary.isEmpty())
        text += QStringLiteral(": ") + entry.summary;
    return text;
}

// The flow page on a fresh app with the sandbox running, in system-browser mode, with the test
// playing the browser as alice.
struct Fixture final {
    std::unique_ptr<testsupport::TestApp> app;
    std::unique_ptr<ui::FlowPage> page;
    testsupport::BrowserPlayer player;
    QString login = QStringLiteral("alice@example.com");
    QList<QUrl> opened;
    // Sent to the listener before the real browser answers (forged callbacks, probes).
    QList<QUrl> before;

    bool setUp()
    {
        app = testsupport::makeTestApp();
        if (!testsupport::startSandbox(*app->context))
            return false;
        page = std::make_unique<ui::FlowPage>(*app->context);
        page->resize(1100, 760);
        page->show();
        // The user switches the flow to the system browser.
        child<QRadioButton>(*page, "systemBrowserRadio")->click();
        page->flushSettings();
        page->setSystemBrowserOpener([this](const QUrl &url) {
            opened << url;
            const QString target = testsupport::redirectTarget(url);
            for (const QUrl &probe : std::as_const(before)) {
                QUrl resolved = QUrl(target).resolved(probe);
                player.get(resolved);
            }
            before.clear();
            // Like a real browser, a moment later.
            QTimer::singleShot(50, &player, [this, url, target] { player.play(url, login, target); });
            return true;
        });
        return true;
    }

    [[nodiscard]] ui::FlowStepModel *steps() const { return page->runner()->steps(); }
    [[nodiscard]] State state(Step step) const { return steps()->state(step); }
    [[nodiscard]] ui::AppContext &context() const { return *app->context; }
};

class TestFlowPage final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void stepByStepThenRefreshRevokeLogout();
    void runAllListsAForgedCallbackAndGoesOn();
    void refusedIdTokenKeepsTheEarlierSession();
    void wrongNonceFailsItsCheck();
    void whatTheUserTypedSurvivesErrors();
    void insecureSettingsShowWarnings();
    void cancelStopsTheWaitingBrowserStep();
    void providerErrorEndsTheBrowserStep();
    void unavailableEmbeddedBrowserOffersTheSystemBrowser();
};

void TestFlowPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFlowPage::stepByStepThenRefreshRevokeLogout()
{
    Fixture f;
    QVERIFY(f.setUp());
    ui::FlowPage &page = *f.page;
    const oidc::net::ExchangeLog &log = f.context().exchangeLog();
    QCOMPARE(f.context().profiles().currentId(), ui::ProfileManager::sandboxId());
    QVERIFY(page.runner()->profile().issuer.startsWith(QStringLiteral("http://127.0.0.1:")));
    for (int i = 0; i < ui::FlowStepModel::kStepCount; ++i)
        QCOMPARE(f.state(static_cast<Step>(i)), State::Pending);

    // 1. Discovery, with its request and response from the exchange log.
    child<QPushButton>(page, "nextStepButton")->click();
    QCOMPARE(f.state(Step::Discovery), State::Running);
    QVERIFY(!child<QPushButton>(page, "nextStepButton")->isEnabled());
    QVERIFY(child<QPushButton>(page, "cancelButton")->isEnabled());
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Discovery) == State::Ok, qPrintable(stateName(*f.page, Step::Discovery)), kTimeout);
    QCOMPARE(f.steps()->entry(Step::Discovery).recordIds.size(), 1);
    QCOMPARE(page.selectedStep(), Step::Discovery);
    // The detail follows on the next repaint-sized turn (it is coalesced while a flow runs).
    QTRY_VERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("/.well-known/openid-configuration")));
    ui::TabbedPages *exchangeTabs = child<ui::TabbedPages>(page, "exchangeTabs");
    QVERIFY(child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().isEmpty()); // filled when its tab is shown
    exchangeTabs->setCurrentIndex(1);
    QVERIFY(child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().startsWith(QStringLiteral("HTTP 200")));
    exchangeTabs->setCurrentIndex(0);
    QVERIFY(child<QLabel>(page, "stepStatusBanner")->text().startsWith(QStringLiteral("✔")));
    QCOMPARE(child<QLabel>(page, "stepStatusBanner")->textFormat(), Qt::PlainText);

    // 2. Keys.
    child<QPushButton>(page, "nextStepButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Keys) == State::Ok, qPrintable(stateName(*f.page, Step::Keys)), kTimeout);
    QCOMPARE(f.steps()->entry(Step::Keys).recordIds.size(), 1);
    QTRY_COMPARE(page.selectedStep(), Step::Keys);
    QTRY_VERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("jwks")));
    // Each pane is filled when it is shown, with the exchange selected then: a pane that showed
    // another step's exchange shows the new one (what a pane remembers follows the selection).
    QVERIFY(child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().contains(QStringLiteral("authorization_endpoint"))); // still step 1's, hidden
    exchangeTabs->setCurrentIndex(1);
    QVERIFY(child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().contains(QStringLiteral("\"keys\"")));
    QVERIFY(!child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().contains(QStringLiteral("authorization_endpoint")));
    page.selectStep(Step::Discovery);
    QVERIFY(child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().contains(QStringLiteral("authorization_endpoint")));
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("jwks"))); // hidden: not formatted again
    exchangeTabs->setCurrentIndex(0);
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("/.well-known/openid-configuration")));
    page.selectStep(Step::Keys);
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("jwks")));
    page.selectStep(Step::Prepare); // no exchange: the pane shown is emptied
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().isEmpty());
    page.selectStep(Step::Keys);

    // 3. PKCE, state, nonce fill the parameter table.
    ui::AuthorizeParameterTable *table = child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable");
    child<QPushButton>(page, "nextStepButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Prepare) == State::Ok, qPrintable(stateName(*f.page, Step::Prepare)), kTimeout);
    QCOMPARE(table->value(QStringLiteral("code_challenge")).size(), 43);
    QCOMPARE(table->value(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QVERIFY(!table->value(QStringLiteral("state")).isEmpty());
    QVERIFY(!table->value(QStringLiteral("nonce")).isEmpty());
    QCOMPARE(table->value(QStringLiteral("client_id")), f.context().sandbox()->projectId());
    QVERIFY(table->value(QStringLiteral("scope")).contains(QStringLiteral("offline_access")));
    QVERIFY(table->isRedirectUriAutomatic());
    QVERIFY(f.steps()->entry(Step::Prepare).recordIds.isEmpty()); // nothing goes over the network

    // The user adds parameters: a login hint, a Descope flow, a custom one.
    table->setValue(QStringLiteral("login_hint"), QStringLiteral("alice@example.com"));
    table->setValue(QStringLiteral("flow"), QStringLiteral("sign-up-or-in"));
    table->addParameter(QStringLiteral("x_custom"), QStringLiteral("hello world"));

    // 4. The authorization URL; the loopback listener's redirect URI goes into the table.
    child<QPushButton>(page, "nextStepButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Authorize) == State::Ok, qPrintable(stateName(*f.page, Step::Authorize)), kTimeout);
    const QString listener = page.runner()->listenerUri();
    QVERIFY2(listener.startsWith(QStringLiteral("http://127.0.0.1:")) && listener.endsWith(QStringLiteral("/callback")), qPrintable(listener));
    QCOMPARE(table->value(QStringLiteral("redirect_uri")), listener);
    const QUrlQuery query(page.runner()->authorizationUrl());
    QCOMPARE(query.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded), QStringLiteral("alice@example.com"));
    QCOMPARE(query.queryItemValue(QStringLiteral("flow")), QStringLiteral("sign-up-or-in"));
    QCOMPARE(query.queryItemValue(QStringLiteral("x_custom"), QUrl::FullyDecoded), QStringLiteral("hello world"));
    QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), listener);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    // The sandbox is plain http on loopback: the table says so.
    QVERIFY2(table->warnings().join(QLatin1Char(' ')).contains(QStringLiteral("http")), qPrintable(table->warnings().join(QLatin1Char('|'))));

    // 5. The system browser (the test) signs in; 6. the callback passes its checks.
    child<QPushButton>(page, "nextStepButton")->click();
    QCOMPARE(f.state(Step::Browser), State::Running);
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Ok, qPrintable(stateName(*f.page, Step::Browser)), kTimeout);
    QCOMPARE(f.opened.size(), 1);
    QCOMPARE(f.state(Step::Callback), State::Ok);
    QCOMPARE(child<QLabel>(page, "browserStatusLabel")->textFormat(), Qt::PlainText);
    page.selectStep(Step::Callback);
    ui::CheckListModel *callbackChecks = child<ui::CheckListView>(page, "callbackChecks")->model();
    for (const char *id : {"state", "iss", "code"}) {
        const int row = callbackChecks->rowOf(QString::fromLatin1(id));
        QVERIFY2(row >= 0, id);
        QCOMPARE(callbackChecks->checks()[static_cast<size_t>(row)].outcome, oidc::jwt::CheckOutcome::Pass);
    }

    // 7. Token exchange and 8. ID-token validation.
    child<QPushButton>(page, "nextStepButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::IdToken) == State::Ok, qPrintable(stateName(*f.page, Step::IdToken)), kTimeout);
    QCOMPARE(f.state(Step::Token), State::Ok);
    QCOMPARE(f.steps()->entry(Step::Token).recordIds.size(), 1);
    page.selectStep(Step::Token);
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("\ngrant_type = authorization_code\n")));
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("\ncode_verifier = ")));
    QVERIFY(child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(QStringLiteral("[redacted")));
    QVERIFY(!child<QPlainTextEdit>(page, "stepRequestText")->toPlainText().contains(page.runner()->session().session()->tokens.accessToken));
    page.selectStep(Step::IdToken);
    ui::CheckListModel *checks = child<ui::CheckListView>(page, "idTokenChecks")->model();
    QVERIFY(checks->rowCount() >= 8);
    for (const char *id : {"signature", "iss", "aud", "exp", "iat", "nonce", "sub"}) {
        const int row = checks->rowOf(QString::fromLatin1(id));
        QVERIFY2(row >= 0, id);
        QVERIFY2(checks->checks()[static_cast<size_t>(row)].outcome == oidc::jwt::CheckOutcome::Pass, id);
    }

    // The tokens panel shows the session, decoded, with live countdowns.
    TokensPanel *tokens = child<ui::TokensPanel>(page, "tokensPanel");
    QTRY_VERIFY(tokens->hasSession()); // the panel follows the session on the next turn
    QVERIFY(child<QLabel>(*tokens, "sessionLabel")->text().contains(QStringLiteral("alice@example.com")));
    const QString firstAccess = tokens->token(TokensPanel::Token::Access);
    QCOMPARE(firstAccess, page.runner()->session().session()->tokens.accessToken);
    QVERIFY(!tokens->token(TokensPanel::Token::Refresh).isEmpty());
    QVERIFY(!qobject_cast<ui::ClaimTreeModel *>(child<QTreeView>(*tokens, "idTokenTree")->model())->isEmpty());
    QVERIFY(qobject_cast<ui::ClaimTreeModel *>(child<QTreeView>(*tokens, "idTokenTree")->model())->memberIndex(1, QStringLiteral("nonce")).isValid());
    QCOMPARE(child<ui::ExpiryCountdown>(*tokens, "idTokenCountdown")->state(), ui::ExpiryCountdown::State::Valid);
    QCOMPARE(child<ui::ExpiryCountdown>(*tokens, "accessTokenCountdown")->state(), ui::ExpiryCountdown::State::Valid);
    QSignalSpy inspect(&page, &ui::FlowPage::openInInspector);
    page.findChild<QPushButton *>(QStringLiteral("idTokenInspectButton"))->click();
    QCOMPARE(inspect.size(), 1);
    QCOMPARE(inspect.first().first().toString(), page.runner()->session().session()->tokens.idToken);

    // 9. UserInfo; then the login is complete.
    child<QPushButton>(page, "nextStepButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(*f.page, Step::UserInfo)), kTimeout);
    QVERIFY(f.steps()->entry(Step::UserInfo).summary.contains(QStringLiteral("sub matches")));
    QVERIFY(!child<QPushButton>(page, "nextStepButton")->isEnabled());

    // Refresh by hand.
    QVERIFY(child<QPushButton>(page, "refreshButton")->isEnabled());
    child<QPushButton>(page, "refreshButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Refresh) == State::Ok, qPrintable(stateName(*f.page, Step::Refresh)), kTimeout);
    QTRY_VERIFY(tokens->token(TokensPanel::Token::Access) != firstAccess);
    const QString secondAccess = tokens->token(TokensPanel::Token::Access);
    QCOMPARE(f.steps()->entry(Step::Refresh).recordIds.size(), 1);

    // Automatic refresh at 80 % of the access token's lifetime (the sandbox's is 300 s).
    QVERIFY(!tokens->isAutoRefreshScheduled());
    tokens->setAutoRefreshEnabled(true);
    QVERIFY(tokens->isAutoRefreshScheduled());
    const auto &session = *page.runner()->session().session();
    QCOMPARE(tokens->autoRefreshDueAt(), session.obtainedAt + (*session.accessTokenExpiresAt - session.obtainedAt) * 8 / 10);
    tokens->refreshDueNow(); // what the timer does
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(*tokens, "autoRefreshStatus")->text().startsWith(QStringLiteral("Refreshed automatically")), kTimeout);
    QTRY_VERIFY(tokens->token(TokensPanel::Token::Access) != secondAccess);
    QTRY_VERIFY(tokens->isAutoRefreshScheduled());

    // Revoke the refresh token with token_type_hint.
    child<QComboBox>(page, "revokeWhichCombo")->setCurrentIndex(1);
    QVERIFY(child<QCheckBox>(page, "revokeHintCheck")->isChecked());
    child<QPushButton>(page, "revokeButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Revoke) == State::Ok, qPrintable(stateName(*f.page, Step::Revoke)), kTimeout);
    const auto &revokeRecord = log.records().back();
    QCOMPARE(revokeRecord.step, std::optional<Step>(Step::Revoke));
    QVERIFY(revokeRecord.requestBody.contains("token_type_hint=refresh_token"));

    // The automatic refresh now fails: it says so and switches itself off (no loop).
    tokens->refreshDueNow();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Refresh) == State::Failed, qPrintable(stateName(*f.page, Step::Refresh)), kTimeout);
    QCOMPARE(f.steps()->entry(Step::Refresh).error->category, oidc::ErrorCategory::Token);
    QVERIFY(!tokens->isAutoRefreshEnabled());
    QVERIFY(!tokens->isAutoRefreshScheduled());
    QVERIFY(child<QLabel>(*tokens, "autoRefreshStatus")->text().contains(QStringLiteral("stopped")));
    QVERIFY(tokens->hasSession()); // a failed refresh does not end the session

    // Logout through the system browser: the post-logout redirect's state is checked.
    child<QPushButton>(page, "logoutButton")->click();
    QCOMPARE(f.state(Step::Logout), State::Running);
    QVERIFY(!page.runner()->session().session()); // the local session ends at once, before the provider answers
    QTRY_VERIFY(!tokens->hasSession());
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Logout) == State::Ok, qPrintable(stateName(*f.page, Step::Logout)), kTimeout);
    QVERIFY2(f.steps()->entry(Step::Logout).summary.contains(QStringLiteral("confirmed")), qPrintable(stateName(page, Step::Logout)));
    const QUrlQuery logoutQuery(f.opened.last());
    QVERIFY(logoutQuery.hasQueryItem(QStringLiteral("id_token_hint")));
    QVERIFY(logoutQuery.hasQueryItem(QStringLiteral("state")));
    QVERIFY(logoutQuery.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded).endsWith(QStringLiteral("/logged-out")));

    // Every exchange of the flow is in the one log, each attributed to its step.
    QList<Step> recorded;
    QStringList labels;
    for (const auto &record : log.records()) {
        if (record.step)
            recorded << *record.step;
        labels << record.label;
    }
    QVERIFY2(recorded.contains(Step::Discovery) && recorded.contains(Step::Keys) && recorded.contains(Step::UserInfo)
                 && recorded.contains(Step::Revoke),
             qPrintable(labels.join(QLatin1Char(','))));
}

void TestFlowPage::runAllListsAForgedCallbackAndGoesOn()
{
    Fixture f;
    QVERIFY(f.setUp());
    // Before the browser answers: a forged callback with the wrong state, and a favicon probe.
    f.before = {QUrl(QStringLiteral("/callback?code=forged-code&state=forged-state")), QUrl(QStringLiteral("/favicon.ico"))};
    child<QPushButton>(*f.page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(*f.page, Step::UserInfo)), kTimeout);
    for (int i = 0; i < ui::FlowStepModel::kLoginStepCount; ++i)
        QVERIFY2(f.state(static_cast<Step>(i)) == State::Ok, qPrintable(stateName(*f.page, static_cast<Step>(i))));
    const QStringList callbackNotes = f.steps()->entry(Step::Callback).notes;
    QVERIFY2(callbackNotes.size() == 1 && callbackNotes.first().contains(QStringLiteral("AUTHZ_STATE_MISMATCH")),
             qPrintable(callbackNotes.join(QLatin1Char('|'))));
    const QStringList browserNotes = f.steps()->entry(Step::Browser).notes;
    QVERIFY2(browserNotes.join(QLatin1Char(' ')).contains(QStringLiteral("/favicon.ico")), qPrintable(browserNotes.join(QLatin1Char('|'))));
    // Both are listed under the browser too.
    QListWidget *notes = child<QListWidget>(*f.page, "browserNoteList");
    QCOMPARE(notes->count(), 2);
    QTRY_VERIFY(child<ui::TokensPanel>(*f.page, "tokensPanel")->hasSession());
}

void TestFlowPage::refusedIdTokenKeepsTheEarlierSession()
{
    Fixture f;
    QVERIFY(f.setUp());
    child<QPushButton>(*f.page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(*f.page, Step::UserInfo)), kTimeout);
    const QString goodAccess = child<ui::TokensPanel>(*f.page, "tokensPanel")->token(TokensPanel::Token::Access);
    const QString goodId = child<ui::TokensPanel>(*f.page, "tokensPanel")->token(TokensPanel::Token::Id);
    QVERIFY(!goodAccess.isEmpty());
    QVERIFY(child<QLabel>(*f.page, "tokensBanner")->isHidden());

    // The next token response carries a mis-signed ID token.
    QCOMPARE(testsupport::postFault(f.context().sandbox()->baseUrl(), R"({"kind":"bad-signature","path":"/oauth2/v1/token","count":1})"), 201);
    child<QPushButton>(*f.page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::IdToken) == State::Failed, qPrintable(stateName(*f.page, Step::IdToken)), kTimeout);
    QTRY_VERIFY(!f.page->runner()->isBusy());
    QCOMPARE(f.state(Step::Token), State::Ok);
    QCOMPARE(f.state(Step::UserInfo), State::Pending); // no further request with the refused tokens
    const auto &entry = f.steps()->entry(Step::IdToken);
    QVERIFY(entry.error);
    QCOMPARE(entry.error->category, oidc::ErrorCategory::IdToken);
    QCOMPARE(f.steps()->data(f.steps()->indexOf(Step::IdToken), ui::FlowStepModel::ErrorCategoryRole).toString(), QStringLiteral("IDT"));

    // The step shows the error as plain text with its category and code.
    f.page->selectStep(Step::IdToken);
    const QString banner = child<QLabel>(*f.page, "stepStatusBanner")->text();
    QVERIFY2(banner.contains(QStringLiteral("Category IDT")) && banner.contains(QString::fromStdString(entry.error->code)), qPrintable(banner));
    const int signatureRow = child<ui::CheckListView>(*f.page, "idTokenChecks")->model()->rowOf(QStringLiteral("signature"));
    QVERIFY(signatureRow >= 0);
    QCOMPARE(child<ui::CheckListView>(*f.page, "idTokenChecks")->model()->checks()[static_cast<size_t>(signatureRow)].outcome, oidc::jwt::CheckOutcome::Fail);

    // The earlier session stays, under a banner that says the new tokens were refused.
    TokensPanel *tokens = child<ui::TokensPanel>(*f.page, "tokensPanel");
    QVERIFY(child<QLabel>(*tokens, "tokensBanner")->isVisibleTo(f.page.get()));
    QVERIFY2(child<QLabel>(*tokens, "tokensBanner")->text().contains(QStringLiteral("refused")) && child<QLabel>(*tokens, "tokensBanner")->text().contains(QStringLiteral("IDT")),
             qPrintable(child<QLabel>(*tokens, "tokensBanner")->text()));
    QCOMPARE(child<QLabel>(*tokens, "tokensBanner")->textFormat(), Qt::PlainText);
    QCOMPARE(tokens->token(TokensPanel::Token::Access), goodAccess);
    QCOMPARE(tokens->token(TokensPanel::Token::Id), goodId);
    QCOMPARE(f.page->runner()->session().session()->tokens.accessToken, goodAccess);

    // A good login afterwards clears the banner.
    child<QPushButton>(*f.page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(*f.page, Step::UserInfo)), kTimeout);
    QVERIFY(child<QLabel>(*tokens, "tokensBanner")->isHidden());
    QTRY_VERIFY(tokens->token(TokensPanel::Token::Access) != goodAccess);
}

void TestFlowPage::wrongNonceFailsItsCheck()
{
    Fixture f;
    QVERIFY(f.setUp());
    QCOMPARE(testsupport::postFault(f.context().sandbox()->baseUrl(), R"({"kind":"wrong-nonce","path":"/oauth2/v1/token","count":1})"), 201);
    child<QPushButton>(*f.page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::IdToken) == State::Failed, qPrintable(stateName(*f.page, Step::IdToken)), kTimeout);
    f.page->selectStep(Step::IdToken);
    const int row = child<ui::CheckListView>(*f.page, "idTokenChecks")->model()->rowOf(QStringLiteral("nonce"));
    QVERIFY(row >= 0);
    QCOMPARE(child<ui::CheckListView>(*f.page, "idTokenChecks")->model()->checks()[static_cast<size_t>(row)].outcome, oidc::jwt::CheckOutcome::Fail);
    QVERIFY(!child<ui::TokensPanel>(*f.page, "tokensPanel")->hasSession()); // nothing earlier to keep, nothing stored
    QVERIFY(child<QLabel>(*f.page, "tokensBanner")->text().contains(QStringLiteral("Nothing was stored")));
}

void TestFlowPage::whatTheUserTypedSurvivesErrors()
{
    Fixture f;
    QVERIFY(f.setUp());
    ui::FlowPage &page = *f.page;
    for (int i = 0; i < 3; ++i) {
        child<QPushButton>(page, "nextStepButton")->click();
        QTRY_VERIFY2_WITH_TIMEOUT(f.state(static_cast<Step>(i)) == State::Ok, qPrintable(stateName(*f.page, static_cast<Step>(i))), kTimeout);
    }
    ui::AuthorizeParameterTable *table = child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable");
    table->setValue(QStringLiteral("login_hint"), QStringLiteral("bob@example.com"));
    table->setValue(QStringLiteral("max_age"), QStringLiteral("ten minutes"));
    table->setValue(QStringLiteral("scope"), QStringLiteral("openid email"));
    child<QPushButton>(page, "nextStepButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Authorize) == State::Failed, qPrintable(stateName(*f.page, Step::Authorize)), kTimeout);
    QCOMPARE(QString::fromStdString(f.steps()->entry(Step::Authorize).error->code), QStringLiteral("AUTHZ_PARAM_VALUE"));
    QCOMPARE(table->value(QStringLiteral("max_age")), QStringLiteral("ten minutes"));
    QCOMPARE(table->value(QStringLiteral("login_hint")), QStringLiteral("bob@example.com"));
    QVERIFY(table->warnings().join(QLatin1Char(' ')).contains(QStringLiteral("max_age")));

    // A new step 3 refreshes state and nonce, and keeps the user's scope and hints.
    const QString oldState = table->value(QStringLiteral("state"));
    page.runner()->runStep(Step::Prepare);
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Prepare) == State::Ok, qPrintable(stateName(*f.page, Step::Prepare)), kTimeout);
    QVERIFY(table->value(QStringLiteral("state")) != oldState);
    QCOMPARE(table->value(QStringLiteral("scope")), QStringLiteral("openid email"));
    QCOMPARE(table->value(QStringLiteral("login_hint")), QStringLiteral("bob@example.com"));

    table->setValue(QStringLiteral("max_age"), QStringLiteral("600"));
    f.login = QStringLiteral("bob@example.com");
    page.runner()->runAllFrom(Step::Authorize);
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(*f.page, Step::UserInfo)), kTimeout);
    QTRY_VERIFY(child<QLabel>(page, "sessionLabel")->text().contains(QStringLiteral("bob@example.com")));
    page.selectStep(Step::IdToken);
    QVERIFY(child<ui::CheckListView>(page, "idTokenChecks")->model()->rowOf(QStringLiteral("auth_time")) >= 0); // max_age makes auth_time required

    // Settings typed into the flow page are kept in the profile store (the secret is not).
    child<QLineEdit>(page, "clientSecretEdit")->setText(QStringLiteral("typed-secret"));
    Q_EMIT child<QLineEdit>(page, "clientSecretEdit")->textEdited(QStringLiteral("typed-secret"));
    page.flushSettings();
    QCOMPARE(f.context().profiles().current().clientSecret, QStringLiteral("typed-secret"));
    f.context().settings().sync();
    QFile file(f.app->dir.filePath(QStringLiteral("settings.ini")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("typed-secret"));
}

void TestFlowPage::insecureSettingsShowWarnings()
{
    Fixture f;
    QVERIFY(f.setUp());
    ui::FlowPage &page = *f.page;
    ui::FlowSettingsPanel *settings = child<ui::FlowSettingsPanel>(page, "flowSettingsPanel");
    QVERIFY(settings->warnings().isEmpty());
    QVERIFY(child<QLabel>(page, "flowWarningBanner")->isHidden());

    child<QComboBox>(*settings, "pkceCombo")->setCurrentIndex(1); // plain
    child<QCheckBox>(*settings, "stateCheck")->setChecked(false);
    child<QCheckBox>(*settings, "unsignedCheck")->setChecked(true);
    child<QSpinBox>(*settings, "leewaySpin")->setValue(900);
    const QString warnings = settings->warnings().join(QLatin1Char('\n'));
    QCOMPARE(settings->warnings().size(), 4);
    QVERIFY(warnings.contains(QStringLiteral("plain")));
    QVERIFY(warnings.contains(QStringLiteral("No state")));
    QVERIFY(warnings.contains(QStringLiteral("Unsigned")));
    QVERIFY(warnings.contains(QStringLiteral("5 minutes")));
    QVERIFY(child<QLabel>(page, "flowWarningBanner")->isVisibleTo(&page));
    QCOMPARE(child<QLabel>(page, "flowWarningBanner")->text(), warnings);
    for (const char *name : {"pkceWarningLabel", "stateWarningLabel", "unsignedWarningLabel", "leewayWarningLabel"})
        QVERIFY2(settings->findChild<QLabel *>(QString::fromLatin1(name))->isVisibleTo(settings), name);
    page.flushSettings();
    QCOMPARE(f.context().profiles().current().security.pkceMethod, oidc::PkceMethod::Plain);

    // The request built with them carries the same warnings, and the flow still works (the sandbox
    // accepts plain PKCE and no state).
    child<QPushButton>(page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(*f.page, Step::UserInfo)), kTimeout);
    const QString tableWarnings = child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable")->warnings().join(QLatin1Char(' '));
    QVERIFY2(tableWarnings.contains(QStringLiteral("plain")) && tableWarnings.contains(QStringLiteral("No state")), qPrintable(tableWarnings));
    QCOMPARE(QUrlQuery(page.runner()->authorizationUrl()).queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("plain"));
    QVERIFY(!QUrlQuery(page.runner()->authorizationUrl()).hasQueryItem(QStringLiteral("state")));
    page.selectStep(Step::Callback);
    const int stateRow = child<ui::CheckListView>(page, "callbackChecks")->model()->rowOf(QStringLiteral("state"));
    QCOMPARE(child<ui::CheckListView>(page, "callbackChecks")->model()->checks()[static_cast<size_t>(stateRow)].outcome, oidc::jwt::CheckOutcome::Skip);
}

void TestFlowPage::cancelStopsTheWaitingBrowserStep()
{
    Fixture f;
    QVERIFY(f.setUp());
    ui::FlowPage &page = *f.page;
    // A browser that never comes back.
    page.setSystemBrowserOpener([](const QUrl &) { return true; });
    child<QPushButton>(page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Running, qPrintable(stateName(*f.page, Step::Browser)), kTimeout);
    const QString listener = page.runner()->listenerUri();
    QVERIFY(!listener.isEmpty());
    QVERIFY(child<QLabel>(page, "browserStatusLabel")->text().contains(listener));
    QVERIFY(child<QLabel>(page, "browserStatusLabel")->text().startsWith(QStringLiteral("Waiting for the browser")));
    child<QPushButton>(page, "cancelButton")->click();
    QCOMPARE(f.state(Step::Browser), State::Cancelled);
    QVERIFY(!page.runner()->isBusy());
    QVERIFY(page.runner()->listenerUri().isEmpty()); // the port is closed (rp-checks L5)

    // The timeout does the same without anyone pressing Cancel.
    page.runner()->setBrowserTimeoutMs(300);
    page.runner()->runAllFrom(Step::Authorize);
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Failed, qPrintable(stateName(*f.page, Step::Browser)), kTimeout);
    QCOMPARE(QString::fromStdString(f.steps()->entry(Step::Browser).error->code), QStringLiteral("LISTENER_TIMEOUT"));
}

void TestFlowPage::providerErrorEndsTheBrowserStep()
{
    Fixture f;
    QVERIFY(f.setUp());
    ui::FlowPage &page = *f.page;
    // prompt=none without a browser session: the provider answers login_required (OIDC Core §3.1.2.6).
    for (int i = 0; i < 3; ++i) {
        child<QPushButton>(page, "nextStepButton")->click();
        QTRY_VERIFY2_WITH_TIMEOUT(f.state(static_cast<Step>(i)) == State::Ok, qPrintable(stateName(*f.page, static_cast<Step>(i))), kTimeout);
    }
    child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable")->setValue(QStringLiteral("prompt"), QStringLiteral("none"));
    page.runner()->runAllFrom(Step::Authorize);
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Failed, qPrintable(stateName(*f.page, Step::Browser)), kTimeout);
    const auto &entry = f.steps()->entry(Step::Browser);
    QCOMPARE(QString::fromStdString(entry.error->code), QStringLiteral("AUTHZ_PROVIDER_ERROR"));
    QVERIFY(QString::fromStdString(entry.error->message).contains(QStringLiteral("login_required")));
    QCOMPARE(f.state(Step::Callback), State::Failed);
    QVERIFY(!page.runner()->isBusy());
}

void TestFlowPage::unavailableEmbeddedBrowserOffersTheSystemBrowser()
{
    // No plugin where this test runs (and none named by the environment): the embedded browser is unavailable.
    qunsetenv("OIDCPLAY_BROWSER_PLUGIN");
    Fixture f;
    QVERIFY(f.setUp());
    ui::FlowPage &page = *f.page;
    child<QRadioButton>(page, "embeddedBrowserRadio")->click();
    page.flushSettings();
    QCOMPARE(f.context().profiles().current().browserMode, oidc::flow::BrowserMode::Embedded);
    child<QPushButton>(page, "runAllButton")->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Failed, qPrintable(stateName(page, Step::Browser)), kTimeout);
    QCOMPARE(QString::fromStdString(f.steps()->entry(Step::Browser).error->code), QStringLiteral("BROWSER_UNAVAILABLE"));
    auto *reason = child<ui::BrowserPane>(page, "browserPane")->findChild<QLabel *>(QStringLiteral("browserPlaceholderLabel"));
    QCOMPARE(reason->textFormat(), Qt::PlainText);
    QVERIFY2(reason->text().contains(QStringLiteral("not available")), qPrintable(reason->text()));
    auto *useSystem = child<ui::BrowserPane>(page, "browserPane")->findChild<QPushButton *>(QStringLiteral("useSystemBrowserButton"));
    QVERIFY(useSystem->isVisibleTo(child<ui::BrowserPane>(page, "browserPane")));

    // One click: the profile switches to the system browser and the flow goes on from step 4.
    useSystem->click();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(stateName(page, Step::UserInfo)), kTimeout);
    QCOMPARE(f.context().profiles().current().browserMode, oidc::flow::BrowserMode::System);
    QVERIFY(child<QRadioButton>(page, "systemBrowserRadio")->isChecked());
    QCOMPARE(f.opened.size(), 1);
}

} // namespace tst_flowpage

OIDCPLAY_QTEST_MAIN(tst_flowpage, tst_flowpage::TestFlowPage)
#include "tst_flowpage.moc"
