#include "VariableSubstitution.h"

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

} // namespace oidc::workspace
