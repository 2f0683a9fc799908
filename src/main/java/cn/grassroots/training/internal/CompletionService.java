package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import cn.grassroots.platform.pdf.ChineseFont;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * Completion (结业) and certificates: a trainee completes when their enrolment is confirmed, their
 * missed hours (excused + absent) are within 1/7 of the plan, their latest final test is fully
 * marked at {@value #PASS_PERCENT}% or more, and the head teacher's appraisal passed them. A
 * certificate is a PDF with a verification code and a QR code; anyone can verify a code.
 */
@Service
public class CompletionService {

	public static final int PASS_PERCENT = 60;

	/** Fonts that carry Chinese, tried in order; the first present is embedded. */
	public record Completion(long enrolmentId, long personId, String personName, boolean attendanceOk,
			Double finalPercent, boolean finalTestOk, Boolean appraisal, boolean completed, String certificateCode) {
	}

	public record Certificate(long id, String code, long personId, String personName, long programmeId,
			String programmeName, String classroomName, BigDecimal hours, Instant issuedAt) {
	}

	private final JdbcClient jdbc;
	private final AttendanceService attendance;
	private final ExamService exams;
	private final ClassroomService classrooms;
	private final PlanService plans;
	private final ProgrammeRepository programmes;
	private final TrainingAccess access;
	private final CurrentUser user;
	private final AuditLog audit;
	private final SecureRandom random = new SecureRandom();

	CompletionService(JdbcClient jdbc, AttendanceService attendance, ExamService exams, ClassroomService classrooms,
			PlanService plans, ProgrammeRepository programmes, TrainingAccess access, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.attendance = attendance;
		this.exams = exams;
		this.classrooms = classrooms;
		this.plans = plans;
		this.programmes = programmes;
		this.access = access;
		this.user = user;
		this.audit = audit;
	}

	/** The head teacher's appraisal (or a manager's) of a confirmed trainee; replaces an earlier one. */
	@Transactional
	public void appraise(long enrolmentId, Boolean passed, String comment) {
		var e = jdbc.sql("SELECT classroom_id, status FROM training_enrolment WHERE id = :id").param("id", enrolmentId)
			.query((rs, n) -> new Object[] { rs.getLong("classroom_id"), rs.getString("status") }).optional()
			.orElseThrow(() -> new NotFoundException("no enrolment " + enrolmentId));
		Classroom c = classrooms.get((Long) e[0]);
		if (!plans.canEdit(c)) {
			throw new ForbiddenException("only the classroom's head teacher or managers appraise");
		}
		List<FieldError> errors = new ArrayList<>();
		Checks.required(passed, "passed", errors);
		String text = Checks.text(comment, "comment", false, 500, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!"CONFIRMED".equals(e[1])) {
			throw new ConflictException("enrolment " + enrolmentId + " is " + e[1]);
		}
		Boolean before = jdbc.sql("SELECT passed FROM training_appraisal WHERE enrolment_id = :e").param("e", enrolmentId)
			.query(Boolean.class).optional().orElse(null);
		jdbc.sql("DELETE FROM training_appraisal WHERE enrolment_id = :e").param("e", enrolmentId).update();
		jdbc.sql("INSERT INTO training_appraisal (enrolment_id, passed, comment, appraised_by, appraised_at)"
				+ " VALUES (:e, :p, :c, :by, :now)")
			.param("e", enrolmentId).param("p", passed).param("c", text).param("by", user.username()).param("now", Sql.now())
			.update();
		audit.action("TRAINING_APPRAISE").target("training_enrolment", enrolmentId).region(c.regionCode())
			.before(mapOf("passed", before)).after(mapOf("passed", passed, "comment", text)).record();
	}

	/** Each confirmed trainee of the classroom and what their completion stands on. */
	public List<Completion> completion(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		Map<Long, AttendanceService.TraineeAttendance> att = new HashMap<>();
		attendance.summary(classroomId).forEach(a -> att.put(a.personId(), a));
		Map<Long, Double> finals = exams.finalPercents(c.programmeId());
		return jdbc.sql("""
				SELECT e.id, e.person_id, e.person_name, a.passed, t.code FROM training_enrolment e
				LEFT JOIN training_appraisal a ON a.enrolment_id = e.id
				LEFT JOIN training_certificate t ON t.enrolment_id = e.id
				WHERE e.classroom_id = :c AND e.status = 'CONFIRMED' ORDER BY e.person_name, e.id""")
			.param("c", classroomId)
			.query((rs, n) -> {
				long person = rs.getLong("person_id");
				var a = att.get(person);
				boolean attendanceOk = a != null && !a.withdrawal();
				Double percent = finals.get(person);
				boolean finalOk = percent != null && percent >= PASS_PERCENT;
				Boolean appraisal = rs.getObject("passed") == null ? null : rs.getBoolean("passed");
				return new Completion(rs.getLong("id"), person, rs.getString("person_name"), attendanceOk, percent, finalOk,
						appraisal, attendanceOk && finalOk && Boolean.TRUE.equals(appraisal), rs.getString("code"));
			})
			.list();
	}

	/** Issues a certificate to every trainee of the classroom who completed and has none yet; returns how many. */
	@Transactional
	public int issue(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!classrooms.canManage(c)) {
			throw new ForbiddenException("only the classroom's managers issue certificates");
		}
		Programme p = programmes.find(c.programmeId()).orElseThrow();
		BigDecimal hours = jdbc.sql("SELECT COALESCE(SUM(s.hours), 0) FROM training_session s WHERE s.plan_id = :p")
			.param("p", plans.current(classroomId).id()).query(BigDecimal.class).single();
		int issued = 0;
		for (Completion x : completion(classroomId)) {
			if (!x.completed() || x.certificateCode() != null) {
				continue;
			}
			jdbc.sql("""
					INSERT INTO training_certificate (code, enrolment_id, person_id, person_name, programme_id, programme_name,
					    classroom_name, hours, issued_by, issued_at)
					VALUES (:code, :e, :person, :name, :p, :pname, :cname, :hours, :by, :now)""")
				.param("code", newCode()).param("e", x.enrolmentId()).param("person", x.personId())
				.param("name", x.personName()).param("p", p.id()).param("pname", p.name()).param("cname", c.name())
				.param("hours", hours).param("by", user.username()).param("now", Sql.now()).update();
			issued++;
		}
		audit.action("TRAINING_CERTIFICATES_ISSUE").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("issued", issued)).record();
		return issued;
	}

	private String newCode() {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			s.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return s.toString();
	}

	private static final String CERT = """
			SELECT id, code, person_id, person_name, programme_id, programme_name, classroom_name, hours, issued_at
			FROM training_certificate""";

	static Certificate map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Certificate(rs.getLong("id"), rs.getString("code"), rs.getLong("person_id"), rs.getString("person_name"),
				rs.getLong("programme_id"), rs.getString("programme_name"), rs.getString("classroom_name"),
				rs.getBigDecimal("hours"), Sql.instant(rs, "issued_at"));
	}

	/** Anyone may verify a code: the certificate, or nothing. */
	public Optional<Certificate> verify(String code) {
		if (code == null || code.length() != 12 || !code.chars().allMatch(Character::isLetterOrDigit)) {
			return Optional.empty();
		}
		return jdbc.sql(CERT + " WHERE code = :code").param("code", code.toUpperCase(java.util.Locale.ROOT))
			.query(CompletionService::map).optional();
	}

	/** The holder's name with everything but the first and last character masked (李*珍, 王*). */
	public static String maskName(String name) {
		if (name == null || name.length() < 2) {
			return "*";
		}
		if (name.length() == 2) {
			return name.charAt(0) + "*";
		}
		return name.charAt(0) + "*".repeat(name.length() - 2) + name.charAt(name.length() - 1);
	}

	/** The certificate's PDF, for its holder or the officials and staff who see the classroom. */
	public byte[] pdf(long certificateId, String verifyBaseUrl) {
		Certificate cert = jdbc.sql(CERT + " WHERE id = :id").param("id", certificateId).query(CompletionService::map)
			.optional().orElseThrow(() -> new NotFoundException("no certificate " + certificateId));
		if (cert.personId() != access.me()) {
			long classroom = jdbc.sql("SELECT e.classroom_id FROM training_certificate t JOIN training_enrolment e"
					+ " ON e.id = t.enrolment_id WHERE t.id = :id").param("id", certificateId).query(Long.class).single();
			if (!classrooms.passesOfficial(classroom)) {
				throw new ForbiddenException("not your certificate");
			}
		}
		return render(cert, verifyBaseUrl);
	}

	static byte[] render(Certificate cert, String verifyBaseUrl) {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			BaseFont base = ChineseFont.base();
			Document doc = new Document(PageSize.A4.rotate(), 60, 60, 60, 60);
			PdfWriter.getInstance(doc, out);
			doc.open();
			Font title = new Font(base, 32, Font.BOLD, new Color(0xB0, 0x1E, 0x23));
			Font body = new Font(base, 16);
			Font small = new Font(base, 11);
			Paragraph t = new Paragraph("结业证书", title);
			t.setAlignment(Element.ALIGN_CENTER);
			t.setSpacingAfter(36);
			doc.add(t);
			Paragraph text = new Paragraph(cert.personName() + " 同志参加" + cert.programmeName() + "（" + cert.classroomName()
					+ "），完成全部 " + cert.hours().stripTrailingZeros().toPlainString() + " 学时学习，经考核合格，准予结业。", body);
			text.setLeading(30);
			doc.add(text);
			LocalDate issued = cert.issuedAt().atZone(AttendanceService.ZONE).toLocalDate();
			Paragraph date = new Paragraph(issued.getYear() + "年" + issued.getMonthValue() + "月" + issued.getDayOfMonth() + "日", body);
			date.setAlignment(Element.ALIGN_RIGHT);
			date.setSpacingBefore(40);
			doc.add(date);
			String url = verifyBaseUrl + cert.code();
			BitMatrix m = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 240, 240);
			java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(m.getWidth(), m.getHeight(),
					java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < m.getHeight(); y++) {
				for (int x = 0; x < m.getWidth(); x++) {
					img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			Image qr = Image.getInstance(img, null);
			qr.scaleAbsolute(110, 110);
			doc.add(qr);
			doc.add(new Paragraph("验证码 " + cert.code() + "   " + url, small));
			doc.close();
			return out.toByteArray();
		}
		catch (Exception e) {
			throw new IllegalStateException("could not render certificate " + cert.id(), e);
		}
	}

}
