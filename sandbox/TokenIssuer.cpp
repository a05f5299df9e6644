#include "TokenIssuer.h"

#include "sandbox/Randomness.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/crypto/Random.h"
#include "oidc/jwt/ClaimChecks.h"

namespace sandbox {

namespace {

const char *const kAtHashMarker = "-athash-";

} // namespace

TokenIssuer::TokenIssuer(const KeyRing &keys, const Clock &clock)
    : m_keys(keys)
    , m_clock(clock)
{
    auto nonce = oidc::crypto::randomToken(12);
    m_placeholderPrefix = "@@sandbox-jwt-" + (nonce ? nonce.value() : std::string("0")) + "-";
}

oidc::Result<TokenIssuer::Minted> TokenIssuer::issue(oidc::Json claims, int64_t lifetimeSeconds, const TokenFaults &faults)
{
    if (m_keys.isEmpty())
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "SANDBOX_NO_KEY", "the sandbox has no signing key yet");
    auto jti = oidc::crypto::randomToken(16);
    if (!jti)
        return jti.error();
    Minted minted;
    minted.jti = jti.value();
    minted.issuedAt = m_clock.now();
    minted.expiresAt = minted.issuedAt + lifetimeSeconds;
    if (!claims.contains("iss"))
        claims["iss"] = m_issuer;
    claims["iat"] = minted.issuedAt;
    claims["exp"] = minted.expiresAt;
    if (claims.contains("jti") && claims["jti"].is_string())
        minted.jti = claims["jti"].get<std::string>();
    else
        claims["jti"] = minted.jti;

    const auto &key = m_keys.current();
    SigningJob job;
    job.key = key.key;
    job.header = {{"alg", "RS256"}, {"kid", key.kid}, {"typ", "JWT"}};
    if (faults.unknownKid)
        job.header["kid"] = "SKunknown" + randomAlphanumeric(12); // rp-checks K2
    if (faults.expired) {
        // Expired ten minutes ago, well past any client's leeway (rp-checks J7: O4W allows 30 s).
        const int64_t exp = m_clock.now() - 600;
        claims["exp"] = exp;
        claims["iat"] = exp - lifetimeSeconds;
    }
    if (faults.futureIat) {
        // An hour ahead: beyond AppAuth's ±10 min and any clock-skew leeway (J8).
        claims["iat"] = claims["iat"].get<int64_t>() + 3600;
        claims["exp"] = claims["exp"].get<int64_t>() + 3600;
    }
    if (faults.wrongNonce)
        claims["nonce"] = "sandbox-wrong-nonce"; // J9
    if (faults.wrongAudience)
        claims["aud"] = "sandbox-wrong-audience"; // J5
    if (faults.wrongIssuer)
        claims["iss"] = m_issuer + "-wrong"; // J4
    job.corruptSignature = faults.badSignature; // J1
    if (const auto atHash = claims.find("at_hash"); atHash != claims.end() && atHash->is_string()) {
        const std::string value = atHash->get<std::string>();
        if (const auto marker = value.find(kAtHashMarker); marker != std::string::npos && value.rfind(m_placeholderPrefix, 0) == 0)
            job.atHashOf = value.substr(0, marker);
    }
    job.claims = std::move(claims);

    if (m_deferring) {
        job.placeholder = m_placeholderPrefix + std::to_string(m_nextPlaceholder++) + "@@";
        minted.jwt = job.placeholder;
        m_deferred.push_back(std::move(job));
        return minted;
    }
    auto jwt = sign(job);
    if (!jwt)
        return jwt.error();
    minted.jwt = std::move(jwt).value();
    return minted;
}

std::string TokenIssuer::atHash(const std::string &accessToken) const
{
    if (accessToken.rfind(m_placeholderPrefix, 0) == 0)
        return accessToken + kAtHashMarker; // resolved when the jobs are signed
    return oidc::jwt::halfHash("RS256", accessToken).value_or(std::string());
}

void TokenIssuer::beginDeferred()
{
    m_deferring = true;
    m_deferred.clear();
}

std::vector<TokenIssuer::SigningJob> TokenIssuer::takeDeferred()
{
    m_deferring = false;
    return std::exchange(m_deferred, {});
}

oidc::Result<std::string> TokenIssuer::sign(SigningJob &job)
{
    const auto replace = oidc::Json::error_handler_t::replace;
    const std::string signingInput = oidc::crypto::base64UrlEncode(job.header.dump(-1, ' ', false, replace)) + "."
        + oidc::crypto::base64UrlEncode(job.claims.dump(-1, ' ', false, replace));
    auto signature = oidc::crypto::signWithKey(oidc::crypto::JwsAlgorithm::RS256, job.key.get(), signingInput);
    if (!signature)
        return signature.error();
    std::string bytes = std::move(signature).value();
    if (job.corruptSignature && !bytes.empty())
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
    return signingInput + "." + oidc::crypto::base64UrlEncode(bytes);
}

oidc::Result<std::map<std::string, std::string>> TokenIssuer::signJobs(std::vector<SigningJob> jobs)
{
    std::map<std::string, std::string> signedTokens;
    for (auto &job : jobs) {
        if (!job.atHashOf.empty()) {
            const auto it = signedTokens.find(job.atHashOf);
            if (it != signedTokens.end())
                job.claims["at_hash"] = oidc::jwt::halfHash("RS256", it->second).value_or(std::string());
        }
        auto jwt = sign(job);
        if (!jwt)
            return jwt.error();
        signedTokens.emplace(job.placeholder, std::move(jwt).value());
    }
    return signedTokens;
}

} // namespace sandbox
