#pragma once

// The algorithms the JWT inspector accepts, one checkbox each, grouped by family: every
// asymmetric algorithm by default, HMAC only when ticked (RFC 8725 §3.1: a symmetric algorithm
// is never implied), and "none" only with the explicit "Allow unsigned tokens".

#include "oidc/jwt/SignatureVerifier.h"

#include <QWidget>

#include <utility>
#include <vector>

class QCheckBox;

namespace ui {

class AlgorithmAllowList final : public QWidget {
    Q_OBJECT
public:
    explicit AlgorithmAllowList(QWidget *parent = nullptr);

    // The allowed algorithms and allowUnsigned (the key material comes from elsewhere).
    [[nodiscard]] oidc::jwt::SignaturePolicy policy() const;
    // False when nothing at all is allowed: Verify has nothing to accept.
    [[nodiscard]] bool allowsAny() const;
    [[nodiscard]] bool allowsUnsigned() const;

Q_SIGNALS:
    void changed();

private:
    std::vector<std::pair<oidc::crypto::JwsAlgorithm, QCheckBox *>> m_checks;
    QCheckBox *m_allowUnsigned;
};

} // namespace ui
