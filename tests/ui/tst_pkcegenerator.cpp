// PKCE generator panel: values come from a worker, the challenge is BASE64URL(SHA-256(verifier)),
// plain is flagged, the length spin box and a typed verifier are honoured.

#include "QtTestMain.h"
#include "ui/PkceGeneratorPanel.h"

#include "oidc/Pkce.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

namespace tst_pkcegenerator {

using ui::PkceGeneratorPanel;

QLineEdit *edit(const QWidget &panel, const char *name)
{
    auto *found = panel.findChild<QLineEdit *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no QLineEdit named %s", name);
    return found;
}

QString s256(const QString &verifier)
{
    return QString::fromStdString(oidc::crypto::base64UrlEncode(oidc::crypto::sha256(verifier.toStdString())));
}

class TestPkceGenerator final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void generatesOnOpen();
    void regenerateChangesEverything();
    void challengeIsBase64UrlOfSha256();
    void plainShowsTheWarning();
    void lengthSpinControlsTheVerifier();
    void typedVerifierIsValidatedAndRecomputed();
    void copyButtonsCopy();
};

void TestPkceGenerator::generatesOnOpen()
{
    PkceGeneratorPanel panel;
    QTRY_VERIFY(!edit(panel, "codeVerifierEdit")->text().isEmpty());
    QTRY_VERIFY(!edit(panel, "codeChallengeEdit")->text().isEmpty());
    QCOMPARE(edit(panel, "codeVerifierEdit")->text().size(), oidc::kDefaultVerifierLength);
    QVERIFY(edit(panel, "codeVerifierEdit")->isReadOnly());
    QVERIFY(oidc::validateCodeVerifier(edit(panel, "codeVerifierEdit")->text().toStdString()).ok());
    QCOMPARE(edit(panel, "stateEdit")->text().size(), 43);
    QCOMPARE(edit(panel, "nonceEdit")->text().size(), 43);
    QCOMPARE(edit(panel, "codeChallengeMethodEdit")->text(), QStringLiteral("S256"));
}

void TestPkceGenerator::regenerateChangesEverything()
{
    PkceGeneratorPanel panel;
    QTRY_VERIFY(!edit(panel, "codeChallengeEdit")->text().isEmpty());
    const QString verifier = edit(panel, "codeVerifierEdit")->text();
    const QString state = edit(panel, "stateEdit")->text();
    const QString nonce = edit(panel, "nonceEdit")->text();
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("regenerateButton")), Qt::LeftButton);
    QTRY_VERIFY(edit(panel, "codeVerifierEdit")->text() != verifier);
    QVERIFY(edit(panel, "stateEdit")->text() != state);
    QVERIFY(edit(panel, "nonceEdit")->text() != nonce);
    QTRY_COMPARE(edit(panel, "codeChallengeEdit")->text(), s256(edit(panel, "codeVerifierEdit")->text()));
}

void TestPkceGenerator::challengeIsBase64UrlOfSha256()
{
    PkceGeneratorPanel panel;
    QTRY_VERIFY(!edit(panel, "codeChallengeEdit")->text().isEmpty());
    const QString verifier = edit(panel, "codeVerifierEdit")->text();
    QCOMPARE(edit(panel, "codeChallengeEdit")->text(), s256(verifier));
    // The steps: the same verifier, its SHA-256 in hex, and the challenge.
    QCOMPARE(edit(panel, "ownVerifierEdit")->text(), verifier);
    QCOMPARE(edit(panel, "sha256HexEdit")->text(),
             QString::fromStdString(oidc::crypto::hexEncode(oidc::crypto::sha256(verifier.toStdString()))));
    QCOMPARE(edit(panel, "sha256HexEdit")->text().size(), 64);
    QCOMPARE(edit(panel, "computedChallengeEdit")->text(), s256(verifier));
    QVERIFY(edit(panel, "requestParametersEdit")->text().contains(QStringLiteral("code_challenge_method=S256")));
}

void TestPkceGenerator::plainShowsTheWarning()
{
    PkceGeneratorPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_VERIFY(!edit(panel, "codeChallengeEdit")->text().isEmpty());
    auto *warning = panel.findChild<QLabel *>(QStringLiteral("plainWarningLabel"));
    QVERIFY(warning);
    QVERIFY(!warning->isVisible());
    const QString verifier = edit(panel, "codeVerifierEdit")->text();

    auto *method = panel.findChild<QComboBox *>(QStringLiteral("pkceMethodCombo"));
    method->setCurrentIndex(method->findText(QStringLiteral("plain")));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->textFormat(), Qt::PlainText);
    QVERIFY(warning->text().contains(QStringLiteral("§7.2")));
    QVERIFY(warning->text().contains(QStringLiteral("insecure")));
    // Same verifier; plain's challenge is the verifier itself.
    QTRY_COMPARE(edit(panel, "codeChallengeEdit")->text(), verifier);
    QCOMPARE(edit(panel, "codeChallengeMethodEdit")->text(), QStringLiteral("plain"));
    QCOMPARE(edit(panel, "codeVerifierEdit")->text(), verifier);

    method->setCurrentIndex(method->findText(QStringLiteral("S256")));
    QVERIFY(!warning->isVisible());
    QTRY_COMPARE(edit(panel, "codeChallengeEdit")->text(), s256(verifier));
}

void TestPkceGenerator::lengthSpinControlsTheVerifier()
{
    PkceGeneratorPanel panel;
    auto *spin = panel.findChild<QSpinBox *>(QStringLiteral("verifierLengthSpin"));
    QVERIFY(spin);
    QCOMPARE(spin->minimum(), 43);
    QCOMPARE(spin->maximum(), 128);
    spin->setValue(128);
    QTRY_COMPARE(edit(panel, "codeVerifierEdit")->text().size(), 128);
    QVERIFY(oidc::validateCodeVerifier(edit(panel, "codeVerifierEdit")->text().toStdString()).ok());
    QTRY_COMPARE(edit(panel, "codeChallengeEdit")->text(), s256(edit(panel, "codeVerifierEdit")->text()));
    spin->setValue(77);
    QTRY_COMPARE(edit(panel, "codeVerifierEdit")->text().size(), 77);
}

void TestPkceGenerator::typedVerifierIsValidatedAndRecomputed()
{
    PkceGeneratorPanel panel;
    QTRY_VERIFY(!edit(panel, "codeChallengeEdit")->text().isEmpty());
    QLineEdit *own = edit(panel, "ownVerifierEdit");
    auto *status = panel.findChild<QLabel *>(QStringLiteral("verifierStatusLabel"));
    QCOMPARE(status->textFormat(), Qt::PlainText);

    // RFC 7636 Appendix B.
    own->setText(QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    QTRY_COMPARE(edit(panel, "computedChallengeEdit")->text(), QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    QCOMPARE(edit(panel, "sha256HexEdit")->text(), QStringLiteral("13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3"));
    QVERIFY(status->text().startsWith(QStringLiteral("✔")));

    own->setText(QStringLiteral("too-short"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("PKCE_VERIFIER")));
    QVERIFY(status->text().contains(QStringLiteral("43 to 128")));

    own->setText(QString(43, QLatin1Char('a')) + QStringLiteral("+"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("offset 43")));
    // The generated values are untouched by what the user types.
    QCOMPARE(edit(panel, "codeChallengeEdit")->text(), s256(edit(panel, "codeVerifierEdit")->text()));
}

void TestPkceGenerator::copyButtonsCopy()
{
    PkceGeneratorPanel panel;
    QTRY_VERIFY(!edit(panel, "codeChallengeEdit")->text().isEmpty());
    auto *copy = panel.findChild<QPushButton *>(QStringLiteral("codeChallengeCopyButton"));
    QVERIFY(copy && copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), edit(panel, "codeChallengeEdit")->text());
}

} // namespace tst_pkcegenerator

OIDCPLAY_QTEST_MAIN(tst_pkcegenerator, tst_pkcegenerator::TestPkceGenerator)
#include "tst_pkcegenerator.moc"
