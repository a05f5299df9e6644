// The Descope areas' shared parts (ui/descope) against the built-in sandbox started in-process as
// the app starts it: DescopeContext follows the provider (the sandbox's project once it runs, none
// for an OIDC issuer), gives each area a client that labels its requests, and makes any area's
// sign-in the app's current session (a logout of it ends it); SessionView shows a session's claims,
// checks and countdowns, and an untrusted outcome as such; AreaExchangeList lists one area's
// requests; PanelInbox filters the sandbox's Inbox and offers its one-click actions; RefusalBanner
// and NoSessionNotice say what they must in plain text.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/CheckListModel.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/AreaExchangeModel.h"
#include "ui/descope/ClaimDiffModel.h"
#include "ui/descope/ClaimDiffView.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/NoSessionNotice.h"
#include "ui/descope/PanelInbox.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/flow/ProfileManager.h"
#include "ui/log/ExchangeLogModel.h"

#include "oidc/net/ExchangeLog.h"
#include "sandbox/SandboxHost.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <memory>
#include <optional>

namespace tst_descope_foundation {

using descope_testing::otpSignIn;
using descope_testing::waitFor;
using testing_ui::child;
namespace area = ui::descope_area;

class TestDescopeFoundation final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void contextFollowsTheProvider();
    void signInBecomesTheCurrentSessionAndLogoutEndsIt();
    void eachAreaListsItsOwnRequests();
    void sessionViewShowsClaimsChecksAndCountdowns();
    void sessionViewMarksUntrustedClaims();
    void panelInboxFiltersAndActs();
    void claimDiffShowsWhatChanged();
    void refusalBannerSaysItInPlainWords();
    void noSessionNoticeFollowsTheContext();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] QString addOidcProfile();

    std::unique_ptr<testsupport::TestApp> m_app;
};

void TestDescopeFoundation::initTestCase()
{
    m_app = testsupport::makeTestApp();
    // Before the sandbox runs there is no project yet, and the context says why.
    QVERIFY(descope().isSandbox());
    QVERIFY(!descope().hasProject());
    QVERIFY(descope().unavailableReason().contains(QStringLiteral("starting")));
    QCOMPARE(descope().client(area::kSession), nullptr);
    QSignalSpy changed(&descope(), &ui::DescopeContext::projectChanged);
    QVERIFY(testsupport::startSandbox(*m_app->context));
    QVERIFY(changed.size() >= 1);
    QVERIFY(descope().hasProject());
}

void TestDescopeFoundation::init()
{
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    descope().clearSession();
    m_app->context->sandbox()->clearInbox();
    QVERIFY(waitFor([this] { return m_app->context->sandbox()->inbox().empty(); }));
}

QString TestDescopeFoundation::addOidcProfile()
{
    oidc::flow::ProviderProfile profile;
    profile.name = QStringLiteral("Some issuer");
    profile.kind = oidc::flow::ProviderKind::OidcIssuer;
    profile.issuer = QStringLiteral("https://issuer.example.com");
    return m_app->context->profiles().add(profile);
}

void TestDescopeFoundation::contextFollowsTheProvider()
{
    sandbox::SandboxHost *host = m_app->context->sandbox();
    QVERIFY(descope().isSandbox());
    QCOMPARE(descope().sandbox(), host);
    QCOMPARE(descope().project()->projectId(), host->projectId());
    QCOMPARE(descope().project()->baseUrl(), host->baseUrl().adjusted(QUrl::StripTrailingSlash));
    oidc::descope::DescopeClient *client = descope().client(area::kSession);
    QVERIFY(client);
    QCOMPARE(client->project().projectId(), host->projectId());
    QCOMPARE(descope().client(area::kSession), client); // one per area
    QVERIFY(descope().client(area::kStepUp) != client);
    QVERIFY(descope().projectSummary().contains(host->projectId()));

    // An OIDC issuer has no Descope API: no project, no client, a reason in words.
    QSignalSpy changed(&descope(), &ui::DescopeContext::projectChanged);
    const QString id = addOidcProfile();
    m_app->context->profiles().setCurrent(id);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(descope().provider(), ui::DescopeContext::Provider::NotDescope);
    QVERIFY(!descope().hasProject());
    QCOMPARE(descope().client(area::kSession), nullptr);
    QCOMPARE(descope().sandbox(), nullptr);
    QVERIFY(descope().unavailableReason().contains(QStringLiteral("not a Descope project")));

    // A Descope project profile: its project, at its derived base URL.
    oidc::flow::ProviderProfile real;
    real.name = QStringLiteral("My project");
    real.kind = oidc::flow::ProviderKind::DescopeProject;
    real.descopeProjectId = QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z");
    m_app->context->profiles().setCurrent(m_app->context->profiles().add(real));
    QCOMPARE(descope().provider(), ui::DescopeContext::Provider::DescopeProject);
    QVERIFY(descope().hasProject());
    QCOMPARE(descope().project()->projectId(), real.descopeProjectId);
    QCOMPARE(descope().project()->baseUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(descope().sandbox(), nullptr);

    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(descope().isSandbox());
    QCOMPARE(descope().project()->projectId(), host->projectId());
}

void TestDescopeFoundation::signInBecomesTheCurrentSessionAndLogoutEndsIt()
{
    QSignalSpy sessions(&descope(), &ui::DescopeContext::sessionChanged);
    const auto outcome = otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("alice@example.com"));
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.result.error().summary().c_str());
    QTRY_VERIFY(descope().hasSession());
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(descope().sessionArea(), area::kMagicLinkOtp.toString());
    QCOMPARE(descope().session()->sessionJwt, outcome.result->sessionJwt);
    QVERIFY(descope().session()->loginIds.front() == "alice@example.com");

    // Logging the current session out through the client that keeps it ends it here too.
    std::optional<bool> loggedOut;
    (void)descope().client(area::kMagicLinkOtp)
        ->logout(descope().session()->refreshJwt, oidc::descope::LogoutScope::ThisSession, [&loggedOut](oidc::Status status) { loggedOut = status.ok(); });
    QVERIFY(waitFor([&] { return loggedOut.has_value(); }));
    QVERIFY(*loggedOut);
    QVERIFY(!descope().hasSession());
    QCOMPARE(sessions.size(), 2);

    // Another project: a session belongs to its own, so it goes.
    QVERIFY(otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("bob@example.com")).ok());
    QVERIFY(descope().hasSession());
    m_app->context->profiles().setCurrent(addOidcProfile());
    QVERIFY(!descope().hasSession());
}

void TestDescopeFoundation::eachAreaListsItsOwnRequests()
{
    ui::AreaExchangeList signInList(descope(), area::kMagicLinkOtp);
    ui::AreaExchangeList sessionList(descope(), area::kSession);
    QAbstractItemModelTester tester(signInList.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = signInList.model()->rowCount();
    QVERIFY(otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("alice@example.com")).ok());

    // Start, verify and the project's keys: labelled with the area in the app's log, listed here.
    auto *model = signInList.model();
    QVERIFY(model->rowCount() >= before + 2);
    int verify = -1;
    for (int row = before; row < model->rowCount(); ++row)
        if (model->index(row, ui::ExchangeLogModel::StepColumn).data().toString() == QStringLiteral("Descope OTP verify"))
            verify = row;
    QVERIFY(verify > before);
    QCOMPARE(model->index(verify - 1, ui::ExchangeLogModel::StepColumn).data().toString(), QStringLiteral("Descope otp signin"));
    QCOMPARE(model->index(verify, ui::ExchangeLogModel::MethodColumn).data().toString(), QStringLiteral("POST"));
    QCOMPARE(model->index(verify, ui::ExchangeLogModel::UrlColumn).data().toString(), QStringLiteral("/v1/auth/otp/verify/email"));
    QCOMPARE(model->index(verify, ui::ExchangeLogModel::StatusColumn).data().toString(), QStringLiteral("200"));
    const int recordId = model->index(verify, 0).data(ui::ExchangeLogModel::RecordIdRole).toInt();
    const auto &records = m_app->context->exchangeLog().records();
    const auto record = std::find_if(records.begin(), records.end(), [recordId](const auto &r) { return r.id == recordId; });
    QVERIFY(record != records.end());
    QCOMPARE(record->label, QStringLiteral("Magic Link, OTP & TOTP · Descope OTP verify"));
    QCOMPARE(sessionList.model()->rowCount(), 0);

    // "Show in Exchange Log" asks for that record.
    QSignalSpy shown(&descope(), &ui::DescopeContext::showExchangeRequested);
    auto *table = child<QTableView>(signInList, "areaExchangesTable");
    table->selectRow(verify);
    auto *show = child<QPushButton>(signInList, "areaExchangesShow");
    QVERIFY(show->isEnabled());
    show->click();
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.first().first().toInt(), recordId);
}

void TestDescopeFoundation::sessionViewShowsClaimsChecksAndCountdowns()
{
    const auto outcome = otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("alice@example.com"));
    QVERIFY(outcome.ok());
    ui::SessionView view(QStringLiteral("session"));
    QVERIFY(view.isEmpty());
    QVERIFY(!child<QPushButton>(view, "sessionCopySession")->isEnabled());
    view.showOutcome(outcome);
    QVERIFY(view.isTrusted());
    QVERIFY(child<QLabel>(view, "sessionSummary")->text().startsWith(QStringLiteral("✔ Trusted session · alice@example.com")));
    QVERIFY(child<QLabel>(view, "sessionUntrusted")->isHidden());

    auto *claims = qobject_cast<ui::ClaimTreeModel *>(child<QTreeView>(view, "sessionClaims")->model());
    QVERIFY(claims->memberIndex(1, QStringLiteral("sub")).isValid());
    QCOMPARE(claims->memberIndex(1, QStringLiteral("drn"), ui::ClaimTreeModel::ValueColumn).data().toString(), QStringLiteral("\"DS\""));
    QVERIFY(claims->memberIndex(1, QStringLiteral("roles")).isValid());
    auto *refreshClaims = qobject_cast<ui::ClaimTreeModel *>(child<QTreeView>(view, "sessionRefreshClaims")->model());
    QVERIFY(refreshClaims->memberIndex(1, QStringLiteral("drn")).isValid());

    // Every check the core ran, as data.
    auto *checks = qobject_cast<ui::CheckListModel *>(child<QTableView>(view, "sessionChecksTable")->model());
    QCOMPARE(checks->rowCount(), static_cast<int>(outcome.checks.size()));
    QVERIFY(checks->rowCount() >= 6);
    QCOMPARE(checks->index(0, ui::CheckListModel::CheckColumn).data().toString(), QString::fromStdString(outcome.checks.front().id));

    QCOMPARE(child<ui::ExpiryCountdown>(view, "sessionSessionCountdown")->state(), ui::ExpiryCountdown::State::Valid);
    QCOMPARE(child<ui::ExpiryCountdown>(view, "sessionRefreshCountdown")->state(), ui::ExpiryCountdown::State::Valid);
    const QString notes = child<QLabel>(view, "sessionNotes")->text();
    QVERIFY(notes.contains(QStringLiteral("su")) && notes.contains(QStringLiteral("amr")));
    QVERIFY(child<QPushButton>(view, "sessionCopyRefresh")->isEnabled());

    QSignalSpy inspect(&view, &ui::SessionView::openInInspector);
    child<QPushButton>(view, "sessionInspect")->click();
    QCOMPARE(inspect.first().first().toString(), QString::fromStdString(outcome.result->sessionJwt));

    view.clear(QStringLiteral("Signed out."));
    QVERIFY(view.isEmpty());
    QCOMPARE(child<QLabel>(view, "sessionSummary")->text(), QStringLiteral("Signed out."));
    QCOMPARE(child<ui::ExpiryCountdown>(view, "sessionSessionCountdown")->state(), ui::ExpiryCountdown::State::NoToken);
}

void TestDescopeFoundation::sessionViewMarksUntrustedClaims()
{
    const auto signedIn = otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("bob@example.com"));
    QVERIFY(signedIn.ok());
    // bob has no project-level "admin" role: the core's role check fails, the claims come back untrusted.
    oidc::descope::AuthorizationRequirements requirements;
    requirements.roles = {"admin"};
    std::optional<oidc::descope::SessionOutcome> validated;
    (void)descope().client(area::kSession)->validateSession(signedIn.result->sessionJwt, requirements,
                                                            [&validated](oidc::descope::SessionOutcome outcome) { validated = std::move(outcome); });
    QVERIFY(waitFor([&] { return validated.has_value(); }));
    QVERIFY(!validated->ok());
    QVERIFY(validated->result.error().code == "DESCOPE_ROLE_MISSING");

    ui::SessionView view(QStringLiteral("pasted"));
    view.showOutcome(*validated);
    QVERIFY(!view.isTrusted());
    QVERIFY(!view.isEmpty());
    QVERIFY(!child<QLabel>(view, "pastedUntrusted")->isHidden());
    QVERIFY(child<QLabel>(view, "pastedSummary")->text().contains(QStringLiteral("DESCOPE_ROLE_MISSING")));
    auto *claims = qobject_cast<ui::ClaimTreeModel *>(child<QTreeView>(view, "pastedClaims")->model());
    QVERIFY(claims->memberIndex(1, QStringLiteral("sub")).isValid());
    auto *checks = qobject_cast<ui::CheckListModel *>(child<QTableView>(view, "pastedChecksTable")->model());
    QCOMPARE(checks->rowCount(), static_cast<int>(validated->checks.size()));
    bool failed = false;
    for (int row = 0; row < checks->rowCount(); ++row)
        failed = failed || checks->index(row, 0).data(ui::CheckListModel::CodeRole).toString() == QStringLiteral("DESCOPE_ROLE_MISSING");
    QVERIFY(failed);
}

void TestDescopeFoundation::panelInboxFiltersAndActs()
{
    ui::PanelInbox codes(descope(), {QStringLiteral("otp")});
    codes.setCodeAction(QStringLiteral("Fill"));
    QVERIFY(!child<QLabel>(codes, "panelInboxEmpty")->isHidden());
    QVERIFY(otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("alice@example.com")).ok());
    QVERIFY(otpSignIn(descope(), area::kMagicLinkOtp, QStringLiteral("bob@example.com")).ok());
    QTRY_COMPARE(codes.findChildren<QWidget *>(QStringLiteral("panelInboxEntry")).size(), 2);
    QVERIFY(child<QLabel>(codes, "panelInboxEmpty")->isHidden());

    // Newest first: bob's code above alice's; the login filter keeps alice's only.
    const auto entries = codes.findChildren<QWidget *>(QStringLiteral("panelInboxEntry"));
    QVERIFY(entries.at(0)->property("messageId").toULongLong() > entries.at(1)->property("messageId").toULongLong());
    codes.setLoginId(QStringLiteral("ALICE@example.com"));
    QTRY_COMPARE(codes.findChildren<QWidget *>(QStringLiteral("panelInboxEntry")).size(), 1);
    const auto &inbox = m_app->context->sandbox()->inbox();
    const auto alice = std::find_if(inbox.begin(), inbox.end(), [](const auto &message) { return message.loginId == "alice@example.com"; });
    QVERIFY(alice != inbox.end());
    auto *fill = child<QPushButton>(codes, "panelInboxFill");
    QCOMPARE(fill->property("code").toString(), QString::fromStdString(alice->code));
    QSignalSpy chosen(&codes, &ui::PanelInbox::codeChosen);
    fill->click();
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().at(0).toString(), QString::fromStdString(alice->code));
    QCOMPARE(chosen.first().at(1).toULongLong(), alice->id);

    // Other kinds are not this panel's: an enchanted-link inbox shows none of the codes.
    ui::PanelInbox links(descope(), {QStringLiteral("enchanted-link")});
    QCOMPARE(links.findChildren<QWidget *>(QStringLiteral("panelInboxEntry")).size(), 0);

    // Not the sandbox: one line says where messages go, nothing else.
    m_app->context->profiles().setCurrent(addOidcProfile());
    QVERIFY(!child<QLabel>(codes, "panelInboxUnavailable")->isHidden());
    QTRY_COMPARE(codes.findChildren<QWidget *>(QStringLiteral("panelInboxEntry")).size(), 0);
}

void TestDescopeFoundation::claimDiffShowsWhatChanged()
{
    ui::ClaimDiffView view(QStringLiteral("diff"));
    auto *model = view.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const oidc::Json before = oidc::parseJson(R"({"sub":"U1","iat":1000,"exp":1600,"amr":["email"],"nsec":{"a":1}})").value();
    const oidc::Json after = oidc::parseJson(R"({"sub":"U1","iat":1900,"exp":2500,"amr":["email","totp"],"su":true})").value();
    view.setClaims(before, after);
    // What differs first, then what stayed.
    QCOMPARE(model->rowCount(), 6);
    QCOMPARE(model->index(5, ui::ClaimDiffModel::ClaimColumn).data().toString(), QStringLiteral("sub"));
    QCOMPARE(model->changedClaims(), (QStringList{QStringLiteral("amr"), QStringLiteral("exp"), QStringLiteral("iat"), QStringLiteral("nsec"),
                                                  QStringLiteral("su")}));
    QCOMPARE(child<QLabel>(view, "diffSummary")->text(), QStringLiteral("5 claims changed: amr, exp, iat, nsec, su"));
    const auto change = [model](const char *claim) {
        return model->index(model->rowOf(QString::fromLatin1(claim)), ui::ClaimDiffModel::ChangeColumn).data().toString();
    };
    QCOMPARE(change("iat"), QStringLiteral("+900 s"));
    QCOMPARE(change("amr"), QStringLiteral("changed"));
    QCOMPARE(change("su"), QStringLiteral("added"));
    QCOMPARE(change("nsec"), QStringLiteral("removed"));
    QCOMPARE(change("sub"), QStringLiteral("same"));
    QCOMPARE(model->index(model->rowOf(QStringLiteral("su")), ui::ClaimDiffModel::BeforeColumn).data().toString(), QStringLiteral("—"));
    QVERIFY(model->index(model->rowOf(QStringLiteral("iat")), ui::ClaimDiffModel::AfterColumn).data().toString().startsWith(QStringLiteral("1900 (")));
    QVERIFY(model->index(model->rowOf(QStringLiteral("exp")), 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model->index(model->rowOf(QStringLiteral("sub")), 0).data(Qt::BackgroundRole).isValid());

    child<QCheckBox>(view, "diffOnlyChanged")->setChecked(true);
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(model->rowOf(QStringLiteral("sub")), -1);
    view.setClaims(after, after);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(child<QLabel>(view, "diffSummary")->text(), QStringLiteral("No claim changed."));
}

void TestDescopeFoundation::refusalBannerSaysItInPlainWords()
{
    ui::RefusalBanner banner(QStringLiteral("refusal"));
    QVERIFY(banner.isHidden());
    QCOMPARE(banner.textFormat(), Qt::PlainText);
    oidc::Error tooMany{oidc::ErrorCategory::Descope, "E061103", "<b>Too many attempts</b>", 401, {}, {}};
    banner.showError(QStringLiteral("OTP verify"), tooMany);
    QVERIFY(!banner.isHidden());
    const QStringList lines = banner.text().split(QLatin1Char('\n'));
    QCOMPARE(lines.at(0), QStringLiteral("✘ OTP verify refused: <b>Too many attempts</b>"));
    QCOMPARE(lines.at(1), QStringLiteral("Descope error E061103 · HTTP 401"));
    QVERIFY(lines.at(2).startsWith(QStringLiteral("Too many wrong codes")));

    oidc::Error limited{oidc::ErrorCategory::Descope, "E130429", "Rate limit exceeded", 429, {}, "7"};
    QVERIFY(ui::RefusalBanner::hint(limited).endsWith(QStringLiteral("Wait 7 s.")));
    QVERIFY(!ui::RefusalBanner::describe(QStringLiteral("Poll"), limited).contains(QStringLiteral("got 7")));

    oidc::Error role{oidc::ErrorCategory::IdToken, "DESCOPE_ROLE_MISSING", "the session lacks role admin", 0, "admin", "user"};
    QCOMPARE(ui::RefusalBanner::codeLine(role), QStringLiteral("IDT DESCOPE_ROLE_MISSING"));
    QVERIFY(ui::RefusalBanner::describe(QStringLiteral("Role check"), role).contains(QStringLiteral("(expected admin, got user)")));
    QVERIFY(ui::RefusalBanner::hint(role).contains(QStringLiteral("403")));
    QVERIFY(ui::RefusalBanner::hint(oidc::Error{oidc::ErrorCategory::Descope, "E999999", "?", 400, {}, {}}).isEmpty());
    banner.dismiss();
    QVERIFY(banner.isHidden());
}

void TestDescopeFoundation::noSessionNoticeFollowsTheContext()
{
    QWidget host;
    auto *notice = new ui::NoSessionNotice(descope(), &host);
    host.show();
    QVERIFY(notice->isVisible());
    QVERIFY(child<QLabel>(*notice, "noSessionText")->text().startsWith(QStringLiteral("No Descope session yet")));
    QSignalSpy asked(&descope(), &ui::DescopeContext::signInRequested);
    child<QPushButton>(*notice, "noSessionSignIn")->click();
    QCOMPARE(asked.size(), 1);

    QVERIFY(otpSignIn(descope(), area::kEnchantedLink, QStringLiteral("alice@example.com")).ok());
    QVERIFY(!notice->isVisible());
    descope().clearSession();
    QVERIFY(notice->isVisible());

    m_app->context->profiles().setCurrent(addOidcProfile());
    QVERIFY(child<QLabel>(*notice, "noSessionText")->text().startsWith(QStringLiteral("No Descope project: ")));
    QVERIFY(child<QPushButton>(*notice, "noSessionSignIn")->isHidden());
}

} // namespace tst_descope_foundation

OIDCPLAY_QTEST_MAIN(tst_descope_foundation, tst_descope_foundation::TestDescopeFoundation)
#include "tst_descope_foundation.moc"
