// oidc::flow::processTokenResponse (RFC 6749 §5.1–5.2) and oauthErrorText: whatever the token
// endpoint answers becomes tokens or a TOKEN error.

#include "FuzzSupport.h"

#include "oidc/flow/TokenEndpoint.h"

#include <array>

using namespace oidc;

namespace {

constexpr std::array kStatuses = {200, 200, 200, 201, 302, 400, 401, 500};
constexpr qint64 kNow = 1'700'000'000;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const net::HttpResponse response = fuzz::httpResponse(data, size, kStatuses);
    const auto tokens = flow::processTokenResponse(response, kNow);
    if (tokens) {
        fuzz::require(response.isSuccess(), "only a 2xx gives tokens");
        fuzz::require(!tokens->accessToken.isEmpty() && !tokens->tokenType.isEmpty(), "tokens have an access token and a type");
        fuzz::require(!tokens->expiresIn || *tokens->expiresIn >= 0, "expires_in is not negative");
        fuzz::require(tokens->receivedAt == kNow, "receivedAt is the given time");
    } else {
        fuzz::require(tokens.error().category == ErrorCategory::Token, "a refused response is a TOKEN error");
    }
    (void)flow::oauthErrorText(response);
    return 0;
}
