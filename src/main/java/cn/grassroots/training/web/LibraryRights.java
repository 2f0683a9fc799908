package cn.grassroots.training.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.training.internal.LecturerService;
import cn.grassroots.training.internal.LecturerService.Lecturer;

/**
 * What the library's pages may offer the caller: the buttons to add a lecturer or a case (TRAINING_MANAGE
 * anywhere), to edit one lecturer (TRAINING_MANAGE over its region), and the link from a plan session to
 * its lecturer-and-case form (TRAINING_READ, which the lecturer and case lists need). Given to the pages of
 * the controllers that render library.html, lecturer.html and plan-edit.html as {@code libraryRights}; the
 * forms themselves check again through the services.
 */
@ControllerAdvice(assignableTypes = { SeminarPageController.class, TrainingDeskPageController.class,
		LibraryFormPageController.class })
class LibraryRights {

	/** The rights as a small object the templates ask. */
	static final class View {

		private final CurrentUser user;
		private final LecturerService lecturers;

		View(CurrentUser user, LecturerService lecturers) {
			this.user = user;
			this.lecturers = lecturers;
		}

		/** May add lecturers and cases somewhere. */
		public boolean write() {
			return user.principalIfAny().isPresent() && user.has(Permission.TRAINING_MANAGE);
		}

		/** May read the library (and so pick a session's lecturer and case). */
		public boolean read() {
			return user.principalIfAny().isPresent() && user.has(Permission.TRAINING_READ);
		}

		/** May change this lecturer. */
		public boolean lecturer(Lecturer l) {
			return write() && lecturers.canManage(l);
		}
	}

	private final CurrentUser user;
	private final LecturerService lecturers;

	LibraryRights(CurrentUser user, LecturerService lecturers) {
		this.user = user;
		this.lecturers = lecturers;
	}

	@ModelAttribute
	void rights(Model model) {
		model.addAttribute("libraryRights", new View(user, lecturers));
	}
}
