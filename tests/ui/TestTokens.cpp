#include "TestTokens.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JwsAlgorithm.h"

#include <QDateTime>

#include <cstdlib>
#include <cstdio>

namespace testing_ui {

namespace {
[[noreturn]] void die(const oidc::Error &error)
{
    std::fprintf(stderr, "test setup failed: %s\n", error.summary().c_str());
    std::abort();
}
} // namespace

oidc::crypto::JsonWebKey makeKey(oidc::crypto::KeyKind kind, const std::string &kid, const std::string &alg)
{
    auto key = oidc::crypto::generateKey(kind, kid, alg);
    if (!key)
        die(key.error());
    return std::move(key).value();
}

std::string signRawToken(const std::string &headerJson, const std::string &claimsJson, const oidc::crypto::JsonWebKey &key,
                         oidc::crypto::JwsAlgorithm algorithm)
{
    const std::string input = oidc::crypto::base64UrlEncode(headerJson) + "." + oidc::crypto::base64UrlEncode(claimsJson);
    auto signature = oidc::crypto::signWithKey(algorithm, key.key.get(), input);
    if (!signature)
        die(signature.error());
    return input + "." + oidc::crypto::base64UrlEncode(*signature);
}

std::string signToken(const oidc::Json &header, const oidc::Json &claims, const oidc::crypto::JsonWebKey &key,
                      oidc::crypto::JwsAlgorithm algorithm)
{
    return signRawToken(header.dump(), claims.dump(), key, algorithm);
}

std::string hmacToken(const oidc::Json &header, const oidc::Json &claims, const std::string &secret, oidc::crypto::JwsAlgorithm algorithm)
{
    const std::string input = oidc::crypto::base64UrlEncode(header.dump()) + "." + oidc::crypto::base64UrlEncode(claims.dump());
    auto signature = oidc::crypto::signHmac(algorithm, secret, input);
    if (!signature)
        die(signature.error());
    return input + "." + oidc::crypto::base64UrlEncode(*signature);
}

std::string unsignedToken(const oidc::Json &claims)
{
    return oidc::crypto::base64UrlEncode(oidc::Json{{"alg", "none"}, {"typ", "JWT"}}.dump()) + "."
        + oidc::crypto::base64UrlEncode(claims.dump()) + ".";
}

std::string jwksOf(const std::vector<const oidc::crypto::JsonWebKey *> &keys)
{
    oidc::Json list = oidc::Json::array();
    for (const auto *key : keys)
        list.push_back(oidc::crypto::publicJwk(*key));
    return oidc::Json{{"keys", list}}.dump();
}

int64_t now()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace testing_ui
