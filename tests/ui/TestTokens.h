#pragma once

// Keys and tokens for the GUI tests, made with the core's own primitives.

#include "oidc/Json.h"
#include "oidc/crypto/JsonWebKey.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace testing_ui {

[[nodiscard]] oidc::crypto::JsonWebKey makeKey(oidc::crypto::KeyKind kind, const std::string &kid, const std::string &alg);

// BASE64URL(header) "." BASE64URL(claims) "." BASE64URL(signature).
[[nodiscard]] std::string signToken(const oidc::Json &header, const oidc::Json &claims, const oidc::crypto::JsonWebKey &key,
                                    oidc::crypto::JwsAlgorithm algorithm);
[[nodiscard]] std::string hmacToken(const oidc::Json &header, const oidc::Json &claims, const std::string &secret,
                                    oidc::crypto::JwsAlgorithm algorithm);
[[nodiscard]] std::string unsignedToken(const oidc::Json &claims); // alg "none", empty signature

// Builds the token text in the order given: claims as an ordered JSON text, signed.
[[nodiscard]] std::string signRawToken(const std::string &headerJson, const std::string &claimsJson,
                                       const oidc::crypto::JsonWebKey &key, oidc::crypto::JwsAlgorithm algorithm);

[[nodiscard]] std::string jwksOf(const std::vector<const oidc::crypto::JsonWebKey *> &keys);

[[nodiscard]] int64_t now();

[[nodiscard]] inline QString q(const std::string &text) { return QString::fromStdString(text); }

} // namespace testing_ui
