#pragma once

// What a relying party's start call hands the client (W3C WebAuthn Level 3 §5.4 creation options,
// §5.5 request options, in Descope's {"publicKey": …} JSON form), written out by hand so that the
// core's tests need no relying party; and the one check a client can make on its own result: the
// signature over authenticatorData ‖ SHA-256(clientDataJSON) with the registered key (§6.3.3).

#include "TestSupport.h"

#include "oidc/Json.h"
#include "oidc/crypto/Digest.h"
#include "oidc/webauthn/CeremonyView.h"
#include "oidc/webauthn/CoseKey.h"

#include <cstdint>
#include <string>
#include <vector>

namespace oidc::webauthn::test {

inline constexpr char kRpId[] = "localhost";
inline constexpr char kOrigin[] = "http://localhost:8443";
inline const std::string kUserHandle = "user-1";
inline const std::string kCreateChallenge(32, '\x11');
inline const std::string kGetChallenge(32, '\x22');

inline std::string creationOptions(std::vector<int64_t> algorithms = {-7, -8, -257}, const std::string &userVerification = "preferred",
                                   const std::vector<std::string> &excludeIds = {})
{
    Json params = Json::array();
    for (const int64_t alg : algorithms)
        params.push_back({{"type", "public-key"}, {"alg", alg}});
    Json exclude = Json::array();
    for (const auto &id : excludeIds)
        exclude.push_back({{"type", "public-key"}, {"id", b64(id)}});
    const Json publicKey{{"challenge", b64(kCreateChallenge)},
                         {"rp", {{"id", kRpId}, {"name", "OIDC Playground"}}},
                         {"user", {{"id", b64(kUserHandle)}, {"name", "alice@example.com"}, {"displayName", "Alice"}}},
                         {"pubKeyCredParams", std::move(params)},
                         {"timeout", 60000},
                         {"authenticatorSelection", {{"residentKey", "preferred"}, {"userVerification", userVerification}}},
                         {"attestation", "direct"},
                         {"excludeCredentials", std::move(exclude)}};
    return Json{{"publicKey", publicKey}}.dump();
}

inline std::string requestOptions(const std::vector<std::string> &allowIds = {}, const std::string &userVerification = "preferred")
{
    Json allow = Json::array();
    for (const auto &id : allowIds)
        allow.push_back({{"type", "public-key"}, {"id", b64(id)}});
    const Json publicKey{{"challenge", b64(kGetChallenge)},
                         {"rpId", kRpId},
                         {"timeout", 60000},
                         {"allowCredentials", std::move(allow)},
                         {"userVerification", userVerification}};
    return Json{{"publicKey", publicKey}}.dump();
}

// The assertion's signature checked with the key the registration carried.
inline ::testing::AssertionResult signatureVerifies(const CeremonyView &registration, const CeremonyView &assertion)
{
    if (!registration.authenticatorData.credentialPublicKey || !assertion.signature)
        return ::testing::AssertionFailure() << "no credential key or no signature";
    auto key = decodeCoseKey(registration.authenticatorData.credentialPublicKey->encoded.raw);
    if (!key)
        return ::testing::AssertionFailure() << key.error().summary();
    const std::string signedData = assertion.authenticatorData.bytes.raw + assertion.clientData.hash.raw;
    auto verified = verifyCoseSignature(key->algorithm, key->publicKey.get(), signedData, assertion.signature->raw);
    if (!verified)
        return ::testing::AssertionFailure() << verified.error().summary();
    return ::testing::AssertionSuccess();
}

} // namespace oidc::webauthn::test
