#include "AboutDialog.h"

#include "ui/UiText.h"
#include "ui/shell/BuildInfo.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QtGlobal>

#include <openssl/crypto.h>

namespace ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(QStringLiteral("About OIDC Playground"));
    QLabel *title = typeLabel(Type::Title, QStringLiteral("OIDC Playground %1").arg(QStringLiteral(OIDCPLAY_BUILD_VERSION)));
    QLabel *caption = typeLabel(Type::Caption, QStringLiteral("Drive OpenID Connect, OAuth 2 and Descope login flows step by step, "
                                                              "with every check shown."));
    QLabel *versions = plainLabel(versionText());
    versions->setObjectName(QStringLiteral("aboutVersions"));
    versions->setAccessibleName(QStringLiteral("Versions"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout::attach(this, layout::column({title, caption, versions, layout::Stretch{}, buttons}));
}

QString AboutDialog::versionText()
{
    return QStringList{
        QStringLiteral("Version %1").arg(QStringLiteral(OIDCPLAY_BUILD_VERSION)),
        QStringLiteral("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)),
        QStringLiteral("Build: %1 · %2 · commit %3")
            .arg(QStringLiteral(OIDCPLAY_BUILD_TYPE), QStringLiteral(OIDCPLAY_BUILD_COMPILER), QStringLiteral(OIDCPLAY_BUILD_COMMIT)),
    }.join(QLatin1Char('\n'));
}

} // namespace ui

#include "moc_AboutDialog.cpp"
