#include "UnderPointer.h"

#include "ui/widgets/WrappedLabel.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QPointer>

namespace ui {

namespace {

class SelectableUnderPointer final : public QObject {
public:
    explicit SelectableUnderPointer(QLabel *label)
        : QObject(label)
        , m_label(label)
        , m_base(label->textInteractionFlags() & ~Qt::TextSelectableByMouse)
        , m_set(label->textInteractionFlags())
    {
        label->installEventFilter(this);
        apply(label->underMouse());
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_label) {
            if (event->type() == QEvent::Enter)
                apply(true);
            else if (event->type() == QEvent::Leave)
                release();
        }
        return false;
    }

private:
    void apply(bool selectable)
    {
        if (m_label->textInteractionFlags() != m_set) { // the owner set flags of its own: they stay
            m_label->removeEventFilter(this);
            deleteLater();
            return;
        }
        m_set = selectable ? m_base | Qt::TextSelectableByMouse : m_base;
        m_label->setTextInteractionFlags(m_set);
    }

    void release()
    {
        if (m_label->hasSelectedText())
            return; // kept for copying; let go at a later leave
        if (QWidget *popup = QApplication::activePopupWidget()) {
            // Its context menu's Copy acts on the text control: let go once the menu has closed.
            if (m_popup != popup) {
                m_popup = popup;
                connect(popup, &QObject::destroyed, this, [this] {
                    if (!m_label->underMouse())
                        release();
                });
            }
            return;
        }
        apply(false);
    }

    QLabel *m_label;
    Qt::TextInteractionFlags m_base; // the flags without selection
    Qt::TextInteractionFlags m_set;  // the flags this sets last
    QPointer<QWidget> m_popup;
};

} // namespace

void selectableUnderPointer(QLabel *label)
{
    Q_ASSERT(!label->wordWrap() || qobject_cast<WrappedLabel *>(label));
    new SelectableUnderPointer(label);
}

} // namespace ui
