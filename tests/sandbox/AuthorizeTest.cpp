// The authorization endpoint and its hosted login page (RFC 6749 §4.1, OIDC Core §3.1.2,
// RFC 7636, RFC 8252 §7.3, RFC 9207) and RP-initiated logout.

#include "SandboxTestSupport.h"

using namespace sandbox::test;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

} // namespace

class Authorize : public SandboxTest {
protected:
    Params request(const std::string &redirectUri = "http://127.0.0.1:50000/callback")
    {
        return {{"response_type", "code"}, {"client_id", publicClient()}, {"redirect_uri", redirectUri}, {"scope", "openid email"},
                {"state", "st-123"},        {"nonce", "n-456"},           {"code_challenge", pkce().challenge},
                {"code_challenge_method", "S256"}};
    }
    static Params with(Params params, const std::string &name, const std::string &value)
    {
        std::erase_if(params, [&](const auto &p) { return p.first == name; });
        params.emplace_back(name, value);
        return params;
    }
    static Params without(Params params, const std::string &name)
    {
        std::erase_if(params, [&](const auto &p) { return p.first == name; });
        return params;
    }
    Response authorize(const Params &params, const oidc::net::HeaderList &headers = {})
    {
        return get("/oauth2/v1/authorize?" + formEncode(params), headers);
    }
    // A session cookie from a successful login.
    QByteArray loginCookie()
    {
        const Response redirect = authorizeAndLogin(request(), "alice@example.com");
        const QByteArray setCookie = redirect.header("set-cookie");
        return setCookie.left(setCookie.indexOf(';'));
    }
};

TEST_F(Authorize, LoginPageIsAPlainForm)
{
    const Response page = authorize(with(with(request(), "login_hint", "bob@example.com"), "flow", "sign-up-or-in"));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    const std::string html = page.text();
    EXPECT_NE(html.find("<form method=\"post\" action=\"/oauth2/v1/authorize\" id=\"login\">"), std::string::npos);
    EXPECT_NE(html.find("name=\"loginId\" value=\"bob@example.com\""), std::string::npos); // login_hint pre-fills
    EXPECT_NE(html.find("sign-up-or-in"), std::string::npos);                               // Descope's flow is shown
    EXPECT_EQ(inputValue(html, "state"), "st-123");
    EXPECT_EQ(inputValue(html, "redirect_uri"), "http://127.0.0.1:50000/callback");
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_FALSE(page.header("content-security-policy").isEmpty());
}

TEST_F(Authorize, SuccessfulLoginRedirectsWithCodeStateAndIss)
{
    const Response redirect = authorizeAndLogin(request(), "alice@example.com");
    ASSERT_EQ(redirect.status, 302);
    const std::string location = redirect.location();
    EXPECT_EQ(location.rfind("http://127.0.0.1:50000/callback?", 0), 0u) << location;
    const auto query = queryOf(location);
    EXPECT_FALSE(query.at("code").empty());
    EXPECT_EQ(query.at("state"), "st-123");
    EXPECT_EQ(query.at("iss"), issuer()); // RFC 9207 §2
    EXPECT_NE(redirect.header("set-cookie").indexOf("HttpOnly"), -1);
}

TEST_F(Authorize, PostedAuthorizationRequestWorksLikeGet)
{
    const Response page = postForm("/oauth2/v1/authorize", request());
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.text().find("id=\"login\""), std::string::npos);
}

TEST_F(Authorize, PromptNoneWithoutCookieIsLoginRequired)
{
    const Response redirect = authorize(with(request(), "prompt", "none"));
    ASSERT_EQ(redirect.status, 302);
    const auto query = queryOf(redirect.location());
    EXPECT_EQ(query.at("error"), "login_required");
    EXPECT_EQ(query.at("state"), "st-123");
    EXPECT_EQ(query.at("iss"), issuer());
    EXPECT_FALSE(query.count("code"));
}

TEST_F(Authorize, PromptNoneWithCookieIssuesACode)
{
    const QByteArray cookie = loginCookie();
    const Response redirect = authorize(with(request(), "prompt", "none"), {{"Cookie", cookie}});
    ASSERT_EQ(redirect.status, 302);
    EXPECT_TRUE(queryOf(redirect.location()).count("code")) << redirect.location();
}

TEST_F(Authorize, CookieSignsInWithoutThePage)
{
    const QByteArray cookie = loginCookie();
    const Response redirect = authorize(request(), {{"Cookie", cookie}});
    EXPECT_EQ(redirect.status, 302);
}

TEST_F(Authorize, PromptLoginAlwaysShowsThePage)
{
    const QByteArray cookie = loginCookie();
    const Response page = authorize(with(request(), "prompt", "login"), {{"Cookie", cookie}});
    EXPECT_EQ(page.status, 200);
    // …and the posted form, which carries prompt=login, then succeeds.
    const Response redirect = authorizeAndLogin(with(request(), "prompt", "login"), "alice@example.com", {{"Cookie", cookie}});
    EXPECT_EQ(redirect.status, 302);
    EXPECT_TRUE(queryOf(redirect.location()).count("code"));
}

TEST_F(Authorize, MaxAgeOlderThanTheLoginAsksAgain)
{
    const QByteArray cookie = loginCookie();
    server().context().clock.advance(120);
    EXPECT_EQ(authorize(with(request(), "max_age", "60"), {{"Cookie", cookie}}).status, 200);
    const Response none = authorize(with(with(request(), "max_age", "60"), "prompt", "none"), {{"Cookie", cookie}});
    EXPECT_EQ(queryOf(none.location())["error"], "login_required");
    EXPECT_EQ(authorize(with(request(), "max_age", "600"), {{"Cookie", cookie}}).status, 302);
}

TEST_F(Authorize, DenyAnswersAccessDenied)
{
    Params fields = request();
    fields.emplace_back("sandbox_action", "deny");
    auto response = rawExchange(port(), "POST", "/oauth2/v1/authorize", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                QByteArray::fromStdString(formEncode(fields)));
    ASSERT_TRUE(response);
    EXPECT_EQ(queryOf(response->location())["error"], "access_denied");
}

TEST_F(Authorize, UnknownLoginIdShowsThePageAgain)
{
    const Response page = authorizeAndLogin(request(), "nobody<b>@example.com");
    EXPECT_EQ(page.status, 400);
    EXPECT_NE(page.text().find("nobody&lt;b&gt;@example.com"), std::string::npos);
    EXPECT_EQ(page.text().find("nobody<b>"), std::string::npos);
}

TEST_F(Authorize, EchoedValuesAreHtmlEscaped)
{
    const std::string evil = "\"><script>alert(1)</script>'";
    const Response page = authorize(with(with(with(request(), "state", evil), "flow", evil), "login_hint", evil));
    ASSERT_EQ(page.status, 200);
    const std::string html = page.text();
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;"), std::string::npos);
    EXPECT_EQ(inputValue(html, "state"), evil); // round-trips through the form unchanged

    const Response error = authorize(with(request(), "client_id", evil));
    EXPECT_EQ(error.status, 400);
    EXPECT_EQ(error.text().find("<script>"), std::string::npos);
    const Response badRedirect = authorize(with(request(), "redirect_uri", "http://evil.example/<script>"));
    EXPECT_EQ(badRedirect.text().find("<script>"), std::string::npos);
}

TEST_F(Authorize, UnknownClientGetsAnErrorPageNotARedirect)
{
    const Response page = authorize(with(request(), "client_id", "no-such-client"));
    EXPECT_EQ(page.status, 400);
    EXPECT_TRUE(page.location().empty());
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(authorize(without(request(), "client_id")).status, 400);
    EXPECT_EQ(authorize(without(request(), "redirect_uri")).status, 400);
}

struct RedirectCase {
    const char *name;
    const char *uri;
    bool allowed;
};

class RedirectUris : public Authorize, public ::testing::WithParamInterface<RedirectCase> {};

TEST_P(RedirectUris, Rfc8252Section7_3)
{
    const Response response = authorize(request(GetParam().uri));
    if (GetParam().allowed) {
        EXPECT_EQ(response.status, 200) << response.text();
    } else {
        EXPECT_EQ(response.status, 400);
        EXPECT_TRUE(response.location().empty()) << response.location();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, RedirectUris,
    ::testing::Values(RedirectCase{"loopback_ipv4_any_port", "http://127.0.0.1:61234/callback", true},
                      RedirectCase{"loopback_ipv4_no_port", "http://127.0.0.1/callback", true},
                      RedirectCase{"localhost_any_port", "http://localhost:5555/callback", true},
                      RedirectCase{"loopback_ipv6_any_port", "http://[::1]:7777/callback", true},
                      RedirectCase{"root_path", "http://127.0.0.1:8080/", true},
                      RedirectCase{"private_use_scheme_7_1", "com.example.oidcplay:/oauth2redirect", true},
                      RedirectCase{"app_private_use_scheme_7_1", "io.github.oidcplay:/callback", true},
                      RedirectCase{"private_use_scheme_other_path", "io.github.oidcplay:/other", false},
                      RedirectCase{"private_use_scheme_authority", "io.github.oidcplay://callback", false},
                      RedirectCase{"private_use_scheme_unregistered", "com.attacker.app:/callback", false},
                      RedirectCase{"other_host", "http://evil.example/callback", false},
                      RedirectCase{"other_host_same_path_port", "http://192.168.1.10:50000/callback", false},
                      RedirectCase{"other_path", "http://127.0.0.1:50000/other", false},
                      RedirectCase{"extra_query", "http://127.0.0.1:50000/callback?x=1", false},
                      RedirectCase{"fragment", "http://127.0.0.1:50000/callback#f", false},
                      RedirectCase{"https_loopback_not_registered", "https://127.0.0.1:50000/callback", false},
                      RedirectCase{"userinfo_trick", "http://127.0.0.1:50000@evil.example/callback", false},
                      RedirectCase{"prefix_trick", "http://127.0.0.1.evil.example/callback", false}),
    [](const ::testing::TestParamInfo<RedirectCase> &row) { return std::string(row.param.name); });

TEST_F(Authorize, ConfidentialClientRedirectUriIsExact)
{
    Params params = {{"response_type", "code"}, {"client_id", kConfidentialClient}, {"redirect_uri", "http://127.0.0.1:8765/callback"}};
    EXPECT_EQ(authorize(params).status, 200); // PKCE optional for a confidential client
    EXPECT_EQ(authorize(with(params, "redirect_uri", "http://127.0.0.1:8766/callback")).status, 400);
}

struct RedirectErrorCase {
    const char *name;
    const char *parameter;
    const char *value; // "" removes the parameter
    const char *error;
};

class AuthorizeErrors : public Authorize, public ::testing::WithParamInterface<RedirectErrorCase> {};

TEST_P(AuthorizeErrors, Rfc6749Section4_1_2_1)
{
    const auto &row = GetParam();
    const Params params = std::string(row.value).empty() ? without(request(), row.parameter) : with(request(), row.parameter, row.value);
    const Response response = authorize(params);
    ASSERT_EQ(response.status, 302) << response.text();
    const auto query = queryOf(response.location());
    EXPECT_EQ(query.count("error") ? query.at("error") : "", row.error);
    EXPECT_TRUE(query.count("error_description"));
    EXPECT_EQ(query.count("state") ? query.at("state") : "", "st-123");
    EXPECT_EQ(query.count("iss") ? query.at("iss") : "", issuer());
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AuthorizeErrors,
    ::testing::Values(RedirectErrorCase{"missing_response_type", "response_type", "", "invalid_request"},
                      RedirectErrorCase{"token_response_type", "response_type", "token", "unsupported_response_type"},
                      RedirectErrorCase{"public_client_without_pkce", "code_challenge", "", "invalid_request"},
                      RedirectErrorCase{"unknown_challenge_method", "code_challenge_method", "S512", "invalid_request"},
                      RedirectErrorCase{"short_challenge", "code_challenge", "abc", "invalid_request"},
                      RedirectErrorCase{"prompt_none_with_login", "prompt", "none login", "invalid_request"},
                      RedirectErrorCase{"unknown_prompt", "prompt", "whatever", "invalid_request"},
                      RedirectErrorCase{"bad_max_age", "max_age", "-5", "invalid_request"},
                      RedirectErrorCase{"form_post_mode", "response_mode", "form_post", "invalid_request"},
                      RedirectErrorCase{"request_object", "request", "eyJ.x.y", "request_not_supported"},
                      RedirectErrorCase{"request_uri", "request_uri", "urn:x", "request_uri_not_supported"}),
    [](const ::testing::TestParamInfo<RedirectErrorCase> &row) { return std::string(row.param.name); });

TEST_F(Authorize, RepeatedParameterIsInvalidRequest)
{
    Params params = request();
    params.emplace_back("scope", "openid");
    const Response response = authorize(params);
    EXPECT_EQ(queryOf(response.location())["error"], "invalid_request");
}

TEST_F(Authorize, PlainPkceWorksEndToEnd)
{
    const std::string verifier = pkce().verifier;
    Params params = with(with(request(), "code_challenge", verifier), "code_challenge_method", "plain");
    const Response redirect = authorizeAndLogin(params, "bob@example.com");
    const auto query = queryOf(redirect.location());
    const Response token = postForm("/oauth2/v1/token", {{"grant_type", "authorization_code"}, {"code", query.at("code")},
                                                         {"redirect_uri", "http://127.0.0.1:50000/callback"}, {"client_id", publicClient()},
                                                         {"code_verifier", verifier}});
    EXPECT_EQ(token.status, 200) << token.text();
}

TEST_F(Authorize, LogoutRedirectsToARegisteredUriWithState)
{
    const QByteArray cookie = loginCookie();
    const CodeGrant grant = publicClientCode();
    oidc::Json tokens = exchangeCode(grant);
    const Response response = get("/oauth2/v1/logout?" + formEncode({{"id_token_hint", tokens["id_token"]},
                                                                      {"post_logout_redirect_uri", "http://127.0.0.1:40000/logged-out"},
                                                                      {"state", "bye"}}),
                                  {{"Cookie", cookie}});
    ASSERT_EQ(response.status, 302) << response.text();
    EXPECT_EQ(response.location(), "http://127.0.0.1:40000/logged-out?state=bye");
    EXPECT_NE(response.header("set-cookie").indexOf("Max-Age=0"), -1);
    // The sandbox session is over: prompt=none now needs a login.
    const Response none = authorize(with(request(), "prompt", "none"), {{"Cookie", cookie}});
    EXPECT_EQ(queryOf(none.location())["error"], "login_required");
}

TEST_F(Authorize, LogoutRefusesUnregisteredRedirects)
{
    const Response unregistered = get("/oauth2/v1/logout?" + formEncode({{"client_id", publicClient()},
                                                                          {"post_logout_redirect_uri", "http://evil.example/"}}));
    EXPECT_EQ(unregistered.status, 400);
    EXPECT_TRUE(unregistered.location().empty());
    const Response noClient = get("/oauth2/v1/logout?" + formEncode({{"post_logout_redirect_uri", "http://127.0.0.1/logged-out"}}));
    EXPECT_EQ(noClient.status, 400);
    const Response forged = get("/oauth2/v1/logout?" + formEncode({{"id_token_hint", "eyJhbGciOiJub25lIn0.e30."}}));
    EXPECT_EQ(forged.status, 400);
    const Response plain = get("/oauth2/v1/logout");
    EXPECT_EQ(plain.status, 200);
    EXPECT_NE(plain.text().find("Signed out"), std::string::npos);
}
