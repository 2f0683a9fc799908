package cn.grassroots.measures.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import cn.grassroots.platform.pdf.ChineseFont;
import cn.grassroots.measures.internal.DashboardService.Dashboard;
import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.measures.internal.MeasureService.MeasureView;
import cn.grassroots.measures.internal.MeetingService.AgendaItem;
import cn.grassroots.measures.internal.MeetingService.MeetingDetail;
import cn.grassroots.measures.internal.MeetingService.Request;
import cn.grassroots.platform.audit.AuditLog;

/**
 * The printable report for a plenary meeting (会议材料): the mechanism's state — measures by status,
 * kind and lead unit, the overdue and at-risk lists, each unit's reporting punctuality — and the
 * coordination requests on the agenda with their decisions (for a meeting), or those waiting for the
 * next one (from the dashboard). The same figures as the dashboard, within the caller's scope;
 * every download is audited, since the paper leaves the system.
 */
@Service
public class MeetingReportPdf {

	/** Fonts that carry Chinese, tried in order; the first present is embedded (as for training certificates). */
	private static final Color HEAD = new Color(0xEE, 0xEE, 0xEE);

	private final DashboardService dashboards;
	private final MeetingService meetings;
	private final MechanismService mechanisms;
	private final MeasuresClock clock;
	private final AuditLog audit;

	MeetingReportPdf(DashboardService dashboards, MeetingService meetings, MechanismService mechanisms, MeasuresClock clock,
			AuditLog audit) {
		this.dashboards = dashboards;
		this.meetings = meetings;
		this.mechanisms = mechanisms;
		this.clock = clock;
		this.audit = audit;
	}

	/** The report for a meeting: its agenda with the decisions taken (or still to take). */
	public byte[] forMeeting(long meetingId) {
		MeetingDetail d = meetings.get(meetingId);
		Mechanism m = d.mechanism();
		Dashboard dashboard = dashboards.of(m.id());
		byte[] pdf = render(m, d.meeting().title(), d.meeting().heldOn(), d.meeting().minutes(), dashboard, d.agenda(), null);
		audit.action("MEASURE_MEETING_REPORT").target("measure-meeting", meetingId).region(m.regionCode())
			.detail("meeting report PDF, " + dashboard.total() + " measures, " + d.agenda().size() + " agenda items").record();
		return pdf;
	}

	/** The report for the next meeting, from the dashboard: the coordination requests waiting for it. */
	public byte[] forMechanism(long mechanismId) {
		Mechanism m = mechanisms.requireWhole(mechanismId);
		Dashboard dashboard = dashboards.of(mechanismId);
		List<Request> waiting = meetings.waiting(mechanismId);
		byte[] pdf = render(m, null, null, null, dashboard, null, waiting);
		audit.action("MEASURE_MEETING_REPORT").target("measure-mechanism", mechanismId).region(m.regionCode())
			.detail("dashboard report PDF, " + dashboard.total() + " measures, " + waiting.size() + " waiting requests").record();
		return pdf;
	}

	private byte[] render(Mechanism m, String meetingTitle, LocalDate heldOn, String minutes, Dashboard d,
			List<AgendaItem> agenda, List<Request> waiting) {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			BaseFont base = ChineseFont.base();
			Font title = new Font(base, 18, Font.BOLD);
			Font h = new Font(base, 13, Font.BOLD);
			Font body = new Font(base, 10);
			Font small = new Font(base, 8, Font.NORMAL, Color.DARK_GRAY);
			Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
			PdfWriter.getInstance(doc, out);
			doc.addTitle(m.name() + " 会议材料");
			doc.open();
			Paragraph t = new Paragraph(m.name(), title);
			t.setAlignment(Element.ALIGN_CENTER);
			doc.add(t);
			Paragraph sub = new Paragraph(meetingTitle == null ? "跟踪推进情况（提交下次全体会议）" : meetingTitle + "  " + date(heldOn), h);
			sub.setAlignment(Element.ALIGN_CENTER);
			sub.setSpacingAfter(6);
			doc.add(sub);
			Paragraph generated = new Paragraph("数据截至 " + date(clock.today()) + "，按状态计算规则自动生成。", small);
			generated.setAlignment(Element.ALIGN_CENTER);
			generated.setSpacingAfter(12);
			doc.add(generated);

			heading(doc, "一、总体情况", h);
			PdfPTable totals = table(body, new float[] { 2, 1, 1, 1, 1, 1, 1 }, "措施总数", "正常推进", "存在风险", "逾期", "已销号", "年内完成类",
					"长期推进类");
			row(totals, body, d.total(), d.byStatus().get(MeasureStatus.ON_TRACK), d.byStatus().get(MeasureStatus.AT_RISK),
					d.byStatus().get(MeasureStatus.OVERDUE), d.byStatus().get(MeasureStatus.DONE),
					d.byKind().get(MeasureKind.ANNUAL), d.byKind().get(MeasureKind.LONG_TERM));
			doc.add(totals);

			heading(doc, "二、各牵头单位推进情况", h);
			PdfPTable units = table(body, new float[] { 4, 1, 1, 1, 1, 1 }, "牵头单位", "措施数", "正常推进", "存在风险", "逾期", "已销号");
			for (var u : d.byUnit()) {
				row(units, body, u.unit().name(), u.total(), u.byStatus().get(MeasureStatus.ON_TRACK),
						u.byStatus().get(MeasureStatus.AT_RISK), u.byStatus().get(MeasureStatus.OVERDUE),
						u.byStatus().get(MeasureStatus.DONE));
			}
			doc.add(units);

			heading(doc, "三、逾期措施（" + d.overdue().size() + "项）", h);
			doc.add(measures(d.overdue(), body));
			heading(doc, "四、存在风险的措施（" + d.atRisk().size() + "项）", h);
			doc.add(measures(d.atRisk(), body));

			heading(doc, "五、各单位报送及时率", h);
			PdfPTable punctual = table(body, new float[] { 4, 1, 1, 1, 1, 1 }, "单位", "应报期数", "按时报送", "逾期报送", "未报送", "及时率");
			for (var p : d.punctuality()) {
				row(punctual, body, p.unit().name(), p.owed(), p.onTime(), p.late(), p.missing(), percent(p.rate()));
			}
			doc.add(punctual);

			if (agenda != null) {
				heading(doc, "六、提请会议协调事项及会议决定（" + agenda.size() + "项）", h);
				PdfPTable items = table(body, new float[] { 1, 3, 4, 4 }, "编号", "措施", "协调事项", "会议决定");
				for (AgendaItem i : agenda) {
					row(items, body, i.request().code(), i.request().title(), i.request().request(),
							i.decision() == null ? "待会议决定" : i.decision());
				}
				doc.add(items);
				if (minutes != null) {
					heading(doc, "七、会议纪要", h);
					doc.add(new Paragraph(minutes, body));
				}
			}
			else {
				heading(doc, "六、待提交会议协调的事项（" + waiting.size() + "项）", h);
				PdfPTable items = table(body, new float[] { 1, 3, 1, 5 }, "编号", "措施", "报告期", "协调事项");
				for (Request r : waiting) {
					row(items, body, r.code(), r.title(), r.cycle(), r.request());
				}
				doc.add(items);
			}
			doc.close();
			return out.toByteArray();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException("could not render the meeting report of mechanism " + m.id(), e);
		}
	}

	private static PdfPTable measures(List<MeasureView> list, Font body) {
		PdfPTable t = table(body, new float[] { 1, 5, 3, 2, 1 }, "编号", "措施", "牵头单位", "完成时限", "进度");
		for (MeasureView v : list) {
			row(t, body, v.measure().code(), v.measure().title(), v.leadUnit() == null ? "" : v.leadUnit().name(),
					date(v.measure().dueDate()), percent(v.evaluation().progress()));
		}
		return t;
	}

	private static void heading(Document doc, String text, Font h) {
		Paragraph p = new Paragraph(text, h);
		p.setSpacingBefore(10);
		p.setSpacingAfter(4);
		doc.add(p);
	}

	private static PdfPTable table(Font font, float[] widths, String... headers) {
		PdfPTable t = new PdfPTable(widths);
		t.setWidthPercentage(100);
		t.setHeaderRows(1);
		for (String head : headers) {
			PdfPCell c = new PdfPCell(new Phrase(head, font));
			c.setBackgroundColor(HEAD);
			t.addCell(c);
		}
		return t;
	}

	private static void row(PdfPTable t, Font font, Object... values) {
		for (Object v : values) {
			PdfPCell c = new PdfPCell(new Phrase(v == null ? "" : v.toString(), font));
			if (v instanceof Number) {
				c.setHorizontalAlignment(Element.ALIGN_RIGHT);
			}
			t.addCell(c);
		}
	}

	private static String date(LocalDate d) {
		return d == null ? "" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
	}

	private static String percent(Double share) {
		return share == null ? "—" : BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP) + "%";
	}

}
