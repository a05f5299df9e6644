#include "ui/sandbox/InboxPanel.h"

#include "ui/UiText.h"
#include "ui/sandbox/InboxModel.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "sandbox/Inbox.h"
#include "sandbox/SandboxHost.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextDocumentFragment>
#include <QTreeView>
#include <QVBoxLayout>

namespace ui {

namespace {

constexpr int kLinkTimeoutMs = 15000;
constexpr qsizetype kMaxPageBytes = 256 * 1024;

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = plainLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    setInk(label, Ink::Section);
    return label;
}

// The landing page (HTML) as a person would read it: text only, blank lines collapsed.
QString pageText(const QByteArray &body, const QString &contentType)
{
    QString text = QString::fromUtf8(body.left(kMaxPageBytes));
    if (contentType.contains(QStringLiteral("html"), Qt::CaseInsensitive))
        text = QTextDocumentFragment::fromHtml(text).toPlainText();
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines << trimmed;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

InboxPanel::InboxPanel(sandbox::SandboxHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_model(new InboxModel(host, this))
    , m_network(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("inboxPanel"));
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setTransferTimeout(kLinkTimeoutMs);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildList());
    splitter->addWidget(buildDetail());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout::attach(this, layout::column({buildHeader(),
                                         typeLabel(Type::Caption, tr("Messages the sandbox would have emailed or texted. Open a link to "
                                                                     "finish a sign-in without a browser.")),
                                         layout::Item(splitter, 1)},
                                        {.margins = QMargins(8, 8, 8, 8), .spacing = 6}));

    connect(m_filter, &QLineEdit::textChanged, m_model, &InboxModel::setLoginFilter);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_host)
            m_host->clearInbox();
    });
    connect(m_copyCode, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_code->text());
        m_copyCode->setText(tr("Copied"));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        const auto *message = m_model->messageAt(current.row());
        m_currentId = message ? message->id : 0;
        showMessage(message);
    });
    // Rows move when messages arrive; keep the detail pane on the same message.
    connect(m_model, &QAbstractItemModel::modelReset, this, &InboxPanel::showCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &InboxPanel::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &InboxPanel::updateCount);

    showMessage(nullptr);
    updateCount();
}

InboxPanel::~InboxPanel() = default;

QLayout *InboxPanel::buildHeader()
{
    // Title, filter, count, Clear.
    auto *header = new QHBoxLayout;
    header->addWidget(typeLabel(Type::Title, tr("Sandbox Inbox")));
    header->addSpacing(12);
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("inboxFilter"));
    m_filter->setPlaceholderText(tr("Filter by login ID"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(220);
    header->addWidget(m_filter, 1);
    m_count = typeLabel(Type::Caption);
    m_count->setWordWrap(false);
    header->addWidget(m_count);
    m_clear = new QPushButton(tr("Clear Inbox"));
    m_clear->setObjectName(QStringLiteral("inboxClear"));
    m_clear->setToolTip(tr("Delete every delivered message"));
    header->addWidget(m_clear);
    return header;
}

QTreeView *InboxPanel::buildList()
{
    m_view = new QTreeView;
    m_view->setObjectName(QStringLiteral("inboxList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(InboxModel::TimeColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(InboxModel::KindColumn, QHeaderView::ResizeToContents);
    m_view->setColumnWidth(InboxModel::ToColumn, 170);
    m_view->setMinimumWidth(360);
    return m_view;
}

QWidget *InboxPanel::buildDetail()
{
    m_detail = new QFrame;
    m_detail->setObjectName(QStringLiteral("inboxDetail"));
    auto *detail = new QVBoxLayout(m_detail);
    detail->setContentsMargins(12, 4, 4, 4);
    detail->setSpacing(8);

    m_empty = typeLabel(Type::Caption, tr("Select a message to read it."));
    m_empty->setWordWrap(false);
    m_empty->setAlignment(Qt::AlignCenter);
    detail->addWidget(m_empty);

    m_subject = typeLabel(Type::Heading);
    m_subject->setObjectName(QStringLiteral("inboxSubject"));
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail->addWidget(m_subject);

    m_meta = plainLabel({}, m_detail);
    m_meta->setObjectName(QStringLiteral("inboxMeta"));
    m_meta->setWordWrap(true);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setInk(m_meta, Ink::Section);
    detail->addWidget(m_meta);

    detail->addWidget(buildCodeBox());

    // Links.
    m_linksBox = new QWidget(m_detail);
    m_linksLayout = new QVBoxLayout(m_linksBox);
    m_linksLayout->setContentsMargins(0, 0, 0, 0);
    m_linksLayout->setSpacing(4);
    detail->addWidget(m_linksBox);

    m_result = plainLabel({}, m_detail);
    m_result->setObjectName(QStringLiteral("inboxLinkResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail->addWidget(m_result);

    detail->addWidget(sectionLabel(tr("Message"), m_detail));
    m_text = new QPlainTextEdit(m_detail);
    m_text->setObjectName(QStringLiteral("inboxText"));
    m_text->setReadOnly(true);
    m_text->setFont(monospaceFont());
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    detail->addWidget(m_text, 1);
    return m_detail;
}

QWidget *InboxPanel::buildCodeBox()
{
    // An OTP code, large, with Copy.
    m_codeBox = new QWidget;
    auto *codeLayout = new QHBoxLayout(m_codeBox);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->addWidget(sectionLabel(tr("Code"), m_codeBox));
    m_code = plainLabel({}, m_codeBox);
    m_code->setObjectName(QStringLiteral("inboxCode"));
    QFont codeFont = monospaceFont();
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.8);
    codeFont.setBold(true);
    codeFont.setLetterSpacing(QFont::AbsoluteSpacing, 3);
    m_code->setFont(codeFont);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setBox(m_code, Box::Code, QStringLiteral("border-radius: 4px; padding: 4px 12px;"));
    codeLayout->addWidget(m_code);
    m_copyCode = new QPushButton(tr("Copy"), m_codeBox);
    m_copyCode->setObjectName(QStringLiteral("inboxCopyCode"));
    m_copyCode->setToolTip(tr("Copy the code to the clipboard"));
    codeLayout->addWidget(m_copyCode);
    codeLayout->addStretch(1);

    return m_codeBox;
}


void InboxPanel::updateCount()
{
    const int shown = m_model->rowCount();
    const qsizetype total = m_host ? static_cast<qsizetype>(m_host->inbox().size()) : 0;
    if (m_model->loginFilter().isEmpty())
        m_count->setText(shown == 1 ? tr("1 message") : tr("%1 messages").arg(shown));
    else
        m_count->setText(tr("%1 of %2 messages").arg(shown).arg(total));
    m_clear->setEnabled(m_host && total > 0);
}

void InboxPanel::showCurrent()
{
    updateCount();
    const int row = m_currentId ? m_model->rowOfMessage(m_currentId) : -1;
    if (row < 0) {
        m_currentId = 0;
        showMessage(nullptr);
        return;
    }
    selectMessage(m_currentId);
}

void InboxPanel::selectMessage(quint64 id)
{
    const int row = m_model->rowOfMessage(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    // currentRowChanged does not fire when the row stays current (e.g. after a reset).
    if (m_currentId != id || m_subject->text().isEmpty()) {
        m_currentId = id;
        showMessage(m_model->messageAt(row));
    }
}

bool InboxPanel::isSandboxUrl(const QUrl &url) const
{
    if (!m_host || !m_host->isRunning())
        return false;
    const QUrl base = m_host->baseUrl();
    return url.isValid() && url.scheme() == base.scheme() && url.host() == base.host() && url.port() == base.port();
}

void InboxPanel::showMessage(const sandbox::InboxMessage *message)
{
    // Link buttons belong to one message.
    while (QLayoutItem *item = m_linksLayout->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    m_result->clear();
    m_result->hide();

    const bool has = message != nullptr;
    m_empty->setVisible(!has);
    m_subject->setVisible(has);
    m_meta->setVisible(has);
    m_text->setVisible(has);
    m_codeBox->setVisible(has && !message->code.empty());
    m_linksBox->setVisible(has && !message->links.empty());
    if (!has) {
        m_subject->clear();
        m_meta->clear();
        m_text->clear();
        return;
    }

    m_subject->setText(message->subject.empty() ? InboxModel::kindLabel(message->kind) : qs(message->subject));
    const QString when = QDateTime::fromSecsSinceEpoch(message->createdAt).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_meta->setText(tr("%1 · %2 to %3 · login ID %4 · %5")
                        .arg(InboxModel::kindLabel(message->kind), qs(message->channel), qs(message->to), qs(message->loginId), when));
    m_code->setText(qs(message->code));
    m_copyCode->setText(tr("Copy"));
    m_text->setPlainText(qs(message->text));

    if (!message->links.empty()) {
        const bool enchanted = message->kind == "enchanted-link";
        m_linksLayout->addWidget(sectionLabel(enchanted ? tr("Links: open the one whose number the app shows") : tr("Link"), m_linksBox));
        for (const auto &link : message->links) {
            const QUrl url(qs(link.url));
            auto *row = new QWidget(m_linksBox);
            auto *rowLayout = new QHBoxLayout(row);
            rowLayout->setContentsMargins(0, 0, 0, 0);
            if (!link.number.empty()) {
                auto *number = plainLabel(qs(link.number), row);
                QFont font = number->font();
                font.setBold(true);
                number->setFont(font);
                number->setAlignment(Qt::AlignCenter);
                number->setMinimumWidth(36);
                setBox(number, Box::LinkNumber, QStringLiteral("border-radius: 4px; padding: 3px 6px;"));
                rowLayout->addWidget(number);
            }
            auto *open = new QPushButton(link.number.empty() ? tr("Open link") : tr("Open link %1").arg(qs(link.number)), row);
            open->setObjectName(QStringLiteral("inboxOpenLink"));
            open->setProperty("linkNumber", qs(link.number));
            open->setProperty("linkUrl", url);
            open->setEnabled(isSandboxUrl(url));
            open->setToolTip(open->isEnabled() ? tr("Request this link from the sandbox (completes the sign-in)")
                                               : tr("Not a sandbox URL: copy it and open it where it belongs"));
            rowLayout->addWidget(open);
            auto *urlLabel = plainLabel(qs(link.url), row);
            urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
            setInk(urlLabel, Ink::Muted);
            urlLabel->setMinimumWidth(80);
            urlLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
            urlLabel->setToolTip(plainToolTip(qs(link.url)));
            rowLayout->addWidget(urlLabel, 1);
            auto *copy = new QPushButton(tr("Copy"), row);
            copy->setToolTip(tr("Copy the link"));
            connect(copy, &QPushButton::clicked, this, [text = qs(link.url)] { QApplication::clipboard()->setText(text); });
            rowLayout->addWidget(copy);
            connect(open, &QPushButton::clicked, this, [this, url] { openLink(url); });
            m_linksLayout->addWidget(row);
        }
    }
}

bool InboxPanel::openLink(const QUrl &url)
{
    if (!isSandboxUrl(url))
        return false;
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "text/html, text/plain;q=0.9, */*;q=0.5");
    QNetworkReply *reply = m_network->get(request);
    m_result->setText(tr("Opening the link…"));
    setTone(m_result, Tone::Neutral);
    m_result->show();
    const quint64 messageId = m_currentId;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, messageId] {
        reply->deleteLater();
        if (m_currentId != messageId) { // the user moved on: report, but don't touch the pane
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            Q_EMIT linkOpened(url, status, pageText(reply->readAll(), reply->header(QNetworkRequest::ContentTypeHeader).toString()));
            return;
        }
        linkFinished(reply, url);
    });
    return true;
}

void InboxPanel::linkFinished(QNetworkReply *reply, const QUrl &url)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const QString error = reply->errorString();
        m_result->setText(tr("Could not open the link: %1").arg(error));
        setTone(m_result, Tone::Bad);
        m_result->show();
        Q_EMIT linkOpened(url, 0, error);
        return;
    }
    const QString text = pageText(reply->readAll(), reply->header(QNetworkRequest::ContentTypeHeader).toString());
    m_result->setText(tr("HTTP %1\n%2").arg(status).arg(text));
    setTone(m_result, status >= 200 && status < 300 ? Tone::Good : Tone::Bad);
    m_result->show();
    Q_EMIT linkOpened(url, status, text);
}

} // namespace ui

#include "moc_InboxPanel.cpp"
