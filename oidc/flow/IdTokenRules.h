#pragma once

// ID token validation for a flow (OIDC Core §3.1.3.7, §12.2) on top of jwt::validateJwt, and the
// JWKS refetch rule for unknown kids (rp-checks K2).

#include "oidc/flow/ProviderMetadata.h"
#include "oidc/jwt/JwtValidator.h"

#include <optional>

namespace oidc::flow {

struct IdTokenExpectations final {
    QString issuer;
    QString clientId;
    QString nonce;                 // empty: not sent (insecure option) — then not checked
    std::optional<qint64> maxAge;
    QString accessToken;           // for at_hash
    qint64 leewaySeconds = 30;
    qint64 maxIatAgeSeconds = 24 * 3600; // an ID token issued a day ago is not fresh (rp-checks J8)
    bool allowUnsigned = false;    // insecure option
    std::vector<crypto::JwsAlgorithm> algorithms; // empty: from metadata
    std::optional<qint64> now;
};

[[nodiscard]] jwt::JwtValidation validateIdToken(const QString &idToken, const ProviderMetadata &metadata, const crypto::JsonWebKeySet &keys,
                                                 const IdTokenExpectations &expectations);

// OIDC Core §12.2: a refreshed ID token keeps iss and sub (and aud, and auth_time when present).
// Appends checks "refresh_iss", "refresh_sub", "refresh_aud", "refresh_auth_time" and sets the error.
void checkRefreshedIdToken(const jwt::DecodedJwt &previous, jwt::JwtValidation &validation);

// One refetch of the JWKS on an unknown kid, never more often than `cooldown` seconds.
class KeySetRefetchGate final {
public:
    explicit KeySetRefetchGate(qint64 cooldownSeconds = 60) : m_cooldown(cooldownSeconds) {}
    [[nodiscard]] bool mayRefetch(qint64 now) const { return !m_last || now - *m_last >= m_cooldown; }
    void recordRefetch(qint64 now) { m_last = now; }
    void reset() { m_last.reset(); }

private:
    qint64 m_cooldown;
    std::optional<qint64> m_last;
};

} // namespace oidc::flow
