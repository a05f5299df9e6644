// `{{name}}` substitution (oidc/workspace/VariableSubstitution): built-ins and profile variables,
// one pass, and an unknown or unset name as an error, never an empty string.

#include "oidc/workspace/VariableSubstitution.h"

#include "oidc/flow/AuthorizationRequest.h"

#include <QUrlQuery>

#include <gtest/gtest.h>

namespace {

using oidc::workspace::VariableScope;

VariableScope scopeFor()
{
    oidc::flow::ProviderProfile profile;
    profile.kind = oidc::flow::ProviderKind::OidcIssuer;
    profile.issuer = QStringLiteral("https://idp.example.com");
    profile.clientId = QStringLiteral("web-app");
    profile.clientSecret = QStringLiteral("never-substituted");
    profile.redirectPort = 8765;
    VariableScope scope;
    scope.builtins = oidc::workspace::builtinVariables(profile);
    scope.variables = {{QStringLiteral("user"), QStringLiteral("qa@example.test")},
                       {QStringLiteral("loop"), QStringLiteral("{{user}}")}};
    return scope;
}

TEST(VariableSubstitution, BuiltinsAndVariables)
{
    const auto out = oidc::workspace::substituteVariables(
        QStringLiteral("{{issuer}}/authorize?client_id={{ client_id }}&redirect_uri={{redirect_uri}}&login_hint={{user}}"), scopeFor());
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, QStringLiteral("https://idp.example.com/authorize?client_id=web-app&redirect_uri=http://127.0.0.1:8765/callback"
                                   "&login_hint=qa@example.test"));
}

TEST(VariableSubstitution, AValueIsNotSubstitutedAgain)
{
    const auto out = oidc::workspace::substituteVariables(QStringLiteral("{{loop}}"), scopeFor());
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, QStringLiteral("{{user}}"));
}

TEST(VariableSubstitution, TextThatIsNoReferenceStaysAsTyped)
{
    const QString text = QStringLiteral(R"({"a": {{1, 2}}} and {{ not a name }} and {{)");
    const auto out = oidc::workspace::substituteVariables(text, scopeFor());
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, text);
}

TEST(VariableSubstitution, AnUnknownNameIsAnErrorNamingIt)
{
    const auto out = oidc::workspace::substituteVariables(QStringLiteral("hint={{usr}}"), scopeFor());
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, "VARIABLE_UNKNOWN");
    EXPECT_EQ(out.error().actual, "usr");
    EXPECT_NE(out.error().message.find("user"), std::string::npos) << "lists the names there are";
}

TEST(VariableSubstitution, AnUnsetBuiltinIsAnError)
{
    oidc::flow::ProviderProfile profile; // no client ID, no fixed port
    VariableScope scope{oidc::workspace::builtinVariables(profile), {}};
    for (const char *name : {"client_id", "redirect_uri"}) {
        const auto out = oidc::workspace::substituteVariables(QStringLiteral("{{%1}}").arg(QLatin1String(name)), scope);
        ASSERT_FALSE(out.ok()) << name;
        EXPECT_EQ(out.error().code, "VARIABLE_UNSET");
        EXPECT_EQ(out.error().actual, name);
    }
    scope.builtins = oidc::workspace::builtinVariables(profile, QStringLiteral("http://127.0.0.1:5000/cb"));
    EXPECT_EQ(*oidc::workspace::substituteVariables(QStringLiteral("{{redirect_uri}}"), scope), QStringLiteral("http://127.0.0.1:5000/cb"));
}

TEST(VariableSubstitution, NoBuiltinNamesTheSecret)
{
    for (const QString &value : scopeFor().builtins)
        EXPECT_NE(value, QStringLiteral("never-substituted"));
}

TEST(VariableSubstitution, ReferencesAreListedOnce)
{
    EXPECT_EQ(oidc::workspace::variablesIn(QStringLiteral("{{a}}{{b}} {{ a }}")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

// The authorize parameter table's rows, substituted, then built into the URL the browser gets:
// the URL carries the values, never a literal `{{…}}`.
TEST(VariableSubstitution, ParametersReachTheAuthorizationUrlSubstituted)
{
    const oidc::workspace::Parameters rows = {{QStringLiteral("client_id"), QStringLiteral("{{client_id}}")},
                                              {QStringLiteral("login_hint"), QStringLiteral("{{user}}")},
                                              {QStringLiteral("resource"), QStringLiteral("{{issuer}}/api")}};
    const auto out = oidc::workspace::substituteParameters(rows, scopeFor());
    ASSERT_TRUE(out.ok()) << out.error().message;
    ASSERT_EQ(out->size(), 3);
    oidc::flow::AuthorizationRequest request;
    request.authorizationEndpoint = QUrl(QStringLiteral("https://idp.example.com/authorize"));
    request.clientId = out->at(0).second;
    request.redirectUri = QStringLiteral("http://127.0.0.1:8765/callback");
    request.scope = QStringLiteral("openid");
    request.state = QStringLiteral("s");
    request.nonce = QStringLiteral("n");
    request.codeChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    request.loginHint = out->at(1).second;
    request.extraParameters.append({out->at(2).first, out->at(2).second});
    const auto url = oidc::flow::buildAuthorizationUrl(request);
    ASSERT_TRUE(url.ok()) << url.error().message;
    const QUrlQuery query(*url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("web-app"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded), QStringLiteral("qa@example.test"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded), QStringLiteral("https://idp.example.com/api"));
    EXPECT_FALSE(url->toString().contains(QStringLiteral("{{")));
}

TEST(VariableSubstitution, AFailingParameterIsNamedInTheError)
{
    const oidc::workspace::Parameters rows = {{QStringLiteral("prompt"), QStringLiteral("login")},
                                              {QStringLiteral("login_hint"), QStringLiteral("{{usr}}")},
                                              {QStringLiteral("acr_values"), QStringLiteral("{{missing}}")}};
    const auto out = oidc::workspace::substituteParameters(rows, scopeFor());
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, "VARIABLE_UNKNOWN");
    EXPECT_EQ(out.error().category, oidc::ErrorCategory::Input);
    EXPECT_EQ(out.error().actual, "usr") << "the first failing value";
    EXPECT_EQ(out.error().message.rfind("login_hint: ", 0), 0U) << out.error().message;
}

TEST(VariableSubstitution, VariableNamesAreCheckedByTheCore)
{
    const struct {
        const char *name;
        const char *code; // empty: accepted
    } cases[] = {{"user", ""}, {"_tenant2", ""}, {"2fa", "VARIABLE_NAME"}, {"with space", "VARIABLE_NAME"},
                 {"client_id", "VARIABLE_BUILTIN"}, {"redirect_uri", "VARIABLE_BUILTIN"}, {"", "VARIABLE_NAME"}};
    for (const auto &row : cases) {
        const oidc::Status checked = oidc::workspace::checkVariableName(QString::fromLatin1(row.name));
        EXPECT_EQ(checked.ok() ? std::string() : checked.error().code, row.code) << row.name;
    }
    const auto problems = oidc::workspace::checkVariables(
        {{QStringLiteral("user"), QStringLiteral("a")}, {QStringLiteral("issuer"), QString()}, {QStringLiteral("user"), QStringLiteral("b")}});
    ASSERT_EQ(problems.size(), 2U);
    EXPECT_EQ(problems[0].code, "VARIABLE_BUILTIN");
    EXPECT_EQ(problems[1].code, "VARIABLE_DUPLICATE");
    EXPECT_EQ(problems[1].actual, "user");
}

TEST(VariableSubstitution, SecretLookingVariablesAreRecognised)
{
    EXPECT_TRUE(oidc::workspace::looksLikeSecret(QStringLiteral("client_secret"), QStringLiteral("x")));
    EXPECT_TRUE(oidc::workspace::looksLikeSecret(QStringLiteral("API_KEY"), QStringLiteral("x")));
    EXPECT_TRUE(oidc::workspace::looksLikeSecret(QStringLiteral("admin_password"), QStringLiteral("x")));
    EXPECT_TRUE(oidc::workspace::looksLikeSecret(QStringLiteral("hint"), QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln")));
    EXPECT_FALSE(oidc::workspace::looksLikeSecret(QStringLiteral("user"), QStringLiteral("qa@example.test")));
    EXPECT_FALSE(oidc::workspace::looksLikeSecret(QStringLiteral("tenant"), QStringLiteral("T2abcDEF123456789xyz")));
}

} // namespace
