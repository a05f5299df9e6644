#pragma once

// Signs the sandbox's JWTs with the key ring's current key: Descope session JWTs (drn "DS") and
// refresh JWTs (drn "DSR") as descope-api.md §2.2 describes, and OIDC ID tokens (OIDC Core §2).
// Claims are assembled by the callers (SessionService, the routes); this class owns the JOSE
// header, the registered time claims and the faults.
//
// Signing is the expensive part (RSA 2048: ~0.3 ms), so the server defers it: between
// beginDeferred() and takeDeferred(), issue() assigns everything (jti, iat, exp — so state can be
// updated at once) but returns a placeholder instead of the JWT; the collected SigningJobs are
// signed in a worker thread (signJobs(), thread-safe) and the placeholders in the response body
// replaced. The server's thread — the GUI thread when the app hosts the sandbox — never signs.

#include "sandbox/Clock.h"
#include "sandbox/KeyRing.h"
#include "sandbox/TokenFaults.h"

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/crypto/OpenSsl.h"

#include <map>
#include <string>
#include <vector>

namespace sandbox {

class TokenIssuer final {
public:
    struct Minted final {
        std::string jwt; // or a placeholder while deferred
        std::string jti;
        int64_t issuedAt = 0;
        int64_t expiresAt = 0;
    };

    // One JWT to sign: the final header and claims, and the key.
    struct SigningJob final {
        std::string placeholder;
        oidc::Json header;
        oidc::Json claims;
        oidc::crypto::SharedPkey key;
        bool corruptSignature = false; // the bad-signature fault
        std::string atHashOf;          // set at_hash from this placeholder's JWT before signing
    };

    TokenIssuer(const KeyRing &keys, const Clock &clock);

    void setIssuer(std::string issuer) { m_issuer = std::move(issuer); }
    [[nodiscard]] const std::string &issuer() const { return m_issuer; }

    // Adds iss, iat, exp (= iat + lifetime) and a fresh jti to `claims` (keeping iss and jti when
    // the caller set them), applies `faults`, and signs — or defers the signature.
    [[nodiscard]] oidc::Result<Minted> issue(oidc::Json claims, int64_t lifetimeSeconds, const TokenFaults &faults = {});

    // OIDC Core §3.2.2.9 at_hash of an access token issued by this class (also while deferred).
    [[nodiscard]] std::string atHash(const std::string &accessToken) const;

    void beginDeferred();
    [[nodiscard]] bool isDeferring() const { return m_deferring; }
    // Ends deferral and hands over the jobs, in issue order.
    [[nodiscard]] std::vector<SigningJob> takeDeferred();

    // Signs the jobs in order (any thread): placeholder → JWT.
    [[nodiscard]] static oidc::Result<std::map<std::string, std::string>> signJobs(std::vector<SigningJob> jobs);
    [[nodiscard]] static oidc::Result<std::string> sign(SigningJob &job);

private:
    const KeyRing &m_keys;
    const Clock &m_clock;
    std::string m_issuer;
    std::string m_placeholderPrefix; // random per issuer, so that no request can forge one
    bool m_deferring = false;
    std::vector<SigningJob> m_deferred;
    quint64 m_nextPlaceholder = 1;
};

} // namespace sandbox
