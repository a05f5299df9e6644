#pragma once

// Crafted HAR documents for the analyzer's tests: entries written as a browser would, tokens
// signed with keys made by the core's own primitives.

#include "oidc/Json.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/har/HarAnalyzer.h"
#include "oidc/har/HarEntry.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace hartest {

inline constexpr int64_t kT0 = 1'800'000'000; // the crafted flows' start, Unix seconds

struct EntrySpec {
    std::string method = "GET";
    std::string url{};
    std::vector<std::pair<std::string, std::string>> requestHeaders{};
    std::string requestMime{};
    std::string requestBody{};
    int status = 200;
    std::vector<std::pair<std::string, std::string>> responseHeaders{};
    std::string responseMime = "application/json";
    std::string responseBody{};
    int64_t atSeconds = kT0;
};

[[nodiscard]] oidc::Json harEntry(const EntrySpec &spec);
[[nodiscard]] oidc::Json harDocument(const std::vector<oidc::Json> &entries);

// The signing key every crafted token uses, and its JWKS text.
[[nodiscard]] const oidc::crypto::JsonWebKey &signingKey();
[[nodiscard]] std::string jwksText();
[[nodiscard]] std::string signedToken(const oidc::Json &claims);

// A whole authorization-code flow against https://idp.test: discovery, JWKS, authorize (PKCE,
// state, nonce), the callback, the token exchange returning an ID token; no finding.
struct FlowSpec {
    std::string callbackState = "state-1";
    std::string idTokenNonce = "nonce-1";
    bool pkce = true;
    int64_t idTokenExp = kT0 + 3600;
    int64_t idTokenIat = kT0;
    bool badSignature = false;
};
[[nodiscard]] std::vector<oidc::Json> cleanFlow(const FlowSpec &spec = {});

// Reads a document through HarReader (as a file would be) and analyses it.
[[nodiscard]] oidc::har::HarAnalysis analyzeDocument(const oidc::Json &document);
[[nodiscard]] std::vector<std::string> codesOf(const oidc::har::HarAnalysis &analysis);

} // namespace hartest
