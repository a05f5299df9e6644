#pragma once

// HOTP (RFC 4226) and TOTP (RFC 6238): the client computes a code from a base32 secret
// (`oidcplay-cli descope totp verify --secret`), the sandbox's /v1/auth/totp/* routes verify one.
// Pure: the caller passes the time and owns the per-user state; nothing here touches a clock or a
// network. The secret is raw bytes (oidc::crypto::base32Decode turns an otpauth "secret" into them).

#include "oidc/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oidc::otp {

// The HMAC hash (otpauth "algorithm"; RFC 6238 §1.2 allows SHA-256 and SHA-512 besides SHA-1).
enum class OtpAlgorithm { Sha1, Sha256, Sha512 };

// "SHA1", "SHA256", "SHA512": the spelling of the otpauth:// "algorithm" parameter.
[[nodiscard]] std::string_view otpAlgorithmName(OtpAlgorithm algorithm);

struct TotpParameters final {
    OtpAlgorithm algorithm = OtpAlgorithm::Sha1; // "algorithm"
    int digits = 6;          // "digits": 6, 7 or 8 (RFC 4226 §5.3 Digit, R4: at least 6)
    int periodSeconds = 30;  // "period": RFC 6238 §4.1 X, 1…300
    int64_t t0 = 0;          // RFC 6238 §4.1 T0, Unix seconds
    int window = 1;          // time steps accepted either side of now, 0…10 (RFC 6238 §5.2)
};

// Checks the ranges above. Error: TOTP_PARAMETERS (INPUT).
[[nodiscard]] oidc::Status checkTotpParameters(const TotpParameters &parameters);

// RFC 4226 §5.3: HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^digits, left-padded with zeros.
// `secret` is the raw key (not base32). Errors: TOTP_SECRET (empty or over 128 bytes),
// TOTP_PARAMETERS (digits not 6…8), OPENSSL (CRYPTO).
[[nodiscard]] oidc::Result<std::string> hotp(std::string_view secret, uint64_t counter,
                                             OtpAlgorithm algorithm = OtpAlgorithm::Sha1, int digits = 6);

// RFC 6238 §4.2: T = floor((unixSeconds − T0) / X). Error: TOTP_CLOCK (time before T0).
[[nodiscard]] oidc::Result<int64_t> totpTimeStep(int64_t unixSeconds, const TotpParameters &parameters = {});

// The code for the time step that contains `unixSeconds`.
[[nodiscard]] oidc::Result<std::string> totp(std::string_view secret, int64_t unixSeconds,
                                             const TotpParameters &parameters = {});

// The time step that contains `unixSeconds` and the seconds it spans (RFC 6238 §4.2): totp() gives
// the same code from `startsAt` until just before `endsAt`, the countdown an authenticator app shows.
struct TotpStep final {
    int64_t step = 0;     // T
    int64_t startsAt = 0; // T0 + T·X, Unix seconds
    int64_t endsAt = 0;   // T0 + (T+1)·X: the next code's start
};
// Errors: TOTP_PARAMETERS, TOTP_CLOCK.
[[nodiscard]] oidc::Result<TotpStep> totpStepAt(int64_t unixSeconds, const TotpParameters &parameters = {});

// The raw secret of a key as a person copies it from an enrolment (Descope's "key", an otpauth://
// "secret", RFC 4648 §6 base32): any case, optional '=' padding, and the spaces and dashes apps
// group it with ("JBSW Y3DP …") ignored. Errors: BASE32_INVALID (INPUT), TOTP_SECRET (empty, or
// over 128 bytes as hotp() refuses).
[[nodiscard]] oidc::Result<std::string> secretFromKey(std::string_view key);

// Per-secret state the caller stores next to the secret and passes to every verifyTotp call
// (RFC 6238 §5.2: a verifier MUST NOT accept the second attempt of an OTP after a successful
// validation). A fresh secret starts with a default-constructed state.
struct TotpReplayState final {
    std::optional<int64_t> lastAcceptedStep; // the time step of the last code accepted
};

struct TotpMatch final {
    int64_t step = 0;  // the time step whose code matched (now stored in the replay state)
    int offset = 0;    // step − current step: −window…+window (clock drift of the device)
};

// Accepts `code` when it equals the code of a time step within ±window of `unixSeconds` that is
// later than state.lastAcceptedStep; on success records that step in `state` (on failure the
// state is unchanged). Codes are compared in constant time.
// Errors (INPUT unless noted): TOTP_CODE_FORMAT (not exactly `digits` ASCII digits),
// TOTP_CODE_INVALID (no step in the window matches), TOTP_REPLAY (the code matches a step at or
// before the last accepted one: already used, or older than a code already used),
// TOTP_SECRET, TOTP_PARAMETERS, TOTP_CLOCK, OPENSSL (CRYPTO).
[[nodiscard]] oidc::Result<TotpMatch> verifyTotp(std::string_view secret, std::string_view code, int64_t unixSeconds,
                                                 TotpReplayState &state, const TotpParameters &parameters = {});

} // namespace oidc::otp
