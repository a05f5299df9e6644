// The secret stores (secrets/). keychainStoresAndReadsBack runs under its own D-Bus session with
// a gnome-keyring the test's command starts (tests/secrets/CMakeLists.txt): a secret written
// through one store object is read back through another, so it went through the Secret Service
// and not through this process's memory. noSessionFallsBackToMemory runs with no D-Bus session:
// the keychain does not answer and the app's store keeps the secret in memory, saying so once.

#include "secrets/FallbackSecretStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretKey.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using secrets::SecretAnswer;
using Outcome = SecretAnswer::Outcome;

namespace {

const QString kService = QStringLiteral("oidcplay-test");

// The answer of one asynchronous call, waited for on the event loop.
template <typename Call>
SecretAnswer answerOf(Call call)
{
    std::optional<SecretAnswer> answer;
    QObject context;
    call(&context, [&answer](const SecretAnswer &given) { answer = given; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
        return {Outcome::Failed, {}, QStringLiteral("no answer within 20 s")};
    return *answer;
}

// Whether this process has mapped libsecret (qtkeychain opens it on its first job).
bool libsecretLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libsecret-1.so");
}

} // namespace

class TestSecretStore final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void heldKeychainLoadsNothingUntilReleased(); // first: it checks that libsecret is not loaded yet
    void memoryStoreAnswersAsynchronously();
    void keychainStoresAndReadsBack();
    void noSessionFallsBackToMemory();
};

// A held keychain starts no job, so loads nothing (libsecret, GIO, a D-Bus connection); released,
// it runs the waiting calls in their order (with a keyring, a write then a read of the same key
// reads what was written), and a call whose context went meanwhile is not answered.
void TestSecretStore::heldKeychainLoadsNothingUntilReleased()
{
    QVERIFY(!libsecretLoaded());
    secrets::KeychainSecretStore store(kService, nullptr, 5000);
    store.hold();
    QVERIFY(store.isHeld());
    const QString key = secrets::secretKey(QStringLiteral("ws-held"), QStringLiteral("p"), secrets::kClientSecret);
    const QString value = QStringLiteral("held-%1").arg(QCoreApplication::applicationPid());
    std::optional<SecretAnswer> written, read;
    bool goneAnswered = false;
    QObject context;
    store.write(key, value, &context, [&written](const SecretAnswer &answer) { written = answer; });
    store.read(key, &context, [&read](const SecretAnswer &answer) { read = answer; });
    auto *gone = new QObject;
    store.read(key, gone, [&goneAnswered](const SecretAnswer &) { goneAnswered = true; });
    delete gone;
    QTest::qWait(300);
    QVERIFY(!written && !read);
    QVERIFY(!libsecretLoaded());

    store.release();
    QVERIFY(!store.isHeld());
    QTRY_VERIFY_WITH_TIMEOUT(written && read, 20000);
    QTest::qWait(50);
    QVERIFY(!goneAnswered);
    if (qEnvironmentVariableIsEmpty("OIDCPLAY_TEST_KEYRING")) {
        QCOMPARE(written->outcome, Outcome::Unavailable); // no session bus
        QCOMPARE(read->outcome, Outcome::Unavailable);
        return;
    }
    QVERIFY(libsecretLoaded());
    QVERIFY2(written->outcome == Outcome::Ok, qPrintable(written->message));
    QVERIFY2(read->outcome == Outcome::Ok, qPrintable(read->message));
    QCOMPARE(read->value, value);
    (void)answerOf([&](QObject *ctx, auto done) { store.remove(key, ctx, done); });
}

void TestSecretStore::memoryStoreAnswersAsynchronously()
{
    secrets::MemorySecretStore store;
    bool called = false;
    store.write(QStringLiteral("k"), QStringLiteral("v"), this, [&called](const SecretAnswer &) { called = true; });
    QVERIFY(!called); // never inside the call
    QTRY_VERIFY(called);
    const SecretAnswer read = answerOf([&store](QObject *context, auto done) { store.read(QStringLiteral("k"), context, done); });
    QCOMPARE(read.outcome, Outcome::Ok);
    QCOMPARE(read.value, QStringLiteral("v"));
    // A context destroyed before the answer: the callback is dropped.
    auto *gone = new QObject;
    bool late = false;
    store.read(QStringLiteral("k"), gone, [&late](const SecretAnswer &) { late = true; });
    delete gone;
    QTest::qWait(20);
    QVERIFY(!late);
}

void TestSecretStore::keychainStoresAndReadsBack()
{
    if (qEnvironmentVariableIsEmpty("OIDCPLAY_TEST_KEYRING"))
        QSKIP("runs under dbus-run-session with gnome-keyring (ctest secret_store_keychain)");
    const QString key = secrets::secretKey(QStringLiteral("ws-test"), QStringLiteral("acme"), secrets::kClientSecret);
    const QString secret = QStringLiteral("s3cr3t-%1").arg(QCoreApplication::applicationPid());
    {
        secrets::KeychainSecretStore writer(kService);
        const SecretAnswer written = answerOf([&](QObject *context, auto done) { writer.write(key, secret, context, done); });
        QVERIFY2(written.outcome == Outcome::Ok, qPrintable(written.message));
    }
    secrets::KeychainSecretStore reader(kService);
    SecretAnswer read = answerOf([&](QObject *context, auto done) { reader.read(key, context, done); });
    QVERIFY2(read.outcome == Outcome::Ok, qPrintable(read.message));
    QCOMPARE(read.value, secret);
    // Another workspace's entry of the same profile and kind is another key.
    read = answerOf([&](QObject *context, auto done) {
        reader.read(secrets::secretKey(QStringLiteral("ws-other"), QStringLiteral("acme"), secrets::kClientSecret), context, done);
    });
    QCOMPARE(read.outcome, Outcome::NotFound);

    // The app's store over the keychain stays on it.
    secrets::FallbackSecretStore app(std::make_unique<secrets::KeychainSecretStore>(kService));
    QSignalSpy fellBack(&app, &secrets::FallbackSecretStore::fellBack);
    read = answerOf([&](QObject *context, auto done) { app.read(key, context, done); });
    QCOMPARE(read.value, secret);
    QCOMPARE(app.state(), secrets::FallbackSecretStore::State::Keychain);
    QVERIFY(app.isPersistent());

    const SecretAnswer removed = answerOf([&](QObject *context, auto done) { app.remove(key, context, done); });
    QCOMPARE(removed.outcome, Outcome::Ok);
    read = answerOf([&](QObject *context, auto done) { reader.read(key, context, done); });
    QCOMPARE(read.outcome, Outcome::NotFound);
    QCOMPARE(fellBack.size(), 0);
}

void TestSecretStore::noSessionFallsBackToMemory()
{
    if (!qEnvironmentVariableIsEmpty("OIDCPLAY_TEST_KEYRING"))
        QSKIP("runs without a D-Bus session (ctest secret_store_no_dbus)");
    secrets::FallbackSecretStore app(std::make_unique<secrets::KeychainSecretStore>(kService, nullptr, 5000));
    QSignalSpy fellBack(&app, &secrets::FallbackSecretStore::fellBack);
    const QString key = secrets::secretKey(QStringLiteral("ws"), QStringLiteral("p"), secrets::kAccessKey);
    const SecretAnswer written = answerOf([&](QObject *context, auto done) { app.write(key, QStringLiteral("K-123"), context, done); });
    QCOMPARE(written.outcome, Outcome::Ok); // kept, in memory
    QCOMPARE(app.state(), secrets::FallbackSecretStore::State::MemoryOnly);
    QVERIFY(!app.isPersistent());
    QCOMPARE(fellBack.size(), 1);
    const SecretAnswer read = answerOf([&](QObject *context, auto done) { app.read(key, context, done); });
    QCOMPARE(read.outcome, Outcome::Ok);
    QCOMPARE(read.value, QStringLiteral("K-123"));
    (void)answerOf([&](QObject *context, auto done) { app.write(key, QStringLiteral("K-456"), context, done); });
    QCOMPARE(fellBack.size(), 1); // said once
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secret_store.moc"
