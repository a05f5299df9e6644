#pragma once

// Sessions and the tokens that stand for them: creating and upgrading sessions (step-up, MFA),
// minting session / refresh JWTs with Descope's claims (descope-api.md §2.2), building the JWT
// response (§3) and ResponseUser (§3, §14.8), and validating the tokens clients send back.

#include "sandbox/Fixtures.h"
#include "sandbox/StateRecords.h"
#include "sandbox/TokenFaults.h"
#include "sandbox/TokenIssuer.h"

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace sandbox {

struct SandboxContext;

class SessionService final {
public:
    explicit SessionService(SandboxContext &context) : m_context(context) {}

    // --- authorization data ---------------------------------------------------------------
    [[nodiscard]] std::vector<std::string> permissionsOf(const std::vector<std::string> &roleNames) const;
    // {"<tenantId>": {"roles": […], "permissions": […]}}
    [[nodiscard]] oidc::Json tenantsClaim(const std::vector<TenantMembership> &tenants) const;
    // ResponseUser with every member Kotlin requires (descope-api.md §14.8).
    [[nodiscard]] oidc::Json responseUser(const User &user) const;
    // OIDC standard claims of a user for a scope (OIDC Core §5.4), plus roles, permissions and
    // tenants, which Descope adds.
    [[nodiscard]] oidc::Json userClaims(const User &user, std::string_view scope) const;

    // --- sessions --------------------------------------------------------------------------
    // A fresh user session: amr = {method}, dct = options.tenantId (if a member) or the user's
    // only tenant, nsec = options.customClaims.
    Session &createUserSession(const User &user, const std::string &amrMethod, const LoginOptions &options,
                               const std::string &clientId = {}, const std::string &scope = {});
    // Step-up / MFA on an existing session: adds the method to amr ("mfa" once ≥ 2 distinct
    // methods), sets su on step-up, renews auth_time.
    void upgradeSession(Session &session, const std::string &amrMethod, const LoginOptions &options);

    // --- minting ---------------------------------------------------------------------------
    // Session JWT (drn "DS"). `extra` claims are merged at the top level (azp, scope…).
    [[nodiscard]] oidc::Result<TokenIssuer::Minted> mintSessionJwt(const Session &session, const TokenFaults &faults = {},
                                                                   const oidc::Json &extra = {});
    // A session JWT that belongs to no session (access-key exchange, client_credentials): no
    // sid, no refresh JWT; revocable one by one through its jti.
    [[nodiscard]] oidc::Result<TokenIssuer::Minted> mintStandaloneJwt(const std::string &subject, const std::vector<std::string> &roleNames,
                                                                      const std::vector<TenantMembership> &tenants,
                                                                      const oidc::Json &topLevelClaims, const oidc::Json &nsec,
                                                                      const std::string &currentTenant, const TokenFaults &faults = {});
    // Refresh JWT (drn "DSR"); the session's previous refresh JWT stops working (rotation).
    [[nodiscard]] oidc::Result<TokenIssuer::Minted> mintRefreshJwt(Session &session);
    // Both, as the JWT response body (§3). `faults` go to the session JWT.
    [[nodiscard]] oidc::Result<oidc::Json> issueJwtResponse(Session &session, bool firstSeen, const TokenFaults &faults = {});
    [[nodiscard]] oidc::Json jwtResponse(const Session &session, const TokenIssuer::Minted &sessionJwt,
                                         const TokenIssuer::Minted *refreshJwt, bool firstSeen) const;

    // --- validation of tokens sent back -----------------------------------------------------
    struct Validated final {
        oidc::Json claims;
        Session *session = nullptr; // the live session the token belongs to (null for standalone tokens)
        std::string jti;
        int64_t expiresAt = 0;
    };
    // Errors (category SANDBOX): TOKEN_MALFORMED, TOKEN_SIGNATURE, TOKEN_EXPIRED, TOKEN_ISSUER,
    // TOKEN_TYPE (wrong drn), TOKEN_REVOKED, TOKEN_REUSED (a rotated-out refresh JWT: the
    // session is revoked too), TOKEN_UNKNOWN_SESSION.
    [[nodiscard]] oidc::Result<Validated> validateRefreshJwt(std::string_view token);
    [[nodiscard]] oidc::Result<Validated> validateSessionJwt(std::string_view token);

    void recordLogin(const Session &session, const std::string &peer);

private:
    [[nodiscard]] oidc::Result<Validated> validate(std::string_view token, std::string_view drn);

    SandboxContext &m_context;
};

} // namespace sandbox
