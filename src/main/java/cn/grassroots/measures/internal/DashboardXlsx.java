package cn.grassroots.measures.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;

import cn.grassroots.measures.internal.DashboardService.Dashboard;

/**
 * The dashboard as XLSX, for a meeting's papers: one sheet each for the counts by status and kind,
 * by lead unit, the overdue and at-risk measures, reporting punctuality and staged targets. The
 * same figures as the page and the API, within the caller's scope.
 */
@Service
public class DashboardXlsx {

	private final DashboardService dashboards;

	DashboardXlsx(DashboardService dashboards) {
		this.dashboards = dashboards;
	}

	public byte[] export(long mechanismId) {
		Dashboard d = dashboards.of(mechanismId);
		try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet summary = wb.createSheet("总体情况");
			int r = 0;
			write(summary.createRow(r++), "项目", "数量");
			write(summary.createRow(r++), "措施总数", d.total());
			for (var e : d.byStatus().entrySet()) {
				write(summary.createRow(r++), status(e.getKey()), e.getValue());
			}
			for (var e : d.byKind().entrySet()) {
				write(summary.createRow(r++), e.getKey() == MeasureKind.ANNUAL ? "年内完成" : "长期推进", e.getValue());
			}
			Sheet units = wb.createSheet("按牵头单位");
			r = 0;
			write(units.createRow(r++), "牵头单位", "措施数", "正常推进", "存在风险", "逾期", "已销号");
			for (var u : d.byUnit()) {
				write(units.createRow(r++), u.unit().name(), u.total(), u.byStatus().get(MeasureStatus.ON_TRACK),
						u.byStatus().get(MeasureStatus.AT_RISK), u.byStatus().get(MeasureStatus.OVERDUE),
						u.byStatus().get(MeasureStatus.DONE));
			}
			Sheet late = wb.createSheet("逾期和风险");
			r = 0;
			write(late.createRow(r++), "状态", "编号", "措施", "牵头单位", "完成时限", "进度");
			for (var v : d.overdue()) {
				write(late.createRow(r++), "逾期", v.measure().code(), v.measure().title(),
						v.leadUnit() == null ? "" : v.leadUnit().name(), v.measure().dueDate(), v.evaluation().progress());
			}
			for (var v : d.atRisk()) {
				write(late.createRow(r++), "存在风险", v.measure().code(), v.measure().title(),
						v.leadUnit() == null ? "" : v.leadUnit().name(), v.measure().dueDate(), v.evaluation().progress());
			}
			Sheet punctual = wb.createSheet("报送及时率");
			r = 0;
			write(punctual.createRow(r++), "单位", "应报期数", "按时报送", "逾期报送", "未报送", "及时率");
			for (var p : d.punctuality()) {
				write(punctual.createRow(r++), p.unit().name(), p.owed(), p.onTime(), p.late(), p.missing(), p.rate());
			}
			Sheet targets = wb.createSheet("阶段性目标");
			r = 0;
			write(targets.createRow(r++), "编号", "措施", "阶段", "阶段截止", "指标", "单位", "基数", "目标值", "实际值", "是否达标");
			for (var t : d.targets()) {
				var g = t.target();
				write(targets.createRow(r++), t.measure().measure().code(), t.measure().measure().title(), g.periodLabel(),
						g.periodEnd(), g.indicator(), g.unit(), g.baseline(), g.targetValue(), g.actual(),
						t.met() == null ? "暂无数据" : t.met() ? "已达标" : t.ended() ? "未达标" : "推进中");
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String status(MeasureStatus s) {
		return switch (s) {
			case ON_TRACK -> "正常推进";
			case AT_RISK -> "存在风险";
			case OVERDUE -> "逾期";
			case DONE -> "已销号";
		};
	}

	/** Numbers as numeric cells, everything else as text. */
	private static void write(Row row, Object... values) {
		for (int i = 0; i < values.length; i++) {
			Object v = values[i];
			if (v instanceof Number n) {
				row.createCell(i).setCellValue(n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue());
			}
			else {
				row.createCell(i).setCellValue(v == null ? "" : v.toString());
			}
		}
	}
}
