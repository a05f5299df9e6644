// The shared widgets that remember their hints (issue 12): SteadyText (a text of the same shape,
// digits changed, asks no layout above it to lay out again; a new shape does; its hints and
// heights are those of the label alone, and the label covers it), WrappedLabel (its hints per
// text are QLabel's) and TabbedPages (its remembered hint follows a page's change); TextCache (a
// text laid out once per text, font, width and elision) and the tables of records' delegate over it
// (a changed cell paints its new text); labels selectable under the pointer (UnderPointer.h).

#include "QtTestMain.h"
#include "ui/widgets/CachedTextDelegate.h"
#include "ui/widgets/KeptGroupBox.h"
#include "ui/widgets/RecordTable.h"
#include "ui/widgets/SteadyText.h"
#include "ui/widgets/TabbedPages.h"
#include "ui/widgets/TextCache.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/UnderPointer.h"
#include "ui/widgets/WrappedLabel.h"

#include <QEnterEvent>
#include <QEvent>
#include <QFontMetrics>
#include <QGroupBox>
#include <QPushButton>
#include <QImage>
#include <QLabel>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace tst_widgets {

// Counts the layout requests a widget receives.
class LayoutRequests final : public QObject {
public:
    explicit LayoutRequests(QWidget *widget) { widget->installEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::LayoutRequest)
            ++count;
        return false;
    }
};

class TestWidgets final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labelsAreSelectableUnderThePointer();
    void selectableLabelsPaintAndMeasureAsPlainOnes();
    void keptGroupBoxPaintsAsQGroupBox();
    void sameShapeLaysOutNothingAbove();
    void hintsAreTheLabels();
    void shapeTakesDigitsAsZero();
    void wrappedLabelHintsPerTextAreQLabels();
    void wrappedLabelMeasuresASelectableTextAsPlain();
    void tabbedPagesHintFollowsAPage();
    void textCacheKeepsATextPerTextFontWidthAndElision();
    void recordTableRepaintsAChangedCell();
    void recordTableSizeHintsAreQtsForEveryCell();
};

namespace {

bool hasTextControl(const QLabel *label)
{
    const auto children = label->findChildren<QObject *>(Qt::FindDirectChildrenOnly);
    return std::any_of(children.cbegin(), children.cend(),
                       [](const QObject *child) { return qstrcmp(child->metaObject()->className(), "QWidgetTextControl") == 0; });
}

void pointerEnters(QLabel *label)
{
    QEnterEvent enter(QPointF(2, 2), QPointF(2, 2), label->mapToGlobal(QPointF(2, 2)));
    QCoreApplication::sendEvent(label, &enter);
}

void pointerLeaves(QLabel *label)
{
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(label, &leave);
}

} // namespace

// A boxed message (toneLabel) and a status field are selectable while the pointer is over them, and
// make no QTextDocument otherwise (QLabel's text control is a child QWidgetTextControl); a selection
// keeps the label selectable until a later leave; flags the owner sets win.
void TestWidgets::labelsAreSelectableUnderThePointer()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    QLabel *message = ui::toneLabel(QStringLiteral("message"), ui::Tone::Warning, QStringLiteral("No keychain answered."));
    QLabel *owned = ui::toneLabel(QStringLiteral("owned"), ui::Tone::Neutral, QStringLiteral("Not selectable."));
    owned->setTextInteractionFlags(Qt::NoTextInteraction);
    auto *status = new QLabel(QStringLiteral("Last: POST 127.0.0.1 · 200 · 12 ms · 12:34:56"));
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    ui::selectableUnderPointer(status);
    QVERIFY(!(status->textInteractionFlags() & Qt::TextSelectableByMouse)); // taken over: off until pointed at
    layout->addWidget(message);
    layout->addWidget(owned);
    layout->addWidget(status);
    const QSize hintBefore = message->sizeHint();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (QLabel *label : {message, status}) {
        QVERIFY(!(label->textInteractionFlags() & Qt::TextSelectableByMouse));
        QVERIFY(!hasTextControl(label));
        pointerEnters(label);
        QVERIFY(label->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY(hasTextControl(label));
        pointerLeaves(label);
        QVERIFY(!(label->textInteractionFlags() & Qt::TextSelectableByMouse));
        QVERIFY(!hasTextControl(label));
    }
    QCOMPARE(message->sizeHint(), hintBefore);
    // A selection is kept for copying, and let go at the next leave without one.
    pointerEnters(message);
    message->setSelection(0, 2);
    QVERIFY(message->hasSelectedText());
    pointerLeaves(message);
    QVERIFY(message->textInteractionFlags() & Qt::TextSelectableByMouse);
    QCOMPARE(message->selectedText(), QStringLiteral("No"));
    message->setText(QStringLiteral("The keychain answered.")); // a new text has no selection once painted
    message->repaint();
    pointerLeaves(message);
    QVERIFY(!(message->textInteractionFlags() & Qt::TextSelectableByMouse));
    // The owner's flags stay, pointer or not.
    pointerEnters(owned);
    QCOMPARE(owned->textInteractionFlags(), Qt::TextInteractionFlags(Qt::NoTextInteraction));
    status->setTextInteractionFlags(Qt::TextSelectableByKeyboard);
    pointerEnters(status);
    pointerLeaves(status);
    QCOMPARE(status->textInteractionFlags(), Qt::TextInteractionFlags(Qt::TextSelectableByKeyboard));
}

// What makes selecting under the pointer invisible: a text that fits its label paints the same pixels
// selectable (through the QTextDocument) or not, and a WrappedLabel or a one-line label measures the
// same hints (a wrapping QLabel does not: the reason selectableUnderPointer wants a WrappedLabel).
void TestWidgets::selectableLabelsPaintAndMeasureAsPlainOnes()
{
    const QString line = QStringLiteral("Last: POST 127.0.0.1 · 200 · 12 ms · 12:34:56");
    const QString paragraph = QStringLiteral("Signed in as alice@example.com (sub U2abc), access token expires in 299 s, "
                                             "refresh token present, scope openid profile email offline_access.");
    const auto grab = [](QLabel &label) { return label.grab().toImage(); };
    for (const bool wrap : {false, true}) {
        for (const Qt::Alignment alignment : {Qt::AlignLeft | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignVCenter, Qt::AlignLeft | Qt::AlignTop}) {
            ui::WrappedLabel plain(wrap ? paragraph : line);
            ui::WrappedLabel selectable(wrap ? paragraph : line);
            for (ui::WrappedLabel *label : {&plain, &selectable}) {
                label->setWordWrap(wrap);
                label->setAlignment(alignment);
                label->resize(wrap ? 260 : plain.sizeHint().width() + 20, wrap ? plain.heightForWidth(260) + 4 : plain.sizeHint().height() + 6);
            }
            selectable.setTextInteractionFlags(Qt::TextSelectableByMouse);
            QVERIFY(hasTextControl(&selectable));
            QCOMPARE(grab(selectable), grab(plain));
            QCOMPARE(selectable.sizeHint(), plain.sizeHint());
        }
    }
    QLabel plainLine(line);
    QLabel selectableLine(line);
    selectableLine.setTextInteractionFlags(Qt::TextSelectableByMouse);
    QCOMPARE(selectableLine.sizeHint(), plainLine.sizeHint());
    QCOMPARE(selectableLine.minimumSizeHint(), plainLine.minimumSizeHint());
}

// A KeptGroupBox paints the pixels QGroupBox paints, its buttons included, from its kept pixmap too
// (the second paint), and follows a change of title, size and state.
void TestWidgets::keptGroupBoxPaintsAsQGroupBox()
{
    for (const QString &style : {QStringLiteral("Fusion"), QStringLiteral("Windows")}) {
        std::unique_ptr<QStyle> looks(QStyleFactory::create(style));
        QVERIFY(looks);
        QGroupBox plain(QStringLiteral("After sign-in"));
        ui::KeptGroupBox kept(QStringLiteral("After sign-in"));
        for (QGroupBox *box : {&plain, static_cast<QGroupBox *>(&kept)}) {
            box->setStyle(looks.get());
            auto *layout = new QVBoxLayout(box);
            layout->addWidget(new QPushButton(QStringLiteral("Refresh")));
            layout->addWidget(new QPushButton(QStringLiteral("Logout")));
            box->resize(200, 110);
        }
        const auto same = [&](const char *what) {
            for (int time = 1; time <= 2; ++time) // painted into the pixmap, then from it
                QVERIFY2(kept.grab().toImage() == plain.grab().toImage(), qPrintable(QStringLiteral("%1, %2, paint %3").arg(style, QLatin1String(what)).arg(time)));
        };
        same("as built");
        for (QGroupBox *box : {&plain, static_cast<QGroupBox *>(&kept)})
            box->setTitle(QStringLiteral("Session"));
        same("another title");
        for (QGroupBox *box : {&plain, static_cast<QGroupBox *>(&kept)})
            box->resize(240, 130);
        same("another size");
        for (QGroupBox *box : {&plain, static_cast<QGroupBox *>(&kept)})
            box->setEnabled(false);
        same("disabled");
    }
}

void TestWidgets::sameShapeLaysOutNothingAbove()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *text = new ui::SteadyText;
    text->label()->setWordWrap(true);
    layout->addWidget(text);
    layout->addStretch();
    text->setText(QStringLiteral("Expires in 4 min 12 s — at 2026-12-03 17:04:41"));
    window.resize(400, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
    const LayoutRequests requests(&window);

    text->setText(QStringLiteral("Expires in 4 min 11 s — at 2026-12-03 17:04:41"));
    QCoreApplication::processEvents();
    QCOMPARE(requests.count, 0);
    QCOMPARE(text->label()->text(), QStringLiteral("Expires in 4 min 11 s — at 2026-12-03 17:04:41"));
    QCOMPARE(text->label()->geometry(), text->rect());

    // One digit fewer: a new shape, the layouts above are told.
    text->setText(QStringLiteral("Expires in 4 min 9 s — at 2026-12-03 17:04:41"));
    QCoreApplication::processEvents();
    QVERIFY(requests.count > 0);
    QCOMPARE(text->label()->geometry(), text->rect());
}

void TestWidgets::hintsAreTheLabels()
{
    const QString texts[] = {QStringLiteral("Expires in 58 min 3 s — at 2026-12-03 17:04:41"), QStringLiteral("Expired 12 s ago — at 2026-12-03 17:04:41"),
                             QStringLiteral("No exp claim: this token does not expire by itself.")};
    ui::SteadyText text;
    text.label()->setWordWrap(true);
    QFont bold = text.label()->font();
    bold.setWeight(QFont::DemiBold);
    text.label()->setFont(bold);
    ui::WrappedLabel alone;
    alone.setWordWrap(true);
    alone.setFont(bold);
    QVERIFY(text.hasHeightForWidth());
    for (const QString &shown : texts) {
        text.setText(shown);
        alone.setText(shown);
        QCOMPARE(text.sizeHint(), alone.sizeHint());
        QCOMPARE(text.minimumSizeHint(), alone.minimumSizeHint());
        for (const int width : {80, 150, 300, 600})
            QCOMPARE(text.heightForWidth(width), alone.heightForWidth(width));
    }
    // A font change on the label: the hints follow it.
    QFont large = bold;
    large.setPointSizeF(bold.pointSizeF() * 2);
    text.label()->setFont(large);
    alone.setFont(large);
    QCOMPARE(text.sizeHint(), alone.sizeHint());
    QCOMPARE(text.heightForWidth(150), alone.heightForWidth(150));
}

void TestWidgets::shapeTakesDigitsAsZero()
{
    QCOMPARE(ui::SteadyText::shapeOf(QStringLiteral("in 4 min 59 s")), QStringLiteral("in 0 min 00 s"));
    QVERIFY(ui::SteadyText::shapeOf(QStringLiteral("in 10 s")) != ui::SteadyText::shapeOf(QStringLiteral("in 9 s")));
}

// Where `ours` measures its text otherwise than `qts` (empty when they agree): the size hint, the
// minimum size hint and the height at each of `widths`.
QString hintDifference(const QLabel &ours, const QLabel &qts, std::initializer_list<int> widths)
{
    const auto size = [](QSize value) { return QStringLiteral("%1x%2").arg(value.width()).arg(value.height()); };
    if (ours.sizeHint() != qts.sizeHint())
        return QStringLiteral("size hint %1, QLabel's %2").arg(size(ours.sizeHint()), size(qts.sizeHint()));
    if (ours.minimumSizeHint() != qts.minimumSizeHint())
        return QStringLiteral("minimum size hint %1, QLabel's %2").arg(size(ours.minimumSizeHint()), size(qts.minimumSizeHint()));
    for (const int width : widths) {
        if (ours.heightForWidth(width) != qts.heightForWidth(width))
            return QStringLiteral("height at %1: %2, QLabel's %3").arg(width).arg(ours.heightForWidth(width)).arg(qts.heightForWidth(width));
    }
    return {};
}

void TestWidgets::wrappedLabelHintsPerTextAreQLabels()
{
    const QString texts[] = {QStringLiteral("3. Exchange the code"), QStringLiteral("The app sends the code, the verifier and its client credentials to the token endpoint."),
                             QStringLiteral("4. Validate the ID token")};
    ui::WrappedLabel remembering;
    QLabel plain;
    // The same change to both labels.
    const auto both = [&](const auto &change) {
        change(static_cast<QLabel &>(remembering));
        change(plain);
    };
    both([](QLabel &label) {
        label.setTextFormat(Qt::PlainText);
        label.setWordWrap(true);
    });
    // Back and forth between the texts, as the step title and description go between the steps.
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &text : texts) {
            both([&](QLabel &label) { label.setText(text); });
            const QString difference = hintDifference(remembering, plain, {60, 200, 500});
            QVERIFY2(difference.isEmpty(), qPrintable(text + QStringLiteral(": ") + difference));
        }
        // What the hints depend on besides the text: remembered apart.
        both([pass](QLabel &label) {
            label.setMaximumWidth(pass == 0 ? 120 : QWIDGETSIZE_MAX);
            label.setMargin(pass == 0 ? 6 : 0);
        });
    }
    // A minimum width (the session line's), an indent, a frame, a tab and an empty text.
    both([](QLabel &label) { label.setMinimumWidth(40); });
    for (int pass = 0; pass < 3; ++pass) {
        for (const QString &text : {texts[1], QStringLiteral("iss\thttps://issuer.example/with/a/path"), QString()}) {
            both([&](QLabel &label) { label.setText(text); });
            const QString difference = hintDifference(remembering, plain, {0, 60, 333});
            QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("pass %1, \"%2\": %3").arg(pass).arg(text, difference)));
        }
        both([pass](QLabel &label) {
            label.setIndent(pass == 0 ? 9 : -1);
            label.setFrameShape(pass == 1 ? QFrame::Box : QFrame::NoFrame);
        });
    }
    // Rich text (were a caller to set it) is QLabel's to measure; a format change is not answered
    // from what was remembered for the plain text.
    both([](QLabel &label) { label.setText(QStringLiteral("<b>Bold</b> and <i>a long run of italic words</i> that wraps at some width")); });
    const QSize asPlain = remembering.sizeHint();
    QCOMPARE(asPlain, plain.sizeHint());
    both([](QLabel &label) { label.setTextFormat(Qt::RichText); });
    const QString difference = hintDifference(remembering, plain, {150});
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    QVERIFY(remembering.sizeHint() != asPlain);
}

// A selectable label is measured as the same label not selectable (QLabel would lay a
// QTextDocument out twice per measure), and selecting takes nothing from its painted lines.
void TestWidgets::wrappedLabelMeasuresASelectableTextAsPlain()
{
    const QString text = QStringLiteral("Signed in as alice@example.com · tokens obtained at 23:41:07 · scope openid profile email offline_access");
    ui::WrappedLabel selectable(text);
    ui::WrappedLabel plain(text);
    for (ui::WrappedLabel *label : {&selectable, &plain})
        label->setWordWrap(true);
    selectable.setTextInteractionFlags(Qt::TextSelectableByMouse);
    QCOMPARE(selectable.sizeHint(), plain.sizeHint());
    QCOMPARE(selectable.minimumSizeHint(), plain.minimumSizeHint());
    for (const int width : {80, 200, 420})
        QCOMPARE(selectable.heightForWidth(width), plain.heightForWidth(width));
    // QLabel's own measure through its document: never taller than ours at any of these widths.
    QLabel document(text);
    document.setTextFormat(Qt::PlainText);
    document.setWordWrap(true);
    document.setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (const int width : {80, 200, 420})
        QVERIFY2(document.heightForWidth(width) <= selectable.heightForWidth(width), qPrintable(QString::number(width)));
}

void TestWidgets::tabbedPagesHintFollowsAPage()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *tabs = new ui::TabbedPages;
    auto *page = new QLabel(QStringLiteral("short"));
    tabs->addTab(page, QStringLiteral("One"));
    tabs->addTab(new QLabel(QStringLiteral("other")), QStringLiteral("Two"));
    layout->addWidget(tabs);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
    const QSize before = tabs->sizeHint();
    QCOMPARE(tabs->sizeHint(), before);
    page->setText(QStringLiteral("a page's text much wider than the tab bar and than the short text it had before"));
    // The page's layout request, then the tab widget's.
    QTRY_VERIFY_WITH_TIMEOUT(tabs->sizeHint().width() > before.width(), 2000);
    QVERIFY(tabs->minimumSizeHint().width() >= page->minimumSizeHint().width());
}

void TestWidgets::textCacheKeepsATextPerTextFontWidthAndElision()
{
    ui::TextCache cache(4);
    const QFont font;
    const QString longText = QStringLiteral("https://issuer.example/a/very/long/path/that/does/not/fit");
    const QStaticText *first = &cache.text(longText, font, 80);
    QCOMPARE(&cache.text(longText, font, 80), first); // asked again: the same layout
    QCOMPARE(cache.size(), 1);
    // Elided to its width, as QFontMetrics elides it; whole without elision.
    QCOMPARE(first->text(), QFontMetrics(font).elidedText(longText, Qt::ElideRight, 80));
    QVERIFY(first->text() != longText);
    QCOMPARE(cache.text(longText, font, 80, Qt::ElideNone).text(), longText);
    // Another width, another font, another text: each laid out anew.
    QCOMPARE(cache.text(longText, font, 2000).text(), longText);
    QFont bold = font;
    bold.setBold(true);
    QCOMPARE(cache.text(longText, bold, 80).text(), QFontMetrics(bold).elidedText(longText, Qt::ElideRight, 80));
    QCOMPARE(cache.size(), 4);
    // Full: everything is forgotten and the new text kept.
    QCOMPARE(cache.text(QStringLiteral("OK"), font, 80).text(), QStringLiteral("OK"));
    QCOMPARE(cache.size(), 1);
}

void TestWidgets::recordTableRepaintsAChangedCell()
{
    const auto table = [](QStandardItemModel &model) {
        auto view = std::make_unique<QTableView>();
        ui::setUpRecordTable(view.get());
        view->setModel(&model);
        view->resize(300, 120);
        view->setColumnWidth(0, 200);
        return view;
    };
    QStandardItemModel model(2, 2);
    model.setItem(0, 0, new QStandardItem(QStringLiteral("iss")));
    model.setItem(0, 1, new QStandardItem(QStringLiteral("pass")));
    model.setItem(1, 0, new QStandardItem(QStringLiteral("a text too long for its column, elided at its end")));
    const auto view = table(model);
    QVERIFY(qobject_cast<ui::CachedTextDelegate *>(view->itemDelegate()));
    const QImage before = view->grab().toImage();
    model.item(0, 1)->setText(QStringLiteral("fail"));
    const QImage after = view->grab().toImage();
    QVERIFY(after != before);
    // As a table that never painted the old text paints the new one.
    const auto fresh = table(model);
    QCOMPARE(fresh->grab().toImage(), after);
}

void TestWidgets::recordTableSizeHintsAreQtsForEveryCell()
{
    QStandardItemModel model(7, 1);
    model.setItem(0, 0, new QStandardItem(QStringLiteral("iss")));
    model.setItem(1, 0, new QStandardItem(QStringLiteral("a longer text, with kerning pairs: AVA To Wa")));
    model.setItem(2, 0, new QStandardItem(QStringLiteral("two\nlines")));
    auto *checked = new QStandardItem(QStringLiteral("checked"));
    checked->setCheckable(true);
    checked->setCheckState(Qt::Checked);
    model.setItem(3, 0, checked);
    auto *sized = new QStandardItem(QStringLiteral("sized"));
    sized->setData(QSize(77, 33), Qt::SizeHintRole);
    model.setItem(4, 0, sized);
    auto *bold = new QStandardItem(QStringLiteral("iss"));
    QFont boldFont = bold->font();
    boldFont.setBold(true);
    bold->setFont(boldFont);
    model.setItem(5, 0, bold);
    model.setItem(6, 0, new QStandardItem(QString()));
    QTableView view;
    ui::setUpRecordTable(&view);
    view.setModel(&model);
    auto *cached = qobject_cast<ui::CachedTextDelegate *>(view.itemDelegate());
    QVERIFY(cached);
    QStyledItemDelegate plain;
    const auto compareAll = [&](const char *when) {
        for (int row = 0; row < model.rowCount(); ++row) {
            QStyleOptionViewItem option;
            option.initFrom(&view);
            option.font = view.font();
            option.widget = &view;
            option.rect = QRect(0, 0, 40, 20);
            const QModelIndex index = model.index(row, 0);
            const QSize ours = cached->sizeHint(option, index);
            const QSize qts = plain.sizeHint(option, index);
            QVERIFY2(ours == qts, qPrintable(QStringLiteral("%1, row %2: %3x%4, Qt's %5x%6")
                                                 .arg(QLatin1String(when)).arg(row)
                                                 .arg(ours.width()).arg(ours.height()).arg(qts.width()).arg(qts.height())));
        }
    };
    compareAll("first");
    compareAll("remembered"); // the same answers from the cache
    // A remembered text in another font, a new text, and another style are measured again.
    QFont larger = model.item(0, 0)->font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    model.item(0, 0)->setFont(larger);
    model.item(1, 0)->setText(QStringLiteral("iss"));
    compareAll("after changes");
    QVERIFY(cached->sizeHint(QStyleOptionViewItem(), model.index(0, 0)).width() > cached->sizeHint(QStyleOptionViewItem(), model.index(1, 0)).width());
    const std::unique_ptr<QStyle> windows(QStyleFactory::create(QStringLiteral("Windows")));
    if (windows) {
        view.setStyle(windows.get());
        compareAll("in the Windows style");
        view.setStyle(nullptr);
    }
}

} // namespace tst_widgets

OIDCPLAY_QTEST_MAIN(tst_widgets, tst_widgets::TestWidgets)
#include "tst_widgets.moc"
