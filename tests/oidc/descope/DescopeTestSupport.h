#pragma once

// Shared by the Descope client's unit tests: a project on a fixed base, canned answers, and
// session JWTs signed with a test key (the shape Descope issues, descope-api.md §2.2).

#include "tests/support/TestSupport.h"

#include "oidc/Json.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/DescopeProject.h"
#include "oidc/net/Http.h"

#include <string>

namespace oidc::descope::test {

inline constexpr const char *kProjectId = "P2TestProject0000000000000001";
inline constexpr const char *kBase = "https://api.descope.com";
inline constexpr const char *kIssuer = "https://api.descope.com/P2TestProject0000000000000001";

inline DescopeProject project(const QUrl &base = {})
{
    auto made = DescopeProject::create(QString::fromLatin1(kProjectId), base, true, ClientIdentity{"oidcplay", "test"});
    EXPECT_TRUE(made.ok()) << (made ? "" : made.error().summary());
    return std::move(made).value();
}

inline net::HttpResponse answer(int status, const QByteArray &body, net::HeaderList headers = {{"Content-Type", "application/json"}})
{
    net::HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers = std::move(headers);
    return response;
}

inline net::HttpResponse answerJson(int status, const Json &body)
{
    return answer(status, QByteArray::fromStdString(body.dump()));
}

inline Json bodyOf(const net::HttpRequest &request)
{
    auto parsed = parseJson(request.body.toStdString());
    EXPECT_TRUE(parsed.ok()) << request.body.toStdString();
    return parsed ? *parsed : Json();
}

// An RS256 key pair (generated once per process) and its public JWKS.
const crypto::JsonWebKey &signingKey();
crypto::JsonWebKeySet publicKeys();
// A JWT signed with signingKey() (header {"alg":"RS256","kid":…}).
std::string signJwt(const Json &claims, const std::string &kid = {});
// A session JWT as Descope issues it: iss <base>/<projectId>, drn DS, sub, iat, exp in 5 minutes.
Json sessionClaims(int64_t now);

} // namespace oidc::descope::test
