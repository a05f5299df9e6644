#pragma once

// The sandbox's in-memory state: users (from the fixtures, plus sign-ups), sessions, codes,
// pending logins, revoked token IDs and login history. Owned by SandboxServer and touched only
// on the server's thread.

#include "sandbox/Fixtures.h"
#include "sandbox/ProjectDirectory.h"
#include "sandbox/SsoRecords.h"
#include "sandbox/StateRecords.h"

#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sandbox {

class SandboxState final {
public:
    // Users from the fixtures (createdTime defaulting to `now`); everything else emptied.
    void reset(const Fixtures &fixtures, int64_t now);
    // Drops what has expired (codes, OTPs, links, browser sessions, ended sessions, revoked-jti
    // entries past their token's expiry). Returns how many records went.
    size_t purge(int64_t now);

    // Users. Login IDs match case-insensitively (they are emails and phone numbers).
    [[nodiscard]] const User *user(std::string_view userId) const;
    [[nodiscard]] User *user(std::string_view userId);
    [[nodiscard]] const User *userByLoginId(std::string_view loginId) const;
    User &addUser(User user);
    [[nodiscard]] const std::deque<User> &users() const { return m_users; }

    [[nodiscard]] Session *session(std::string_view id);
    Session &addSession(Session session);
    // Revokes one session, or every session of a subject; returns how many were live.
    int revokeSession(std::string_view id);
    int revokeSessionsOf(std::string_view subject, std::string_view exceptSessionId = {});
    [[nodiscard]] std::unordered_map<std::string, Session> &sessions() { return m_sessions; }

    [[nodiscard]] std::unordered_map<std::string, AuthorizationCode> &codes() { return m_codes; }
    [[nodiscard]] std::unordered_map<std::string, BrowserSession> &browserSessions() { return m_browserSessions; }
    // Keyed by otpKey(method, loginId).
    [[nodiscard]] std::unordered_map<std::string, OtpChallenge> &otps() { return m_otps; }
    [[nodiscard]] std::unordered_map<std::string, MagicLink> &magicLinks() { return m_magicLinks; } // by token
    [[nodiscard]] std::unordered_map<std::string, EnchantedLink> &enchantedLinks() { return m_enchantedLinks; } // by pendingRef
    [[nodiscard]] std::unordered_map<std::string, std::string> &enchantedTokens() { return m_enchantedTokens; } // token → pendingRef
    // Revoked JWT IDs of tokens that belong to no session (access-key and client_credentials
    // tokens) or were revoked one by one (RFC 7009), with the token's expiry.
    [[nodiscard]] std::unordered_map<std::string, int64_t> &revokedJtis() { return m_revokedJtis; }
    [[nodiscard]] std::vector<LoginHistoryEntry> &history() { return m_history; }

    // TOTP seeds by user ID; TOTP sign-ups waiting for their first verify by foldLoginId.
    [[nodiscard]] std::unordered_map<std::string, TotpRecord> &totp() { return m_totp; }
    [[nodiscard]] std::unordered_map<std::string, TotpSignUp> &totpSignUps() { return m_totpSignUps; }
    // Passkeys by raw credential ID; ceremonies by transactionId.
    [[nodiscard]] std::unordered_map<std::string, WebAuthnCredentialRecord> &webauthnCredentials() { return m_webauthnCredentials; }
    [[nodiscard]] std::unordered_map<std::string, WebAuthnTransaction> &webauthnTransactions() { return m_webauthnTransactions; }
    // Social logins by start id and by code.
    [[nodiscard]] std::unordered_map<std::string, OAuthStart> &oauthStarts() { return m_oauthStarts; }
    [[nodiscard]] std::unordered_map<std::string, OAuthGrant> &oauthGrants() { return m_oauthGrants; }
    // The social providers each user has signed in with, by user ID (ResponseUser's "OAuth").
    void addOAuthProvider(const std::string &userId, const std::string &provider);
    [[nodiscard]] std::map<std::string, bool> oauthProvidersOf(std::string_view userId) const;
    // Password hashes (PasswordHash's encoded form, never the password) by user ID.
    [[nodiscard]] std::unordered_map<std::string, std::string> &passwordHashes() { return m_passwordHashes; }
    [[nodiscard]] bool hasPassword(std::string_view userId) const;
    // ResponseUser's "TOTP" and "webauthn" flags.
    [[nodiscard]] bool hasTotp(std::string_view userId) const;
    [[nodiscard]] bool hasWebAuthn(std::string_view userId) const;

    // --- management API and tenant SSO (issue 15) -------------------------------------------
    // Tenants, roles, permissions, access keys and SSO settings, from the fixtures at reset.
    [[nodiscard]] ProjectDirectory &directory() { return m_directory; }
    [[nodiscard]] const ProjectDirectory &directory() const { return m_directory; }
    [[nodiscard]] std::deque<User> &mutableUsers() { return m_users; }
    // After login IDs changed through the management API: rebuilds the login-ID index.
    void reindexUsers();
    // Deletes a user (its sessions are revoked by the caller); false when there was none.
    bool removeUser(std::string_view userId);
    // SSO sign-ins waiting at the stand-in IdP page, by its id; codes it handed back, by code.
    [[nodiscard]] std::unordered_map<std::string, SsoLogin> &ssoLogins() { return m_ssoLogins; }
    [[nodiscard]] std::unordered_map<std::string, SsoCode> &ssoCodes() { return m_ssoCodes; }

    [[nodiscard]] static std::string foldLoginId(std::string_view loginId);
    [[nodiscard]] static std::string otpKey(std::string_view method, std::string_view loginId);

private:
    std::deque<User> m_users; // deque: references stay valid as sign-ups are added (not across removeUser)
    std::unordered_map<std::string, size_t> m_userIndex;
    std::unordered_map<std::string, size_t> m_loginIndex;
    std::unordered_map<std::string, Session> m_sessions;
    std::unordered_map<std::string, AuthorizationCode> m_codes;
    std::unordered_map<std::string, BrowserSession> m_browserSessions;
    std::unordered_map<std::string, OtpChallenge> m_otps;
    std::unordered_map<std::string, MagicLink> m_magicLinks;
    std::unordered_map<std::string, EnchantedLink> m_enchantedLinks;
    std::unordered_map<std::string, std::string> m_enchantedTokens;
    std::unordered_map<std::string, int64_t> m_revokedJtis;
    std::vector<LoginHistoryEntry> m_history;
    std::unordered_map<std::string, TotpRecord> m_totp;
    std::unordered_map<std::string, TotpSignUp> m_totpSignUps;
    std::unordered_map<std::string, WebAuthnCredentialRecord> m_webauthnCredentials;
    std::unordered_map<std::string, WebAuthnTransaction> m_webauthnTransactions;
    std::unordered_map<std::string, OAuthStart> m_oauthStarts;
    std::unordered_map<std::string, OAuthGrant> m_oauthGrants;
    std::unordered_map<std::string, std::set<std::string>> m_oauthProviders;
    std::unordered_map<std::string, std::string> m_passwordHashes;
    // issue 15: management API and tenant SSO
    ProjectDirectory m_directory;
    std::unordered_map<std::string, SsoLogin> m_ssoLogins;
    std::unordered_map<std::string, SsoCode> m_ssoCodes;
};

} // namespace sandbox
