package cn.grassroots.training.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.training.internal.AttendanceService;
import cn.grassroots.training.internal.TraineeDesk;

/**
 * The trainee's phone pages (学员端): my timetable with today's check-in, check-in by the rotating
 * code (the QR code opens this page with the code filled in), my tests taken within their window
 * with answers saved as they are given, my leave requests, my record and certificate. Everything
 * shown is the caller's own, read by {@link TraineeDesk} with the caller's person id bound in SQL.
 */
@Controller
class TraineePageController {

	private final TraineeDesk desk;
	private final AttendanceService attendance;

	TraineePageController(TraineeDesk desk, AttendanceService attendance) {
		this.desk = desk;
		this.attendance = attendance;
	}

	@GetMapping("/training/me")
	String timetable(@RequestParam(required = false) Long classroom, Model model, HttpServletRequest request) {
		var classrooms = desk.classrooms();
		model.addAttribute("classrooms", classrooms);
		model.addAttribute("today", LocalDate.now(AttendanceService.ZONE));
		if (!classrooms.isEmpty()) {
			var current = classroom == null ? classrooms.get(0) : desk.classroom(classroom);
			model.addAttribute("current", current);
			model.addAttribute("days", desk.byDay(desk.timetable(current.classroomId())));
		}
		model.addAttribute("tab", "timetable");
		return Htmx.view(request, "training/phone/timetable", "days");
	}

	@GetMapping("/training/check-in")
	String checkInForm(@RequestParam(required = false) Long session, @RequestParam(required = false) String code,
			Model model) {
		model.addAttribute("sessionId", session);
		model.addAttribute("code", code);
		model.addAttribute("tab", "scan");
		model.addAttribute("todaySessions", todaySessions());
		return "training/phone/check-in";
	}

	@PostMapping("/training/check-in")
	String checkIn(@RequestParam(required = false) Long session, @RequestParam(required = false) String code,
			Model model) {
		model.addAttribute("sessionId", session);
		model.addAttribute("code", code);
		model.addAttribute("tab", "scan");
		try {
			model.addAttribute("checkedIn", attendance.checkIn(session, code == null ? null : code.trim()));
		}
		catch (InvalidInputException e) {
			model.addAttribute("error", e.errors().get(0).message());
		}
		catch (ForbiddenException | NotFoundException e) {
			model.addAttribute("error", "phone.checkIn.notYours");
		}
		catch (ConflictException e) {
			model.addAttribute("error", "phone.checkIn.oldPlan");
		}
		model.addAttribute("todaySessions", todaySessions());
		return "training/phone/check-in";
	}

	/** Today's sessions of the caller's classrooms, for choosing one when the code is typed in. */
	private List<TraineeDesk.MySession> todaySessions() {
		return desk.classrooms().stream().flatMap(c -> desk.timetable(c.classroomId()).stream())
			.filter(TraineeDesk.MySession::today).toList();
	}

	@GetMapping("/training/me/tests")
	String tests(Model model) {
		model.addAttribute("tests", desk.tests());
		model.addAttribute("tab", "tests");
		return "training/phone/tests";
	}

	@GetMapping("/training/me/tests/{id}")
	String test(@PathVariable long id, Model model) {
		var test = desk.test(id);
		model.addAttribute("test", test);
		model.addAttribute("tab", "tests");
		if (test.open() && !test.submitted()) {
			model.addAttribute("questions", desk.questions(id));
			model.addAttribute("drafts", desk.drafts(id));
		}
		return "training/phone/test";
	}

	/** One answer kept as it is given (htmx, on change; the whole form comes along): answers the small "saved" note. */
	@PostMapping("/training/me/tests/{id}/answers")
	String saveAnswer(@PathVariable long id, @RequestParam Long questionId, HttpServletRequest request, Model model) {
		String[] values = request.getParameterValues("q" + questionId);
		try {
			desk.saveDraft(id, questionId, values == null ? null : String.join(",", values));
			model.addAttribute("saved", true);
		}
		catch (InvalidInputException | ConflictException e) {
			model.addAttribute("saved", false);
		}
		return "training/phone/saved :: saved";
	}

	/** The submission: each question's answer is the form field q{id} (several values for multiple choice). */
	@PostMapping("/training/me/tests/{id}/submit")
	String submit(@PathVariable long id, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Map<Long, String> answers = new LinkedHashMap<>();
		for (var q : desk.questions(id)) {
			String[] values = request.getParameterValues("q" + q.id());
			answers.put(q.id(), values == null ? null : String.join(",", values));
		}
		try {
			var result = desk.submit(id, answers);
			redirect.addFlashAttribute("result", result);
			return "redirect:/training/me/tests/" + id;
		}
		catch (ConflictException e) {
			redirect.addFlashAttribute("problem", "phone.test.closedOrTaken");
			return "redirect:/training/me/tests/" + id;
		}
	}

	@GetMapping("/training/me/leaves")
	String leaves(Model model) {
		leavesModel(model);
		return "training/phone/leaves";
	}

	@PostMapping("/training/me/leaves")
	String requestLeave(@RequestParam(required = false) Long classroomId, @RequestParam(required = false) LocalDate fromDate,
			@RequestParam(required = false) LocalDate toDate, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes redirect) {
		try {
			attendance.requestLeave(classroomId, fromDate, toDate, reason);
			redirect.addFlashAttribute("flash", "phone.leave.requested");
			return "redirect:/training/me/leaves";
		}
		catch (InvalidInputException e) {
			model.addAttribute("errors", e.byField());
			model.addAttribute("fromDate", fromDate);
			model.addAttribute("toDate", toDate);
			model.addAttribute("reason", reason);
			leavesModel(model);
			return "training/phone/leaves";
		}
	}

	private void leavesModel(Model model) {
		var classrooms = desk.classrooms();
		model.addAttribute("classrooms", classrooms);
		model.addAttribute("leaves", classrooms.stream().flatMap(c -> attendance.leaves(c.classroomId()).stream()).toList());
		model.addAttribute("tab", "me");
	}

	@GetMapping("/training/me/record")
	String record(Model model) {
		model.addAttribute("records", desk.record());
		model.addAttribute("tab", "me");
		return "training/phone/record";
	}
}
