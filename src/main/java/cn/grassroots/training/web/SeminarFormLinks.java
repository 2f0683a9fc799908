package cn.grassroots.training.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.grassroots.training.internal.SeminarService;

/**
 * Lets the seminar pages (SeminarPageController's views) link to the desk forms of
 * {@link SeminarFormPageController} only for those who may use them: {@code seminarForms.canRun(classroomId)}
 * and {@code seminarForms.canEdit(seminarId)} in the templates. Nothing is asked until a template does.
 */
@ControllerAdvice(assignableTypes = SeminarPageController.class)
class SeminarFormLinks {

	/** What the templates call. */
	static final class Links {

		private final SeminarService seminars;

		Links(SeminarService seminars) {
			this.seminars = seminars;
		}

		/** Whether the caller holds the classroom's seminars (its officers and head teachers). */
		public boolean canRun(long classroomId) {
			return seminars.canRun(classroomId);
		}

		/** Whether the caller runs the seminar's classroom or writes one of its groups' lists. */
		public boolean canEdit(long seminarId) {
			var s = seminars.get(seminarId);
			return seminars.canRun(s.classroomId()) || seminars.groups(seminarId).stream().anyMatch(g -> seminars.canWrite(g.id()));
		}
	}

	private final Links links;

	SeminarFormLinks(SeminarService seminars) {
		this.links = new Links(seminars);
	}

	@ModelAttribute("seminarForms")
	Links seminarForms() {
		return links;
	}
}
