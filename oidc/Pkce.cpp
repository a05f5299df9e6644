#include "Pkce.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"
#include "oidc/crypto/Random.h"

namespace oidc {

std::string_view pkceMethodName(PkceMethod method)
{
    return method == PkceMethod::S256 ? "S256" : "plain";
}

Status validateCodeVerifier(std::string_view verifier)
{
    if (verifier.size() < kMinVerifierLength || verifier.size() > kMaxVerifierLength)
        return makeError(ErrorCategory::Input, "PKCE_VERIFIER", "code_verifier must be 43 to 128 characters long (RFC 7636 §4.1)",
                         "43–128", std::to_string(verifier.size()));
    for (size_t i = 0; i < verifier.size(); ++i) {
        const char c = verifier[i];
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
            || c == '_' || c == '~';
        if (!unreserved)
            return makeError(ErrorCategory::Input, "PKCE_VERIFIER",
                             "code_verifier may only contain A–Z, a–z, 0–9, '-', '.', '_' and '~' (RFC 7636 §4.1); offset "
                                 + std::to_string(i) + " is not one of them");
    }
    return {};
}

Result<std::string> pkceChallenge(std::string_view verifier, PkceMethod method)
{
    if (auto valid = validateCodeVerifier(verifier); !valid)
        return valid.error();
    if (method == PkceMethod::Plain)
        return std::string(verifier);
    return crypto::base64UrlEncode(crypto::sha256(verifier));
}

Result<PkceParameters> generatePkce(PkceMethod method, int length)
{
    if (length < kMinVerifierLength || length > kMaxVerifierLength)
        return makeError(ErrorCategory::Input, "PKCE_LENGTH", "the code_verifier length must be 43 to 128", "43–128",
                         std::to_string(length));
    // base64url characters are all unreserved, and each carries 6 random bits: truncating the
    // encoding of ⌈length·6/8⌉ random bytes keeps every character uniformly random.
    const size_t bytes = (static_cast<size_t>(length) * 6 + 7) / 8;
    auto random = crypto::randomBytes(bytes);
    if (!random)
        return random.error();
    PkceParameters pkce;
    pkce.method = method;
    pkce.codeVerifier = crypto::base64UrlEncode(*random).substr(0, static_cast<size_t>(length));
    auto challenge = pkceChallenge(pkce.codeVerifier, method);
    if (!challenge)
        return challenge.error();
    pkce.codeChallenge = std::move(challenge).value();
    return pkce;
}

Result<std::string> generateState()
{
    return crypto::randomToken(32);
}

Result<std::string> generateNonce()
{
    return crypto::randomToken(32);
}

} // namespace oidc
