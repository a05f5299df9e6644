// The UI's item models on their own: structure (QAbstractItemModelTester), order, meanings.

#include "QtTestMain.h"
#include "ui/AreaListModel.h"
#include "ui/CheckListModel.h"
#include "ui/ClaimTreeModel.h"
#include "ui/UiText.h"

#include "oidc/HumanTime.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

namespace tst_ui_models {

using ui::AreaListModel;
using ui::CheckListModel;
using ui::ClaimTreeModel;

class TestUiModels final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void claimTreeKeepsTokenOrderAndExplains();
    void claimTreeNestedTenantsAndNsec();
    void claimTreeTimeClaims();
    void claimTreeRejectsNonObjects();
    void checkListColumnsAndColours();
    void areaListEnableAndNotes();
};

void TestUiModels::claimTreeKeepsTokenOrderAndExplains()
{
    ClaimTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setToken("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"k1\",\"x-extra\":1}",
                           "{\"sub\":\"alice\",\"iss\":\"https://issuer.example\",\"zz_private\":\"x\",\"aud\":[\"a\",\"b\"]}"));
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex header = model.index(0, 0);
    const QModelIndex claims = model.index(1, 0);
    QCOMPARE(header.data().toString(), QStringLiteral("Header"));
    QCOMPARE(claims.data().toString(), QStringLiteral("Payload"));
    QVERIFY(header.data(ClaimTreeModel::SectionRole).toBool());
    // Token order, not sorted.
    QCOMPARE(model.index(0, 0, header).data().toString(), QStringLiteral("typ"));
    QCOMPARE(model.index(1, 0, header).data().toString(), QStringLiteral("alg"));
    QCOMPARE(model.index(0, 0, claims).data().toString(), QStringLiteral("sub"));
    QCOMPARE(model.index(1, 0, claims).data().toString(), QStringLiteral("iss"));
    // Values as JSON, meanings from the catalogue.
    QCOMPARE(model.memberIndex(1, QStringLiteral("sub"), ClaimTreeModel::ValueColumn).data().toString(), QStringLiteral("\"alice\""));
    QCOMPARE(model.memberIndex(1, QStringLiteral("aud"), ClaimTreeModel::ValueColumn).data().toString(), QStringLiteral("[\"a\", \"b\"]"));
    QCOMPARE(model.memberIndex(1, QStringLiteral("iss"), ClaimTreeModel::MeaningColumn).data().toString(), QStringLiteral("Issuer"));
    QVERIFY(model.memberIndex(1, QStringLiteral("iss")).data(Qt::ToolTipRole).toString().contains(QStringLiteral("RFC 7519")));
    QCOMPARE(model.memberIndex(0, QStringLiteral("alg"), ClaimTreeModel::MeaningColumn).data().toString(), QStringLiteral("Algorithm"));
    QCOMPARE(model.memberIndex(1, QStringLiteral("zz_private"), ClaimTreeModel::MeaningColumn).data().toString(),
             QStringLiteral("Not a registered claim"));
    QCOMPARE(model.memberIndex(0, QStringLiteral("x-extra"), ClaimTreeModel::MeaningColumn).data().toString(),
             QStringLiteral("Not a registered header parameter"));
    QCOMPARE(header.siblingAtColumn(ClaimTreeModel::ValueColumn).data().toString(), QStringLiteral("alg RS256 · kid k1 · typ JWT"));
}

void TestUiModels::claimTreeNestedTenantsAndNsec()
{
    ClaimTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setToken("{\"alg\":\"RS256\"}",
                           "{\"tenants\":{\"T1\":{\"roles\":[\"admin\"],\"permissions\":[\"p1\",\"p2\"]},\"T2\":{}},\n"
                           "                               \"nsec\":{\"plan\":\"pro\"},\"roles\":[\"viewer\"],\"su\":true,\"drn\":\"DS\",\"list\":[{\"a\":1},2]}"));
    const QModelIndex tenants = model.memberIndex(1, QStringLiteral("tenants"));
    QVERIFY(tenants.isValid());
    QCOMPARE(tenants.siblingAtColumn(ClaimTreeModel::MeaningColumn).data().toString(), QStringLiteral("Tenants"));
    QCOMPARE(model.rowCount(tenants), 2);
    const QModelIndex t1 = model.index(0, 0, tenants);
    QCOMPARE(t1.data().toString(), QStringLiteral("T1"));
    QCOMPARE(model.rowCount(t1), 2);
    QCOMPARE(model.index(0, ClaimTreeModel::ValueColumn, t1).data().toString(), QStringLiteral("[\"admin\"]"));
    QCOMPARE(model.index(0, ClaimTreeModel::MeaningColumn, t1).data().toString(), QStringLiteral("Roles in this tenant"));
    QCOMPARE(model.memberIndex(1, QStringLiteral("roles"), ClaimTreeModel::MeaningColumn).data().toString(), QStringLiteral("Roles"));
    const QModelIndex nsec = model.memberIndex(1, QStringLiteral("nsec"));
    QCOMPARE(model.rowCount(nsec), 1);
    QCOMPARE(model.index(0, ClaimTreeModel::ValueColumn, nsec).data().toString(), QStringLiteral("\"pro\""));
    QCOMPARE(model.memberIndex(1, QStringLiteral("su"), ClaimTreeModel::MeaningColumn).data().toString(), QStringLiteral("Stepped up"));
    QCOMPARE(model.memberIndex(1, QStringLiteral("drn"), ClaimTreeModel::MeaningColumn).data().toString(), QStringLiteral("Descope token kind"));
    // An array holding an object gets children; a scalar array does not.
    const QModelIndex list = model.memberIndex(1, QStringLiteral("list"));
    QCOMPARE(model.rowCount(list), 2);
    QCOMPARE(model.index(0, 0, list).data().toString(), QStringLiteral("[0]"));
    QCOMPARE(model.rowCount(model.memberIndex(1, QStringLiteral("roles"))), 0);
}

void TestUiModels::claimTreeTimeClaims()
{
    ClaimTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 now = 1'800'000'000;
    model.setNow(now);
    QVERIFY(model.setToken("{\"alg\":\"RS256\"}",
                           "{\"exp\":1800000252,\"iat\":1799999820,\"auth_time\":1799999820.5,\"rexp\":\"2027-01-15T10:00:00Z\",\"jti\":\"1800000000\"}"));
    const QModelIndex exp = model.memberIndex(1, QStringLiteral("exp"), ClaimTreeModel::ValueColumn);
    QCOMPARE(exp.data(ClaimTreeModel::UnixTimeRole).toLongLong(), 1800000252);
    const QString text = exp.data().toString();
    QVERIFY2(text.startsWith(QStringLiteral("in 4 min 12 s")), qPrintable(text));
    QVERIFY2(text.contains(QString::fromStdString(oidc::formatUtc(1800000252))), qPrintable(text));
    QVERIFY2(text.contains(QString::fromStdString(oidc::formatLocal(1800000252))), qPrintable(text));
    QVERIFY(model.memberIndex(1, QStringLiteral("iat"), ClaimTreeModel::ValueColumn).data().toString().startsWith(QStringLiteral("3 min ago")));
    QCOMPARE(model.memberIndex(1, QStringLiteral("auth_time"), ClaimTreeModel::ValueColumn).data(ClaimTreeModel::UnixTimeRole).toLongLong(),
             1799999820);
    // Descope's rexp as RFC 3339 text is shown as a time too.
    QCOMPARE(model.memberIndex(1, QStringLiteral("rexp"), ClaimTreeModel::ValueColumn).data(ClaimTreeModel::UnixTimeRole).toLongLong(),
             QDateTime::fromString(QStringLiteral("2027-01-15T10:00:00Z"), Qt::ISODate).toSecsSinceEpoch());
    // jti is not a time claim, even when it looks like one.
    QVERIFY(!model.memberIndex(1, QStringLiteral("jti"), ClaimTreeModel::ValueColumn).data(ClaimTreeModel::UnixTimeRole).isValid());

    // The clock moves: the relative part follows, with dataChanged for the time cells.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(now + 300);
    QVERIFY(changed.count() >= 3);
    QVERIFY2(exp.data().toString().startsWith(QStringLiteral("48 s ago")), qPrintable(exp.data().toString()));
    QCOMPARE(exp.data(Qt::ForegroundRole).value<QColor>(), ui::failColor());
}

void TestUiModels::claimTreeRejectsNonObjects()
{
    ClaimTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setToken("{\"alg\":\"RS256\"}", "{\"sub\":\"x\"}"));
    QVERIFY(!model.setToken("{\"alg\":\"RS256\"}", "[1,2]"));
    QVERIFY(model.isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::checkListColumnsAndColours()
{
    CheckListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    using oidc::jwt::CheckOutcome;
    model.setChecks({{"signature", "rule s", CheckOutcome::Pass, "ok", {}},
                     {"iss", "rule i", CheckOutcome::Fail, "issuer mismatch", "ISS_MISMATCH"},
                     {"nonce", "rule n", CheckOutcome::Skip, "not given", {}}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.index(0, CheckListModel::ResultColumn).data().toString(), QStringLiteral("PASS"));
    QCOMPARE(model.index(1, CheckListModel::ResultColumn).data().toString(), QStringLiteral("FAIL"));
    QCOMPARE(model.index(2, CheckListModel::ResultColumn).data().toString(), QStringLiteral("SKIP"));
    QCOMPARE(model.index(1, CheckListModel::DetailColumn).data().toString(), QStringLiteral("ISS_MISMATCH: issuer mismatch"));
    QCOMPARE(model.index(1, CheckListModel::ResultColumn).data(Qt::ForegroundRole).value<QColor>(), ui::failColor());
    QCOMPARE(model.index(0, CheckListModel::ResultColumn).data(Qt::ForegroundRole).value<QColor>(), ui::passColor());
    QCOMPARE(model.rowOf(QStringLiteral("nonce")), 2);
    QCOMPARE(model.headerData(CheckListModel::RuleColumn, Qt::Horizontal).toString(), QStringLiteral("Rule"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::areaListEnableAndNotes()
{
    AreaListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addArea(QStringLiteral("a"), QStringLiteral("Area A"), QStringLiteral("note a"));
    model.addArea(QStringLiteral("b"), QStringLiteral("Area B"), QStringLiteral("note b"));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!(model.flags(model.index(0)) & Qt::ItemIsEnabled));
    QCOMPARE(model.firstAvailableRow(), -1);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setAvailable(QStringLiteral("b"), true);
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.flags(model.index(1)) & Qt::ItemIsEnabled);
    QVERIFY(model.flags(model.index(1)) & Qt::ItemIsSelectable);
    QCOMPARE(model.firstAvailableRow(), 1);
    QCOMPARE(model.index(0).data(AreaListModel::NoteRole).toString(), QStringLiteral("note a"));
    // Adding an existing id updates it instead of duplicating it.
    QCOMPARE(model.addArea(QStringLiteral("a"), QStringLiteral("Area A2"), QStringLiteral("n")), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Area A2"));
}

} // namespace tst_ui_models

OIDCPLAY_QTEST_MAIN(tst_ui_models, tst_ui_models::TestUiModels)
#include "tst_ui_models.moc"
