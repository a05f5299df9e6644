#pragma once

// A relying party, a user and the core's software authenticator for the WebAuthn ceremony tests.

#include "sandbox/auth/WebAuthnOptions.h"
#include "sandbox/auth/WebAuthnVerifier.h"

#include "TestSupport.h"

#include "oidc/crypto/Digest.h"
#include "oidc/webauthn/AuthenticatorData.h"
#include "oidc/webauthn/Cbor.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <functional>

namespace sandbox::auth::test {

// The client side of the ceremonies (the software authenticator, CBOR, authenticator data) is the
// core's.
using namespace oidc::webauthn;

inline constexpr char kRpId[] = "localhost";
inline constexpr char kOrigin[] = "http://localhost:8443";
using oidc::test::kNow;
inline const std::string kUser = "user-1";

inline RelyingParty relyingParty()
{
    return RelyingParty{kRpId, "OIDC Playground", {kOrigin, "http://127.0.0.1:8443"}};
}

inline RegistrationStart startRegistrationFor(const std::string &userHandle = kUser, PasskeyOptions passkey = {},
                                              std::vector<CredentialDescriptor> exclude = {})
{
    RegistrationOptionsRequest request;
    request.relyingParty = relyingParty();
    request.user = {userHandle, userHandle + "@example.com", "Test User"};
    request.passkeyOptions = std::move(passkey);
    request.algorithms = {CoseAlgorithm::ES256, CoseAlgorithm::RS256, CoseAlgorithm::EdDSA};
    request.excludeCredentials = std::move(exclude);
    request.nowUnix = kNow;
    auto start = startRegistration(request);
    EXPECT_TRUE(start.ok()) << (start.ok() ? "" : start.error().summary());
    return std::move(start).value();
}

inline AuthenticationStart startAuthenticationFor(const std::string &userHandle, std::vector<CredentialDescriptor> allow,
                                                  UserVerification uv = UserVerification::Preferred)
{
    AuthenticationOptionsRequest request;
    request.relyingParty = relyingParty();
    request.userHandle = userHandle;
    request.allowCredentials = std::move(allow);
    request.passkeyOptions.authenticationUserVerification = uv;
    request.nowUnix = kNow;
    auto start = startAuthentication(request);
    EXPECT_TRUE(start.ok()) << (start.ok() ? "" : start.error().summary());
    return std::move(start).value();
}

inline SoftwareAuthenticatorOptions authenticatorOptions(CoseAlgorithm algorithm = CoseAlgorithm::ES256,
                                                         AttestationMode mode = AttestationMode::PackedSelf)
{
    SoftwareAuthenticatorOptions options;
    options.algorithms = {algorithm};
    options.attestation = mode;
    return options;
}

// The response JSON with one change applied to the parsed object.
inline std::string editResponse(const std::string &responseJson, const std::function<void(oidc::Json &)> &edit)
{
    oidc::Json json = oidc::Json::parse(responseJson);
    edit(json);
    return json.dump();
}

// The authData inside a registration response's attestationObject.
inline std::string authDataOf(const std::string &responseJson)
{
    const oidc::Json json = oidc::Json::parse(responseJson);
    auto object = CborDocument::decode(unb64(json["response"]["attestationObject"].get<std::string>()));
    EXPECT_TRUE(object.ok());
    if (!object.ok())
        return {};
    auto authData = cborMapGet(object->root(), std::string_view("authData"));
    EXPECT_TRUE(authData.ok() && authData.value());
    return authData.ok() && authData.value() ? std::string(cborBytes(authData.value()).value_or("")) : std::string();
}

// {"fmt": fmt, "attStmt": {}, "authData": authData}
inline std::string noneAttestationObject(const std::string &authData, const std::string &fmt = "none")
{
    std::vector<std::pair<CborItemPtr, CborItemPtr>> entries;
    entries.emplace_back(cborMakeText("fmt"), cborMakeText(fmt));
    entries.emplace_back(cborMakeText("attStmt"), cborMakeMap({}));
    entries.emplace_back(cborMakeText("authData"), cborMakeBytes(authData));
    return cborEncode(cborMakeMap(std::move(entries)).get()).value();
}

inline std::string withAttestationObject(const std::string &responseJson, const std::string &attestationObject)
{
    return editResponse(responseJson, [&](oidc::Json &json) { json["response"]["attestationObject"] = b64(attestationObject); });
}

} // namespace sandbox::auth::test
