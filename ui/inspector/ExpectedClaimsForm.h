#pragma once

// The values a token's claims are checked against in the JWT inspector: issuer, audience, nonce
// and the clock leeway. An empty field skips its check (OIDC Core §3.1.3.7 requires iss, aud and
// nonce of an ID token, so the results say SKIP rather than PASS).

#include "oidc/jwt/ClaimChecks.h"

#include <QWidget>

class QLineEdit;
class QSpinBox;

namespace ui {

class ExpectedClaimsForm final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultLeewaySeconds = 30;

    explicit ExpectedClaimsForm(QWidget *parent = nullptr);

    [[nodiscard]] oidc::jwt::ClaimCheckOptions options() const;

private:
    QLineEdit *m_issuer;
    QLineEdit *m_audience;
    QLineEdit *m_nonce;
    QSpinBox *m_leeway;
};

} // namespace ui
