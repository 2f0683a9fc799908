package cn.grassroots.training.web;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.PlanRepository.Plan;
import cn.grassroots.training.internal.PlanService;
import cn.grassroots.training.internal.PlanStatus;
import cn.grassroots.training.internal.ProgrammeRepository;
import cn.grassroots.training.internal.ProgrammeService;

/**
 * The officer's training pages: the programme list (scoped in SQL by the service), a programme with
 * its classrooms and their plan status, and a classroom's current plan with its rule results and the
 * reviewer's approve / return forms.
 */
@Controller
class TrainingPageController {

	/** A classroom line of the programme page with its current plan's status (null when it has none). */
	record ClassroomPlanLine(Classroom classroom, String regionPath, PlanStatus planStatus, Integer planVersion) {
	}

	/** A rule result with its detail in the reader's language. */
	record RuleLine(String rule, boolean passed, String detail) {
	}

	private final ProgrammeService programmes;
	private final ClassroomService classrooms;
	private final PlanService plans;
	private final CurrentUser user;
	private final MessageSource messages;

	TrainingPageController(ProgrammeService programmes, ClassroomService classrooms, PlanService plans,
			CurrentUser user, MessageSource messages) {
		this.programmes = programmes;
		this.classrooms = classrooms;
		this.plans = plans;
		this.user = user;
		this.messages = messages;
	}

	@GetMapping("/training/programmes")
	String list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model,
			HttpServletRequest request) {
		user.require(Permission.TRAINING_READ);
		SortOrder order = Sorting.model(model, ProgrammeRepository.SORT, sort);
		model.addAttribute("result", programmes.list(year, order, PageRequest.of(page, size)));
		model.addAttribute("year", year);
		return Htmx.view(request, "training/programmes", "results");
	}

	@GetMapping("/training/programmes/{id}")
	String programme(@PathVariable long id, Model model) {
		user.require(Permission.TRAINING_READ);
		var programme = programmes.get(id);
		List<ClassroomPlanLine> lines = classrooms.ofProgramme(id).stream().map(c -> {
			Optional<Plan> plan = plans.currentOf(c);
			return new ClassroomPlanLine(c, classrooms.regionPath(c.regionCode()),
					plan.map(Plan::status).orElse(null), plan.map(Plan::version).orElse(null));
		}).toList();
		model.addAttribute("programme", programme);
		model.addAttribute("classrooms", lines);
		return "training/programme";
	}

	@GetMapping("/training/classrooms/{id}/plan")
	String plan(@PathVariable long id, Model model) {
		user.require(Permission.TRAINING_READ);
		return planPage(id, model, null, null);
	}

	@PostMapping("/training/classrooms/{id}/plan/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) String comment, Model model) {
		return review(id, true, comment, model);
	}

	@PostMapping("/training/classrooms/{id}/plan/return")
	String returnPlan(@PathVariable long id, @RequestParam(required = false) String comment, Model model) {
		return review(id, false, comment, model);
	}

	private String review(long id, boolean approve, String comment, Model model) {
		user.require(Permission.TRAINING_READ);
		try {
			plans.review(id, approve, comment);
			return "redirect:/training/classrooms/" + id + "/plan";
		}
		catch (InvalidInputException e) {
			return planPage(id, model, approve ? "training.review.commentInvalid" : "training.review.commentRequired",
					comment);
		}
	}

	private String planPage(long id, Model model, String commentError, String comment) {
		Classroom c = classrooms.get(id);
		var programme = programmes.get(c.programmeId());
		Optional<Plan> plan = plans.currentOf(c);
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programme);
		model.addAttribute("regionPath", classrooms.regionPath(c.regionCode()));
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("sessions", plan.map(plans::sessions).orElse(List.of()));
		model.addAttribute("rules", plan.isEmpty() ? List.of()
				: plans.check(id).stream()
					.map(r -> new RuleLine(r.rule(), r.passed(), messages.getMessage(r.detailKey(), r.args().toArray(),
							r.detailKey(), LocaleContextHolder.getLocale())))
					.toList());
		model.addAttribute("canReview",
				plan.isPresent() && plan.get().status() == PlanStatus.SUBMITTED && plans.canReview(c));
		model.addAttribute("commentError", commentError);
		model.addAttribute("comment", comment);
		return "training/plan";
	}
}
