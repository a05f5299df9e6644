#pragma once

// A profile's URLs as the flow settings and the profile editor show them: each as typed and,
// where it holds a `{{variable}}`, the URL that will be called (the core's resolveProfile);
// a variable that does not resolve is shown with the core's error, and nothing is called.

#include "ui/UiText.h"

#include "oidc/workspace/ResolvedProfile.h"

#include <QString>
#include <QStringList>

namespace ui {

struct ResolvedUrlsText final {
    QString text;
    bool ok = true; // every URL resolved
};

[[nodiscard]] inline ResolvedUrlsText resolvedUrlsText(const oidc::flow::ProviderProfile &typed,
                                                       const oidc::Result<oidc::workspace::ResolvedProfile> &resolved)
{
    oidc::flow::ProviderProfile fields = typed;
    QStringList lines;
    for (const auto &field : fields.urlFields()) {
        if (field.text->isEmpty())
            continue;
        QString label = QString::fromLatin1(field.label);
        label[0] = label[0].toUpper();
        lines << QStringLiteral("%1: %2").arg(label, *field.text);
        if (resolved)
            for (const auto &[name, url] : resolved->substituted())
                if (name == QLatin1String(field.label))
                    lines << QStringLiteral("    → %1").arg(url);
    }
    if (lines.isEmpty() && !typed.effectiveIssuer().isEmpty())
        lines << QStringLiteral("Issuer: %1").arg(typed.effectiveIssuer());
    if (!resolved)
        lines << QStringLiteral("✘ Not called until its variables resolve: %1").arg(errorText(resolved.error()));
    return {lines.join(QLatin1Char('\n')), resolved.ok()};
}

} // namespace ui
