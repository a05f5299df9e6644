#include "KeyRing.h"

#include "oidc/crypto/Random.h"

namespace sandbox {

oidc::Result<oidc::crypto::JsonWebKey> KeyRing::generate()
{
    auto suffix = oidc::crypto::randomToken(15);
    if (!suffix)
        return suffix.error();
    // Descope kids are opaque strings; "SK" + 20 base64url characters keeps them recognisable.
    return oidc::crypto::generateKey(oidc::crypto::KeyKind::Rsa2048, "SK" + suffix.value(), "RS256");
}

void KeyRing::install(oidc::crypto::JsonWebKey key, int64_t now, int64_t graceSeconds)
{
    if (!m_entries.empty())
        m_entries.front().retiresAt = now + graceSeconds;
    key.use = "sig";
    key.alg = "RS256";
    m_entries.insert(m_entries.begin(), Entry{std::move(key), now, 0});
    prune(now);
    rebuild();
}

bool KeyRing::prune(int64_t now)
{
    const auto before = m_entries.size();
    std::erase_if(m_entries, [now](const Entry &entry) { return entry.retiresAt != 0 && entry.retiresAt <= now; });
    if (m_entries.size() == before)
        return false;
    rebuild();
    return true;
}

void KeyRing::rebuild()
{
    oidc::Json keys = oidc::Json::array();
    m_verification = {};
    for (const Entry &entry : m_entries) {
        keys.push_back(oidc::crypto::publicJwk(entry.key));
        m_verification.keys.push_back(entry.key);
    }
    m_jwksJson = QByteArray::fromStdString(oidc::Json{{"keys", keys}}.dump());
    m_currentJson = m_entries.empty() ? QByteArray("{}") : QByteArray::fromStdString(oidc::crypto::publicJwk(m_entries.front().key).dump());
}

} // namespace sandbox
