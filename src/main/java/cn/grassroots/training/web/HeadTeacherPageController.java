package cn.grassroots.training.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.training.internal.AttendanceService;
import cn.grassroots.training.internal.AttendanceStatus;
import cn.grassroots.training.internal.HeadTeacherDesk;

/**
 * The head teacher's pages (班主任): the classrooms they lead with today's sessions, a session's
 * rotating check-in QR code (the fragment refreshes every 30 s; the code of the previous step is
 * still accepted, so the screen is never more than one step behind), the roster marking page that
 * marks everyone in one request, and leave approval.
 */
@Controller
class HeadTeacherPageController {

	private final HeadTeacherDesk desk;
	private final AttendanceService attendance;

	HeadTeacherPageController(HeadTeacherDesk desk, AttendanceService attendance) {
		this.desk = desk;
		this.attendance = attendance;
	}

	@GetMapping("/training/teach")
	String home(Model model) {
		var led = desk.classrooms();
		model.addAttribute("led", led);
		model.addAttribute("today", LocalDate.now(AttendanceService.ZONE));
		model.addAttribute("sessions", led.stream().collect(java.util.stream.Collectors.toMap(
				l -> l.classroom().id(), l -> desk.sessions(l.classroom().id()))));
		model.addAttribute("pending", led.stream().collect(java.util.stream.Collectors.toMap(l -> l.classroom().id(),
				l -> attendance.leaves(l.classroom().id()).stream().filter(x -> "PENDING".equals(x.status())).count())));
		return "training/phone/teach";
	}

	@GetMapping("/training/teach/sessions/{id}/qr")
	String qr(@PathVariable long id, Model model, HttpServletRequest request) {
		var classroom = desk.classroomOfSession(id);
		var current = attendance.currentCode(id);
		String link = ServletUriComponentsBuilder.fromCurrentContextPath().path("/training/check-in")
			.queryParam("session", id).queryParam("code", current.code()).toUriString();
		model.addAttribute("classroom", classroom);
		model.addAttribute("lesson", desk.session(id));
		model.addAttribute("code", current.code());
		model.addAttribute("link", link);
		model.addAttribute("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(png(link)));
		model.addAttribute("seconds", Math.max(0, current.changesAt().getEpochSecond() - Instant.now().getEpochSecond()));
		model.addAttribute("checkedIn", desk.roster(id).stream().filter(r -> r.status() != null && !r.status().missed()).count());
		return Htmx.view(request, "training/phone/qr", "qr");
	}

	private static byte[] png(String content) {
		try {
			BitMatrix m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 360, 360,
					Map.of(EncodeHintType.MARGIN, 2));
			BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < m.getHeight(); y++) {
				for (int x = 0; x < m.getWidth(); x++) {
					img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(img, "png", out);
			return out.toByteArray();
		}
		catch (WriterException | IOException e) {
			throw new IllegalStateException("could not draw the QR code", e);
		}
	}

	@GetMapping("/training/teach/sessions/{id}/roster")
	String roster(@PathVariable long id, Model model) {
		var classroom = desk.classroomOfSession(id);
		model.addAttribute("classroom", classroom);
		model.addAttribute("lesson", desk.session(id));
		model.addAttribute("roster", desk.roster(id));
		model.addAttribute("statuses", AttendanceStatus.values());
		return "training/phone/roster";
	}

	/** One request marks the whole roster: a field s{personId} per trainee carrying the status. */
	@PostMapping("/training/teach/sessions/{id}/roster")
	String mark(@PathVariable long id, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		List<AttendanceService.Mark> marks = new ArrayList<>();
		for (var line : desk.roster(id)) {
			String value = request.getParameter("s" + line.personId());
			if (value == null || value.isBlank()) {
				continue;
			}
			AttendanceStatus status;
			try {
				status = AttendanceStatus.valueOf(value);
			}
			catch (IllegalArgumentException e) {
				status = null;
			}
			marks.add(new AttendanceService.Mark(line.personId(), status));
		}
		try {
			int n = attendance.mark(id, marks);
			redirect.addFlashAttribute("flash", "phone.roster.marked");
			redirect.addFlashAttribute("markedCount", n);
			return "redirect:/training/teach/sessions/" + id + "/roster";
		}
		catch (InvalidInputException e) {
			model.addAttribute("problem", "phone.roster.invalid");
			return roster(id, model);
		}
	}

	@GetMapping("/training/teach/classrooms/{id}/leaves")
	String leaves(@PathVariable long id, Model model) {
		model.addAttribute("classroom", desk.editable(id));
		model.addAttribute("leaves", attendance.leaves(id));
		return "training/phone/leave-approval";
	}

	@PostMapping("/training/teach/leaves/{id}")
	String decide(@PathVariable long id, @RequestParam(required = false) Boolean approve,
			@RequestParam(required = false) String note, @RequestParam long classroom, RedirectAttributes redirect) {
		try {
			attendance.decideLeave(id, approve, note);
			redirect.addFlashAttribute("flash", Boolean.TRUE.equals(approve) ? "phone.leave.approved" : "phone.leave.refused");
		}
		catch (InvalidInputException | ConflictException e) {
			redirect.addFlashAttribute("problem", "phone.leave.notDecided");
		}
		return "redirect:/training/teach/classrooms/" + classroom + "/leaves";
	}
}
