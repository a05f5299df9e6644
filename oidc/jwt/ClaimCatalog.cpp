#include "ClaimCatalog.h"

namespace oidc::jwt {

namespace {

constexpr ClaimInfo kClaims[] = {
    // RFC 7519 §4.1 registered claims
    {"iss", "Issuer", "Who issued the token. For an ID token it must equal the provider's issuer exactly.", "RFC 7519 §4.1.1; OIDC Core §2", ClaimKind::Text},
    {"sub", "Subject", "The user (or, for Descope access keys, the key) the token is about; unique within the issuer.", "RFC 7519 §4.1.2; OIDC Core §2", ClaimKind::Text},
    {"aud", "Audience", "Who the token is meant for: a string or an array. An ID token's aud must contain the client_id.", "RFC 7519 §4.1.3; OIDC Core §2", ClaimKind::Other},
    {"exp", "Expiration time", "After this moment the token must not be accepted (a small clock-skew leeway is usual).", "RFC 7519 §4.1.4", ClaimKind::Time},
    {"nbf", "Not before", "Before this moment the token must not be accepted.", "RFC 7519 §4.1.5", ClaimKind::Time},
    {"iat", "Issued at", "When the token was issued.", "RFC 7519 §4.1.6", ClaimKind::Time},
    {"jti", "JWT ID", "A unique identifier of this token, usable to detect replays.", "RFC 7519 §4.1.7", ClaimKind::Text},
    // OpenID Connect Core
    {"auth_time", "Authentication time", "When the user actually authenticated. Required when max_age was requested.", "OIDC Core §2", ClaimKind::Time},
    {"nonce", "Nonce", "Echo of the nonce the client sent in the authorization request; binds the ID token to that request and prevents replay.", "OIDC Core §2, §3.1.2.1", ClaimKind::Text},
    {"acr", "Authentication context class", "The class of authentication performed (provider-defined values).", "OIDC Core §2", ClaimKind::Text},
    {"amr", "Authentication methods", "How the user authenticated (Descope: email, sms, whatsapp, webauthn, totp, oauth, fed, pwd, mfa).", "OIDC Core §2; RFC 8176; Descope", ClaimKind::Other},
    {"azp", "Authorized party", "The client the ID token was issued to; must equal the client_id when present.", "OIDC Core §2", ClaimKind::Text},
    {"at_hash", "Access token hash", "Left half of the hash of the access token, base64url; binds the ID token to the access token.", "OIDC Core §3.1.3.6, §3.3.2.11", ClaimKind::Text},
    {"c_hash", "Code hash", "Left half of the hash of the authorization code, base64url (hybrid flow).", "OIDC Core §3.3.2.11", ClaimKind::Text},
    {"sid", "Session ID", "Identifies the provider's session; used by front- and back-channel logout.", "OIDC Front-Channel Logout §3", ClaimKind::Text},
    {"name", "Full name", "The user's full name.", "OIDC Core §5.1", ClaimKind::Text},
    {"given_name", "Given name", "The user's given (first) name.", "OIDC Core §5.1", ClaimKind::Text},
    {"family_name", "Family name", "The user's family (last) name.", "OIDC Core §5.1", ClaimKind::Text},
    {"middle_name", "Middle name", "The user's middle name.", "OIDC Core §5.1", ClaimKind::Text},
    {"nickname", "Nickname", "A casual name of the user.", "OIDC Core §5.1", ClaimKind::Text},
    {"preferred_username", "Preferred username", "The name the user wants to be shown; not unique, not stable.", "OIDC Core §5.1", ClaimKind::Text},
    {"picture", "Picture", "URL of the user's profile picture.", "OIDC Core §5.1", ClaimKind::Text},
    {"email", "Email", "The user's email address; trust it only together with email_verified.", "OIDC Core §5.1", ClaimKind::Text},
    {"email_verified", "Email verified", "True when the provider verified that the user controls the email address.", "OIDC Core §5.1", ClaimKind::Other},
    {"phone_number", "Phone number", "The user's phone number, E.164 recommended.", "OIDC Core §5.1", ClaimKind::Text},
    {"phone_number_verified", "Phone verified", "True when the provider verified the phone number.", "OIDC Core §5.1", ClaimKind::Other},
    {"locale", "Locale", "The user's locale, a BCP47 tag such as en-US.", "OIDC Core §5.1", ClaimKind::Text},
    {"zoneinfo", "Time zone", "The user's time zone, e.g. Europe/Paris.", "OIDC Core §5.1", ClaimKind::Text},
    {"updated_at", "Updated at", "When the user's information was last updated.", "OIDC Core §5.1", ClaimKind::Time},
    {"scope", "Scope", "The scopes granted to the access token, space-separated.", "RFC 8693 §4.2; RFC 9068 §2.2.3", ClaimKind::Text},
    {"client_id", "Client ID", "The client the access token was issued to.", "RFC 9068 §2.2", ClaimKind::Text},
    {"cnf", "Confirmation", "Key binding of the token (DPoP: jkt, the thumbprint of the client's key).", "RFC 7800; RFC 9449 §6", ClaimKind::Other},
    // Descope
    {"drn", "Descope token kind", "\"DS\" on a session JWT, \"DSR\" on a refresh JWT; SDKs tell the two apart by it.", "Descope", ClaimKind::Text},
    {"su", "Stepped up", "True on a session JWT issued by a step-up login: the user re-authenticated recently.", "Descope", ClaimKind::Other},
    {"rexp", "Refresh expiration", "When the refresh JWT behind this session expires: the session cannot be refreshed after it.", "Descope", ClaimKind::Time},
    {"dct", "Current tenant", "The tenant selected for this session (tenant select, or the user's only tenant).", "Descope", ClaimKind::Text},
    {"tenants", "Tenants", "Object mapping each tenant ID to the user's roles and permissions in that tenant.", "Descope", ClaimKind::Other},
    {"roles", "Roles", "Project-level roles of the user or access key.", "Descope", ClaimKind::Other},
    {"permissions", "Permissions", "Project-level permissions granted through the roles.", "Descope", ClaimKind::Other},
    {"nsec", "Client custom claims", "Custom claims the client asked for in loginOptions.customClaims; Descope marks them non-secure because any client can request them.", "Descope", ClaimKind::Other},
    {"dsub", "Descope user ID", "When present, the user ID SDKs use instead of sub.", "Descope", ClaimKind::Text},
};

constexpr ClaimInfo kHeader[] = {
    {"alg", "Algorithm", "The signature algorithm. A verifier takes the allowed algorithms from its configuration, never from this field.", "RFC 7515 §4.1.1", ClaimKind::Text},
    {"kid", "Key ID", "Which key of the issuer's JWKS signed the token. An unknown kid may mean the keys rotated.", "RFC 7515 §4.1.4", ClaimKind::Text},
    {"typ", "Type", "Media type of the token, e.g. JWT or at+jwt (RFC 9068 access tokens).", "RFC 7515 §4.1.9", ClaimKind::Text},
    {"cty", "Content type", "Type of the payload; \"JWT\" for nested tokens.", "RFC 7515 §4.1.10", ClaimKind::Text},
    {"crit", "Critical", "Extensions the verifier must understand; a token with unknown ones is rejected.", "RFC 7515 §4.1.11", ClaimKind::Other},
    {"jku", "JWK Set URL", "A URL of keys chosen by the token itself: never used for verification here.", "RFC 7515 §4.1.2", ClaimKind::Text},
    {"jwk", "Embedded key", "A key carried by the token itself: never used for verification here.", "RFC 7515 §4.1.3", ClaimKind::Other},
    {"x5u", "X.509 URL", "A certificate URL chosen by the token itself: never used for verification here.", "RFC 7515 §4.1.5", ClaimKind::Text},
    {"x5c", "X.509 chain", "A certificate chain carried by the token itself: never used for verification here.", "RFC 7515 §4.1.6", ClaimKind::Other},
    {"x5t", "X.509 thumbprint", "SHA-1 thumbprint of the signing certificate.", "RFC 7515 §4.1.7", ClaimKind::Text},
    {"x5t#S256", "X.509 thumbprint (SHA-256)", "SHA-256 thumbprint of the signing certificate.", "RFC 7515 §4.1.8", ClaimKind::Text},
};

template <size_t N>
const ClaimInfo *find(const ClaimInfo (&table)[N], std::string_view name)
{
    for (const auto &entry : table)
        if (entry.name == name)
            return &entry;
    return nullptr;
}

} // namespace

const ClaimInfo *claimInfo(std::string_view name)
{
    return find(kClaims, name);
}

const ClaimInfo *headerInfo(std::string_view name)
{
    return find(kHeader, name);
}

} // namespace oidc::jwt
