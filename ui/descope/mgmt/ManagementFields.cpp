#include "ManagementFields.h"

#include "ui/UiText.h"

#include <algorithm>

namespace ui {

QString mgmtText(const oidc::Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? qs(it->get_ref<const std::string &>()) : QString();
}

QStringList mgmtStrings(const oidc::Json &object, const char *key)
{
    QStringList items;
    if (!object.is_object())
        return items;
    if (const auto it = object.find(key); it != object.end() && it->is_array())
        for (const auto &item : *it)
            if (item.is_string())
                items << qs(item.get_ref<const std::string &>());
    return items;
}

oidc::Json mgmtArray(const oidc::Json &answer, const char *key)
{
    if (answer.is_object())
        if (const auto it = answer.find(key); it != answer.end() && it->is_array())
            return *it;
    return oidc::Json::array();
}

QString mgmtTenantsText(const oidc::Json &object, const char *key)
{
    QStringList parts;
    for (const auto &tenant : mgmtArray(object, key)) {
        const QStringList roles = mgmtStrings(tenant, "roleNames");
        const QString id = mgmtText(tenant, "tenantId");
        parts << (roles.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(id, roles.join(QStringLiteral(", "))));
    }
    return parts.join(QStringLiteral(", "));
}

std::vector<std::string> mgmtSplitNames(const QString &text)
{
    std::vector<std::string> names;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const std::string name = toStd(part.trimmed());
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    }
    return names;
}

QString mgmtJoinNames(const std::vector<std::string> &names)
{
    QStringList parts;
    for (const auto &name : names)
        parts << qs(name);
    return parts.join(QStringLiteral(", "));
}

} // namespace ui
