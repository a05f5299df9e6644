#pragma once

// Reads a HAR the way a support engineer does: finds the OAuth/OIDC/Descope exchanges in it
// (discovery, JWKS, authorize, callback, token, userinfo, logout, revocation, Descope
// /v1/auth/*), decodes every token it carries with the core's JWT decoder, runs the ID-token and
// session-JWT checks that need no network (claims against the entry's own time; signatures when
// the JWKS response is in the file) and flags what goes wrong as HarFindings (HarFinding.h).
//
// Entries are added one at a time, in order, as HarReader delivers them, so a file of any size
// is analysed in one pass. What is kept per entry is small (the exchanges found, each distinct
// token once); bodies are looked at only for the exchanges found. finish() runs what needs the
// whole file (signatures against keys that may come later) and sorts the findings by entry.
// Pure: no network, no clock (times come from the entries), safe on any thread.

#include "oidc/Json.h"
#include "oidc/har/HarEntry.h"
#include "oidc/har/HarFinding.h"
#include "oidc/jwt/ClaimChecks.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace oidc::har {

enum class ExchangeKind { Discovery, Jwks, Authorize, Callback, Token, UserInfo, Logout, Revocation, Descope };

[[nodiscard]] std::string_view exchangeKindName(ExchangeKind kind);

struct HarExchange final {
    int entry = 0;
    ExchangeKind kind = ExchangeKind::Token;
    std::string method;
    std::string url;    // redacted (redactUrl)
    int status = 0;
    std::string detail; // "grant_type=authorization_code", "otp/verify/email", the OAuth error…
};

struct HarToken final {
    int entry = 0;
    std::string name;   // where it was named: "id_token", "sessionJwt", "Authorization", …
    std::string where;  // "response body", "request body", "Authorization header", "URL", "Location header", "Set-Cookie"
    std::string value;  // the token itself: show it redacted unless the person asked (--show-tokens)
    // Its checks at the entry's time, as the JWT inspector lists them: the claim checks for any
    // JWT; for an ID token the signature against the file's JWKS first, then OIDC Core §3.1.3.7.
    std::vector<jwt::ClaimCheck> checks;
};

struct HarAnalysis final {
    int entryCount = 0;
    std::vector<HarExchange> exchanges;
    std::vector<HarFinding> findings; // by entry, then code
    std::vector<HarToken> tokens;     // each distinct JWT once, where first seen

    [[nodiscard]] bool ok() const; // no finding of severity error
    // {ok, entries, exchanges:[…], findings:[{code, severity, entry, message}], tokens:[…]};
    // token values redacted unless `showTokens`.
    [[nodiscard]] Json toJson(bool showTokens) const;
};

class HarAnalyzer final {
public:
    HarAnalyzer();
    ~HarAnalyzer();
    HarAnalyzer(const HarAnalyzer &) = delete;
    HarAnalyzer &operator=(const HarAnalyzer &) = delete;

    void add(const HarEntry &entry);
    [[nodiscard]] HarAnalysis finish();

    // All in one, for entries already in memory.
    [[nodiscard]] static HarAnalysis analyze(const std::vector<HarEntry> &entries);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace oidc::har
