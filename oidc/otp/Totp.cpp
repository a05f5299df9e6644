#include "Totp.h"

#include "oidc/crypto/Base32.h"
#include "oidc/crypto/OpenSsl.h"

#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

namespace oidc::otp {

namespace {

constexpr size_t kMaxSecretBytes = 128;

oidc::Error inputError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return oidc::makeError(oidc::ErrorCategory::Input, std::move(code), std::move(message), std::move(expected),
                           std::move(actual));
}

const EVP_MD *hmacDigest(OtpAlgorithm algorithm)
{
    switch (algorithm) {
    case OtpAlgorithm::Sha1: return EVP_sha1();
    case OtpAlgorithm::Sha256: return oidc::crypto::sha256();
    case OtpAlgorithm::Sha512: return oidc::crypto::sha512();
    }
    return nullptr;
}

constexpr std::array<uint32_t, 9> kPowersOfTen{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

} // namespace

std::string_view otpAlgorithmName(OtpAlgorithm algorithm)
{
    switch (algorithm) {
    case OtpAlgorithm::Sha1: return "SHA1";
    case OtpAlgorithm::Sha256: return "SHA256";
    case OtpAlgorithm::Sha512: return "SHA512";
    }
    return "SHA1";
}

oidc::Status checkTotpParameters(const TotpParameters &parameters)
{
    if (parameters.digits < 6 || parameters.digits > 8)
        return inputError("TOTP_PARAMETERS", "TOTP codes have 6 to 8 digits", "6…8", std::to_string(parameters.digits));
    if (parameters.periodSeconds < 1 || parameters.periodSeconds > 300)
        return inputError("TOTP_PARAMETERS", "the TOTP period must be 1 to 300 seconds", "1…300",
                          std::to_string(parameters.periodSeconds));
    if (parameters.window < 0 || parameters.window > 10)
        return inputError("TOTP_PARAMETERS", "the TOTP window must be 0 to 10 steps", "0…10",
                          std::to_string(parameters.window));
    return {};
}

oidc::Result<std::string> hotp(std::string_view secret, uint64_t counter, OtpAlgorithm algorithm, int digits)
{
    if (secret.empty() || secret.size() > kMaxSecretBytes)
        return inputError("TOTP_SECRET", "the OTP secret must be 1 to 128 bytes", "1…128 bytes",
                          std::to_string(secret.size()) + " bytes");
    if (digits < 6 || digits > 8)
        return inputError("TOTP_PARAMETERS", "OTP codes have 6 to 8 digits", "6…8", std::to_string(digits));

    // RFC 4226 §5.2: the counter is an 8-byte big-endian value.
    std::array<unsigned char, 8> message{};
    for (size_t i = 0; i < message.size(); ++i)
        message[7 - i] = static_cast<unsigned char>(counter >> (8 * i));

    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int macLength = 0;
    oidc::crypto::OpenSslErrorGuard guard;
    if (!HMAC(hmacDigest(algorithm), secret.data(), static_cast<int>(secret.size()), message.data(), message.size(),
              mac.data(), &macLength)
        || macLength < 20)
        return oidc::makeError(oidc::ErrorCategory::Crypto, "OPENSSL", "HMAC failed: " + guard.text());

    // RFC 4226 §5.3 dynamic truncation: the low 4 bits of the last byte pick the offset.
    const unsigned offset = mac[macLength - 1] & 0x0Fu;
    const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7Fu) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16)
        | (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
    const uint32_t value = binary % kPowersOfTen[static_cast<size_t>(digits)];

    std::string code = std::to_string(value);
    code.insert(0, static_cast<size_t>(digits) - code.size(), '0');
    return code;
}

oidc::Result<int64_t> totpTimeStep(int64_t unixSeconds, const TotpParameters &parameters)
{
    if (auto checked = checkTotpParameters(parameters); !checked)
        return checked.error();
    if (unixSeconds < parameters.t0)
        return inputError("TOTP_CLOCK", "the time is before the TOTP epoch T0");
    return (unixSeconds - parameters.t0) / parameters.periodSeconds;
}

oidc::Result<std::string> totp(std::string_view secret, int64_t unixSeconds, const TotpParameters &parameters)
{
    auto step = totpTimeStep(unixSeconds, parameters);
    if (!step)
        return step.error();
    return hotp(secret, static_cast<uint64_t>(*step), parameters.algorithm, parameters.digits);
}

oidc::Result<TotpStep> totpStepAt(int64_t unixSeconds, const TotpParameters &parameters)
{
    auto step = totpTimeStep(unixSeconds, parameters);
    if (!step)
        return step.error();
    const int64_t startsAt = parameters.t0 + *step * parameters.periodSeconds;
    return TotpStep{*step, startsAt, startsAt + parameters.periodSeconds};
}

oidc::Result<std::string> secretFromKey(std::string_view key)
{
    std::string compact;
    for (const char c : key) {
        if (c != '-' && !std::isspace(static_cast<unsigned char>(c)))
            compact.push_back(c);
    }
    if (compact.empty())
        return inputError("TOTP_SECRET", "no key given: paste the base32 key of the enrolment");
    auto secret = oidc::crypto::base32Decode(compact);
    if (!secret)
        return secret.error();
    if (secret->empty() || secret->size() > kMaxSecretBytes)
        return inputError("TOTP_SECRET", "the OTP secret must be 1 to 128 bytes", "1…128 bytes",
                          std::to_string(secret->size()) + " bytes");
    return secret;
}

oidc::Result<TotpMatch> verifyTotp(std::string_view secret, std::string_view code, int64_t unixSeconds,
                                   TotpReplayState &state, const TotpParameters &parameters)
{
    auto current = totpTimeStep(unixSeconds, parameters);
    if (!current)
        return current.error();
    if (code.size() != static_cast<size_t>(parameters.digits)
        || code.find_first_not_of("0123456789") != std::string_view::npos)
        return inputError("TOTP_CODE_FORMAT", "the code must be " + std::to_string(parameters.digits) + " digits",
                          std::to_string(parameters.digits) + " digits", std::to_string(code.size()) + " characters");

    // Every step of the window is computed and compared, so the time taken does not depend on
    // which step (if any) matched.
    std::optional<int64_t> fresh;    // a matching step after the last accepted one
    std::optional<int64_t> replayed; // a matching step at or before it
    for (int offset = -parameters.window; offset <= parameters.window; ++offset) {
        const int64_t step = *current + offset;
        if (step < 0)
            continue;
        auto expected = hotp(secret, static_cast<uint64_t>(step), parameters.algorithm, parameters.digits);
        if (!expected)
            return expected.error();
        if (CRYPTO_memcmp(expected->data(), code.data(), code.size()) != 0)
            continue;
        if (state.lastAcceptedStep && step <= *state.lastAcceptedStep)
            replayed = step;
        else if (!fresh)
            fresh = step;
    }
    if (fresh) {
        state.lastAcceptedStep = *fresh;
        return TotpMatch{*fresh, static_cast<int>(*fresh - *current)};
    }
    if (replayed)
        return inputError("TOTP_REPLAY", "this code was already used (RFC 6238 §5.2: a code is accepted once)");
    return inputError("TOTP_CODE_INVALID", "the code does not match");
}

} // namespace oidc::otp
