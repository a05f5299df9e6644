#pragma once

// The sandbox's signing keys: RS256, RSA 2048, each with kid, alg and use (descope-api.md §2.3:
// Python needs alg and kid, .NET only imports RSA). Rotation installs a new current key and keeps
// the previous one in the JWKS for a grace period, so tokens signed just before still verify
// (rp-checks K2). Generating a key takes tens of milliseconds: generate() may run on any thread,
// install() runs on the server's thread.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/crypto/JsonWebKey.h"

#include <QByteArray>

#include <cstdint>
#include <vector>

namespace sandbox {

class KeyRing final {
public:
    struct Entry final {
        oidc::crypto::JsonWebKey key;
        int64_t createdAt = 0;
        int64_t retiresAt = 0; // 0 for the current key; else when it leaves the JWKS
    };

    // A fresh RS256 key with a random kid. Thread-safe (touches no KeyRing state).
    [[nodiscard]] static oidc::Result<oidc::crypto::JsonWebKey> generate();

    // Makes `key` current; the previous current key retires `graceSeconds` after `now`.
    void install(oidc::crypto::JsonWebKey key, int64_t now, int64_t graceSeconds);
    // Drops retired keys whose grace period is over. Returns true when the set changed.
    bool prune(int64_t now);

    [[nodiscard]] bool isEmpty() const { return m_entries.empty(); }
    [[nodiscard]] const oidc::crypto::JsonWebKey &current() const { return m_entries.front().key; }
    [[nodiscard]] const std::vector<Entry> &entries() const { return m_entries; } // current first

    // {"keys":[{alg,e,kid,kty,n,use}, …]}: the current key then the retiring ones. Cached.
    [[nodiscard]] const QByteArray &jwksJson() const { return m_jwksJson; }
    // The current key alone (GET /v1/keys/<projectId>).
    [[nodiscard]] const QByteArray &currentKeyJson() const { return m_currentJson; }
    // The public keys, for verifying the tokens clients send back.
    [[nodiscard]] const oidc::crypto::JsonWebKeySet &verificationKeys() const { return m_verification; }

private:
    void rebuild();

    std::vector<Entry> m_entries;
    QByteArray m_jwksJson;
    QByteArray m_currentJson;
    oidc::crypto::JsonWebKeySet m_verification;
};

} // namespace sandbox
