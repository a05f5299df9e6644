#pragma once

// Social login (OAuth; the Node SDK's oauth.start / oauth.exchange, descope-openapi-auth.yml
// /v1/auth/oauth/*): start answers the URL of the provider's sign-in page; the person signs in
// there and the browser lands on the redirect URL with "code" (or the provider's "error");
// exchange turns the code — once — into the JWT response (processJwtResponse).

#include "oidc/descope/LoginOptions.h"

#include <span>
#include <string>
#include <string_view>

namespace oidc::descope {

// authorize (sign up or in), its /signin and /signup variants, and /update, which adds the
// provider to the signed-in user (its refresh JWT in the bearer).
enum class OAuthOperation { SignUpOrIn, SignIn, SignUp, Update };

struct OAuthStart final {
    std::string provider;      // query "provider": "google", "github"…
    std::string redirectUrl;   // query "redirectURL" (core-js's spelling); empty = the project's setting
    OAuthOperation operation = OAuthOperation::SignUpOrIn;
    LoginOptions loginOptions; // the body itself (core-js); stepup / mfa carry the refresh JWT
    std::string refreshJwt;    // Update: the signed-in user's refresh JWT
};

// The providers core-js names (OAuthProviders): google, github, apple, microsoft, facebook,
// gitlab, discord, linkedin, slack. Descope accepts custom provider names as well.
[[nodiscard]] std::span<const std::string_view> oauthProviders();

// POST v1/auth/oauth/authorize[/signin|/signup|/update]?provider=…&redirectURL=… with the login
// options as the body ({} when none). Errors (INPUT): DESCOPE_PROVIDER_MISSING, DESCOPE_PROVIDER
// (not a name of lowercase letters, digits, '-' and '_'), DESCOPE_REDIRECT_URL,
// DESCOPE_REFRESH_JWT_REQUIRED (Update without one), those of loginOptionsJson.
[[nodiscard]] Result<net::HttpRequest> buildOAuthStartRequest(const DescopeProject &project, const OAuthStart &start);

struct OAuthStarted final {
    std::string url; // where the browser goes: the provider's page
};

// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING, DESCOPE_FIELD_TYPE, DESCOPE_OAUTH_URL
// (not an absolute http(s) URL).
[[nodiscard]] Result<OAuthStarted> processOAuthStartResponse(const net::HttpResponse &response);

// The code of the redirect the browser landed on (the whole URL, or just its query). Errors
// (INPUT): DESCOPE_OAUTH_DENIED (an "error" parameter, e.g. access_denied when the person
// cancelled; the description is kept as plain text in `actual`), DESCOPE_CODE_MISSING.
[[nodiscard]] Result<std::string> oauthCodeFromRedirect(std::string_view url);

// POST v1/auth/oauth/exchange {"code"}. Error (INPUT): DESCOPE_CODE_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildOAuthExchangeRequest(const DescopeProject &project, const std::string &code);

} // namespace oidc::descope
