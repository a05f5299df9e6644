// Workspaces in the main window (ui/workspace, File ▸ New / Open / Save / Save as). Every
// context here has settings of its own in a temporary folder; its default workspace is created
// there, and its secrets stay in memory unless the test names a keychain service.

#include "../FindChild.h"
#include "BrowserPlayer.h"
#include "QtTestMain.h"
#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/CopyableField.h"
#include "ui/MainWindow.h"
#include "ui/descope/AccessKeyForm.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/mgmt/ManagementPanel.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/flow/FlowPage.h"
#include "ui/flow/FlowRunner.h"
#include "ui/flow/FlowSettingsPanel.h"
#include "ui/flow/ProfileEditorDialog.h"
#include "ui/flow/ProfileManager.h"
#include "ui/workspace/WorkspaceController.h"

#include "oidc/flow/ProviderProfile.h"
#include "oidc/net/ExchangeLog.h"
#include "sandbox/SandboxHost.h"
#include "secrets/FallbackSecretStore.h"
#include "secrets/SecretKey.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QUrlQuery>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>

namespace tst_workspace {

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using testing_ui::child;

constexpr const char *kSecret = "typed-secret-7f3a9c";

class App final {
public:
    explicit App(QString keychainService = {}) : m_keychainService(std::move(keychainService)) { start(); }

    // A new start of the app on the same settings.
    void start()
    {
        window.reset();
        context.reset();
        ui::AppContext::Options options;
        options.settingsPath = settingsPath();
        options.browserStorageRoot = dir.filePath(QStringLiteral("browser"));
        options.keychainService = m_keychainService;
        context = std::make_unique<ui::AppContext>(options);
        window = std::make_unique<ui::MainWindow>(context.get());
    }

    [[nodiscard]] QString settingsPath() const { return dir.filePath(QStringLiteral("settings.ini")); }
    [[nodiscard]] ui::WorkspaceController &workspace() const { return context->workspace(); }
    [[nodiscard]] ui::ProfileManager &profiles() const { return context->profiles(); }
    [[nodiscard]] QAction *action(const char *name) const { return child<QAction>(*window, name); }

    QTemporaryDir dir;
    std::unique_ptr<ui::AppContext> context;
    std::unique_ptr<ui::MainWindow> window;

private:
    QString m_keychainService;
};

ui::AppContext::Options optionsWith(const QString &settingsPath)
{
    ui::AppContext::Options options;
    options.settingsPath = settingsPath;
    return options;
}

ProviderProfile acmeProfile()
{
    ProviderProfile profile;
    profile.name = QStringLiteral("Acme staging");
    profile.kind = ProviderKind::OidcIssuer;
    profile.issuer = QStringLiteral("https://idp.acme.test");
    profile.clientId = QStringLiteral("acme-web");
    profile.clientSecret = QString::fromLatin1(kSecret);
    profile.authMethod = oidc::flow::ClientAuthMethod::ClientSecretPost;
    return profile;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Answers the next "unsaved changes" question with `button`.
void answerUnsavedQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        for (QWidget *widget : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->objectName() == QLatin1String("unsavedWorkspaceBox"))
                box->button(button)->click();
    });
}

// The open window-modal dialog named `name` (dialogs here open without blocking).
template <typename T>
T *openDialog(const char *name)
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *dialog = qobject_cast<T *>(widget); dialog && dialog->objectName() == QLatin1String(name) && dialog->isVisible())
            return dialog;
    return nullptr;
}

// Answers the preset name dialog that `button` opens with `name`.
void namePreset(QPushButton *button, const QString &name)
{
    button->click();
    QInputDialog *dialog = openDialog<QInputDialog>("presetNameDialog");
    QVERIFY(dialog);
    dialog->setTextValue(name);
    dialog->accept();
    QTRY_VERIFY(!openDialog<QInputDialog>("presetNameDialog"));
}

// The variable editor's rows under the built-ins, set to `variables` and accepted.
void editVariables(ui::FlowPage &page, const QList<std::pair<QString, QString>> &variables)
{
    child<QPushButton>(page, "variablesButton")->click();
    QDialog *dialog = openDialog<QDialog>("variablesDialog");
    QVERIFY(dialog);
    auto *table = child<QTableWidget>(*dialog, "variablesTable");
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("client_id")); // the built-ins first, read-only
    QVERIFY(!(table->item(0, 1)->flags() & Qt::ItemIsEditable));
    for (const auto &[name, value] : variables) {
        child<QPushButton>(*dialog, "variablesAdd")->click();
        const int row = table->rowCount() - 1;
        table->item(row, 0)->setText(name);
        table->item(row, 1)->setText(value);
    }
    QPushButton *ok = child<QDialogButtonBox>(*dialog, "variablesButtons")->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    ok->click();
    QTRY_VERIFY(!openDialog<QDialog>("variablesDialog"));
}

// A Descope project profile (not the sandbox) at an address where nothing answers.
ProviderProfile realDescopeProject()
{
    ProviderProfile profile;
    profile.name = QStringLiteral("Acme Descope");
    profile.kind = ProviderKind::DescopeProject;
    profile.descopeProjectId = QStringLiteral("P2workspaceTest");
    profile.descopeCustomBase = QStringLiteral("http://127.0.0.1:9");
    return profile;
}

class TestWorkspace final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void newSaveOpenRoundTrip();
    void unsavedChangesAreAskedAbout();
    void lastWorkspaceReopensAndRecentList();
    void brokenFileChangesNothing();
    void oldProfilesMigrateOnce();
    void secretsComeBackFromTheStore();
    void noKeychainNoticeWithoutDbus();
    void keychainWaitsForTheFirstFrame();
    void variablesReachTheAuthorizeUrl();
    void variableEditorRefusesBadNamesAndWarnsOfSecrets();
    void templatedProfileUrlsResolveAtUseAndStayTemplates();
    void presetsSaveApplyRenameDelete();
    void rememberedKeysGoToTheStoreNeverTheFile();
};

void TestWorkspace::newSaveOpenRoundTrip()
{
    App app;
    QVERIFY(app.window->windowTitle().startsWith(QStringLiteral("Default")));
    QVERIFY(!app.window->isWindowModified());
    const QString id = app.profiles().add(acmeProfile());
    app.profiles().setCurrent(id);
    QVERIFY(app.window->isWindowModified()); // the title's [*]

    const QString path = app.dir.filePath(QStringLiteral("acme.oidcplay.json"));
    QVERIFY(app.window->saveWorkspaceTo(path));
    QVERIFY(!app.window->isWindowModified());
    QVERIFY(app.window->windowTitle().startsWith(QStringLiteral("acme")));
    const QByteArray bytes = fileBytes(path);
    QVERIFY(bytes.contains("\"oidcplayWorkspace\": 1"));
    QVERIFY(bytes.contains("acme-web"));
    QVERIFY(!bytes.contains(kSecret)); // the typed secret is in no byte of the file

    app.action("newWorkspaceAction")->trigger();
    QCOMPARE(app.profiles().profiles().size(), 1); // the sandbox only
    QVERIFY(app.window->windowTitle().startsWith(QStringLiteral("Untitled")));

    QVERIFY(app.window->openWorkspaceFile(path));
    QCOMPARE(app.profiles().profiles().size(), 2);
    QCOMPARE(app.profiles().currentId(), id);
    QCOMPARE(app.profiles().current().authMethod, oidc::flow::ClientAuthMethod::ClientSecretPost);
    QVERIFY(!app.window->isWindowModified());
}

void TestWorkspace::unsavedChangesAreAskedAbout()
{
    App app;
    app.profiles().add(acmeProfile());
    QVERIFY(app.workspace().isDirty());

    answerUnsavedQuestion(QMessageBox::Cancel);
    app.action("newWorkspaceAction")->trigger();
    QCOMPARE(app.profiles().profiles().size(), 2); // cancelled: nothing replaced

    answerUnsavedQuestion(QMessageBox::Save);
    app.action("newWorkspaceAction")->trigger(); // saved to its file, then a new one
    QCOMPARE(app.profiles().profiles().size(), 1);
    QVERIFY(fileBytes(app.workspace().defaultPath()).contains("acme-web"));

    app.profiles().add(acmeProfile());
    answerUnsavedQuestion(QMessageBox::Discard);
    QVERIFY(app.window->close());
}

void TestWorkspace::lastWorkspaceReopensAndRecentList()
{
    App app;
    const QString first = app.dir.filePath(QStringLiteral("first.json"));
    const QString second = app.dir.filePath(QStringLiteral("second.json"));
    app.profiles().add(acmeProfile());
    QVERIFY(app.window->saveWorkspaceTo(first));
    app.action("newWorkspaceAction")->trigger();
    QVERIFY(app.window->saveWorkspaceTo(second));

    app.start(); // the app again: the last workspace reopens
    QCOMPARE(app.workspace().path(), second);
    QCOMPARE(app.profiles().profiles().size(), 1);
    auto *recent = child<QListWidget>(*app.window, "recentWorkspacesList");
    QCOMPARE(recent->count(), 3); // second, first, the default one
    QCOMPARE(recent->item(0)->text(), QStringLiteral("second.json"));
    QCOMPARE(recent->item(1)->text(), QStringLiteral("first.json"));

    Q_EMIT recent->itemActivated(recent->item(1));
    QCOMPARE(app.workspace().path(), first);
    QCOMPARE(app.profiles().profiles().size(), 2);
    QCOMPARE(recent->item(0)->text(), QStringLiteral("first.json"));
    QCOMPARE(child<QLabel>(*app.window, "currentWorkspaceLabel")->text(), QStringLiteral("first"));
}

void TestWorkspace::brokenFileChangesNothing()
{
    App app;
    const QString id = app.profiles().add(acmeProfile());
    const QString broken = app.dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"oidcplayWorkspace": 1, "profiles": [{"id": "x", "security": {"pkce": "sometimes"}}]})");
    file.close();

    answerUnsavedQuestion(QMessageBox::Discard); // go on: the refusal must still lose nothing
    QVERIFY(!app.window->openWorkspaceFile(broken));
    QTRY_VERIFY(app.window->findChild<QMessageBox *>(QStringLiteral("workspaceErrorBox")));
    const auto *box = app.window->findChild<QMessageBox *>(QStringLiteral("workspaceErrorBox"));
    QVERIFY(box->text().contains(QStringLiteral("PROFILE_JSON_INVALID")));
    QVERIFY(box->text().contains(QStringLiteral("security.pkce")));
    // The open workspace stays, unsaved changes included.
    QCOMPARE(app.workspace().path(), app.workspace().defaultPath());
    QVERIFY(app.profiles().profile(id));
    QVERIFY(app.workspace().isDirty());
    QVERIFY(!app.workspace().recent().contains(broken));
}

void TestWorkspace::oldProfilesMigrateOnce()
{
    QTemporaryDir dir;
    const QString settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    {
        // What the app kept in QSettings before workspaces.
        QSettings settings(settingsPath, QSettings::IniFormat);
        oidc::flow::ProviderProfileStore store(settings);
        ProviderProfile old = acmeProfile();
        old.id = QStringLiteral("acme-staging");
        store.save(old);
        store.setLastSelectedId(old.id);
    }
    {
        ui::AppContext context(optionsWith(settingsPath));
        QCOMPARE(context.profiles().profiles().size(), 2);
        QCOMPARE(context.profiles().currentId(), QStringLiteral("acme-staging"));
        QVERIFY(fileBytes(context.workspace().defaultPath()).contains("idp.acme.test"));
        context.profiles().remove(QStringLiteral("acme-staging"));
        QVERIFY(context.workspace().save().ok());
    }
    // Once: the profile removed from the workspace does not come back from QSettings.
    QFile::remove(QFileInfo(settingsPath).absoluteDir().filePath(QStringLiteral("workspaces/default.oidcplay.json")));
    ui::AppContext again(optionsWith(settingsPath));
    QCOMPARE(again.profiles().profiles().size(), 1);
}

void TestWorkspace::secretsComeBackFromTheStore()
{
    App app;
    const QString id = app.profiles().add(acmeProfile());
    const QString path = app.dir.filePath(QStringLiteral("with-secret.json"));
    QVERIFY(app.window->saveWorkspaceTo(path));
    QVERIFY(!fileBytes(path).contains(kSecret));
    app.action("newWorkspaceAction")->trigger();
    QVERIFY(app.window->openWorkspaceFile(path));
    // Read asynchronously from the store (memory here), under this workspace's key.
    QVERIFY(app.profiles().profile(id)->clientSecret.isEmpty());
    QTRY_COMPARE(app.profiles().profile(id)->clientSecret, QString::fromLatin1(kSecret));
    QVERIFY(!app.workspace().isDirty()); // a secret arriving changes no file
}

void TestWorkspace::noKeychainNoticeWithoutDbus()
{
    App memoryOnly;
    QVERIFY(!child<QLabel>(*memoryOnly.window, "keychainNotice")->isHidden()); // no keychain used at all
    App app(QStringLiteral("oidcplay-tst-workspace")); // asks the keychain: there is no session bus
    auto *notice = child<QLabel>(*app.window, "keychainNotice");
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isHidden(), 15000);
    QVERIFY(notice->text().contains(QStringLiteral("No keychain answered: secrets are kept in memory for this session only")));
}

// The main window holds the keychain until its first frame (loading libsecret, GIO and a D-Bus
// connection is start-up work, issue 7): not even the profiles' secrets are asked before. Without
// a session bus, the first call the keychain gets answers "unavailable" at once and the notice
// shows; a window that is not shown asks nothing for a second (the fallback asks after 3 s), and
// asks once it has painted or is gone.
void TestWorkspace::keychainWaitsForTheFirstFrame()
{
    App app(QStringLiteral("oidcplay-tst-workspace"));
    QVERIFY(!app.profiles().profiles().isEmpty()); // secrets to read: the held reads are what is tested
    auto *notice = child<QLabel>(*app.window, "keychainNotice");
    QTest::qWait(1000);
    QVERIFY(notice->isHidden());
    QCOMPARE(app.workspace().secretStore().state(), secrets::FallbackSecretStore::State::Unknown);
    // Nothing in the window before its first frame has a style sheet: the first one sets up Qt's
    // style-sheet style, ~1 ms of start-up (issue 7); the hidden notice gets its box when it shows.
    for (const QWidget *widget : app.window->findChildren<QWidget *>())
        QVERIFY2(widget->styleSheet().isEmpty(), qPrintable(widget->objectName()));
    app.window->show();
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isHidden(), 15000);
    QCOMPARE(app.workspace().secretStore().state(), secrets::FallbackSecretStore::State::MemoryOnly);
    QVERIFY(!notice->styleSheet().isEmpty()); // the warning box, now that it shows

    // A window closed before its first frame (its watchers go with it) releases the held reads.
    App closed(QStringLiteral("oidcplay-tst-workspace"));
    closed.window.reset();
    QTRY_COMPARE_WITH_TIMEOUT(closed.workspace().secretStore().state(), secrets::FallbackSecretStore::State::MemoryOnly, 15000);
}

// `{{variables}}` in the authorize parameters, set in the editor, reach the URL the flow builds
// against the in-process sandbox; an unknown one is marked beside its parameter and stops step 4
// with the core's error, never sending a literal `{{x}}`.
void TestWorkspace::variablesReachTheAuthorizeUrl()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::WorkspaceController &workspace = app->context->workspace();
    ui::FlowPage page(*app->context);
    page.resize(1100, 760);
    page.show();
    using Step = ui::FlowStepModel::Step;
    using State = ui::FlowStepModel::State;
    ui::FlowStepModel *steps = page.runner()->steps();
    for (Step step : {Step::Discovery, Step::Keys, Step::Prepare}) {
        page.runner()->runStep(step);
        QTRY_COMPARE_WITH_TIMEOUT(steps->state(step), State::Ok, 20000);
    }
    QVERIFY(!workspace.isDirty());
    editVariables(page, {{QStringLiteral("user"), QStringLiteral("alice@example.com")}, {QStringLiteral("tenant_id"), QStringLiteral("T1acme")}});
    QVERIFY(workspace.isDirty());
    QCOMPARE(workspace.variables(ui::ProfileManager::sandboxId()).value(QStringLiteral("user")), QStringLiteral("alice@example.com"));

    auto *table = child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable");
    table->setValue(QStringLiteral("login_hint"), QStringLiteral("{{user}}"));
    table->setValue(QStringLiteral("tenant"), QStringLiteral("{{ tenant_id }}"));
    table->addParameter(QStringLiteral("x_client"), QStringLiteral("{{client_id}}"));
    table->setValue(QStringLiteral("acr_values"), QStringLiteral("{{nope}}"));

    // The unknown one: its cell and the list under the table say which parameter and why.
    QVERIFY2(table->warnings().join(QLatin1Char('\n')).contains(QStringLiteral("acr_values: INPUT VARIABLE_UNKNOWN")),
             qPrintable(table->warnings().join(QLatin1Char('\n'))));
    auto *cells = child<QTableWidget>(*table, "parameterTable");
    int acrRow = -1;
    for (int row = 0; row < cells->rowCount(); ++row)
        if (cells->item(row, 0)->text() == QLatin1String("acr_values"))
            acrRow = row;
    QVERIFY(acrRow >= 0);
    QVERIFY(cells->item(acrRow, 1)->toolTip().contains(QStringLiteral("VARIABLE_UNKNOWN")));
    page.runner()->runStep(Step::Authorize);
    QTRY_COMPARE_WITH_TIMEOUT(steps->state(Step::Authorize), State::Failed, 20000);
    QCOMPARE(QString::fromStdString(steps->entry(Step::Authorize).error->code), QStringLiteral("VARIABLE_UNKNOWN"));
    QVERIFY(page.runner()->authorizationUrl().isEmpty());

    // Fixed: the URL carries the values; the table keeps the templates.
    table->setValue(QStringLiteral("acr_values"), QString());
    QVERIFY(!cells->item(acrRow, 1)->toolTip().contains(QStringLiteral("VARIABLE_UNKNOWN")));
    page.runner()->runStep(Step::Authorize);
    QTRY_COMPARE_WITH_TIMEOUT(steps->state(Step::Authorize), State::Ok, 20000);
    const QUrl url = page.runner()->authorizationUrl();
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded), QStringLiteral("alice@example.com"));
    QCOMPARE(query.queryItemValue(QStringLiteral("tenant")), QStringLiteral("T1acme"));
    QCOMPARE(query.queryItemValue(QStringLiteral("x_client")), app->context->sandbox()->projectId());
    QVERIFY(!url.toString(QUrl::FullyDecoded).contains(QStringLiteral("{{")));
    const QString shown = child<ui::CopyableField>(page, "authorizationUrlField")->text();
    QVERIFY2(shown.contains(QStringLiteral("login_hint=alice%40example.com")) || shown.contains(QStringLiteral("login_hint=alice@example.com")),
             qPrintable(shown));
    QCOMPARE(table->value(QStringLiteral("login_hint")), QStringLiteral("{{user}}"));

    // Saved with the workspace, and nothing else changed in the file's shape.
    const QString path = app->dir.filePath(QStringLiteral("vars.oidcplay.json"));
    QVERIFY(workspace.saveAs(path).ok());
    const QByteArray bytes = fileBytes(path);
    QVERIFY(bytes.contains("\"user\": \"alice@example.com\"") || bytes.contains("\"user\":\"alice@example.com\""));
}

// `{{variables}}` in a profile's URLs: an issuer profile and a hand-typed one, each with the
// sandbox's port and project as variables, discover and sign in against the in-process sandbox;
// the flow settings and the profile editor show the URLs resolved, the saved workspace keeps the
// templates, and an unknown variable stops discovery naming the field, with nothing sent.
void TestWorkspace::templatedProfileUrlsResolveAtUseAndStayTemplates()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::AppContext &context = *app->context;
    ui::WorkspaceController &workspace = context.workspace();
    const QString projectId = context.sandbox()->projectId();
    const QString port = QString::number(context.sandbox()->baseUrl().port());
    const QString issuer = context.sandbox()->baseUrl().toString() + QLatin1Char('/') + projectId;

    ProviderProfile typed;
    typed.name = QStringLiteral("Tenant by variable");
    typed.kind = ProviderKind::OidcIssuer;
    typed.issuer = QStringLiteral("http://127.0.0.1:{{port}}/{{tenant}}");
    typed.clientId = projectId;
    typed.scope = QStringLiteral("openid profile email");
    const QString id = context.profiles().add(typed);
    workspace.setVariables(id, {{QStringLiteral("port"), port}, {QStringLiteral("tenant"), projectId}});
    context.profiles().setCurrent(id);

    ui::FlowPage page(context);
    page.resize(1100, 760);
    page.show();
    child<QRadioButton>(page, "systemBrowserRadio")->click();
    page.flushSettings();
    testsupport::BrowserPlayer player;
    page.setSystemBrowserOpener([&player](const QUrl &url) {
        const QString target = testsupport::redirectTarget(url);
        QTimer::singleShot(50, &player, [&player, url, target] { player.play(url, QStringLiteral("alice@example.com"), target); });
        return true;
    });
    using Step = ui::FlowStepModel::Step;
    using State = ui::FlowStepModel::State;
    ui::FlowStepModel *steps = page.runner()->steps();

    // Shown resolved where the flow shows its provider; the runner's profile keeps the template.
    const QString shown = child<QLabel>(page, "providerUrlsLabel")->text();
    QVERIFY2(shown.contains(QStringLiteral("Issuer: http://127.0.0.1:{{port}}/{{tenant}}")) && shown.contains(QStringLiteral("→ ") + issuer),
             qPrintable(shown));
    QCOMPARE(page.runner()->profile().issuer, typed.issuer);

    // Discovery and the whole login against the sandbox, at the resolved issuer.
    page.runner()->runAll();
    QTRY_VERIFY2_WITH_TIMEOUT(steps->state(Step::UserInfo) == State::Ok || steps->state(Step::UserInfo) == State::Failed,
                              qPrintable(steps->entry(Step::Discovery).summary), 30000);
    for (Step step : {Step::Discovery, Step::Keys, Step::Prepare, Step::Authorize, Step::Browser, Step::Callback, Step::Token, Step::IdToken,
                      Step::UserInfo})
        QVERIFY2(steps->state(step) == State::Ok, qPrintable(QStringLiteral("step %1: %2").arg(static_cast<int>(step)).arg(steps->entry(step).summary)));
    QVERIFY(page.runner()->session().session().has_value());
    QCOMPARE(page.runner()->profile().issuer, typed.issuer);
    QCOMPARE(context.profiles().profile(id)->issuer, typed.issuer);

    // A profile of hand-typed endpoints, each templated: the metadata and keys come from them.
    ProviderProfile manual;
    manual.name = QStringLiteral("Endpoints by variable");
    manual.kind = ProviderKind::Manual;
    manual.issuer = QStringLiteral("http://127.0.0.1:{{port}}/{{tenant}}");
    manual.manualEndpoints.issuer = manual.issuer;
    const QString base = QStringLiteral("http://127.0.0.1:{{port}}");
    const auto templated = [&](const QUrl &url) {
        QString text = url.toString();
        return text.replace(context.sandbox()->baseUrl().toString(), base).replace(projectId, QStringLiteral("{{tenant}}"));
    };
    const oidc::flow::ProviderMetadata discovered = *page.runner()->session().metadata();
    manual.manualEndpoints.authorization = templated(discovered.authorizationEndpoint);
    manual.manualEndpoints.token = templated(discovered.tokenEndpoint);
    manual.manualEndpoints.userinfo = templated(discovered.userinfoEndpoint);
    manual.manualEndpoints.jwks = templated(discovered.jwksUri);
    manual.manualEndpoints.endSession = templated(discovered.endSessionEndpoint);
    QVERIFY2(manual.manualEndpoints.token.contains(QStringLiteral("{{port}}")), qPrintable(manual.manualEndpoints.token));
    manual.clientId = projectId;
    manual.browserMode = oidc::flow::BrowserMode::System;
    const QString manualId = context.profiles().add(manual);
    workspace.setVariables(manualId, {{QStringLiteral("port"), port}, {QStringLiteral("tenant"), projectId}});
    context.profiles().setCurrent(manualId);
    QTRY_COMPARE(page.runner()->profile().id, manualId);
    QVERIFY2(child<QLabel>(page, "providerUrlsLabel")->text().contains(QStringLiteral("→ ") + discovered.tokenEndpoint.toString()),
             qPrintable(child<QLabel>(page, "providerUrlsLabel")->text()));
    page.runner()->runAll();
    QTRY_VERIFY2_WITH_TIMEOUT(steps->state(Step::UserInfo) == State::Ok || steps->state(Step::UserInfo) == State::Failed,
                              qPrintable(steps->entry(Step::Keys).summary), 30000);
    QVERIFY2(steps->state(Step::Token) == State::Ok && steps->state(Step::UserInfo) == State::Ok, qPrintable(steps->entry(Step::Token).summary));
    QCOMPARE(page.runner()->session().metadata()->tokenEndpoint, discovered.tokenEndpoint);

    // The profile editor shows the same resolution, and keeps the typed text in its fields.
    {
        ui::ProfileEditorDialog editor(context, manualId);
        QCOMPARE(child<QLineEdit>(editor, "manualTokenEdit")->text(), manual.manualEndpoints.token);
        auto *resolved = child<QLabel>(editor, "resolvedUrlsLabel");
        QVERIFY(!resolved->isHidden());
        QVERIFY2(resolved->text().contains(QStringLiteral("→ ") + discovered.jwksUri.toString()), qPrintable(resolved->text()));
    }

    // Saved: the file holds the templates, never a resolved URL.
    const QString path = app->dir.filePath(QStringLiteral("templated.oidcplay.json"));
    QVERIFY(workspace.saveAs(path).ok());
    const QByteArray bytes = fileBytes(path);
    QVERIFY2(bytes.contains("http://127.0.0.1:{{port}}/{{tenant}}"), bytes.constData());
    QVERIFY(bytes.contains(templated(discovered.tokenEndpoint).toUtf8()));
    QVERIFY(!bytes.contains(issuer.toUtf8()));

    // An unknown variable: discovery refuses with the core's error naming the field, nothing is sent.
    ProviderProfile broken = *context.profiles().profile(id);
    broken.issuer = QStringLiteral("http://127.0.0.1:{{port}}/{{nope}}");
    context.profiles().update(broken);
    context.profiles().setCurrent(id);
    QTRY_COMPARE(page.runner()->profile().issuer, broken.issuer);
    QTRY_VERIFY(child<QLabel>(page, "providerUrlsLabel")->text().contains(QStringLiteral("VARIABLE_UNKNOWN")));
    const size_t exchanges = context.exchangeLog().records().size();
    page.runner()->runStep(Step::Discovery);
    QTRY_COMPARE_WITH_TIMEOUT(steps->state(Step::Discovery), State::Failed, 20000);
    const auto &error = steps->entry(Step::Discovery).error;
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(error->code), QStringLiteral("VARIABLE_UNKNOWN"));
    QVERIFY2(QString::fromStdString(error->message).startsWith(QStringLiteral("issuer: {{nope}}")), error->message.c_str());
    QCOMPARE(context.exchangeLog().records().size(), exchanges);
}

void TestWorkspace::variableEditorRefusesBadNamesAndWarnsOfSecrets()
{
    App app;
    ui::FlowPage page(*app.context);
    child<QPushButton>(page, "variablesButton")->click();
    QDialog *dialog = openDialog<QDialog>("variablesDialog");
    QVERIFY(dialog);
    auto *table = child<QTableWidget>(*dialog, "variablesTable");
    auto *problems = child<QLabel>(*dialog, "variablesProblems");
    QPushButton *ok = child<QDialogButtonBox>(*dialog, "variablesButtons")->button(QDialogButtonBox::Ok);
    child<QPushButton>(*dialog, "variablesAdd")->click();
    const int row = table->rowCount() - 1;
    table->item(row, 0)->setText(QStringLiteral("issuer")); // a built-in's name
    QVERIFY(!ok->isEnabled());
    QVERIFY(problems->text().contains(QStringLiteral("VARIABLE_BUILTIN")));
    table->item(row, 0)->setText(QStringLiteral("api_token"));
    table->item(row, 1)->setText(QStringLiteral("abc"));
    QVERIFY(ok->isEnabled()); // a warning, not a refusal
    QVERIFY(problems->text().contains(QStringLiteral("looks like a secret")));
    dialog->reject();
    QTRY_VERIFY(!openDialog<QDialog>("variablesDialog"));
    QVERIFY(!app.workspace().isDirty()); // Cancel keeps nothing
}

void TestWorkspace::presetsSaveApplyRenameDelete()
{
    App app;
    ui::FlowPage page(*app.context);
    page.show();
    auto *table = child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable");
    auto *combo = child<QComboBox>(page, "presetCombo");
    QCOMPARE(combo->count(), 0);
    QVERIFY(!child<QPushButton>(page, "presetApply")->isEnabled());

    table->setValue(QStringLiteral("prompt"), QStringLiteral("login"));
    table->setValue(QStringLiteral("login_hint"), QStringLiteral("{{user}}"));
    table->addParameter(QStringLiteral("x_trace"), QStringLiteral("1"));
    namePreset(child<QPushButton>(page, "presetSave"), QStringLiteral("QA login"));
    QVERIFY(app.workspace().isDirty());
    QCOMPARE(app.workspace().presets().size(), 1);
    const oidc::workspace::Parameters expected = {{QStringLiteral("prompt"), QStringLiteral("login")},
                                                  {QStringLiteral("login_hint"), QStringLiteral("{{user}}")},
                                                  {QStringLiteral("x_trace"), QStringLiteral("1")}};
    QCOMPARE(app.workspace().presets().front().parameters, expected); // no state, nonce or challenge
    QCOMPARE(combo->currentText(), QStringLiteral("QA login"));

    // Changed by hand, then the preset applied: exactly its parameters again.
    table->setValue(QStringLiteral("prompt"), QStringLiteral("none"));
    table->setValue(QStringLiteral("login_hint"), QString());
    table->setValue(QStringLiteral("max_age"), QStringLiteral("60"));
    table->addParameter(QStringLiteral("x_other"), QStringLiteral("2"));
    child<QPushButton>(page, "presetApply")->click();
    QCOMPARE(table->value(QStringLiteral("prompt")), QStringLiteral("login"));
    QCOMPARE(table->value(QStringLiteral("login_hint")), QStringLiteral("{{user}}"));
    QCOMPARE(table->value(QStringLiteral("max_age")), QString());
    QCOMPARE(table->value(QStringLiteral("x_trace")), QStringLiteral("1"));
    QCOMPARE(table->presetParameters(), expected);

    // A second one, then a rename onto a taken name is asked again.
    table->setValue(QStringLiteral("prompt"), QStringLiteral("consent"));
    namePreset(child<QPushButton>(page, "presetSave"), QStringLiteral("Consent"));
    QCOMPARE(combo->count(), 2);
    combo->setCurrentIndex(combo->findText(QStringLiteral("Consent")));
    child<QPushButton>(page, "presetRename")->click();
    QInputDialog *rename = openDialog<QInputDialog>("presetNameDialog");
    QVERIFY(rename);
    rename->setTextValue(QStringLiteral("QA login"));
    rename->accept();
    QInputDialog *again = nullptr;
    QTRY_VERIFY((again = openDialog<QInputDialog>("presetNameDialog")) != nullptr);
    QVERIFY(again->labelText().contains(QStringLiteral("taken")));
    again->setTextValue(QStringLiteral("Consent screen"));
    again->accept();
    QTRY_COMPARE(app.workspace().presets().at(1).name, QStringLiteral("Consent screen"));
    QCOMPARE(app.workspace().presets().at(0).name, QStringLiteral("QA login"));

    // Saved and opened again.
    const QString path = app.dir.filePath(QStringLiteral("presets.oidcplay.json"));
    QVERIFY(app.workspace().saveAs(path).ok());
    app.workspace().newWorkspace();
    QCOMPARE(combo->count(), 0);
    QVERIFY(app.workspace().open(path).ok());
    QCOMPARE(combo->count(), 2);
    QCOMPARE(app.workspace().presets().at(0).parameters, expected);

    combo->setCurrentIndex(combo->findText(QStringLiteral("QA login")));
    child<QPushButton>(page, "presetDelete")->click();
    QCOMPARE(combo->count(), 1);
    QCOMPARE(app.workspace().presets().front().name, QStringLiteral("Consent screen"));
    QVERIFY(app.workspace().isDirty());
}

// A real project's management key and access key, when "Remember in the keychain" is ticked, go
// to the secret store (memory here: no keychain service) under the workspace's and profile's key,
// come back when the workspace is opened again, and are never in the file or the settings.
void TestWorkspace::rememberedKeysGoToTheStoreNeverTheFile()
{
    const QString managementKey = QStringLiteral("K2mgmt-secret-9d81c4");
    const QString accessKey = QStringLiteral("AK-secret-51e0b7");
    App app;
    const QString id = app.profiles().add(realDescopeProject());
    app.profiles().setCurrent(id);
    ui::DescopeContext &descope = app.context->descope();
    QVERIFY(descope.hasProject() && !descope.isSandbox());
    {
        ui::ManagementPanel panel(descope);
        ui::AccessKeyForm form(descope);
        auto *remember = child<QCheckBox>(panel, "mgmtRememberKey");
        QVERIFY(!remember->isChecked()); // memory only unless asked
        auto *field = child<QLineEdit>(panel, "mgmtKey");
        field->setText(managementKey);
        QTest::keyClick(field, Qt::Key_Return);
        remember->click();
        QVERIFY(remember->isChecked());
        QVERIFY(!child<QCheckBox>(form, "akRemember")->isHidden());
        child<QLineEdit>(form, "akKey")->setText(accessKey);
        child<QCheckBox>(form, "akRemember")->click();
    }
    // Stored under oidcplay/<workspace id>/<profile id>/<kind>.
    for (const auto &[kind, value] : {std::pair{secrets::kManagementKey, managementKey}, std::pair{secrets::kAccessKey, accessKey}}) {
        QString stored;
        app.workspace().secretStore().read(secrets::secretKey(app.workspace().id(), id, kind), app.window.get(),
                                           [&stored](const secrets::SecretAnswer &answer) { stored = answer.value; });
        QTRY_COMPARE(stored, value);
    }
    const QString path = app.dir.filePath(QStringLiteral("keys.oidcplay.json"));
    QVERIFY(app.workspace().saveAs(path).ok());
    app.context->settings().sync();
    for (const QString &file : {path, app.settingsPath()}) {
        const QByteArray bytes = fileBytes(file);
        QVERIFY2(!bytes.isEmpty(), qPrintable(file));
        QVERIFY(!bytes.contains(managementKey.toUtf8()));
        QVERIFY(!bytes.contains(accessKey.toUtf8()));
    }

    app.workspace().newWorkspace();
    QVERIFY(app.workspace().open(path).ok());
    app.profiles().setCurrent(id);
    {
        ui::ManagementPanel panel(descope);
        ui::AccessKeyForm form(descope);
        QTRY_COMPARE(child<QLineEdit>(panel, "mgmtKey")->text(), managementKey); // read back asynchronously
        QVERIFY(child<QCheckBox>(panel, "mgmtRememberKey")->isChecked());
        QTRY_COMPARE(child<QLineEdit>(form, "akKey")->text(), accessKey);
        QVERIFY(child<QCheckBox>(form, "akRemember")->isChecked());
        // Unticked: removed from the store.
        child<QCheckBox>(panel, "mgmtRememberKey")->click();
        child<QCheckBox>(form, "akRemember")->click();
    }
    for (QStringView kind : {secrets::kManagementKey, secrets::kAccessKey}) {
        std::optional<secrets::SecretAnswer::Outcome> outcome;
        app.workspace().secretStore().read(secrets::secretKey(app.workspace().id(), id, kind), app.window.get(),
                                           [&outcome](const secrets::SecretAnswer &answer) { outcome = answer.outcome; });
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(*outcome, secrets::SecretAnswer::Outcome::NotFound);
    }
}

} // namespace tst_workspace

OIDCPLAY_QTEST_MAIN(tst_workspace, tst_workspace::TestWorkspace)
#include "tst_workspace.moc"
