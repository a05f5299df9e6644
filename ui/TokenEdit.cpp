#include "TokenEdit.h"

#include "ui/UiText.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace ui {

TokenEdit::TokenEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("tokenEdit"));
    setFont(monospaceFont());
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere); // a token has no spaces to break at
    setTabChangesFocus(true);
    setAcceptDrops(true);
    setPlaceholderText(QStringLiteral("Paste a JWT (header.payload.signature), or drop a token or a file containing one…"));
}

QString TokenEdit::localFile(const QMimeData *source)
{
    if (!source || !source->hasUrls())
        return {};
    const QList<QUrl> urls = source->urls();
    if (urls.size() != 1 || !urls.front().isLocalFile())
        return {};
    return urls.front().toLocalFile();
}

bool TokenEdit::loadFile(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT fileError(QStringLiteral("Cannot read %1: %2").arg(name, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes) {
        Q_EMIT fileError(QStringLiteral("%1 is larger than 1 MiB: not a token file").arg(name));
        return false;
    }
    setPlainText(QString::fromUtf8(bytes).trimmed());
    return true;
}

void TokenEdit::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFile(event->mimeData()).isEmpty() || event->mimeData()->hasText()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragEnterEvent(event);
}

void TokenEdit::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFile(event->mimeData()).isEmpty() || event->mimeData()->hasText()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragMoveEvent(event);
}

void TokenEdit::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (const QString path = localFile(mime); !path.isEmpty()) {
        loadFile(path);
        event->acceptProposedAction();
        return;
    }
    if (mime->hasText()) {
        // A dropped token replaces what was there: tokens are never edited by concatenation.
        setPlainText(mime->text().trimmed());
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dropEvent(event);
}

bool TokenEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return !localFile(source).isEmpty() || QPlainTextEdit::canInsertFromMimeData(source);
}

void TokenEdit::insertFromMimeData(const QMimeData *source)
{
    // Pasting a copied file (file managers put a file URL on the clipboard) reads the file.
    if (const QString path = localFile(source); !path.isEmpty() && !source->hasText()) {
        loadFile(path);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace ui

#include "moc_TokenEdit.cpp"
