package cn.grassroots.org.internal;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.grassroots.org.Person;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.files.FilePurpose;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;
import cn.grassroots.platform.jobs.JobContext;
import cn.grassroots.platform.jobs.JobHandler;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * ROSTER_EXPORT: the people matching the filters inside the owner's ROSTER_EXPORT scope (resolved
 * now, filtered in SQL), streamed into an XLSX with SXSSF; phones and ID numbers masked. One audit
 * event (PERSON_EXPORT) with the row count. The file is kept for a day.
 */
@Component
class RosterExportJob implements JobHandler {

	static final Duration EXPORT_TTL = Duration.ofDays(1);
	static final List<String> HEADERS = List.of("姓名", "性别", "出生日期", "手机号码", "身份证号", "中共党员", "区划代码", "所属区域",
			"所属网格", "所在单位", "职务");
	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final PersonRepository people;
	private final RosterExportService exports;
	private final FileStore files;
	private final CurrentUser user;
	private final AuditLog audit;
	private final MessageSource messages;

	RosterExportJob(PersonRepository people, RosterExportService exports, FileStore files, CurrentUser user, AuditLog audit,
			MessageSource messages) {
		this.people = people;
		this.exports = exports;
		this.files = files;
		this.user = user;
		this.audit = audit;
		this.messages = messages;
	}

	@Override
	public String kind() {
		return RosterJobs.EXPORT;
	}

	@Override
	public void run(JobContext context) {
		PersonRepository.Criteria criteria = RosterExportService.criteria(context.parameters());
		AccessScope scope = exports.requireRegion(user.require(Permission.ROSTER_EXPORT), criteria);
		long total = people.count(scope, criteria);
		String name = "人员名册-" + LocalDateTime.now(CHINA).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".xlsx";
		long[] rows = { 0 };
		StoredFile file = files.write(name, RosterTemplate.CONTENT_TYPE, context.owner(), FilePurpose.EXPORT, EXPORT_TTL,
				out -> {
					SXSSFWorkbook wb = new SXSSFWorkbook(200);
					try {
						wb.setCompressTempFiles(true);
						SXSSFSheet sheet = wb.createSheet("人员名册");
						CellStyle header = wb.createCellStyle();
						Font bold = wb.createFont();
						bold.setBold(true);
						header.setFont(bold);
						header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
						header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
						Row head = sheet.createRow(0);
						for (int i = 0; i < HEADERS.size(); i++) {
							head.createCell(i).setCellValue(HEADERS.get(i));
							head.getCell(i).setCellStyle(header);
							sheet.setColumnWidth(i, (i == 4 || i == 7 ? 24 : 14) * 256);
						}
						sheet.createFreezePane(0, 1);
						people.forEach(scope, criteria, p -> {
							rows[0]++;
							write(sheet.createRow((int) rows[0]), p);
							context.rows(rows[0]);
							context.progress(total == 0 ? 1 : 0.95 * rows[0] / total);
						});
						wb.write(out);
					}
					finally {
						wb.dispose();
						wb.close();
					}
				});
		audit.action("PERSON_EXPORT")
			.target("job", context.jobId())
			.region(criteria.regionCode())
			.detail("rows " + rows[0] + ", file " + file.id())
			.after(PersonService.mapOf("rows", rows[0], "region", criteria.regionCode(), "name", criteria.name(), "post",
					criteria.post(), "partyMember", criteria.partyMember(), "file", file.id()))
			.record();
		context.rows(rows[0]);
		context.resultFile(file.id());
		context.message("export.done");
	}

	private void write(Row row, Person p) {
		int c = 0;
		row.createCell(c++).setCellValue(p.name());
		row.createCell(c++).setCellValue(p.gender() == null ? "" : zh(p.gender().messageKey()));
		row.createCell(c++).setCellValue(p.birthDate() == null ? "" : p.birthDate().toString());
		row.createCell(c++).setCellValue(nullToEmpty(p.phone()));
		row.createCell(c++).setCellValue(nullToEmpty(p.idNumber()));
		row.createCell(c++).setCellValue(p.partyMember() ? "是" : "否");
		row.createCell(c++).setCellValue(Long.toString(p.regionCode()));
		row.createCell(c++).setCellValue(nullToEmpty(p.regionPath()));
		row.createCell(c++).setCellValue(nullToEmpty(p.gridName()));
		row.createCell(c++).setCellValue(nullToEmpty(p.unitName()));
		row.createCell(c).setCellValue(p.posts().stream()
			.filter(Person.Post::current)
			.map(a -> zh(a.post().messageKey()))
			.distinct()
			.collect(Collectors.joining("、")));
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}
}
