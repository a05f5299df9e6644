#include "TotpCalculator.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/Async.h"
#include "oidc/jwt/ClaimChecks.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace ui {

namespace {

TotpCalculator::Computed totpCodeAt(const QString &key, qint64 now)
{
    TotpCalculator::Computed computed;
    computed.key = key;
    auto secret = oidc::otp::secretFromKey(toStd(key));
    if (!secret) {
        computed.error = errorText(secret.error());
        return computed;
    }
    auto step = oidc::otp::totpStepAt(now);
    auto code = oidc::otp::totp(*secret, now);
    if (!step || !code) {
        computed.error = errorText(step ? code.error() : step.error());
        return computed;
    }
    computed.code = qs(*code);
    computed.step = *step;
    return computed;
}

} // namespace

TotpCalculator::TotpCalculator(QWidget *parent)
    : QWidget(parent)
    , m_keyEdit(new QLineEdit)
    , m_code(plainLabel(QString()))
    , m_countdown(new QProgressBar)
    , m_status(typeLabel(Type::Caption))
    , m_error(toneLabel(QStringLiteral("totpCalculatorError"), Tone::Bad))
    , m_use(new QPushButton(QStringLiteral("Use this code")))
    , m_copy(new QPushButton(QStringLiteral("Copy")))
{
    setObjectName(QStringLiteral("totpCalculator"));
    m_keyEdit->setObjectName(QStringLiteral("totpCalculatorKeyEdit"));
    m_keyEdit->setFont(monospaceFont());
    m_keyEdit->setPlaceholderText(QStringLiteral("The base32 key, e.g. JBSWY3DPEHPK3PXP"));
    m_keyEdit->setClearButtonEnabled(true);
    m_keyEdit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_code->setObjectName(QStringLiteral("totpCalculatorCode"));
    QFont font = monospaceFont();
    font.setPointSizeF(font.pointSizeF() * 2.0);
    font.setWeight(QFont::DemiBold);
    font.setLetterSpacing(QFont::PercentageSpacing, 120);
    m_code->setFont(font);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setMinimumWidth(m_code->fontMetrics().horizontalAdvance(QStringLiteral("00000000")));
    m_countdown->setObjectName(QStringLiteral("totpCalculatorCountdown"));
    m_countdown->setTextVisible(true);
    m_status->setObjectName(QStringLiteral("totpCalculatorStatus"));
    m_use->setObjectName(QStringLiteral("totpCalculatorUse"));
    m_copy->setObjectName(QStringLiteral("totpCalculatorCopy"));

    layout::attach(this, layout::column({layout::form({{QStringLiteral("Key"), m_keyEdit}}, {.margins = layout::kFlush}),
                                         layout::row({m_code, layout::Item(m_countdown, 1), m_copy, m_use}, {.margins = layout::kFlush}),
                                         m_status, m_error},
                                        {.margins = layout::kFlush, .spacing = 6}));

    connect(m_keyEdit, &QLineEdit::textChanged, this, [this] {
        m_step.reset();
        tick();
    });
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (!m_shownCode.isEmpty())
            Q_EMIT useCode(m_shownCode);
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (!m_shownCode.isEmpty())
            QApplication::clipboard()->setText(m_shownCode);
    });
    m_timer.setInterval(1000);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TotpCalculator::tick);
    showNoCode(QStringLiteral("Paste the key of a TOTP enrolment (or sign up) to see its current code (RFC 6238: HMAC-SHA1 of the "
                              "30-second time step, 6 digits)."));
}

void TotpCalculator::setKey(const QString &key)
{
    m_keyEdit->setText(key);
}

QString TotpCalculator::key() const
{
    return m_keyEdit->text();
}

void TotpCalculator::tick()
{
    const qint64 now = oidc::jwt::unixNow();
    if (m_keyEdit->text().trimmed().isEmpty()) {
        m_timer.stop();
        ++m_serial;
        m_computing = false;
        showNoCode(QStringLiteral("Paste the key of a TOTP enrolment (or sign up) to see its current code."));
        return;
    }
    if (m_step && now < m_step->endsAt) {
        showCountdown(now);
        return;
    }
    if (!m_computing)
        compute(now);
}

void TotpCalculator::compute(qint64 now)
{
    const QString key = m_keyEdit->text();
    const quint64 serial = ++m_serial;
    m_computing = true;
    oidc::runOffThread<Computed>(
        this, [key, now] { return totpCodeAt(key, now); },
        [this, serial](Computed computed) {
            if (serial != m_serial)
                return; // the key changed meanwhile: its own computation is on its way
            m_computing = false;
            apply(computed);
        });
}

void TotpCalculator::apply(const Computed &computed)
{
    if (!computed.error.isEmpty()) {
        // A bad key stays bad until it is edited: no timer, no recomputation.
        m_timer.stop();
        showError(computed.error);
        return;
    }
    m_step = computed.step;
    m_shownCode = computed.code;
    m_code->setText(computed.code);
    m_use->setEnabled(true);
    m_copy->setEnabled(true);
    m_countdown->setRange(0, static_cast<int>(computed.step.endsAt - computed.step.startsAt));
    m_error->hide();
    m_status->show();
    m_status->setText(QStringLiteral("Time step %1 (RFC 6238 §4.2: seconds since the epoch ÷ 30). The same code as an authenticator app "
                                     "holding this key; the server accepts it for a step either side of its clock.")
                          .arg(computed.step.step));
    if (!m_timer.isActive())
        m_timer.start();
    showCountdown(oidc::jwt::unixNow());
    Q_EMIT codeChanged(m_shownCode);
}

void TotpCalculator::showCountdown(qint64 now)
{
    if (!m_step)
        return;
    const qint64 left = std::max<qint64>(0, m_step->endsAt - now);
    m_countdown->setValue(static_cast<int>(left));
    m_countdown->setFormat(left == 1 ? QStringLiteral("1 second left") : QStringLiteral("%1 seconds left").arg(left));
}

void TotpCalculator::showNoCode(const QString &why)
{
    const bool hadCode = !m_shownCode.isEmpty();
    m_step.reset();
    m_shownCode.clear();
    m_code->setText(QStringLiteral("––––––"));
    m_countdown->setRange(0, 30);
    m_countdown->setValue(0);
    m_countdown->setFormat(QString());
    m_use->setEnabled(false);
    m_copy->setEnabled(false);
    m_error->hide();
    m_status->setText(why);
    m_status->setVisible(!why.isEmpty());
    if (hadCode)
        Q_EMIT codeChanged({});
}

void TotpCalculator::showError(const QString &error)
{
    showNoCode({});
    m_error->setText(error);
    m_error->show();
}

} // namespace ui

#include "moc_TotpCalculator.cpp"
