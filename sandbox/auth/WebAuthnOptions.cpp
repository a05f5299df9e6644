#include "WebAuthnOptions.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"
#include "oidc/webauthn/AuthenticatorData.h"

#include <algorithm>

namespace sandbox::auth {

namespace {

constexpr size_t kChallengeBytes = 32;
constexpr size_t kMaxUserHandleBytes = 64;
constexpr size_t kMaxCredentials = 64;
constexpr size_t kMaxOrigins = 16;
constexpr size_t kMaxTextBytes = 256;
constexpr size_t kMaxOriginBytes = 2048;

oidc::Error optionsError(std::string message, std::string expected = {}, std::string actual = {})
{
    return oidc::makeError(oidc::ErrorCategory::Input, "WEBAUTHN_OPTIONS", std::move(message), std::move(expected),
                           std::move(actual));
}

oidc::Error passkeyError(std::string message, std::string actual = {})
{
    return oidc::makeError(oidc::ErrorCategory::Input, "WEBAUTHN_PASSKEY_OPTIONS", std::move(message), {}, std::move(actual));
}

oidc::Error transactionError(std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Sandbox, "WEBAUTHN_TRANSACTION", std::move(message));
}

// A passkeyOptions enum member: nullopt for absent/null/""/0, the string otherwise.
oidc::Result<std::optional<std::string>> enumMember(const oidc::Json &object, const char *name,
                                                   std::initializer_list<std::string_view> allowed)
{
    const auto it = object.find(name);
    if (it == object.end() || it->is_null())
        return std::optional<std::string>();
    if (it->is_number_integer() && it->get<int64_t>() == 0)
        return std::optional<std::string>();
    if (!it->is_string())
        return passkeyError(std::string("passkeyOptions ") + name + " must be a lowercase string", it->dump());
    const auto &value = it->get_ref<const std::string &>();
    if (value.empty())
        return std::optional<std::string>();
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
        return passkeyError(std::string("passkeyOptions ") + name + " has an unknown value", value);
    return std::optional<std::string>(value);
}

oidc::Result<std::optional<UserVerification>> userVerificationMember(const oidc::Json &object, const char *name)
{
    auto value = enumMember(object, name, {"required", "preferred", "discouraged"});
    if (!value)
        return value.error();
    if (!*value)
        return std::optional<UserVerification>();
    return parseUserVerification(**value);
}

oidc::Status checkRelyingParty(const RelyingParty &rp)
{
    if (rp.id.empty() || rp.id.size() > 253 || rp.id.find_first_of(":/ ") != std::string::npos)
        return optionsError("the RP ID must be a host name without scheme or port", "e.g. localhost", rp.id);
    if (rp.name.size() > kMaxTextBytes)
        return optionsError("the RP name is longer than 256 bytes");
    if (rp.origins.empty() || rp.origins.size() > kMaxOrigins)
        return optionsError("between 1 and 16 allowed origins are needed", "1…16", std::to_string(rp.origins.size()));
    for (const auto &origin : rp.origins)
        if (origin.empty() || origin.size() > kMaxOriginBytes)
            return optionsError("an allowed origin is empty or too long");
    return {};
}

oidc::Status checkTimeout(int64_t timeoutMs)
{
    if (timeoutMs < 10000 || timeoutMs > 600000)
        return optionsError("the timeout must be 10 000 to 600 000 ms", "10000…600000", std::to_string(timeoutMs));
    return {};
}

oidc::Status checkDescriptors(const std::vector<CredentialDescriptor> &descriptors)
{
    if (descriptors.size() > kMaxCredentials)
        return optionsError("more than 64 credentials in one ceremony");
    for (const auto &descriptor : descriptors)
        if (descriptor.id.empty() || descriptor.id.size() > oidc::webauthn::kMaxCredentialIdBytes)
            return optionsError("a credential ID must be 1 to 1023 bytes");
    return {};
}

oidc::Json descriptorsJson(const std::vector<CredentialDescriptor> &descriptors)
{
    oidc::Json list = oidc::Json::array();
    for (const auto &descriptor : descriptors) {
        oidc::Json entry{{"type", "public-key"}, {"id", oidc::crypto::base64UrlEncode(descriptor.id)}};
        if (!descriptor.transports.empty())
            entry["transports"] = descriptor.transports;
        list.push_back(std::move(entry));
    }
    return list;
}

oidc::Json base64List(const std::vector<std::string> &values)
{
    oidc::Json list = oidc::Json::array();
    for (const auto &value : values)
        list.push_back(oidc::crypto::base64UrlEncode(value));
    return list;
}

// Members of a stored transaction document.
oidc::Result<std::string> storedBytes(const oidc::Json &json, const char *name, bool allowEmpty = false)
{
    const auto it = json.find(name);
    if (it == json.end() || !it->is_string())
        return transactionError(std::string("the transaction lacks \"") + name + "\"");
    auto decoded = oidc::crypto::base64UrlDecode(it->get_ref<const std::string &>());
    if (!decoded || (!allowEmpty && decoded->empty()))
        return transactionError(std::string("the transaction's \"") + name + "\" is not base64url");
    return decoded;
}

oidc::Result<std::string> storedString(const oidc::Json &json, const char *name)
{
    const auto it = json.find(name);
    if (it == json.end() || !it->is_string() || it->get_ref<const std::string &>().empty())
        return transactionError(std::string("the transaction lacks \"") + name + "\"");
    return it->get<std::string>();
}

oidc::Result<std::vector<std::string>> storedList(const oidc::Json &json, const char *name, bool base64)
{
    const auto it = json.find(name);
    if (it == json.end() || !it->is_array() || it->size() > kMaxCredentials)
        return transactionError(std::string("the transaction's \"") + name + "\" is not a list");
    std::vector<std::string> out;
    for (const auto &entry : *it) {
        if (!entry.is_string())
            return transactionError(std::string("the transaction's \"") + name + "\" holds a non-string");
        if (!base64) {
            out.push_back(entry.get<std::string>());
            continue;
        }
        auto decoded = oidc::crypto::base64UrlDecode(entry.get_ref<const std::string &>());
        if (!decoded)
            return transactionError(std::string("the transaction's \"") + name + "\" holds a non-base64url entry");
        out.push_back(std::move(decoded).value());
    }
    return out;
}

oidc::Result<int64_t> storedInt(const oidc::Json &json, const char *name)
{
    const auto it = json.find(name);
    if (it == json.end() || !it->is_number_integer())
        return transactionError(std::string("the transaction lacks \"") + name + "\"");
    return it->get<int64_t>();
}

oidc::Result<UserVerification> storedUserVerification(const oidc::Json &json)
{
    auto name = storedString(json, "userVerification");
    if (!name)
        return name.error();
    const auto parsed = parseUserVerification(*name);
    if (!parsed)
        return transactionError("the transaction's userVerification is unknown");
    return *parsed;
}

// The members both transaction documents share, binary ones base64url.
oidc::Json ceremonyJson(const CeremonyTransaction &transaction)
{
    return oidc::Json{{"challenge", oidc::crypto::base64UrlEncode(transaction.challenge)},
                      {"rpId", transaction.rpId},
                      {"origins", transaction.origins},
                      {"userHandle", oidc::crypto::base64UrlEncode(transaction.userHandle)},
                      {"userVerification", userVerificationName(transaction.userVerification)},
                      {"expiresAt", transaction.expiresAtUnix}};
}

// Reads them back into `transaction`. An authentication may have no user handle (a
// discoverable-credential sign-in); a registration always has one.
oidc::Status readCeremony(const oidc::Json &json, bool userHandleMayBeEmpty, CeremonyTransaction &transaction)
{
    auto challenge = storedBytes(json, "challenge");
    if (!challenge)
        return challenge.error();
    auto rpId = storedString(json, "rpId");
    if (!rpId)
        return rpId.error();
    auto origins = storedList(json, "origins", false);
    if (!origins)
        return origins.error();
    auto userHandle = storedBytes(json, "userHandle", userHandleMayBeEmpty);
    if (!userHandle)
        return userHandle.error();
    auto uv = storedUserVerification(json);
    if (!uv)
        return uv.error();
    auto expires = storedInt(json, "expiresAt");
    if (!expires)
        return expires.error();
    transaction.challenge = std::move(challenge).value();
    transaction.rpId = std::move(rpId).value();
    transaction.origins = std::move(origins).value();
    transaction.userHandle = std::move(userHandle).value();
    transaction.userVerification = *uv;
    transaction.expiresAtUnix = *expires;
    return {};
}

// The request checks both ceremonies make: the RP, the timeout and the credential list.
oidc::Status checkCeremony(const RelyingParty &rp, int64_t timeoutMs, const std::vector<CredentialDescriptor> &descriptors)
{
    if (auto checked = checkRelyingParty(rp); !checked)
        return checked;
    if (auto checked = checkTimeout(timeoutMs); !checked)
        return checked;
    return checkDescriptors(descriptors);
}

// The start both ceremonies share (§5.4, §5.5): a fresh challenge; the transaction's RP ID,
// origins, user, user verification and expiry; the options' challenge and timeout. The caller
// adds the rest of its options.
template <typename Request, typename Start>
oidc::Status beginCeremony(const Request &request, const std::string &userHandle, UserVerification userVerification, Start &start)
{
    auto challenge = oidc::crypto::randomBytes(kChallengeBytes);
    if (!challenge)
        return challenge.error();
    CeremonyTransaction &transaction = start.transaction;
    transaction.challenge = std::move(challenge).value();
    transaction.rpId = request.relyingParty.id;
    transaction.origins = request.relyingParty.origins;
    transaction.userHandle = userHandle;
    transaction.userVerification = userVerification;
    transaction.expiresAtUnix = request.nowUnix + request.timeoutMs / 1000;
    start.publicKey = oidc::Json{{"challenge", oidc::crypto::base64UrlEncode(transaction.challenge)}, {"timeout", request.timeoutMs}};
    return {};
}

// Descope's "options": the JSON text of {"publicKey": publicKey} (descope-api.md §9).
std::string descopeOptions(const oidc::Json &publicKey)
{
    return oidc::Json{{"publicKey", publicKey}}.dump();
}

} // namespace

std::string_view userVerificationName(UserVerification requirement)
{
    switch (requirement) {
    case UserVerification::Required: return "required";
    case UserVerification::Preferred: return "preferred";
    case UserVerification::Discouraged: return "discouraged";
    }
    return "preferred";
}

std::optional<UserVerification> parseUserVerification(std::string_view name)
{
    if (name == "required")
        return UserVerification::Required;
    if (name == "preferred")
        return UserVerification::Preferred;
    if (name == "discouraged")
        return UserVerification::Discouraged;
    return std::nullopt;
}

oidc::Result<PasskeyOptions> parsePasskeyOptions(const oidc::Json &passkeyOptions)
{
    PasskeyOptions options;
    if (passkeyOptions.is_null())
        return options;
    if (!passkeyOptions.is_object())
        return passkeyError("passkeyOptions must be an object");
    const auto selection = passkeyOptions.find("authenticatorSelection");
    if (selection != passkeyOptions.end() && !selection->is_null()) {
        if (!selection->is_object())
            return passkeyError("passkeyOptions authenticatorSelection must be an object");
        auto attachment = enumMember(*selection, "authenticatorAttachment", {"platform", "crossplatform", "cross-platform", "any"});
        if (!attachment)
            return attachment.error();
        if (*attachment && **attachment != "any")
            options.authenticatorAttachment = **attachment == "platform" ? "platform" : "cross-platform";
        auto residentKey = enumMember(*selection, "residentKey", {"required", "preferred", "discouraged"});
        if (!residentKey)
            return residentKey.error();
        options.residentKey = *residentKey;
        // Level 1's boolean, kept for compatibility: true means residentKey "required".
        const auto require = selection->find("requireResidentKey");
        if (!options.residentKey && require != selection->end() && require->is_boolean() && require->get<bool>())
            options.residentKey = "required";
        auto uv = userVerificationMember(*selection, "userVerification");
        if (!uv)
            return uv.error();
        options.registrationUserVerification = *uv;
    }
    auto attestation = enumMember(passkeyOptions, "attestation", {"none", "indirect", "direct", "enterprise"});
    if (!attestation)
        return attestation.error();
    options.attestation = *attestation;
    auto uv = userVerificationMember(passkeyOptions, "userVerification");
    if (!uv)
        return uv.error();
    options.authenticationUserVerification = *uv;
    return options;
}

oidc::Json RegistrationTransaction::toJson() const
{
    oidc::Json algs = oidc::Json::array();
    for (const auto algorithm : algorithms)
        algs.push_back(static_cast<int64_t>(algorithm));
    oidc::Json json = ceremonyJson(*this);
    json["algorithms"] = std::move(algs);
    json["excludeCredentialIds"] = base64List(excludeCredentialIds);
    return json;
}

oidc::Result<RegistrationTransaction> RegistrationTransaction::fromJson(const oidc::Json &json)
{
    if (!json.is_object())
        return transactionError("a registration transaction is a JSON object");
    RegistrationTransaction transaction;
    if (auto read = readCeremony(json, false, transaction); !read)
        return read.error();
    auto excluded = storedList(json, "excludeCredentialIds", true);
    if (!excluded)
        return excluded.error();
    const auto algs = json.find("algorithms");
    if (algs == json.end() || !algs->is_array() || algs->empty() || algs->size() > 8)
        return transactionError("the transaction lacks \"algorithms\"");
    for (const auto &entry : *algs) {
        const auto algorithm = entry.is_number_integer() ? oidc::webauthn::coseAlgorithmFromInt(entry.get<int64_t>()) : std::nullopt;
        if (!algorithm)
            return transactionError("the transaction names an unsupported algorithm");
        transaction.algorithms.push_back(*algorithm);
    }
    transaction.excludeCredentialIds = std::move(excluded).value();
    return transaction;
}

oidc::Json AuthenticationTransaction::toJson() const
{
    oidc::Json json = ceremonyJson(*this);
    json["allowCredentialIds"] = base64List(allowCredentialIds);
    return json;
}

oidc::Result<AuthenticationTransaction> AuthenticationTransaction::fromJson(const oidc::Json &json)
{
    if (!json.is_object())
        return transactionError("an authentication transaction is a JSON object");
    AuthenticationTransaction transaction;
    if (auto read = readCeremony(json, true, transaction); !read)
        return read.error();
    auto allowed = storedList(json, "allowCredentialIds", true);
    if (!allowed)
        return allowed.error();
    transaction.allowCredentialIds = std::move(allowed).value();
    return transaction;
}

oidc::Result<RegistrationStart> startRegistration(const RegistrationOptionsRequest &request)
{
    if (auto checked = checkCeremony(request.relyingParty, request.timeoutMs, request.excludeCredentials); !checked)
        return checked.error();
    const auto &user = request.user;
    if (user.handle.empty() || user.handle.size() > kMaxUserHandleBytes)
        return optionsError("the user handle must be 1 to 64 bytes (§5.4.3)", "1…64", std::to_string(user.handle.size()));
    if (user.name.empty() || user.name.size() > kMaxTextBytes || user.displayName.size() > kMaxTextBytes)
        return optionsError("the user needs a name of at most 256 bytes");
    if (request.algorithms.empty() || request.algorithms.size() > 8)
        return optionsError("1 to 8 credential algorithms are needed");

    const PasskeyOptions &passkey = request.passkeyOptions;
    const UserVerification uv = passkey.registrationUserVerification.value_or(UserVerification::Preferred);
    const std::string residentKey = passkey.residentKey.value_or("preferred");
    RegistrationStart start;
    if (auto begun = beginCeremony(request, user.handle, uv, start); !begun)
        return begun.error();
    start.transaction.algorithms = request.algorithms;
    for (const auto &descriptor : request.excludeCredentials)
        start.transaction.excludeCredentialIds.push_back(descriptor.id);

    oidc::Json params = oidc::Json::array();
    for (const auto algorithm : request.algorithms)
        params.push_back({{"type", "public-key"}, {"alg", static_cast<int64_t>(algorithm)}});
    oidc::Json selection{{"residentKey", residentKey},
                         {"requireResidentKey", residentKey == "required"},
                         {"userVerification", userVerificationName(uv)}};
    if (passkey.authenticatorAttachment)
        selection["authenticatorAttachment"] = *passkey.authenticatorAttachment;
    oidc::Json &publicKey = start.publicKey;
    publicKey["rp"] = {{"id", request.relyingParty.id},
                       {"name", request.relyingParty.name.empty() ? request.relyingParty.id : request.relyingParty.name}};
    publicKey["user"] = {{"id", oidc::crypto::base64UrlEncode(user.handle)},
                         {"name", user.name},
                         {"displayName", user.displayName.empty() ? user.name : user.displayName}};
    publicKey["pubKeyCredParams"] = std::move(params);
    publicKey["authenticatorSelection"] = std::move(selection);
    publicKey["attestation"] = passkey.attestation.value_or("none");
    publicKey["excludeCredentials"] = descriptorsJson(request.excludeCredentials);
    start.options = descopeOptions(publicKey);
    return start;
}

oidc::Result<AuthenticationStart> startAuthentication(const AuthenticationOptionsRequest &request)
{
    if (auto checked = checkCeremony(request.relyingParty, request.timeoutMs, request.allowCredentials); !checked)
        return checked.error();
    if (request.userHandle.size() > kMaxUserHandleBytes)
        return optionsError("the user handle must be at most 64 bytes (§5.4.3)");

    const UserVerification uv = request.passkeyOptions.authenticationUserVerification.value_or(UserVerification::Preferred);
    AuthenticationStart start;
    if (auto begun = beginCeremony(request, request.userHandle, uv, start); !begun)
        return begun.error();
    for (const auto &descriptor : request.allowCredentials)
        start.transaction.allowCredentialIds.push_back(descriptor.id);

    oidc::Json &publicKey = start.publicKey;
    publicKey["rpId"] = request.relyingParty.id;
    publicKey["allowCredentials"] = descriptorsJson(request.allowCredentials);
    publicKey["userVerification"] = userVerificationName(uv);
    start.options = descopeOptions(publicKey);
    return start;
}

} // namespace sandbox::auth
