package cn.grassroots.training.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Tells the classroom desk pages whether the viewer is an officer (TRAINING_READ) or reaches the
 * classroom only through a personal assignment such as head teacher: the pages then lead back to
 * the head teacher's desk instead of the programme list, and leave out links the viewer would be
 * refused (a trainee's whole record, the officers' plan review). The templates read a missing
 * flag as an officer's view, so a page rendered by another controller keeps its old links.
 */
@ControllerAdvice(assignableTypes = { TrainingDeskPageController.class, SeminarPageController.class })
class TrainingPageAdvice {

	private final CurrentUser user;

	TrainingPageAdvice(CurrentUser user) {
		this.user = user;
	}

	@ModelAttribute
	void officer(Model model) {
		model.addAttribute("trainingOfficer", user.principalIfAny().isPresent() && user.has(Permission.TRAINING_READ));
	}
}
