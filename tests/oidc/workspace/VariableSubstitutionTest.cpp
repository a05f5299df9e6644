// `{{name}}` substitution (oidc/workspace/VariableSubstitution): built-ins and profile variables,
// one pass, and an unknown or unset name as an error, never an empty string.

#include "oidc/workspace/VariableSubstitution.h"

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

} // namespace
