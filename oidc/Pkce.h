#pragma once

// Proof Key for Code Exchange (RFC 7636) and the request's other random values.

#include "oidc/Result.h"

#include <string>
#include <string_view>

namespace oidc {

enum class PkceMethod {
    S256,  // code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), RFC 7636 §4.2
    Plain, // code_challenge = code_verifier — an insecure option, shown as a warning
};

[[nodiscard]] std::string_view pkceMethodName(PkceMethod method); // "S256" / "plain"

struct PkceParameters final {
    std::string codeVerifier;  // "code_verifier", RFC 7636 §4.1: 43–128 unreserved characters
    std::string codeChallenge; // "code_challenge", RFC 7636 §4.2
    PkceMethod method = PkceMethod::S256; // "code_challenge_method", RFC 7636 §4.3
};

constexpr int kMinVerifierLength = 43;
constexpr int kMaxVerifierLength = 128;
constexpr int kDefaultVerifierLength = 43; // base64url of 32 random bytes (RFC 7636 §4.1)

// A fresh verifier of `length` characters from OpenSSL's CSPRNG: the first `length` characters of
// BASE64URL(⌈length·6/8⌉ random bytes), so every character carries 6 random bits (the default 43
// characters hold 258 bits, at least the 256 of RFC 7636 §4.1's 32-octet example). Error PKCE_LENGTH.
[[nodiscard]] Result<PkceParameters> generatePkce(PkceMethod method = PkceMethod::S256, int length = kDefaultVerifierLength);

// The challenge for a given verifier. Error PKCE_VERIFIER when the verifier breaks RFC 7636 §4.1.
[[nodiscard]] Result<std::string> pkceChallenge(std::string_view verifier, PkceMethod method);

// RFC 7636 §4.1: 43–128 characters from [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
[[nodiscard]] Status validateCodeVerifier(std::string_view verifier);

// "state" (RFC 6749 §4.1.1) and "nonce" (OIDC Core §3.1.2.1): 32 random bytes, base64url.
[[nodiscard]] Result<std::string> generateState();
[[nodiscard]] Result<std::string> generateNonce();

} // namespace oidc
