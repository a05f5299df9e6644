#pragma once

// JWT inspector: paste or drop a token and see it decoded as the user types (debounced), with
// every known member explained, a live expiry countdown, and a verification against pasted keys
// (JWKS / JWK / PEM), a JWKS URL or an HMAC secret. Signature and claim checks run off the GUI
// thread (oidc::runOffThread); the JWKS is fetched through the async transport. The GUI thread
// never waits on either, and only the newest request's result is shown.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/JwtValidator.h"
#include "oidc/net/HttpTransport.h"

#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTreeView;

namespace ui {

class CheckListModel;
class CheckListView;
class ClaimTreeModel;
class ExpiryCountdown;
class TokenEdit;

class JwtInspectorPanel final : public QWidget {
    Q_OBJECT
public:
    enum class KeySource { PastedKeys, JwksUrl, HmacSecret };

    static constexpr int kDecodeDelayMs = 150;

    explicit JwtInspectorPanel(QWidget *parent = nullptr);
    ~JwtInspectorPanel() override;

    void setToken(const QString &token);
    [[nodiscard]] QString token() const;
    [[nodiscard]] const std::optional<oidc::jwt::DecodedJwt> &decoded() const { return m_decoded; }

    void setKeySource(KeySource source);
    [[nodiscard]] KeySource keySource() const;

    // The transport used for JWKS URLs (not owned). By default a QtHttpTransport is created on
    // first use.
    void setTransport(oidc::net::HttpTransport *transport);

    [[nodiscard]] ClaimTreeModel *claimModel() const { return m_treeModel; }
    [[nodiscard]] CheckListModel *checkModel() const;

    // Worker input and output (plain values, copied across threads).
    struct VerifyJob final {
        quint64 serial = 0;
        oidc::jwt::DecodedJwt jwt;
        KeySource source = KeySource::PastedKeys;
        std::string keyText;
        oidc::crypto::JsonWebKeySet fetchedKeys;
        oidc::jwt::SignaturePolicy policy;
        oidc::jwt::ClaimCheckOptions options;
    };
    struct VerifyOutcome final {
        quint64 serial = 0;
        oidc::jwt::JwtValidation validation;
        std::optional<oidc::Error> keyError;
        size_t keyCount = 0;
    };
    struct KeyParseOutcome final {
        QString text; // the key text that was parsed
        std::optional<oidc::Error> error;
        std::vector<std::string> keys; // descriptions
        std::vector<std::string> skipped;
    };
    struct JwksOutcome final {
        quint64 serial = 0;
        QUrl url;
        int httpStatus = 0;
        qint64 elapsedMs = 0;
        std::optional<oidc::crypto::JsonWebKeySet> keys;
        std::optional<oidc::Error> error;
    };

public Q_SLOTS:
    void decodeNow();      // decodes immediately instead of after the debounce delay
    void verify();
    void fetchJwks();
    void cancelFetch();

Q_SIGNALS:
    void tokenDecoded(bool ok);
    void verificationFinished(bool ok);
    void jwksFetchFinished(bool ok);

private:
    QWidget *buildInputColumn();
    QWidget *buildOutputColumn();
    QWidget *buildKeyTab();
    QWidget *buildExpectedTab();
    QWidget *buildAlgorithmTab();

    void showDecodeError(const QString &text);
    void resetVerification(const QString &message);
    void updateVerifyAvailability();
    void updateUnsignedWarning();
    void updateJwksUrlWarning();
    void scheduleKeyParse();
    void applyKeyParse(quint64 serial, const KeyParseOutcome &outcome);
    void startFetch(bool thenVerify);
    void onJwksResponse(quint64 serial, const QUrl &url, oidc::Result<oidc::net::HttpResponse> result);
    void applyJwks(const JwksOutcome &outcome);
    void applyVerification(const VerifyOutcome &outcome);
    void setFetching(bool fetching);
    void copyJson(bool header);
    [[nodiscard]] QUrl jwksUrl() const;
    [[nodiscard]] oidc::jwt::SignaturePolicy signaturePolicy() const;
    [[nodiscard]] oidc::jwt::ClaimCheckOptions claimOptions() const;
    [[nodiscard]] oidc::net::HttpTransport *transport();

    // Token side.
    TokenEdit *m_tokenEdit = nullptr;
    QLabel *m_tokenStatus = nullptr;
    QLabel *m_decodeError = nullptr;
    QPushButton *m_clearButton = nullptr;
    QPushButton *m_copyHeaderButton = nullptr;
    QPushButton *m_copyClaimsButton = nullptr;
    ExpiryCountdown *m_countdown = nullptr;
    QTreeView *m_tree = nullptr;
    ClaimTreeModel *m_treeModel = nullptr;

    // Verification side.
    QComboBox *m_keySourceCombo = nullptr;
    QStackedWidget *m_keySourceStack = nullptr;
    QPlainTextEdit *m_keyMaterialEdit = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLineEdit *m_jwksUrlEdit = nullptr;
    QPushButton *m_fetchButton = nullptr;
    QPushButton *m_cancelFetchButton = nullptr;
    QLabel *m_jwksUrlWarning = nullptr;
    QLabel *m_jwksStatus = nullptr;
    QLineEdit *m_hmacSecretEdit = nullptr;
    QLineEdit *m_issuerEdit = nullptr;
    QLineEdit *m_audienceEdit = nullptr;
    QLineEdit *m_nonceEdit = nullptr;
    QSpinBox *m_leewaySpin = nullptr;
    std::vector<std::pair<oidc::crypto::JwsAlgorithm, QCheckBox *>> m_algorithmChecks;
    QCheckBox *m_allowUnsignedCheck = nullptr;
    QLabel *m_unsignedWarning = nullptr;
    QPushButton *m_verifyButton = nullptr;
    QLabel *m_verifyHint = nullptr;
    QLabel *m_banner = nullptr;
    CheckListView *m_checks = nullptr;

    // State.
    std::optional<oidc::jwt::DecodedJwt> m_decoded;
    // The latest request wins: each serial bumps on every request (and a decode bumps the
    // verification's), and a worker's result for an older one is dropped.
    quint64 m_verifySerial = 0;
    quint64 m_keyParseSerial = 0;
    QTimer m_decodeTimer;
    QTimer m_keyParseTimer;
    oidc::net::HttpTransport *m_transport = nullptr;
    oidc::net::RequestHandle m_fetchHandle;
    quint64 m_fetchSerial = 0; // bumps on every fetch and cancel
    bool m_fetching = false;
    bool m_verifyAfterFetch = false;
    std::optional<oidc::crypto::JsonWebKeySet> m_fetchedKeys;
    QUrl m_fetchedUrl;
};

} // namespace ui
