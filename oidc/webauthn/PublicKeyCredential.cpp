#include "PublicKeyCredential.h"

#include "AuthenticatorData.h"
#include "ClientData.h"

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"

namespace oidc::webauthn {

namespace {

Error shapeError(std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Input, "WEBAUTHN_RESPONSE_SHAPE", std::move(message), std::move(expected), std::move(actual));
}

Error credentialIdError(std::string message)
{
    return makeError(ErrorCategory::Input, "WEBAUTHN_CREDENTIAL_ID", std::move(message));
}

// A base64url member of the inner response; nullopt when absent/null/"" and optional.
Result<std::optional<std::string>> responseBytes(const Json &response, const char *name, size_t maxBytes,
                                                 bool optional = false)
{
    const auto it = response.find(name);
    if (it == response.end() || it->is_null() || (optional && it->is_string() && it->get_ref<const std::string &>().empty())) {
        if (optional)
            return std::optional<std::string>();
        return shapeError(std::string("the response lacks \"") + name + "\"");
    }
    if (!it->is_string())
        return shapeError(std::string("the response's \"") + name + "\" is not a string");
    const auto &text = it->get_ref<const std::string &>();
    if (text.size() > (maxBytes * 4 + 2) / 3)
        return shapeError(std::string("the response's \"") + name + "\" is larger than " + std::to_string(maxBytes) + " bytes");
    auto decoded = crypto::base64UrlDecode(text);
    if (!decoded)
        return shapeError(std::string("the response's \"") + name + "\" is not base64url: " + decoded.error().message);
    if (decoded->empty() && !optional)
        return shapeError(std::string("the response's \"") + name + "\" is empty");
    return std::optional<std::string>(std::move(decoded).value());
}

struct ParsedCredential {
    std::string credentialId;
    Json response;              // the inner "response" object
    std::string clientDataJson; // response.clientDataJSON, decoded: both ceremonies send it
};

Result<ParsedCredential> parseCredentialJson(std::string_view responseJson)
{
    if (responseJson.empty() || responseJson.size() > kMaxResponseJsonBytes)
        return shapeError("the WebAuthn response is empty or larger than 64 KiB");
    JsonParseOptions options;
    options.what = "WebAuthn response";
    options.maxDepth = 8;
    auto json = parseJsonObject(responseJson, options);
    if (!json)
        return shapeError("the WebAuthn response is not a JSON object: " + json.error().message);
    const auto type = json->find("type");
    if (type == json->end() || !type->is_string() || type->get_ref<const std::string &>() != "public-key")
        return shapeError("the credential's type must be \"public-key\"", "public-key", type != json->end() ? type->dump() : "");
    const auto id = json->find("id");
    if (id == json->end() || !id->is_string())
        return shapeError("the credential lacks its \"id\"");
    auto idBytes = crypto::base64UrlDecode(id->get_ref<const std::string &>());
    if (!idBytes || idBytes->empty() || idBytes->size() > kMaxCredentialIdBytes)
        return credentialIdError("the credential \"id\" is not 1 to 1023 bytes of base64url");
    const auto rawId = json->find("rawId");
    if (rawId != json->end()) {
        if (!rawId->is_string())
            return shapeError("the credential's \"rawId\" is not a string");
        auto rawBytes = crypto::base64UrlDecode(rawId->get_ref<const std::string &>());
        if (!rawBytes || *rawBytes != *idBytes)
            return credentialIdError("the credential's \"id\" and \"rawId\" differ");
    }
    const auto response = json->find("response");
    if (response == json->end() || !response->is_object())
        return shapeError("the credential lacks its \"response\" object");
    auto clientData = responseBytes(*response, "clientDataJSON", kMaxClientDataBytes);
    if (!clientData)
        return clientData.error();
    return ParsedCredential{std::move(idBytes).value(), *response, std::move(**clientData)};
}

} // namespace

Result<RegistrationResponse> parseRegistrationResponse(std::string_view responseJson)
{
    auto parsed = parseCredentialJson(responseJson);
    if (!parsed)
        return parsed.error();
    auto attestation = responseBytes(parsed->response, "attestationObject", kMaxAttestationObjectBytes);
    if (!attestation)
        return attestation.error();
    RegistrationResponse response;
    response.credentialId = std::move(parsed->credentialId);
    response.clientDataJson = std::move(parsed->clientDataJson);
    response.attestationObject = std::move(**attestation);
    const auto transports = parsed->response.find("transports");
    if (transports != parsed->response.end() && transports->is_array())
        for (const auto &transport : *transports)
            if (transport.is_string() && transport.get_ref<const std::string &>().size() <= 32 && response.transports.size() < 8)
                response.transports.push_back(transport.get<std::string>());
    return response;
}

Result<AssertionResponse> parseAssertionResponse(std::string_view responseJson)
{
    auto parsed = parseCredentialJson(responseJson);
    if (!parsed)
        return parsed.error();
    auto authData = responseBytes(parsed->response, "authenticatorData", kMaxAuthenticatorDataBytes);
    if (!authData)
        return authData.error();
    auto signature = responseBytes(parsed->response, "signature", kMaxSignatureBytes);
    if (!signature)
        return signature.error();
    auto userHandle = responseBytes(parsed->response, "userHandle", kMaxUserHandleBytes, true);
    if (!userHandle)
        return userHandle.error();
    AssertionResponse response;
    response.credentialId = std::move(parsed->credentialId);
    response.clientDataJson = std::move(parsed->clientDataJson);
    response.authenticatorData = std::move(**authData);
    response.signature = std::move(**signature);
    if (*userHandle && !(*userHandle)->empty())
        response.userHandle = std::move(**userHandle);
    return response;
}

} // namespace oidc::webauthn
