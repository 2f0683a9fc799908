package cn.grassroots.training.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.training.internal.CaseLibrary;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.FindingStatus;
import cn.grassroots.training.internal.LecturerService;
import cn.grassroots.training.internal.ProgrammeService;
import cn.grassroots.training.internal.SeminarService;
import cn.grassroots.training.internal.SupervisionService;
import cn.grassroots.training.internal.SymposiumService;
import cn.grassroots.training.internal.TopicCategory;

/**
 * Desk pages for lecturers and the case library, a classroom's seminars and symposiums, a seminar's
 * groups and lists (adopted from here), a programme's supervision. The trainee's own items and
 * ratings are phone pages of {@link TraineeEvaluationPageController}.
 */
@Controller
class SeminarPageController {

	private final LecturerService lecturers;
	private final CaseLibrary cases;
	private final SeminarService seminars;
	private final SymposiumService symposiums;
	private final SupervisionService supervision;
	private final ClassroomService classrooms;
	private final ProgrammeService programmes;
	private final CurrentUser user;

	SeminarPageController(LecturerService lecturers, CaseLibrary cases, SeminarService seminars,
			SymposiumService symposiums, SupervisionService supervision, ClassroomService classrooms,
			ProgrammeService programmes, CurrentUser user) {
		this.lecturers = lecturers;
		this.cases = cases;
		this.seminars = seminars;
		this.symposiums = symposiums;
		this.supervision = supervision;
		this.classrooms = classrooms;
		this.programmes = programmes;
		this.user = user;
	}

	@GetMapping("/training/library")
	String library(@RequestParam(required = false) TopicCategory topic, @RequestParam(required = false) String q,
			@RequestParam(required = false) String near, @RequestParam(required = false) String similarTo,
			@RequestParam(required = false) Integer households, Model model, HttpServletRequest request) {
		user.require(Permission.TRAINING_READ);
		model.addAttribute("topics", TopicCategory.values());
		model.addAttribute("topic", topic);
		model.addAttribute("q", q);
		model.addAttribute("near", near);
		model.addAttribute("similarTo", similarTo);
		model.addAttribute("households", households);
		model.addAttribute("lecturers", lecturers.list(topic, null, null));
		try {
			model.addAttribute("cases", cases.search(new CaseLibrary.Query(topic, q, similarTo, households, near)));
		}
		catch (InvalidInputException e) {
			model.addAttribute("cases", java.util.List.of());
			model.addAttribute("searchError", e.errors().get(0).message());
		}
		return Htmx.view(request, "training/library", "results");
	}

	@GetMapping("/training/lecturers/{id}")
	String lecturer(@PathVariable long id, Model model) {
		user.require(Permission.TRAINING_READ);
		model.addAttribute("lecturer", lecturers.get(id));
		model.addAttribute("row", lecturers.list(null, null, null).stream().filter(r -> r.lecturer().id() == id).findFirst()
			.orElse(null));
		model.addAttribute("taught", lecturers.taught(id));
		return "training/lecturer";
	}

	@GetMapping("/training/classrooms/{id}/seminars")
	String classroomSeminars(@PathVariable long id, Model model) {
		var c = classrooms.get(id);
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("seminars", seminars.ofClassroom(id));
		model.addAttribute("official", classrooms.passesOfficial(id));
		model.addAttribute("symposiums", classrooms.passesOfficial(id) ? symposiums.ofClassroom(id) : java.util.List.of());
		return "training/seminars";
	}

	@GetMapping("/training/seminars/{id}")
	String seminar(@PathVariable long id, Model model) {
		var s = seminars.get(id);
		model.addAttribute("seminar", s);
		model.addAttribute("groups", seminars.groups(id));
		model.addAttribute("canRun", seminars.canRun(s.classroomId()));
		return "training/seminar";
	}

	@PostMapping("/training/seminar-groups/{id}/adopt")
	String adopt(@PathVariable long id) {
		long seminar = seminars.group(id).seminarId();
		seminars.adopt(id, null);
		return "redirect:/training/seminars/" + seminar;
	}

	@GetMapping("/training/programmes/{id}/supervision")
	String supervision(@PathVariable long id, @RequestParam(required = false) FindingStatus status, Model model) {
		model.addAttribute("programme", programmes.get(id));
		model.addAttribute("teams", supervision.teams(id));
		model.addAttribute("visits", supervision.visits(id));
		model.addAttribute("findings", supervision.findings(id, status));
		model.addAttribute("open", supervision.openFindingCount(id, null));
		model.addAttribute("status", status);
		model.addAttribute("statuses", FindingStatus.values());
		return "training/supervision";
	}
}
