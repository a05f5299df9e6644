#pragma once

// Where a token is pasted or dropped. A drop replaces the whole text: dropped text is taken as
// is, a dropped file is read (a token file, a .txt with a Bearer header line…). Paste inserts
// as usual.

#include <QPlainTextEdit>

namespace ui {

class TokenEdit final : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr qint64 kMaxFileBytes = 1024 * 1024; // a token file, not a disk image

    explicit TokenEdit(QWidget *parent = nullptr);

    // Reads a token file into the editor; false (and fileError() emitted) when it cannot.
    bool loadFile(const QString &path);

Q_SIGNALS:
    void fileError(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    [[nodiscard]] static QString localFile(const QMimeData *source);
};

} // namespace ui
