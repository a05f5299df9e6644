// Workspaces in the main window (ui/workspace, File ▸ New / Open / Save / Save as). Every
// context here has settings of its own in a temporary folder; its default workspace is created
// there, and its secrets stay in memory unless the test names a keychain service.

#include "../FindChild.h"
#include "QtTestMain.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/flow/ProfileManager.h"
#include "ui/workspace/WorkspaceController.h"

#include "oidc/flow/ProviderProfile.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using testing_ui::child;

namespace {

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

} // namespace

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

OIDCPLAY_QTEST_MAIN(tst_workspace, TestWorkspace)
#include "tst_workspace.moc"
