#pragma once

// JWT inspector: paste or drop a token and see it decoded as the user types (debounced), with
// every known member explained, a live expiry countdown, and a verification against the keys of
// a KeySourceEditor (pasted JWKS / JWK / PEM, a JWKS URL, an HMAC secret), the algorithms of an
// AlgorithmAllowList and the values of an ExpectedClaimsForm. The checks show in a
// CheckListView. Verification runs off the GUI thread (oidc::runOffThread) and the JWKS is
// fetched through the async transport: the GUI thread never waits on either, and only the
// newest request's result is shown.

#include "ui/UiText.h"
#include "ui/inspector/KeySourceEditor.h"

#include "oidc/jwt/JwtValidator.h"
#include "oidc/net/HttpTransport.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTreeView;

namespace ui {

class AlgorithmAllowList;
class CheckListView;
class ClaimTreeModel;
class ExpectedClaimsForm;
class ExpiryCountdown;
class TokenEdit;

class JwtInspectorPanel final : public QWidget {
    Q_OBJECT
public:
    using KeySource = KeySourceEditor::Source;

    static constexpr int kDecodeDelayMs = 150;

    explicit JwtInspectorPanel(QWidget *parent = nullptr);

    void setToken(const QString &token);
    [[nodiscard]] QString token() const;
    [[nodiscard]] const std::optional<oidc::jwt::DecodedJwt> &decoded() const { return m_decoded; }

    void setKeySource(KeySource source);
    [[nodiscard]] KeySource keySource() const;

    // The transport used for JWKS URLs (not owned). By default a QtHttpTransport is created on
    // first use.
    void setTransport(oidc::net::HttpTransport *transport);

public Q_SLOTS:
    void decodeNow(); // decodes immediately instead of after the debounce delay
    void verify();
    void fetchJwks();
    void cancelFetch();

Q_SIGNALS:
    void tokenDecoded(bool ok);
    void verificationFinished(bool ok);
    void jwksFetchFinished(bool ok);

private:
    QWidget *buildTokenColumn();
    QWidget *buildVerificationTabs();
    QWidget *buildOutputColumn();

    void showDecoded(const oidc::jwt::DecodedJwt &jwt, std::string_view trimmed, bool trimmedSomething);
    void showUndecoded(const QString &status, const QString &error, const QString &verification);
    void showDecodeError(const QString &text);
    void setBanner(const QString &text, Tone tone);
    void resetVerification(const QString &message);
    void updateVerifyAvailability();
    void startFetch(bool thenVerify);
    void onJwksFetched(const JwksFetcher::Outcome &outcome);
    void showVerification(const oidc::jwt::JwtValidation &validation, const std::optional<oidc::Error> &keyError);
    void copyJson(bool header);

    // Token side.
    TokenEdit *m_tokenEdit = nullptr;
    QLabel *m_tokenStatus = nullptr;
    QLabel *m_decodeError = nullptr;
    ExpiryCountdown *m_countdown = nullptr;
    KeySourceEditor *m_keySource = nullptr;
    ExpectedClaimsForm *m_expected = nullptr;
    AlgorithmAllowList *m_algorithms = nullptr;
    QLabel *m_unsignedWarning = nullptr;
    QPushButton *m_verifyButton = nullptr;
    QLabel *m_verifyHint = nullptr;

    // Output side.
    QPushButton *m_copyHeaderButton = nullptr;
    QPushButton *m_copyClaimsButton = nullptr;
    QTreeView *m_tree = nullptr;
    ClaimTreeModel *m_treeModel = nullptr;
    QLabel *m_banner = nullptr;
    CheckListView *m_checks = nullptr;

    // State.
    std::optional<oidc::jwt::DecodedJwt> m_decoded;
    // Bumps on every decode and every verification: only the newest verification is shown.
    quint64 m_verifySerial = 0;
    QTimer m_decodeTimer;
    bool m_verifyAfterFetch = false;
};

} // namespace ui
