#pragma once

// Plain records of the sandbox's in-memory state (see SandboxState).

#include "oidc/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sandbox {

enum class SubjectKind { User, AccessKey, Client };

// A Descope session: what a refresh JWT stands for. Session JWTs and OIDC access tokens carry
// its id in "sid", so revoking the session revokes every token minted from it.
struct Session final {
    std::string id;
    SubjectKind kind = SubjectKind::User;
    std::string subject;                 // user ID
    std::vector<std::string> amr;        // methods used, in order; "mfa" added when ≥ 2 distinct
    bool stepUp = false;                 // "su" on the session JWT
    std::string currentTenant;           // "dct"
    oidc::Json nsec;                     // client-requested custom claims (null when none)
    int64_t authTime = 0;                // last authentication (OIDC auth_time)
    int64_t createdAt = 0;
    int64_t refreshExpiresAt = 0;
    std::string refreshJti;              // the only refresh JWT that is valid (rotation)
    std::vector<std::string> retiredRefreshJtis; // rotated out: a replay revokes the session (RFC 9700 §4.14.2)
    std::string clientId;                // OIDC client the session was issued to ("" for the Descope API)
    std::string scope;                   // OIDC scope granted
    bool revoked = false;
};

// Login options (descope-api.md §11) carried from a sign-in start to its verification.
struct LoginOptions final {
    bool stepup = false;
    bool mfa = false;
    oidc::Json customClaims;             // → "nsec"
    std::string tenantId;
    bool revokeOtherSessions = false;
};

// A sign-in or sign-up in progress (OTP, magic link, enchanted link).
struct PendingLogin final {
    std::string loginId;
    std::string method;                  // delivery method: email, sms, voice, whatsapp
    std::string userId;                  // existing user; empty for a sign-up not yet created
    oidc::Json signUpUser;               // the "user" object of a sign-up (may be null)
    bool signUp = false;
    LoginOptions options;
    std::string upgradeSessionId;        // step-up / MFA: the session the refresh JWT named
    std::string deliveredTo;             // email address or phone number
};

struct OtpChallenge final {
    PendingLogin login;
    std::string code;                    // 6 digits
    int failedAttempts = 0;
    int64_t expiresAt = 0;
};

struct MagicLink final {
    PendingLogin login;
    std::string token;
    int64_t expiresAt = 0;
    bool used = false;
};

struct EnchantedLink final {
    PendingLogin login;
    std::string pendingRef;
    std::string linkId;                  // the 2-digit number shown to the user
    std::string rightToken;              // the token of the link whose number is linkId
    std::vector<std::string> tokens;     // all three
    std::vector<std::string> numbers;    // the number printed next to each token's link
    bool verified = false;
    bool consumed = false;               // the poller got its JWT response
    int64_t expiresAt = 0;
};

struct AuthorizationCode final {
    std::string code;
    std::string clientId;
    std::string redirectUri;
    std::string userId;
    std::string scope;
    std::string nonce;
    std::string codeChallenge;
    std::string codeChallengeMethod;     // "S256" / "plain"; empty without PKCE
    std::string tenant;
    std::vector<std::string> amr;
    int64_t authTime = 0;
    int64_t expiresAt = 0;
    bool used = false;
    std::string issuedSessionId;         // revoked when the code is replayed (RFC 6749 §4.1.2)
};

// The hosted login page's own session (its cookie), used by prompt=none and max_age.
struct BrowserSession final {
    std::string id;
    std::string userId;
    std::vector<std::string> amr;
    int64_t authTime = 0;
    int64_t expiresAt = 0;
};

// TOTP (descope-api.md §8). The secret is raw key bytes (SECRET: never logged or shown) and the
// last accepted time step (sandbox::auth::TotpReplayState) that refuses a replayed code.
struct TotpSeed final {
    std::string secret;
    std::optional<int64_t> lastAcceptedStep;
};

// Per user: the seed in use and, after /v1/auth/totp/update, the new one that replaces it once a
// verify succeeds with it.
struct TotpRecord final {
    std::optional<TotpSeed> active;
    std::optional<TotpSeed> pending;
};

// /v1/auth/totp/signup for a login ID that has no user yet: the user is created by the first
// successful verify.
struct TotpSignUp final {
    PendingLogin login;
    TotpSeed seed;
    int64_t expiresAt = 0;
};

// A registered passkey: sandbox::auth::WebAuthnCredential in its toJson() form (the state does
// not depend on the engine's headers), keyed by the raw credential ID.
struct WebAuthnCredentialRecord final {
    std::string userId;
    oidc::Json credential;
    int64_t createdAt = 0;
};

// A WebAuthn ceremony between start and finish, keyed by its transactionId. `transaction` is a
// sandbox::auth::RegistrationTransaction or AuthenticationTransaction in toJson() form.
struct WebAuthnTransaction final {
    enum class Kind { SignUp, SignIn, Update };
    Kind kind = Kind::SignUp;
    PendingLogin login;                  // loginId empty for a discoverable sign-in
    oidc::Json transaction;
    bool mfa = false;                    // update/start with "mfa": finish answers {"jwt": …}
    std::string sessionId;               // update: the session the refresh JWT named
    int64_t expiresAt = 0;
};

// A social login (/v1/auth/oauth/authorize) waiting for the stand-in provider page's answer,
// keyed by its id (the page's "s" parameter).
struct OAuthStart final {
    std::string id;
    std::string provider;                // "google", "github"…
    std::string redirectUrl;             // where the page sends the browser back
    std::string operation;               // "signup-in" (authorize), "signin", "signup", "update"
    LoginOptions options;
    std::string upgradeSessionId;        // step-up / MFA / update: the session the refresh JWT named
    std::string updateUserId;            // update: the user the provider is added to
    int64_t expiresAt = 0;
};

// The code the stand-in page redirected back with, for /v1/auth/oauth/exchange: single use,
// short-lived (the fixtures' codeSeconds).
struct OAuthGrant final {
    OAuthStart start;
    std::string email;                   // the identity chosen or typed on the page
    std::string name;
    int64_t expiresAt = 0;
    bool used = false;
};

struct LoginHistoryEntry final {
    std::string userId;
    int64_t loginTime = 0;
    std::string ip;
    std::string selectedTenant;
};

} // namespace sandbox
