#include "AuthenticatorData.h"

#include "Cbor.h"

namespace oidc::webauthn {

namespace {

constexpr size_t kFixedBytes = 37;              // rpIdHash + flags + signCount

oidc::Error authDataError(std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Input, "WEBAUTHN_AUTHDATA", std::move(message));
}

void appendU16(std::string &out, uint16_t value)
{
    out.push_back(static_cast<char>(value >> 8));
    out.push_back(static_cast<char>(value));
}

void appendU32(std::string &out, uint32_t value)
{
    out.push_back(static_cast<char>(value >> 24));
    out.push_back(static_cast<char>(value >> 16));
    out.push_back(static_cast<char>(value >> 8));
    out.push_back(static_cast<char>(value));
}

uint32_t readU32(std::string_view bytes, size_t at)
{
    uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

} // namespace

oidc::Result<AuthenticatorData> parseAuthenticatorData(std::string_view bytes)
{
    if (bytes.size() < kFixedBytes)
        return authDataError("authenticator data is " + std::to_string(bytes.size()) + " bytes; at least 37 are needed");
    if (bytes.size() > kMaxAuthenticatorDataBytes)
        return authDataError("authenticator data is larger than 16 KiB");
    AuthenticatorData data;
    data.rpIdHash = std::string(bytes.substr(0, 32));
    data.flags = static_cast<uint8_t>(bytes[32]);
    data.signCount = readU32(bytes, 33);
    size_t pos = kFixedBytes;

    if ((data.flags & kFlagAttestedCredentialData) != 0) {
        // §6.5.2: aaguid (16) ‖ credentialIdLength (2, big-endian) ‖ credentialId ‖ credentialPublicKey
        if (bytes.size() - pos < 18)
            return authDataError("authenticator data ends inside the attested credential data");
        AttestedCredentialData attested;
        attested.aaguid = std::string(bytes.substr(pos, 16));
        pos += 16;
        const size_t idLength = (static_cast<size_t>(static_cast<unsigned char>(bytes[pos])) << 8)
            | static_cast<unsigned char>(bytes[pos + 1]);
        pos += 2;
        if (idLength == 0 || idLength > kMaxCredentialIdBytes)
            return authDataError("the credential ID length " + std::to_string(idLength) + " is outside 1…1023");
        if (bytes.size() - pos < idLength)
            return authDataError("authenticator data ends inside the credential ID");
        attested.credentialId = std::string(bytes.substr(pos, idLength));
        pos += idLength;
        CborLimits limits;
        limits.maxBytes = kMaxAuthenticatorDataBytes;
        limits.maxDepth = 2;
        limits.maxItems = 64;
        auto key = CborDocument::decode(bytes.substr(pos), true, limits);
        if (!key)
            return key.error();
        attested.publicKeyCose = std::string(bytes.substr(pos, key->consumed()));
        pos += key->consumed();
        data.attestedCredential = std::move(attested);
    }
    if ((data.flags & kFlagExtensionData) != 0) {
        if (pos == bytes.size())
            return authDataError("the ED flag is set but there are no extensions");
        CborLimits limits;
        limits.maxBytes = kMaxAuthenticatorDataBytes;
        auto extensions = CborDocument::decode(bytes.substr(pos), true, limits);
        if (!extensions)
            return extensions.error();
        if (!cbor_isa_map(extensions->root()))
            return authDataError("the authenticator extensions are not a CBOR map");
        data.extensions = std::string(bytes.substr(pos, extensions->consumed()));
        pos += extensions->consumed();
    }
    if (pos != bytes.size())
        return authDataError(std::to_string(bytes.size() - pos) + " unexpected bytes at the end of the authenticator data");
    return data;
}

std::string encodeAuthenticatorData(const AuthenticatorData &data)
{
    std::string out = data.rpIdHash;
    uint8_t flags = data.flags & static_cast<uint8_t>(~(kFlagAttestedCredentialData | kFlagExtensionData));
    if (data.attestedCredential)
        flags |= kFlagAttestedCredentialData;
    if (!data.extensions.empty())
        flags |= kFlagExtensionData;
    out.push_back(static_cast<char>(flags));
    appendU32(out, data.signCount);
    if (data.attestedCredential) {
        out += data.attestedCredential->aaguid;
        appendU16(out, static_cast<uint16_t>(data.attestedCredential->credentialId.size()));
        out += data.attestedCredential->credentialId;
        out += data.attestedCredential->publicKeyCose;
    }
    out += data.extensions;
    return out;
}

} // namespace oidc::webauthn
