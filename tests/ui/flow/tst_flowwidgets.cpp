// The pieces around the flow page: provider profiles (persisted without their secrets), the
// profile editor (Descope's regional base URL, an issuer mismatch refused and shown), the provider
// bar with the sandbox's status and controls, the parameter table, and the main window with the
// app context (flow page, exchange log, JWT inspector wired together, the sandbox not started
// before the first paint).

#include "FlowTestSupport.h"
#include "QtTestMain.h"

#include "tests/ui/FindChild.h"

#include "ui/AppContext.h"
#include "ui/AreaListModel.h"
#include "ui/JwtInspectorPanel.h"
#include "ui/MainWindow.h"
#include "ui/ProviderBar.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/flow/FlowSettingsPanel.h"
#include "ui/flow/FlowPage.h"
#include "ui/flow/ProfileEditorDialog.h"
#include "ui/flow/ProfileManager.h"
#include "ui/workspace/WorkspaceController.h"
#include "ui/flow/StepItemDelegate.h"
#include "ui/flow/StepListView.h"
#include "ui/flow/TokensPanel.h"
#include "ui/log/ExchangeLogModel.h"
#include "ui/log/ExchangeLogPanel.h"
#include "ui/widgets/TabbedPages.h"
#include "ui/widgets/Tones.h"
#include "ui/UiText.h"

#include "oidc/flow/ProviderMetadata.h"
#include "sandbox/SandboxHost.h"

#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QPaintEvent>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

namespace tst_flowwidgets {

using oidc::flow::ProviderKind;
using testing_ui::child;
using oidc::flow::ProviderProfile;
using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;

// The area list's model, as the window's list shows it.
ui::AreaListModel *areasOf(const QObject &window)
{
    return qobject_cast<ui::AreaListModel *>(testing_ui::child<QListView>(window, "areaList")->model());
}

class TestFlowWidgets final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void profilesPersistWithoutSecrets();
    void editorDerivesDescopeUrls();
    void issuerMismatchIsRefusedAndShown();
    void providerBarShowsAndControlsTheSandbox();
    void parameterTableBuildsTheRequest();
    void settingsOfferThePrivateUseScheme();
    void mainWindowWiresTheFlowAreas();
    void aChangedStepRepaintsOnlyItsRow();
    void stepBadgesFollowTheirState();
    void stepRowsKeptPaintAsPainted();
    void mainWindowFitsA1280PixelScreen();
};

void TestFlowWidgets::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFlowWidgets::profilesPersistWithoutSecrets()
{
    auto app = testsupport::makeTestApp();
    ui::ProfileManager &profiles = app->context->profiles();
    QCOMPARE(profiles.profiles().size(), 1);
    QCOMPARE(profiles.current().kind, ProviderKind::Sandbox);
    QCOMPARE(profiles.current().name, QStringLiteral("Sandbox (built-in)"));
    QVERIFY(!profiles.remove(ui::ProfileManager::sandboxId()));

    ProviderProfile descope;
    descope.name = QStringLiteral("Acme production");
    descope.kind = ProviderKind::DescopeProject;
    descope.descopeProjectId = QStringLiteral("P2abcdefghijklmnopqrstuvwxyz");
    descope.clientId = QStringLiteral("acme-web");
    descope.clientSecret = QStringLiteral("very-secret-value-123");
    descope.authMethod = oidc::flow::ClientAuthMethod::ClientSecretBasic;
    QSignalSpy changed(&profiles, &ui::ProfileManager::profilesChanged);
    const QString id = profiles.add(descope);
    QCOMPARE(id, QStringLiteral("acme-production"));
    QCOMPARE(changed.size(), 1);
    const QString copy = profiles.duplicate(id);
    QCOMPARE(profiles.profile(copy)->name, QStringLiteral("Acme production (copy)"));
    QCOMPARE(profiles.profile(copy)->clientSecret, descope.clientSecret); // in memory
    profiles.setCurrent(id);
    QVERIFY(profiles.remove(copy));

    // The profiles belong to the workspace (issue 11): saved to its file, the secret not in it.
    ui::WorkspaceController &workspace = app->context->workspace();
    QVERIFY(workspace.isDirty());
    QVERIFY(workspace.save().ok());
    app->context->settings().sync();
    QFile file(workspace.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("acme-web"));
    QVERIFY(!written.contains("very-secret-value-123"));

    // A new start reopens that workspace: the profiles, the last selection too, but no secret.
    ui::AppContext::Options options;
    options.settingsPath = app->dir.filePath(QStringLiteral("settings.ini"));
    ui::AppContext restarted(options);
    ui::ProfileManager &reloaded = restarted.profiles();
    QCOMPARE(reloaded.profiles().size(), 2);
    QCOMPARE(reloaded.currentId(), id);
    QCOMPARE(reloaded.current().descopeProjectId, descope.descopeProjectId);
    QCOMPARE(reloaded.current().authMethod, oidc::flow::ClientAuthMethod::ClientSecretBasic);
    QVERIFY(reloaded.current().clientSecret.isEmpty());
    QCOMPARE(reloaded.profiles().first().kind, ProviderKind::Sandbox);
}

void TestFlowWidgets::editorDerivesDescopeUrls()
{
    auto app = testsupport::makeTestApp();
    ProviderProfile profile;
    profile.name = QStringLiteral("Descope");
    profile.kind = ProviderKind::DescopeProject;
    const QString id = app->context->profiles().add(profile);
    ui::ProfileEditorDialog dialog(*app->context, id);
    QCOMPARE(dialog.currentId(), id);
    QCOMPARE(child<QComboBox>(dialog, "profileKindCombo")->currentData().toInt(), static_cast<int>(ProviderKind::DescopeProject));

    const QString shortId = QStringLiteral("P2abcdefghijklmnopqrstuvwxyz");
    QTest::keyClicks(child<QLineEdit>(dialog, "descopeProjectEdit"), shortId);
    QCOMPARE(child<QLabel>(dialog, "descopeDerivedLabel")->textFormat(), Qt::PlainText);
    QVERIFY2(child<QLabel>(dialog, "descopeDerivedLabel")->text().contains(QStringLiteral("https://api.descope.com/") + shortId), qPrintable(child<QLabel>(dialog, "descopeDerivedLabel")->text()));

    // A 32-character project ID names its region (characters 2–5).
    const QString regional = QStringLiteral("Puse1") + QString(27, QLatin1Char('x'));
    child<QLineEdit>(dialog, "descopeProjectEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(dialog, "descopeProjectEdit"), regional);
    const QUrl expectedBase = oidc::flow::descopeBaseUrl(regional);
    QCOMPARE(expectedBase.host(), QStringLiteral("api.use1.descope.com"));
    QVERIFY2(child<QLabel>(dialog, "descopeDerivedLabel")->text().contains(QStringLiteral("https://api.use1.descope.com")), qPrintable(child<QLabel>(dialog, "descopeDerivedLabel")->text()));
    QVERIFY(child<QLabel>(dialog, "descopeDerivedLabel")->text().contains(QStringLiteral("regional")));

    // A custom domain wins.
    QTest::keyClicks(child<QLineEdit>(dialog, "customDomainEdit"), QStringLiteral("https://auth.acme.example"));
    QVERIFY(child<QLabel>(dialog, "descopeDerivedLabel")->text().contains(QStringLiteral("https://auth.acme.example/") + regional));
    QTest::keyClicks(child<QLineEdit>(dialog, "profileClientSecretEdit"), QStringLiteral("typed-secret"));
    dialog.save();
    const ProviderProfile *saved = app->context->profiles().profile(id);
    QCOMPARE(saved->descopeProjectId, regional);
    QCOMPARE(saved->effectiveIssuer(), QStringLiteral("https://auth.acme.example/") + regional);
    QCOMPARE(saved->clientSecret, QStringLiteral("typed-secret"));
}

void TestFlowWidgets::issuerMismatchIsRefusedAndShown()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    // The sandbox's metadata says http://127.0.0.1:<port>/<project>; this profile expects "localhost".
    QUrl base = app->context->sandbox()->baseUrl();
    base.setHost(QStringLiteral("localhost"));
    ProviderProfile profile;
    profile.name = QStringLiteral("Mismatch");
    profile.kind = ProviderKind::OidcIssuer;
    profile.issuer = base.toString() + QLatin1Char('/') + app->context->sandbox()->projectId();
    profile.clientId = app->context->sandbox()->projectId();
    const QString id = app->context->profiles().add(profile);

    ui::ProfileEditorDialog dialog(*app->context, id);
    QSignalSpy checked(&dialog, &ui::ProfileEditorDialog::checkFinished);
    child<QPushButton>(dialog, "checkMetadataButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 10000);
    QCOMPARE(checked.first().first().toBool(), false);
    QCOMPARE(child<QLabel>(dialog, "checkResultLabel")->textFormat(), Qt::PlainText);
    QVERIFY2(child<QLabel>(dialog, "checkResultLabel")->text().contains(QStringLiteral("DISCOVERY_ISSUER_MISMATCH")), qPrintable(child<QLabel>(dialog, "checkResultLabel")->text()));

    // The flow page refuses the metadata the same way, and uses nothing of it.
    app->context->profiles().setCurrent(id);
    ui::FlowPage page(*app->context);
    page.runner()->runStep(Step::Discovery);
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::Discovery), State::Failed, 10000);
    const auto &entry = page.runner()->steps()->entry(Step::Discovery);
    QCOMPARE(QString::fromStdString(entry.error->code), QStringLiteral("DISCOVERY_ISSUER_MISMATCH"));
    QVERIFY(!page.runner()->session().metadata());
    page.selectStep(Step::Discovery);
    QVERIFY(child<QLabel>(page, "stepStatusBanner")->text().contains(QStringLiteral("Category DISCOVERY")));
    QCOMPARE(entry.recordIds.size(), 1); // the response is still there to look at
    child<ui::TabbedPages>(page, "exchangeTabs")->setCurrentIndex(1); // the response pane is filled when shown
    QVERIFY(child<QPlainTextEdit>(page, "stepResponseText")->toPlainText().contains(QStringLiteral("127.0.0.1")));
}

void TestFlowWidgets::providerBarShowsAndControlsTheSandbox()
{
    auto app = testsupport::makeTestApp();
    ui::ProviderBar bar;
    bar.attach(app->context.get());
    QCOMPARE(child<QComboBox>(bar, "providerCombo")->count(), 1);
    QVERIFY(child<QComboBox>(bar, "providerCombo")->isEnabled());
    QCOMPARE(child<QComboBox>(bar, "providerCombo")->currentText(), QStringLiteral("Sandbox (built-in)"));
    QVERIFY(!app->context->hasSandbox()); // nothing started by attaching
    QVERIFY(child<QLabel>(bar, "providerStatusLabel")->text().contains(QStringLiteral("starting soon")));

    QVERIFY(testsupport::startSandbox(*app->context));
    const QString baseUrl = app->context->sandbox()->baseUrl().toString();
    QVERIFY2(child<QLabel>(bar, "providerStatusLabel")->text().contains(baseUrl), qPrintable(child<QLabel>(bar, "providerStatusLabel")->text()));
    QVERIFY(child<QLabel>(bar, "providerStatusLabel")->text().contains(QStringLiteral("running")));
    QVERIFY(child<QPushButton>(bar, "sandboxStopButton")->isEnabled());
    QVERIFY(child<QPushButton>(bar, "sandboxResetButton")->isEnabled());

    child<QPushButton>(bar, "sandboxStopButton")->click();
    QCOMPARE(app->context->sandboxState(), ui::AppContext::SandboxState::Stopped);
    QVERIFY(child<QLabel>(bar, "providerStatusLabel")->text().contains(QStringLiteral("stopped")));
    QVERIFY(app->context->profiles().current().issuer.isEmpty());
    QVERIFY(!child<QPushButton>(bar, "sandboxStopButton")->isEnabled());

    child<QPushButton>(bar, "sandboxRestartButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(app->context->sandboxState(), ui::AppContext::SandboxState::Running, 30000);
    QCOMPARE(app->context->sandbox()->baseUrl().toString(), baseUrl); // the same port again
    QCOMPARE(app->context->profiles().current().issuer, app->context->sandbox()->issuer());

    // Other profiles show their issuer and their warnings instead of the sandbox controls.
    ProviderProfile other;
    other.name = QStringLiteral("Plain issuer");
    other.issuer = QStringLiteral("http://127.0.0.1:9/issuer");
    other.security.useNonce = false;
    const QString id = app->context->profiles().add(other);
    QCOMPARE(child<QComboBox>(bar, "providerCombo")->count(), 2);
    child<QComboBox>(bar, "providerCombo")->setCurrentIndex(1);
    Q_EMIT child<QComboBox>(bar, "providerCombo")->activated(1);
    QCOMPARE(app->context->profiles().currentId(), id);
    QVERIFY(child<QPushButton>(bar, "sandboxStopButton")->isHidden());
    QVERIFY(child<QLabel>(bar, "providerStatusLabel")->text().contains(QStringLiteral("http://127.0.0.1:9/issuer")));
    QVERIFY(child<QLabel>(bar, "providerStatusLabel")->text().contains(QStringLiteral("No nonce")));
}

void TestFlowWidgets::settingsOfferThePrivateUseScheme()
{
    ui::FlowSettingsPanel panel;
    ProviderProfile profile;
    profile.id = QStringLiteral("native");
    panel.setProfile(profile);
    QSignalSpy edited(&panel, &ui::FlowSettingsPanel::profileEdited);

    // The three kinds and their trade-offs, in plain text next to the choice.
    auto *tradeOffs = child<QPlainTextEdit>(panel, "browserModeTradeOffs");
    QVERIFY(tradeOffs->isReadOnly());
    for (const char *cited : {"§8.12", "§7.3", "§7.1", "§8.6", "PKCE"})
        QVERIFY2(tradeOffs->toPlainText().contains(QString::fromUtf8(cited)), cited);

    child<QRadioButton>(panel, "privateUseSchemeRadio")->click();
    QCOMPARE(edited.size(), 1);
    QCOMPARE(panel.profile().browserMode, oidc::flow::BrowserMode::PrivateUseScheme);
    auto *note = child<QLabel>(panel, "redirectUriNote");
    QVERIFY2(note->text().contains(QStringLiteral("io.github.oidcplay:/callback")), qPrintable(note->text()));
    QVERIFY(panel.warnings().isEmpty());

    // A scheme that is no reverse domain name: the rule, as the core words it.
    auto *scheme = child<QLineEdit>(panel, "privateUseSchemeEdit");
    scheme->selectAll();
    QTest::keyClicks(scheme, QStringLiteral("oidcplay"));
    QCOMPARE(panel.profile().privateUseScheme, QStringLiteral("oidcplay"));
    QVERIFY2(panel.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("reverse domain")), qPrintable(panel.warnings().join(QLatin1Char(' '))));
    scheme->selectAll();
    QTest::keyClicks(scheme, QStringLiteral("com.example.oidcplay"));
    QVERIFY(panel.warnings().isEmpty());
    QVERIFY(note->text().contains(QStringLiteral("com.example.oidcplay:/callback")));

    // Without PKCE S256 another app claiming the scheme could redeem the code (RFC 8252 §8.6).
    child<QComboBox>(panel, "pkceCombo")->setCurrentIndex(2);
    QVERIFY(panel.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("§8.6")));
    QVERIFY(edited.size() > 3); // every edit reported
    QCOMPARE(panel.profile().privateUseScheme, QStringLiteral("com.example.oidcplay"));
}

void TestFlowWidgets::parameterTableBuildsTheRequest()
{
    ui::AuthorizeParameterTable table;
    QCOMPARE(child<QTableWidget>(table, "parameterTable")->rowCount(), ui::AuthorizeParameterTable::standardParameters().size());
    QVERIFY(table.warnings().isEmpty()); // before step 3: a hint, not warnings
    oidc::flow::AuthorizationRequest defaults;
    defaults.clientId = QStringLiteral("client");
    defaults.redirectUri = QStringLiteral("http://127.0.0.1/callback");
    defaults.scope = QStringLiteral("openid");
    defaults.state = QStringLiteral("state-1");
    defaults.nonce = QStringLiteral("nonce-1");
    defaults.codeChallenge = QString(43, QLatin1Char('a'));
    table.applyDefaults(defaults);
    QVERIFY(table.warnings().isEmpty());
    table.setValue(QStringLiteral("prompt"), QStringLiteral("login"));
    table.setValue(QStringLiteral("ui_locales"), QStringLiteral("de fr"));
    table.setValue(QStringLiteral("tenant"), QStringLiteral("T1acme"));
    table.addParameter(QStringLiteral("custom"), QStringLiteral("1"));
    table.setValue(QStringLiteral("client_id"), QStringLiteral("edited-client"));
    auto request = table.request(QStringLiteral("http://127.0.0.1:5555/callback"));
    QVERIFY(request.ok());
    QCOMPARE(request->redirectUri, QStringLiteral("http://127.0.0.1:5555/callback"));
    QCOMPARE(table.value(QStringLiteral("redirect_uri")), QStringLiteral("http://127.0.0.1:5555/callback"));
    QCOMPARE(request->prompt, QStringLiteral("login"));
    QCOMPARE(request->uiLocales, QStringLiteral("de fr"));
    QCOMPARE(request->descopeTenant, QStringLiteral("T1acme"));
    QCOMPARE(request->extraParameters.size(), 1);
    QCOMPARE(request->clientId, QStringLiteral("edited-client"));

    // New defaults replace the generated values only.
    defaults.state = QStringLiteral("state-2");
    defaults.clientId = QStringLiteral("client");
    table.applyDefaults(defaults);
    QCOMPARE(table.value(QStringLiteral("state")), QStringLiteral("state-2"));
    QCOMPARE(table.value(QStringLiteral("client_id")), QStringLiteral("edited-client"));
    QCOMPARE(table.value(QStringLiteral("prompt")), QStringLiteral("login"));

    // Insecure choices are warnings.
    table.setValue(QStringLiteral("code_challenge_method"), QStringLiteral("plain"));
    table.setValue(QStringLiteral("nonce"), QString());
    const QString warnings = table.warnings().join(QLatin1Char(' '));
    QVERIFY2(warnings.contains(QStringLiteral("plain")) && warnings.contains(QStringLiteral("No nonce")), qPrintable(warnings));
    QVERIFY(child<QLabel>(table, "authorizeWarningLabel")->isVisibleTo(&table));
    QCOMPARE(child<QLabel>(table, "authorizeWarningLabel")->textFormat(), Qt::PlainText);
    table.setValue(QStringLiteral("code_challenge_method"), QStringLiteral("S512"));
    QCOMPARE(QString::fromStdString(table.request({}).error().code), QStringLiteral("AUTHZ_PARAM_VALUE"));
}

void TestFlowWidgets::mainWindowWiresTheFlowAreas()
{
    auto app = testsupport::makeTestApp();
    ui::MainWindow window(app->context.get());
    QCOMPARE(window.context(), app->context.get());
    // The flow page is the first area and the one shown; the exchange log is enabled too.
    QCOMPARE(window.currentArea(), QStringLiteral("authorization-code"));
    const QModelIndex logIndex = areasOf(window)->index(areasOf(window)->rowOf(QStringLiteral("exchange-log")));
    QVERIFY(areasOf(window)->flags(logIndex) & Qt::ItemIsEnabled);
    const QModelIndex inbox = areasOf(window)->index(areasOf(window)->rowOf(QStringLiteral("inbox")));
    QVERIFY(areasOf(window)->flags(inbox) & Qt::ItemIsEnabled); // the sandbox's Inbox panel
    QCOMPARE(child<QComboBox>(window, "providerCombo")->currentText(), QStringLiteral("Sandbox (built-in)"));

    // The sandbox starts only after the first paint.
    app->context->startSandboxAfterFirstPaint(&window);
    QCOMPARE(app->context->sandboxState(), ui::AppContext::SandboxState::NotStarted);
    QVERIFY(!app->context->hasSandbox() || !app->context->sandbox()->isRunning());
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(app->context->sandboxState(), ui::AppContext::SandboxState::Running, 30000);

    auto *page = qobject_cast<ui::FlowPage *>(window.areaPanel(QStringLiteral("authorization-code")));
    QVERIFY(page);
    // "Open in JWT Inspector" shows the token in the inspector.
    Q_EMIT child<ui::TokensPanel>(*page, "tokensPanel")->openInInspector(QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
    QCOMPARE(window.currentArea(), QStringLiteral("jwt-inspector"));
    auto *inspector = qobject_cast<ui::JwtInspectorPanel *>(window.areaPanel(QStringLiteral("jwt-inspector")));
    QVERIFY(inspector);
    QCOMPARE(inspector->token(), QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));

    // Discovery shows up in the exchange log area.
    page->runner()->runStep(Step::Discovery);
    QTRY_COMPARE_WITH_TIMEOUT(page->runner()->steps()->state(Step::Discovery), State::Ok, 10000);
    QVERIFY(window.showArea(QStringLiteral("exchange-log")));
    auto *log = qobject_cast<ui::ExchangeLogPanel *>(window.areaPanel(QStringLiteral("exchange-log")));
    QVERIFY(log);
    QCOMPARE(log->model()->rowCount(), 1);
}

// Issue 12: a step that changes repaints its own row, not the whole list (QListView relays out and
// repaints every item on any change).
void TestFlowWidgets::aChangedStepRepaintsOnlyItsRow()
{
    struct PaintedRegion final : QObject {
        QRegion painted;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                painted += static_cast<QPaintEvent *>(event)->region();
            return false;
        }
    };
    ui::FlowStepModel steps;
    ui::StepListView list;
    list.setModel(&steps);
    list.setItemDelegate(new ui::StepItemDelegate(&list));
    list.resize(240, 600);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    PaintedRegion region;
    list.viewport()->installEventFilter(&region);
    QTest::qWait(50);
    region.painted = {};

    steps.setRunning(Step::Token, QStringLiteral("exchanging the code"));
    const QRect row = list.visualRect(steps.indexOf(Step::Token));
    QTRY_VERIFY(!region.painted.isEmpty());
    QTest::qWait(50); // a relayout would come on a timer
    QVERIFY2(region.painted.boundingRect() == row,
             qPrintable(QStringLiteral("painted %1,%2 %3x%4; the row is %5,%6 %7x%8")
                            .arg(region.painted.boundingRect().x())
                            .arg(region.painted.boundingRect().y())
                            .arg(region.painted.boundingRect().width())
                            .arg(region.painted.boundingRect().height())
                            .arg(row.x())
                            .arg(row.y())
                            .arg(row.width())
                            .arg(row.height())));
}

// A step row's style option as a list gives it: the app's font and palette, the delegate's size, at `at`.
QStyleOptionViewItem stepRowOption(const ui::StepItemDelegate &delegate, const QModelIndex &index, QPoint at = QPoint(0, 0))
{
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.palette = QApplication::palette();
    option.rect = QRect(at, delegate.sizeHint(option, index));
    return option;
}

// The badges' discs are drawn once per colour and kept (StepItemDelegate::disc): a step that changes
// state shows its new colour, a repaint shows the same pixels, a pending step is an outline.
void TestFlowWidgets::stepBadgesFollowTheirState()
{
    ui::FlowStepModel steps;
    ui::StepItemDelegate delegate;
    const QModelIndex index = steps.indexOf(Step::Token);
    QStyleOptionViewItem option = stepRowOption(delegate, index);
    option.state = QStyle::State_Enabled;
    const auto paint = [&] {
        QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        delegate.paint(&painter, option, index);
        return image;
    };
    // Inside the disc, left of its centred text: 8 px margin, 4 px in; the row's middle.
    const QPoint inDisc(8 + 4, option.rect.height() / 2);
    const auto near = [](QColor a, QColor b) { return qAbs(a.red() - b.red()) <= 8 && qAbs(a.green() - b.green()) <= 8 && qAbs(a.blue() - b.blue()) <= 8; };

    const QImage pending = paint();
    QVERIFY2(near(pending.pixelColor(inDisc), Qt::white), "a pending step's badge is an outline");
    steps.setRunning(Step::Token);
    const QImage running = paint();
    QVERIFY(near(running.pixelColor(inDisc), ui::ink(ui::Ink::Running)));
    steps.setOk(Step::Token, QStringLiteral("tokens"));
    const QImage ok = paint();
    QVERIFY(near(ok.pixelColor(inDisc), ui::passColor()));
    QCOMPARE(paint(), ok); // drawn again from the kept disc: the same pixels
    steps.setRunning(Step::Token);
    QCOMPARE(paint(), running);
}

// Rows are kept as pixmaps the second time they are painted alike (StepItemDelegate): a kept row
// paints the pixels a direct paint gives, selected or not, in every state, and a row whose text or
// state changed is painted anew, never from the pixmap of what it showed before.
void TestFlowWidgets::stepRowsKeptPaintAsPainted()
{
    ui::FlowStepModel steps;
    ui::StepItemDelegate kept;
    const QModelIndex index = steps.indexOf(Step::Keys);
    const QStyleOptionViewItem option = stepRowOption(kept, index, QPoint(3, 2)); // not at the origin: the pixmap is placed
    const auto paint = [&](const ui::StepItemDelegate &delegate, QStyle::State state) {
        QImage image(option.rect.bottomRight().x() + 4, option.rect.bottomRight().y() + 4, QImage::Format_ARGB32_Premultiplied);
        image.fill(option.palette.color(QPalette::Active, QPalette::Base));
        QPainter painter(&image);
        QStyleOptionViewItem row = option;
        row.state = state;
        delegate.paint(&painter, row, index);
        return image;
    };
    const auto check = [&](const char *what) {
        for (const QStyle::State state : {QStyle::State_Enabled | QStyle::State_Active,
                                          QStyle::State_Enabled | QStyle::State_Active | QStyle::State_Selected}) {
            const ui::StepItemDelegate fresh;
            const QImage direct = paint(fresh, state);
            for (int time = 1; time <= 3; ++time) // painted, then kept, then from the kept pixmap
                QVERIFY2(paint(kept, state) == direct, qPrintable(QStringLiteral("%1, paint %2%3").arg(QLatin1String(what)).arg(time).arg(state & QStyle::State_Selected ? QStringLiteral(", selected") : QString())));
        }
    };
    check("pending");
    steps.setRunning(Step::Keys, QStringLiteral("fetching the JWKS"));
    check("running");
    steps.setOk(Step::Keys, QStringLiteral("2 usable key(s)"));
    check("ok");
    steps.setOk(Step::Keys, QStringLiteral("3 usable key(s)")); // only the summary changed
    check("ok, another summary");
}

// The main window, with the flow page shown and the sandbox running, fits a 1280x800 screen: no
// column, tokens pane or provider-bar button is cut at the default font.
void TestFlowWidgets::mainWindowFitsA1280PixelScreen()
{
    auto app = testsupport::makeTestApp();
    ui::MainWindow window(app->context.get());
    window.show();
    QVERIFY(testsupport::startSandbox(*app->context, 60000));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentArea(), QStringLiteral("authorization-code"));
    QVERIFY(child<QPushButton>(window, "editProfilesButton")->isVisible());
    // The window at its minimum keeps the provider bar's last button and the tokens pane on screen.
    window.resize(window.minimumSizeHint().width(), 800);
    QTest::qWait(20);
    const QWidget *edit = child<QPushButton>(window, "editProfilesButton");
    QVERIFY(edit->mapTo(&window, QPoint(edit->width(), 0)).x() <= window.width());
    const QWidget *tokens = child<QWidget>(window, "tokensPane");
    QVERIFY(tokens->mapTo(&window, QPoint(tokens->width(), 0)).x() <= window.width());
    QVERIFY2(window.minimumSizeHint().width() <= 1280, qPrintable(QStringLiteral("minimum width %1").arg(window.minimumSizeHint().width())));
}

} // namespace tst_flowwidgets

OIDCPLAY_QTEST_MAIN(tst_flowwidgets, tst_flowwidgets::TestFlowWidgets)
#include "tst_flowwidgets.moc"
