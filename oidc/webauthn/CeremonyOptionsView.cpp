#include "CeremonyOptionsView.h"

#include "CoseKey.h"

#include "oidc/crypto/Base64Url.h"

#include <utility>

namespace oidc::webauthn {

namespace {

Error optionsViewError(std::string message)
{
    return makeError(ErrorCategory::Input, "WEBAUTHN_OPTIONS", std::move(message));
}

// A string member, "" when absent; an error when present with another type.
Result<std::string> optionalText(const Json &object, const char *name)
{
    const auto it = object.find(name);
    if (it == object.end() || it->is_null())
        return std::string();
    if (!it->is_string())
        return optionsViewError(std::string("the options' \"") + name + "\" is not a string");
    return it->get<std::string>();
}

Result<ByteString> base64Bytes(const Json &object, const char *name)
{
    const auto it = object.find(name);
    if (it == object.end() || !it->is_string())
        return optionsViewError(std::string("the options lack \"") + name + "\"");
    auto decoded = crypto::base64UrlDecode(it->get_ref<const std::string &>());
    if (!decoded)
        return optionsViewError(std::string("the options' \"") + name + "\" is not base64url");
    return ByteString{std::move(decoded).value()};
}

Result<std::vector<CredentialDescriptorView>> descriptors(const Json &publicKey, const char *name)
{
    std::vector<CredentialDescriptorView> list;
    const auto it = publicKey.find(name);
    if (it == publicKey.end() || it->is_null())
        return list;
    if (!it->is_array())
        return optionsViewError(std::string("the options' \"") + name + "\" is not an array");
    for (const Json &entry : *it) {
        if (!entry.is_object())
            return optionsViewError(std::string("an entry of \"") + name + "\" is not an object");
        auto id = base64Bytes(entry, "id");
        if (!id)
            return id.error();
        CredentialDescriptorView descriptor{std::move(id).value(), {}};
        if (const auto transports = entry.find("transports"); transports != entry.end() && transports->is_array())
            for (const Json &transport : *transports)
                if (transport.is_string())
                    descriptor.transports.push_back(transport.get<std::string>());
        list.push_back(std::move(descriptor));
    }
    return list;
}

Result<std::vector<CredentialParameterView>> parameters(const Json &publicKey)
{
    std::vector<CredentialParameterView> list;
    const auto it = publicKey.find("pubKeyCredParams");
    if (it == publicKey.end() || it->is_null())
        return list;
    if (!it->is_array())
        return optionsViewError("the options' \"pubKeyCredParams\" is not an array");
    for (const Json &entry : *it) {
        if (!entry.is_object() || !entry.contains("alg") || !entry["alg"].is_number_integer())
            return optionsViewError("an entry of \"pubKeyCredParams\" has no integer alg");
        CredentialParameterView parameter;
        parameter.type = entry.value("type", std::string());
        parameter.alg = entry["alg"].get<int64_t>();
        if (const auto algorithm = coseAlgorithmFromInt(parameter.alg))
            parameter.algorithm = std::string(coseAlgorithmName(*algorithm));
        list.push_back(std::move(parameter));
    }
    return list;
}

Json descriptorsJson(const std::vector<CredentialDescriptorView> &list)
{
    Json json = Json::array();
    for (const CredentialDescriptorView &descriptor : list)
        json.push_back({{"id", descriptor.id.toJson()}, {"transports", descriptor.transports}});
    return json;
}

} // namespace

Result<CeremonyOptionsView> describeOptions(std::string_view optionsText)
{
    JsonParseOptions parse;
    parse.category = ErrorCategory::Input;
    parse.what = "WebAuthn options";
    auto json = parseJsonObject(optionsText, parse);
    if (!json)
        return optionsViewError("the options are not a JSON object: " + json.error().message);
    Json publicKey = std::move(json).value();
    if (const auto wrapped = publicKey.find("publicKey"); wrapped != publicKey.end()) {
        if (!wrapped->is_object())
            return optionsViewError("options.publicKey is not an object");
        publicKey = Json(*wrapped);
    }

    CeremonyOptionsView view;
    auto challenge = base64Bytes(publicKey, "challenge");
    if (!challenge)
        return challenge.error();
    view.challenge = std::move(challenge).value();
    if (const auto timeout = publicKey.find("timeout"); timeout != publicKey.end() && !timeout->is_null()) {
        if (!timeout->is_number_integer())
            return optionsViewError("the options' \"timeout\" is not an integer");
        view.timeoutMs = timeout->get<int64_t>();
    }
    const auto rp = publicKey.find("rp");
    const bool create = rp != publicKey.end() || publicKey.contains("user");
    view.kind = create ? CeremonyKind::Registration : CeremonyKind::Assertion;
    if (!create) {
        auto rpId = optionalText(publicKey, "rpId");
        auto userVerification = optionalText(publicKey, "userVerification");
        auto allowed = descriptors(publicKey, "allowCredentials");
        if (!rpId)
            return rpId.error();
        if (!userVerification)
            return userVerification.error();
        if (!allowed)
            return allowed.error();
        view.rpId = std::move(rpId).value();
        view.userVerification = std::move(userVerification).value();
        view.credentials = std::move(allowed).value();
        return view;
    }

    if (rp == publicKey.end() || !rp->is_object())
        return optionsViewError("the creation options' \"rp\" is not an object");
    auto rpId = optionalText(*rp, "id");
    auto rpName = optionalText(*rp, "name");
    if (!rpId)
        return rpId.error();
    if (!rpName)
        return rpName.error();
    view.rpId = std::move(rpId).value();
    view.rpName = std::move(rpName).value();
    const auto user = publicKey.find("user");
    if (user == publicKey.end() || !user->is_object())
        return optionsViewError("the creation options' \"user\" is not an object");
    auto userId = base64Bytes(*user, "id");
    auto userName = optionalText(*user, "name");
    auto displayName = optionalText(*user, "displayName");
    if (!userId)
        return userId.error();
    if (!userName)
        return userName.error();
    if (!displayName)
        return displayName.error();
    view.userId = std::move(userId).value();
    view.userName = std::move(userName).value();
    view.userDisplayName = std::move(displayName).value();
    auto offered = parameters(publicKey);
    if (!offered)
        return offered.error();
    view.pubKeyCredParams = std::move(offered).value();
    if (const auto selection = publicKey.find("authenticatorSelection"); selection != publicKey.end() && selection->is_object()) {
        auto attachment = optionalText(*selection, "authenticatorAttachment");
        auto residentKey = optionalText(*selection, "residentKey");
        auto userVerification = optionalText(*selection, "userVerification");
        if (!attachment)
            return attachment.error();
        if (!residentKey)
            return residentKey.error();
        if (!userVerification)
            return userVerification.error();
        view.authenticatorAttachment = std::move(attachment).value();
        view.residentKey = std::move(residentKey).value();
        view.userVerification = std::move(userVerification).value();
    }
    auto attestation = optionalText(publicKey, "attestation");
    auto excluded = descriptors(publicKey, "excludeCredentials");
    if (!attestation)
        return attestation.error();
    if (!excluded)
        return excluded.error();
    view.attestation = std::move(attestation).value();
    view.credentials = std::move(excluded).value();
    return view;
}

Json CeremonyOptionsView::toJson() const
{
    Json json{{"kind", kind == CeremonyKind::Registration ? "registration" : "assertion"}, {"challenge", challenge.toJson()}, {"rpId", rpId}};
    if (timeoutMs)
        json["timeout"] = *timeoutMs;
    if (kind == CeremonyKind::Assertion) {
        json["userVerification"] = userVerification;
        json["allowCredentials"] = descriptorsJson(credentials);
        return json;
    }
    json["rpName"] = rpName;
    json["user"] = {{"id", userId ? userId->toJson() : Json()}, {"name", userName}, {"displayName", userDisplayName}};
    Json params = Json::array();
    for (const CredentialParameterView &parameter : pubKeyCredParams)
        params.push_back({{"type", parameter.type}, {"alg", parameter.alg}, {"algorithm", parameter.algorithm}});
    json["pubKeyCredParams"] = std::move(params);
    json["authenticatorSelection"] = {
        {"authenticatorAttachment", authenticatorAttachment}, {"residentKey", residentKey}, {"userVerification", userVerification}};
    json["attestation"] = attestation;
    json["excludeCredentials"] = descriptorsJson(credentials);
    return json;
}

} // namespace oidc::webauthn
