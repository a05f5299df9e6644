// JWT inspector panel: decoding as the user types, the claims tree, the countdown, errors that
// keep the input, verification with pasted keys / an HMAC secret / a JWKS URL, alg none.

#include "FindChild.h"
#include "QtTestMain.h"
#include "TestTokens.h"

#include "ui/CheckListModel.h"
#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/JwtInspectorPanel.h"
#include "ui/UiText.h"

#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/net/HttpTransport.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUrl>

#include <memory>

namespace tst_jwtinspector {

using namespace testing_ui;
using oidc::Json;
using oidc::crypto::JwsAlgorithm;
using oidc::crypto::KeyKind;
using oidc::jwt::CheckOutcome;
using ui::CheckListModel;
using ui::ClaimTreeModel;
using ui::JwtInspectorPanel;

// A transport that answers from the test: either at once (on the next event loop turn) with a
// canned response, or never until cancelled.
class FakeTransport final : public oidc::net::HttpTransport {
public:
    struct Pending {
        oidc::net::HttpRequest request;
        QPointer<QObject> context;
        Callback callback;
        bool done = false;
    };

    oidc::net::RequestHandle send(oidc::net::HttpRequest request, QObject *context, Callback callback) override
    {
        auto pending = std::make_shared<Pending>(Pending{std::move(request), context, std::move(callback), false});
        requests.push_back(pending);
        if (response) {
            QTimer::singleShot(0, context, [pending, reply = *response] {
                if (pending->done)
                    return;
                pending->done = true;
                pending->callback(reply);
            });
        }
        return oidc::net::RequestHandle([pending] {
            if (pending->done)
                return;
            pending->done = true;
            if (pending->context)
                pending->callback(oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled"));
        });
    }

    std::optional<oidc::net::HttpResponse> response;
    std::vector<std::shared_ptr<Pending>> requests;
};

ClaimTreeModel *claimModel(const JwtInspectorPanel &panel)
{
    return qobject_cast<ClaimTreeModel *>(child<QTreeView>(panel, "claimsTree")->model());
}

CheckListModel *checkModel(const JwtInspectorPanel &panel)
{
    return child<ui::CheckListView>(panel, "checks")->model();
}

QPlainTextEdit *tokenEdit(const QWidget &panel)
{
    return child<QPlainTextEdit>(panel, "tokenEdit");
}

class TestJwtInspector final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void pastedTokenAppearsInTheTree();
    void decodingIsDebounced();
    void countdownAdvances();
    void countdownColours();
    void malformedTokensShowTheErrorAndKeepTheText_data();
    void malformedTokensShowTheErrorAndKeepTheText();
    void aBadTokenClearsTheLastGoodDisplay();
    void pastedJwksVerifies();
    void wrongKeyFailsWithSignatureInvalid();
    void pemAndBrokenKeyMaterial();
    void algNoneIsRejectedUnlessAllowed();
    void hmacNeedsTheSecretAndTheAlgorithm();
    void expectedValuesAreChecked();
    void jwksUrlIsFetchedThenVerified();
    void jwksUrlRulesAndCancel();
    void copyJsonIsPrettyAndOrdered();
    void droppedFileAndTextReplaceTheToken();
    void dataIsNeverRenderedAsHtml();

private:
    [[nodiscard]] std::string rsToken(const Json &claims) const;
    [[nodiscard]] static Json standardClaims();
    static void verifyAndWait(JwtInspectorPanel &panel);
    [[nodiscard]] static const oidc::jwt::ClaimCheck *check(const JwtInspectorPanel &panel, const char *id);

    std::unique_ptr<oidc::crypto::JsonWebKey> m_key;
    std::unique_ptr<oidc::crypto::JsonWebKey> m_otherKey; // same kid, different key
};

void TestJwtInspector::initTestCase()
{
    m_key = std::make_unique<oidc::crypto::JsonWebKey>(makeKey(KeyKind::Rsa2048, "k1", "RS256"));
    m_otherKey = std::make_unique<oidc::crypto::JsonWebKey>(makeKey(KeyKind::Rsa2048, "k1", "RS256"));
}

Json TestJwtInspector::standardClaims()
{
    return Json{{"iss", "https://issuer.example"},
                {"sub", "alice"},
                {"aud", "client-1"},
                {"nonce", "n-123"},
                {"iat", now() - 10},
                {"exp", now() + 3600},
                {"email", "alice@example.com"},
                {"tenants", {{"T1", {{"roles", {"admin"}}, {"permissions", {"read", "write"}}}}}},
                {"amr", {"email", "mfa"}}};
}

std::string TestJwtInspector::rsToken(const Json &claims) const
{
    return signToken(Json{{"alg", "RS256"}, {"kid", "k1"}, {"typ", "JWT"}}, claims, *m_key, JwsAlgorithm::RS256);
}

void TestJwtInspector::verifyAndWait(JwtInspectorPanel &panel)
{
    QSignalSpy finished(&panel, &JwtInspectorPanel::verificationFinished);
    auto *button = child<QPushButton>(panel, "verifyButton");
    QVERIFY2(button->isEnabled(), qPrintable(child<QLabel>(panel, "verifyHintLabel")->text()));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
}

const oidc::jwt::ClaimCheck *TestJwtInspector::check(const JwtInspectorPanel &panel, const char *id)
{
    const int row = checkModel(panel)->rowOf(QString::fromLatin1(id));
    return row < 0 ? nullptr : &checkModel(panel)->checks()[static_cast<size_t>(row)];
}

void TestJwtInspector::pastedTokenAppearsInTheTree()
{
    JwtInspectorPanel panel;
    QAbstractItemModelTester tester(claimModel(panel), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester checksTester(checkModel(panel), QAbstractItemModelTester::FailureReportingMode::QtTest);
    tokenEdit(panel)->setPlainText(q("Bearer " + rsToken(standardClaims())) + QStringLiteral("\n"));
    ClaimTreeModel *model = claimModel(panel);
    QTRY_VERIFY(!model->isEmpty());

    QCOMPARE(model->memberIndex(1, QStringLiteral("sub"), ClaimTreeModel::ValueColumn).data().toString(), QStringLiteral("\"alice\""));
    QCOMPARE(model->memberIndex(1, QStringLiteral("iss"), ClaimTreeModel::ValueColumn).data().toString(),
             QStringLiteral("\"https://issuer.example\""));
    QCOMPARE(model->memberIndex(1, QStringLiteral("email"), ClaimTreeModel::ValueColumn).data().toString(),
             QStringLiteral("\"alice@example.com\""));
    QCOMPARE(model->memberIndex(0, QStringLiteral("kid"), ClaimTreeModel::ValueColumn).data().toString(), QStringLiteral("\"k1\""));
    QVERIFY(model->memberIndex(1, QStringLiteral("exp"), ClaimTreeModel::ValueColumn).data().toString().startsWith(QStringLiteral("in ")));
    QCOMPARE(model->memberIndex(1, QStringLiteral("exp"), ClaimTreeModel::ValueColumn).data(ClaimTreeModel::UnixTimeRole).toLongLong(),
             panel.decoded()->numericClaim("exp").value());
    QVERIFY(model->memberIndex(1, QStringLiteral("nonce"), ClaimTreeModel::NameColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("OIDC Core")));
    const QModelIndex tenants = model->memberIndex(1, QStringLiteral("tenants"));
    QCOMPARE(model->rowCount(tenants), 1);
    // The tree is expanded: nested members are visible.
    auto *tree = child<QTreeView>(panel, "claimsTree");
    QVERIFY(tree->isExpanded(tenants));
    QVERIFY(tree->isExpanded(model->index(0, 0, tenants)));

    auto *status = child<QLabel>(panel, "tokenStatusLabel");
    QVERIFY(status->text().contains(QStringLiteral("RS256")));
    QVERIFY(status->text().contains(QStringLiteral("Bearer")));
    QVERIFY(!child<QLabel>(panel, "decodeErrorLabel")->isVisibleTo(&panel));
    QVERIFY(child<QPushButton>(panel, "copyClaimsButton")->isEnabled());
}

void TestJwtInspector::decodingIsDebounced()
{
    JwtInspectorPanel panel;
    QSignalSpy decoded(&panel, &JwtInspectorPanel::tokenDecoded);
    const QString token = q(rsToken(standardClaims()));
    tokenEdit(panel)->setPlainText(token.left(20));
    tokenEdit(panel)->setPlainText(token.left(40));
    tokenEdit(panel)->setPlainText(token);
    QCOMPARE(decoded.count(), 0);
    QTRY_COMPARE(decoded.count(), 1);
    QCOMPARE(decoded.at(0).at(0).toBool(), true);
    QTest::qWait(JwtInspectorPanel::kDecodeDelayMs * 2);
    QCOMPARE(decoded.count(), 1);
}

void TestJwtInspector::countdownAdvances()
{
    JwtInspectorPanel panel;
    Json claims = standardClaims();
    claims["iat"] = now() - 100;
    claims["exp"] = now() + 3500;
    panel.setToken(q(rsToken(claims)));
    auto *label = child<QLabel>(panel, "expiryLabel");
    auto *bar = child<QProgressBar>(panel, "expiryProgress");
    auto *countdown = child<ui::ExpiryCountdown>(panel, "expiryCountdown");
    QCOMPARE(countdown->state(), ui::ExpiryCountdown::State::Valid);
    QVERIFY2(label->text().startsWith(QStringLiteral("Expires in 58 min")), qPrintable(label->text()));
    QCOMPARE(bar->maximum(), 3600);
    const QString text = label->text();
    const int value = bar->value();
    QVERIFY(value >= 100 && value <= 102);
    QTRY_VERIFY_WITH_TIMEOUT(label->text() != text, 2500);
    QTRY_VERIFY_WITH_TIMEOUT(bar->value() > value, 2500);
    // The tree's relative times follow the same clock.
    QVERIFY(claimModel(panel)->now() >= now() - 1);
}

void TestJwtInspector::countdownColours()
{
    JwtInspectorPanel panel;
    auto *countdown = child<ui::ExpiryCountdown>(panel, "expiryCountdown");
    auto *label = child<QLabel>(panel, "expiryLabel");

    Json claims = standardClaims();
    claims["iat"] = now() - 3560; // 40 s left of an hour: amber
    claims["exp"] = now() + 40;
    panel.setToken(q(rsToken(claims)));
    QCOMPARE(countdown->state(), ui::ExpiryCountdown::State::Expiring);
    QCOMPARE(label->palette().color(QPalette::WindowText), ui::warnColor());

    claims["iat"] = now() - 600;
    claims["exp"] = now() - 12;
    panel.setToken(q(rsToken(claims)));
    QCOMPARE(countdown->state(), ui::ExpiryCountdown::State::Expired);
    QVERIFY2(label->text().startsWith(QStringLiteral("Expired 1")), qPrintable(label->text()));
    QVERIFY(label->text().contains(QStringLiteral("s ago")));
    QCOMPARE(label->palette().color(QPalette::WindowText), ui::failColor());

    claims["iat"] = now();
    claims["exp"] = now() + 3600;
    panel.setToken(q(rsToken(claims)));
    QCOMPARE(countdown->state(), ui::ExpiryCountdown::State::Valid);
    QCOMPARE(label->palette().color(QPalette::WindowText), ui::passColor());

    claims.erase("exp");
    panel.setToken(q(rsToken(claims)));
    QCOMPARE(countdown->state(), ui::ExpiryCountdown::State::NoExpiry);
    QCOMPARE(ui::ExpiryCountdown::warningThreshold(3600), 360);
    QCOMPARE(ui::ExpiryCountdown::warningThreshold(300), 60);
}

void TestJwtInspector::malformedTokensShowTheErrorAndKeepTheText_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("code");
    QTest::newRow("two parts") << QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0") << QStringLiteral("IDT JWT_PART_COUNT");
    QTest::newRow("five parts (JWE)") << QStringLiteral("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d") << QStringLiteral("IDT JWT_JWE_UNSUPPORTED");
    QTest::newRow("bad base64url") << QStringLiteral("eyJhbGciOiJSUzI1NiJ9.!!!.c2ln") << QStringLiteral("IDT JWT_BASE64URL");
    QTest::newRow("header not JSON") << QStringLiteral("bm90IGpzb24.eyJzdWIiOiJ4In0.c2ln") << QStringLiteral("IDT JWT_HEADER_JSON");
}

void TestJwtInspector::malformedTokensShowTheErrorAndKeepTheText()
{
    QFETCH(QString, token);
    QFETCH(QString, code);
    JwtInspectorPanel panel;
    QSignalSpy decoded(&panel, &JwtInspectorPanel::tokenDecoded);
    tokenEdit(panel)->setPlainText(token);
    QTRY_VERIFY(decoded.count() >= 1);
    auto *error = child<QLabel>(panel, "decodeErrorLabel");
    QVERIFY(error->isVisibleTo(&panel));
    QCOMPARE(error->textFormat(), Qt::PlainText);
    QVERIFY2(error->text().startsWith(code + QStringLiteral(": ")), qPrintable(error->text()));
    QCOMPARE(tokenEdit(panel)->toPlainText(), token);
    QVERIFY(claimModel(panel)->isEmpty());
    QVERIFY(!child<QPushButton>(panel, "verifyButton")->isEnabled());
}

void TestJwtInspector::aBadTokenClearsTheLastGoodDisplay()
{
    JwtInspectorPanel panel;
    const QString good = q(rsToken(standardClaims()));
    panel.setToken(good);
    QVERIFY(!claimModel(panel)->isEmpty());
    // The user deletes one part: the text stays exactly as typed, the old display goes.
    const QString broken = good.left(good.lastIndexOf(QLatin1Char('.')));
    tokenEdit(panel)->setPlainText(broken);
    QTRY_VERIFY(claimModel(panel)->isEmpty());
    QCOMPARE(tokenEdit(panel)->toPlainText(), broken);
    QVERIFY(child<QLabel>(panel, "decodeErrorLabel")->text().contains(QStringLiteral("JWT_PART_COUNT")));
    QCOMPARE(child<ui::ExpiryCountdown>(panel, "expiryCountdown")->state(), ui::ExpiryCountdown::State::NoToken);
    QVERIFY(!child<QPushButton>(panel, "copyHeaderButton")->isEnabled());
    QVERIFY(!panel.decoded().has_value());
    // Fixing it brings everything back.
    tokenEdit(panel)->setPlainText(good);
    QTRY_VERIFY(!claimModel(panel)->isEmpty());
    QVERIFY(!child<QLabel>(panel, "decodeErrorLabel")->isVisibleTo(&panel));
}

void TestJwtInspector::pastedJwksVerifies()
{
    JwtInspectorPanel panel;
    QAbstractItemModelTester tester(checkModel(panel), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setToken(q(rsToken(standardClaims())));
    child<QPlainTextEdit>(panel, "keyMaterialEdit")->setPlainText(q(jwksOf({m_key.get()})));
    // The pasted keys are described (parsed on a worker).
    QTRY_VERIFY(child<QLabel>(panel, "keyStatusLabel")->text().contains(QStringLiteral("1 key: RSA 2048")));
    verifyAndWait(panel);
    const auto *signature = check(panel, "signature");
    QVERIFY(signature);
    QCOMPARE(signature->outcome, CheckOutcome::Pass);
    QCOMPARE(checkModel(panel)->index(0, CheckListModel::ResultColumn).data().toString(), QStringLiteral("PASS"));
    QCOMPARE(check(panel, "exp")->outcome, CheckOutcome::Pass);
    QCOMPARE(check(panel, "iss")->outcome, CheckOutcome::Skip); // no expected issuer given
    auto *banner = child<QLabel>(panel, "signatureBanner");
    QVERIFY2(banner->text().startsWith(QStringLiteral("✔ Signature valid: RS256")), qPrintable(banner->text()));
    QCOMPARE(banner->property("tone").toInt(), static_cast<int>(ui::Tone::Good));
    QCOMPARE(banner->textFormat(), Qt::PlainText);
    // The detail pane follows the selected check.
    QVERIFY(child<QLabel>(panel, "checkDetailLabel")->text().startsWith(QStringLiteral("signature — PASS")));

    // A new token clears the results: they described the old one.
    panel.setToken(q(rsToken(standardClaims())));
    QCOMPARE(checkModel(panel)->rowCount(), 0);
}

void TestJwtInspector::wrongKeyFailsWithSignatureInvalid()
{
    JwtInspectorPanel panel;
    panel.setToken(q(rsToken(standardClaims())));
    child<QPlainTextEdit>(panel, "keyMaterialEdit")->setPlainText(q(jwksOf({m_otherKey.get()})));
    verifyAndWait(panel);
    const auto *signature = check(panel, "signature");
    QCOMPARE(signature->outcome, CheckOutcome::Fail);
    QCOMPARE(signature->code, std::string("SIGNATURE_INVALID"));
    QCOMPARE(checkModel(panel)->index(0, CheckListModel::ResultColumn).data().toString(), QStringLiteral("FAIL"));
    auto *banner = child<QLabel>(panel, "signatureBanner");
    QVERIFY2(banner->text().contains(QStringLiteral("SIGNATURE_INVALID")), qPrintable(banner->text()));
    QCOMPARE(banner->property("tone").toInt(), static_cast<int>(ui::Tone::Bad));
    QVERIFY(child<QLabel>(panel, "checkDetailLabel")->text().contains(QStringLiteral("FAIL SIGNATURE_INVALID")));
}

void TestJwtInspector::pemAndBrokenKeyMaterial()
{
    JwtInspectorPanel panel;
    panel.setToken(q(rsToken(standardClaims())));
    // A single JWK without a kid still verifies a token that names one.
    Json jwk = oidc::crypto::publicJwk(*m_key);
    jwk.erase("kid");
    child<QPlainTextEdit>(panel, "keyMaterialEdit")->setPlainText(q(jwk.dump()));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Pass);

    child<QPlainTextEdit>(panel, "keyMaterialEdit")->setPlainText(QStringLiteral("{\"keys\": 5}"));
    QTRY_VERIFY(child<QLabel>(panel, "keyStatusLabel")->text().startsWith(QStringLiteral("✘ KEYS")));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Fail);
    QVERIFY2(child<QLabel>(panel, "signatureBanner")->text().contains(QStringLiteral("key material is unusable")),
             qPrintable(child<QLabel>(panel, "signatureBanner")->text()));
}

void TestJwtInspector::algNoneIsRejectedUnlessAllowed()
{
    JwtInspectorPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setToken(q(unsignedToken(standardClaims())));
    QVERIFY(panel.decoded().has_value());
    QVERIFY(child<QLabel>(panel, "tokenStatusLabel")->text().contains(QStringLiteral("UNSIGNED")));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Fail);
    QCOMPARE(check(panel, "signature")->code, std::string("ALG_NONE_REJECTED"));

    auto *allow = child<QCheckBox>(panel, "allowUnsignedCheck");
    auto *warning = child<QLabel>(panel, "unsignedWarningLabel");
    QVERIFY(!allow->isChecked());
    QVERIFY(!warning->isVisible());
    allow->setChecked(true);
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->property("tone").toInt(), static_cast<int>(ui::Tone::Bad));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Pass);
    QVERIFY(child<QLabel>(panel, "signatureBanner")->text().contains(QStringLiteral("UNSIGNED")));
    QVERIFY(child<QLabel>(panel, "signatureBanner")->property("tone").toInt() != static_cast<int>(ui::Tone::Good));

    // Allowing unsigned tokens does not let a signed token skip its signature.
    panel.setToken(q(rsToken(standardClaims())));
    child<QPlainTextEdit>(panel, "keyMaterialEdit")->setPlainText(q(jwksOf({m_otherKey.get()})));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->code, std::string("SIGNATURE_INVALID"));
}

void TestJwtInspector::hmacNeedsTheSecretAndTheAlgorithm()
{
    JwtInspectorPanel panel;
    const std::string secret = "a-shared-secret-of-reasonable-length!";
    panel.setToken(q(hmacToken(Json{{"alg", "HS256"}, {"typ", "JWT"}}, standardClaims(), secret, JwsAlgorithm::HS256)));
    panel.setKeySource(JwtInspectorPanel::KeySource::HmacSecret);
    QVERIFY(!child<QPushButton>(panel, "verifyButton")->isEnabled()); // no secret yet
    child<QLineEdit>(panel, "hmacSecretEdit")->setText(q(secret));
    QCOMPARE(child<QLineEdit>(panel, "hmacSecretEdit")->echoMode(), QLineEdit::Password);
    auto *hs256 = child<QCheckBox>(panel, "alg_HS256");
    QVERIFY(!hs256->isChecked()); // symmetric algorithms are never implied
    QVERIFY(child<QCheckBox>(panel, "alg_RS256")->isChecked());
    QVERIFY(child<QCheckBox>(panel, "alg_EdDSA")->isChecked());
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->code, std::string("ALG_NOT_ALLOWED"));

    hs256->setChecked(true);
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Pass);

    child<QLineEdit>(panel, "hmacSecretEdit")->setText(QStringLiteral("a-wrong-shared-secret-of-32-bytes!"));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->code, std::string("SIGNATURE_INVALID"));

    // Nothing ticked and unsigned not allowed: Verify is unavailable, and says why.
    for (auto *box : panel.findChildren<QCheckBox *>())
        if (box->objectName().startsWith(QStringLiteral("alg_")))
            box->setChecked(false);
    QVERIFY(!child<QPushButton>(panel, "verifyButton")->isEnabled());
    QVERIFY(child<QLabel>(panel, "verifyHintLabel")->text().contains(QStringLiteral("algorithm")));
}

void TestJwtInspector::expectedValuesAreChecked()
{
    JwtInspectorPanel panel;
    panel.setToken(q(rsToken(standardClaims())));
    child<QPlainTextEdit>(panel, "keyMaterialEdit")->setPlainText(q(jwksOf({m_key.get()})));
    child<QLineEdit>(panel, "issuerEdit")->setText(QStringLiteral("https://other.example"));
    child<QLineEdit>(panel, "audienceEdit")->setText(QStringLiteral("client-1"));
    child<QLineEdit>(panel, "nonceEdit")->setText(QStringLiteral("n-123"));
    verifyAndWait(panel);
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Pass);
    QCOMPARE(check(panel, "iss")->outcome, CheckOutcome::Fail);
    QCOMPARE(check(panel, "iss")->code, std::string("ISS_MISMATCH"));
    QCOMPARE(check(panel, "aud")->outcome, CheckOutcome::Pass);
    QCOMPARE(check(panel, "nonce")->outcome, CheckOutcome::Pass);
    auto *banner = child<QLabel>(panel, "signatureBanner");
    QVERIFY2(banner->text().contains(QStringLiteral("iss (ISS_MISMATCH)")), qPrintable(banner->text()));
    QCOMPARE(banner->property("tone").toInt(), static_cast<int>(ui::Tone::Warning));
    // The first failure is selected and explained.
    QVERIFY(child<QLabel>(panel, "checkDetailLabel")->text().startsWith(QStringLiteral("iss — FAIL ISS_MISMATCH")));

    // Leeway: a token expired 20 s ago passes with 30 s, fails with 5 s.
    Json claims = standardClaims();
    claims["exp"] = now() - 20;
    panel.setToken(q(rsToken(claims)));
    child<QLineEdit>(panel, "issuerEdit")->clear();
    verifyAndWait(panel);
    QCOMPARE(check(panel, "exp")->outcome, CheckOutcome::Pass);
    child<QSpinBox>(panel, "leewaySpin")->setValue(5);
    verifyAndWait(panel);
    QCOMPARE(check(panel, "exp")->outcome, CheckOutcome::Fail);
}

void TestJwtInspector::jwksUrlIsFetchedThenVerified()
{
    JwtInspectorPanel panel;
    FakeTransport transport;
    oidc::net::HttpResponse response;
    response.status = 200;
    response.body = QByteArray::fromStdString(jwksOf({m_otherKey.get(), m_key.get()}));
    // Two keys with the same kid: the right one is found among the candidates.
    transport.response = response;
    panel.setTransport(&transport);
    panel.setToken(q(rsToken(standardClaims())));
    panel.setKeySource(JwtInspectorPanel::KeySource::JwksUrl);
    QVERIFY(!child<QPushButton>(panel, "verifyButton")->isEnabled());
    child<QLineEdit>(panel, "jwksUrlEdit")->setText(QStringLiteral("https://issuer.example/jwks"));
    verifyAndWait(panel);
    QCOMPARE(transport.requests.size(), size_t(1));
    QCOMPARE(transport.requests.front()->request.url, QUrl(QStringLiteral("https://issuer.example/jwks")));
    QCOMPARE(transport.requests.front()->request.label, QStringLiteral("JWKS"));
    QVERIFY(!transport.requests.front()->request.step); // not a step of a flow
    QCOMPARE(check(panel, "signature")->outcome, CheckOutcome::Pass);
    QVERIFY(child<QLabel>(panel, "jwksStatusLabel")->text().contains(QStringLiteral("2 keys")));

    // Verifying again reuses the keys fetched for the same URL.
    verifyAndWait(panel);
    QCOMPARE(transport.requests.size(), size_t(1));

    // An error status is shown with its code.
    oidc::net::HttpResponse failure;
    failure.status = 503;
    failure.body = "busy";
    transport.response = failure;
    QSignalSpy fetched(&panel, &JwtInspectorPanel::jwksFetchFinished);
    child<QLineEdit>(panel, "jwksUrlEdit")->setText(QStringLiteral("https://issuer.example/jwks2"));
    QTest::mouseClick(child<QPushButton>(panel, "fetchJwksButton"), Qt::LeftButton);
    QTRY_COMPARE(fetched.count(), 1);
    QVERIFY(child<QLabel>(panel, "jwksStatusLabel")->text().contains(QStringLiteral("KEYS JWKS_HTTP_STATUS")));
}

void TestJwtInspector::jwksUrlRulesAndCancel()
{
    JwtInspectorPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    FakeTransport transport; // never answers
    panel.setTransport(&transport);
    panel.setToken(q(rsToken(standardClaims())));
    panel.setKeySource(JwtInspectorPanel::KeySource::JwksUrl);
    auto *url = child<QLineEdit>(panel, "jwksUrlEdit");
    auto *warning = child<QLabel>(panel, "jwksUrlWarningLabel");
    auto *status = child<QLabel>(panel, "jwksStatusLabel");

    // http to a public host is refused before any request.
    url->setText(QStringLiteral("http://issuer.example/jwks"));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->property("tone").toInt(), static_cast<int>(ui::Tone::Bad));
    QTest::mouseClick(child<QPushButton>(panel, "fetchJwksButton"), Qt::LeftButton);
    QVERIFY2(status->text().contains(QStringLiteral("NET_INSECURE_URL")), qPrintable(status->text()));
    QVERIFY(transport.requests.empty());

    // http to loopback is allowed, with a warning.
    url->setText(QStringLiteral("http://127.0.0.1:8080/jwks"));
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->property("tone").toInt(), static_cast<int>(ui::Tone::Warning));
    QTest::mouseClick(child<QPushButton>(panel, "fetchJwksButton"), Qt::LeftButton);
    QCOMPARE(transport.requests.size(), size_t(1));
    auto *cancel = child<QPushButton>(panel, "cancelFetchButton");
    QVERIFY(cancel->isEnabled());
    QVERIFY(!child<QPushButton>(panel, "verifyButton")->isEnabled()); // busy fetching
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(status->text(), QStringLiteral("Fetch cancelled."));
    QVERIFY(child<QPushButton>(panel, "verifyButton")->isEnabled());

    url->setText(QStringLiteral("https://issuer.example/jwks"));
    QVERIFY(!warning->isVisible());
}

void TestJwtInspector::copyJsonIsPrettyAndOrdered()
{
    JwtInspectorPanel panel;
    const std::string claims = "{\"sub\":\"alice\",\"iss\":\"https://issuer.example\",\"exp\":4000000000}";
    panel.setToken(q(signRawToken("{\"kid\":\"k1\",\"alg\":\"RS256\"}", claims, *m_key, JwsAlgorithm::RS256)));
    QTest::mouseClick(child<QPushButton>(panel, "copyClaimsButton"), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QCOMPARE(copied, QStringLiteral("{\n  \"sub\": \"alice\",\n  \"iss\": \"https://issuer.example\",\n  \"exp\": 4000000000\n}"));
    QTest::mouseClick(child<QPushButton>(panel, "copyHeaderButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("{\n  \"kid\": \"k1\",\n  \"alg\": \"RS256\"\n}"));
}

void TestJwtInspector::droppedFileAndTextReplaceTheToken()
{
    JwtInspectorPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QPlainTextEdit *edit = tokenEdit(panel);
    edit->setPlainText(QStringLiteral("something else"));

    const QString token = q(rsToken(standardClaims()));
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(token.toUtf8() + "\n");
    file.flush();

    const QPoint centre = edit->viewport()->rect().center();
    auto drop = [&](QMimeData *mime) {
        QDragEnterEvent enter(centre, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(edit->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropped(QPointF(centre), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(edit->viewport(), &dropped);
    };

    QMimeData fileMime;
    fileMime.setUrls({QUrl::fromLocalFile(file.fileName())});
    drop(&fileMime);
    QCOMPARE(edit->toPlainText(), token);
    QTRY_VERIFY(!claimModel(panel)->isEmpty());

    const QString other = q(rsToken(Json{{"sub", "bob"}, {"exp", now() + 60}}));
    QMimeData textMime;
    textMime.setText(QStringLiteral("  ") + other + QStringLiteral("\n"));
    drop(&textMime);
    QCOMPARE(edit->toPlainText(), other);
    QTRY_COMPARE(claimModel(panel)->memberIndex(1, QStringLiteral("sub"), ClaimTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("\"bob\""));
}

void TestJwtInspector::dataIsNeverRenderedAsHtml()
{
    JwtInspectorPanel panel;
    Json claims = standardClaims();
    claims["name"] = "<b>bold</b><img src=x>";
    panel.setToken(q(signToken(Json{{"alg", "RS256"}, {"kid", "<i>k</i>"}}, claims, *m_key, JwsAlgorithm::RS256)));
    for (QLabel *label : panel.findChildren<QLabel *>())
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName() + QStringLiteral(": ") + label->text()));
    const QString tip = claimModel(panel)->memberIndex(1, QStringLiteral("name"), ClaimTreeModel::ValueColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("<b>")));
}

} // namespace tst_jwtinspector

OIDCPLAY_QTEST_MAIN(tst_jwtinspector, tst_jwtinspector::TestJwtInspector)
#include "tst_jwtinspector.moc"
