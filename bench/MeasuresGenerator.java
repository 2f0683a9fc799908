import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The measures benchmark's data set, written straight into a Grassroots database that already holds
 * the demo (H2 opened with AUTO_SERVER, or PostgreSQL): units in Ningxia up to 500 with the demo's,
 * 100 mechanisms, 10,000 measures with partners and staged targets, and 600,000 monthly progress
 * reports (5 years, no files) with their reviews. Small tables go in JDBC batches, the reports and
 * reviews set-based (INSERT … SELECT over a 60-row calendar), so it runs the same on H2 and PostgreSQL.
 *
 *   java -cp h2.jar:postgresql.jar bench/MeasuresGenerator.java JDBC_URL USER PASSWORD
 *
 * Shape: mechanism B000 (the region, led by the organisation department and coordinated by the
 * social work department, as nx-social's) holds 1,000 measures; 99 city and county mechanisms share
 * the other 9,000, and one in ten of theirs cites a B000 measure (上下联动). The civil affairs
 * department (nx-civil's unit) is a member of every mechanism and leads one measure in ten: the unit
 * with the most measures. Every measure started 60 months ago and reports monthly; one in seven goes
 * at half pace (AT_RISK, or OVERDUE on a missed staged target), one in seventeen skipped last month,
 * one in ten is closed out, about 4% are past their due date; one report in nine came late.
 */
public class MeasuresGenerator {

	static final int MECHANISMS = 100;
	static final int MEASURES = 10_000;
	static final int LARGEST = 1_000;
	static final int MONTHS = 60;
	static final long NX = 640000000000L;
	static final String[] CATEGORIES = { "权责清单", "减负", "网格治理", "力量下沉", "队伍建设", "数字治理", "平安建设", "阵地建设" };
	static final String[] TITLES = { "落实乡镇（街道）履行职责事项清单", "精简基层填表报数", "优化社区网格设置", "选派基层治理指导员",
			"健全社区工作者队伍管理", "推进基层治理数据共享", "健全矛盾纠纷多元化解机制", "提升党群服务中心功能", "规范村级组织工作事务",
			"推行\"一书三单\"" };

	public static void main(String[] args) throws Exception {
		long t0 = System.nanoTime();
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		LocalDate today = LocalDate.now(zone);
		try (Connection c = DriverManager.getConnection(args[0], args[1], args.length > 2 ? args[2] : "")) {
			c.setAutoCommit(false);
			if (count(c, "SELECT COUNT(*) FROM measure_mechanism WHERE name LIKE '基准机制%'") > 0) {
				throw new IllegalStateException("the benchmark data is already there");
			}
			// units: the demo's Ningxia units by code, then as many generated ones as make 500
			int demoUnits = (int) count(c, "SELECT COUNT(*) FROM unit WHERE code LIKE '64-%'");
			int generated = 500 - demoUnits;
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit (code, name, kind, region_code, created_at, updated_at)"
					+ " VALUES (?, ?, 'GOVERNMENT_DEPARTMENT', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
				for (int i = 1; i <= generated; i++) {
					ps.setString(1, "64-B%03d".formatted(i));
					ps.setString(2, "基准单位%03d".formatted(i));
					ps.setLong(3, NX);
					ps.addBatch();
				}
				ps.executeBatch();
			}
			List<Long> units = longs(c, "SELECT id FROM unit WHERE code LIKE '64-%' ORDER BY CASE WHEN code LIKE '64-B%' THEN 1 ELSE 0 END, code");
			long org = units.get(0), social = units.get(1), civil = units.get(9);
			List<Long> regions = longs(c, "SELECT code FROM region WHERE code BETWEEN 640000000000 AND 649999999999"
					+ " AND level IN ('CITY', 'COUNTY') ORDER BY code");

			// mechanisms and their members
			List<List<Long>> members = new ArrayList<>();
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO measure_mechanism (name, level, region_code, leader_name, leader_title, lead_unit_id,
					    coordinating_unit_id, founding_document, founded_on, created_by, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")) {
				for (int j = 0; j < MECHANISMS; j++) {
					long region = j == 0 ? NX : regions.get((j - 1) % regions.size());
					String level = j == 0 ? "PROVINCE" : region % 100000000L == 0 ? "CITY" : "COUNTY";
					LinkedHashSet<Long> m = new LinkedHashSet<>();
					m.add(j == 0 ? org : units.get(demoUnits + (j * 4) % generated));
					m.add(j == 0 ? social : units.get(demoUnits + (j * 4 + 1) % generated));
					m.add(civil);
					for (int i = 0; m.size() < 25; i++) {
						m.add(units.get((j * 7 + i * 13) % 500));
					}
					members.add(new ArrayList<>(m));
					ps.setString(1, "基准机制%03d".formatted(j));
					ps.setString(2, level);
					ps.setLong(3, region);
					ps.setString(4, "基准书记" + j);
					ps.setString(5, "党委书记");
					ps.setLong(6, members.get(j).get(0));
					ps.setLong(7, members.get(j).get(1));
					ps.setString(8, "关于建立党建引领基层治理协调机制的通知");
					ps.setDate(9, Date.valueOf(today.minusYears(5)));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			List<Long> mechanisms = longs(c, "SELECT id FROM measure_mechanism WHERE name LIKE '基准机制%' ORDER BY name");
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO measure_member (mechanism_id, unit_id, role, duty) VALUES (?, ?, ?, ?)")) {
				for (int j = 0; j < MECHANISMS; j++) {
					for (int i = 0; i < members.get(j).size(); i++) {
						ps.setLong(1, mechanisms.get(j));
						ps.setLong(2, members.get(j).get(i));
						ps.setString(3, i == 0 ? "LEAD" : i == 1 ? "COORDINATING" : "MEMBER");
						ps.setString(4, i < 2 ? "牵头抓总" : "按职责分工落实");
						ps.addBatch();
					}
				}
				ps.executeBatch();
			}
			c.commit();

			// measures: first every row, then parents and cited measures once the ids are known
			LocalDate start = YearMonth.from(today).minusMonths(MONTHS).atDay(1);
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO measure (mechanism_id, code, title, description, category, lead_unit_id, clause, kind,
					    start_date, due_date, report_cycle, weight, created_by, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'MONTHLY', 1, 'bench', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")) {
				for (int n = 0; n < MEASURES; n++) {
					int j = mechanismOf(n);
					List<Long> m = members.get(j);
					ps.setLong(1, mechanisms.get(j));
					ps.setString(2, "B%05d".formatted(n));
					ps.setString(3, TITLES[n % TITLES.length] + "（" + n + "）");
					ps.setString(4, "基准数据：按月报告进展。");
					ps.setString(5, CATEGORIES[n % CATEGORIES.length]);
					ps.setLong(6, lead(n, m, civil));
					ps.setString(7, "第" + (n % 37 + 1) + "条");
					ps.setString(8, n % 2 == 0 ? "ANNUAL" : "LONG_TERM");
					ps.setDate(9, Date.valueOf(start));
					ps.setDate(10, Date.valueOf(today.plusDays((n * 37L) % 1100 - 45)));
					ps.addBatch();
					if (n % 2000 == 1999) {
						ps.executeBatch();
					}
				}
				ps.executeBatch();
			}
			List<Long> ids = longs(c, "SELECT ms.id FROM measure ms JOIN measure_mechanism mc ON mc.id = ms.mechanism_id"
					+ " WHERE mc.name LIKE '基准机制%' ORDER BY ms.code");
			try (PreparedStatement parent = c.prepareStatement("UPDATE measure SET parent_id = ? WHERE id = ?");
					PreparedStatement cited = c.prepareStatement("UPDATE measure SET cited_measure_id = ? WHERE id = ?");
					PreparedStatement partner = c.prepareStatement("INSERT INTO measure_partner (measure_id, unit_id, part) VALUES (?, ?, ?)");
					PreparedStatement target = c.prepareStatement("""
							INSERT INTO measure_target (measure_id, period_label, period_end, description, indicator, baseline,
							    target_value, unit) VALUES (?, ?, ?, ?, '完成率', 0, ?, '%')""")) {
				for (int n = 0; n < MEASURES; n++) {
					long id = ids.get(n);
					if (n < LARGEST && n % 50 == 1) {
						parent.setLong(1, ids.get(n - 1));
						parent.setLong(2, id);
						parent.addBatch();
					}
					if (n >= LARGEST && n % 10 == 5) {
						cited.setLong(1, ids.get(n % LARGEST));
						cited.setLong(2, id);
						cited.addBatch();
					}
					List<Long> m = members.get(mechanismOf(n));
					long lead = lead(n, m, civil);
					int added = 0;
					for (int i = 1; added < 2; i++) {
						long u = m.get(2 + (n + i * 5) % (m.size() - 2));
						if (u != lead) {
							partner.setLong(1, id);
							partner.setLong(2, u);
							partner.setString(3, added == 0 ? "配合制定方案" : "提供数据支持");
							partner.addBatch();
							added++;
						}
					}
					if (n % 2 == 1) {
						LocalDate lastYearEnd = LocalDate.of(today.getYear() - 1, 12, 31);
						target.setLong(1, id);
						target.setString(2, (today.getYear() - 1) + "年");
						target.setDate(3, Date.valueOf(lastYearEnd));
						target.setString(4, "阶段性目标");
						target.setBigDecimal(5, java.math.BigDecimal.valueOf(70));
						target.addBatch();
						target.setLong(1, id);
						target.setString(2, "期末");
						target.setDate(3, Date.valueOf(today.plusDays((n * 37L) % 1100 - 45)));
						target.setString(4, "全面完成");
						target.setBigDecimal(5, java.math.BigDecimal.valueOf(100));
						target.addBatch();
					}
					if (n % 2000 == 1999) {
						parent.executeBatch();
						cited.executeBatch();
						partner.executeBatch();
						target.executeBatch();
					}
				}
				parent.executeBatch();
				cited.executeBatch();
				partner.executeBatch();
				target.executeBatch();
			}
			c.commit();
			System.out.printf("units, mechanisms, measures, partners, targets: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

			// the calendar: k = 1 is last month, k = 60 the month the measures started
			try (Statement s = c.createStatement()) {
				s.execute("CREATE TABLE bench_month (k INT PRIMARY KEY, cycle_end DATE NOT NULL, label VARCHAR(10) NOT NULL,"
						+ " on_time_at TIMESTAMP WITH TIME ZONE NOT NULL, late_at TIMESTAMP WITH TIME ZONE NOT NULL)");
			}
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_month VALUES (?, ?, ?, ?, ?)")) {
				for (int k = 1; k <= MONTHS; k++) {
					YearMonth month = YearMonth.from(today).minusMonths(k);
					ps.setInt(1, k);
					ps.setDate(2, Date.valueOf(month.atEndOfMonth()));
					ps.setString(3, month.toString());
					ps.setTimestamp(4, Timestamp.from(month.atEndOfMonth().plusDays(3).atTime(9, 0).atZone(zone).toInstant()));
					ps.setTimestamp(5, Timestamp.from(month.atEndOfMonth().plusDays(14).atTime(9, 0).atZone(zone).toInstant()));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			c.commit();
			// reports, a chunk of measures at a time (one huge transaction is slow on H2); progress
			// climbs linearly to 1 at last month, half as fast for one measure in seven (not closed ones)
			long t1 = System.nanoTime();
			for (int from = 0; from < MEASURES; from += 1000) {
				try (PreparedStatement ps = c.prepareStatement("""
						INSERT INTO measure_report (measure_id, unit_id, responsible, cycle_label, cycle_end, progress,
						    indicator_value, clearly_effective, done, problems, next_steps, needs_coordination,
						    coordination_request, submitted_by, submitted_at)
						SELECT ms.id, ms.lead_unit_id, TRUE, bm.label, bm.cycle_end,
						    CAST((61 - bm.k) * (CASE WHEN MOD(ms.id, 7) = 0 AND MOD(ms.id, 10) <> 3 THEN 0.5 ELSE 1 END) / 60.0 AS DECIMAL(7,4)),
						    CASE WHEN ms.kind = 'LONG_TERM' THEN CAST((61 - bm.k) * (CASE WHEN MOD(ms.id, 7) = 0
						        AND MOD(ms.id, 10) <> 3 THEN 0.5 ELSE 1 END) / 0.6 AS DECIMAL(18,4)) END,
						    FALSE, '按计划推进，本月完成阶段任务。',
						    CASE WHEN MOD(ms.id, 7) = 0 AND MOD(ms.id, 10) <> 3 THEN '人员力量不足，进度滞后。' END,
						    '继续推进下阶段工作。', bm.k = 1 AND MOD(ms.id, 50) = 0,
						    CASE WHEN bm.k = 1 AND MOD(ms.id, 50) = 0 THEN '请求协调相关部门提供数据支持。' END,
						    'bench', CASE WHEN MOD(ms.id + bm.k, 9) = 0 THEN bm.late_at ELSE bm.on_time_at END
						FROM measure ms CROSS JOIN bench_month bm
						WHERE ms.id BETWEEN ? AND ? AND NOT (bm.k = 1 AND MOD(ms.id, 17) = 0)
						ORDER BY ms.id, bm.cycle_end""")) {
					long lo = ids.get(from), hi = ids.get(Math.min(MEASURES, from + 1000) - 1);
					ps.setLong(1, lo);
					ps.setLong(2, hi);
					ps.executeUpdate();
				}
				c.commit();
			}
			System.out.printf("%d reports: %d ms%n", count(c, "SELECT COUNT(*) FROM measure_report WHERE submitted_by = 'bench'"),
					(System.nanoTime() - t1) / 1_000_000);
			// reviews: every report accepted, except last month's for one measure in five (waiting)
			long t2 = System.nanoTime();
			for (int from = 0; from < MEASURES; from += 1000) {
				try (PreparedStatement ps = c.prepareStatement("""
						INSERT INTO measure_report_review (report_id, decision, comment, reviewed_by, reviewed_at)
						SELECT r.id, 'ACCEPT', '同意', 'bench', r.submitted_at FROM measure_report r
						WHERE r.measure_id BETWEEN ? AND ? AND r.submitted_by = 'bench'
						    AND NOT (r.cycle_end = ? AND MOD(r.measure_id, 5) = 0)""")) {
					ps.setLong(1, ids.get(from));
					ps.setLong(2, ids.get(Math.min(MEASURES, from + 1000) - 1));
					ps.setDate(3, Date.valueOf(YearMonth.from(today).minusMonths(1).atEndOfMonth()));
					ps.executeUpdate();
				}
				c.commit();
			}
			// the waiting ones in the review queue, as filing a report puts them there
			try (Statement s = c.createStatement()) {
				s.executeUpdate("""
						INSERT INTO measure_review_queue (report_id, mechanism_id, submitted_at)
						SELECT r.id, ms.mechanism_id, r.submitted_at FROM measure_report r JOIN measure ms ON ms.id = r.measure_id
						WHERE r.submitted_by = 'bench' AND NOT EXISTS (SELECT 1 FROM measure_report_review v WHERE v.report_id = r.id)""");
			}
			c.commit();
			System.out.printf("reviews: %d ms%n", (System.nanoTime() - t2) / 1_000_000);
			long t3 = System.nanoTime();
			try (Statement s = c.createStatement()) {
				// the latest accepted report on the measure row, as the review keeps it
				s.executeUpdate("""
						UPDATE measure SET accepted_report_id = (SELECT r.id FROM measure_report r
						    JOIN measure_report_review v ON v.report_id = r.id AND v.decision = 'ACCEPT'
						    WHERE r.measure_id = measure.id ORDER BY r.cycle_end DESC, r.id DESC LIMIT 1)
						WHERE created_by = 'bench'""");
				s.executeUpdate("""
						UPDATE measure SET accepted_cycle_end = (SELECT r.cycle_end FROM measure_report r WHERE r.id = measure.accepted_report_id),
						    accepted_progress = (SELECT r.progress FROM measure_report r WHERE r.id = measure.accepted_report_id),
						    accepted_indicator = (SELECT r.indicator_value FROM measure_report r WHERE r.id = measure.accepted_report_id)
						WHERE created_by = 'bench' AND accepted_report_id IS NOT NULL""");
				// the latest cycle reported on (none is returned here), as the repository keeps it
				s.executeUpdate("""
						UPDATE measure SET reported_cycle_end = (SELECT MAX(r.cycle_end) FROM measure_report r
						    WHERE r.measure_id = measure.id AND r.responsible = TRUE)
						WHERE created_by = 'bench'""");
				s.executeUpdate("UPDATE measure SET filed_cycle_end = reported_cycle_end WHERE created_by = 'bench'");
				try (PreparedStatement ps = c.prepareStatement("""
						UPDATE measure_target SET actual_cycle_end = (SELECT MAX(r.cycle_end) FROM measure_report r
						    JOIN measure_report_review v ON v.report_id = r.id AND v.decision = 'ACCEPT'
						    WHERE r.measure_id = measure_target.measure_id AND r.cycle_end <= measure_target.period_end)
						WHERE measure_id BETWEEN ? AND ?""")) {
					ps.setLong(1, ids.get(0));
					ps.setLong(2, ids.get(MEASURES - 1));
					ps.executeUpdate();
				}
				try (PreparedStatement ps = c.prepareStatement("""
						UPDATE measure_target SET actual = (SELECT r.indicator_value FROM measure_report r
						    WHERE r.measure_id = measure_target.measure_id AND r.cycle_end = measure_target.actual_cycle_end
						    AND r.submitted_by = 'bench')
						WHERE actual_cycle_end IS NOT NULL AND measure_id BETWEEN ? AND ?""")) {
					ps.setLong(1, ids.get(0));
					ps.setLong(2, ids.get(MEASURES - 1));
					ps.executeUpdate();
				}
				// punctuality counters as the repository keeps them: each cycle's (only) report, on time or late
				try (PreparedStatement ps = c.prepareStatement("""
						UPDATE measure SET
						    cycles_on_time = (SELECT COUNT(*) FROM measure_report r JOIN bench_month bm ON bm.cycle_end = r.cycle_end
						        WHERE r.measure_id = measure.id AND r.submitted_at = bm.on_time_at),
						    cycles_late = (SELECT COUNT(*) FROM measure_report r JOIN bench_month bm ON bm.cycle_end = r.cycle_end
						        WHERE r.measure_id = measure.id AND r.submitted_at = bm.late_at)
						WHERE id BETWEEN ? AND ?""")) {
					ps.setLong(1, ids.get(0));
					ps.setLong(2, ids.get(MEASURES - 1));
					ps.executeUpdate();
				}
				// one in ten closed out last month (its last report is at 1 and accepted)
				try (PreparedStatement ps = c.prepareStatement("UPDATE measure SET closed_at = ?, closed_by = 'bench'"
						+ " WHERE created_by = 'bench' AND MOD(id, 10) = 3 AND accepted_progress >= 1")) {
					ps.setTimestamp(1, Timestamp.from(today.withDayOfMonth(1).atTime(10, 0).atZone(zone).toInstant()));
					ps.executeUpdate();
				}
				s.execute("DROP TABLE bench_month");
				c.commit();
				c.setAutoCommit(true);
				s.execute("ANALYZE");
			}
			System.out.printf("accepted values, targets' actuals, close-outs, ANALYZE: %d ms%n", (System.nanoTime() - t3) / 1_000_000);
			System.out.printf("generated: %d mechanisms, %d measures, %d reports, %d units in Ningxia, in %.1f s%n",
					count(c, "SELECT COUNT(*) FROM measure_mechanism"), count(c, "SELECT COUNT(*) FROM measure"),
					count(c, "SELECT COUNT(*) FROM measure_report"), count(c, "SELECT COUNT(*) FROM unit WHERE code LIKE '64-%'"),
					(System.nanoTime() - t0) / 1e9);
		}
	}

	static int mechanismOf(int n) {
		return n < LARGEST ? 0 : 1 + (n - LARGEST) % (MECHANISMS - 1);
	}

	static long lead(int n, List<Long> members, long civil) {
		return n % 10 == 0 ? civil : members.get(2 + n % (members.size() - 2));
	}

	static long count(Connection c, String sql) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static List<Long> longs(Connection c, String sql) throws Exception {
		List<Long> out = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getLong(1));
			}
		}
		return out;
	}
}
