#include "VariableSubstitution.h"

#include "oidc/Redaction.h"

#include <QRegularExpression>

namespace oidc::workspace {

namespace {

// `{{ name }}`: a name between double braces, spaces allowed around it.
const QRegularExpression &referencePattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]{0,63})\\s*\\}\\}"));
    return pattern;
}

} // namespace

QStringList builtinVariableNames()
{
    return {QStringLiteral("client_id"), QStringLiteral("issuer"), QStringLiteral("scope"), QStringLiteral("redirect_uri"),
            QStringLiteral("descope_project_id")};
}

QMap<QString, QString> builtinVariables(const flow::ProviderProfile &profile, const QString &redirectUri)
{
    QString redirect = redirectUri;
    if (redirect.isEmpty() && profile.redirectPort != 0)
        redirect = QStringLiteral("http://127.0.0.1:%1%2").arg(profile.redirectPort).arg(profile.redirectPath);
    return {
        {QStringLiteral("client_id"), profile.clientId},
        {QStringLiteral("issuer"), profile.effectiveIssuer()},
        {QStringLiteral("scope"), profile.scope},
        {QStringLiteral("redirect_uri"), redirect},
        {QStringLiteral("descope_project_id"), profile.descopeProjectId},
    };
}

bool isValidVariableName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    return pattern.match(name).hasMatch();
}

QStringList variablesIn(const QString &text)
{
    QStringList names;
    for (auto it = referencePattern().globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names << name;
    }
    return names;
}

Result<QString> substituteVariables(const QString &text, const VariableScope &scope)
{
    QString out;
    qsizetype from = 0;
    for (auto it = referencePattern().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        out += QStringView(text).mid(from, match.capturedStart() - from);
        from = match.capturedEnd();
        if (const auto builtin = scope.builtins.constFind(name); builtin != scope.builtins.cend()) {
            if (builtin.value().isEmpty())
                return makeError(ErrorCategory::Input, "VARIABLE_UNSET",
                                 QStringLiteral("{{%1}} has no value yet for this profile").arg(name).toStdString(), {},
                                 name.toStdString());
            out += builtin.value();
        } else if (const auto variable = scope.variables.constFind(name); variable != scope.variables.cend()) {
            out += variable.value();
        } else {
            const QStringList known = QStringList(scope.builtins.keys()) + QStringList(scope.variables.keys());
            return makeError(ErrorCategory::Input, "VARIABLE_UNKNOWN",
                             QStringLiteral("{{%1}} is not a variable of this profile (known: %2)")
                                 .arg(name, known.join(QStringLiteral(", ")))
                                 .toStdString(),
                             known.join(QLatin1Char(',')).toStdString(), name.toStdString());
        }
    }
    out += QStringView(text).mid(from);
    return out;
}

Result<Parameters> substituteParameters(const Parameters &parameters, const VariableScope &scope)
{
    Parameters out;
    out.reserve(parameters.size());
    for (const auto &[name, value] : parameters) {
        Result<QString> substituted = substituteVariables(value, scope);
        if (!substituted) {
            Error error = substituted.error();
            error.message = name.toStdString() + ": " + error.message;
            return error;
        }
        out.append({name, std::move(substituted).value()});
    }
    return out;
}

Status checkVariableName(const QString &name)
{
    if (!isValidVariableName(name))
        return makeError(ErrorCategory::Input, "VARIABLE_NAME",
                         "a variable's name is letters, digits and _, not starting with a digit, at most 64 characters",
                         "[A-Za-z_][A-Za-z0-9_]*", name.left(80).toStdString());
    if (builtinVariableNames().contains(name))
        return makeError(ErrorCategory::Input, "VARIABLE_BUILTIN",
                         QStringLiteral("{{%1}} is built in (from the profile): choose another name").arg(name).toStdString(), {},
                         name.toStdString());
    return {};
}

std::vector<Error> checkVariables(const Parameters &variables)
{
    std::vector<Error> problems;
    QStringList seen;
    for (const auto &[name, value] : variables) {
        if (const Status checked = checkVariableName(name); !checked)
            problems.push_back(checked.error());
        else if (seen.contains(name))
            problems.push_back(Error{ErrorCategory::Input, "VARIABLE_DUPLICATE",
                                     QStringLiteral("{{%1}} is given twice: keep one").arg(name).toStdString(), 0, {}, name.toStdString()});
        seen << name;
    }
    return problems;
}

bool looksLikeSecret(const QString &name, const QString &value)
{
    if (isSecretName(name.toStdString()))
        return true;
    static const QRegularExpression secretWord(QStringLiteral("secret|passw|token|api_?key|private|credential"),
                                               QRegularExpression::CaseInsensitiveOption);
    if (secretWord.match(name).hasMatch())
        return true;
    // A compact JWS/JWE: a base64url JSON header ("eyJ") and two or four more dot-separated parts.
    static const QRegularExpression jwt(QStringLiteral("^eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){2,4}$"));
    return jwt.match(value.trimmed()).hasMatch();
}

} // namespace oidc::workspace
